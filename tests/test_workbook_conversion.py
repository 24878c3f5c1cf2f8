"""The workbook reader's fast paths give exactly what the rules cell by cell give: a chunk of rows turned into
Arrow columns at once (exporter.sources.cells.text_columns) against text_column over each column; the sheet's
rows chunk by chunk, empty rows skipped and hidden rows refused (exporter.sources.workbook._build), against the
row-by-row rules; hidden rows found through an RE2 search first, against the full regular expression. And the
assumption that lets python-calamine open the workbook while the sheet is still being checked: it reads no sheet."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import write_rows

from exporter.errors import SourceError
from exporter.sniff import DEFAULT_LIMITS
from exporter.sources import open_source, workbook
from exporter.sources.cells import cell_text, text_column, text_columns
from exporter.sources.sheet_scan import hidden_rows, scan_sheet
from exporter.sources.xlsx_parts import SheetEntry

SHEET = "xl/worksheets/sheet1.xml"

TEXT = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=6),  # any character but lone surrogates
    st.sampled_from(["", "", "\x00", "a\x00b", "😀", "𠀋𡈽", "0000560147", " ", "TRUE"]),
)
CELL = st.one_of(
    TEXT,
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(min_value=datetime.timedelta(days=-999), max_value=datetime.timedelta(days=999)),
)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), width=st.integers(min_value=1, max_value=6))
def test_a_chunk_of_rows_gives_the_cells_text_column_gives_column_by_column(data, width):
    rows = data.draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=12))
    columns = text_columns(rows, width)
    assert len(columns) == width
    assert all(column.type == pa.string() and column.null_count == 0 for column in columns)
    expected = [text_column(list(values)).to_pylist() for values in zip(*rows, strict=True)] or [[]] * width
    assert [column.to_pylist() for column in columns] == expected


@settings(deadline=None)
@given(rows=st.lists(st.lists(TEXT, max_size=4), min_size=2, max_size=6).filter(lambda r: len(set(map(len, r))) > 1))
def test_rows_of_other_widths_are_refused_as_the_column_by_column_path_refuses_them(rows):
    with pytest.raises(ValueError, match="rows of different widths"):
        text_columns(rows, len(rows[0]))
    with pytest.raises(ValueError, match=r"zip\(\) argument"):
        list(zip(*rows, strict=True))


class Sheet:
    """What _build reads of python-calamine's sheet."""

    def __init__(self, rows: list[list[object]], start: tuple[int, int]) -> None:
        self.rows, self.start, self.merged_cell_ranges = rows, start, []

    def iter_rows(self):
        return iter([list(row) for row in self.rows])


def row_by_row(rows, start, rendered, hidden):
    """The rules one row at a time (the reader before its chunks were converted at once): the rows and their
    0-based sheet numbers, the header's first; the first hidden data row, or None."""
    offset = 0 if start[0] and rows[0].count("") == len(rows[0]) else start[0]
    numbered = [(offset + index, list(row)) for index, row in enumerate(rows) if row.count("") != len(row)]
    for number, row in numbered:
        for column, text in rendered.get(number, {}).items():
            if 0 <= column - start[1] < len(row):
                row[column - start[1]] = text
    data = numbered[1:]
    first_hidden = next((number for number, _ in data if number in hidden), None)
    return [number for number, _ in data], [[cell_text(cell) for cell in row] for _, row in data], first_hidden


