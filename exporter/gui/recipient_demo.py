"""The pictures of receipts, Delete now and reminders for the README (``exporter --screenshots``), made as a
recipient and an office would: real exports of invented residents, a real key (protected, a low work factor), the
Open window driven through its buttons and dialogs, statements dropped on the wizard.

    30-open-receipt       the Open window after an open, its receipt saved
    31-open-delete        Delete now's question: the files, and that copies made elsewhere are not covered
    32-open-deleted       the files deleted, the signed deletion statement saved
    33-open-reminders     a new Open window: one archive due in three days, one two days past
    34-wizard-statements  the wizard's report on statements dropped on it (imported, or the refusal)
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from exporter.gui.key_screens import demo_folders
from exporter.gui.open_window import OpenWindow

PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"  # noqa: S105 - the demo key's, never a user's
WAIT_S = 60.0


def render(folder: Path, language: str) -> None:
    """Save the pictures listed in the module docstring into ``folder``."""
    from exporter.gui.i18n import switch_language

    app = QApplication.instance() or QApplication([])
    switch_language(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    with demo_folders() as home, tempfile.TemporaryDirectory(prefix="exporter-demo-") as temp:
        work = Path(temp)
        demo = _Demo(work, home, language)
        demo.opened_with_receipt(folder)
        demo.reminders(folder / "33-open-reminders.png")
        if importlib.util.find_spec("exporter.register_import") is not None:  # the office's import (issue 11, 4)
            _wizard_statements(demo, folder / "34-wizard-statements.png")


class _Demo:
    """One recipient's key and the exports made for them."""

    def __init__(self, work: Path, home: Path, language: str) -> None:
        from exporter.keys.identity import create_identity
        from exporter.sample import sample_bytes

        self.work, self.home, self.japanese = work, home, language == "ja"
        (work / "residents.csv").write_bytes(sample_bytes(200))
        self.key_file = work / "my-key.age"
        create_identity(self.key_file, passphrase=PASSPHRASE, work_factor=10)
        (home / "policy.toml").write_text(f'[register]\npath = "{_toml(home / "register.jsonl")}"\n', "utf-8")

    def identity(self) -> Any:
        from exporter.keys import load_identities

        return load_identities(self.key_file, PASSPHRASE)[0]

    def export(self, name: str, delete_by: date) -> Path:
        from exporter.pipeline import run_export
        from exporter.plan import ExportPlan

        plan = ExportPlan(
            source=self.work / "residents.csv",
            columns=("family_name", "given_name", "phone", "postal_code"),
            output=self.work / name,
            to=(self.book_name(),),
            purpose="特定健診の受診勧奨の電話連絡" if self.japanese else "Phone reminders for the annual health check",
            recipient_organisation="株式会社みらいコールセンター" if self.japanese else "Mirai Call Centre Ltd.",
            delete_by=delete_by,
            register=self.home / "register.jsonl",
        )
        run_export(plan)
        return plan.output

    def book_name(self) -> str:
        """The recipient in the office's address book, with the signing key of their new key card."""
        from exporter.keys.paths import default_book_path
        from exporter.keys.recipient_signing import recipient_signing_public

        name = "みらいコールセンター" if self.japanese else "Mirai Call Centre"
        book = default_book_path()
        if not book.exists():
            identity = self.identity()
            book.parent.mkdir(parents=True, exist_ok=True)
            signing = recipient_signing_public(identity).minisign_line()
            book.write_text(
                f'[[recipient]]\nname = "{name}"\nkey = "{identity.recipient}"\nsigning = "{signing}"\n', "utf-8"
            )
        return name

    def opened_window(self, archive: Path) -> OpenWindow:
        window = OpenWindow()
        window.set_archive(archive)
        window.set_key_file(self.key_file)
        window.show()
        _when_shown(lambda: window.passphrase_dialog, _type_passphrase)
        window.start_open()
        _wait_until(lambda: not window.busy and window.after_open.isVisible())
        return window

    def opened_with_receipt(self, folder: Path) -> None:
        window = self.opened_window(self.export("residents.zip.age", date.today() + timedelta(days=30)))
        actions = window.actions
        _when_shown(lambda: actions.save_dialog, _accept_suggested)
        window.after_open.receipt_button.click()
        _wait_until(lambda: window.after_open.result.isVisible())
        _save(window, folder / "30-open-receipt.png", show=window.after_open)

        def picture_then_delete(box: QMessageBox) -> None:
            _settle()
            box.grab().save(str(folder / "31-open-delete.png"))
            next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()

        _when_shown(lambda: actions.question, picture_then_delete)
        _when_shown(lambda: actions.save_dialog, _accept_suggested)
        window.after_open.delete_button.click()
        _wait_until(
            lambda: "statement" in window.after_open.result.text() or "証明書" in window.after_open.result.text()
        )
        _save(window, folder / "32-open-deleted.png", show=window.after_open)
        window.close()

    def reminders(self, target: Path) -> None:
        from exporter import openings
        from exporter.decrypt import decrypt_archive

        identity = self.identity()
        code = openings.key_set_code([identity], {})
        for name, days in (("call-list.zip.age", 3), ("survey.zip.age", -2)):
            archive = self.export(name, date.today() + timedelta(days=days))
            openings.remember(decrypt_archive(archive, self.work / name[:-8], [identity]), check_code=code)
        window = OpenWindow()
        window.show()
        _save(window, target)
        window.close()


