"""The Open window's receipt, Delete now and reminders, driven as a recipient drives them: a real export to a real
key protected by a passphrase (low work factor), opened in the window, the statements read back with
read_statement."""

from __future__ import annotations

import errno
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from exporter import openings
from exporter.atomic import AtomicFile
from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.gui.open_window import OpenWindow
from exporter.keys import load_identities
from exporter.keys.check_code import key_set_check_code
from exporter.keys.identity import create_identity
from exporter.keys.recipient_signing import recipient_signing_public
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes
from exporter.statements import read_statement

PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"
ARCHIVE_PASSPHRASE = "plinth marigold quasar tundra oboe vellum zephyr"
TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _in_english(qapp):
    """English with its plural forms ("3 days left"), as the program installs it; removed afterwards."""
    from PySide6.QtCore import QLocale

    from exporter.gui.i18n import build_translations, remove_translators, switch_language, translations_need_build

    if translations_need_build():
        build_translations()
    switch_language(qapp, "en")
    yield
    remove_translators(qapp)
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(30))
    create_identity(tmp_path / "me.key", passphrase=PASSPHRASE, work_factor=10)
    return tmp_path


def me(work: Path) -> X25519Identity:
    [identity] = load_identities(work / "me.key", PASSPHRASE)
    return identity


def export(work: Path, name: str, delete_by: date | None, *, passphrase: str = "") -> Path:
    plan = ExportPlan(
        source=work / "residents.csv",
        columns=("family_name", "phone"),
        output=work / name,
        recipients=() if passphrase else (str(me(work).recipient),),
        passphrase=Secret(passphrase) if passphrase else None,
        purpose="架空の委託",
        delete_by=delete_by,
    )
    run_export(plan)
    return work / name


@pytest.fixture
def window(qtbot) -> OpenWindow:
    widget = OpenWindow()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def when_shown(find: Callable[[], Any], act: Callable[[Any], None], tries: int = 500) -> None:
    """Run ``act`` on the dialog ``find`` returns once it is visible (polled; gives up after about five seconds)."""

    def poll(left: int) -> None:
        found = find()
        if found is None or not found.isVisible():
            if left:
                QTimer.singleShot(10, lambda: poll(left - 1))
            return
        act(found)

    QTimer.singleShot(0, lambda: poll(tries))


def type_passphrase(dialog: Any, passphrase: str = PASSPHRASE) -> None:
    dialog.field.edit.setText(passphrase)
    dialog.accept()


def save_as(path: Path) -> Callable[[Any], None]:
    def act(dialog: Any) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    return act


def answer(role: QMessageBox.ButtonRole, seen: list[str]) -> Callable[[QMessageBox], None]:
    def act(box: QMessageBox) -> None:
        seen.append(f"{box.text()}\n{box.informativeText()}")
        next(button for button in box.buttons() if box.buttonRole(button) == role).click()

    return act


def open_with_key(qtbot, window: OpenWindow, archive: Path, work: Path) -> None:
    window.set_archive(archive)
    window.set_key_file(work / "me.key")
    when_shown(lambda: window.passphrase_dialog, type_passphrase)
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.manifest_view.isVisible(), window.message.text()


def code(work: Path) -> str:
    identity = me(work)
    return key_set_check_code(str(identity.recipient), recipient_signing_public(identity).minisign_line())


def test_a_receipt_is_signed_with_the_key_just_used_without_asking_its_passphrase_again(qtbot, window, work):
    archive = export(work, "a.zip.age", date.today() + timedelta(days=30))
    open_with_key(qtbot, window, archive, work)
    panel = window.after_open
    assert panel.isVisible()
    assert panel.receipt_button.isEnabled()
    assert [e.folder for e in openings.load()] == [str(work / "a")]  # remembered by the window's open

    target = work / "receipts" / "a.receipt.statement.txt"
    target.parent.mkdir()
    suggested: list[str] = []
    when_shown(
        lambda: window.actions.save_dialog, lambda d: (suggested.append(d.selectedFiles()[0]), save_as(target)(d))
    )
    qtbot.mouseClick(panel.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)

    assert suggested == [str(work / "a.receipt.statement.txt")]  # beside the archive
    assert window.actions.passphrase_dialog is None  # never asked again
    statement = read_statement(target)
    assert (statement.kind, statement.archive_name) == ("receipt", "a.zip.age")
    assert statement.archive_sha256 == openings.load()[0].archive_sha256
    assert statement.check_code == code(work)
    assert panel.result.text() == f"Receipt saved: {target}. Send it to the sender."
    assert (work / "a" / "data.csv").exists()


