"""The sheet's extent counts the cells python-calamine lays out, and only those: a cell holding a value (however far,
however spelled) makes the sheet as large as its address says, and is refused past the limits before calamine lays
it out; formatting alone (a self-closed ``<c r="XFD1048576" s="1"/>``, a ``<row>`` with a height and no cell) lays
out nothing, so it never makes a small table "too large" (exporter/sources/sheet_scan.py).

python-calamine itself is the oracle: the extent found is never smaller than the range calamine lays out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Border, Font, Side
from workbooks import rewrite_part, sheet_xml, write_rows

from exporter.errors import SourceError
from exporter.source import iter_rows
from exporter.sources import open_source
from exporter.sources.sheet_scan import exact_scan, scan_sheet
from exporter.sources.xlsx_parts import column_letters

pytestmark = pytest.mark.usefixtures("sentences_in_english")

SHEET = "xl/worksheets/sheet1.xml"
ROWS = [[f"c{j}" for j in range(200)], *[[f"v{i}-{j}" for j in range(200)] for i in range(5)]]


def read(path: Path) -> list[list[str]]:
    source = open_source(path)
    return list(iter_rows(source, list(source.header)))


def formatted(edit: Callable[[Any], object]) -> Callable[[openpyxl.Workbook], None]:
    """An edit of the workbook's first sheet, for write_rows."""

    def change(book: openpyxl.Workbook) -> None:
        edit(book.active)

    return change


@pytest.mark.parametrize(
    "edit",
    [
        lambda sheet: setattr(sheet.row_dimensions[1_048_576], "height", 20),
        lambda sheet: setattr(sheet["XFD1048576"], "font", Font(bold=True)),
        lambda sheet: setattr(sheet["A1048576"], "border", Border(top=Side(style="thin"))),
        lambda sheet: [setattr(sheet.cell(row, 1), "font", Font(italic=True)) for row in range(7, 1_048_576, 99_991)],
    ],
    ids=["tall-last-row", "bold-last-cell", "border-far-below", "italic-cells-down-the-column"],
)
def test_formatting_far_from_the_table_does_not_make_it_too_large(tmp_path, edit):
    """200 columns: a formatted row or cell at row 1,048,576 once counted as 200 x 1,048,576 cells, past the
    limit of 33,554,432, and refused the table as holding "a stray value" it did not hold."""
    path = write_rows(tmp_path / "book.xlsx", ROWS, edit=formatted(edit))
    assert read(path) == ROWS[1:]


def test_a_value_far_from_the_table_still_makes_it_too_large(tmp_path):
    path = write_rows(
        tmp_path / "book.xlsx", ROWS, edit=formatted(lambda sheet: setattr(sheet["A1048576"], "value", "x"))
    )
    with pytest.raises(SourceError) as refused:
        open_source(path)
    assert refused.value.message.id == "workbook.too_many_cells"
    assert "GR1048576" in str(refused.value.message)


def laid_out(xml: bytes, folder: Path) -> tuple[int, int]:
    """The 1-based last row and column python-calamine lays out for a sheet (0, 0: nothing)."""
    import python_calamine

    base = folder / "base.xlsx"
    if not base.exists():
        write_rows(base, [["a"]])
    book = python_calamine.CalamineWorkbook.from_path(rewrite_part(base, folder / "oracle.xlsx", SHEET, xml))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    if sheet.height == 0:
        return 0, 0
    end = sheet.end
    assert end is not None
    return end[0] + 1, end[1] + 1


VALUES = st.sampled_from(
    ["<v>1</v>", "<v>2.5</v>", ' t="b"><v>0</v>', ' t="str"><v></v>', ' t="inlineStr"><is><t>x</t></is>']
)
FORMATTING = st.sampled_from(['<c r="{}" s="0"/>', '<c r="{}"/>', '<c r="{}" s="0" t="n" />', "<c r='{}'/>"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    valued=st.lists(st.tuples(st.integers(1, 300), st.integers(1, 30), VALUES), min_size=1, max_size=25),
    empty=st.lists(st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), FORMATTING), max_size=6),
    empty_rows=st.lists(st.integers(1, 1_048_576), max_size=3),
)
def test_the_extent_is_what_calamine_lays_out(tmp_path, valued, empty, empty_rows):
    """Cells with values in A1:AD300, formatting anywhere up to XFD1048576, empty rows anywhere: the extent found,
    on the fast path and on the exact one, is the last valued cell's, and is calamine's."""
    cells: dict[int, dict[int, str]] = {}
    for row, column, body in valued:
        tag = f'<c r="{column_letters(column)}{row}"'
        cells.setdefault(row, {})[column] = tag + (body if body.startswith(" ") else ">" + body) + "</c>"
    for row, column, form in empty:
        cells.setdefault(row, {}).setdefault(column, form.format(f"{column_letters(column)}{row}"))
    for row in empty_rows:
        cells.setdefault(row, {})
    xml = sheet_xml(
        "".join(
            f'<row r="{row}">' + "".join(cells[row][column] for column in sorted(cells[row])) + "</row>"
            for row in sorted(cells)
        ).encode()
    )
    last = (max(r for r, c, _ in valued), max(c for _, c, _ in valued))
    fast, exact = scan_sheet(xml), exact_scan(xml)
    assert (fast.last_row, fast.last_column) == (exact.last_row, exact.last_column) == last
    assert laid_out(xml, tmp_path) == last


def test_a_sheet_ending_in_formatted_cells_is_estimated_from_further_back_and_stays_fast():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>1</v></c></row>' for n in range(1, 3000))
    rows += "".join(f'<row r="{n}"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>' for n in range(3000, 9000))
    found = scan_sheet(sheet_xml(rows.encode()))
    assert (found.last_row, found.last_column, found.exact) == (2999, 2, False)


def test_formatting_alone_spelled_otherwise_is_read_exactly_and_not_counted():
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r=\'xfd1048576\' s="0"/></row>'
    found = scan_sheet(sheet_xml(rows.encode()))
    assert (found.last_row, found.last_column, found.exact) == (1, 1, True)
