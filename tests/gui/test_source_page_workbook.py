"""The Source page over a workbook: the file dialog offers workbooks, a sheet picker appears when there is a choice,
the preview comes from the chosen sheet, and the plan carries the sheet to the export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_wizard import WAIT_MS
from workbooks import oracle_table, write_rows

RESIDENTS = [["住民番号", "氏名"], ["0000560147", "宮崎 千代子"], ["0000560148", "小野 君子"]]
STAFF = [["職員番号", "所属", "内線"], ["0042", "市民課", 1234], ["0043", "税務課", 1235]]


def two_sheet_workbook(path: Path) -> Path:
    def edit(book):
        second = book.create_sheet("職員")
        for row in STAFF:
            second.append(row)

    return write_rows(path, RESIDENTS, title="住民", edit=edit)


def preview(page) -> list[list[str]]:
    model = page.preview_model
    header = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [header, *rows]


def test_the_file_dialog_offers_excel_workbooks(wizard):
    filters = wizard.source_page.file_dialog().nameFilters()
    assert any("*.xlsx" in name and "*.csv" in name for name in filters)


def test_a_workbook_with_two_sheets_shows_a_sheet_picker_and_previews_the_chosen_sheet(qtbot, wizard, tmp_path):
    path = two_sheet_workbook(tmp_path / "名簿.xlsx")
    page = wizard.source_page
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(path)
    assert page.isComplete(), page.error.text()
    assert page.sheet_box.isVisibleTo(page)
    assert not page.encoding_box.isVisibleTo(page)
    assert [page.sheet_box.itemData(i) for i in range(page.sheet_box.count())] == ["住民", "職員"]
    assert preview(page) == oracle_table(path, "住民")

    page.sheet_box.setCurrentIndex(1)
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.sheet_box.activated.emit(1)
    assert page.isComplete(), page.error.text()
    assert preview(page) == oracle_table(path, "職員")
    assert wizard.draft.loaded.rows == 2
    assert page.sheet_box.currentData() == "職員"
    assert wizard.draft.sheet == "職員"


def test_a_workbook_with_one_sheet_needs_no_picker_and_a_csv_file_shows_its_format_again(qtbot, wizard, tmp_path):
    page = wizard.source_page
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(write_rows(tmp_path / "one.xlsx", RESIDENTS))
    assert not page.sheet_box.isVisibleTo(page)
    csv_path = tmp_path / "residents.csv"
    csv_path.write_text("番号,氏名\n1,宮崎\n", encoding="utf-8")
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(csv_path)
    assert page.encoding_box.isVisibleTo(page)
    assert not page.sheet_box.isVisibleTo(page)


def test_a_refused_workbook_shows_the_cell_in_one_sentence(qtbot, wizard, tmp_path):
    path = write_rows(tmp_path / "book.xlsx", [["番号", None], ["1", "x"]])
    page = wizard.source_page
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(path)
    assert not page.isComplete()
    assert page.error.text().startswith("The header cell Sheet1!B1 of book.xlsx is empty")
