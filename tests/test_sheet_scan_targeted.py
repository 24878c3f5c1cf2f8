"""The targeted pass: a sheet in Excel's spelling whose only findings are error cells, formulas without a value or
empty values has just the cells holding those read (exporter/sources/sheet_scan.py, targeted_problems), and finds
what the exact pass finds: the same problems in sheet order (at most ``limit``), the same extent and hidden rows.
A cell with more than one value (calamine reads the last, the checks the first) is refused as damaged on every
path, and a sheet whose elements carry a prefix (``<x:c>``, ``<x:v>``) stays on the fast path."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import sheet_xml

from exporter.sources import sheet_scan
from exporter.sources.sheet_scan import exact_scan, scan_sheet, targeted_problems
from exporter.sources.xlsx_parts import WorkbookDamaged

BODIES = st.sampled_from(
    [
        ' t="e"><{p}v>#N/A</{p}v>',
        ' t="e"><{p}f>VLOOKUP(A1,B:C,2,0)</{p}f><{p}v>#N/A</{p}v>',
        ' t="e"><{p}v>#DIV/0!</{p}v>',
        ' t="e"><{p}v/>',
        ' t="e"/>',
        "><{p}f>A1+1</{p}f><{p}v>2</{p}v>",
        "><{p}f>A1+1</{p}f>",
        "><{p}f>A1+1</{p}f><{p}v></{p}v>",
        "><{p}f>A1+1</{p}f><{p}v/>",
        '><{p}f t="shared" si="0"/><{p}v>3</{p}v>',
        '><{p}f t="shared" si="0"/>',
        "><{p}f><![CDATA[1]]></{p}f><{p}v>1</{p}v>",
        ' t="str"><{p}f>"x"</{p}f><{p}v></{p}v>',
        ' t="str"><{p}f>"x"</{p}f><{p}v>t="e"</{p}v>',
        ' t="str"><{p}f>"x"</{p}f>',
        ' t="inlineStr"><{p}is><{p}t>t="e"</{p}t></{p}is>',
        "><{p}v></{p}v>",
        "><{p}v/>",
        ' t="s"><{p}v>1</{p}v>',
        ' t="s" s="1"><{p}v>0</{p}v>',
        "><{p}v>1.5</{p}v>",
        ' s="1"/>',
        ' t="b"><{p}v>1</{p}v>',
    ]
)
EXTRAS = st.sampled_from(
    [
        "",
        '<dataValidations count="1"><dataValidation sqref="A1"><formula1>"a,b"</formula1></dataValidation>'
        "</dataValidations>",
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="urn:x14"><x14:dataValidations>'
        '<x14:dataValidation><x14:formula1><xm:f xmlns:xm="urn:xm">Lists!$A$1:$A$3</xm:f></x14:formula1>'
        "</x14:dataValidation></x14:dataValidations></ext></extLst>",
    ]
)


@st.composite
def excel_sheets(draw: st.DrawFn) -> bytes:
    """A sheet in Excel's spelling: every row and cell with its address, in order; any mix of prefixes. Every row
    holds a cell (the estimate counts a row without cells, which the exact pass does not: larger, never smaller)."""
    rows = []
    for row in sorted(draw(st.sets(st.integers(1, 30), min_size=1, max_size=6))):
        prefix = draw(st.sampled_from(["", "x:"]))
        hidden = draw(st.sampled_from(["", ' hidden="1"', ' hidden="true"', ' hidden="0"']))
        cells = []
        for column in sorted(draw(st.sets(st.integers(0, 7), min_size=1, max_size=5))):
            p = draw(st.sampled_from([prefix, "", "x:"]))
            body = draw(BODIES).format(p=p)
            end = "" if body.endswith('"/>') else f"</{p}c>"
            cells.append(f'<{p}c r="{"ABCDEFGH"[column]}{row}"{body}{end}')
        rows.append(f'<{prefix}row r="{row}"{hidden}>{"".join(cells)}</{prefix}row>')
    return sheet_xml("".join(rows).encode()).replace(b"</worksheet>", draw(EXTRAS).encode() + b"</worksheet>")


@settings(max_examples=500, deadline=None)
@given(xml=excel_sheets(), limit=st.sampled_from([1, 2, 3, 10_000]))
def test_the_targeted_pass_finds_what_the_exact_pass_finds(xml, limit):
    exact = exact_scan(xml, limit=limit)
    assert targeted_problems(xml, limit=limit) == exact.problems
    whole = exact_scan(xml)
    found = scan_sheet(xml)
    assert not found.exact  # Excel's spelling: never every cell
    assert found.problems == whole.problems
    assert (found.last_row, found.last_column, found.hidden) == (whole.last_row, whole.last_column, whole.hidden)


def test_an_error_cell_is_read_alone(monkeypatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exact pass was taken")

    monkeypatch.setattr(sheet_scan, "exact_scan", refused)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n}</v></c><c r="B{n}"><f>A{n}</f><v>1</v></c></row>'
                   for n in range(1, 200))  # fmt: skip
    rows += '<row r="200" hidden="1"><x:c r="A200" t="e"><x:v>#REF!</x:v></x:c><x:c r="B200"><x:f>1</x:f></x:c></row>'
    found = scan_sheet(sheet_xml(rows.encode()))
    assert [(p.row, p.column, p.kind, p.text) for p in found.problems] == [(199, 0, "error", "#REF!"),
                                                                          (199, 1, "formula", "")]  # fmt: skip
    assert (found.last_row, found.last_column, found.hidden, found.exact) == (200, 2, [199], False)


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A1" t="s"><v>1</v><v>2</v></c>',
        '<c r="A1" t="s"><v>1</v><v>-1</v></c>',
        '<c r="A1"><v>1</v><v>2</v></c>',
        '<c r="A1"><f>1</f><v>1</v><v>2</v></c>',
        '<c r="A1"><v>5</v><f>1</f></c>',
        '<c r="A1" t="str"><v>b</v><f>1</f></c>',
        '<c r="A1"><v/><v>5</v></c>',
        '<c r="A1" t="inlineStr"><is><t>a</t></is><v>b</v></c>',
        '<c r="A1" t="inlineStr"><v>b</v><is><t>a</t></is></c>',
        '<c r="A1" t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c>',
        '<x:c r="A1" t="s"><x:v>1</x:v><x:v>2</x:v></x:c>',
        '<c r="A1" t="e"><v>#N/A</v><v>#REF!</v></c>',
        "<c r='A1' t='s'><v>1</v><v>2</v></c>",
    ],
)
def test_a_cell_with_more_than_one_value_is_refused_as_damaged(cell):
    xml = sheet_xml(f'<row r="1">{cell}<c r="B1"><v>9</v></c></row>'.encode())
    for scan in (scan_sheet, exact_scan):
        with pytest.raises(WorkbookDamaged):
            scan(xml, "xl/worksheets/sheet1.xml")


def test_prefixed_shared_strings_stay_on_the_fast_path(monkeypatch):
    taken: list[bytes] = []
    monkeypatch.setattr(sheet_scan, "exact_scan", lambda xml, part="": taken.append(xml))
    rows = "".join(f'<x:row r="{n}"><x:c r="A{n}" t="s"><x:v>{n}</x:v></x:c></x:row>' for n in range(1, 20))
    scan_sheet(sheet_xml(rows.encode()))
    assert not taken
    for other in ("<x:v>-1</x:v>", "<x:v>1234567890</x:v>", "<x:v> 1</x:v>", '<x:v a="1">1</x:v>', "<x:is/>",
                  "<vx:v>1.5</vx:v>", "<v:x>1</v:x>", "<V>1</V>", "<x:V>1</x:V>", "<x:vv>1</x:vv>", "<v >1</v>",
                  "<x:v>1</x:v><x:v>-1</x:v>", "<x:f>1</x:f><x:v>1</x:v>"):  # fmt: skip
        scan_sheet(sheet_xml(f'<x:row r="1"><x:c r="A1" t="s">{other}</x:c></x:row>'.encode()))
        assert taken, other
        taken.clear()


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_a_hidden_rows_cell_placed_on_another_row_is_hidden_on_the_fast_path_as_on_the_exact_one(prefix):
    """calamine places a cell by its own address; the exact pass counts a hidden row's cells hidden wherever they
    land, and so does the fast path (Excel never writes this: a hand-made file could)."""
    p = prefix
    rows = "".join(f'<{p}row r="{n}"><{p}c r="A{n}" t="s"><{p}v>{n}</{p}v></{p}c></{p}row>' for n in range(1, 5))
    rows += (f'<{p}row r="5" hidden="1"><{p}c r="A7" t="s"><{p}v>5</{p}v></{p}c>'
             f'<{p}c r="B5" t="s"><{p}v>6</{p}v></{p}c></{p}row><{p}row r="6" hidden="1"/>')  # fmt: skip
    rows += "".join(f'<{p}row r="{n}"><{p}c r="B{n}" t="s"><{p}v>{n}</{p}v></{p}c></{p}row>' for n in range(8, 10))
    xml = sheet_xml(rows.encode())
    fast = scan_sheet(xml)
    assert not fast.exact
    assert fast.hidden == exact_scan(xml).hidden == [4, 6, 5]