def _wizard_statements(demo: _Demo, target: Path) -> None:
    """The recipient's receipt and deletion statement, dropped on the wizard under a policy naming the register."""
    import os

    from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard

    statements = sorted(demo.work.glob("*.statement.txt"))
    previous = os.environ.get("EXPORTER_POLICY")
    os.environ["EXPORTER_POLICY"] = str(demo.home / "policy.toml")
    try:
        wizard = ExportWizard(sample_rows=100, sample_folder=demo.work / "cache")
    finally:
        if previous is None:
            os.environ.pop("EXPORTER_POLICY", None)
        else:
            os.environ["EXPORTER_POLICY"] = previous
    wizard.resize(DEFAULT_SIZE)
    wizard.show()
    wizard.statement_drops.import_files(statements)
    _wait_until(lambda: wizard.statement_drops.box is not None and wizard.statement_drops.box.isVisible())
    box = wizard.statement_drops.box
    assert box is not None
    _settle()
    box.grab().save(str(target))
    box.accept()
    wizard.source_page.stop()
    wizard.close()


def _type_passphrase(dialog: Any) -> None:
    dialog.field.edit.setText(PASSPHRASE)
    dialog.accept()


def _accept_suggested(dialog: Any) -> None:
    dialog.accept()  # the suggested name beside the archive


def _when_shown(find: Callable[[], Any], act: Callable[[Any], None], tries: int = 3000) -> None:
    def poll(left: int) -> None:
        found = find()
        if found is None or not found.isVisible():
            if left:
                QTimer.singleShot(10, lambda: poll(left - 1))
            return
        act(found)

    QTimer.singleShot(0, lambda: poll(tries))


def _wait_until(condition: Callable[[], bool]) -> None:
    from exporter.gui.screenshots import wait_until

    wait_until(condition, timeout=WAIT_S)


def _settle() -> None:
    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()


def _save(window: OpenWindow, target: Path, *, show: QWidget | None = None) -> None:
    """Save the window fitted to its content, scrolled to ``show`` (None: the top)."""
    window.fit_to_content()
    _settle()
    if show is None:
        window.scroll_area.verticalScrollBar().setValue(0)
    else:
        window.scroll_area.ensureWidgetVisible(show)
    _settle()
    window.grab().save(str(target))


def _toml(path: Path) -> str:
    return str(path).replace("\\", "\\\\")
