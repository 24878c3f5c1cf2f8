"""The Columns page's transforms: a choice per kept column among those that suit it, formula cells warned about
(made inert only when the clerk asks), and the pseudonym key file chosen, created and remembered."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from exporter.gui.wizard import ExportWizard, PageId
from exporter.transforms import suggested_transforms

WAIT_MS = 60_000


def to_columns(qtbot, wizard: ExportWizard, source: Path | None = None) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        if source is None:
            wizard.source_page.use_sample()
        else:
            wizard.source_page.load_file(source)
    assert wizard.source_page.isComplete(), wizard.source_page.error.text()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    assert wizard.currentId() == PageId.COLUMNS


def choose(page, name: str) -> None:
    row = page.model.kept.index(name)
    page.kept_list.setCurrentRow(row)


def offered(page) -> list[str]:
    combo = page.chooser.combo
    return [combo.itemData(index) for index in range(combo.count())]


def next_enabled(wizard: ExportWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_each_kept_column_offers_keep_and_the_kinds_that_suit_its_category(qtbot, wizard):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["birth_date", "postal_code", "phone", "family_name"])

    for name, category in (("birth_date", "birth"), ("postal_code", "address"), ("phone", "contact")):
        choose(page, name)
        assert page.model.category(name) == category
        assert offered(page) == ["keep", *suggested_transforms(category)]
        assert page.chooser.combo.isEnabled()
    choose(page, "family_name")
    assert offered(page)[0] == "keep"
    assert page.chooser.combo.currentData() == "keep"


def test_a_mask_and_an_age_band_with_their_numbers_reach_the_plan_and_the_kept_list(qtbot, wizard, tmp_path):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["family_name", "phone", "birth_date"])
    choose(page, "phone")
    chooser = page.chooser
    chooser.combo.setCurrentIndex(chooser.combo.findData("mask"))
    assert chooser.argument.isVisible()
    assert chooser.argument.value() == 4
    chooser.argument.setValue(3)
    choose(page, "birth_date")
    chooser.combo.setCurrentIndex(chooser.combo.findData("age-band"))
    chooser.argument.setValue(5)

    assert page.kept_list.item(1).text() == "2. phone [masked]"
    assert page.kept_list.item(1).toolTip() == "Masked (the last 3 characters kept)"
    assert page.kept_list.item(2).text() == "3. birth_date [age band]"
    assert page.kept_list.item(2).toolTip() == "Age band (5 years)"
    choose(page, "phone")
    assert chooser.combo.currentData() == "mask"
    assert chooser.argument.value() == 3
    wizard.next()
    wizard.next()
    wizard.draft.output = tmp_path / "out.zip.age"
    assert wizard.draft.plan().transforms == {"phone": "mask:3", "birth_date": "age-band:5"}
    assert wizard.draft.plan().pseudonym_key is None


def test_a_column_no_longer_kept_loses_its_transform(qtbot, wizard):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["phone"])
    page.chooser.set_transform("phone", "mask:4")
    page.keep(["family_name"])
    page.keep(["family_name", "phone"])

    assert page.chooser.transform("phone") == "keep"


def test_formula_cells_in_a_kept_column_are_warned_about_and_made_inert_only_when_asked(qtbot, wizard, tmp_path):
    path = tmp_path / "formulas.csv"
    path.write_text('name,memo,amount\n架空 一郎,=HYPERLINK("x"),100\n架空 花子,ok,-5\n', encoding="utf-8")
    to_columns(qtbot, wizard, path)
    page = wizard.columns_page
    page.keep(["name"])
    assert not page.notes.isVisible()
    page.keep(["name", "memo", "amount"])

    qtbot.waitUntil(lambda: page.notes.formula.isVisible(), timeout=5000)
    assert page.notes.formula.text().startswith("memo, amount: some values start with =, +, - or @")
    assert page.chooser.transforms == {}  # never applied unasked
    choose(page, "memo")
    assert "formula-safe" in offered(page)
    page.notes.inert_button.click()

    assert page.chooser.transforms == {"memo": "formula-safe", "amount": "formula-safe"}
    qtbot.waitUntil(lambda: not page.notes.isVisible(), timeout=5000)
    assert page.chooser.combo.currentData() == "formula-safe"


def test_a_pseudonym_waits_for_a_key_file_and_a_new_key_is_made_private_and_remembered(qtbot, wizard, tmp_path):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["resident_number", "family_name"])
    choose(page, "resident_number")
    page.chooser.combo.setCurrentIndex(page.chooser.combo.findData("pseudonym"))

    assert page.notes.create_button.isVisible()
    assert not next_enabled(wizard)
    key = tmp_path / "office-pseudonym.key"
    page.notes.create_key_file(key)

    assert key.exists()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert next_enabled(wizard)
    assert str(key) in page.notes.key_label.text()
    page.notes.create_key_file(key)  # never overwritten: the old pseudonyms would no longer match
    assert page.notes.key_error.isVisible()
    assert not next_enabled(wizard)

    other = ExportWizard(sample_rows=wizard.sample_rows, sample_folder=wizard.sample_folder)
    qtbot.addWidget(other)
    other.show()
    to_columns(qtbot, other)
    other.columns_page.keep(["resident_number"])
    other.columns_page.chooser.set_transform("resident_number", "pseudonym")
    assert other.columns_page.notes.key_file == key.resolve()
    assert next_enabled(other)


def test_a_key_file_that_is_not_a_key_is_refused_in_one_sentence(qtbot, wizard, tmp_path):
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.keep(["resident_number"])
    page.chooser.set_transform("resident_number", "pseudonym")
    wrong = tmp_path / "not-a-key.txt"
    wrong.write_text("hello\n", encoding="utf-8")

    page.notes.use_key_file(wrong)

    qtbot.waitUntil(lambda: page.notes.key_error.isVisible(), timeout=5000)
    assert "not-a-key.txt" in page.notes.key_error.text()
    assert not next_enabled(wizard)


def mnemonics(window) -> list[str]:
    """The Alt letters of every visible button and labelled field of ``window``."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.buddy() is None):
            continue
        match = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
        if match:
            letters.append(match[1].lower())
    return letters


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_alt_letter_on_the_columns_page_with_all_its_notes_shown_is_used_once(qapp, qtbot, tmp_path, language):
    from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build

    if translations_need_build():
        build_translations()
    install_translators(qapp, language)
    try:
        wizard = ExportWizard(sample_rows=300, sample_folder=tmp_path / "cache")
        qtbot.addWidget(wizard)
        wizard.show()
        path = tmp_path / "formulas.csv"
        path.write_text("name,memo,account_number\n架空 一郎,=1+2,1234567\n", encoding="utf-8")
        to_columns(qtbot, wizard, path)
        page = wizard.columns_page
        page.keep(["name", "memo", "account_number"])
        page.chooser.set_transform("name", "pseudonym")
        choose(page, "account_number")
        page.chooser.combo.setCurrentIndex(page.chooser.combo.findData("mask"))
        qtbot.waitUntil(lambda: page.notes.inert_button.isVisible() and page.chooser.argument.isVisible())

        letters = mnemonics(wizard)

        assert len(letters) > 10
        assert sorted(letters) == sorted(set(letters)), letters
    finally:
        remove_translators(qapp)
