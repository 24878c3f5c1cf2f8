"""The office key under an IT policy, in the wizard: the office key a policy sets itself is the one the Protection
and Review pages show and the export carries (not the clerk's own setting); an office key from Settings that the
policy's approved recipients do not include is said at once on the Protection page (rule and policy file) and
refused in the Settings dialog before it is saved, instead of only on the Review page."""

from __future__ import annotations

from exporter.envelope import X25519Identity
from exporter.gui.settings_dialog import SettingsDialog
from exporter.gui.wizard import PageId
from exporter.keys import check_code, office_key, set_office_key
from tests.gui.conftest import TEST_SAMPLE_ROWS
from tests.gui.test_policy_protection import WAIT_MS, open_protection, people, write_policy
from tests.gui.test_wizard import decrypt_data_csv

__all__ = ["people"]  # the fixture, used by name


def test_an_office_key_from_settings_that_the_policy_does_not_approve_is_said_on_the_protection_page(
    qtbot, tmp_path, monkeypatch, people
):
    approved, _other, _key = people
    stranger = X25519Identity.generate()
    set_office_key(str(stranger.recipient), "Somebody's office")
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        page.choose_by_name(["Call centre"])
        note = page.picker.office_note.text()
        assert "Somebody's office" in note
        assert "rules.approved_recipients" in note
        assert str(policy) in note
        assert page.picker.office.refused is not None
        assert not page.isComplete()  # nothing can leave for a key the policy does not approve
    finally:
        wizard.source_page.stop()


def test_the_settings_dialog_says_the_policy_refuses_the_current_key_and_will_not_save_another_unapproved_one(
    qtbot, tmp_path, monkeypatch, people
):
    approved, other, _key = people
    set_office_key(str(other.recipient), "Old office")
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        from exporter.gui.policy_view import office_fixed, office_refusal

        dialog = SettingsDialog(
            page, fixed=office_fixed(page.draft), refusal=lambda key, name: office_refusal(page.draft, (name, key))
        )
        qtbot.addWidget(dialog)
        assert "rules.approved_recipients" in dialog.policy_note.text()
        assert not dialog.policy_note.isHidden()

        dialog.key_edit.setText(str(X25519Identity.generate().recipient))
        assert "rules.approved_recipients" in dialog.message.text()
        assert not dialog.save_button.isEnabled()

        dialog.key_edit.setText(str(approved.recipient))  # the approved key may be the office's too
        assert dialog.message.isHidden() or not dialog.message.text()
        assert dialog.save_button.isEnabled()
        dialog.save_office_key()
        saved = office_key()
        assert saved is not None
        assert saved.key == str(approved.recipient)
        assert dialog.policy_note.isHidden()
        dialog.close()
        page.refresh_keys()
        assert page.picker.office.refused is None
    finally:
        wizard.source_page.stop()


def test_an_office_key_the_policy_sets_is_the_one_shown_and_carried_and_settings_cannot_change_it(
    qtbot, tmp_path, monkeypatch, people
):
    approved, _other, key_file = people
    policy_office, clerks_own = X25519Identity.generate(), X25519Identity.generate()
    set_office_key(str(clerks_own.recipient), "The clerk's own")
    policy = write_policy(tmp_path, check_code(str(approved.recipient)))
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("[rules]\n", f'[rules]\noffice_key = "{policy_office.recipient}"\n'),
        encoding="utf-8",
    )
    wizard = open_protection(qtbot, tmp_path, monkeypatch, policy)
    page = wizard.protection_page
    try:
        note = page.picker.office_note.text()
        assert check_code(str(policy_office.recipient)) in note
        assert check_code(str(clerks_own.recipient)) not in note
        from exporter.gui.policy_view import office_fixed

        dialog = SettingsDialog(page, fixed=office_fixed(page.draft), refusal=None)
        qtbot.addWidget(dialog)
        assert "rules.office_key" in dialog.policy_note.text()
        assert str(policy) in dialog.policy_note.text()
        assert not dialog.key_edit.isEnabled()
        dialog.close()

        page.choose_by_name(["Call centre"])
        assert page.isComplete()
        wizard.next()
        assert wizard.currentId() == PageId.REVIEW
        assert check_code(str(policy_office.recipient)) in wizard.review_page.summary.text()
        output = tmp_path / "office.zip.age"
        wizard.set_destination(output)
        with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
            wizard.next()
        assert wizard.export_page.result is not None, wizard.export_page.message.text()
        office_file = tmp_path / "office.key"
        office_file.write_text(policy_office.secret_text() + "\n", encoding="utf-8")
        (tmp_path / "by-office").mkdir()
        (tmp_path / "by-recipient").mkdir()
        assert len(decrypt_data_csv(output, office_file, tmp_path / "by-office")) == TEST_SAMPLE_ROWS + 1
        assert len(decrypt_data_csv(output, key_file, tmp_path / "by-recipient")) == TEST_SAMPLE_ROWS + 1
    finally:
        wizard.source_page.stop()
        wizard.export_page.stop()
