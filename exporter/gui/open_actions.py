"""The recipient's receipt and Delete now in the Open window: the questions asked, the signing key found, the files
deleted and the statements saved. The window and its panels only call :meth:`RecipientActions.make_receipt` and
:meth:`RecipientActions.delete_now` and show what :attr:`RecipientActions.finished` reports.

Signing needs the identity that opened the archive. The window hands over the signing key derived from it right
after an open (:meth:`RecipientActions.hold`) and takes it back when it shows something else
(:meth:`RecipientActions.forget`); otherwise the key file's passphrase is asked (its key must be the one that
opened the archive: the key-set code the opening recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from exporter.display import safe_text
from exporter.errors import ExporterError, PlanError
from exporter.gui import key_store
from exporter.gui.key_dialogs import KeyPassphraseDialog
from exporter.gui.open_signing import load_signer, present_files, statement_path, write_deletion, write_receipt
from exporter.gui.widgets import chosen_file, file_dialog
from exporter.gui.worker import Worker
from exporter.messages import msg
from exporter.openings import Opening


class SignPassphraseDialog(KeyPassphraseDialog):
    """The key file's passphrase, asked to sign a receipt or a deletion statement."""

    def retranslate_ui(self) -> None:  # every text here: self.tr() looks them up under this class's name
        self.setWindowTitle(self.tr("Passphrase of your key"))
        self.intro.setText(
            self.tr(
                "Your key file {name} is protected. Type its passphrase to sign the statement for the sender."
            ).format(name=safe_text(self.key_file.name))
        )
        self.label.setText(self.tr("&Passphrase:"))
        self.field.setAccessibleName(self.tr("Passphrase of your key"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class RecipientActions(QObject):
    """Receipts and Delete now for openings, on behalf of ``window``.

    ``finished(kind, value)``: ``"receipt"`` (the statement's path), ``"deleted"`` ((opening, statement path or
    None)), ``"delete_cancelled"`` (the opening: its statement's save dialog was closed, nothing deleted),
    ``"forgotten"`` (the opening, as recorded: taken off the list without deleting, :meth:`forget_opening`),
    ``"error"`` (an ExporterError). ``changed`` fires whenever the record of openings changed.
    ``key_file`` says which key file to unlock when no signing key is held.
    """

    finished = Signal(str, object)
    changed = Signal()

    def __init__(self, window: QWidget, key_file: Callable[[], Path | None]) -> None:
        super().__init__(window)
        self._window = window
        self._key_file = key_file
        self._held: tuple[str, Any] | None = None  # (check code, signing key) of the archive the window shows
        self._archive: tuple[str, Path] | None = None  # (SHA-256, .age file) of that archive: statements go beside it
        self.question: QMessageBox | None = None  # the open confirmation, for tests
        self.save_dialog: Any = None  # the open save dialog, for tests
        self.passphrase_dialog: SignPassphraseDialog | None = None
        self.worker: Worker | None = None

    # --- the key the window just used ---------------------------------------------------------------------------

    def hold(self, opening: Opening, signer: Any, archive: Path) -> None:
        """Keep the signing key of the archive just opened (``opening``, from the .age file ``archive``)."""
        self._held = (opening.check_code, signer) if signer is not None and opening.check_code else None
        self._archive = (opening.archive_sha256, archive)

    def forget(self) -> None:
        self._held = None
        self._archive = None

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    # --- receipt ----------------------------------------------------------------------------------------------

    def make_receipt(self, opening: Opening) -> None:
        """Sign a receipt for ``opening`` and save it where the recipient chooses."""
        self._with_signer(opening, lambda signer: self._save_receipt(opening, signer))

    def _save_receipt(self, opening: Opening, signer: Any) -> None:
        path = self._ask_save_path("receipt", opening, self.tr("Save the receipt"))
        if path is None:
            return
        try:
            write_receipt(path, opening, signer)
        except ExporterError as err:
            self.finished.emit("error", err)
            return
        self.finished.emit("receipt", path)

    # --- Delete now -------------------------------------------------------------------------------------------

    def delete_now(self, opening: Opening) -> None:
        """Ask, then delete ``opening``'s files and save a signed deletion statement; an opening already deleted
        only gets its statement."""
        if opening.deleted_utc is not None:
            self._with_signer(opening, lambda signer: self._save_deletion(opening, signer))
            return
        if not self._confirmed(opening):
            return
        if not opening.check_code:  # opened with a passphrase: nothing to sign with
            self._delete(opening, None)
            return
        self._with_signer(opening, lambda signer: self._delete(opening, signer))

    def _confirmed(self, opening: Opening) -> bool:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete the data now?"))
        box.setText(self.tr("Delete these files of {name} now?").format(name=safe_text(opening.archive_name)))
        files = present_files(opening) or list(opening.files)
        listed = "\n".join(f"  {safe_text(str(Path(opening.folder) / name))}" for name in files)
        note = self.tr(
            "Only these files, which exporter saved, are deleted. Copies made elsewhere (another folder, a USB "
            "stick, e-mail, a printout) are not covered: delete them yourself."
        )
        signed = (
            self.tr("A signed deletion statement is then saved for you to send to the sender.")
            if opening.check_code
            else self.tr("This archive was opened with a passphrase, so no signed deletion statement can be made.")
        )
        box.setInformativeText(f"{listed}\n\n{self._saved_over(opening)}{note}\n{signed}")
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        return self._asked(box, delete, box.addButton(self.tr("&Keep the files"), QMessageBox.ButtonRole.RejectRole))

    def _asked(self, box: QMessageBox, yes: Any, no: Any) -> bool:
        """Show ``box`` (``no`` its default and Escape; kept in :attr:`question` while open, for tests); whether
        ``yes`` was clicked."""
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        self.question = box
        try:
            box.exec()
        finally:
            self.question = None
        return box.clickedButton() is yes

    def _saved_over(self, opening: Opening) -> str:
        """A paragraph naming the files saved over since exporter wrote them (deleted too, and said so in the
        statement); "" when there is none, or when Delete now will refuse anyway (it says why then)."""
        from exporter.openings import check_deletion

        try:
            replaced = check_deletion(opening).replaced
        except ExporterError:
            return ""
        if not replaced:
            return ""
        text = self.tr(
            "{files} was saved over after exporter saved it (by Excel, for example). It is deleted too, and the "
            "statement tells the sender it had been changed."
        )
        return text.format(files=safe_text(", ".join(replaced))) + "\n\n"

    def _delete(self, opening: Opening, signer: Any) -> None:
        """Delete the files; with ``signer``, the statement's place is asked first and the statement written there
        before anything is deleted (as ``exporter delete`` does): closing the save dialog deletes nothing, and a
        place where it cannot be written stops it before a file is removed."""
        from exporter import openings

        path: Path | None = None
        if signer is not None:
            path = self._ask_save_path("deletion", opening, self.tr("Save the deletion statement"))
            if path is None:
                self.finished.emit("delete_cancelled", opening)
                return

        def statement(plan: openings.DeletionPlan) -> bytes:
            return openings.deletion_statement(
                plan.opening, signer, deleted=plan.deleted_files(), replaced=plan.replaced_files()
            )

        try:
            if path is not None:
                openings.check_statement_target(opening, path)
            done = openings.delete_with_statement(
                opening, statement=statement if path is not None else None, target=path
            )
        except ExporterError as err:
            self.changed.emit()  # a file that could not be removed: those removed before it are recorded
            if (recorded := _recorded(opening)) is not None and recorded.deleted_utc is not None:
                self.finished.emit("deleted", (recorded, None))  # deleted, its statement not saved: offered again
            self.finished.emit("error", err)
            return
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        gone, replaced_now = tuple(done.deleted_files()), tuple(done.replaced_files())
        deleted = (
            done.opening
            if done.already_deleted
            else replace(opening, removed=gone, replaced=replaced_now, deleted_utc=now)
        )
        self.changed.emit()
        self.finished.emit("deleted", (deleted, path))

    def _save_deletion(self, opening: Opening, signer: Any) -> None:
        """The statement of a deletion already done (its files are gone), saved where the recipient chooses."""
        path = self._ask_save_path("deletion", opening, self.tr("Save the deletion statement"))
        if path is not None:
            try:
                write_deletion(path, opening, signer)
            except ExporterError as err:
                self.finished.emit("error", err)
                return
        self.finished.emit("deleted", (opening, path))

    # --- Forget: off the list without deleting ----------------------------------------------------------------

    def forget_opening(self, opening: Opening) -> None:
        """Ask, then take ``opening`` off the list of openings waiting to be deleted, deleting nothing: for one whose
        files Delete now refuses (moved or deleted by hand). No statement is made of it."""
        from exporter.openings import check_deletion, forget

        try:
            check_deletion(opening)
            reason = ""
        except ExporterError as err:
            reason = str(err)
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Take the archive off the list?"))
        box.setText(
            self.tr("Take {name} off the list without deleting anything?").format(name=safe_text(opening.archive_name))
        )
        why = self.tr("exporter cannot delete its files: {reason}").format(reason=safe_text(reason)) if reason else ""
        note = self.tr(
            "Forget only stops the reminder. No deletion statement is made, because exporter did not delete the "
            "files. Delete the data and every copy yourself, and tell the sender what became of it."
        )
        box.setInformativeText(f"{why}\n\n{note}" if why else note)
        chosen = box.addButton(self.tr("&Forget"), QMessageBox.ButtonRole.AcceptRole)
        if not self._asked(box, chosen, box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)):
            return
        try:
            forgotten = forget(opening)
        except ExporterError as err:
            self.finished.emit("error", err)
            return
        self.changed.emit()
        self.finished.emit("forgotten", forgotten)

    # --- the signing key ----------------------------------------------------------------------------------------

    def _with_signer(self, opening: Opening, then: Callable[[Any], None]) -> None:
        if not opening.check_code:
            self.finished.emit(
                "error", PlanError(msg("openings.no_identity_for_passphrase", name=opening.archive_name))
            )
            return
        if self._held is not None and self._held[0] == opening.check_code:
            then(self._held[1])
            return
        key_file = self._key_file()
        if key_file is None:
            self.finished.emit("error", ExporterError(self.tr("Choose your key file first (box 2).")))
            return
        if key_store.is_protected(key_file):
            dialog = SignPassphraseDialog(key_file, self._window)
            dialog.accepted.connect(lambda: self._unlock(key_file, dialog.take_passphrase(), opening, then))
            self.passphrase_dialog = dialog
            dialog.open()
        else:
            self._unlock(key_file, None, opening, then)

    def _unlock(self, key_file: Path, passphrase: str | None, opening: Opening, then: Callable[[Any], None]) -> None:
        worker = Worker(lambda _progress, _cancel: load_signer(key_file, passphrase, opening))
        worker.signals.succeeded.connect(then)
        worker.signals.failed.connect(lambda error: self.finished.emit("error", error))
        self.worker = worker
        worker.start()

    def _ask_save_path(self, kind: str, opening: Opening, caption: str) -> Path | None:
        archive = self._archive[1] if self._archive and self._archive[0] == opening.archive_sha256 else None
        suggested = statement_path(kind, opening, archive)
        dialog = file_dialog(self._window, caption, str(suggested), self.tr("Statements (*.statement.txt)"), save=True)
        dialog.selectFile(str(suggested))
        self.save_dialog = dialog
        try:
            chosen = chosen_file(dialog)
        finally:
            self.save_dialog = None
        return Path(chosen) if chosen else None


def _recorded(opening: Opening) -> Opening | None:
    """``opening`` as the record of openings now holds it (None when it cannot be read or lacks it)."""
    from exporter.openings import load, same_place

    try:
        return next((entry for entry in load() if same_place(entry, opening)), None)
    except ExporterError:
        return None
