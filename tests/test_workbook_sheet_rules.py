"""What Excel shows is what leaves, or the sheet is refused in one sentence naming the place: rows hidden in Excel,
merged data cells, empty header names (a stray value far to the right), text holding U+0000, styles written with
character references or style numbers with leading zeros, a missing file named with --sheet, and the Japanese
wording of these sentences (exporter/sources/workbook_checks.py)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbooks import rewrite_part, write_rows

from exporter import messages
from exporter.errors import PlanError, SourceError
from exporter.source import SourceDigest, iter_rows
from exporter.sources import open_source

pytestmark = pytest.mark.usefixtures("sentences_in_english")

RESIDENTS = [
    ["住民番号", "氏名", "地区"],
    ["0000560147", "宮崎 千代子", "H1"],
    ["0000560148", "小野 君子", "H2"],
    ["0000560149", "石井 美加子", "H1"],
    ["0000560150", "中村 陽子", "H3"],
]
SHEET = "xl/worksheets/sheet1.xml"


def refusal(path: Path, **options) -> SourceError | PlanError:
    with pytest.raises((SourceError, PlanError)) as caught:
        open_source(path, **options)
    return caught.value


def read(path: Path, columns: list[str]) -> list[list[str]]:
    return list(iter_rows(open_source(path), columns))


def test_rows_hidden_in_excel_within_the_table_refuse_the_sheet_naming_the_first(tmp_path):
    """An AutoFilter leaves the rows it does not show as <row hidden="1">: sending them would send everyone."""

    def edit(book):
        book.active.auto_filter.ref = "A1:C5"
        book.active.row_dimensions[3].hidden = True
        book.active.row_dimensions[5].hidden = True

    path = write_rows(tmp_path / "book.xlsx", RESIDENTS, title="住民", edit=edit)
    assert b'hidden="1"' in zipfile.ZipFile(path).read(SHEET)
    error = refusal(path)
    assert str(error) == (
        "The sheet 住民 of book.xlsx has rows hidden in Excel within its table (the first: 住民!3:3); they would be "
        "exported although Excel does not show them."
    )
    assert "Unhide the rows" in error.hint_text()
    assert "row conditions" in error.hint_text()
    messages.set_language("ja")
    assert str(error).startswith(
        "book.xlsx のシート 住民 には、Excel で非表示にした行が表の中にあり（最初は 住民!3:3）"
    )


def test_hidden_empty_rows_and_hidden_columns_are_read_as_the_others(tmp_path):
    """An empty hidden row holds nothing to send; a hidden column is listed by name and chosen (or not) by the
    clerk like any other."""

    def edit(book):
        book.active.row_dimensions[8].hidden = True
        book.active.column_dimensions["B"].hidden = True

    path = write_rows(tmp_path / "book.xlsx", RESIDENTS, edit=edit)
    assert open_source(path).header == tuple(RESIDENTS[0])
    assert read(path, ["氏名"]) == [[row[1]] for row in RESIDENTS[1:]]


def test_merged_data_cells_are_refused_naming_the_range_when_their_column_is_read(tmp_path):
    rows = [RESIDENTS[0], RESIDENTS[1], [RESIDENTS[2][0], RESIDENTS[2][1], None], [*RESIDENTS[3][:2], None]]
    path = write_rows(tmp_path / "book.xlsx", rows, title="住民", edit=lambda b: b.active.merge_cells("C2:C4"))
    source = open_source(path)
    assert source.count_rows().rows == 3  # inspect's whole-file check passes
    assert list(iter_rows(source, ["住民番号", "氏名"])) == [row[:2] for row in RESIDENTS[1:4]]
    with pytest.raises(SourceError) as caught:
        list(source.batches(["地区"], SourceDigest()))
    assert str(caught.value) == (
        "The cells 住民!C2:C4 of book.xlsx are merged: Excel shows the value of 住民!C2 across them, but the other "
        "cells of the range hold no value of their own."
    )
    assert "Unmerge" in caught.value.hint_text()


def test_a_filter_on_a_column_with_merged_cells_is_refused_through_the_command_line(tmp_path):
    rows = [RESIDENTS[0], RESIDENTS[1], [*RESIDENTS[2][:2], None], [*RESIDENTS[3][:2], None]]
    path = write_rows(tmp_path / "book.xlsx", rows, edit=lambda b: b.active.merge_cells("C2:C4"))
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", "export", str(path), "--column", "氏名", "--where",
         "地区 = H1", "--output", str(tmp_path / "out.age"), "--generate-passphrase"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "exporter: error: The cells Sheet1!C2:C4 of book.xlsx are merged" in result.stderr
    assert not (tmp_path / "out.age").exists()


def test_a_stray_value_far_to_the_right_is_named_where_it_is(tmp_path):
    def edit(book):
        book.active["XFD2"] = "x"

    path = write_rows(tmp_path / "book.xlsx", RESIDENTS, edit=edit)
    assert str(refusal(path)) == (
        "The header cell Sheet1!XFD1 of book.xlsx is empty, but its column holds values (the first: Sheet1!XFD2)."
    )


def test_an_empty_unnamed_column_between_named_ones_is_refused_as_such(tmp_path):
    rows = [["番号", None, "氏名"], ["1", None, "宮崎"]]

    def edit(book):
        book.active["B3"] = None
        book.active["D1"] = None

    path = write_rows(tmp_path / "book.xlsx", rows, edit=edit)
    assert str(refusal(path)) == (
        "The header cell Sheet1!B1 of book.xlsx is empty, and so is its column, between columns with names."
    )


def sheet_with(path: Path, target: Path, old: bytes, new: bytes) -> Path:
    """A copy of the workbook with ``old`` replaced by ``new`` in its sheet's XML (openpyxl writes text inline)."""
    sheet = zipfile.ZipFile(path).read(SHEET)
    assert old in sheet
    return rewrite_part(path, target, SHEET, sheet.replace(old, new))


