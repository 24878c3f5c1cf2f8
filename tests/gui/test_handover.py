"""The hand-over end to end, as the two people do it: the recipient makes a protected key in the Open window and
copies its card; the card's key goes into the address book; the clerk picks the recipient by name, sees the same
check code, exports with the instructions file and the office key; the recipient opens the archive with the
key's passphrase in the Open window, Debian age opens it too, and the office reopens it with its own key.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from key_tools import key_set_code_of
from oracle_tools import AGE_PROMPT_ENTER, _checked_pty, require_tool
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.gui.open_window import OpenWindow
from exporter.gui.settings_dialog import SettingsDialog
from exporter.gui.wizard import ExportWizard, PageId
from exporter.keys import (
    add_recipient,
    check_code,
    identity_file_is_protected,
    load_book,
    load_settings,
    remove_recipient,
)

KEY_PASSPHRASE = "plinth marigold quasar tundra oboe vellum zephyr"
KEPT = ("family_name", "given_name", "phone")
WAIT_MS = 60_000
TEST_WORK_FACTOR = 10  # scrypt of the created key: age's 18 takes a second per use; the format is the same


@pytest.fixture
def open_window(qtbot) -> OpenWindow:
    window = OpenWindow()
    window.key_work_factor = TEST_WORK_FACTOR
    qtbot.addWidget(window)
    window.show()
    return window


def create_key(qtbot, window: OpenWindow, passphrase: str) -> None:
    """Create my key → the dialog → the passphrase twice → Create; waits for the key card."""
    assert window.form.create_key_button.isVisible()
    qtbot.mouseClick(window.form.create_key_button, Qt.MouseButton.LeftButton)
    dialog = window.create_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.first.edit, passphrase)
    qtbot.keyClicks(dialog.second, passphrase)
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.key_card is not None and window.key_card.isVisible(), timeout=WAIT_MS)


def open_with_key_passphrase(qtbot, window: OpenWindow, archive: Path, passphrase: str) -> None:
    """Verify and open → the key's passphrase dialog → typed → Open; waits until the window is done."""
    window.set_archive(archive)
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    dialog = window.passphrase_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.field.edit, passphrase)
    with qtbot.waitSignal(window.done, timeout=WAIT_MS):
        dialog.accept()


def load_sample(qtbot, wizard: ExportWizard) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    assert wizard.source_page.isComplete(), wizard.source_page.error.text()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Reminder calls for the health check")
    wizard.purpose_page.organisation_edit.setText("Example Call Centre Ltd.")
    wizard.next()
    wizard.columns_page.keep(KEPT)
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    assert wizard.currentId() == PageId.PROTECTION


