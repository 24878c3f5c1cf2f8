"""Page 1: the resident file (chosen, dropped, or the bundled sample), its format, size and first rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from exporter.errors import ExporterError
from exporter.gui import tasks
from exporter.gui.models import PreviewModel
from exporter.gui.pages.base import Page
from exporter.gui.widgets import MessageLabel, english_plural
from exporter.gui.worker import Task
from exporter.sniff import DELIMITER_NAMES

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

_ENCODINGS = ("utf-8", "utf-8-sig", "cp932", "utf-16")
PREVIEW_WIDTH_ROWS = 30  # column widths fit the first rows: measuring all 1,000 would block the window


class SourcePage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Resident file"))
        self.setSubTitle(self.tr("Choose the file to take data from. It is only read, never changed."))
        self.setAcceptDrops(True)

        self.choose_button = QPushButton(self.tr("&Choose a file…"))
        self.choose_button.setAccessibleName(self.tr("Choose a resident file"))
        self.choose_button.clicked.connect(self._choose)
        self.sample_button = QPushButton(self.tr("Use the bundled &sample"))
        self.sample_button.setAccessibleName(self.tr("Use the bundled sample of invented residents"))
        self.sample_button.clicked.connect(self.use_sample)
        drop_hint = QLabel(self.tr("or drop a CSV file on this window"))
        drop_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.sample_button)
        buttons.addWidget(drop_hint, 1)

        self.file_label = QLabel(self.tr("No file chosen yet."))
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encoding_box = QComboBox()
        self.encoding_box.setAccessibleName(self.tr("Encoding"))
        self.encoding_box.activated.connect(self._reload_with_format)
        self.delimiter_box = QComboBox()
        self.delimiter_box.setAccessibleName(self.tr("Delimiter"))
        self.delimiter_box.activated.connect(self._reload_with_format)
        self._fill_format_boxes(None, None)
        self.size_label = QLabel("–")
        form = QFormLayout()
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow(self._buddy(self.tr("&Encoding:"), self.encoding_box), self.encoding_box)
        form.addRow(self._buddy(self.tr("&Delimiter:"), self.delimiter_box), self.delimiter_box)
        form.addRow(self.tr("Size:"), self.size_label)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Reading progress"))
        self.progress.hide()
        self.status = MessageLabel()
        self.error = MessageLabel()
        self.error.setAccessibleName(self.tr("Problem with the file"))

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.setAlternatingRowColors(True)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview.horizontalHeader().setResizeContentsPrecision(PREVIEW_WIDTH_ROWS)
        preview_label = QLabel(self.tr("&Preview of the first rows:"))
        preview_label.setBuddy(self.preview)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        self.setTabOrder(self.choose_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.encoding_box)
        self.setTabOrder(self.encoding_box, self.delimiter_box)
        self.setTabOrder(self.delimiter_box, self.preview)

    def isComplete(self) -> bool:
        return self.draft.loaded is not None and not self.busy

    # -- choosing ------------------------------------------------------------------------------------------

    def load_file(self, path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> None:
        self.draft.loaded = None
        self.draft.encoding, self.draft.delimiter = encoding, delimiter
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        self._start(tasks.load(path, encoding=encoding, delimiter=delimiter))

    def use_sample(self) -> None:
        wizard = self._wizard
        self.draft.loaded = None
        self.draft.encoding = self.draft.delimiter = None
        rows = wizard.sample_rows
        self.file_label.setText(english_plural(self.tr("Bundled sample: %Ln invented resident(s)", "", rows), rows))
        self._start(tasks.load_sample(wizard.sample_folder, wizard.sample_rows))

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a resident file"),
            "",
            self.tr("CSV and text files (*.csv *.txt *.tsv);;All files (*)"),
        )
        if name:
            self.load_file(Path(name))

    def _reload_with_format(self) -> None:
        source = self.draft.source
        path = source.path if source is not None else self._last_path()
        if path is None:
            return
        self.load_file(path, encoding=self.encoding_box.currentData(), delimiter=self.delimiter_box.currentData())

    def _last_path(self) -> Path | None:
        tip = self.file_label.toolTip()
        return Path(tip) if tip else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.load_file(Path(urls[0].toLocalFile()))

    # -- the worker ----------------------------------------------------------------------------------------

    def _start(self, task: Task) -> None:
        self.error.clear_message()
        self.size_label.setText("–")
        self.preview_model.set_table((), ())
        self.progress.setValue(0)
        self.progress.show()
        self.status.show_message(self.tr("Reading the file…"))
        self.start_worker(
            task, progress=self._progress, succeeded=self._loaded, failed=self._failed, cancelled=self._cancelled
        )
        self.completeChanged.emit()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        kind, count = tasks.progress_count(message)
        if count is None:
            return
        if kind == "sample":
            text = self.tr("Making the sample file (only the first time): %n rows written…", "", count)
        else:
            text = self.tr("Checking every row: %n rows read…", "", count)
        self.status.show_message(text)

    def _loaded(self, loaded: tasks.LoadedSource) -> None:
        self.draft.loaded = loaded
        source = loaded.source
        self.file_label.setText(source.name)
        self.file_label.setToolTip(str(source.path))
        self._fill_format_boxes(source.format.encoding, source.format.delimiter)
        rows = english_plural(self.tr("%Ln resident(s) (rows)", "", loaded.rows), loaded.rows)
        columns = english_plural(self.tr("%n column(s)", "", len(source.header)), len(source.header))
        self.size_label.setText(self.tr("{rows} × {columns}").format(rows=rows, columns=columns))
        self.preview_model.set_table(source.header, source.head_rows)
        self.preview.resizeColumnsToContents()
        self.progress.hide()
        self.status.show_message(self.tr("Every row was read without a problem."), "ok")
        self.completeChanged.emit()

    def _failed(self, err: ExporterError) -> None:
        self.progress.hide()
        self.status.clear_message()
        if err.hint and "--encoding" in err.hint:  # the command line's advice; here the box above does it
            err = ExporterError(str(err), hint=self.tr("Choose the file's encoding above, and it is read again."))
        self.error.show_error(err)
        self.encoding_box.setEnabled(True)  # a wrong guess can be corrected here and the file read again
        self.delimiter_box.setEnabled(True)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.progress.hide()
        self.status.clear_message()
        self.completeChanged.emit()

    # -- helpers -------------------------------------------------------------------------------------------

    def _fill_format_boxes(self, encoding: str | None, delimiter: str | None) -> None:
        labels = {
            "utf-8": self.tr("UTF-8"),
            "utf-8-sig": self.tr("UTF-8 with BOM (Excel)"),
            "cp932": self.tr("Shift_JIS (CP932)"),
            "utf-16": self.tr("UTF-16 (Excel Unicode text)"),
        }
        self.encoding_box.clear()
        for codec in dict.fromkeys((*_ENCODINGS, *([encoding] if encoding else []))):
            self.encoding_box.addItem(labels.get(codec, codec), codec)
        if encoding:
            self.encoding_box.setCurrentIndex(self.encoding_box.findData(encoding))
        words = {
            "comma": self.tr("Comma ( , )"),
            "tab": self.tr("Tab"),
            "semicolon": self.tr("Semicolon ( ; )"),
            "pipe": self.tr("Pipe ( | )"),
        }
        self.delimiter_box.clear()
        for char, name in DELIMITER_NAMES.items():
            self.delimiter_box.addItem(words[name], char)
        if delimiter:
            self.delimiter_box.setCurrentIndex(self.delimiter_box.findData(delimiter))
        enabled = encoding is not None
        self.encoding_box.setEnabled(enabled)
        self.delimiter_box.setEnabled(enabled)

    def _buddy(self, text: str, widget: QComboBox) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label
