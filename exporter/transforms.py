"""Values transformed on the way out: one transform per kept column, as pure functions over Arrow string arrays.

Kinds (``--transform COLUMN=KIND[:N]``; ``KIND`` is case-insensitive, full-width forms are read):

==============  ===========================================================================================
keep            the value as written (the default)
mask:N          the last N characters kept, every other character replaced by ``*`` (U+002A); the length in
                characters (Unicode code points) is kept: ``090-1234-5678`` -> ``*********5678`` (N from 0 to 100)
pseudonym       a token from the office's key: HMAC-SHA-256, 80 bits in Crockford base32
                (``7K2M-Q9XD-4TRB-H1VZ``); see :mod:`exporter.pseudonym`
year            a birth date as its Gregorian year: ``昭和24年5月8日`` -> ``1949``
age-band:W      the age on the reference date in bands of W years from 0: ``65～69`` (W = 5), ``67`` (W = 1);
                W from 1 to 120. Someone born on 29 February has a birthday on 1 March in common years. The
                bounds are joined by a full-width tilde (U+FF5E, how Japanese writes a range; CP932 0x8160),
                not a hyphen: Japanese Excel and LibreOffice Calc read ``5-9`` or ``10-14`` in a CSV file as
                dates (9 May, 14 October), which ``5～9`` never becomes (tests/test_age_band_spreadsheets.py).
postal-area     the first three digits of a postal code: ``〒464-9081`` -> ``464``; see :mod:`exporter.address_town`
address-town    an address up to its town and 丁目: ``港町４丁目１９番７号`` -> ``港町４丁目``
formula-safe    a cell that a spreadsheet would run as a formula gets a leading apostrophe: ``=1+2`` -> ``'=1+2``
==============  ===========================================================================================

Dates are read by :func:`exporter.dates.parse_date` (ISO, ``2026/4/1``, Japanese eras such as ``令和8年4月1日`` and
``R8.4.1``, full-width digits). Empty cells stay empty for every kind. A non-empty cell a transform cannot handle
(a birth date that is not a date or lies after the reference date, a postal code without its digits, an address with
no town) raises :class:`TransformRefused` with its index; nothing is ever guessed.

**Formula cells.** Excel runs a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (``-1+2``
shows 1; ``=HYPERLINK(...)`` makes a link), and a leading tab or carriage return does not stop it
(OWASP, "CSV Injection"); Japanese Excel also takes the full-width ＝＋－＠ typed through the IME as formulas, so
they count too. LibreOffice Calc 7.4, measured here by opening such a CSV file headless, runs only cells that
start with ``=``. ``formula-safe`` follows OWASP's advice: such a cell gets a leading apostrophe (``'``). Excel and
LibreOffice then show it as text, the apostrophe included (in a CSV file it is part of the value, not Excel's
hidden text marker), and a recipient sees that the value was changed. Other cells are written unchanged. It is
never applied unasked, since values otherwise pass through exactly; ``exporter inspect`` counts such cells.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import first_true, int_scalar, is_blank, scalar, string_array, text_scalar
from exporter.errors import PlanError
from exporter.messages import Message, msg
from exporter.pseudonym import PseudonymKey

BAND_JOINER = "\uff5e"  # ～ between an age band's bounds; a hyphen makes Japanese spreadsheets read dates
KINDS = ("keep", "mask", "pseudonym", "year", "age-band", "postal-area", "address-town", "formula-safe")
MASK_CHARACTER = "*"
FORMULA_STARTS = "=+-@\t\r＝＋－＠"
FORMULA_PREFIX = "'"

# Kinds that take a number after a colon: (smallest, largest, an example for the message).
_ARGUMENTS: dict[str, tuple[int, int, str]] = {"mask": (0, 100, "mask:4"), "age-band": (1, 120, "age-band:5")}
_FORMULA_PATTERN = "^[" + "".join("\\" + c if c in "-\\]^" else c for c in FORMULA_STARTS) + "]"


@dataclass(frozen=True)
class Transform:
    """One kind from :data:`KINDS` and its number (mask's N, age-band's W; None for the others).

    Raises PlanError when the kind is unknown or its number is missing, not allowed or out of range."""

    kind: str
    argument: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PlanError(msg("transforms.unknown_kind", kind=self.kind), hint=_kinds_hint(self.kind))
        bounds = _ARGUMENTS.get(self.kind)
        if bounds is None:
            if self.argument is not None:
                raise PlanError(msg("transforms.takes_no_argument", kind=self.kind))
            return
        low, high, example = bounds
        if self.argument is None:
            raise PlanError(msg("transforms.needs_argument", kind=self.kind, example=example))
        if not low <= self.argument <= high:
            raise PlanError(msg("transforms.bad_argument", kind=self.kind, low=low, high=high))

    def text(self) -> str:
        """The canonical text, as ``--transform`` takes it and the manifest records it: ``mask:4``, ``pseudonym``."""
        return self.kind if self.argument is None else f"{self.kind}:{self.argument}"


@dataclass(frozen=True)
class TransformContext:
    """What some kinds need besides the values: the day ages are counted on, and the pseudonym key. (Birth dates
    are parsed once per distinct text across batches by :func:`exporter.dates.parse_dates` itself.)"""

    reference_date: date
    pseudonym_key: PseudonymKey | None = None


class TransformRefused(PlanError):
    """A non-empty cell that ``transform`` cannot handle, at ``index`` (0-based) of the array given.

    ``reason`` is one sentence saying why; the caller knows the file and line and may build the whole sentence with
    :meth:`located`. The value itself is never part of the message."""

    def __init__(self, index: int, transform: Transform, reason: Message, column: str | None = None) -> None:
        self.index = index
        self.transform = transform
        self.reason = reason
        self.column = column
        if column is None:
            sentence = msg("transforms.refused", transform=transform.text(), reason=reason)
        else:
            sentence = msg("transforms.refused_in_column", transform=transform.text(), reason=reason, column=column)
        super().__init__(sentence)

    def in_column(self, column: str) -> TransformRefused:
        """The same refusal, naming the column."""
        return TransformRefused(self.index, self.transform, self.reason, column)

    def located(self, name: str, line: int, column: str | None = None) -> Message:
        """The sentence naming the file and its line: ``residents.csv, line 12: the column birth_date ...``."""
        return msg(
            "transforms.refused_at",
            name=name,
            line=line,
            column=column if column is not None else (self.column or ""),
            transform=self.transform.text(),
            reason=self.reason,
        )


def parse_transform(text: str) -> Transform:
    """``KIND`` or ``KIND:N`` (``mask:4``, ``age-band:5``, ``pseudonym``) as a :class:`Transform`. Case and
    full-width forms are folded (NFKC), surrounding spaces ignored. Raises PlanError for an unknown kind (with the
    closest kinds), a number that is missing, not allowed, not a whole number or out of range."""
    folded = unicodedata.normalize("NFKC", text).strip()
    kind, colon, number = folded.partition(":")
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise PlanError(msg("transforms.unknown_kind", kind=kind), hint=_kinds_hint(kind))
    if not colon:
        return Transform(kind)
    number = number.strip()
    if kind not in _ARGUMENTS:
        raise PlanError(msg("transforms.takes_no_argument", kind=kind))
    low, high, _ = _ARGUMENTS[kind]
    if not (number.isascii() and number.isdigit()) or len(number) > 4:
        raise PlanError(msg("transforms.bad_argument", kind=kind, low=low, high=high))
    return Transform(kind, int(number))


def parse_transform_option(text: str) -> tuple[str, Transform]:
    """``COLUMN=KIND[:N]`` (``--transform``) split at the last ``=`` (a column name may hold ``=``): the column as
    written and its transform. Raises PlanError when there is no ``=``, no column or the transform does not parse."""
    column, equals, kind = text.rpartition("=")
    if not equals or not column or not kind.strip():
        raise PlanError(msg("transforms.option_shape"))
    return column, parse_transform(kind)


def apply_transform(transform: Transform, values: pa.Array, context: TransformContext) -> pa.Array:
    """``values`` (a string or large_string array; empty cells are "") transformed by ``transform``: an array of
    the same type and length. Pure: the input is not changed. Raises :class:`TransformRefused` at the first
    non-empty cell the transform cannot handle, and PlanError when ``pseudonym`` has no key in ``context``."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    kind = transform.kind
    if kind == "keep":
        return values
    result: pa.Array
    if kind == "mask":
        result = _mask(values, transform.argument or 0)
    elif kind == "pseudonym":
        if context.pseudonym_key is None:
            raise PlanError(msg("transforms.pseudonym_needs_key"), hint=msg("transforms.pseudonym_needs_key_hint"))
        result = context.pseudonym_key.tokens(values)
    elif kind in ("year", "age-band"):
        result = _from_birth_dates(transform, values, context)
    elif kind in ("postal-area", "address-town"):
        from exporter.address_town import postal_areas, towns

        result, refused = (postal_areas if kind == "postal-area" else towns)(values)
        if refused is not None:
            reason = "transforms.not_a_postal_code" if kind == "postal-area" else "transforms.no_town"
            raise TransformRefused(refused, transform, msg(reason))
    else:  # formula-safe
        result = pc.if_else(
            formula_like(values),
            pc.binary_join_element_wise(text_scalar(FORMULA_PREFIX, values.type), values, text_scalar("", values.type)),
            values,
        )
    return result if result.type == values.type else result.cast(values.type)


