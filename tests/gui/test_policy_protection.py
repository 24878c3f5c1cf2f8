"""The Protection page under an IT policy that approves recipients (EXPORTER_POLICY, a real address book in this
test's config folder): entries the policy does not approve are shown greyed, cannot be ticked and say why (the rule
and the policy file); a key pasted that it does not approve is refused at once with the core's sentence; the
passphrase is locked when the policy allows none; an approved entry is chosen and the export goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from exporter.envelope import X25519Identity
from exporter.gui.wizard import ExportWizard, PageId
from exporter.keys import add_recipient, check_code
from tests.gui.conftest import TEST_SAMPLE_ROWS
from tests.gui.test_wizard import decrypt_data_csv

WAIT_MS = 60_000


def write_policy(folder: Path, approved: str, *, allow_passphrase: bool | None = None) -> Path:
    policy = folder / "policy.toml"
    allow = "" if allow_passphrase is None else f"allow_passphrase = {str(allow_passphrase).lower()}\n"
    policy.write_text(
        f'[register]\npath = "{(folder / "register.jsonl").as_posix()}"\n\n'
        f'[rules]\nnever_export = ["my_number"]\napproved_recipients = ["{approved}"]\n{allow}',
        encoding="utf-8",
    )
    return policy


@pytest.fixture
def people(tmp_path):
    """Two recipients in the clerk's address book: the call centre (approved by its check code) and another firm."""
    approved, other = X25519Identity.generate(), X25519Identity.generate()
    add_recipient("Call centre", str(approved.recipient), organisation="Example Call Centre Ltd.")
    add_recipient("Other firm", str(other.recipient), organisation="Somebody Else Inc.")
    key_file = tmp_path / "call-centre.key"
    key_file.write_text(approved.secret_text() + "\n", encoding="utf-8")
    return approved, other, key_file


def open_protection(qtbot, tmp_path: Path, monkeypatch, policy: Path) -> ExportWizard:
    monkeypatch.setenv("EXPORTER_POLICY", str(policy))
    wizard = ExportWizard(sample_rows=TEST_SAMPLE_ROWS, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    wizard.resize(900, 700)
    wizard.show()
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Calls about the relief payment")
    wizard.next()
    wizard.columns_page.keep(["family_name", "gender"])
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PageId.PROTECTION
    return wizard


def book_item(wizard: ExportWizard, name: str):
    book = wizard.protection_page.picker.book
    for index in range(book.topLevelItemCount()):
        item = book.topLevelItem(index)
        if item.data(0, Qt.ItemDataRole.UserRole) == name:
            return item
    raise AssertionError(f"{name} is not listed")


def test_an_unapproved_entry_is_shown_greyed_cannot_be_ticked_and_says_the_rule_and_policy_file(
    qtbot, tmp_path, monkeypatch, people
):
    approved, _other, _key = people
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    picker = wizard.protection_page.picker
    try:
        other = book_item(wizard, "Other firm")
        assert not other.flags() & Qt.ItemFlag.ItemIsEnabled
        assert not other.flags() & Qt.ItemFlag.ItemIsUserCheckable
        reason = other.toolTip(0)
        assert "rules.approved_recipients" in reason
        assert str(policy) in reason
        assert "Other firm" in reason
        assert picker.refused_names() == {"Other firm": reason}
        note = picker.policy_note.text()
        assert not picker.policy_note.isHidden()
        assert "rules.approved_recipients" in note
        assert str(policy) in note
        picker.tick(["Other firm"])
        assert picker.ticked_names() == []
        assert not wizard.protection_page.isComplete()
        assert book_item(wizard, "Call centre").flags() & Qt.ItemFlag.ItemIsUserCheckable
    finally:
        wizard.source_page.stop()


def test_a_pasted_key_the_policy_does_not_approve_is_refused_at_once_with_the_rule(
    qtbot, tmp_path, monkeypatch, people
):
    approved, other, _key = people
    policy = write_policy(tmp_path, str(approved.recipient))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        page.set_recipients([str(other.recipient)])
        shown = page.key_error.text()
        assert "rules.approved_recipients" in shown
        assert str(policy) in shown
        assert "not on the approved list" in shown
        assert not page.isComplete()
        page.set_recipients([str(approved.recipient)])
        assert page.key_error.isHidden() or not page.key_error.text()
        assert page.isComplete()
    finally:
        wizard.source_page.stop()


def test_the_passphrase_is_locked_with_its_reason_when_the_policy_allows_none(qtbot, tmp_path, monkeypatch, people):
    approved, _other, _key = people
    policy = write_policy(tmp_path, str(approved.recipient), allow_passphrase=False)
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        assert not page.passphrase_radio.isEnabled()
        assert not page.passphrase_edit.isEnabled()
        assert not page.generate_button.isEnabled()
        assert "rules.allow_passphrase" in page.passphrase_lock.text()
        assert str(policy) in page.passphrase_radio.toolTip()
        page.generate_passphrase()
        assert page.key_radio.isChecked()
    finally:
        wizard.source_page.stop()


def test_without_an_approved_list_every_entry_and_the_passphrase_stay_open(qtbot, tmp_path, monkeypatch, people):
    policy = tmp_path / "policy.toml"
    policy.write_text('[rules]\nnever_export = ["my_number"]\n', encoding="utf-8")
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        assert page.picker.refused_names() == {}
        assert page.picker.policy_note.isHidden()
        assert page.passphrase_radio.isEnabled()
        page.picker.tick(["Other firm"])
        assert page.picker.ticked_names() == ["Other firm"]
    finally:
        wizard.source_page.stop()


def test_an_approved_entry_is_ticked_and_the_export_opens_with_its_key(qtbot, tmp_path, monkeypatch, people):
    approved, _other, key_file = people
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    try:
        wizard.protection_page.choose_by_name(["Call centre"])
        assert wizard.protection_page.isComplete()
        wizard.next()
        assert wizard.currentId() == PageId.REVIEW
        output = tmp_path / "approved.zip.age"
        wizard.set_destination(output)
        assert wizard.review_page.policy_problem is None, wizard.review_page.policy_error.text()
        with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
            wizard.next()
        assert wizard.export_page.result is not None, wizard.export_page.message.text()
        rows = decrypt_data_csv(output, key_file, tmp_path)
        assert rows[0] == ["family_name", "gender"]
        assert len(rows) == TEST_SAMPLE_ROWS + 1
    finally:
        wizard.source_page.stop()
        wizard.export_page.stop()


def test_the_locks_are_said_again_in_japanese_after_a_language_switch(qtbot, tmp_path, monkeypatch, people):
    from exporter.gui.i18n import build_translations, remove_translators, translations_need_build
    from tests.gui.test_language_switch import choose_language

    if translations_need_build():
        build_translations()
    approved, _other, _key = people
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        choose_language(qtbot, wizard, "ja", "住民データファイル")
        assert "承認された受取人だけを選べます" in page.picker.policy_note.text()
        assert "rules.approved_recipients" in page.picker.policy_note.text()
        assert "合言葉は使えません" in page.passphrase_lock.text()
        assert "承認された受取人ではありません" in book_item(wizard, "Other firm").toolTip(0)
    finally:
        wizard.source_page.stop()
        remove_translators(QApplication.instance())
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