@settings(max_examples=200, deadline=None)
@given(data=st.data(), width=st.integers(min_value=1, max_value=4), chunk=st.integers(min_value=1, max_value=4))
def test_the_sheet_read_chunk_by_chunk_gives_the_rows_and_row_numbers_of_the_rules_row_by_row(data, width, chunk):
    blank: list[object] = [""] * width
    header = [f"h{index}" for index in range(width)]
    body = data.draw(st.lists(st.one_of(st.just(blank), st.lists(CELL, min_size=width, max_size=width)), max_size=14))
    leading = data.draw(st.integers(min_value=0, max_value=2))
    rows = [blank] * leading + [header] + body
    start = (data.draw(st.integers(min_value=0, max_value=3)), data.draw(st.integers(min_value=0, max_value=2)))
    numbers = range(start[0] + len(rows) + 2)  # rows of the sheet, the header's and beyond the last among them
    hidden = set(data.draw(st.lists(st.sampled_from(numbers), max_size=2)))
    rendered = {number: {start[1]: "shown"} for number in data.draw(st.lists(st.sampled_from(numbers), max_size=3))}
    expected_numbers, expected_rows, first_hidden = row_by_row(rows, start, rendered, hidden)
    entry = SheetEntry(name="S", part="xl/worksheets/sheet1.xml", visible=True, worksheet=True)
    build = [Path("book.xlsx"), b"", entry, ["S"], Sheet(rows, start), [], rendered, hidden, 1000, DEFAULT_LIMITS]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook, "CHUNK_ROWS", chunk)
        if first_hidden is not None:
            with pytest.raises(SourceError, match=f"S!{first_hidden + 1}:{first_hidden + 1}"):
                workbook._build(*build)
            return
        source = workbook._build(*build)
    assert list(source.row_numbers) == expected_numbers
    assert [list(row.values()) for row in source.table.to_pylist()] == expected_rows
    assert source.table.schema.types == [pa.string()] * width


def hidden_by_the_full_expression(xml: bytes) -> list[int]:
    """Every <row> element whose attributes match \\shidden="(?:1|true)", as the reader found them before."""
    hidden, row = [], -1
    for element in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>", xml):
        number = re.search(rb'\sr="([0-9]{1,9})"', element[1])
        row = int(number[1]) - 1 if number else row + 1
        if re.search(rb'\shidden="(?:1|true)"', element[1]):
            hidden.append(row)
    return hidden


ROW = st.fixed_dictionaries(
    {
        "prefix": st.sampled_from(["", "x:", "ns1:"]),
        "numbered": st.booleans(),
        "space": st.sampled_from([" ", "\t", "\n", "\r\n  ", "\x0b", "  "]),
        "hidden": st.sampled_from([None, "1", "true", "0", "false", "True", "01"]),
        "before": st.sampled_from(["", ' spans="1:2"', ' customHeight="1" ht="12.8"']),
        "text": st.sampled_from(["a", 'hidden="1"', "hidden=&quot;true&quot;", ""]),
    }
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(ROW, max_size=8), hidden_column=st.booleans())
def test_hidden_rows_are_found_exactly_where_the_full_expression_finds_them(rows, hidden_column):
    parts = [b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if hidden_column:
        parts.append(b'<cols><col min="2" max="2" hidden="1"/></cols>')
    parts.append(b"<sheetData>")
    for number, row in enumerate(rows, start=1):
        prefix = row["prefix"].encode()
        attributes = (f' r="{number}"' if row["numbered"] else "") + row["before"]
        if row["hidden"] is not None:
            attributes += f'{row["space"]}hidden="{row["hidden"]}"'
        cell = f'<{row["prefix"]}c r="A{number}" t="inlineStr"><{row["prefix"]}is><t>{row["text"]}</t>'
        cell += f"</{row['prefix']}is></{row['prefix']}c>"
        parts.append(b"<" + prefix + b"row" + attributes.encode() + b">" + cell.encode() + b"</" + prefix + b"row>")
    parts.append(b"</sheetData></worksheet>")
    xml = b"".join(parts)
    expected = hidden_by_the_full_expression(xml)
    assert hidden_rows(xml) == expected
    assert scan_sheet(xml).hidden == expected


def overwritten_sheet_stream(path: Path, target: Path) -> Path:
    """A copy of the workbook whose sheet part's deflate stream is overwritten (its sizes and CRC kept)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    names = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    names += int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + names
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    target.write_bytes(data)
    return target


def test_python_calamine_opens_a_workbook_without_reading_its_sheet(tmp_path):
    """The reader lets python-calamine open the workbook (shared strings, styles, the sheet list) while it scans the
    sheet: that holds only while from_path reads no sheet, which this checks for the version installed."""
    import python_calamine

    book = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]], title="S")
    damaged = overwritten_sheet_stream(book, tmp_path / "damaged.xlsx")
    with python_calamine.CalamineWorkbook.from_path(damaged) as opened:
        assert opened.sheet_names == ["S"]
        with pytest.raises(python_calamine.CalamineError):
            opened.get_sheet_by_name("S")
    with pytest.raises(SourceError, match=f"its part {SHEET} is missing or damaged"):
        open_source(damaged)
