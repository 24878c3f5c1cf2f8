"""Numbers that Excel shows through a number format: shown as Excel shows them, or refused with the cell's address.

A number cell is read as its value (python-calamine gives no cell styles), which is the text Excel shows only under
the General format (and dates, which calamine converts). A resident number typed as a number and formatted
``0000000000`` shows ``0000000012`` in Excel and would leave as ``12``; a postal code formatted ``000-0000`` shows
``464-9081`` and would leave as ``4649081``; ``#,##0`` shows ``1,234``. Such cells are found here with their
values as written in the sheet, and given the text Excel shows (:mod:`exporter.sources.number_rendering`) for
the formats registers use; any other format (percent, exponents, fractions, several sections...) is refused when
its column is read, naming the first such cell (the clerk formats the column as text in Excel, or saves the sheet
as "CSV UTF-8"), rather than passing on a text Excel never showed. Not looked at: General (0), ``0`` (1) for whole
numbers, Text ``@`` (49), and date and time formats.

The styles (``xl/styles.xml``: ``numFmts`` and ``cellXfs``) and the sheet's cells are read with regular expressions,
as the rest of the workbook checks are (:mod:`exporter.sources.xlsx_parts`), ECMA-376 Part 1, 18.8.30 and 18.8.10.
"""

from __future__ import annotations

import re

from exporter.sources.xlsx_parts import Problem, column_number

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
_ENTITIES = {"&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">", "&apos;": "'"}
# A cell's value: its <v>, after the formula (<f>...</f> or <f .../>) when it has one.
_VALUE = re.compile(rb"(?:\s*<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>))?\s*<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<")


def _unescaped(code: bytes) -> str:
    text = code.decode("utf-8", "replace")
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def _is_date_or_time(code: str) -> bool:
    """A custom format code that shows a date or a time (calamine converts those cells to dates)."""
    bare = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)
    if re.search(r"\[(?:h+|m+|s+)\]", bare, re.IGNORECASE):  # elapsed time: [h]:mm
        return True
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # colours, conditions, locales
    return bool(re.search(r"[ymdhsYMDHS]", bare.replace("General", "").replace("general", "")))


def changing_styles(styles_xml: bytes | None) -> dict[int, tuple[str, bool]]:
    """Style indexes (``s`` of a cell) whose number format shows a number otherwise than General, with the
    format code to name and whether only fractions are affected (``0``: whole numbers show as General does)."""
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
    changing: dict[int, tuple[str, bool]] = {}
    for index, xf in enumerate(_XF.finditer(found.group(0))):
        attrs = dict(_ATTR.findall(xf.group(1)))
        number = int(attrs.get(b"numFmtId", b"0") or 0)
        code = codes.get(number, "")
        if number in (_GENERAL, _TEXT) or number in _BUILTIN_DATES or code in ("General", "@"):
            continue
        if number == _WHOLE or code == "0":
            changing[index] = ("0", True)
        elif not _is_date_or_time(code) or not code:
            changing[index] = (code or f"#{number}", False)
    return changing


def formatted_numbers(
    xml: bytes, changing: dict[int, tuple[str, bool]]
) -> tuple[list[Problem], dict[int, dict[int, str]]]:
    """The number cells whose style is in ``changing``, as Excel shows them: ``rendered`` maps a 0-based sheet row
    to its 0-based columns and their texts (:func:`exporter.sources.number_rendering.render`); ``problems`` holds the
    first cell per column whose format is not one rendered (whole numbers under ``0`` need nothing), as a
    :class:`Problem` of kind "number_format" (``text``: the format code), in column order. A formula's cached
    value counts as its cell's value."""
    from exporter.sources.number_rendering import render

    rendered: dict[int, dict[int, str]] = {}
    if not changing:
        return [], rendered
    styles = b"|".join(str(index).encode() for index in sorted(changing))
    cells = re.compile(rb"<(?:\w+:)?c\s(?=[^>]*\ss=\"(?:" + styles + rb")\")([^>]*?)(/?)>")
    first: dict[int, Problem] = {}
    for cell in cells.finditer(xml):
        if cell.group(2):  # <c .../>: no value
            continue
        attrs = dict(_ATTR.findall(b" " + cell.group(1)))
        if attrs.get(b"t", b"n") != b"n":
            continue
        ref = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,9})", attrs.get(b"r", b""))
        value = _VALUE.match(xml, cell.end())
        if ref is None or value is None:
            continue
        row, column = int(ref[2]) - 1, column_number(ref[1].decode()) - 1
        code, fractions_only = changing[int(attrs[b"s"])]
        written = value.group(1).strip().decode("ascii", "replace")
        if fractions_only and re.fullmatch(r"-?\d+", written):
            continue
        shown = render(code, written)
        if shown is not None:
            rendered.setdefault(row, {})[column] = shown
        elif column not in first:
            first[column] = Problem(row, column, "number_format", code)
    return [first[column] for column in sorted(first)], rendered
