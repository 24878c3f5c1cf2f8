"""Which column holds what kind of personal data, from its header and a sample of its values.

The categories are the badges of the wizard and the ``category`` of ``exporter inspect --json``; the sensitive
ones (`SENSITIVE_CATEGORIES`) need an explicit confirmation before they leave the building.

Precedence, because header and values can disagree:

1. A header that names a kind decides (口座番号, ｺｳｻﾞﾒｲｷﾞ, birth_date, 備考). Headers are matched as a folded
   copy (:mod:`exporter.classify_text`): invisible characters removed (a zero-width space inside 氏名 is still
   氏名), NFKC (half-width katakana as full-width), spaces unified and trimmed, lower-case, separators dropped,
   kana folded (ｼﾞﾕｳｼﾖ is ｼﾞｭｳｼｮ). When a header fits several kinds the more sensitive or more specific one
   wins (:mod:`exporter.classify_vocabulary`). The names themselves are never changed.
2. A header that says nothing (項目003, col7, field_12, 列1, or any unknown name) leaves it to the values: the
   first kind that at least 80 % of the non-empty sample values fit, else `other`. Empty columns go by header.
3. Unmistakable sensitive values override a header of a less sensitive kind (my_number > special >
   financial = tax > the rest): valid My Numbers (check digit), care levels (要介護3), bank and branch names.
   So 備考 full of My Numbers is `my_number`.
4. Weak shapes (7 digits as an account number, kana as a name, M/F as gender, long text as free text) count
   only under a header that says nothing: under 住民番号, seven digits are resident numbers.

続柄 (relationship to the head of household) is `other`: it identifies nobody and is not 要配慮個人情報.
Values are compared as copies cleaned the same way (invisible characters removed, NFKC so full-width digits
count); the data itself is never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from exporter import classify_patterns as patterns

__all__ = [
    "SENSITIVE_CATEGORIES",
    "Category",
    "classify_column",
    "classify_columns",
    "is_valid_my_number",
]


class Category(StrEnum):
    """What kind of personal data a column holds; the value is the stable name used in JSON and settings."""

    MY_NUMBER = "my_number"
    IDENTIFIER = "identifier"
    NAME = "name"
    ADDRESS = "address"
    CONTACT = "contact"
    BIRTH = "birth"
    GENDER = "gender"
    FINANCIAL = "financial"
    TAX = "tax"
    SPECIAL = "special"
    FREE_TEXT = "free_text"
    OTHER = "other"


SENSITIVE_CATEGORIES: frozenset[Category] = frozenset(
    {Category.MY_NUMBER, Category.FINANCIAL, Category.TAX, Category.SPECIAL}
)

# How many non-empty values per column are looked at, and what share of them must fit a shape.
SAMPLE_LIMIT = 200
MAJORITY_PERCENT = 80

# Only used to compare header and value evidence; kinds not listed rank 0.
_SENSITIVITY_RANK: dict[Category, int] = {
    Category.MY_NUMBER: 3,
    Category.SPECIAL: 2,
    Category.FINANCIAL: 1,
    Category.TAX: 1,
}

# My Number check digit weights Q_n for the n-th of the first 11 digits counted from the right (n = 1..11).
_MY_NUMBER_WEIGHTS = (2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6)


def is_valid_my_number(value: str) -> bool:
    """True for exactly 12 ASCII digits whose last digit is the My Number check digit.

    Strict on purpose (no spaces, hyphens or full-width digits) so the sample generator can use it as is;
    the classifier normalises its copy of a cell before asking.
    """
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    digits_from_right = reversed(value[:11])
    remainder = sum(int(d) * q for d, q in zip(digits_from_right, _MY_NUMBER_WEIGHTS, strict=True)) % 11
    return int(value[11]) == (0 if remainder <= 1 else 11 - remainder)


def _is_my_number(value: str) -> bool:
    digits = patterns.my_number_digits(value)
    return digits is not None and is_valid_my_number(digits)


class _Shape:
    """One value shape: the category it suggests and whether it may override a header that says something."""

    __slots__ = ("category", "fits", "strong")

    def __init__(self, category: Category, fits: Callable[[str], bool], *, strong: bool = False) -> None:
        self.category = category
        self.fits = fits
        self.strong = strong


# First shape that the majority fits wins; the order settles overlaps (a care level before a name, a postal
# code before an address, bank names before the kana-name shape).
_SHAPES: tuple[_Shape, ...] = (
    _Shape(Category.MY_NUMBER, _is_my_number, strong=True),
    _Shape(Category.SPECIAL, patterns.is_care_level, strong=True),
    _Shape(Category.CONTACT, patterns.is_phone),
    _Shape(Category.CONTACT, patterns.is_email),
    _Shape(Category.ADDRESS, patterns.is_postal_code),
    _Shape(Category.BIRTH, patterns.is_date),
    _Shape(Category.GENDER, patterns.is_gender_word),
    _Shape(Category.FINANCIAL, patterns.is_bank_or_branch, strong=True),
    _Shape(Category.ADDRESS, patterns.is_address),
    _Shape(Category.FINANCIAL, patterns.is_account_number_or_type),
    _Shape(Category.NAME, patterns.is_person_name),
    _Shape(Category.FREE_TEXT, patterns.is_prose),
)


def _sample(values: Iterable[str]) -> list[str]:
    """The first `SAMPLE_LIMIT` non-empty values, normalised copies."""
    sample: list[str] = []
    for value in values:
        normalised = patterns.normalise_value(value) if value else ""
        if normalised:  # a cell of spaces or invisible characters only is empty
            sample.append(normalised)
            if len(sample) == SAMPLE_LIMIT:
                break
    return sample


def _majority_fits(shape: _Shape, sample: list[str]) -> bool:
    allowed_misses = len(sample) * (100 - MAJORITY_PERCENT) // 100  # integers: 16 of 20 is exactly enough
    misses = 0
    for value in sample:
        if not shape.fits(value):
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def _value_shape(sample: list[str], *, header: Category | None) -> _Shape | None:
    """The shape the sample fits, considering only shapes that could change the outcome under `header`."""
    if not sample:
        return None
    header_rank = -1 if header is None else _SENSITIVITY_RANK.get(header, 0)
    for shape in _SHAPES:
        if header is not None and not (shape.strong and _SENSITIVITY_RANK.get(shape.category, 0) > header_rank):
            continue
        if _majority_fits(shape, sample):
            if shape.category is Category.FREE_TEXT and len(set(sample)) < min(5, len(sample)):
                continue  # one phrase repeated is a code, not free text
            return shape
    return None


def _header_category(name: str) -> Category | None:
    found = patterns.header_category(name)
    return None if found is None else Category(found)


def _classify_sample(name: str, sample: list[str]) -> Category:
    header = _header_category(name)
    shape = _value_shape(sample, header=header)
    if shape is not None:
        return shape.category
    return header if header is not None else Category.OTHER


def classify_column(name: str, values: Sequence[str]) -> Category:
    """Return the category of one column from its header `name` and a sample of its `values`."""
    return _classify_sample(name, _sample(values))


def classify_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Category]:
    """Return one category per header entry; `rows` is a sample of data rows, missing cells count as empty."""
    categories: list[Category] = []
    for index, name in enumerate(header):
        column = (row[index] if index < len(row) else "" for row in rows)
        categories.append(_classify_sample(name, _sample(column)))
    return categories