def test_a_cell_holding_x0000_arrives_exactly_and_other_columns_are_unaffected(tmp_path):
    """_x0000_ is how SpreadsheetML writes U+0000, which XML cannot hold; the reader decodes it."""
    path = write_rows(tmp_path / "written.xlsx", RESIDENTS)
    nul = sheet_with(path, tmp_path / "nul.xlsx", "小野".encode(), b"A_x0000_B")
    source = open_source(nul)
    assert source.count_rows().rows == 4
    assert list(iter_rows(source, ["氏名", "住民番号"])) == [
        ["宮崎 千代子", "0000560147"],
        ["A\x00B 君子", "0000560148"],
        ["石井 美加子", "0000560149"],
        ["中村 陽子", "0000560150"],
    ]
    assert list(iter_rows(source, ["地区"])) == [[row[2]] for row in RESIDENTS[1:]]


@pytest.mark.parametrize("reference", [b"&#20870;", b"&#x5186;"])
def test_format_codes_written_with_character_references_show_as_excel_shows_them(tmp_path, reference):
    def edit(book):
        book.active["B2"].number_format = '#,##0"円"'

    path = write_rows(tmp_path / "written.xlsx", [["番号", "金額"], ["1", 1500]], edit=edit)
    styles = zipfile.ZipFile(path).read("xl/styles.xml")
    escaped = styles.replace(b"#,##0&quot;\xe5\x86\x86&quot;", b"#,##0" + reference)
    assert escaped != styles
    copy = rewrite_part(path, tmp_path / "referenced.xlsx", "xl/styles.xml", escaped)
    assert read(copy, ["金額"]) == [["1,500円"]]


def test_a_style_number_written_with_leading_zeros_is_the_same_style(tmp_path):
    def edit(book):
        book.active["B2"].number_format = "0000000000"

    path = write_rows(tmp_path / "written.xlsx", [["番号", "住民番号"], ["1", 12]], edit=edit)
    copy = sheet_with(path, tmp_path / "zeros.xlsx", b' s="1"', b' s="01"')
    assert read(copy, ["住民番号"]) == [["0000000012"]]


def test_a_missing_file_named_with_sheet_is_said_to_be_missing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", "export", str(tmp_path / "nofile.xlsx"), "--sheet", "S",
         "--column", "a", "--output", str(tmp_path / "out.age"), "--generate-passphrase"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "nofile.xlsx does not exist" in result.stderr
    assert "CSV" not in result.stderr
    assert "does not exist" in str(refusal(tmp_path / "nofile.xlsx", sheet="S"))


def test_japanese_sentences_list_sheets_with_the_japanese_comma_and_name_exporter(tmp_path):
    def edit(book):
        book.create_sheet("Visible")
        book.create_sheet("Other")["A1"] = 0.5
        book["Other"]["A2"] = 0.5
        book["Other"]["A2"].number_format = "0%"

    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]], title="Hidden", edit=edit)
    error = refusal(path, sheet="Nope")
    assert str(error) == "book.xlsx has no sheet named “Nope”. Its sheets: Hidden, Visible, Other."
    messages.set_language("ja")
    assert str(error) == "book.xlsx には「Nope」という名前のシートがありません。シートは Hidden、Visible、Other です。"
    source = open_source(path, sheet="Other")
    with pytest.raises(SourceError) as caught:
        list(source.batches(["0.5"], SourceDigest()))
    assert "exporter ではこの表示形式を Excel と同じように表示できません" in str(caught.value)


def test_every_sentence_of_these_rules_has_both_languages():
    from exporter.messages.workbook import CATALOGUE

    for key in ("workbook.hidden_rows", "workbook.merged_data", "workbook.partial_date", "workbook.empty_column"):
        english, japanese = CATALOGUE[key]
        assert english.count("{") == japanese.count("{")
    assert openpyxl.__version__  # the workbooks above are openpyxl's
