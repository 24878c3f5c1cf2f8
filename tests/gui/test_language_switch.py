"""Switching between Japanese and English in the running wizard, and reaching the Open window from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWizard
from test_wizard import KEPT, WAIT_MS, _recipient, fill_up_to_review, load_sample

from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build
from exporter.gui.models import ColumnModel
from exporter.gui.open_window import OpenWindow
from exporter.gui.wizard import ExportWizard, PageId
from exporter.sample import SAMPLE_COLUMNS

ENGLISH_TITLES = ("Resident file", "Purpose", "Columns", "Rows", "Protection", "Review", "Export")
JAPANESE_TITLES = ("住民データファイル", "利用目的", "列の選択", "対象の行", "保護方法", "確認", "持ち出し")
TOTAL = len(SAMPLE_COLUMNS)


@pytest.fixture
def english(qapp: QApplication):
    if translations_need_build():
        build_translations()
    assert install_translators(qapp, "en") == "en"
    yield qapp
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def choose_language(qtbot, wizard: ExportWizard, language: str, title: str) -> None:
    """Pick the language from the wizard's own Language menu, as a clerk would; Qt delivers the change later."""
    wizard.language_actions[language].trigger()
    qtbot.waitUntil(lambda: wizard.page(PageId.SOURCE).title() == title, timeout=WAIT_MS)


def titles(wizard: ExportWizard) -> tuple[str, ...]:
    return tuple(wizard.page(page_id).title() for page_id in PageId)


def category_shown(wizard: ExportWizard, name: str) -> str:
    model = wizard.columns_page.model
    return model.index(model.names.index(name), ColumnModel.CATEGORY).data()


def test_switching_language_on_the_columns_page_retranslates_every_page_and_keeps_the_ticks(english, qtbot, wizard):
    button = wizard.language_button
    assert button.isVisible()
    assert button.accessibleName() == "Language of the window"
    assert [action.text() for action in button.menu().actions()] == ["日本語", "English"]
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Refunds")
    wizard.next()
    assert button.text() == "&Language / 言語"  # still there after the page changes
    page = wizard.columns_page
    kept = (*KEPT, "account_number")
    page.keep(kept)
    page.confirm.click()
    page.sensitive.set_reason("account_number", "Refund transfers")
    assert page.isComplete()
    assert titles(wizard) == ENGLISH_TITLES

    choose_language(qtbot, wizard, "ja", "住民データファイル")
    assert titles(wizard) == JAPANESE_TITLES
    assert wizard.windowTitle() == "住民データの持ち出し"
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "次へ(&N) >"
    assert wizard.button(QWizard.WizardButton.BackButton).text() == "< 戻る(&B)"
    assert button.text() == "言語 / Language(&L)"
    assert wizard.language_actions["ja"].isChecked()
    assert page.model.kept == kept
    assert page.confirm.isChecked()
    assert page.isComplete()
    assert page.summary.text() == f"{TOTAL} 列のうち 7 列を庁外に持ち出します。"
    assert page.confirm.text() == "この 1 列が業務に必要であることを確認しました(&C)。"
    assert "口座情報" in page.sensitive.warning.text()
    assert page.clear_button.text() == "すべて解除(&R)"
    assert page.model.headerData(ColumnModel.CATEGORY, Qt.Orientation.Horizontal) == "データの種類"
    assert category_shown(wizard, "phone") == "連絡先"
    source = wizard.source_page
    assert source.size_label.text() == f"3,000 人（行） × {TOTAL} 列"
    assert source.status.text() == "すべての行を問題なく読み込みました。"
    assert source.encoding_box.currentText() == "UTF-8"
    assert source.delimiter_box.currentText() == "カンマ（ , ）"
    assert source.open_button.text() == "受け取ったデータを開く(&O)…"
    assert wizard.purpose_page.purpose_label.text() == "利用目的（必須）(&P)："
    assert wizard.protection_page.key_radio.text() == "受取人の鍵（推奨）(&K)"
    no_recipient = "受取人がまだいません。名前にチェックを付けるか、公開鍵を貼り付けてください。"
    assert wizard.protection_page.codes_label.text() == no_recipient

    choose_language(qtbot, wizard, "en", "Resident file")
    assert titles(wizard) == ENGLISH_TITLES
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Next >"
    assert page.model.kept == kept
    assert page.confirm.isChecked()
    assert page.summary.text() == f"7 columns of {TOTAL} will leave the office."
    assert page.confirm.text() == "I &confirm the task needs this column."
    assert category_shown(wizard, "phone") == "Contact"
    assert source.size_label.text() == f"3,000 residents (rows) × {TOTAL} columns"
    assert source.delimiter_box.currentText() == "Comma ( , )"
    wizard.next()
    assert wizard.currentId() == PageId.ROWS
    wizard.next()
    assert wizard.currentId() == PageId.PROTECTION
    assert button.text() == "&Language / 言語"