def formula_like(values: pa.Array) -> pa.Array:
    """Boolean array: True where a cell starts with one of :data:`FORMULA_STARTS` (``= + - @``, tab, CR, or the
    full-width ＝＋－＠), which Excel would run as a formula (see the module docstring). Never null."""
    found = pc.match_substring_regex(values, _FORMULA_PATTERN)
    return pc.and_kleene(found, pc.is_valid(values)) if found.null_count else found


def count_formula_cells(rows: Sequence[Sequence[str]], columns: int) -> list[int]:
    """How many cells of each of ``columns`` columns are :func:`formula_like`, in ``rows`` (a preview's rows, as
    :attr:`exporter.source.Source.head_rows` holds them)."""
    counts = []
    for index in range(columns):
        cells = string_array([row[index] for row in rows])
        counts.append(int(pc.sum(formula_like(cells)).as_py() or 0))
    return counts


def needs_pseudonym_key(transforms: Iterable[Transform]) -> bool:
    """True when one of ``transforms`` is ``pseudonym`` (the export then needs ``--pseudonym-key``)."""
    return any(transform.kind == "pseudonym" for transform in transforms)


# Kinds that fit each column category (exporter.classify.Category values). ``keep`` always fits and is not listed.
# My Number gets none: a token made from a My Number still counts as one in law (番号法 2条8項, "個人番号に代わって
# 用いられる番号"), and its last digits are a check digit, so neither a pseudonym nor a mask makes it less.
_SUGGESTED: dict[str, tuple[str, ...]] = {
    "identifier": ("pseudonym",),
    "financial": ("mask", "pseudonym"),
    "contact": ("mask",),
    "birth": ("year", "age-band"),
    "address": ("postal-area", "address-town"),
}


