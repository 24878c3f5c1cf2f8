"""Cells of a workbook as the text Excel shows for them, so a workbook passes through as exactly as a CSV does.

python-calamine hands over each cell as a Python value; this module turns it into text by these rules:

    text cell            as it is, exactly: leading zeros, full-width digits, era dates written as text, spaces
    empty cell           ""
    TRUE / FALSE         "TRUE" / "FALSE" (as Excel shows them, in English; Japanese Excel shows the same)
    integer number       its digits, no ".0": 42, -5, 753787270180
    other number         Excel's General format as the formula bar shows it: rounded to 15 significant digits
                         (Excel keeps no more: 12345678901234567 is 12345678901234600 there), written out in full
                         (0.1, 0.333333333333333, 12345678901234600) from 1E-9 to below 1E+21; outside that
                         range in Excel's E notation (1E+21, 1.5E-10)
    date                 ISO 8601: 2024-01-05 (a date cell whose time is midnight)
    date and time        2024-01-05 13:45:30 (to the second, as Excel's yyyy-mm-dd hh:mm:ss shows it)
    time of day          13:45:30
    duration             [h]:mm:ss as Excel writes a duration over a day: 36:00:00

A cell is a date when its number format is a date format (calamine decides by the format, as Excel does). Excel's
fictitious 29 February 1900 (serial 60) reads as 1900-02-28, as in calamine and openpyxl alike.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from decimal import Decimal
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

CellValue = object  # str | int | float | bool | date | datetime | time | timedelta, as calamine gives them
SIGNIFICANT_DIGITS = 15  # Excel's precision for showing numbers
_PLAIN_FROM = Decimal("1E-9")
_PLAIN_BELOW = Decimal("1E+21")


def number_text(value: float) -> str:
    """A number as Excel's General format shows it in the formula bar (module docstring); ``value`` finite."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 10**SIGNIFICANT_DIGITS:
        return str(int(value))
    rounded = Decimal(format(value, f".{SIGNIFICANT_DIGITS}g"))
    if _PLAIN_FROM <= abs(rounded) < _PLAIN_BELOW:
        text = format(rounded, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, exponent = format(rounded, "E").split("E")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}E{sign}{int(exponent.lstrip('+-')):02d}"


def cell_text(value: CellValue) -> str:
    """One cell as text by the rules of the module docstring. Raises ValueError for a value of no known kind."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):  # Excel has no such number; calamine never gives one
            raise ValueError("a number that is not finite")
        return number_text(value)
    if isinstance(value, datetime.datetime):
        rounded = value + datetime.timedelta(microseconds=500_000) if value.microsecond >= 500_000 else value
        if rounded.time() == datetime.time(0):
            return rounded.date().isoformat()
        return rounded.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.timedelta):
        seconds = round(value.total_seconds())
        sign = "-" if seconds < 0 else ""
        hours, rest = divmod(abs(seconds), 3600)
        return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    raise ValueError(f"a cell of type {type(value).__name__}")


def text_column(values: Sequence[CellValue]) -> pa.Array:
    """A column of cells as a pyarrow string array (never null). Text-only columns (the common case) are taken
    as they are; others are formatted cell by cell."""
    if set(map(type, values)) <= {str}:
        return string_array(values)  # type: ignore[arg-type]
    return string_array([cell_text(value) for value in values])


def text_columns(rows: Sequence[Sequence[CellValue]], width: int) -> list[pa.Array]:
    """The cells of ``rows`` (each ``width`` cells) as one string array per column, each cell as
    :func:`cell_text` gives it (the same cells as :func:`text_column` over each column).

    Row-major, a chunk at a time: all the cells (formatted where they are not text) made one array by
    :func:`string_array`, then each column taken from the rows. Raises ValueError for rows of other widths."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from exporter.arrow_text import int_scalar

    if not rows:
        return [string_array([]) for _ in range(width)]
    if set(map(len, rows)) != {width}:
        raise ValueError("rows of different widths")
    cells = list(chain.from_iterable(rows))
    try:
        flat = string_array(cells)  # type: ignore[arg-type]
    except TypeError:  # numbers, dates, TRUE/FALSE (string_array joins the cells first): formatted; text as it is
        flat = string_array([cell if type(cell) is str else cell_text(cell) for cell in cells])
    table = pa.FixedSizeListArray.from_arrays(flat, width)
    return [pc.list_element(table, int_scalar(column)) for column in range(width)]


def string_array(values: Sequence[str]) -> pa.Array:
    """Python strings as a pyarrow string array (large_string past 2 GiB), never null, any text exactly (U+0000
    included: a cell holding ``_x0000_`` decodes to it). (``pa.array`` would import pandas when it is installed,
    to check for pandas objects: 0.8 s.)

    Joined with U+0000, encoded once and split by pyarrow when no value holds U+0000 (the common case, three
    times as fast); otherwise one data buffer and the offsets of each value's UTF-8 bytes
    (:func:`exporter.arrow_text.string_array`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from exporter.arrow_text import string_array as arrow_strings

    if not values:
        return arrow_strings([])
    joined = "\x00".join(values)
    if joined.count("\x00") != len(values) - 1:
        return arrow_strings(values)
    data = joined.encode("utf-8")
    wide = len(data) >= 1 << 31
    kind, width = (pa.large_string(), 8) if wide else (pa.string(), 4)
    offsets = pa.py_buffer(bytes(width) + len(data).to_bytes(width, "little"))
    whole = pa.Array.from_buffers(kind, 1, [None, offsets, pa.py_buffer(data)])
    return pc.split_pattern(whole, "\x00").flatten()


__all__ = ["cell_text", "number_text", "string_array", "text_column", "text_columns"]
