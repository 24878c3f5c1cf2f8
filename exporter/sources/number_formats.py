"""Numbers that Excel shows through a number format: shown as Excel shows them, or refused with the cell's address.

A number cell is read as its value (python-calamine gives no cell styles), which is the text Excel shows only under
the General format (and dates, which calamine converts). A resident number typed as a number and formatted
``0000000000`` shows ``0000000012`` in Excel and would leave as ``12``; a postal code formatted ``000-0000`` shows
``464-9081`` and would leave as ``4649081``; ``#,##0`` shows ``1,234``. Such cells are found here with their
values as written in the sheet, and given the text Excel shows (:mod:`exporter.sources.number_rendering`) for
the formats registers use; any other format (percent, exponents, fractions, several sections...) is refused when
its column is read, naming the first such cell (the clerk formats the column as text in Excel, or saves the sheet
as "CSV UTF-8"), rather than passing on a text Excel never showed. Not looked at: General (0), ``0`` (1) for whole
numbers, Text ``@`` (49), and date and time formats that show a whole date (year, month and day) or a time alone,
which calamine converts to ISO dates and times. A date format that shows only part of a date (``yyyy``,
``m"月"d"日"``, built-in 16, 17, 34, 35, 52, 53, 55, 56) is refused like a format not rendered: the whole date would
leave where Excel shows part of it.

The styles (``xl/styles.xml``: ``numFmts`` and ``cellXfs``) and the sheet's cells are read with regular expressions,
as the rest of the workbook checks are (:mod:`exporter.sources.xlsx_parts`), ECMA-376 Part 1, 18.8.30 and 18.8.10.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from exporter.sources.sheet_scan import cells
from exporter.sources.xlsx_parts import Problem, column_number, unescape

# Built-in number formats (ECMA-376 18.8.30) that are dates or times, which calamine converts itself.
_BUILTIN_DATES = {*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)}
_GENERAL, _WHOLE, _TEXT = 0, 1, 49
_BUILTIN_CODES = {2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
                  13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
                  40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0"}  # fmt: skip

_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\s[^>]*?numFmtId=\"(\d+)\"[^>]*?formatCode=\"([^\"]*)\"", re.DOTALL)
_NUM_FMT_REVERSED = re.compile(rb"<(?:\w+:)?numFmt\s[^>]*?formatCode=\"([^\"]*)\"[^>]*?numFmtId=\"(\d+)\"", re.DOTALL)
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs[\s>].*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf(?=[\s/>])([^>]*)>")
_ATTR = re.compile(rb'\s([\w:.-]+)="([^"]*)"')
# A cell's value: its <v>, after the formula (<f>...</f> or <f .../>) when it has one.
_VALUE = re.compile(rb"(?:\s*<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>))?\s*<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<")


def _unescaped(code: bytes) -> str:
    """A format code as written in styles.xml, its character references (``&#20870;``, ``&#x5186;``) and named
    entities replaced."""
    return unescape(code.decode("utf-8", "replace"))


# Built-in date formats (ECMA-376 18.8.30, the Japanese ones of ja-JP) that show only part of a date, with the
# code Excel and LibreOffice Calc show for them (tests/test_workbook_dates.py checks each against Calc).
PARTIAL_DATE_BUILTINS = {16: "d-mmm", 17: "mmm-yy", 34: 'yyyy"年"m"月"', 35: 'm"月"d"日"', 52: 'yyyy"年"m"月"',
                         53: 'm"月"d"日"', 55: 'yyyy"年"m"月"', 56: 'm"月"d"日"'}  # fmt: skip
PARTIAL_DATE = "partial date"  # the marker of a date format that shows only part of the date


def date_parts(code: str) -> set[str]:
    """The parts of a date or time a format code shows: a subset of {"year", "month", "day", "weekday",
    "month letter", "time"} (ECMA-376 18.8.31). ``y``, the era year ``e`` (``ggge"年"``) and the Buddhist year
    ``b`` show the year; ``m`` to ``mmmm`` the month (``m`` right after an hour or right before seconds is
    minutes), ``mmmmm`` only its first letter; ``d`` and ``dd`` the day, ``ddd`` and ``dddd`` the weekday; ``h``,
    ``s`` and minutes a time. Only the first section counts (a date is a positive number); quoted text, escaped
    characters and [brackets] are not parts."""
    bare = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code).split(";")[0]
    bare = re.sub(r"\[(h+|m+|s+)\]", r"\1", bare, flags=re.IGNORECASE)  # elapsed time: [h]:mm
    bare = re.sub(r"\[[^\]]*\]|General|AM/PM|A/P", "", bare, flags=re.IGNORECASE)
    runs = [(match[0][0].lower(), len(match[0])) for match in re.finditer(r"([yebmdhs])\1*", bare, re.IGNORECASE)]
    parts: set[str] = set()
    for index, (letter, length) in enumerate(runs):
        if letter in "yeb":
            parts.add("year")
        elif letter == "d":
            parts.add("day" if length <= 2 else "weekday")
        elif letter in "hs":
            parts.add("time")
        elif letter == "m":
            after_hour = index > 0 and runs[index - 1][0] == "h"
            before_seconds = index + 1 < len(runs) and runs[index + 1][0] == "s"
            parts.add("time" if after_hour or before_seconds else "month" if length <= 4 else "month letter")
    return parts


def shows_part_of_a_date(code: str) -> bool:
    """Whether a date or time format code shows a date without its year, its month or its day (``yyyy``,
    ``m"月"d"日"``, ``d-mmm``, ``dddd``); a time alone (``h:mm``, ``[h]:mm:ss``) is not a date."""
    parts = date_parts(code)
    if {"year", "month", "day"} <= parts:
        return False
    return parts != {"time"}


def _is_date_or_time(code: str) -> bool:
    """A custom format code that shows a date or a time (calamine converts those cells to dates); ``ggge`` and
    ``e`` (not the exponent ``E+``) are the Japanese era and its year."""
    bare = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)
    if re.search(r"\[(?:h+|m+|s+)\]", bare, re.IGNORECASE):  # elapsed time: [h]:mm
        return True
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # colours, conditions, locales
    bare = re.sub("general", "", bare, flags=re.IGNORECASE)
    return bool(re.search(r"[ymdhsYMDHS]|g*e(?![+-])", bare, re.IGNORECASE))


def changing_styles(styles_xml: bytes | None) -> dict[int, tuple[str, bool | str]]:
    """Style indexes (``s`` of a cell) whose number format shows a number otherwise than General, with the
    format code to name and whether only fractions are affected (``0``: whole numbers show as General does), or
    ``PARTIAL_DATE`` for a date format that lacks the year, the month or the day (``yyyy``, ``m"月"d"日"``,
    built-in 16, 17, 34, 35...): calamine would give the whole date, which Excel does not show."""
    if not styles_xml:
        return {}
    codes: dict[int, str] = dict(_BUILTIN_CODES)
    for number, code in _NUM_FMT.findall(styles_xml):
        codes[int(number)] = _unescaped(code)
    for code, number in _NUM_FMT_REVERSED.findall(styles_xml):
        codes.setdefault(int(number), _unescaped(code))
    found = _CELL_XFS.search(styles_xml)
    if found is None:
        return {}
    changing: dict[int, tuple[str, bool | str]] = {}
    for index, xf in enumerate(_XF.finditer(found.group(0))):
        attrs = dict(_ATTR.findall(xf.group(1)))
        number = int(attrs.get(b"numFmtId", b"0") or 0)
        code = codes.get(number, "")
        if number in PARTIAL_DATE_BUILTINS:
            changing[index] = (PARTIAL_DATE_BUILTINS[number], PARTIAL_DATE)
            continue
        if number in (_GENERAL, _TEXT) or number in _BUILTIN_DATES or code in ("General", "@"):
            continue
        if number == _WHOLE or code == "0":
            changing[index] = ("0", True)
        elif not _is_date_or_time(code) or not code:
            changing[index] = (code or f"#{number}", False)
        elif shows_part_of_a_date(code):  # a time alone passes as before
            changing[index] = (code, PARTIAL_DATE)
    return changing


def formatted_numbers(
    xml: bytes, changing: dict[int, tuple[str, bool | str]], *, exact: bool = False
) -> tuple[list[Problem], dict[int, dict[int, str]]]:
    """The number cells whose style is in ``changing``, as Excel shows them: ``rendered`` maps a 0-based sheet row
    to its 0-based columns and their texts (:func:`exporter.sources.number_rendering.render`); ``problems`` holds the
    first cell per column whose format is not one rendered (whole numbers under ``0`` need nothing), as a
    :class:`Problem` of kind "number_format" (``text``: the format code), or "partial_date" for a number under a
    date format that lacks the year, the month or the day, in column order. A formula's cached
    value counts as its cell's value. ``exact``: the sheet may spell its attributes otherwise than Excel does
    (:class:`exporter.sources.sheet_scan.SheetScan`), or hold cells without an address: every cell is placed as
    calamine places it (:func:`exporter.sources.sheet_scan.cells`), slower."""
    from exporter.sources.number_rendering import render

    rendered: dict[int, dict[int, str]] = {}
    if not changing:
        return [], rendered
    first: dict[int, Problem] = {}
    for row, column, attrs, cell in _styled_cells(xml, changing, exact):
        if cell.group(cell.re.groups) or attrs.get(b"t", b"n") != b"n":  # <c .../>: no value; not a number
            continue
        value = _VALUE.match(xml, cell.end())
        if value is None:
            continue
        code, fractions_only = changing[int(attrs[b"s"])]
        written = value.group(1).strip().decode("ascii", "replace")
        if fractions_only is PARTIAL_DATE:
            first.setdefault(column, Problem(row, column, "partial_date", code))
            continue
        if fractions_only and re.fullmatch(r"-?\d+", written):
            continue
        shown = render(code, written)
        if shown is not None:
            rendered.setdefault(row, {})[column] = shown
        elif column not in first:
            first[column] = Problem(row, column, "number_format", code)
    return [first[column] for column in sorted(first)], rendered


def _styled_cells(
    xml: bytes, changing: dict[int, tuple[str, bool | str]], exact: bool
) -> Iterator[tuple[int, int, dict[bytes, bytes], re.Match[bytes]]]:
    """The cells whose style is in ``changing``: 0-based row and column, attributes, start tag (its last group:
    "/" for an empty cell). Excel's spelling is searched for directly (a style number may be written with leading
    zeros, s="01": matched by value); ``exact``: every cell is placed as calamine places it."""
    if exact:
        for row, column, attrs, cell in cells(xml):
            if int(attrs.get(b"s", b"0")) in changing:
                yield row, column, attrs, cell
        return
    styles = b"|".join(str(index).encode() for index in sorted(changing))
    found = re.compile(rb"<(?:\w+:)?c\s(?=[^>]*\ss=\"0*(?:" + styles + rb")\")([^>]*?)(/?)>")
    for cell in found.finditer(xml):
        attrs = dict(_ATTR.findall(b" " + cell.group(1)))
        ref = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,9})", attrs.get(b"r", b""))
        if ref is not None:
            yield int(ref[2]) - 1, column_number(ref[1].decode()) - 1, attrs, cell