def test_review_and_done_pages_are_worded_again_after_a_switch(english, qtbot, wizard, tmp_path):
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "r.zip.age")
    choose_language(qtbot, wizard, "ja", "住民データファイル")
    assert "3,000 人 × 6 列を庁外に持ち出します。" in wizard.review_page.summary.text()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "持ち出す(&E)"
    choose_language(qtbot, wizard, "en", "Resident file")
    assert "3,000 residents × 6 columns leave the office." in wizard.review_page.summary.text()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Export"
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    page = wizard.export_page
    assert page.result is not None, page.message.text()
    assert page.subTitle() == "Done. The archive is saved."
    choose_language(qtbot, wizard, "ja", "住民データファイル")
    assert page.subTitle() == "完了しました。暗号化したファイルを保存しました。"
    assert page.open_button.text() == "フォルダーを開く(&O)"
    assert page.sha_label.text().replace(" ", "") == page.result.sha256


def test_a_refused_file_shows_its_sentence_in_the_new_language(english, qtbot, wizard, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"name,phone\nAiko,0123\nBo\x00b,0456\n")
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(bad)
    error = wizard.source_page.error
    assert "broken.csv line 3 contains a NUL byte" in error.text()
    choose_language(qtbot, wizard, "ja", "住民データファイル")
    assert error.text() == "broken.csv の 3 行目に NUL バイトがあるため、テキストの表ではありません。"
    assert wizard.source_page.file_label.text() == "broken.csv"


def test_the_open_window_is_reached_from_the_source_page(english, qtbot, wizard: ExportWizard):
    button = wizard.source_page.open_button
    assert button.isVisible()
    assert button.text() == "&Open an export I received…"
    assert button.accessibleName() == "Open an export you received, in its own window"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window = wizard.open_window
    assert isinstance(window, OpenWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isVisible)
    assert window.windowTitle() == "Open an export"
    assert window.isWindow()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.open_window is window  # one window, brought to the front again
    wizard.reject()
    assert window.isVisible()  # a recipient may close the wizard and keep opening archives


def test_the_language_of_new_windows_follows_the_last_choice(english, qtbot, wizard: ExportWizard):
    choose_language(qtbot, wizard, "ja", "住民データファイル")
    window = wizard.show_open_window()
    qtbot.addWidget(window)
    assert window.windowTitle() == "受け取ったファイルを開く"
    other = ExportWizard(sample_rows=10, sample_folder=Path(wizard.sample_folder))
    qtbot.addWidget(other)
    assert other.language_actions["ja"].isChecked()
    assert other.page(PageId.COLUMNS).title() == "列の選択"


def test_the_rows_page_speaks_japanese_in_japanese_order_and_keeps_its_conditions_across_a_switch(
    english, qtbot, wizard
):
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Calls")
    wizard.next()
    wizard.columns_page.keep(KEPT)
    wizard.next()
    page = wizard.rows_page
    group = page.add_group()
    group.rows[0].set_spec("gender", "equals", "女")
    age_row = group.add_condition()
    age_row.set_spec("birth_date", "age-at-least", "65")
    qtbot.waitUntil(lambda: page.counted is not None and not page.live.busy, timeout=WAIT_MS)
    counted = page.counted

    choose_language(qtbot, wizard, "ja", "住民データファイル")

    assert page.title() == "対象の行"
    assert page.count_label.text() == f"対象：{counted:,} / 3,000 人"
    assert age_row.operator_combo.currentText() == "歳以上（年齢）"
    assert group.add_button.text() == "＋ 条件を追加（かつ）(&A)"
    pickers = age_row._pickers
    order = [pickers.itemAt(index).widget() for index in range(pickers.count())]
    assert order[:4] == [age_row.column_combo, age_row.particle, age_row.value_edit, age_row.operator_combo]
    assert [spec.words() for spec in page.specs()[0]] == ["gender が 女 と等しい", "birth_date から見て 65 歳以上"]

    choose_language(qtbot, wizard, "en", "Resident file")

    assert page.count_label.text() == f"In scope: {counted:,} of 3,000 residents"
    assert [spec.words() for spec in page.specs()[0]] == ["gender is 女", "aged 65 or over by birth_date"]
    assert page.where() == (("gender = 女", "age(birth_date) >= 65"),)
    assert page.counted == counted
