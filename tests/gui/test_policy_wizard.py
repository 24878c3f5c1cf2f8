"""The wizard under an IT policy (EXPORTER_POLICY): purpose profiles offered and filled in, columns the policy
forbids named and held back, the plan refused on the Review page naming the rule, and the export recorded in the
take-out register with its number on the Done page."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.gui.wizard import ExportWizard, PageId
from exporter.register import records, verify
from tests.gui.conftest import TEST_SAMPLE_ROWS
from tests.gui.test_wizard import age_keypair, decrypt_data_csv

WAIT_MS = 60_000


def write_policy(folder: Path, recipient: str) -> Path:
    register = folder / "register.jsonl"
    policy = folder / "policy.toml"
    policy.write_text(
        f"""
[register]
path = "{register.as_posix()}"

[rules]
never_export = ["my_number", "account_number"]

[profiles.call_centre]
title = "Relief payment calls"
version = 2
legal_basis = "Municipal ordinance 12"
purpose = "Calls about the relief payment"
organisation = "Example Call Centre Ltd."
max_delete_days = 14
recipients = ["{recipient}"]
columns = {{ family_name = "keep", phone = "mask:4", gender = "keep" }}
""",
        encoding="utf-8",
    )
    return policy


@pytest.fixture
def policy_wizard(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QLocale

    from exporter import messages

    key, recipient = age_keypair(tmp_path)
    monkeypatch.setenv("EXPORTER_POLICY", str(write_policy(tmp_path, recipient)))
    messages.set_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    window = ExportWizard(sample_rows=TEST_SAMPLE_ROWS, sample_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    window.test_key = key  # type: ignore[attr-defined]
    window.test_recipient = recipient  # type: ignore[attr-defined]
    yield window
    window.source_page.stop()
    window.export_page.stop()


def to_purpose(qtbot, wizard: ExportWizard) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    assert wizard.currentId() == PageId.PURPOSE


def test_a_profile_fills_the_purpose_and_the_columns_and_the_export_is_recorded(qtbot, policy_wizard, tmp_path):
    wizard = policy_wizard
    to_purpose(qtbot, wizard)
    page = wizard.purpose_page
    assert not page.profile_box.isHidden()
    assert "policy.toml applies to this export" in page.policy_note.text()
    page.choose_profile("call_centre")
    assert page.purpose_edit.text() == "Calls about the relief payment"
    assert page.organisation_edit.text() == "Example Call Centre Ltd."
    assert "Legal basis: Municipal ordinance 12" in page.policy_note.text()
    assert (
        page.delete_by_edit.maximumDate().toPython().toordinal()
        - page.delete_by_edit.minimumDate().toPython().toordinal()
        == 13
    )
    wizard.next()
    columns = wizard.columns_page
    assert columns.model.kept == ("family_name", "phone", "gender")
    assert columns.chooser.transform("phone") == "mask:4"
    wizard.next()  # rows: none
    wizard.next()
    wizard.protection_page.set_recipients([wizard.test_recipient])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    output = tmp_path / "relief.zip.age"
    wizard.set_destination(output)
    assert wizard.review_page.policy_problem is None, wizard.review_page.policy_error.text()
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    result = wizard.export_page.result
    assert result is not None, wizard.export_page.message.text()
    assert result.register_record == 1
    assert wizard.export_page.register_label.text() == "record 1"
    register = tmp_path / "register.jsonl"
    assert verify(register) == 1
    assert records(register)[0]["archive"]["sha256"] == result.sha256
    assert result.manifest["policy"]["profile"] == {
        "name": "call_centre",
        "version": 2,
        "legal_basis": "Municipal ordinance 12",
    }
    rows = decrypt_data_csv(output, wizard.test_key, tmp_path)
    assert rows[0] == ["family_name", "phone", "gender"]
    assert all(phone.startswith("*") for _, phone, _ in rows[1:] if len(phone) > 4)


def test_a_column_the_policy_forbids_is_named_and_next_waits(qtbot, policy_wizard):
    wizard = policy_wizard
    to_purpose(qtbot, wizard)
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    columns = wizard.columns_page
    columns.keep(["family_name", "account_number"])
    assert "account_number" in columns.policy_error.text()
    assert "rules.never_export" in columns.policy_error.text()
    assert not columns.isComplete()
    columns.keep(["family_name"])
    assert columns.policy_error.isHidden()


def test_a_recipient_outside_the_profile_is_refused_on_the_protection_and_review_pages_naming_the_rule(
    qtbot, policy_wizard, tmp_path
):
    wizard = policy_wizard
    to_purpose(qtbot, wizard)
    wizard.purpose_page.choose_profile("call_centre")
    wizard.next()
    wizard.next()
    wizard.next()
    (tmp_path / "other").mkdir()
    _other_key, someone_else = age_keypair(tmp_path / "other")  # not the profile's recipient
    wizard.protection_page.set_recipients([someone_else])
    assert "profiles.call_centre.recipients" in wizard.protection_page.key_error.text()
    assert not wizard.protection_page.isComplete()  # refused at once on the page
    wizard.protection_page.set_recipients([wizard.test_recipient])
    wizard.next()
    wizard.draft.recipients, wizard.draft.recipient_names = (someone_else,), ("",)  # past the page: Review checks
    wizard.set_destination(tmp_path / "refused.zip.age")
    wizard.review_page.initializePage()
    problem = wizard.review_page.policy_error.text()
    assert "profiles.call_centre" in problem
    assert "policy.toml" in problem
    assert not wizard.review_page.isComplete()


def test_a_profile_with_its_own_recipients_locks_the_passphrase_naming_the_rule(qtbot, policy_wizard):
    wizard = policy_wizard
    to_purpose(qtbot, wizard)
    wizard.purpose_page.choose_profile("call_centre")
    wizard.next()
    wizard.next()
    wizard.next()
    page = wizard.protection_page
    assert not page.passphrase_radio.isEnabled()
    assert "profiles.call_centre.recipients" in page.passphrase_lock.text()
    assert "policy.toml" in page.passphrase_lock.text()
    assert "profiles.call_centre.recipients" in page.picker.policy_note.text()


def test_a_broken_policy_file_stops_the_wizard_on_the_purpose_page(qtbot, tmp_path, monkeypatch):
    broken = tmp_path / "policy.toml"
    broken.write_text("[rules]\nnever_export = [\n", encoding="utf-8")
    monkeypatch.setenv("EXPORTER_POLICY", str(broken))
    window = ExportWizard(sample_rows=TEST_SAMPLE_ROWS, sample_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.source_page.workEnded, timeout=WAIT_MS):
        window.source_page.use_sample()
    window.next()
    page = window.purpose_page
    page.purpose_edit.setText("Survey")
    assert "policy.toml" in page.policy_note.text()
    assert not page.isComplete()
    window.source_page.stop()


def signing_policy_wizard(qtbot, tmp_path: Path, monkeypatch) -> ExportWizard:
    """The wizard under a policy that signs every export with the office key in ``tmp_path/office.key``."""
    from PySide6.QtCore import QLocale

    from exporter import messages
    from exporter.signing import create_signing_key

    key, recipient = age_keypair(tmp_path)
    public = create_signing_key(tmp_path / "office.key", "mitsuba-sora-9-kagami", comment="City office", work_factor=10)
    policy = write_policy(tmp_path, recipient)
    policy.write_text(
        policy.read_text("utf-8") + f'\n[signing]\nkey = "{(tmp_path / "office.key").as_posix()}"\n', "utf-8"
    )
    monkeypatch.setenv("EXPORTER_POLICY", str(policy))
    messages.set_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    wizard = ExportWizard(sample_rows=TEST_SAMPLE_ROWS, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    wizard.resize(900, 700)
    wizard.show()
    to_purpose(qtbot, wizard)
    wizard.purpose_page.choose_profile("call_centre")
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    wizard.set_destination(tmp_path / "signed.zip.age")
    wizard.test_key = key  # type: ignore[attr-defined]
    wizard.test_office = public  # type: ignore[attr-defined]
    return wizard


def answer_passphrase(typed: str | None) -> None:
    """Answer the signing passphrase dialog once it shows: type ``typed`` and OK, or cancel (None)."""
    from PySide6.QtCore import QTimer

    from exporter.gui.signing_prompt import current_dialog

    def answer() -> None:
        dialog = current_dialog()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        if typed is None:
            dialog.reject()
        else:
            dialog.setTextValue(typed)
            dialog.accept()

    QTimer.singleShot(20, answer)


@pytest.mark.parametrize("typed", ["mitsuba-sora-9-kagami", None])
def test_under_a_signing_policy_the_wizard_asks_the_passphrase_and_signs(qtbot, tmp_path, monkeypatch, typed):
    from exporter.signing import verify

    wizard = signing_policy_wizard(qtbot, tmp_path, monkeypatch)
    answer_passphrase(typed)
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    result = wizard.export_page.result
    if typed is None:  # cancelled: nothing exported, and it says why
        assert result is None
        assert "the office signing key's passphrase was not given" in wizard.export_page.message.text()
        assert not (tmp_path / "signed.zip.age").exists()
        return
    assert result is not None, wizard.export_page.message.text()
    assert result.signed_by == wizard.test_office
    import zipfile

    from exporter.decrypt import decrypt_file

    decrypt_file(tmp_path / "signed.zip.age", tmp_path / "inner.zip", load_identity(wizard.test_key))
    with zipfile.ZipFile(tmp_path / "inner.zip") as inner:
        manifest, signature = inner.read("manifest.json"), inner.read("manifest.json.minisig")
    assert verify(manifest, signature, [wizard.test_office]) is not None  # the office's signature on the manifest


def load_identity(key: Path) -> list[object]:
    from exporter.keys.identity import load_identities

    return list(load_identities(key))