def export(qtbot, wizard: ExportWizard, output: Path) -> None:
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    wizard.set_destination(output)
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    assert wizard.export_page.result is not None, wizard.export_page.message.text()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_recipient_key_made_in_the_open_window_is_picked_by_name_and_opens_the_export(qtbot, wizard, tmp_path):
    # The recipient: Create my key, then copy the key card.
    window = OpenWindow()
    window.key_work_factor = TEST_WORK_FACTOR
    qtbot.addWidget(window)
    window.show()
    create_key(qtbot, window, KEY_PASSPHRASE)
    card = window.key_card
    assert card is not None
    key_file = Path(window.form.key_file_edit.text())
    assert key_file.parent == Path(os.environ["EXPORTER_DATA_DIR"])
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert identity_file_is_protected(key_file)
    assert KEY_PASSPHRASE.encode() not in key_file.read_bytes()
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    public_keys = set(re.findall(r"age1[0-9a-z]{58}", copied))  # the card in Japanese, then English
    assert len(public_keys) == 1
    public_key = public_keys.pop()
    signing_keys = set(re.findall(r"^(RW[A-Za-z0-9+/]{54})\r?$", copied, re.MULTILINE))
    assert len(signing_keys) == 1  # the signing key derived from the new key, for receipts
    signing_key = signing_keys.pop()
    code = key_set_code_of(public_key, signing_key)
    assert code in copied
    assert "AGE-SECRET-KEY" not in copied.upper()
    assert digits(card.code_label.text()).startswith(digits(code))

    # IT staff put the card's key in the address book; the office key is set in the wizard's Settings.
    add_recipient(
        "Call centre", public_key, organisation="Example Call Centre Ltd.", confirmed=date.today(),
        signing_key=signing_key,
    )  # fmt: skip
    office = X25519Identity.generate()
    settings = SettingsDialog()
    qtbot.addWidget(settings)
    qtbot.keyClicks(settings.key_edit, str(office.recipient))
    settings.name_edit.setText("Citizens Division")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert load_settings().office_key is not None
    assert load_settings().office_key.key == str(office.recipient)

    # The clerk: picks the recipient by name and sees the same check code; the office is locked on.
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    book = page.picker.book
    assert book.topLevelItemCount() == 1
    row = book.topLevelItem(0)
    assert row.text(0) == "Call centre"
    assert row.text(1) == "Example Call Centre Ltd."
    assert digits(row.text(2)) == digits(code)
    assert not page.isComplete()
    page.choose_by_name(["Call centre"])
    assert page.isComplete()
    assert digits(code) in digits(page.codes_label.text())
    assert page.picker.office_box.isVisible()
    assert page.picker.office_box.isChecked()
    qtbot.mouseClick(page.picker.office_box, Qt.MouseButton.LeftButton)
    assert page.picker.office_box.isChecked()  # locked on
    assert check_code(str(office.recipient)) in page.picker.office_note.text()
    assert page.instructions_box.isChecked()
    assert not page.purpose_box.isChecked()

    output = tmp_path / "out" / "residents.zip.age"
    output.parent.mkdir()
    wizard.next()
    summary = wizard.review_page.summary.text()
    assert "Call centre" in summary
    assert digits(code) in digits(summary)
    assert "Citizens Division" in summary
    wizard.back()
    export(qtbot, wizard, output)

    # The Done page: the hash value and the instructions file beside the archive.
    done = wizard.export_page
    sha256 = hashlib.sha256(output.read_bytes()).hexdigest()
    assert done.sha_label.text().replace(" ", "") == sha256
    instructions = output.with_name(output.name + ".README.txt")
    assert instructions.name in done.instructions_label.text()
    readme = instructions.read_text(encoding="utf-8-sig")
    assert sha256 in readme
    assert code in readme
    assert "Reminder calls" not in readme  # the purpose only when the clerk ticks it

    # The recipient opens it in the Open window: the key file is remembered, its passphrase asked for.
    window.close()
    receiver = OpenWindow()
    qtbot.addWidget(receiver)
    receiver.show()
    assert receiver.form.key_file_edit.text() == str(key_file)
    assert receiver.form.key_card_button.isVisible()
    open_with_key_passphrase(qtbot, receiver, output, KEY_PASSPHRASE)
    assert receiver.message.text().startswith("Intact and complete"), receiver.message.text()
    shown = receiver.manifest_view.values
    assert shown["hash"].text().replace(" ", "") == sha256
    assert digits(code) in digits(shown["recipients"].text())
    assert digits(check_code(str(office.recipient))) in digits(shown["recipients"].text())
    manifest = json.loads((output.parent / "residents" / "manifest.json").read_text(encoding="utf-8"))
    roles = {entry["recipient"]: (entry.get("role"), entry.get("name")) for entry in manifest["recipients"]}
    assert roles[public_key] == ("recipient", "Call centre")
    assert [entry.get("signing_key") for entry in manifest["recipients"] if entry["recipient"] == public_key] == [
        signing_key
    ]
    assert roles[str(office.recipient)][0] == "office"
    settings_file = load_settings().path
    remembered = settings_file.read_text(encoding="utf-8")
    assert str(key_file) in remembered  # which key file, never its passphrase
    assert KEY_PASSPHRASE not in remembered
    rows = list(csv.reader(io.StringIO((output.parent / "residents" / "data.csv").read_text("utf-8-sig"))))
    assert tuple(rows[0]) == KEPT

    # The office reopens its own export with its own key.
    office_copy = decrypt_archive(output, tmp_path / "office", [office])
    assert office_copy.data.read_bytes() == (output.parent / "residents" / "data.csv").read_bytes()

    # Debian age opens it with the protected key, asking for the key's passphrase on a terminal.
    require_tool("age")
    inner = _checked_pty(["age", "--decrypt", "-i", key_file, output], [(AGE_PROMPT_ENTER, KEY_PASSPHRASE)], 60)
    with zipfile.ZipFile(io.BytesIO(inner)) as opened:
        assert opened.read("data.csv") == (output.parent / "residents" / "data.csv").read_bytes()