def test_delete_now_asks_names_the_files_and_copies_then_deletes_and_saves_the_statement(qtbot, window, work):
    archive = export(work, "a.zip.age", date.today() + timedelta(days=30))
    open_with_key(qtbot, window, archive, work)
    panel = window.after_open
    target = work / "a.deletion.statement.txt"
    asked: list[str] = []
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, asked))
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)

    [question] = asked
    assert question.startswith("Delete these files of a.zip.age now?\n")
    assert f"  {work / 'a' / 'manifest.json'}\n  {work / 'a' / 'data.csv'}\n" in question
    assert "Copies made elsewhere (another folder, a USB stick, e-mail, a printout) are not covered" in question
    assert not (work / "a").exists()
    statement = read_statement(target)
    assert statement.kind == "deletion"
    assert statement.fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    assert statement.check_code == code(work)
    assert panel.result.text() == f"The files were deleted. Deletion statement saved: {target}. Send it to the sender."
    assert not panel.delete_button.isEnabled()
    assert not window.manifest_view.open_folder_button.isEnabled()  # the folder is gone: not offered
    assert (
        window.manifest_view.values["written"].text() == f"Deleted with Delete now (it was {work / 'a' / 'data.csv'})"
    )
    assert openings.pending(date.today()) == []


def test_keeping_the_files_deletes_nothing(qtbot, window, work):
    archive = export(work, "a.zip.age", date.today() + timedelta(days=30))
    open_with_key(qtbot, window, archive, work)
    asked: list[str] = []
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.RejectRole, asked))
    qtbot.mouseClick(window.after_open.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert (work / "a" / "data.csv").exists()
    assert openings.load()[0].deleted_utc is None


def test_the_statement_place_is_asked_before_deleting_and_closing_its_dialog_deletes_nothing(qtbot, window, work):
    archive = export(work, "a.zip.age", None)
    open_with_key(qtbot, window, archive, work)
    panel = window.after_open
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.save_dialog, lambda dialog: dialog.reject())
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)
    assert (work / "a" / "data.csv").exists()
    assert openings.load()[0].deleted_utc is None
    assert panel.result.text() == (
        "Nothing was deleted: the deletion statement is saved first, so choose where to save it to delete the files."
    )
    assert panel.delete_button.text() == "&Delete now…"

    inside = work / "a" / "a.deletion.statement.txt"  # the folder that is removed once empty
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.save_dialog, save_as(inside))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "choose another place" in panel.result.text(), timeout=TIMEOUT_MS)
    assert (work / "a" / "data.csv").exists()
    assert not inside.exists()
    assert openings.load()[0].deleted_utc is None


def test_a_statement_that_cannot_be_written_stops_delete_now_before_a_file_is_removed(qtbot, window, work, monkeypatch):
    archive = export(work, "a.zip.age", None)
    open_with_key(qtbot, window, archive, work)
    panel = window.after_open

    def disk_full(self: AtomicFile, data: bytes | memoryview) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = work / "a.deletion.statement.txt"
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    with monkeypatch.context() as patched:
        patched.setattr(AtomicFile, "write", disk_full)
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)
    assert panel.result.text().startswith(f"The deletion statement {target} could not be written (No space left")
    assert (work / "a" / "data.csv").exists()
    assert not target.exists()
    assert openings.load()[0].deleted_utc is None
    assert panel.delete_button.text() == "&Delete now…"


