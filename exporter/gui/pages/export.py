"""Page 6: the export runs on the worker with a progress bar and a Cancel that leaves nothing; then the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizard

from exporter.errors import ExporterError
from exporter.gui import tasks
from exporter.gui.pages.base import Page, number
from exporter.gui.widgets import MessageLabel, grouped, monospace_font
from exporter.pipeline import ExportResult

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard


class ExportPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Export"))
        self.result: ExportResult | None = None
        self._close_when_stopped: Callable[[], None] | None = None

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.rows_label = QLabel()
        self.rows_label.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("&Stop the export"))
        self.stop_button.setAccessibleName(self.tr("Stop the export; nothing is written"))
        self.stop_button.clicked.connect(self.stop)
        self.message = MessageLabel()
        self.back_button = QPushButton(self.tr("&Back to the review"))
        self.back_button.clicked.connect(self._back)
        self.back_button.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.stop_button)
        controls.addWidget(self.back_button)
        controls.addStretch(1)

        self.done_panel = QWidget()
        self.file_label = _value_label()
        self.folder_label = _value_label()
        self.size_label = _value_label()
        self.sha_label = _value_label()
        self.sha_label.setFont(monospace_font())
        self.sha_label.setAccessibleName(self.tr("SHA-256 fingerprint of the archive"))
        self.rows_done_label = _value_label()
        form = QFormLayout(self.done_panel)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow(self.tr("Folder:"), self.folder_label)
        form.addRow(self.tr("Size:"), self.size_label)
        form.addRow(self.tr("Residents:"), self.rows_done_label)
        form.addRow(self.tr("SHA-256 fingerprint:"), self.sha_label)
        self.open_button = QPushButton(self.tr("&Open the folder"))
        self.open_button.setAccessibleName(self.tr("Open the folder that holds the archive"))
        self.open_button.clicked.connect(self.open_folder)
        handover = QLabel(
            self.tr(
                "Hand the file to the recipient. The fingerprint lets them check that it arrived unchanged. "
                "Only the intended recipient can open it."
            )
        )
        handover.setWordWrap(True)
        form.addRow(handover)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_button)
        open_row.addStretch(1)
        form.addRow(open_row)
        self.done_panel.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.rows_label)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.done_panel)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.result = None
        self._wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setSubTitle(self.tr("Writing the encrypted archive. Only encrypted data reaches the disk."))
        self.done_panel.hide()
        self.back_button.hide()
        self.message.clear_message()
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.rows_label.setText(self.tr("Starting…"))
        try:
            plan = self.draft.plan()
        except ValueError:
            self._failed(ExporterError(self.tr("The export is not complete yet; go back and fill in every page.")))
            self.workEnded.emit()
            return
        self.start_worker(
            tasks.export(plan),
            progress=self._progress,
            succeeded=self._succeeded,
            failed=self._failed,
            cancelled=self._cancelled,
        )

    def isComplete(self) -> bool:
        return self.result is not None

    def stop(self) -> None:
        super().stop()
        if self.busy:
            self.stop_button.setEnabled(False)
            self.rows_label.setText(self.tr("Stopping…"))

    def stop_for_close(self, close: Callable[[], None]) -> bool:
        """If an export runs, stop it and call ``close`` once it has cleaned up; False if nothing runs."""
        if not self.busy:
            return False
        self._close_when_stopped = close
        self.stop()
        return True

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.output.parent)))

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        _, count = tasks.progress_count(message)
        loaded = self.draft.loaded
        if count is not None and loaded is not None:
            self.rows_label.setText(
                self.tr("Rows processed: {done} of {total}").format(done=number(count), total=number(loaded.rows))
            )

    def _succeeded(self, result: ExportResult) -> None:
        self.result = result
        self.setSubTitle(self.tr("Done. The archive is saved."))
        self.progress.setValue(1000)
        self.progress.hide()
        self.stop_button.hide()
        self.rows_label.setText("")
        self.file_label.setText(result.output.name)
        self.folder_label.setText(str(result.output.parent))
        self.size_label.setText(QLocale().formattedDataSize(result.size))
        self.rows_done_label.setText(number(result.rows))
        self.sha_label.setText(grouped(result.sha256, 8))
        self.done_panel.show()
        self._wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        self._after_stop()

    def _failed(self, err: ExporterError) -> None:
        self._ended(self.tr("The export did not finish; nothing was written."))
        self.message.show_error(err)

    def _cancelled(self) -> None:
        self._ended(self.tr("The export was stopped; nothing was written."))

    def _ended(self, subtitle: str) -> None:
        self.setSubTitle(subtitle)
        self.progress.hide()
        self.stop_button.hide()
        self.rows_label.setText("")
        self.back_button.show()
        self.back_button.setFocus()
        self._after_stop()

    def _after_stop(self) -> None:
        close, self._close_when_stopped = self._close_when_stopped, None
        if close is not None:
            close()

    def _back(self) -> None:
        self._wizard.back()


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