def test_wrong_key_passphrase_is_one_sentence_and_the_right_one_then_opens(qtbot, open_window, wizard, tmp_path):
    create_key(qtbot, open_window, KEY_PASSPHRASE)
    public_key = open_window.key_card.public_key
    load_sample(qtbot, wizard)
    wizard.protection_page.set_recipients([public_key])
    output = tmp_path / "residents.zip.age"
    export(qtbot, wizard, output)

    open_with_key_passphrase(qtbot, open_window, output, "not the passphrase at all, sorry")

    text = open_window.message.text()
    assert "passphrase" in text.lower()
    assert "Traceback" not in text
    assert "not the passphrase at all" not in text
    assert not (tmp_path / "residents").exists()
    open_with_key_passphrase(qtbot, open_window, output, KEY_PASSPHRASE)
    assert open_window.message.text().startswith("Intact and complete")


def test_generated_passphrase_typed_back_with_full_width_digits_and_spaces_opens_the_archive(
    qtbot, open_window, wizard, tmp_path
):
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    page.generate_passphrase()
    generated = page.passphrase_field.text()
    assert re.fullmatch(r"(\d{6}-){7}\d{6}", generated)
    assert page.passphrase_field.shown()
    assert page.groups_label.text().split() == generated.split("-")  # large, in its groups, for reading aloud
    page.show_box.setChecked(False)
    assert not page.groups_label.isVisible()  # hidden with the field
    assert page.isComplete()
    output = tmp_path / "residents.zip.age"
    export(qtbot, wizard, output)

    # read over the phone and typed on a Japanese keyboard: full-width digits, ideographic spaces, ー between groups
    groups = generated.split("-")
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    typed = "\u3000".join(group.translate(full_width) for group in groups[:4]) + "ー" + " ".join(groups[4:])
    open_window.set_archive(output)
    open_window.set_passphrase(typed)
    with qtbot.waitSignal(open_window.done, timeout=WAIT_MS):
        qtbot.mouseClick(open_window.open_button, Qt.MouseButton.LeftButton)

    assert open_window.message.text().startswith("Intact and complete"), open_window.message.text()
    assert open_window.form.passphrase_field.text() == ""  # not kept on screen
    assert "passphrase" in open_window.manifest_view.values["recipients"].text()


def test_a_generated_passphrase_with_one_wrong_digit_names_its_group_on_the_protection_page(qtbot, wizard):
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    page.generate_passphrase()
    groups = page.passphrase_field.text().split("-")
    wrong = groups[2][:-1] + str((int(groups[2][-1]) + 1) % 10)
    page.passphrase_field.setText("-".join([*groups[:2], wrong, *groups[3:]]))

    assert not page.isComplete()
    assert "3" in page.passphrase_note.text()
    assert page.passphrase_note.isVisible()


def test_a_passphrase_export_with_an_office_key_needs_the_waiver_ticked(qtbot, wizard, tmp_path):
    office = X25519Identity.generate()
    settings = SettingsDialog()
    qtbot.addWidget(settings)
    settings.key_edit.setText(str(office.recipient))
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    page.generate_passphrase()

    assert page.office_waiver.isVisible()
    assert not page.isComplete()
    page.office_waiver.setChecked(True)
    assert page.isComplete()
    output = tmp_path / "residents.zip.age"
    export(qtbot, wizard, output)
    assert wizard.export_page.result.manifest["office_copy"] is False


