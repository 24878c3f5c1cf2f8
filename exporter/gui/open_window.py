"""The receiving side: choose a ``.zip.age`` archive, a key file or passphrase and a folder, then verify and open.

Decryption runs on the worker thread (the passphrase's scrypt alone can take seconds); data.csv appears only
once all of it verified, and the manifest is then shown in plain words by :class:`ManifestView`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui import key_store
from exporter.gui.i18n import resource_path
from exporter.gui.key_card import KeyCardDialog
from exporter.gui.key_dialogs import CreateKeyDialog, KeyPassphraseDialog
from exporter.gui.manifest_view import ManifestView
from exporter.gui.open_actions import RecipientActions
from exporter.gui.open_form import OpenForm
from exporter.gui.open_panels import AfterOpenPanel, ReminderPanel
from exporter.gui.open_task import OpenOutcome, OpenRequest, open_task
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, error_text
from exporter.gui.worker import Worker
from exporter.keys import KeyCard
from exporter.messages import Message


class OpenWindow(Retranslating, QWidget):
    """Open an export that someone sent you. ``opened`` fires with the :class:`OpenedArchive` once verified."""

    opened = Signal(object)
    failed = Signal(object)
    done = Signal()  # after every attempt: verified, refused or cancelled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self._close_when_done = False
        self._status: tuple[str, Any] | None = None
        self._key_warning: Message | None = None  # the core's sentence, rendered when shown
        self.setAcceptDrops(True)
        icon = resource_path("icons", "exporter.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self._build()
        self._request: OpenRequest | None = None
        self.create_dialog: CreateKeyDialog | None = None
        self.passphrase_dialog: KeyPassphraseDialog | None = None
        self.key_card: KeyCardDialog | None = None
        self.key_work_factor: int | None = None  # scrypt work factor of a created key; None: age's 18 (tests: less)
        self._card_worker: Worker | None = None
        self.form.create_key_requested.connect(self.create_key)
        self.form.key_card_requested.connect(self.show_key_card)
        self.actions = RecipientActions(self, self._signing_key_file)  # receipt and Delete now
        self.actions.finished.connect(self._action_finished)
        self.actions.changed.connect(lambda: self.reminders.refresh())
        self.after_open.receipt_requested.connect(self._act(self.actions.make_receipt))
        self.after_open.delete_requested.connect(self._act(self.actions.delete_now))
        self.reminders.delete_requested.connect(self._act(self.actions.delete_now))
        self.reminders.forget_requested.connect(self._act(self.actions.forget_opening))
        self._acting_on: Any = None
        self._find_my_key()
        self.reminders.refresh()
        self.retranslate_ui()

    # --- layout ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = OpenForm()

        self.open_button = QPushButton()
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.start_open)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.progress, 1)
        actions.addStretch(0)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.open_button)

        self.message = MessageLabel()
        self.key_warning = MessageLabel()
        self.manifest_view = ManifestView()
        self.manifest_view.hide()
        self.reminders = ReminderPanel()
        self.after_open = AfterOpenPanel()

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.intro)
        column.addWidget(self.reminders)
        column.addWidget(self.form)
        column.addLayout(actions)
        column.addWidget(self.message)
        column.addWidget(self.key_warning)
        column.addWidget(self.after_open)
        column.addWidget(self.manifest_view)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Tab moves between controls, and focus scrolls them into view
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._inputs: tuple[QWidget, ...] = (*self.form.inputs, self.open_button)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Open an export"))
        self.intro.setText(
            self.tr(
                "Open an archive that was sent to you: choose the .zip.age file, your key file or the passphrase "
                "you were told, and a folder for the data. Nothing is saved unless the whole archive verifies."
            )
        )
        self.open_button.setText(self.tr("&Verify and open"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.progress.setFormat(self.tr("Decrypting and verifying… %p%"))
        self.progress.setAccessibleName(self.tr("Progress"))
        self._show_status()
        self._show_key_warning()

    # --- choosing (the form holds the fields; these are for drops, tests and the demo) ---------------------------

    def set_archive(self, path: Path) -> None:
        self.form.set_archive(path)

    def set_key_file(self, path: Path) -> None:
        self.form.set_key_file(path)

    def set_passphrase(self, passphrase: str) -> None:
        self.form.set_passphrase(passphrase)

    def set_folder(self, path: Path) -> None:
        self.form.set_folder(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()) and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.form.add_dropped(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # --- opening --------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    # --- the recipient's own key ------------------------------------------------------------------------------

    def _find_my_key(self) -> None:
        """Offer the key file used last time (a setting of the core), else the key in the user's data folder."""
        mine = key_store.my_key_file()
        self.form.set_my_key(mine)
        chosen = key_store.remembered_key_file() or mine
        if chosen is not None and not self.form.key_file_edit.text().strip():
            self.form.set_key_file(chosen)

    def create_key(self) -> None:
        """Ask for the protecting passphrase twice, create the key in the data folder (beside a key already there,
        never over it), then show its key card, which says where the key was saved."""
        dialog = CreateKeyDialog(self, work_factor=self.key_work_factor, existing=key_store.my_key_file())
        dialog.accepted.connect(lambda: self._key_created(dialog))
        self.create_dialog = dialog
        dialog.open()

    def _key_created(self, dialog: CreateKeyDialog) -> None:
        if dialog.created is None:
            return
        path, card = dialog.created
        self.form.set_my_key(path)
        self.form.set_key_file(path)
        key_store.remember_key_file(path)
        self._show_card(card, path)

    def show_key_card(self) -> None:
        """The card of the key in the data folder; a protected key is unlocked first (the card is made from the
        unlocked key, so it is certainly this key's)."""
        mine = key_store.my_key_file()
        if mine is None:
            self.form.set_my_key(None)
            return
        if key_store.is_protected(mine):
            dialog = KeyPassphraseDialog(mine, self, purpose="card")
            dialog.accepted.connect(lambda: self._unlock_for_card(mine, dialog.take_passphrase()))
            self.passphrase_dialog = dialog
            dialog.open()
        else:
            self._unlock_for_card(mine, None)

    def _unlock_for_card(self, path: Path, passphrase: str | None) -> None:
        worker = Worker(lambda _progress, _cancel: key_store.card_of_file(path, passphrase))
        worker.signals.succeeded.connect(lambda card: self._show_card(card, path))
        worker.signals.failed.connect(lambda error: self._set_status("error", error))
        self._card_worker = worker
        self._set_status(None, None)
        worker.start()

    def _show_card(self, card: KeyCard, path: Path) -> None:
        dialog = KeyCardDialog(card, path, self)  # with the signing key derived from the key just unlocked or made
        self.key_card = dialog
        dialog.open()

    # --- opening --------------------------------------------------------------------------------------------

    def start_open(self) -> None:
        """Open what the form names; a protected key file first asks for its passphrase (in a dialog)."""
        if self.busy:
            return
        request = self.form.request()
        if isinstance(request, str):
            self._set_status("missing", request)
            return
        if request.key_file is not None and key_store.is_protected(request.key_file):
            dialog = KeyPassphraseDialog(request.key_file, self)
            dialog.accepted.connect(lambda: self._open(replace(request, key_passphrase=dialog.take_passphrase())))
            self.passphrase_dialog = dialog
            dialog.open()
            return
        self._open(request)

    def _open(self, request: OpenRequest) -> None:
        if self.busy:
            return
        self._request = request
        self.actions.forget()
        self.after_open.show_opening(None)
        self.manifest_view.show_archive(None)
        self._set_status(None, None)
        self._warn_about_key_file(request.key_file)
        task = open_task(request)
        worker = Worker(task)
        worker.signals.progress.connect(self._progress)
        worker.signals.succeeded.connect(self._succeeded)
        worker.signals.failed.connect(self._failed)
        worker.signals.cancelled.connect(self._cancelled)
        worker.signals.finished.connect(self._finished)
        self.worker = worker
        self._set_busy(True)
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)

    def _progress(self, fraction: float, _message: Message) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _succeeded(self, outcome: OpenOutcome) -> None:
        opened = outcome.opened
        self.form.forget_passphrase()
        if self._request is not None and self._request.key_file is not None:
            key_store.remember_key_file(self._request.key_file)  # which file, never its passphrase
        self._set_status("verified", opened)
        self.manifest_view.show_archive(opened, forwarded=outcome.forwarded)
        self.actions.hold(outcome.opening, outcome.signer, outcome.archive)
        self.after_open.show_opening(outcome.opening, outcome.unremembered)
        self.reminders.refresh()
        self.opened.emit(opened)
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(self.manifest_view))

    # --- receipt, Delete now, reminders (exporter.gui.open_actions does the work) ------------------------------

    def _signing_key_file(self) -> Path | None:
        """The key to unlock for signing: the key file in box 2, else the recipient's own key."""
        typed = self.form.key_file_edit.text().strip()
        return Path(typed) if typed else key_store.my_key_file()

    def _act(self, action: Any) -> Any:
        def start(opening: Any) -> None:
            if not self.busy and not self.actions.busy:
                self._acting_on = opening
                action(opening)

        return start

    def _action_finished(self, kind: str, value: Any) -> None:
        """A receipt or Delete now ended: its outcome is shown under the archive it was about."""
        if kind == "deleted" and isinstance(value, tuple):
            self.manifest_view.files_deleted(value[0].folder)
        if kind != "forgotten" and self.after_open.is_showing(self._acting_on):  # Forget is only in the reminders
            self.reminders.show_result("", None)
            self.after_open.show_result(kind, value)
        else:
            self.reminders.show_result(kind, value)

    def _failed(self, error: ExporterError) -> None:
        self._set_status("error", error)
        self.failed.emit(error)

    def _cancelled(self) -> None:
        self._set_status("cancelled", None)

    def _finished(self) -> None:
        self._request = None  # it holds the key's passphrase
        self._set_busy(False)
        self.done.emit()
        if self._close_when_done:
            self.close()

    def _set_busy(self, busy: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.cancel_button.setFocus()
        else:
            self.open_button.setFocus()

    def _set_status(self, kind: str | None, value: Any) -> None:
        self._status = (kind, value) if kind else None
        self._show_status()

    def _show_status(self) -> None:
        """Render the last outcome in the current language (called again on a language change)."""
        if self._status is None:
            self.message.clear_message()
            return
        kind, value = self._status
        if kind == "error":  # may name the archive or quote a value from it: controls made visible
            self.message.show_message(safe_text(error_text(self._for_this_window(value)), multiline=True), "error")
        elif kind == "missing":
            self.message.show_message(value, "warning")
        elif kind == "cancelled":
            self.message.show_message(self.tr("Cancelled: nothing was saved."), "note")
        else:
            self.message.show_message(
                self.tr(
                    "Intact and complete: nothing was changed after the archive was encrypted, and data.csv "
                    "matches its manifest. This does not prove who made it."
                ),
                "ok",
            )

    def _for_this_window(self, error: ExporterError) -> ExporterError:
        """The command line's advice reworded where this window has no such option (the unpacked-size limit)."""
        if not isinstance(error.hint, Message) or error.hint.id != "decrypt.expansion_hint":
            return error
        hint = self.tr(
            "If you trust the archive, open it on the command line with “exporter decrypt --max-expansion {factor}”."
        ).format(factor=error.hint.fields["number"])
        return ExporterError(error.message, hint=hint)

    def _warn_about_key_file(self, key_file: Path | None) -> None:
        """As ssh does: a key file that other users of this computer may open gets a warning (POSIX only)."""
        from exporter.keyfiles import exposure_warning, permission_bits

        self._key_warning = exposure_warning(key_file, permission_bits(key_file)) if key_file else None
        self._show_key_warning()

    def _show_key_warning(self) -> None:
        if self._key_warning is None:
            self.key_warning.clear_message()
        else:
            self.key_warning.show_message(safe_text(str(self._key_warning)), "warning")

    def closeEvent(self, event: Any) -> None:
        self.actions.forget()  # the signing key of the archive shown
        if self.busy:  # let the worker stop and clean up first; the window closes when it is done
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def fit_to_content(self) -> None:
        """Size the window to show everything without scrolling, within the screen."""
        content = self.scroll_area.widget()
        hint = content.sizeHint()
        screen = self.screen().availableGeometry()
        self.resize(min(hint.width() + 24, screen.width()), min(hint.height() + 8, screen.height()))