def test_a_statement_not_saved_after_the_files_were_deleted_can_be_made_afterwards(qtbot, window, work, monkeypatch):
    archive = export(work, "a.zip.age", None)
    open_with_key(qtbot, window, archive, work)
    panel = window.after_open

    def cannot_name(self: AtomicFile) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    target = work / "a.deletion.statement.txt"
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    with monkeypatch.context() as patched:
        patched.setattr(AtomicFile, "commit", cannot_name)  # the statement's last step fails, after the deletion
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)
    assert not (work / "a").exists()
    assert panel.result.text().startswith("The files were deleted, but the deletion statement ")
    assert panel.delete_button.text() == "Make the &deletion statement…"

    later = work / "later.statement.txt"
    when_shown(lambda: window.actions.save_dialog, save_as(later))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: later.exists(), timeout=TIMEOUT_MS)
    assert read_statement(later).fields["deleted"]["files"] == ["manifest.json", "data.csv"]


def test_reminders_list_openings_due_soon_or_past_and_delete_now_asks_the_key_passphrase(qtbot, work):
    identity = me(work)
    for name, days in (("soon.zip.age", 3), ("past.zip.age", -2), ("later.zip.age", 30)):
        opened = decrypt_archive(export(work, name, date.today() + timedelta(days=days)), work / name[:-8], [identity])
        openings.remember(opened, check_code=code(work))

    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_key_file(work / "me.key")
    panel = window.reminders
    assert panel.isVisible()
    texts = [label.text() for _opening, label, _button in panel.rows]
    assert texts == [
        f"past.zip.age in {work / 'past'} — delete by {date.today() - timedelta(days=2)}: 2 days past",
        f"soon.zip.age in {work / 'soon'} — delete by {date.today() + timedelta(days=3)}: 3 days left",
    ]

    target = work / "soon.deletion.statement.txt"
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.passphrase_dialog, type_passphrase)
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    qtbot.mouseClick(panel.rows[1][2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists(), timeout=TIMEOUT_MS)

    assert not (work / "soon").exists()
    assert read_statement(target).archive_name == "soon.zip.age"
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=TIMEOUT_MS)
    assert panel.rows[0][0].archive_name == "past.zip.age"
    assert panel.result.text().startswith("The files of soon.zip.age were deleted. Deletion statement saved: ")


def test_a_wrong_passphrase_for_signing_is_one_sentence_and_nothing_is_deleted(qtbot, work):
    opened = decrypt_archive(export(work, "soon.zip.age", date.today()), work / "soon", [me(work)])
    openings.remember(opened, check_code=code(work))
    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_key_file(work / "me.key")
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.passphrase_dialog, lambda dialog: type_passphrase(dialog, "not it at all"))
    qtbot.mouseClick(window.reminders.rows[0][2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.reminders.result.isVisible(), timeout=TIMEOUT_MS)
    assert window.reminders.result.text().startswith("The passphrase does not open the key file")
    assert (work / "soon" / "data.csv").exists()


def test_an_archive_opened_with_a_passphrase_offers_no_receipt_and_deletes_without_a_statement(qtbot, window, work):
    archive = export(work, "p.zip.age", date.today() + timedelta(days=1), passphrase=ARCHIVE_PASSPHRASE)
    window.set_archive(archive)
    window.set_passphrase(ARCHIVE_PASSPHRASE)
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    panel = window.after_open
    assert not panel.receipt_button.isEnabled()
    assert "opened with a passphrase" in panel.explanation.text()
    assert [label.text().split(" in ")[0] for _o, label, _b in window.reminders.rows] == ["p.zip.age"]

    asked: list[str] = []
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, asked))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)
    assert "no signed deletion statement can be made" in asked[0]
    assert panel.result.text() == "The files were deleted."
    assert not (work / "p").exists()
    assert not window.reminders.isVisible()


