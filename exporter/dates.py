"""Dates as resident registers write them: Gregorian (2026-04-01, 2026/4/1) and Japanese eras (令和8年4月1日, R8.4.1).

Accepted forms (after Unicode NFKC, so full-width digits, letters and punctuation count as their ASCII forms, and
after trimming spaces; a dash of another kind (‐ – — ― − ー) counts as ``-``):

- Gregorian, a four-digit year: ``2026-04-01``, ``2026/4/1``, ``2026.4.1`` (the same separator twice),
  ``2026年4月1日``, and eight digits ``20260401``.
- An era: the era's name in kanji (明治 大正 昭和 平成 令和) or its initial (M T S H R, either case), the year
  in the era (digits, or 元 for the first year), then the month and day as ``年 月 日`` (令和8年4月1日,
  令和元年5月1日, R8年4月1日) or with a separator (R8.4.1, R08.04.01, H31/4/30, 令和8-4-1). Spaces may stand
  between the parts of the ``年 月 日`` form (昭和 45年 3月 2日), as some systems print them padded.

A date that does not exist (2026-02-29, 令和0年1月1日), or that the era did not cover, is not a date: 平成31年5月1日
(Heisei ended on 30 April 2019), 昭和64年1月8日, 令和元年4月30日. On the two days an era changed during the day
(1912-07-30 and 1926-12-25) both names are right, as records of the time wrote them: 明治45年7月30日 and
大正元年7月30日 are the same day, and so are 大正15年12月25日 and 昭和元年12月25日. Meiji dates are read from
明治6年1月1日 (1873-01-01), the day Japan took up the Gregorian calendar: earlier Meiji dates were written in
the lunisolar calendar (明治5年12月3日 to 12月31日 never existed), and counting them as Gregorian would give the
wrong day; no living resident was born then. Gregorian dates have no such limit. Kanji numerals (昭和四十五年),
two-digit years (26/4/1), times of day and weekdays are not read.

The era table is our own (five rows). japanera (PyPI), the library that fits best, parses one strptime format at a
time (9 us a try here against our 2 us for every form at once; a dozen forms would be a dozen tries), gives the
two days an era changed to the new era only, reads the year 0 of an era as its first year and counts Meiji from
1868; it is the tests' independent oracle instead (tests/test_dates.py), the differences listed there.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import scalar


@dataclass(frozen=True)
class Era:
    """A Japanese era: its kanji name, initial, the first and last day a date may be written in it (inclusive;
    ``last`` None = still running) and the Gregorian year of its first year (元年)."""

    name: str
    initial: str
    first: date
    last: date | None
    first_year: int


ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1873, 1, 1), date(1912, 7, 30), 1868),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 25), 1912),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7), 1926),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30), 1989),
    Era("令和", "R", date(2019, 5, 1), None, 2019),
)
_BY_NAME = {key: era for era in ERAS for key in (era.name, era.initial, era.initial.lower())}

_EPOCH = date(1970, 1, 1).toordinal()
_NOT_A_DATE = -(2**31)
_LONGEST = 40  # characters: the longest date written with spaces is about 25
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ーｰ", "-"))
_SEPARATED = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
_KANJI = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", re.ASCII)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_ERA = re.compile(
    r"(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(\d{1,2}|元)"
    r"(?:\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])(\d{1,2})\5(\d{1,2}))",
    re.ASCII,
)


def _calendar_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The day ``text`` names in one of the forms of the module docstring, or None when it is not a date.

    Never raises for any text (empty, very long, control characters): it is called on every distinct cell.
    """
    if len(text) > _LONGEST:
        return None
    normal = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    match = _ERA.fullmatch(normal)
    if match is not None:
        era = _BY_NAME[match[1]]
        year_in_era = 1 if match[2] == "元" else int(match[2])
        if year_in_era < 1:
            return None
        month, day = (match[3], match[4]) if match[3] is not None else (match[6], match[7])
        found = _calendar_day(era.first_year + year_in_era - 1, int(month), int(day))
        if found is None or found < era.first or (era.last is not None and found > era.last):
            return None
        return found
    match = _SEPARATED.fullmatch(normal)
    if match is not None:
        return _calendar_day(int(match[1]), int(match[3]), int(match[4]))
    match = _KANJI.fullmatch(normal) or _COMPACT.fullmatch(normal)
    if match is None:
        return None
    year, month, day = match.groups()
    return _calendar_day(int(year), int(month), int(day))


@functools.lru_cache(maxsize=1 << 16)
def _epoch_day(text: str) -> int:
    """Days from 1970-01-01 to the date ``text`` names, or the sentinel. Cached: the export filters batch after
    batch, and each batch holds mostly the same birth dates (about 37,000 distinct days in a century)."""
    found = parse_date(text)
    return _NOT_A_DATE if found is None else found.toordinal() - _EPOCH


def parse_dates(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``values`` (string or large_string) as a date32 array of the same length: null where a cell is not a date
    (or is empty or null). Each distinct value is parsed once, and the last 65,536 distinct values parsed are
    remembered across calls, so a birth-date column costs about its number of distinct days, not its rows, and
    batch after batch of the same register costs little more than one."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    encoded = pc.dictionary_encode(values)
    dictionary = encoded.dictionary.to_pylist()
    # Days since 1970-01-01 straight into an int32 buffer (pa.array() on Python objects imports pandas when it is
    # installed: 0.2 s), the sentinel then made null.
    days = array("i", [_NOT_A_DATE]) * len(dictionary)
    for position, text in enumerate(dictionary):
        if text is not None and len(text) <= _LONGEST:  # longer text is no date, and is not kept in the cache
            days[position] = _epoch_day(text)
    numbers = pa.Array.from_buffers(pa.int32(), len(days), [None, pa.py_buffer(days)])
    numbers = pc.if_else(pc.equal(numbers, scalar(_NOT_A_DATE, pa.int32())), scalar(None, pa.int32()), numbers)
    return numbers.cast(pa.date32()).take(encoded.indices)


def age_on(births: pa.Array | pa.ChunkedArray, reference: date) -> pa.Array:
    """Completed years of age on ``reference`` (int32) for each birth date (date32; null stays null).

    Calendar rule: a year is completed on the birthday itself, and a person born on 29 February has the birthday
    on 1 March in common years (born 2000-02-29: 17 on 2018-02-28, 18 on 2018-03-01). A birth date after
    ``reference`` gives a negative number. Japanese law (年齢計算ニ関スル法律) counts a year as completed at the
    end of the day before the birthday, which matters for rules phrased as "the day one reaches 65" (介護保険,
    年金): for those, give a reference date one day later.
    """
    if isinstance(births, pa.ChunkedArray):
        births = births.combine_chunks() if births.num_chunks != 1 else births.chunk(0)
    years = pc.subtract(scalar(reference.year, pa.int32()), pc.cast(pc.year(births), pa.int32()))
    month_day = pc.add(pc.multiply(pc.month(births), scalar(100, pa.int64())), pc.day(births))
    not_yet = pc.cast(pc.greater(month_day, scalar(reference.month * 100 + reference.day, pa.int64())), pa.int32())
    return pc.cast(pc.subtract(years, not_yet), pa.int32())


__all__ = ["ERAS", "Era", "age_on", "parse_date", "parse_dates"]
