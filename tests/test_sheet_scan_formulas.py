"""Formulas on the fast path: a sheet whose every formula is followed by its cached value is read by the RE2
passes alone; in any other (a formula without a value, an empty value, a spelling the count does not recognise)
the cells holding a formula not followed by a value are read (scan_sheet's targeted pass), or, for a spelling
other than Excel's, every cell (the exact pass). Either way the problems found are those the exact pass finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import sheet_xml

from exporter.sources.sheet_scan import exact_scan, scan_sheet
from exporter.sources.xlsx_parts import Problem, WorkbookDamaged

PREFIXES = st.sampled_from(["", "x:"])
FORMULAS = st.sampled_from(["<{p}f>A1+1</{p}f>", "<{p}f t=\"shared\" si=\"0\"/>", "<{p}f>SUM(A1:A2)</{p}f >",
                            "<{p}f\n>1</{p}f>", "<{p}f><![CDATA[1]]></{p}f>", ""])  # fmt: skip
VALUES = st.sampled_from(["<{p}v>2</{p}v>", "<{p}v></{p}v>", "<{p}v/>", "", " <{p}v>0</{p}v>",
                          "<{p}is><t>x</t></{p}is>", "<{p}v>&#50;</{p}v>", "<{p}v>a&amp;b</{p}v>"])  # fmt: skip
KINDS = st.sampled_from(["", ' t="str"', ' t="b"', ' t="n"', ' t="inlineStr"'])


@st.composite
def cell(draw: st.DrawFn, row: int, column: int) -> str:
    prefix = draw(PREFIXES)
    body = draw(FORMULAS).format(p=prefix) + draw(VALUES).format(p=prefix)
    letters = "ABCDEFGH"[column]
    return f'<{prefix}c r="{letters}{row}"{draw(KINDS)}>{body}</{prefix}c>'


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    rows = []
    for row in range(1, draw(st.integers(1, 4)) + 1):
        cells = "".join(draw(cell(row, column)) for column in range(draw(st.integers(1, 4))))
        rows.append(f'<row r="{row}">{cells}</row>')
    return sheet_xml("".join(rows).encode())


@settings(max_examples=400, deadline=None)
@given(xml=sheets())
def test_the_fast_path_finds_what_the_exact_pass_finds(xml):
    try:
        exact = exact_scan(xml)
    except WorkbookDamaged:
        with pytest.raises(WorkbookDamaged):
            scan_sheet(xml)
        return
    fast = scan_sheet(xml)
    assert fast.problems == exact.problems
    assert (fast.last_row, fast.last_column, fast.hidden) == (exact.last_row, exact.last_column, exact.hidden)


def test_formulas_with_their_values_stay_on_the_fast_path():
    cells = "".join(f'<c r="A{n}"><f>B{n}*2</f><v>{n}</v></c>' for n in range(1, 50))
    cells += '<c r="B50" t="str"><f t="shared" ref="B50:B51" si="0">"x"</f><v>x</v></c>'
    xml = sheet_xml(f'<row r="1">{cells}</row>'.encode())
    assert not scan_sheet(xml).exact
    for cell in (b'<c r="A1"><f>1+1</f></c>', b'<c r="A1"><f>1+1</f><v></v></c>'):  # read alone, not exactly
        found = scan_sheet(sheet_xml(b'<row r="1">' + cell + b"</row>"))
        assert (found.problems, found.exact) == ([Problem(0, 0, "formula")], False)