def test_a_damaged_record_is_shown_in_the_reminder_area_and_opening_still_works(qtbot, work):
    record = Path(os.environ["EXPORTER_DATA_DIR"]) / "openings.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("{", encoding="utf-8")
    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.reminders.problem.text().startswith(f"The record of opened archives {record} is damaged")
    open_with_key(qtbot, window, export(work, "a.zip.age", None), work)
    assert window.after_open.result.text().startswith(
        "The archive was opened, but it could not be added to the record of opened archives"
    )
    assert (work / "a" / "data.csv").exists()


def test_delete_now_says_a_data_csv_saved_over_by_excel_is_deleted_too_and_the_statement_says_so(qtbot, window, work):
    archive = export(work, "a.zip.age", date.today() + timedelta(days=30))
    open_with_key(qtbot, window, archive, work)
    saved = work / "a" / "data.csv"
    (work / "a" / "~$data.tmp").write_bytes(saved.read_bytes() + b"edited,row\r\n")  # saved as Excel saves
    os.replace(work / "a" / "~$data.tmp", saved)
    panel = window.after_open
    target = work / "a.deletion.statement.txt"
    asked: list[str] = []
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, asked))
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=TIMEOUT_MS)

    [question] = asked
    assert (
        "data.csv was saved over after exporter saved it (by Excel, for example). It is deleted too, and the "
        "statement tells the sender it had been changed."
    ) in question
    assert not (work / "a").exists()
    assert read_statement(target).fields["deleted"] == {
        "files": ["manifest.json", "data.csv"],
        "method": "unlinked",
        "replaced": ["data.csv"],
    }


def test_a_reminder_whose_folder_was_renamed_by_hand_offers_forget_which_asks_then_takes_it_off_the_list(qtbot, work):
    identity = me(work)
    for name, days in (("moved.zip.age", -2), ("soon.zip.age", 3)):
        opened = decrypt_archive(export(work, name, date.today() + timedelta(days=days)), work / name[:-8], [identity])
        openings.remember(opened, check_code=code(work))
    (work / "moved").rename(work / "renamed")  # by hand: Delete now refuses it for ever

    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    panel = window.reminders
    assert [opening.archive_name for opening, _label, _button in panel.rows] == ["moved.zip.age", "soon.zip.age"]
    forget, none = panel.forget_buttons
    assert none is None  # its files are where exporter saved them: Delete now, not Forget
    assert forget is not None
    assert (forget.isVisible(), forget.text()) == (True, "Forget…")

    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.RejectRole, []))
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    assert len(panel.rows) == 2
    assert openings.load()[0].forgotten_utc is None

    asked: list[str] = []
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.AcceptRole, asked))
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=TIMEOUT_MS)
    [question] = asked
    assert question.startswith("Take moved.zip.age off the list without deleting anything?\n")
    assert f"exporter cannot delete its files: {work / 'moved' / 'data.csv'} is no longer there" in question
    assert "No deletion statement is made, because exporter did not delete the files." in question
    assert panel.rows[0][0].archive_name == "soon.zip.age"
    assert panel.result.text().startswith("moved.zip.age was taken off the list. Nothing was deleted")
    moved = next(entry for entry in openings.load() if entry.archive_name == "moved.zip.age")
    assert (moved.forgotten_utc is not None, moved.deleted_utc) == (True, None)
    assert sorted(path.name for path in (work / "renamed").iterdir()) == ["data.csv", "manifest.json"]
    assert not list(work.glob("*.statement.txt"))


def test_delete_now_of_an_opening_deleted_meanwhile_elsewhere_saves_the_statement_of_that_deletion(qtbot, work):
    opened = decrypt_archive(export(work, "soon.zip.age", date.today()), work / "soon", [me(work)])
    openings.remember(opened, check_code=code(work))
    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_key_file(work / "me.key")
    assert len(window.reminders.rows) == 1
    openings.delete_files(openings.find(str(work / "soon")))  # exporter delete in another process, say

    target = work / "soon.deletion.statement.txt"
    when_shown(lambda: window.actions.question, answer(QMessageBox.ButtonRole.DestructiveRole, []))
    when_shown(lambda: window.actions.passphrase_dialog, type_passphrase)
    when_shown(lambda: window.actions.save_dialog, save_as(target))
    qtbot.mouseClick(window.reminders.rows[0][2], Qt.MouseButton.LeftButton)  # the row shown before
    qtbot.waitUntil(lambda: window.reminders.result.isVisible(), timeout=TIMEOUT_MS)
    assert window.reminders.result.text().startswith("The files of soon.zip.age were deleted. Deletion statement")
    assert read_statement(target).fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    [entry] = openings.load()
    assert entry.deleted_utc is not None