def test_settings_dialog_sets_and_removes_the_office_key(qtbot):
    office = X25519Identity.generate()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert not dialog.clear_button.isEnabled()
    dialog.key_edit.setText("age1notakey")
    assert not dialog.save_button.isEnabled()
    dialog.key_edit.setText(str(office.recipient))
    assert digits(check_code(str(office.recipient))) in digits(dialog.typed_code.text())
    dialog.name_edit.setText("Citizens Division")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert load_settings().office_key.key == str(office.recipient)
    assert load_settings().office_key.name == "Citizens Division"
    assert "Citizens Division" in dialog.current.text()
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert load_settings().office_key is None
    assert not dialog.clear_button.isEnabled()


def test_key_card_saved_as_text_holds_the_public_keys_and_check_code_only(qtbot, open_window, tmp_path):
    create_key(qtbot, open_window, KEY_PASSPHRASE)
    card = open_window.key_card
    target = tmp_path / "card.txt"

    card.save_card(target)
    card.save_card(target)  # a second time: refused, the first file stays

    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    assert card.public_key in text
    assert card.card.signing_key is not None
    assert card.card.signing_key in text
    assert key_set_code_of(card.public_key, card.card.signing_key) in text
    assert "AGE-SECRET-KEY" not in text.upper()
    assert "already exists" in card.message.text() or "すでに" in card.message.text()
    assert "この 2 つの公開鍵だけ" in card.warning.text() or "Send only these two public keys" in card.warning.text()


def test_show_my_key_card_unlocks_the_key_and_shows_the_same_card(qtbot, open_window):
    create_key(qtbot, open_window, KEY_PASSPHRASE)
    first = open_window.key_card
    first.close()
    assert open_window.form.key_card_button.isVisible()

    qtbot.mouseClick(open_window.form.key_card_button, Qt.MouseButton.LeftButton)
    dialog = open_window.passphrase_dialog
    qtbot.keyClicks(dialog.field.edit, KEY_PASSPHRASE)
    dialog.accept()
    qtbot.waitUntil(lambda: open_window.key_card is not first and open_window.key_card.isVisible(), timeout=WAIT_MS)

    assert open_window.key_card.public_key == first.public_key


def test_a_recipient_with_a_key_can_create_a_new_one_beside_it_and_is_told_where(qtbot, open_window):
    from exporter.gui import key_store

    create_key(qtbot, open_window, KEY_PASSPHRASE)
    first_card = open_window.key_card
    old_path = first_card.secret_path
    old_bytes = old_path.read_bytes()
    first_card.close()
    assert open_window.form.create_key_button.text().replace("&", "") == "Create a new key…"
    assert old_path.name in open_window.form.my_key_note.text()

    create_key(qtbot, open_window, KEY_PASSPHRASE + " again")

    dialog = open_window.create_dialog
    assert old_path.name in dialog.intro.text()
    assert "identity-2.age" in dialog.intro.text()
    assert "Choose another file name" not in dialog.intro.text() + dialog.note.text()
    card = open_window.key_card
    assert card is not first_card
    assert card.secret_path == old_path.with_name("identity-2.age")
    assert str(card.secret_path) in card.where.text()
    assert card.public_key != first_card.public_key
    assert old_path.read_bytes() == old_bytes  # the old key is kept as it was
    assert Path(open_window.form.key_file_edit.text()) == card.secret_path
    assert key_store.my_key_file() == card.secret_path


def test_a_new_key_takes_the_next_free_name_when_one_appears_meanwhile_and_never_overwrites(tmp_path):
    from exporter.gui import key_store
    from exporter.keys import default_identity_path

    assert key_store.new_key_path() == default_identity_path()
    first, _ = key_store.create_key(KEY_PASSPHRASE, work_factor=TEST_WORK_FACTOR)
    assert first == default_identity_path()
    taken = key_store.new_key_path()
    assert taken.name == "identity-2.age"
    taken.write_bytes(b"made by someone else")

    second, _ = key_store.create_key(KEY_PASSPHRASE, work_factor=TEST_WORK_FACTOR)

    assert second.name == "identity-3.age"
    assert taken.read_bytes() == b"made by someone else"
    assert key_store.my_key_file() == second


