"""Page 1: the resident file (chosen, dropped, or the bundled sample), its format, size and first rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui import tasks
from exporter.gui.models import PreviewModel
from exporter.gui.pages.base import Page
from exporter.gui.widgets import MessageLabel, chosen_file, data_label, english_plural, file_dialog, plain_tooltip
from exporter.gui.worker import Task
from exporter.messages import Message
from exporter.sniff import DELIMITER_NAMES

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

_ENCODINGS = ("utf-8", "utf-8-sig", "cp932", "utf-16")
# The core's hints that advise --encoding; on this page the encoding box above does it.
_ENCODING_HINTS = frozenset({"reader.give_encoding_hint", "reader.give_encoding_if_known_hint"})
PREVIEW_WIDTH_ROWS = 30  # column widths fit the first rows: measuring all 1,000 would block the window


class SourcePage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setAcceptDrops(True)
        self._path: Path | None = None  # the file being read or last read
        self._sample_rows: int | None = None  # the bundled sample is being made or read
        self._status: tuple[str, int | None] | None = None  # ("reading" | "sample" | "rows" | "ok", count)
        self._error: ExporterError | None = None
        self._sep_line: tuple[Path, str] | None = None  # a file whose sep= line named this delimiter

        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._choose)
        self.sample_button = QPushButton()
        self.sample_button.clicked.connect(self.use_sample)
        self.drop_hint = QLabel()
        self.drop_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.sample_button)
        buttons.addWidget(self.drop_hint, 1)

        self.file_label = data_label()
        self.encoding_box = QComboBox()
        self.encoding_box.activated.connect(self._reload_with_format)
        self.delimiter_box = QComboBox()
        self.delimiter_box.activated.connect(self._reload_with_format)
        self._fill_format_boxes(None, None)
        self.size_label = QLabel("–")
        self.file_caption, self.size_caption = QLabel(), QLabel()
        self.encoding_caption, self.delimiter_caption = QLabel(), QLabel()
        self.encoding_caption.setBuddy(self.encoding_box)
        self.delimiter_caption.setBuddy(self.delimiter_box)
        self.sheet_box = QComboBox()  # a workbook's sheets, shown when it has more than one
        self.sheet_box.activated.connect(self._reload_with_sheet)
        self.sheet_caption = QLabel()
        self.sheet_caption.setBuddy(self.sheet_box)
        self.form = form = QFormLayout()
        form.addRow(self.file_caption, self.file_label)
        form.addRow(self.encoding_caption, self.encoding_box)
        self.sep_note = QLabel()  # where the delimiter came from, when the file has Excel's sep= line
        self.sep_note.setWordWrap(True)
        self.sep_note.hide()
        delimiter_row = QHBoxLayout()
        delimiter_row.addWidget(self.delimiter_box, 1)
        delimiter_row.addWidget(self.sep_note, 1)
        form.addRow(self.delimiter_caption, delimiter_row)
        form.addRow(self.sheet_caption, self.sheet_box)
        form.setRowVisible(self.sheet_box, False)
        form.addRow(self.size_caption, self.size_label)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = MessageLabel()
        self.error = MessageLabel()

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAlternatingRowColors(True)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview.horizontalHeader().setResizeContentsPrecision(PREVIEW_WIDTH_ROWS)
        self.preview_label = QLabel()
        self.preview_label.setBuddy(self.preview)

        self.received_label = QLabel()
        self.received_label.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._wizard.show_open_window)
        received = QHBoxLayout()
        received.addWidget(self.received_label, 1)
        received.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addLayout(received)
        for button in (self.choose_button, self.sample_button, self.open_button):
            button.setAutoDefault(False)  # Enter goes on (Next) once a file is read, whichever button has the focus
        self.setTabOrder(self.choose_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.encoding_box)
        self.setTabOrder(self.encoding_box, self.delimiter_box)
        self.setTabOrder(self.delimiter_box, self.sheet_box)
        self.setTabOrder(self.sheet_box, self.preview)
        self.setTabOrder(self.preview, self.open_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Resident file"))
        self.setSubTitle(self.tr("Choose the file to take data from. It is only read, never changed."))
        self.choose_button.setText(self.tr("&Choose a file…"))
        self.choose_button.setAccessibleName(self.tr("Choose a resident file"))
        self.sample_button.setText(self.tr("Use the bundled &sample"))
        self.sample_button.setAccessibleName(self.tr("Use the bundled sample of invented residents"))
        self.drop_hint.setText(self.tr("or drop a CSV file or an Excel workbook on this window"))
        self.file_caption.setText(self.tr("File:"))
        self.encoding_caption.setText(self.tr("&Encoding:"))
        self.delimiter_caption.setText(self.tr("&Delimiter:"))
        self.size_caption.setText(self.tr("Size:"))
        self.encoding_box.setAccessibleName(self.tr("Encoding"))
        self.delimiter_box.setAccessibleName(self.tr("Delimiter"))
        self.sheet_caption.setText(self.tr("S&heet:"))
        self.sheet_box.setAccessibleName(self.tr("Sheet of the workbook"))
        self._label_format_boxes()
        self.progress.setAccessibleName(self.tr("Reading progress"))
        self.error.setAccessibleName(self.tr("Problem with the file"))
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview_label.setText(self.tr("&Preview of the first rows:"))
        self.received_label.setText(self.tr("Did you receive an archive (.zip.age) from someone else?"))
        self.open_button.setText(self.tr("&Open an export I received…"))
        self.open_button.setAccessibleName(self.tr("Open an export you received, in its own window"))
        self._show_file()
        self._show_size()
        self._show_sep_note()
        self._show_status()
        self._show_error()

    def isComplete(self) -> bool:
        return self.draft.loaded is not None and not self.busy

    # -- choosing ------------------------------------------------------------------------------------------

    def load_file(
        self, path: Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
    ) -> None:
        self.draft.loaded = None
        self.draft.encoding, self.draft.delimiter, self.draft.sheet = encoding, delimiter, sheet
        self._path, self._sample_rows = path, None
        self._show_file()
        self._start(tasks.load(path, encoding=encoding, delimiter=delimiter, sheet=sheet))

    def use_sample(self) -> None:
        wizard = self._wizard
        self.draft.loaded = None
        self.draft.encoding = self.draft.delimiter = self.draft.sheet = None
        self._path, self._sample_rows = None, wizard.sample_rows
        self._show_file()
        self._start(tasks.load_sample(wizard.sample_folder, wizard.sample_rows))

    def file_dialog(self) -> QFileDialog:
        """The dialog that Choose a file… opens (tests look at it)."""
        folder = str(self._path.parent) if self._path is not None else ""
        return file_dialog(
            self,
            self.tr("Choose a resident file"),
            folder,
            self.tr("CSV files and Excel workbooks (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"),
        )

    def _choose(self) -> None:
        name = chosen_file(self.file_dialog())
        if name:
            self.load_file(Path(name))

    def _reload_with_format(self) -> None:
        source = self.draft.source
        path = source.path if source is not None else self._path
        if path is None:
            return
        self.load_file(path, encoding=self.encoding_box.currentData(), delimiter=self.delimiter_box.currentData())

    def _reload_with_sheet(self) -> None:
        source = self.draft.source
        if source is not None:
            self.load_file(source.path, sheet=self.sheet_box.currentData())

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
        self._error = None
        self._show_error()
        self._show_size()
        self._show_sep_note()
        self.preview_model.set_table((), ())
        self.progress.setValue(0)
        self.progress.show()
        self._status = ("reading", None)
        self._show_status()
        self.start_worker(
            task, progress=self._progress, succeeded=self._loaded, failed=self._failed, cancelled=self._cancelled
        )
        self.completeChanged.emit()

    def _progress(self, fraction: float, message: Message) -> None:
        self.progress.setValue(int(fraction * 1000))
        kind, count = tasks.progress_count(message)
        if count is not None:
            self._status = (kind, count)
            self._show_status()

    def _loaded(self, loaded: tasks.LoadedSource) -> None:
        self.draft.loaded = loaded
        source = loaded.source
        self._path, self._sample_rows = source.path, None
        self._show_file()
        self._fill_format_boxes(source.format.encoding, source.format.delimiter)
        self._show_sheets(getattr(source, "sheets", ()), getattr(source, "sheet", None))
        if source.format.sep_line and self.draft.delimiter is None:  # detected: the sep= line named it
            self._sep_line = (source.path, source.format.delimiter)
        elif not source.format.sep_line:
            self._sep_line = None
        self._show_size()
        self._show_sep_note()
        self.preview_model.set_table(source.header, source.head_rows)
        self.preview.resizeColumnsToContents()
        self.progress.hide()
        self._status = ("ok", None)
        self._show_status()
        self.completeChanged.emit()

    def _failed(self, err: ExporterError) -> None:
        self.progress.hide()
        self._status = None
        self._show_status()
        self._error = err
        self._show_error()
        self.encoding_box.setEnabled(True)  # a wrong guess can be corrected here and the file read again
        self.delimiter_box.setEnabled(True)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.progress.hide()
        self._status = None
        self._show_status()
        self.completeChanged.emit()

    # -- what the page shows, in the current language ------------------------------------------------------

    def _show_file(self) -> None:
        loaded, rows = self.draft.loaded, self._sample_rows
        if rows is not None and loaded is None:
            text = english_plural(self.tr("Bundled sample: %Ln invented resident(s)", "", rows), rows)
        elif self._path is not None:
            text = safe_text(self._path.name)
        else:
            text = self.tr("No file chosen yet.")
        self.file_label.setText(text)
        self.file_label.setToolTip(plain_tooltip(str(self._path)) if self._path else "")

    def _show_size(self) -> None:
        loaded = self.draft.loaded
        if loaded is None:
            self.size_label.setText("–")
            return
        width = len(loaded.source.header)
        rows = english_plural(self.tr("%Ln resident(s) (rows)", "", loaded.rows), loaded.rows)
        columns = english_plural(self.tr("%n column(s)", "", width), width)
        self.size_label.setText(self.tr("{rows} × {columns}").format(rows=rows, columns=columns))

    def _show_sep_note(self) -> None:
        """Say where the delimiter came from when the file starts with Excel's ``sep=`` line (not the header)."""
        loaded = self.draft.loaded
        if loaded is None or not loaded.source.format.sep_line:
            self.sep_note.hide()
            return
        source = loaded.source
        if self._sep_line == (source.path, source.format.delimiter):
            self.sep_note.setText(self.tr("(from the file's sep= line)"))
        else:
            self.sep_note.setText(self.tr("(chosen here instead of the file's sep= line)"))
        self.sep_note.show()

    def _show_status(self) -> None:
        if self._status is None:
            self.status.clear_message()
            return
        kind, count = self._status
        if kind == "ok":
            self.status.show_message(self.tr("Every row was read without a problem."), "ok")
        elif kind == "sample" and count is not None:
            self.status.show_message(
                self.tr("Making the sample file (only the first time): %Ln rows written…", "", count)
            )
        elif kind == "rows" and count is not None:
            self.status.show_message(self.tr("Checking every row: %Ln rows read…", "", count))
        else:
            self.status.show_message(self.tr("Reading the file…"))

    def _show_error(self) -> None:
        err = self._error
        if err is None:
            self.error.clear_message()
            return
        hint = err.hint.id if isinstance(err.hint, Message) else None
        if hint in _ENCODING_HINTS:  # the command line's advice (--encoding); here the box above does it
            err = ExporterError(err.message, hint=self.tr("Choose the file's encoding above, and it is read again."))
        elif hint == "reader.open_with_decrypt_hint":
            err = ExporterError(err.message, hint=self.tr("Open it with “Open an export I received…” below."))
        self.error.show_error(err)

    # -- helpers -------------------------------------------------------------------------------------------

    def _show_sheets(self, sheets: tuple[str, ...], sheet: str | None) -> None:
        """A workbook has sheets and no encoding or delimiter; the picker shows when there is a choice."""
        self.sheet_box.clear()
        for name in sheets:
            self.sheet_box.addItem(safe_text(name), name)
        if sheet is not None:
            self.sheet_box.setCurrentIndex(self.sheet_box.findData(sheet))
        self.form.setRowVisible(self.sheet_box, len(sheets) > 1)
        self.form.setRowVisible(self.encoding_box, sheet is None)
        self.form.setRowVisible(self.delimiter_caption, sheet is None)

    def _fill_format_boxes(self, encoding: str | None, delimiter: str | None) -> None:
        self.encoding_box.clear()
        for codec in dict.fromkeys((*_ENCODINGS, *([encoding] if encoding else []))):
            self.encoding_box.addItem(codec, codec)
        if encoding:
            self.encoding_box.setCurrentIndex(self.encoding_box.findData(encoding))
        self.delimiter_box.clear()
        for char in dict.fromkeys((*DELIMITER_NAMES, *([delimiter] if delimiter else []))):  # sep= may name any
            self.delimiter_box.addItem(char, char)
        if delimiter:
            self.delimiter_box.setCurrentIndex(self.delimiter_box.findData(delimiter))
        enabled = encoding is not None
        self.encoding_box.setEnabled(enabled)
        self.delimiter_box.setEnabled(enabled)
        self._label_format_boxes()

    def _label_format_boxes(self) -> None:
        """Name the choices in the current language, keeping which one is chosen."""
        encodings = {
            "utf-8": self.tr("UTF-8"),
            "utf-8-sig": self.tr("UTF-8 with BOM (Excel)"),
            "cp932": self.tr("Shift_JIS (CP932)"),
            "utf-16": self.tr("UTF-16 (Excel Unicode text)"),
        }
        for index in range(self.encoding_box.count()):
            codec = self.encoding_box.itemData(index)
            self.encoding_box.setItemText(index, encodings.get(codec, codec))
        delimiters = {
            "comma": self.tr("Comma ( , )"),
            "tab": self.tr("Tab"),
            "semicolon": self.tr("Semicolon ( ; )"),
            "pipe": self.tr("Pipe ( | )"),
        }
        for index in range(self.delimiter_box.count()):
            char = self.delimiter_box.itemData(index)
            name = DELIMITER_NAMES.get(char)
            text = delimiters[name] if name else self.tr("Other ( {char} )").format(char=safe_text(char))
            self.delimiter_box.setItemText(index, text)
