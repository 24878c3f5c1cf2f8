"""A synthetic resident register, the project's only source of personal-looking data.

Tests, benchmarks and the wizard's demo need a file shaped like a real municipal export (kanji names with
kana readings, era birth dates, My Numbers with valid check digits, half-width kana account holders, quoted
multi-line notes, CP932 with NEC/IBM extension characters) without anyone's real data. Every value here is
drawn from ``random.Random(seed)``, so the same seed and row count always give the same bytes, and ages are
counted from a fixed reference date rather than today.

Rows are written in blocks, so memory stays bounded however many rows are asked for. Stdlib only: importing
this module must stay cheap; the word lists are parsed on first use.
"""

from __future__ import annotations

import codecs
import functools
import io
import itertools
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO, NamedTuple, TypeVar

from exporter import sample_names as words
from exporter.errors import ExportCancelled, PlanError
from exporter.messages import msg
from exporter.progress import Progress
from exporter.sample_names import Name, bank_holder_kana, names

SAMPLE_COLUMNS: tuple[str, ...] = (
    "resident_number", "my_number", "family_name", "given_name", "family_name_kana", "given_name_kana",
    "gender", "birth_date", "postal_code", "prefecture", "city", "address_line", "phone", "email",
    "household_number", "taxable_income", "resident_tax", "bank_name", "branch_name", "account_type",
    "account_number", "account_holder", "care_level", "notes",
)  # fmt: skip

_T = TypeVar("_T")

# Ages are counted from this day so the output never depends on when it is generated.
REFERENCE_DATE = date(2025, 4, 1)
_BLOCK_ROWS = 4096
# Line ends per accepted codec: legacy CP932 systems and Excel write CRLF, Unix tools LF.
_NEWLINES = {"utf-8": "\n", "utf-8-sig": "\r\n", "cp932": "\r\n"}
_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # Q_n for the 11 digits read left to right
_ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"),
         (date(1912, 7, 30), "大正"))  # fmt: skip


def my_number_check_digit(first11: str) -> int:
    """The Individual Number check digit for the first 11 digits (総務省令第85号 第5条).

    With P_n the n-th digit counted from the right and Q_n = n + 1 (n <= 6) or n - 5 (n >= 7), the digit
    is 11 - (sum P_n * Q_n mod 11), or 0 when that remainder is 0 or 1.
    """
    if len(first11) != 11 or not (first11.isascii() and first11.isdigit()):
        raise ValueError("a My Number check digit needs exactly 11 ASCII digits")
    weighted = (int(digit) * weight for digit, weight in zip(first11, _MY_NUMBER_WEIGHTS, strict=True))
    remainder = sum(weighted) % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(s: str) -> bool:
    """True when ``s`` is 12 ASCII digits whose last digit is the check digit of the first 11."""
    return len(s) == 12 and s.isascii() and s.isdigit() and int(s[11]) == my_number_check_digit(s[:11])


def era_date(day: date) -> str:
    """``day`` as a register prints it, e.g. 昭和45年3月2日; the first year of an era is 元年."""
    for start, name in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    raise ValueError(f"{day.isoformat()} is before the Taisho era")


class _Tables(NamedTuple):
    families: list[Name]
    given: dict[tuple[str, int], list[Name]]  # (gender, generation: 0 old, 1 middle, 2 young)
    places: list[tuple[str, str, str, str]]  # prefecture, city, postal prefix, area code
    towns: list[str]
    buildings: list[str]
    banks: list[str]
    branches: list[str]
    domains: list[str]
    birth_dates: list[str]  # index = days before REFERENCE_DATE
    age_days: list[tuple[int, int]]  # per age: (first index into birth_dates, number of days)
    head_ages: list[int]
    mobile_chance: list[float]  # by age
    email_chance: list[float]
    care_chance: list[float]
    no_income_chance: list[float]
    household_sizes: list[int]  # 100 entries
    incomes: list[int]  # 1000 quantiles of a working-age taxable income
    care_levels: list[str]
    notes: list[str]  # already quoted for CSV
    fullwidth: list[str]  # 0..999 in full-width digits
    four_digits: list[str]  # "0000".."9999": a look-up is cheaper than formatting an int per field
    mobile_prefixes: list[str]
    check_sums: tuple[list[int], list[int], list[int]]  # weighted digit sums of digits 1-4, 5-8, 9-11


def csv_field(value: str) -> str:
    """RFC 4180: quote only a field holding a comma, a quote or a line break, doubling inner quotes."""
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _weighted(pairs: Iterable[tuple[_T, int]]) -> list[_T]:
    """Repeat each item by its weight, so a uniform index into the list is a weighted draw."""
    return [item for item, weight in pairs for _ in range(weight)]


