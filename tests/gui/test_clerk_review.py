"""What the clerk review of the wizard found (issue 9, section 5), each tried as a clerk would meet it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTreeView, QWizard
from test_wizard import (
    KEPT,
    WAIT_MS,
    _recipient,
    age_keypair,
    answer_close_question,
    fill_up_to_review,
    load_sample,
    next_enabled,
)

from exporter import messages
from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build
from exporter.gui.models import ColumnModel
from exporter.gui.pages.review import EXCEL_ROWS
from exporter.gui.wizard import ExportWizard, PageId
from exporter.messages import msg


@pytest.fixture
def japanese(qapp: QApplication):
    if translations_need_build():
        build_translations()
    assert install_translators(qapp, "ja") == "ja"
    yield
    remove_translators(qapp)
    messages.set_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def to_columns(qtbot, wizard: ExportWizard) -> None:
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Reminder calls")
    wizard.next()
    assert wizard.currentId() == PageId.COLUMNS


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget``: keys for ASCII, and what a Japanese input method sends (its committed text)
    for the rest (QTest's key clicks only know Latin-1)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shown_columns(wizard: ExportWizard) -> list[str]:
    page = wizard.columns_page
    return [page.proxy.index(row, ColumnModel.NAME).data() for row in range(page.proxy.rowCount())]


def opened_archive(archive: Path, key: Path, tmp_path: Path) -> tuple[list[list[str]], dict]:
    import subprocess

    plain = tmp_path / "opened.zip"
    subprocess.run(["age", "-d", "-i", str(key), "-o", str(plain), str(archive)], check=True, capture_output=True)
    with zipfile.ZipFile(plain) as opened:
        table = list(csv.reader(io.StringIO(opened.read("data.csv").decode("utf-8-sig"), newline="")))
        return table, json.loads(opened.read("manifest.json"))


# -- Review's save path ------------------------------------------------------------------------------------------


def test_the_save_path_typed_on_review_is_where_the_archive_is_written(qtbot, wizard, tmp_path):
    key, recipient = age_keypair(tmp_path)
    suggested = tmp_path / "suggested" / "residents.zip.age"
    suggested.parent.mkdir()
    fill_up_to_review(qtbot, wizard, recipient, suggested)
    typed = tmp_path / "typed" / "for-the-call-centre.zip.age"
    typed.parent.mkdir()
    edit = wizard.review_page.destination_edit
    assert not edit.isReadOnly()

    edit.selectAll()
    type_text(qtbot, edit, str(typed))
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    assert wizard.export_page.result is not None, wizard.export_page.message.text()
    assert wizard.export_page.result.output == typed
    assert list(suggested.parent.iterdir()) == []
    table, _ = opened_archive(typed, key, tmp_path)
    assert table[0] == list(KEPT)


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("", "Type where to save the archive"),
        ("relative/out.zip.age", "Give the whole path"),
        ("{tmp}/out.csv", "must end in .zip.age"),
        ("{tmp}/no such folder/out.zip.age", "This folder does not exist."),
        ("{tmp}/taken.zip.age", "already exists"),
    ],
)
def test_a_save_path_that_cannot_be_used_is_named_and_next_stays_disabled(qtbot, wizard, tmp_path, typed, sentence):
    (tmp_path / "taken.zip.age").write_bytes(b"")
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "fine.zip.age")
    assert next_enabled(wizard)
    page = wizard.review_page

    page.destination_edit.selectAll()
    QTest.keyClick(page.destination_edit, Qt.Key.Key_Delete)
    type_text(qtbot, page.destination_edit, typed.format(tmp=tmp_path))

    assert sentence in page.destination_error.text()
    assert page.destination_error.isVisible()
    assert not next_enabled(wizard)


# -- progress and numbers ------------------------------------------------------------------------------------------


def test_the_progress_bar_says_what_the_rows_line_says_and_is_never_full_while_rows_remain(qtbot, wizard, tmp_path):
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "out.zip.age")
    page = wizard.export_page
    total = wizard.draft.loaded.rows
    page._phase = "running"  # as while the worker runs; the reports below are the worker's, relayed
    page.progress.setValue(0)

    page._progress(
        1.0, msg("progress.rows_exported", rows=total * 5 // 6, total=total)
    )  # the reader's bytes are all read, rows still being written

    assert page.rows_label.text() == f"Rows processed: {total * 5 // 6:,} of {total:,}"
    assert page.progress.value() == 833
    page._progress(1.0, msg("progress.rows_exported", rows=total, total=total))
    assert page.progress.value() < page.progress.maximum()  # full only once the archive is saved


def test_the_source_page_counts_with_thousands_separators(qtbot, wizard):
    page = wizard.source_page
    page._status = ("rows", 429_941)
    page._show_status()
    assert page.status.text() == "Checking every row: 429,941 rows read…"
    load_sample(qtbot, wizard)
    assert page.size_label.text().startswith("3,000 residents (rows)")


# -- Cancel ----------------------------------------------------------------------------------------------------------


def test_cancel_before_anything_was_done_closes_at_once(qtbot, wizard):
    asked = answer_close_question(wizard, close=True)
    with qtbot.waitSignal(wizard.rejected, timeout=WAIT_MS):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert asked == []
    assert not wizard.isVisible()


@pytest.mark.parametrize("page_id", [PageId.SOURCE, PageId.PURPOSE, PageId.COLUMNS, PageId.REVIEW])
def test_cancel_once_a_file_is_read_asks_first_and_keep_working_keeps_everything(qtbot, wizard, tmp_path, page_id):
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "out.zip.age")
    while wizard.currentId() != page_id:
        wizard.back()
    cancel = wizard.button(QWizard.WizardButton.CancelButton)

    asked = answer_close_question(wizard, close=False)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert asked == ["Close the wizard? The file you chose and what you entered are not kept."]
    assert wizard.isVisible()
    assert wizard.currentId() == page_id
    assert wizard.draft.loaded is not None

    asked = answer_close_question(wizard, close=True)
    with qtbot.waitSignal(wizard.rejected, timeout=WAIT_MS):
        QTest.keyClick(wizard, Qt.Key.Key_Escape)  # Esc asks too
    assert asked
    assert not wizard.isVisible()


def test_the_question_is_asked_in_japanese_with_keep_working_as_the_default(japanese, qtbot, wizard):
    load_sample(qtbot, wizard)
    asked = answer_close_question(wizard, close=False)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert asked == ["ウィザードを閉じますか？ 選んだファイルや入力した内容は保存されません。"]
    assert wizard.isVisible()


def test_nothing_is_asked_once_the_archive_is_saved(qtbot, wizard, tmp_path):
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "out.zip.age")
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    assert wizard.export_page.result is not None
    asked = answer_close_question(wizard, close=False)
    with qtbot.waitSignal(wizard.rejected, timeout=WAIT_MS):
        wizard.reject()
    assert asked == []


# -- Source page: Enter, the file dialog -----------------------------------------------------------------------------


def test_enter_on_the_source_page_goes_on_once_a_file_is_read(qtbot, wizard):
    load_sample(qtbot, wizard)
    page = wizard.source_page
    for button in (page.choose_button, page.sample_button, page.open_button):
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Return)
        assert wizard.currentId() == PageId.PURPOSE
        assert wizard.open_window is None
        wizard.back()


def test_the_file_dialog_is_worded_in_japanese_and_shows_whole_dates(japanese, qtbot, wizard, tmp_path):
    (tmp_path / "住民一覧.csv").write_text("氏名\n架空 一郎\n", encoding="utf-8")
    wizard.source_page._path = tmp_path / "住民一覧.csv"
    dialog = wizard.source_page.file_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) > 0, timeout=WAIT_MS)
    QApplication.processEvents()

    labels = {name: dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")}
    assert labels == {
        "lookInLabel": "場所(&L)：",
        "fileNameLabel": "ファイル名(&N)：",
        "fileTypeLabel": "ファイルの種類(&T)：",
    }
    header = view.header()
    shown = [view.model().headerData(i, Qt.Orientation.Horizontal) for i in range(4) if not header.isSectionHidden(i)]
    assert shown == ["名前", "サイズ", "更新日"]
    assert header.sectionSize(3) >= view.sizeHintForColumn(3)  # the whole date, not "30 11 2…6"


def test_choose_a_file_reads_the_file_picked_in_the_dialog(qtbot, wizard, tmp_path):
    chosen = tmp_path / "residents.csv"
    chosen.write_text("name,phone\nAiko,0120\n", encoding="utf-8")

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, pick)
            return
        dialog.selectFile(str(chosen))
        dialog.accept()

    QTimer.singleShot(0, pick)
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        qtbot.mouseClick(wizard.source_page.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.draft.source is not None
    assert wizard.draft.source.path == chosen


# -- more rows than Excel shows ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rows", "noted"), [(EXCEL_ROWS - 1, False), (EXCEL_ROWS, True)])
def test_review_says_when_excel_cannot_show_every_row(qtbot, wizard, tmp_path, rows, noted):
    path = tmp_path / "many.csv"
    path.write_bytes(b"n\r\n" + b"1\r\n" * rows)
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(path)
    assert wizard.draft.loaded is not None
    assert wizard.draft.loaded.rows == rows
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    wizard.columns_page.keep(["n"])
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    wizard.protection_page.set_recipients([_recipient()])
    wizard.next()
    note = wizard.review_page.excel_note

    assert note.isVisible() == noted
    if noted:
        assert note.text().startswith("Excel shows at most 1,048,576 rows, the header included")
        assert "the first 1,048,575 of these 1,048,576 rows" in note.text()


# -- finding columns ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("電話", ["phone", "notes"]),  # notes: a sample value says 電話 (values are searched as typed)
        ("ＴＥＬ", ["phone"]),
        ("カナ", ["family_name_kana", "given_name_kana"]),
        ("ﾌﾘｶﾞﾅ", ["family_name_kana", "given_name_kana"]),
        ("メール", ["email"]),
        ("口座", ["bank_name", "branch_name", "account_type", "account_number", "account_holder"]),
        ("備考", ["notes"]),
        ("Phone", ["phone"]),
        ("kana given", ["given_name_kana"]),
    ],
)
def test_column_search_finds_japanese_and_english_names_and_kinds(qtbot, wizard, typed, found):
    to_columns(qtbot, wizard)
    type_text(qtbot, wizard.columns_page.search, typed)
    assert shown_columns(wizard) == found
    assert not wizard.columns_page.no_match.isVisible()


def test_column_search_finds_english_words_in_japanese_headers(qtbot, wizard, tmp_path):
    path = tmp_path / "japanese.csv"
    path.write_text("氏名,フリガナ,電話番号,備考\n架空 一郎,カクウ イチロウ,03-0000-0001,携帯のみ\n", encoding="utf-8")
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(path)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    search = wizard.columns_page.search
    searches = (("phone", ["電話番号"]), ("kana", ["フリガナ"]), ("notes", ["備考"]), ("携帯", ["電話番号", "備考"]))
    for typed, found in searches:
        search.clear()
        type_text(qtbot, search, typed)
        assert shown_columns(wizard) == found, typed


def test_column_search_says_when_nothing_matches(qtbot, wizard):
    to_columns(qtbot, wizard)
    type_text(qtbot, wizard.columns_page.search, "血液型")
    no_match = wizard.columns_page.no_match
    assert shown_columns(wizard) == []
    assert no_match.isVisible()
    assert no_match.text() == "No column matches “血液型”. Try another word, such as 電話, カナ or phone."
    wizard.columns_page.search.clear()
    assert not no_match.isVisible()


# -- renaming, reasons, free text ------------------------------------------------------------------------------------


def test_a_kept_column_renamed_for_the_recipient_heads_data_csv_and_the_manifest_keeps_both(qtbot, wizard, tmp_path):
    key, recipient = age_keypair(tmp_path)
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["family_name", "phone", "account_number"])
    page.kept_list.setCurrentRow(1)
    page.rename_edit.setFocus()
    type_text(qtbot, page.rename_edit, "電話番号")
    assert page.kept_list.item(1).text() == "2. phone → 電話番号"
    page.confirm.click()
    type_text(qtbot, page.sensitive.edits["account_number"], "給付金の振込先の確認")
    assert next_enabled(wizard)
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    summary = wizard.review_page.summary.text()
    assert "family_name, phone → 電話番号, account_number" in summary
    assert "Reasons for sensitive columns" in summary
    assert "account_number: 給付金の振込先の確認" in summary
    output = tmp_path / "renamed.zip.age"
    wizard.set_destination(output)
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    table, manifest = opened_archive(output, key, tmp_path)
    assert table[0] == ["family_name", "電話番号", "account_number"]
    assert manifest["columns"] == ["family_name", "電話番号", "account_number"]
    assert manifest["source_columns"] == ["family_name", "phone", "account_number"]
    assert manifest["reasons"] == {"account_number": "給付金の振込先の確認"}


def test_two_kept_columns_of_the_same_name_are_refused_on_the_columns_page(qtbot, wizard):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["family_name", "given_name"])
    page.kept_list.setCurrentRow(1)
    qtbot.keyClicks(page.rename_edit, "family_name")

    assert page.rename_error.isVisible()
    assert "The columns family_name and given_name would both be called family_name" in page.rename_error.text()
    assert not next_enabled(wizard)
    page.rename_edit.clear()
    page.rename("given_name", "")
    assert not page.rename_error.isVisible()
    assert next_enabled(wizard)


def test_free_text_columns_are_marked_as_possibly_sensitive(qtbot, wizard):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    row = page.model.names.index("notes")
    category = page.model.index(row, ColumnModel.CATEGORY)
    assert category.data() == "Free text (check)"
    assert "may hold anything" in category.data(Qt.ItemDataRole.ToolTipRole)
    assert not page.free_text.isVisible()

    page.keep(["family_name", "notes"])

    assert page.free_text.isVisible()
    assert page.free_text.text().startswith("notes: Free text may hold anything")
    assert next_enabled(wizard)  # a note to read, not a confirmation


def test_japanese_columns_page_words_free_text_and_reasons(japanese, qtbot, wizard):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["notes", "my_number"])
    category = page.model.index(page.model.names.index("notes"), ColumnModel.CATEGORY)
    assert category.data() == "自由記述（要確認）"
    assert page.free_text.text().startswith("notes：自由記述の列には")
    assert (
        page.sensitive.reasons_caption.text()
        == "業務に必要な理由を列ごとに入力してください。理由は暗号化したファイルに記録されます。"
    )
    assert page.sensitive.warning.text().startswith("注意：my_number（⚠ マイナンバー）には、")
    assert page.sensitive.confirm.text() == "この 1 列が業務に必要であることを確認しました(&C)。"
