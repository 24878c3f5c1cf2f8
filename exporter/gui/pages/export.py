"""Page 6: the export runs on the worker with a progress bar and a Cancel that leaves nothing; then the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizard

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui import tasks
from exporter.gui.pages.base import Page, number
from exporter.gui.widgets import MessageLabel, data_label, grouped, monospace_font
from exporter.messages import Message
from exporter.pipeline import ExportResult
from exporter.sizes import file_size

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard


class ExportPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.result: ExportResult | None = None
        self._close_when_stopped: Callable[[], None] | None = None
        # "idle" | "running" | "stopping" | "done" | "failed" | "cancelled", the rows counted, and the error
        self._phase = "idle"
        self._count: int | None = None
        self._error: ExporterError | None = None

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.rows_label = QLabel()
        self.rows_label.setWordWrap(True)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.message = MessageLabel()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self._back)
        self.back_button.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.stop_button)
        controls.addWidget(self.back_button)
        controls.addStretch(1)

        self.done_panel = QWidget()
        self.file_label = data_label()
        self.folder_label = data_label()
        self.size_label = data_label()
        self.sha_label = data_label()
        self.sha_label.setFont(monospace_font())
        self.rows_done_label = data_label()
        self.instructions_label = data_label()
        self.register_label = data_label()  # the take-out register's record of this export (持ち出し簿)
        self.instructions_problem = MessageLabel()
        self.result_warnings = MessageLabel()  # what the clerk should know although the export was made
        self._captions = [QLabel() for _ in range(7)]
        form = QFormLayout(self.done_panel)
        form.setContentsMargins(0, 0, 0, 0)
        values = (self.file_label, self.folder_label, self.size_label, self.rows_done_label, self.sha_label,
                  self.instructions_label, self.register_label)  # fmt: skip
        for caption, value in zip(self._captions, values, strict=True):
            form.addRow(caption, value)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder)
        form.addRow(self.instructions_problem)
        form.addRow(self.result_warnings)
        self.handover = QLabel()
        self.handover.setWordWrap(True)
        form.addRow(self.handover)
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
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Export"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.stop_button.setText(self.tr("&Stop the export"))
        self.stop_button.setAccessibleName(self.tr("Stop the export; nothing is written"))
        self.back_button.setText(self.tr("&Back to the review"))
        self.sha_label.setAccessibleName(self.tr("Hash value (SHA-256) of the archive"))
        captions = (self.tr("File:"), self.tr("Folder:"), self.tr("Size:"), self.tr("Residents:"),
                    self.tr("Hash value (SHA-256):"), self.tr("Instructions:"),
                    self.tr("Take-out register:"))  # fmt: skip
        for caption, text in zip(self._captions, captions, strict=True):
            caption.setText(text)
        self.open_button.setText(self.tr("&Open the folder"))
        self.open_button.setAccessibleName(self.tr("Open the folder that holds the archive"))
        self.handover.setText(
            self.tr(
                "Hand the file to the recipient. The hash value lets them check that it arrived unchanged: "
                "exporter shows it when they open the file. Only the intended recipient can open it."
            )
        )
        self._show_phase()

    def _show_phase(self) -> None:
        """The subtitle, the line under the bar, the error and the result, worded from the page's state."""
        phase = self._phase
        subtitles = {
            "done": self.tr("Done. The archive is saved."),
            "failed": self.tr("The export did not finish; nothing was written."),
            "cancelled": self.tr("The export was stopped; nothing was written."),
        }
        self.setSubTitle(
            subtitles.get(phase, self.tr("Writing the encrypted archive. Only encrypted data reaches the disk."))
        )
        loaded = self.draft.loaded
        if phase == "stopping":
            self.rows_label.setText(self.tr("Stopping…"))
        elif phase == "running" and self._count is not None and loaded is not None:
            self.rows_label.setText(
                self.tr("Rows processed: {done} of {total}").format(done=number(self._count), total=number(loaded.rows))
            )
        elif phase == "running":
            self.rows_label.setText(self.tr("Starting…"))
        else:
            self.rows_label.setText("")
        if self._error is not None:
            self.message.show_error(self._error)
        else:
            self.message.clear_message()
        result = self.result
        if result is not None:
            self.file_label.setText(safe_text(result.output.name))
            self.folder_label.setText(safe_text(str(result.output.parent)))
            self.size_label.setText(str(file_size(result.size)))  # as the command line and the instructions say it
            self.rows_done_label.setText(number(result.rows))
            self.sha_label.setText(grouped(result.sha256, 8))
            self._show_instructions(result)
            self._show_register(result)
            warnings = "\n".join(str(warning) for warning in result.warnings)
            self.result_warnings.show_message(warnings, "warning")

    def _show_register(self, result: ExportResult) -> None:
        """The number of this export's record in the take-out register, or that no register is kept."""
        if result.register_record is not None:
            self.register_label.setText(self.tr("record {number}").format(number=number(result.register_record)))
        else:
            self.register_label.setText(self.tr("none (no register is set by the IT policy)"))

    def _show_instructions(self, result: ExportResult) -> None:
        """The instructions file's name (to send with the archive), or why it could not be written."""
        if result.instructions is not None:
            self.instructions_label.setText(
                self.tr("{name} (send it with the archive: it says how to open and check it)").format(
                    name=safe_text(result.instructions.name)
                )
            )
        elif result.instructions_error is not None:
            self.instructions_label.setText(self.tr("not written"))
        else:
            self.instructions_label.setText(self.tr("none (not asked for)"))
        if result.instructions_error is not None:
            self.instructions_problem.show_error(result.instructions_error)
        else:
            self.instructions_problem.clear_message()

    def initializePage(self) -> None:
        self.result = None
        self._wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self._phase, self._count, self._error = "running", None, None
        self._show_phase()
        self.done_panel.hide()
        self.back_button.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        try:
            plan = self.draft.plan()
        except ValueError:
            self._failed(ExporterError(self.tr("The export is not complete yet; go back and fill in every page.")))
            self.workEnded.emit()
            return
        from exporter.gui.signing_prompt import with_signing_passphrase

        signed = with_signing_passphrase(self, plan)
        if signed is None:
            self._failed(
                ExporterError(self.tr("Nothing was exported: the office signing key's passphrase was not given."))
            )
            self.workEnded.emit()
            return
        plan = signed
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
            self._phase = "stopping"
            self._show_phase()

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

    def _progress(self, fraction: float, message: Message) -> None:
        _, count = tasks.progress_count(message)
        if count is not None and self._phase == "running":
            self._count = count
            self._show_phase()
        self.progress.setValue(max(self.progress.value(), self.bar_value(fraction)))

    def bar_value(self, fraction: float) -> int:
        """The bar in per mille. Once rows are counted it is the rows done of the rows the Source page counted,
        so it says what the line under it says (the reader's share of bytes runs ahead of the rows written);
        it stays below 1000 until the archive is saved."""
        loaded = self.draft.loaded
        if self._count is not None and loaded is not None and loaded.rows > 0:
            fraction = self._count / loaded.rows
        return max(0, min(int(fraction * 1000), 999))

    def _succeeded(self, result: ExportResult) -> None:
        self.result = result
        self._phase = "done"
        self._show_phase()
        self.progress.setValue(1000)
        self.progress.hide()
        self.stop_button.hide()
        self.done_panel.show()
        self._wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        self._after_stop()

    def _failed(self, err: ExporterError) -> None:
        self._error = err
        self._ended("failed")

    def _cancelled(self) -> None:
        self._ended("cancelled")

    def _ended(self, phase: str) -> None:
        self._phase = phase
        self._show_phase()
        self.progress.hide()
        self.stop_button.hide()
        self.back_button.show()
        self.back_button.setFocus()
        self._after_stop()

    def _after_stop(self) -> None:
        close, self._close_when_stopped = self._close_when_stopped, None
        if close is not None:
            close()

    def _back(self) -> None:
        self._wizard.back()
