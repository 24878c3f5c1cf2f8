"""An Excel workbook through the wizard: its sheets offered on the Source page, the chosen one counted on the Rows
page and exported, decrypting to exactly that sheet's rows in scope."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QWizard

from exporter.gui.wizard import PageId

WAIT_MS = 60_000
HEADER = ["氏名", "住民税区分", "電話番号"]
TAXED = [["架空 一郎", "課税", "03-0000-0001"], ["架空 次郎", "課税", "03-0000-0002"]]
ROWS = [
    ["架空 花子", "非課税", "03-0000-0003"],
    ["架空 三郎", "課税", "0120-000-004"],
    ["架空 四郎", "非課税", "03-0000-0005"],
]


def two_sheets(path: Path) -> Path:
    """A workbook whose first sheet is a note and whose second holds the residents, codes stored as text."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "説明"
    first.append(["メモ"])
    first.append(["この表は架空のデータです"])
    second = book.create_sheet("住民")
    for row in [HEADER, *TAXED, *ROWS]:
        second.append(row)
    book.save(path)
    return path


def test_a_workbook_offers_its_sheets_and_the_chosen_sheet_is_filtered_and_exported(qtbot, wizard, tmp_path):
    from tests.gui.test_wizard import age_keypair, decrypt_data_csv

    key, recipient = age_keypair(tmp_path)
    path = two_sheets(tmp_path / "residents.xlsx")
    source = wizard.source_page
    with qtbot.waitSignal(source.workEnded, timeout=WAIT_MS):
        source.load_file(path)
    assert source.isComplete(), source.error.text()
    assert source.sheet_box.isVisible()
    assert not source.encoding_box.isVisible()
    assert [source.sheet_box.itemData(index) for index in range(source.sheet_box.count())] == ["説明", "住民"]
    assert wizard.draft.loaded.source.header == ("メモ",)

    with qtbot.waitSignal(source.workEnded, timeout=WAIT_MS):
        source.sheet_box.setCurrentIndex(1)
        source.sheet_box.activated.emit(1)
    assert wizard.draft.loaded.source.header == tuple(HEADER)
    assert wizard.draft.loaded.rows == len(TAXED) + len(ROWS)
    assert source.sheet_box.currentData() == "住民"
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("給付金の案内")
    wizard.next()
    wizard.columns_page.keep(["氏名", "電話番号"])
    wizard.columns_page.chooser.set_transform("電話番号", "mask:4")
    wizard.next()
    rows = wizard.rows_page
    rows.add_group().rows[0].set_spec("住民税区分", "equals", "非課税")
    qtbot.waitUntil(lambda: rows.counted == 2 and not rows.live.busy, timeout=WAIT_MS)
    wizard.next()
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    output = tmp_path / "workbook.zip.age"
    wizard.set_destination(output)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    result = wizard.export_page.result
    assert result is not None, wizard.export_page.message.text()
    masked = [[name, "*" * (len(phone) - 4) + phone[-4:]] for name, tax, phone in ROWS if tax == "非課税"]
    assert decrypt_data_csv(output, key, tmp_path) == [["氏名", "電話番号"], *masked]
    assert result.manifest["source"]["sheet"] == "住民"
