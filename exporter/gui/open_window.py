"""The receiving side: choose a ``.zip.age`` archive, a key file or passphrase and a folder, then verify and open.

Decryption runs on the worker thread (the passphrase's scrypt alone can take seconds); data.csv appears only
once all of it verified, and the manifest is then shown in plain words by :class:`ManifestView`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exporter.decrypt import OpenedArchive
from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui.core_messages import translate_core_message
from exporter.gui.i18n import resource_path
from exporter.gui.manifest_view import ManifestView
from exporter.gui.open_task import OpenRequest, default_folder, open_task
from exporter.gui.widgets import MessageLabel, error_text
from exporter.gui.worker import Worker


class OpenWindow(QWidget):
    """Open an export that someone sent you. ``opened`` fires with the :class:`OpenedArchive` once verified."""

    opened = Signal(object)
    failed = Signal(object)
    done = Signal()  # after every attempt: verified, refused or cancelled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self._suggested_folder: Path | None = None
        self._close_when_done = False
        self._status: tuple[str, Any] | None = None
        self._key_warning: str | None = None  # the core's English sentence, translated when shown
        self.setAcceptDrops(True)
        icon = resource_path("icons", "exporter.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self._build()
        self.retranslate_ui()

    # --- layout ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.archive_box = QGroupBox()
        self.archive_edit = self._path_edit()
        self.archive_edit.textChanged.connect(self._archive_changed)
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self.choose_archive)
        self.drop_hint = QLabel()
        self.drop_hint.setWordWrap(True)
        archive_layout = QGridLayout(self.archive_box)
        archive_layout.addWidget(self.archive_edit, 0, 0)
        archive_layout.addWidget(self.archive_button, 0, 1)
        archive_layout.addWidget(self.drop_hint, 1, 0, 1, 2)

        self.key_box = QGroupBox()
        self.key_file_radio = QRadioButton()
        self.key_file_radio.setChecked(True)
        self.key_file_edit = self._path_edit()
        self.key_file_button = QPushButton()
        self.key_file_button.clicked.connect(self.choose_key_file)
        self.passphrase_radio = QRadioButton()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textEdited.connect(lambda: self.passphrase_radio.setChecked(True))
        self.key_file_edit.textEdited.connect(lambda: self.key_file_radio.setChecked(True))
        self._key_group = QButtonGroup(self)
        self._key_group.addButton(self.key_file_radio)
        self._key_group.addButton(self.passphrase_radio)
        key_layout = QGridLayout(self.key_box)
        key_layout.addWidget(self.key_file_radio, 0, 0)
        key_layout.addWidget(self.key_file_edit, 0, 1)
        key_layout.addWidget(self.key_file_button, 0, 2)
        key_layout.addWidget(self.passphrase_radio, 1, 0)
        key_layout.addWidget(self.passphrase_edit, 1, 1, 1, 2)
        key_layout.setColumnStretch(1, 1)

        self.folder_box = QGroupBox()
        self.folder_edit = self._path_edit()
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        folder_layout = QGridLayout(self.folder_box)
        folder_layout.addWidget(self.folder_edit, 0, 0)
        folder_layout.addWidget(self.folder_button, 0, 1)
        folder_layout.addWidget(self.folder_note, 1, 0, 1, 2)

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

        content = QWidget()
        column = QVBoxLayout(content)
        for widget in (self.intro, self.archive_box, self.key_box, self.folder_box):
            column.addWidget(widget)
        column.addLayout(actions)
        column.addWidget(self.message)
        column.addWidget(self.key_warning)
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
        self._inputs: tuple[QWidget, ...] = (
            self.archive_edit, self.archive_button, self.key_file_radio, self.key_file_edit, self.key_file_button,
            self.passphrase_radio, self.passphrase_edit, self.folder_edit, self.folder_button, self.open_button,
        )  # fmt: skip

    @staticmethod
    def _path_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setAcceptDrops(False)  # drops go to the window, which knows archives from key files
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 48)
        return edit

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Open an export"))
        self.intro.setText(
            self.tr(
                "Open an archive that was sent to you: choose the .zip.age file, your key file or the passphrase "
                "you were told, and a folder for the data. Nothing is saved unless the whole archive verifies."
            )
        )
        self.archive_box.setTitle(self.tr("1. Archive"))
        self.archive_edit.setPlaceholderText(self.tr("The .zip.age file you received"))
        self.archive_edit.setAccessibleName(self.tr("Archive file"))
        self.archive_button.setText(self.tr("Choose &archive…"))
        self.drop_hint.setText(self.tr("You can also drag the archive or your key file onto this window."))
        self.key_box.setTitle(self.tr("2. Your key or passphrase"))
        self.key_file_radio.setText(self.tr("&Key file:"))
        self.key_file_edit.setPlaceholderText(self.tr("The key file made by “exporter keygen”"))
        self.key_file_edit.setAccessibleName(self.tr("Key file"))
        self.key_file_button.setText(self.tr("Choose key f&ile…"))
        self.passphrase_radio.setText(self.tr("&Passphrase:"))
        self.passphrase_edit.setPlaceholderText(self.tr("The passphrase the sender told you"))
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.folder_box.setTitle(self.tr("3. Where to save the data"))
        self.folder_edit.setPlaceholderText(self.tr("An empty folder"))
        self.folder_edit.setAccessibleName(self.tr("Destination folder"))
        self.folder_button.setText(self.tr("Choose &folder…"))
        self.folder_note.setText(
            self.tr("data.csv and manifest.json are saved here; a folder that already holds them is refused.")
        )
        self.open_button.setText(self.tr("&Verify and open"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.progress.setFormat(self.tr("Decrypting and verifying… %p%"))
        self.progress.setAccessibleName(self.tr("Progress"))
        self._show_status()
        self._show_key_warning()

    # --- choosing -------------------------------------------------------------------------------------------

    def choose_archive(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the archive"), "", self.tr("Encrypted exports (*.age);;All files (*)")
        )
        if path:
            self.set_archive(Path(path))

    def choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose your key file"), "", self.tr("Key files (*.txt *.key);;All files (*)")
        )
        if path:
            self.set_key_file(Path(path))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the data"), self.folder_edit.text())
        if path:
            self.folder_edit.setText(path)

    def set_archive(self, path: Path) -> None:
        self.archive_edit.setText(str(path))

    def set_key_file(self, path: Path) -> None:
        self.key_file_edit.setText(str(path))
        self.key_file_radio.setChecked(True)

    def set_passphrase(self, passphrase: str) -> None:
        self.passphrase_edit.setText(passphrase)
        self.passphrase_radio.setChecked(True)

    def set_folder(self, path: Path) -> None:
        self.folder_edit.setText(str(path))

    def _archive_changed(self, text: str) -> None:
        """Suggest a folder beside the archive, unless the clerk chose one."""
        current = self.folder_edit.text().strip()
        if text.strip() and (not current or Path(current) == self._suggested_folder):
            self._suggested_folder = default_folder(Path(text.strip()))
            self.folder_edit.setText(str(self._suggested_folder))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()) and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.name.lower().endswith(".age"):
                    self.set_archive(path)
                else:
                    self.set_key_file(path)
        event.acceptProposedAction()

    # --- opening --------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    def request(self) -> OpenRequest | str:
        """What to open, or the sentence that says what is still missing."""
        archive, folder = self.archive_edit.text().strip(), self.folder_edit.text().strip()
        key_file, passphrase = self.key_file_edit.text().strip(), self.passphrase_edit.text()
        if not archive:
            return self.tr("Choose the archive (.zip.age) first.")
        if self.key_file_radio.isChecked() and not key_file:
            return self.tr("Choose your key file, or choose Passphrase and type it.")
        if self.passphrase_radio.isChecked() and not passphrase:
            return self.tr("Type the passphrase, or choose Key file.")
        if not folder:
            return self.tr("Choose a folder for the data.")
        if self.key_file_radio.isChecked():
            return OpenRequest(Path(archive), Path(folder), Path(key_file), None)
        return OpenRequest(Path(archive), Path(folder), None, passphrase)

    def start_open(self) -> None:
        if self.busy:
            return
        request = self.request()
        if isinstance(request, str):
            self._set_status("missing", request)
            return
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

    def _progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _succeeded(self, opened: OpenedArchive) -> None:
        self.passphrase_edit.clear()  # do not keep a secret on screen longer than needed
        self._set_status("verified", opened)
        self.manifest_view.show_archive(opened)
        self.opened.emit(opened)
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(self.manifest_view))

    def _failed(self, error: ExporterError) -> None:
        self._set_status("error", error)
        self.failed.emit(error)

    def _cancelled(self) -> None:
        self._set_status("cancelled", None)

    def _finished(self) -> None:
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
            self.message.show_message(safe_text(error_text(value), multiline=True), "error")
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

    def _warn_about_key_file(self, key_file: Path | None) -> None:
        """As ssh does: a key file that other users of this computer may open gets a warning (POSIX only)."""
        from exporter.keyfiles import exposure_warning, permission_bits

        self._key_warning = exposure_warning(key_file, permission_bits(key_file)) if key_file else None
        self._show_key_warning()

    def _show_key_warning(self) -> None:
        if self._key_warning is None:
            self.key_warning.clear_message()
        else:
            self.key_warning.show_message(safe_text(translate_core_message(self._key_warning)), "warning")

    def closeEvent(self, event: Any) -> None:
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


def screenshot_demo(folder: Path, language: str) -> Path:
    """Make a small export to a fresh key, open it in the window and save ``folder/07-open.png``."""
    from exporter.gui.open_demo import render

    return render(folder, language)
