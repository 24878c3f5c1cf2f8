"""Every XML spelling of the attributes the sheet's checks read (exporter/sources/sheet_scan.py): either quote,
whitespace around ``=``, character references, whitespace inside a boolean, lower-case or zero-padded addresses.
Each spelling gives what Excel's spelling gives (the same values, or the same refusal), or the workbook is refused;
never another value, never a crash: a far cell so written once made calamine allocate 512 GiB and abort."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import rewrite_part, sheet_xml, write_rows

from exporter.errors import PlanError, SourceError
from exporter.source import iter_rows
from exporter.sources import open_source
from exporter.sources.sheet_scan import scan_sheet

pytestmark = pytest.mark.usefixtures("sentences_in_english")

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = ["id", "amount", "x", "y", "z"]
DAMAGED = {"workbook.damaged", "workbook.unreadable_sheet"}


def base(folder: Path) -> tuple[Path, int]:
    """A workbook whose styles hold a number format "0.000" (its style index given) and whose shared strings are
    STRINGS."""
    path = folder / "base.xlsx"
    if not path.exists():

        def edit(book: openpyxl.Workbook) -> None:
            book.active["B2"].number_format = "0.000"

        write_rows(path, [["id", "amount"], ["x", 1.5]], edit=edit)
        items = "".join(f"<si><t>{text}</t></si>" for text in STRINGS)
        sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'.encode()
        rewrite_part(path, folder / "b2.xlsx", "xl/sharedStrings.xml", sst)
        (folder / "b2.xlsx").replace(path)
    with zipfile.ZipFile(path) as archive:
        style = re.search(rb'r="B2" s="([0-9]+)"', archive.read(SHEET))
    assert style is not None
    return path, int(style[1])


def book(folder: Path, rows: str, name: str) -> Path:
    source, _ = base(folder)
    return rewrite_part(source, folder / name, SHEET, sheet_xml(rows.encode()))


def everything(path: Path) -> list[list[str]]:
    return list(iter_rows(open_source(path), ["id", "amount"]))


def outcome(path: Path) -> tuple[str, object]:
    """("ok", the rows) or ("refused", the sentence's id)."""
    try:
        return "ok", everything(path)
    except (SourceError, PlanError) as error:
        return "refused", getattr(error.message, "id", str(error.message))


def rows_xml(style: int, **spelled: str) -> str:
    """Header, two data rows; ``spelled`` replaces one attribute's text (Excel's spelling by default)."""
    attr = {
        "row3_r": ' r="3"',
        "b3_r": ' r="B3"',
        "a3_t": ' t="s"',
        "row3_hidden": "",
        "b2_s": f' s="{style}"',
        "b3_t": "",
        "a3_v": "3",
        "far": "",
    }
    attr.update(spelled)
    b3 = "#N/A" if attr["b3_t"] else "2"
    return (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        f'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"{attr["b2_s"]}><v>1.5</v></c></row>'
        f'<row{attr["row3_r"]}{attr["row3_hidden"]}><c r="A3"{attr["a3_t"]}><v>{attr["a3_v"]}</v></c>'
        f"<c{attr['b3_r']}{attr['b3_t']}><v>{b3}</v></c></row>{attr['far']}"
    )


# ----- the findings, file by file -----

FAR = '<row r="1048576"><c r="XFD1048576" t="s"><v>3</v></c></row>'


@pytest.mark.parametrize(
    "far",
    [
        FAR,
        "<row r='1048576'><c r='XFD1048576' t='s'><v>3</v></c></row>",
        '<row r="1048576"><c r = "XFD1048576" t="s"><v>3</v></c></row>',
        '<row r="1048576"><c r="xfd1048576" t="s"><v>3</v></c></row>',
        '<row r="1048576"><c r="XFD0001048576" t="s"><v>3</v></c></row>',
        '<row r="1048576"><c foo=">" r="XFD1048576" t="s"><v>3</v></c></row>',
        '<row r="1048576"><c r="xFd1048576" t="s"><v>3</v></c></row>',
        "<row r='1048576'><c t='s'><v>3</v></c><c r='XFD1048576'><v>1</v></c></row>",
        '<row r="1048576"><c r="XFC1048576" t="s"><v>3</v></c><c t="s"><v>3</v></c></row>',
        "<row r='1048576'><c r='A1048576' t='s'><v>3</v></c></row><row r='5'><c r='xfd5'><v>1</v></c></row>",
    ],
)
def test_a_far_cell_in_any_spelling_is_refused_as_too_large_before_calamine_lays_it_out(tmp_path, far):
    _, style = base(tmp_path)
    assert outcome(book(tmp_path, rows_xml(style, far=far), "far.xlsx")) == ("refused", "workbook.too_many_cells")


@pytest.mark.parametrize(
    "far",
    [
        '<row r="1"><c r="A0001048577"><v>1</v></c></row>',
        '<row r="1"><c r="A00000000000000000000000000000001048577"><v>1</v></c></row>',
        '<row r="1"><c r="A99999999999999999999"><v>1</v></c></row>',
        "<row r='99999999999'><c t='s'><v>3</v></c></row>",
        '<row r="4294967297"><c t="s"><v>3</v></c></row>',
    ],
)
def test_a_row_past_the_last_in_any_spelling_is_refused(tmp_path, far):
    _, style = base(tmp_path)
    assert outcome(book(tmp_path, rows_xml(style, far=far), "far.xlsx")) == ("refused", "workbook.too_many_rows")


@pytest.mark.parametrize(
    "hidden",
    [' hidden="1"', " hidden='1'", ' hidden = "1"', ' hidden="&#49;"', ' hidden=" 1 "', " hidden='true'",
     ' hidden ="&#x74;rue"', ' hidden="\ttrue\n"'],
)  # fmt: skip
def test_a_hidden_row_in_any_spelling_is_refused_naming_the_row(tmp_path, hidden):
    _, style = base(tmp_path)
    path = book(tmp_path, rows_xml(style, row3_hidden=hidden), "hidden.xlsx")
    assert outcome(path) == ("refused", "workbook.hidden_rows")
    with pytest.raises(SourceError, match=r"Sheet1!3:3"):
        open_source(path)


def test_a_hidden_row_numbered_in_single_quotes_is_named_with_its_number(tmp_path):
    _, style = base(tmp_path)
    rows = rows_xml(style, row3_r=" r='100'", row3_hidden=' hidden="1"', b3_r=" r='B100'").replace('r="A3"', "r='A100'")
    with pytest.raises(SourceError, match=r"Sheet1!100:100"):
        open_source(book(tmp_path, rows, "hidden.xlsx"))


def test_a_hidden_row_without_a_number_hides_the_cells_it_holds_wherever_they_are_addressed(tmp_path):
    _, style = base(tmp_path)
    rows = rows_xml(style, row3_r=" ", row3_hidden=' hidden="1"', b3_r=' r="B100"').replace('r="A3"', 'r="A100"')
    assert outcome(book(tmp_path, rows, "hidden.xlsx")) == ("refused", "workbook.hidden_rows")


@pytest.mark.parametrize("t", [' t="e"', " t='e'", ' t = "e"', ' t\n=\t"e"'])
def test_an_error_cell_in_any_spelling_is_refused_naming_the_cell(tmp_path, t):
    _, style = base(tmp_path)
    with pytest.raises(SourceError, match=r"Sheet1!B3 .* #N/A"):
        everything(book(tmp_path, rows_xml(style, b3_t=t), "error.xlsx"))


@pytest.mark.parametrize("r", [" r='B3'", ' r = "B3"', ' r="b3"', ' r="B03"'])
def test_a_formula_without_a_cached_value_in_any_spelling_is_refused_naming_the_cell(tmp_path, r):
    _, style = base(tmp_path)
    rows = rows_xml(style, b3_r=r).replace("<v>2</v></c></row>", "<f>1+1</f></c></row>")
    with pytest.raises(SourceError, match=r"Sheet1!B3 .*formula"):
        everything(book(tmp_path, rows, "formula.xlsx"))


@pytest.mark.parametrize("s", ["s='{}'", 's = "{}"', 's="0{}"', "s\t=\n'{}'"])
def test_a_formatted_number_in_any_spelling_shows_as_excel_shows_it(tmp_path, s):
    _, style = base(tmp_path)
    path = book(tmp_path, rows_xml(style, b2_s=" " + s.format(style)), "format.xlsx")
    assert outcome(path) == ("ok", [["x", "1.500"], ["y", "2"]])


@pytest.mark.parametrize("s", ['s="&#{};"', 's=" {} "'])
def test_a_style_number_calamine_would_ignore_is_refused(tmp_path, s):
    _, style = base(tmp_path)
    value = str(48 + style) if "&" in s else str(style)
    path = book(tmp_path, rows_xml(style, b2_s=" " + s.format(value)), "format.xlsx")
    assert outcome(path) == ("refused", "workbook.damaged")


@pytest.mark.parametrize("index", ["-1", "2.0", "abc", "+2", " 2 ", "99999999999999999999", "", "&#50;", "1e0"])
def test_a_shared_string_index_that_is_not_one_is_refused_as_damaged(tmp_path, index):
    _, style = base(tmp_path)
    path = book(tmp_path, rows_xml(style, a3_v=index), "sst.xlsx")
    assert outcome(path) == ("refused", "workbook.damaged")
    with pytest.raises(SourceError, match=r"xl/worksheets/sheet1\.xml"):
        open_source(path)


@pytest.mark.parametrize("values", ["3</v><v>4", "3</v><v>-1", "3</v><f>1</f><v>4", "3</v><v></v><v>4"])
def test_a_cell_with_more_than_one_value_is_refused_as_damaged(tmp_path, values):
    # calamine reads the last value (here "y", or "id" for -1) where the checks would read the first
    _, style = base(tmp_path)
    assert outcome(book(tmp_path, rows_xml(style, a3_v=values), "two.xlsx")) == ("refused", "workbook.damaged")
    prefixed = rows_xml(style, a3_v=values).replace("<v>", "<x:v>").replace("</v>", "</x:v>").replace("<f>", "<x:f>")
    prefixed = prefixed.replace("</f>", "</x:f>")
    assert outcome(book(tmp_path, prefixed, "two-x.xlsx")) == ("refused", "workbook.damaged")


def test_a_shared_string_index_with_leading_zeros_is_the_same_index(tmp_path):
    """calamine reads 04 as 4, as XML Schema's integer does."""
    _, style = base(tmp_path)
    assert outcome(book(tmp_path, rows_xml(style, a3_v="04"), "sst.xlsx")) == ("ok", [["x", "1.500"], ["z", "2"]])


def test_a_number_written_with_a_reference_is_refused_rather_than_lost(tmp_path):
    """calamine gives nothing for <v>&#50;</v> in a number cell; Excel shows 2."""
    _, style = base(tmp_path)
    rows = rows_xml(style).replace("<v>2</v></c></row>", "<v>&#50;</v></c></row>")
    assert outcome(book(tmp_path, rows, "ref.xlsx")) == ("refused", "workbook.damaged")


# ----- every spelling of every attribute -----


@st.composite
def spelling(draw: st.DrawFn, name: str, value: str, *, letters: bool = False, boolean: bool = False) -> str:
    """``name`` = ``value`` as XML may write it: either quote, whitespace around =, a character reference in place
    of one character; lower-case letters and leading zeros for an address; whitespace inside a boolean."""
    if letters:
        head = value.rstrip("0123456789")
        if draw(st.booleans()):
            head = "".join(draw(st.sampled_from([ch, ch.lower()])) for ch in head)
        value = head + "0" * draw(st.integers(0, 3)) + value[len(value.rstrip("0123456789")) :]
    if value and draw(st.booleans()):
        at = draw(st.integers(0, len(value) - 1))
        form = draw(st.sampled_from(["&#{};", "&#x{:X};", "&#x{:x};", "&#0{};"]))
        value = value[:at] + form.format(ord(value[at])) + value[at + 1 :]
    if boolean:
        value = draw(st.sampled_from(["", " ", "\t", "\r\n"])) + value + draw(st.sampled_from(["", " ", "\n"]))
    quote = draw(st.sampled_from(['"', "'"]))
    before, after = (draw(st.sampled_from(["", " ", "\t", "\n "])) for _ in range(2))
    return f" {name}{before}={after}{quote}{value}{quote}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_spelling_gives_what_excels_spelling_gives_or_is_refused(tmp_path, data):
    _, style = base(tmp_path)
    which = data.draw(st.sampled_from(["row3_r", "b3_r", "a3_t", "row3_hidden", "b2_s", "b3_t", "far"]))
    canonical: dict[str, str] = {}
    if which == "row3_r":
        canonical[which] = ' r="3"'
        spelled = data.draw(spelling("r", "3", letters=True))
    elif which == "b3_r":
        canonical[which] = ' r="B3"'
        spelled = data.draw(spelling("r", "B3", letters=True))
    elif which == "a3_t":
        canonical[which] = ' t="s"'
        spelled = data.draw(spelling("t", "s"))
    elif which == "row3_hidden":
        value = data.draw(st.sampled_from(["1", "true", "0", "false"]))
        canonical[which] = f' hidden="{value}"'
        spelled = data.draw(spelling("hidden", value, boolean=True))
    elif which == "b2_s":
        canonical[which] = f' s="{style}"'
        spelled = data.draw(spelling("s", str(style)))
    elif which == "b3_t":
        canonical[which] = ' t="e"'
        spelled = data.draw(spelling("t", "e"))
    else:
        canonical[which] = '<row r="1048576"><c r="XFD1048576" t="s"><v>3</v></c></row>'
        spelled = '<row r="1048576"><c' + data.draw(spelling("r", "XFD1048576", letters=True)) + "><v>1</v></c></row>"
    expected = outcome(book(tmp_path, rows_xml(style, **canonical), "canonical.xlsx"))
    found = outcome(book(tmp_path, rows_xml(style, **{which: spelled}), "spelled.xlsx"))
    assert found == expected or (found[0] == "refused" and found[1] in DAMAGED), (spelled, expected, found)


def test_the_fast_path_still_takes_excels_spelling_and_only_it(tmp_path):
    _, style = base(tmp_path)
    assert not scan_sheet(sheet_xml(rows_xml(style).encode())).exact
    for spelled in ({"row3_r": " r='3'"}, {"b3_r": ' r="b3"'}, {"row3_hidden": ' hidden=" 0"'}):
        assert scan_sheet(sheet_xml(rows_xml(style, **spelled).encode())).exact, spelled
