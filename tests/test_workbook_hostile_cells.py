"""Cells written so that a regular expression over the sheet's XML would misread them (found by a fresh tester):
a ">" inside an attribute's value, an address under a namespace prefix, markup inside a value, and a text full of
what looks like error markers. Each is read as python-calamine reads it, or refused; never a wrong value, never a
crash (a far cell hidden behind a quoted ">" once made calamine abort the process)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from workbooks import rewrite_part, sheet_xml, write_rows

from exporter.errors import SourceError
from exporter.source import iter_rows
from exporter.sources import open_source
from exporter.sources.sheet_scan import exact_scan, scan_sheet, targeted_problems

pytestmark = pytest.mark.usefixtures("sentences_in_english")

SHEET = "xl/worksheets/sheet1.xml"
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>other</t></is></c></row>'
)


def book(folder: Path, rows: str, name: str = "book.xlsx") -> Path:
    """A workbook whose styles hold "0000000000" (style 1) and "0.0%" (style 2), with the sheet ``rows``."""
    base = folder / "base.xlsx"
    if not base.exists():

        def styles(workbook: openpyxl.Workbook) -> None:
            workbook.active["A2"].number_format = "0000000000"
            workbook.active["A3"].number_format = "0.0%"

        write_rows(base, [["id", "other"], [1, 2], [0.5, 3]], edit=styles)
    return rewrite_part(base, folder / name, SHEET, sheet_xml((HEADER + rows).encode()))


def read(path: Path) -> list[list[str]]:
    source = open_source(path)
    return list(iter_rows(source, list(source.header)))


def calamine_rows(path: Path) -> list[list[object]]:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(path)
    return workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()[1:]


def test_a_far_cell_behind_a_quoted_greater_than_sign_is_refused_before_calamine_lays_it_out(tmp_path):
    path = book(tmp_path, '<row r="3"><c foo=">" r="XFD1048576"><v>1</v></c></row>')
    with pytest.raises(SourceError) as refused:
        read(path)
    assert refused.value.message.id == "workbook.too_many_cells"


@pytest.mark.parametrize("where", ['foo=">" s="1"', 's="1" foo=">"', 's="1" foo="a>b"'])
def test_a_quoted_greater_than_sign_does_not_hide_a_cells_number_format(tmp_path, where):
    assert read(book(tmp_path, f'<row r="2"><c r="A2" {where}><v>12</v></c><c r="B2"><v>7</v></c></row>')) == [
        ["0000000012", "7"]
    ]
    percent = book(tmp_path, f'<row r="2"><c r="A2" {where.replace("1", "2")}><v>0.5</v></c></row>', "p.xlsx")
    with pytest.raises(SourceError) as refused:
        read(percent)
    assert refused.value.message.id == "workbook.number_format"


@pytest.mark.parametrize(
    "row",
    [
        '<row r="2"><c x:r="B2" s="1"><v>12</v></c><c><v>7</v></c></row>',
        '<row r="2"><c x:r="B2" xmlns:x="urn:x"><v>12</v></c><c><v>7</v></c></row>',
        '<row r="2"><c r="A2" x:r="D9" xmlns:x="urn:x"><v>12</v></c><c><v>7</v></c></row>',
        '<row r="2"><c x:r="XFD1048576"><v>12</v></c><c><v>7</v></c></row>',
    ],
)
def test_an_address_under_a_namespace_prefix_is_ignored_as_calamine_ignores_it(tmp_path, row):
    """python-calamine 0.9.1 reads no ``x:r``: the cell follows the one before, as a cell without an address."""
    path = book(tmp_path, row)
    assert [[str(int(value)) for value in cells] for cells in calamine_rows(path)] == [["12", "7"]]
    assert [cells[1] for cells in read(path)] == ["7"]


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A2"><v><![CDATA[5]]></v></c>',
        '<c r="A2" t="str"><f>"abc"</f><v><![CDATA[abc]]></v></c>',
        '<c r="A2"><v>5<!-- c -->6</v></c>',
        '<c r="A2" t="str"><v>a<!---->b</v></c>',
        '<c r="A2" t="e"><v><![CDATA[#N/A]]></v></c>',
        '<c r="A2"><v>5<?pi x?></v></c>',
    ],
)
def test_markup_inside_a_value_is_refused_as_damaged(tmp_path, cell):
    """calamine loses a value written in CDATA and cuts one at a comment (5<!-- -->6 gives 5; LibreOffice 56)."""
    with pytest.raises(SourceError) as refused:
        read(book(tmp_path, f'<row r="2">{cell}<c r="B2"><v>7</v></c></row>'))
    assert refused.value.message.id in {"workbook.damaged", "workbook.unreadable_sheet"}


def test_text_full_of_error_markers_is_read_in_one_pass():
    """One inline string holding 't="e" ' 100,000 times: each marker's walk back stops at the marker before (it
    walked back to the string's start, so 5 million markers took about 20 minutes; now 9 s)."""
    text = 't="e" ' * 100_000
    rows = (HEADER + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{text}</t></is></c></row>'
            '<row r="3"><c r="A3" t="e"><v>#N/A</v></c></row>')  # fmt: skip
    xml = sheet_xml(rows.encode())
    found = scan_sheet(xml)
    assert [(p.row, p.column, p.kind) for p in found.problems] == [(2, 0, "error")]
    assert targeted_problems(xml) == exact_scan(xml).problems