def suggested_transforms(category: str, *, formula_cells: bool = False) -> tuple[str, ...]:
    """The kinds (from :data:`KINDS`, besides ``keep``, which always fits) that suit a column of ``category`` (a
    :class:`exporter.classify.Category` value), most useful first; ``formula-safe`` too when the column holds
    ``formula_cells``. An unknown category gets none."""
    kinds = _SUGGESTED.get(str(category), ())
    return (*kinds, "formula-safe") if formula_cells else kinds


def _mask(values: pa.Array, keep: int) -> pa.Array:
    """Every character but the last ``keep`` becomes :data:`MASK_CHARACTER`; a value of ``keep`` characters or
    fewer is masked whole, so that no value ever leaves as it was (mask:2 on two-character surnames)."""
    lengths = pc.utf8_length(values)
    stars = text_scalar(MASK_CHARACTER, values.type)
    if keep == 0:
        return pc.binary_repeat(stars, lengths)
    kind = pa.int64() if lengths.type == pa.int64() else pa.int32()
    longer = pc.greater(lengths, scalar(keep, kind))
    hidden = pc.binary_repeat(stars, pc.if_else(longer, pc.subtract(lengths, scalar(keep, kind)), lengths))
    tail = pc.if_else(longer, pc.utf8_slice_codeunits(values, start=-keep), text_scalar("", values.type))
    return pc.binary_join_element_wise(hidden, tail, text_scalar("", values.type))


def _from_birth_dates(transform: Transform, values: pa.Array, context: TransformContext) -> pa.Array:
    from exporter.dates import age_on

    reference = context.reference_date

    births = _birth_dates(values)
    empty = is_blank(values)  # empty or white space only: nothing to read, and "" leaves
    nothing = text_scalar("", pa.string())
    not_a_date = first_true(pc.and_(pc.is_null(births), pc.invert(empty)))
    if transform.kind == "year":
        if not_a_date is not None:
            raise TransformRefused(not_a_date, transform, msg("transforms.not_a_date"))
        years = pc.cast(pc.year(births), pa.string())
        return pc.if_else(empty, nothing, years)
    ages = age_on(births, reference)
    after = first_true(pc.less(ages, int_scalar(0)))  # the first cell refused for either reason is named
    if not_a_date is not None and (after is None or not_a_date < after):
        raise TransformRefused(not_a_date, transform, msg("transforms.not_a_date"))
    if after is not None:
        reason = msg("transforms.born_after_reference", reference=reference.isoformat())
        raise TransformRefused(after, transform, reason)
    width = transform.argument or 1
    low = pc.multiply(pc.divide(ages, int_scalar(width)), int_scalar(width))  # integer division: ages are >= 0
    if width == 1:
        bands = pc.cast(low, pa.string())
    else:
        high = pc.add(low, int_scalar(width - 1))
        between = text_scalar(BAND_JOINER, pa.string())
        bands = pc.binary_join_element_wise(pc.cast(low, pa.string()), pc.cast(high, pa.string()), between)
    return pc.if_else(empty, nothing, bands)


def _birth_dates(values: pa.Array) -> pa.Array:
    """:func:`exporter.dates.parse_dates` of ``values`` (date32, null where a cell is not a date)."""
    from exporter.dates import parse_dates

    return parse_dates(values)


def _refuse_first(bad: pa.Array, transform: Transform, reason: Message) -> None:
    """Raise TransformRefused at the first True of ``bad`` (nulls count as False)."""
    first = first_true(bad)
    if first is not None:
        raise TransformRefused(first, transform, reason)


def _kinds_hint(kind: str) -> Message:
    kinds = ", ".join(
        ("keep", "mask:N", "pseudonym", "year", "age-band:W", "postal-area", "address-town", "formula-safe")
    )
    closest = difflib.get_close_matches(kind, KINDS, n=1, cutoff=0.6)
    if closest:
        return msg("transforms.closest_hint", closest=closest[0], kinds=kinds)
    return msg("transforms.kinds_hint", kinds=kinds)