def test_create_key_dialog_refuses_a_weak_or_mismatched_passphrase(qtbot, open_window):
    qtbot.mouseClick(open_window.form.create_key_button, Qt.MouseButton.LeftButton)
    dialog = open_window.create_dialog
    qtbot.keyClicks(dialog.first.edit, "password1")
    qtbot.keyClicks(dialog.second, "password1")
    assert not dialog.create_button.isEnabled()
    assert dialog.note.isVisible()
    dialog.first.setText(KEY_PASSPHRASE)
    dialog.second.setText(KEY_PASSPHRASE + "x")
    assert not dialog.create_button.isEnabled()
    dialog.first.show_box.setChecked(True)
    assert dialog.second.echoMode() == dialog.second.EchoMode.Normal
    dialog.reject()
    assert dialog.first.text() == ""
    assert dialog.second.text() == ""


def test_a_pasted_key_is_added_to_the_address_book_from_the_protection_page_and_ticked_by_name(qtbot, wizard):
    public_key = str(X25519Identity.generate().recipient)
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    assert not page.picker.add_button.isEnabled()
    page.set_recipients([public_key])
    assert page.picker.add_button.isEnabled()

    qtbot.mouseClick(page.picker.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert digits(check_code(public_key)) in digits(dialog.code_label.text())
    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Call centre")
    dialog.organisation_edit.setText("Example Call Centre Ltd.")
    dialog.confirmed_box.setChecked(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    entry = load_book().get("Call centre")
    assert entry is not None
    assert entry.key == public_key
    assert entry.confirmed == date.today()
    assert page.picker.ticked_names() == ["Call centre"]
    assert page.key_edit.toPlainText().strip() == ""
    assert page.recipients() == (public_key,)
    assert not page.picker.add_button.isEnabled()


def test_adding_a_name_already_in_the_book_is_refused_in_the_dialog(qtbot, wizard):
    add_recipient("Call centre", str(X25519Identity.generate().recipient))
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    page.set_recipients([str(X25519Identity.generate().recipient)])
    qtbot.mouseClick(page.picker.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    qtbot.keyClicks(dialog.name_edit, "Call centre")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "Call centre" in dialog.message.text()
    assert len(load_book().entries) == 1


def test_a_broken_address_book_is_named_on_the_protection_page_and_a_pasted_key_still_works(qtbot, wizard):
    book = Path(os.environ["EXPORTER_CONFIG_DIR"]) / "recipients.toml"
    book.parent.mkdir(parents=True, exist_ok=True)
    book.write_text("[[recipient]\nname = \n", encoding="utf-8")
    load_sample(qtbot, wizard)
    page = wizard.protection_page

    assert page.picker.book_error.isVisible()
    assert str(book) in page.picker.book_error.text()
    page.set_recipients([str(X25519Identity.generate().recipient)])
    assert page.isComplete()


def test_settings_dialog_names_a_broken_settings_file_instead_of_failing(qtbot):
    settings = Path(os.environ["EXPORTER_CONFIG_DIR"]) / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[office]\nkey = "not a key"\n', encoding="utf-8")

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)

    assert str(settings) in dialog.current.text()


def test_a_book_entry_changed_after_review_stops_the_export_and_says_so(qtbot, wizard, tmp_path):
    shown = X25519Identity.generate()
    add_recipient("Call centre", str(shown.recipient))
    load_sample(qtbot, wizard)
    wizard.protection_page.choose_by_name(["Call centre"])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    assert digits(check_code(str(shown.recipient))) in digits(wizard.review_page.summary.text())
    remove_recipient("Call centre")  # someone edits the book while the clerk reads the code aloud
    add_recipient("Call centre", str(X25519Identity.generate().recipient))
    output = tmp_path / "residents.zip.age"
    wizard.set_destination(output)

    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    assert wizard.export_page.result is None
    assert "changed after the recipients were shown" in wizard.export_page.message.text()
    assert not output.exists()
