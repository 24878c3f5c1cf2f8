"""A workbook as a source: the sheet chosen, the header's rules, cells that cannot pass refused with their address,
hostile workbooks refused in one sentence (never a traceback, never a crash), and an export that decrypts to the
sheet's data.csv."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from workbooks import (
    every_kind_workbook,
    lying_size,
    oracle_table,
    rewrite_part,
    sheet_xml,
    write_rows,
    zip_bytes,
)

from exporter.cli import main
from exporter.errors import PlanError, SourceError
from exporter.sniff import ReadLimits
from exporter.source import iter_rows
from exporter.sources import WorkbookSource, open_source, read_columns, workbook_kind

pytestmark = pytest.mark.usefixtures("sentences_in_english")

RESIDENTS = [
    ["住民番号", "氏名", "郵便番号"],
    ["0000560147", "宮崎 千代子", "464-9081"],
    ["0000560148", "小野 君子", "708-6681"],
]


def refusal(path: Path, **options) -> SourceError | PlanError:
    with pytest.raises((SourceError, PlanError)) as caught:
        open_source(path, **options)
    return caught.value


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_workbook_renamed_to_csv_is_still_read_as_a_workbook(tmp_path):
    path = write_rows(tmp_path / "residents.csv", RESIDENTS)
    source = open_source(path)
    assert isinstance(source, WorkbookSource)
    assert list(iter_rows(source, ["住民番号"])) == [["0000560147"], ["0000560148"]]


def test_the_first_visible_sheet_is_read_unless_another_is_named(tmp_path):
    def edit(book):
        book.active.sheet_state = "hidden"
        second = book.create_sheet("名簿")
        second.append(["番号"])
        second.append(["1"])
        book.active = 1

    path = write_rows(tmp_path / "book.xlsx", [["hidden"], ["x"]], title="隠し", edit=edit)
    source = open_source(path)
    assert (source.sheet, source.sheets, source.header) == ("名簿", ("隠し", "名簿"), ("番号",))
    assert open_source(path, sheet="隠し").header == ("hidden",)


def test_an_unknown_sheet_is_refused_with_the_sheets_listed(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", RESIDENTS, title="住民")
    error = refusal(path, sheet="Sheet2")
    assert isinstance(error, PlanError)
    assert str(error) == "book.xlsx has no sheet named “Sheet2”. Its sheets: 住民."


def test_sheet_is_refused_for_a_csv_file(tmp_path):
    path = tmp_path / "residents.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert "--sheet is for Excel workbooks" in str(refusal(path, sheet="Sheet1"))


def test_the_header_is_the_first_row_that_is_not_empty(tmp_path):
    def edit(book):
        book.active.insert_rows(1, amount=2)
        book.active.insert_cols(1)

    path = write_rows(tmp_path / "book.xlsx", RESIDENTS, edit=edit)
    source = open_source(path)
    assert source.header == tuple(RESIDENTS[0])
    assert list(iter_rows(source, source.header)) == RESIDENTS[1:]


def test_empty_rows_between_residents_are_skipped(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [RESIDENTS[0], RESIDENTS[1], [None, None, None], RESIDENTS[2]])
    assert list(iter_rows(open_source(path), ["氏名"])) == [["宮崎 千代子"], ["小野 君子"]]


@pytest.mark.parametrize(
    ("header", "sentence"),
    [
        (
            ["住民番号", None, "郵便番号"],
            "The header cell Sheet1!B1 of book.xlsx is empty, but its column holds values (the first: Sheet1!B2).",
        ),
        (
            ["住民番号", "氏名", "住民番号"],
            "The header of book.xlsx names the column “住民番号” twice (Sheet1!A1 and Sheet1!C1).",
        ),
    ],
)
def test_an_empty_or_repeated_header_name_is_refused_with_its_address(tmp_path, header, sentence):
    path = write_rows(tmp_path / "book.xlsx", [header, *RESIDENTS[1:]])
    assert str(refusal(path)) == sentence


def test_a_merged_header_cell_is_refused_with_its_address(tmp_path):
    path = write_rows(
        tmp_path / "book.xlsx",
        [["住所", None, "氏名"], ["愛知県", "名古屋市", "宮崎"]],
        edit=lambda b: b.active.merge_cells("A1:B1"),
    )
    error = refusal(path)
    assert str(error).startswith("The header cell Sheet1!A1 of book.xlsx is merged with other cells (Sheet1!A1:B1)")


def test_a_formula_without_a_result_is_refused_with_its_address_when_its_column_is_read(tmp_path):
    rows = [["番号", "合計"], ["1", "=1+1"]]
    path = write_rows(tmp_path / "book.xlsx", rows, title="計算")
    source = open_source(path)  # openpyxl saves no results: the column cannot be passed on
    assert list(iter_rows(source, ["番号"])) == [["1"]]
    with pytest.raises(SourceError) as caught:
        list(iter_rows(source, ["合計"]))
    assert (
        str(caught.value)
        == "The cell 計算!B2 of book.xlsx holds a formula whose result was never saved, so its value is unknown."
    )
    assert "save it" in caught.value.hint_text()


def test_an_error_cell_is_refused_with_its_address_and_the_error_shown(tmp_path):
    def edit(book):
        book.active["B2"].value = "#DIV/0!"
        book.active["B2"].data_type = "e"

    path = write_rows(tmp_path / "book.xlsx", [["番号", "率"], ["1", None]], title="My sheet", edit=edit)
    with pytest.raises(SourceError) as caught:
        open_source(path).count_rows()
    assert str(caught.value) == "The cell 'My sheet'!B2 of book.xlsx shows the error #DIV/0! instead of a value."


def test_a_formula_with_its_saved_result_passes_as_the_result(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号", "合計"], ["1", 2]])
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").replace(b"<v>2</v>", b"<f>1+1</f><v>2</v>")
    copy = rewrite_part(path, tmp_path / "calculated.xlsx", "xl/worksheets/sheet1.xml", xml)
    assert list(iter_rows(open_source(copy), ["合計"])) == [["2"]]


def test_a_sheet_over_the_row_limit_is_refused_with_the_last_cell(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号"], *([str(i)] for i in range(20))])
    error = refusal(path, limits=ReadLimits(max_sheet_rows=10))
    assert "reaches row 21 (Sheet1!A21), more than the 10 rows" in str(error)


def test_a_stray_cell_at_the_far_corner_is_refused_before_the_reader_lays_out_the_sheet(tmp_path):
    """calamine would allocate 17 billion cells (512 GiB) for these two cells and abort the process."""
    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]])
    cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    cells += b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>b</t></is></c></row>'
    bomb = rewrite_part(path, tmp_path / "corner.xlsx", "xl/worksheets/sheet1.xml", sheet_xml(cells))
    result = run("inspect", bomb)
    assert result.returncode == 1
    assert "spans 1,048,576 rows and 16,384 columns (to Sheet1!XFD1048576)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cell_hidden_mid_sheet_beyond_the_table_counts_for_the_extent(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]])
    middle = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
    middle += b'<c r="ZZ900000" t="inlineStr"><is><t>x</t></is></c></row>'
    cells = middle + b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(2, 4000))
    bomb = rewrite_part(path, tmp_path / "hidden.xlsx", "xl/worksheets/sheet1.xml", sheet_xml(cells))
    assert "(to Sheet1!ZZ900000)" in str(refusal(bomb))


def test_a_zip_bomb_sheet_stops_at_the_text_limit(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]])
    huge = sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' + b" " * (64 << 20))
    bomb = rewrite_part(path, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", huge)
    assert bomb.stat().st_size < 1 << 20
    error = refusal(bomb, limits=ReadLimits(max_workbook_bytes=8 << 20))
    assert "holds more than 8.0 MB of text in its part xl/worksheets/sheet1.xml" in str(error)


def test_a_part_that_inflates_beyond_its_declared_size_is_refused(tmp_path):
    """Python's zipfile stops at the declared size (and the CRC of that prefix matches); the reader, given the same
    file, would inflate the rest: a corner cell hidden after the declared end must never reach it."""
    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]])
    cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    honest = sheet_xml(cells)
    hidden = honest.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    bomb = rewrite_part(path, tmp_path / "lying.xlsx", "xl/worksheets/sheet1.xml", hidden)
    lying_size(bomb, "xl/worksheets/sheet1.xml", len(honest) - len(b"</sheetData></worksheet>"))
    result = run("inspect", bomb)
    assert result.returncode == 1
    assert "its part xl/worksheets/sheet1.xml is missing or damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_huge_shared_strings_stop_at_the_text_limit(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号"], ["1"]])
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>x</t></si>" * (1 << 20)
        + b"</sst>"
    )
    bomb = rewrite_part(path, tmp_path / "strings.xlsx", "xl/sharedStrings.xml", strings)
    error = refusal(bomb, limits=ReadLimits(max_workbook_bytes=4 << 20))
    assert "xl/sharedStrings.xml" in str(error)


@pytest.mark.parametrize("part", ["xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"])
def test_a_workbook_missing_a_part_is_refused_naming_it(tmp_path, part):
    path = write_rows(tmp_path / "book.xlsx", RESIDENTS)
    damaged = rewrite_part(path, tmp_path / "damaged.xlsx", part, None)
    assert (
        str(refusal(damaged))
        == f"damaged.xlsx cannot be read as an Excel workbook: its part {part} is missing or damaged."
    )


def test_a_truncated_workbook_gets_one_sentence_from_the_command_line(tmp_path):
    path = write_rows(tmp_path / "book.xlsx", RESIDENTS)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    result = run("inspect", cut)
    assert result.returncode == 1
    assert result.stderr.startswith("exporter: error: ")
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_a_file_that_is_not_a_zip_is_read_as_csv(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_text("番号,氏名\n1,宮崎\n", encoding="utf-8")
    assert workbook_kind(path) is None
    assert open_source(path).header == ("番号", "氏名")


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le"),
            "is an old Excel workbook (.xls)",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le"),
            "is protected with a password",
        ),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "OpenDocument spreadsheet (.ods)"),
    ],
)
def test_other_spreadsheets_get_one_sentence(tmp_path, content, sentence):
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    assert sentence in str(refusal(path))


def test_inspect_names_the_sheet_and_the_sheets(tmp_path):
    path = write_rows(
        tmp_path / "book.xlsx", RESIDENTS, title="住民", edit=lambda b: b.create_sheet("メモ").append(["x"])
    )
    result = run("inspect", path, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["format"], found["sheet"], found["sheets"], found["rows"]) == ("xlsx", "住民", ["住民", "メモ"], 2)
    assert [column["name"] for column in found["columns"]] == RESIDENTS[0]
    text = run("inspect", path, "--sheet", "メモ")
    assert "sheet      メモ" in text.stdout
    assert "sheets     住民, メモ" in text.stdout


def test_read_columns_gives_whole_columns_of_either_kind(tmp_path):
    workbook = write_rows(tmp_path / "book.xlsx", RESIDENTS)
    csv_path = tmp_path / "residents.csv"
    csv_path.write_text("\n".join(",".join(row) for row in RESIDENTS) + "\n", encoding="utf-8")
    for path in (workbook, csv_path):
        table = read_columns(open_source(path), ["郵便番号", "住民番号"])
        assert table.column_names == ["郵便番号", "住民番号"]
        assert table.column("住民番号").to_pylist() == ["0000560147", "0000560148"]


@pytest.mark.slow
def test_an_export_of_a_workbook_decrypts_to_the_sheet_as_data_csv(tmp_path, capsys):
    path = every_kind_workbook(tmp_path / "住民.xlsx", rows=150)
    expected = oracle_table(path)
    kept = ["住民番号", "金額", "生年月日", "備考"]
    key = tmp_path / "key.txt"
    assert main(["keygen", "--output", str(key), "--no-protect"]) == 0
    recipient = capsys.readouterr().out.strip().split()[0]
    archive = tmp_path / "out.zip.age"
    argv = ["export", str(path), "--sheet", "住民", "--output", str(archive), "--recipient", recipient]
    assert main([*argv, *(part for column in kept for part in ("--column", column))]) == 0
    opened = tmp_path / "opened"
    assert main(["decrypt", str(archive), "--identity", str(key), "--output", str(opened)]) == 0
    text = (opened / "data.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    positions = [expected[0].index(column) for column in kept]
    assert rows == [[row[i] for i in positions] for row in expected]
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"] == len(expected) - 1
    assert manifest["source"]["file_name"] == "住民.xlsx"


def test_reading_a_workbook_never_imports_pandas(tmp_path):
    """pandas is a test oracle only: a workbook is read without it (pyarrow's pa.array would import it)."""
    path = every_kind_workbook(tmp_path / "住民.xlsx", rows=20)
    code = (
        "import sys; from exporter.sources import open_source, read_columns; s = open_source(sys.argv[1]); "
        "read_columns(s, list(s.header)); print('pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_table_that_starts_below_and_right_of_a1_keeps_its_sheet_rows_and_addresses(tmp_path):
    """python-calamine counts the rows from the top of the sheet but the columns from the first used one: the
    header on C3, a data row on row 4, an empty row 5, row 6; a merged header below row 1 is refused."""
    import openpyxl

    from exporter.shaping import line_of_row

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    for address, value in {"C3": "id", "D3": "name", "C4": "1", "D4": "a", "C6": "2", "D6": "b"}.items():
        sheet[address] = value
    book.save(tmp_path / "offset.xlsx")
    source = open_source(tmp_path / "offset.xlsx")
    assert source.header == ("id", "name")
    assert [line_of_row(source, row) for row in (1, 2)] == [4, 6]
    sheet["E3"], sheet["E4"] = "id", "x"
    book.save(tmp_path / "twice.xlsx")
    with pytest.raises(SourceError, match=r"S!C3 and S!E3"):
        open_source(tmp_path / "twice.xlsx")
    sheet["E3"] = "note"
    sheet.merge_cells("C3:C4")
    book.save(tmp_path / "merged.xlsx")
    with pytest.raises(SourceError, match=r"S!C3:C4"):
        open_source(tmp_path / "merged.xlsx")


def test_numbers_shown_through_a_number_format_leave_as_excel_shows_them_or_are_refused(tmp_path):
    """A code typed as a number and formatted 0000000000 shows 0000000012 in Excel, where calamine gives 12: it
    leaves as 0000000012. A format not rendered (percent, exponent, fraction, two sections) is refused with the
    first cell's address when its column is read; inspect and the other columns still work."""
    import datetime

    import openpyxl

    from exporter.source import SourceDigest

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet.append(["id", "postal", "amount", "whole", "born", "code", "plain", "share", "big", "half", "signed"])
    formats = ["0000000000", "000-0000", "#,##0", "0", "yyyy/m/d", "@", "General", "0%", "0.00E+00", "# ?/?",
               "#,##0;(#,##0)"]  # fmt: skip
    for row in range(1, 4):
        sheet.append([12 + row, 4649081 + row, 1234 * row, 7 * row, datetime.date(2020, 1, row), f"00{row}", 3.25,
                      0.5, 123456, 0.5, -row])  # fmt: skip
        for column, code in enumerate(formats, start=1):
            sheet.cell(row + 1, column).number_format = code
    book.save(tmp_path / "formats.xlsx")
    source = open_source(tmp_path / "formats.xlsx")
    assert source.count_rows().rows == 3
    for column, cell, code in (
        ("share", "S!H2", "0%"),
        ("big", "S!I2", "0.00E+00"),
        ("half", "S!J2", "# ?/?"),
        ("signed", "S!K2", "#,##0;(#,##0)"),
    ):
        with pytest.raises(
            SourceError,
            match=f"{cell} of formats.xlsx holds a number that Excel shows through the number format “"
            + re.escape(code),
        ):
            list(source.batches([column], SourceDigest()))
    kept = ["id", "postal", "amount", "whole", "born", "code", "plain"]
    rows = [row for batch in source.batches(kept, SourceDigest()) for row in batch.to_pylist()]
    assert [list(row.values()) for row in rows] == [
        [f"{12 + n:010d}", f"464-{9081 + n:04d}", f"{1234 * n:,}", str(7 * n), f"2020-01-0{n}", f"00{n}", "3.25"]
        for n in (1, 2, 3)
    ]