def _by_age(bands: tuple[tuple[int, float], ...]) -> list[float]:
    """A value per age 0..100 from (below this age, value) bands."""
    return [next(value for limit, value in bands if age < limit) for age in range(101)]


def _digit_sums(weights: tuple[int, ...]) -> list[int]:
    width = len(weights)
    return [sum(int(d) * w for d, w in zip(f"{n:0{width}d}", weights, strict=True)) for n in range(10**width)]


def _places() -> list[tuple[str, str, str, str]]:
    places = []
    for line in words.PREFECTURES.split():
        prefecture, weight, cities = line.split("|")
        entries = [city.split(",") for city in cities.split(";")]
        share = max(1, round(int(weight) * 6 / len(entries)))  # the prefecture's weight over its cities
        places += [((prefecture, city, postal, area), share) for city, postal, area in entries]
    return _weighted(places)


@functools.cache
def _tables() -> _Tables:
    """Parse the word lists and precompute every per-choice string once, so a row costs only look-ups."""
    sampler = random.Random(20250401)  # noqa: S311  fixed: the income table is the same for every seed
    ref = REFERENCE_DATE.toordinal()
    given_texts = {
        "男": (words.MALE_OLD, words.MALE_MIDDLE, words.MALE_YOUNG),
        "女": (words.FEMALE_OLD, words.FEMALE_MIDDLE, words.FEMALE_YOUNG),
    }
    # Days back to each age's latest birthday: someone aged a was born in [birthdays[a], birthdays[a + 1]).
    birthdays = [ref - REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age).toordinal() for age in range(102)]
    to_fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    w = _MY_NUMBER_WEIGHTS
    return _Tables(
        families=_weighted(
            [(name, 6) for name in names(words.FAMILY_COMMON)]
            + [(name, 3) for name in names(words.FAMILY_MID)]
            + [(name, 1) for name in names(words.FAMILY_RARE)]
        ),
        given={
            (gender, generation): names(text)
            for gender, texts in given_texts.items()
            for generation, text in enumerate(texts)
        },
        places=_places(),
        towns=words.TOWNS.split(),
        buildings=words.BUILDINGS.split(),
        banks=words.BANKS.split(),
        branches=words.BRANCHES.split(),
        domains=words.EMAIL_DOMAINS.split(),
        birth_dates=[era_date(date.fromordinal(ref - days)) for days in range(102 * 366)],
        age_days=[(first, last - first) for first, last in itertools.pairwise(birthdays)],
        head_ages=_weighted((age, share) for low, high, share in words.HEAD_AGES for age in range(low, high)),
        mobile_chance=_by_age(words.MOBILE_CHANCE),
        email_chance=_by_age(words.EMAIL_CHANCE),
        care_chance=_by_age(words.CARE_CHANCE),
        no_income_chance=_by_age(words.NO_INCOME_CHANCE),
        household_sizes=_weighted(words.HOUSEHOLD_SIZES),
        incomes=sorted(int(sampler.lognormvariate(14.8, 0.6)) // 1000 * 1000 for _ in range(1000)),
        care_levels=_weighted(words.CARE_LEVELS),
        notes=[csv_field(note) for note in words.NOTES],
        fullwidth=[str(n).translate(to_fullwidth) for n in range(1000)],
        four_digits=[f"{n:04d}" for n in range(10_000)],
        mobile_prefixes=_weighted(words.MOBILE_PREFIXES),
        check_sums=(_digit_sums(w[:4]), _digit_sums(w[4:8]), _digit_sums(w[8:])),
    )


_MY_NUMBER_SPACE = 10**11
_FEISTEL_SIDE = 316_228  # its square just exceeds 10**11, so pairs (left, right) cover every 11-digit number


def _scramble(index: int, keys: tuple[int, ...]) -> int:
    """A seeded bijection on [0, 10**11): rows get distinct My Numbers without remembering the used ones.

    A Feistel network on (left, right) pairs is a permutation whatever its round function; cycle walking
    maps the few results of 10**11 or more back into range.
    """
    x = index
    while True:
        left, right = divmod(x, _FEISTEL_SIDE)
        for key in keys:
            left, right = right, (left + (((right ^ key) * 0x9E3779B97F4A7C15) >> 37)) % _FEISTEL_SIDE
        x = left * _FEISTEL_SIDE + right
        if x < _MY_NUMBER_SPACE:
            return x


def _address(rand: Callable[[], float], t: _Tables) -> str:
    """A town, block numbers in full-width digits in one of the shapes registers use, maybe a building."""
    fw = t.fullwidth
    town, shape = t.towns[int(rand() * len(t.towns))], rand()
    chome, ban, go = fw[1 + int(rand() * 5)], fw[1 + int(rand() * 30)], fw[1 + int(rand() * 25)]
    if shape < 0.6:
        address = f"{town}{chome}丁目{ban}番{go}号"
    elif shape < 0.8:
        address = f"{town}{chome}丁目{ban}番地{go}"
    elif shape < 0.95:
        address = f"{town}{chome}－{ban}－{go}"
    else:
        address = f"{town}{fw[100 + int(rand() * 900)]}番地"
    if rand() < 0.35:
        room = fw[100 * (1 + int(rand() * 9)) + 1 + int(rand() * 8)]
        space = " " if rand() < 0.7 else "　"
        address = f"{address}{space}{t.buildings[int(rand() * len(t.buildings))]}{room}"
    return address


def _landline(rand: Callable[[], float], area: str, four: list[str]) -> str:
    """Ten digits: area code, local exchange (never starting 0 or 1), four-digit subscriber number."""
    exchange_digits = 6 - len(area)
    return f"{area}-{int((2 + rand() * 8) * 10 ** (exchange_digits - 1))}-{four[int(rand() * 10000)]}"


def _email(rand: Callable[[], float], given: Name, family: Name, age: int, domains: list[str]) -> str:
    g, f, year = given.romaji, family.romaji, (REFERENCE_DATE.year - 1 - age) % 100
    style = int(rand() * 6)
    local = (
        f"{g}.{f}" if style == 0 else f"{f}.{g}" if style == 1 else f"{g[0]}{f}" if style == 2
        else f"{f}{g[0]}{year:02d}" if style == 3 else f"{g}{year:02d}" if style == 4
        else f"{f}_{g}{int(rand() * 100)}"
    )  # fmt: skip
    return f"{local}@{domains[int(rand() * len(domains))]}"


def _income_and_tax(rand: Callable[[], float], age: int, t: _Tables) -> tuple[str, str]:
    """Taxable income (0 for many) and resident tax of about a tenth plus the flat 均等割; rarely unknown."""
    if rand() < 0.005:
        return "", ""
    if rand() < t.no_income_chance[age]:
        return "0", "0"
    if age < 23:
        amount = 100_000 + int(rand() * 1100) * 1000
    else:
        amount = t.incomes[int(rand() * len(t.incomes))]
        amount = amount if age < 65 else amount * 2 // 5 // 1000 * 1000
    return str(amount), str((amount // 10 + 5000) // 100 * 100)


def _rows(count: int, seed: int, newline: str) -> Iterator[str]:
    """Yield ``count`` CSV lines household by household: members share name, address and household number."""
    t = _tables()
    rng = random.Random(seed)  # noqa: S311  reproducible synthetic data, not a secret
    rand = rng.random
    keys = tuple(rng.getrandbits(40) for _ in range(4))
    resident = 100_000 + int(rand() * 900_000)
    household = 10_000 + int(rand() * 90_000)
    families, places, banks, branches, notes = t.families, t.places, t.banks, t.branches, t.notes
    birth_dates, head_ages, care_levels, given_pools = t.birth_dates, t.head_ages, t.care_levels, t.given
    age_days = t.age_days
    check_hi, check_mid, check_lo = t.check_sums
    mobile_chance, email_chance, care_chance = t.mobile_chance, t.email_chance, t.care_chance
    four, mobile_prefixes = t.four_digits, t.mobile_prefixes
    index = 0
    while index < count:
        household += 1 if rand() < 0.7 else 2
        household_number = f"{household % 100_000_000:08d}"
        size = t.household_sizes[int(rand() * len(t.household_sizes))]
        family = families[int(rand() * len(families))]
        prefecture, city, postal_prefix, area = places[int(rand() * len(places))]
        postal = f"{postal_prefix}-{four[int(rand() * 10000)]}"
        address = _address(rand, t)
        landline = _landline(rand, area, four) if rand() < 0.45 else ""
        head_age = head_ages[int(rand() * len(head_ages))]
        head_gender = "男" if rand() < (0.55 if size == 1 else 0.8) else "女"
        for member in range(min(size, count - index)):
            if member == 0:
                age, gender = head_age, head_gender
            elif member == 1 and rand() < 0.8:  # a spouse
                age = max(18, min(100, head_age + int(rand() * 11) - 5))
                gender = "女" if head_gender == "男" else "男"
            else:  # a parent of the head or, mostly, a child
                if head_age <= 65 and rand() < 0.1:
                    age = head_age + 22 + int(rand() * 14)
                else:
                    age = head_age - 20 - int(rand() * 21)
                    age = age if age >= 0 else int(rand() * 6)
                gender = "男" if rand() < 0.5 else "女"
            pool = given_pools[gender, 0 if age >= 65 else 1 if age >= 30 else 2]
            given = pool[int(rand() * len(pool))]
            if rand() < 0.0005:
                gender = "不明"

            x = _scramble(index, keys)
            remainder = (check_hi[x // 10_000_000] + check_mid[x // 1000 % 10000] + check_lo[x % 1000]) % 11
            my_number = f"{x:011d}{0 if remainder <= 1 else 11 - remainder}"
            first_day, days = age_days[age]
            birth = birth_dates[first_day + int(rand() * days)]
            if rand() < mobile_chance[age]:
                mobile = mobile_prefixes[int(rand() * len(mobile_prefixes))]
                phone = f"{mobile}-{four[1000 + int(rand() * 9000)]}-{four[int(rand() * 10000)]}"
            else:
                phone = landline if age >= 10 else ""
            email = _email(rand, given, family, age, t.domains) if rand() < email_chance[age] else ""
            income, tax = _income_and_tax(rand, age, t)
            if age >= 6 and rand() < 0.85:
                bank = banks[int(rand() * len(banks))]
                branch = branches[int(rand() * len(branches))]
                account_type = "普通" if rand() < 0.95 else "当座"
                account_number = f"{int(rand() * 10_000_000):07d}"
                holder = f"{family.holder} {given.holder}"
            else:
                bank = branch = account_type = account_number = holder = ""
            care = care_levels[int(rand() * len(care_levels))] if rand() < care_chance[age] else ""
            draw = rand()
            if draw < 0.01:
                note = csv_field(f"{family.kanji}{given.kanji}様より電話, 折返し要")
            elif draw < 0.04:
                note = notes[int(rand() * len(notes))]
            else:
                note = ""

            yield (
                f"{resident:010d},{my_number},{family.kanji},{given.kanji},{family.kana},{given.kana},"
                f"{gender},{birth},{postal},{prefecture},{city},{address},{phone},{email},{household_number},"
                f"{income},{tax},{bank},{branch},{account_type},{account_number},{holder},{care},{note}{newline}"
            )
            index += 1
            resident += 1 if rand() < 0.8 else 1 + int(rand() * 20)


def _codec(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    if name not in _NEWLINES:
        raise PlanError(msg("plan.sample_encoding", encoding=encoding))
    return name


def write_sample(
    out: BinaryIO,
    rows: int,
    *,
    seed: int = 0,
    encoding: str = "utf-8",
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Write a header and ``rows`` synthetic residents to ``out`` as RFC 4180 CSV, a block at a time.

    utf-8 gets LF line ends and no BOM; utf-8-sig (BOM, as Excel writes) and cp932 (as legacy registry
    systems write) get CRLF. Line breaks inside a quoted note stay LF, as Excel writes them. ``progress``
    hears (fraction, message) about a hundred times at most, ending at 1.0; ``cancel`` is checked between
    blocks and raises ExportCancelled.
    """
    codec = _codec(encoding)
    if rows < 0:
        raise PlanError(msg("plan.sample_rows", rows=rows))
    newline = _NEWLINES[codec]
    byte_codec = "utf-8" if codec == "utf-8-sig" else codec
    lines = _rows(rows, seed, newline)
    done, next_report = 0, 0.0
    bom = codecs.BOM_UTF8 if codec == "utf-8-sig" else b""
    out.write(bom + (",".join(SAMPLE_COLUMNS) + newline).encode())
    while True:
        if cancel is not None and cancel.is_set():
            raise ExportCancelled(msg("plan.sample_cancelled"))
        block = "".join(itertools.islice(lines, _BLOCK_ROWS))
        out.write(block.encode(byte_codec))
        done = min(rows, done + _BLOCK_ROWS)
        fraction = done / rows if rows else 1.0
        if progress is not None and (fraction >= next_report or fraction == 1.0):
            progress(fraction, msg("progress.sample_rows", rows=done, total=rows))
            next_report = fraction + 0.01
        if done >= rows:
            return


def sample_bytes(rows: int = 1000, *, seed: int = 0, encoding: str = "utf-8") -> bytes:
    """The whole sample in memory, for tests and the wizard's built-in demo file."""
    buffer = io.BytesIO()
    write_sample(buffer, rows, seed=seed, encoding=encoding)
    return buffer.getvalue()


__all__ = [
    "REFERENCE_DATE",
    "SAMPLE_COLUMNS",
    "bank_holder_kana",
    "csv_field",
    "era_date",
    "is_valid_my_number",
    "my_number_check_digit",
    "sample_bytes",
    "write_sample",
]
