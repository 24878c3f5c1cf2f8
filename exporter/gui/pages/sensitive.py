"""The Columns page's panel for the most protected kinds of data: a warning, a short reason for each such column
(recorded in the manifest and shown on Review), and the clerk's confirmation."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QFrame, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from exporter.classify import Category
from exporter.gui.models import shown_name
from exporter.gui.widgets import MessageLabel, category_label, english_plural
from exporter.plan import MAX_REASON

VISIBLE_REASONS = 3  # reason lines shown at once; more scroll, so the column table keeps its room


class SensitivePanel(QFrame):
    """Shown while a sensitive column is kept. Complete when every such column has a reason and the clerk
    confirmed the very set of columns now kept (keeping another one takes the confirmation back)."""

    changed = Signal()

    def __init__(self, category: Callable[[str], Category], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._category = category
        self._columns: tuple[str, ...] = ()
        self._confirmed_for: tuple[str, ...] = ()
        self._reasons: dict[str, str] = {}
        self.edits: dict[str, QLineEdit] = {}
        self._labels: dict[str, QLabel] = {}
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning = MessageLabel()
        self.reasons_caption = QLabel()
        self.reasons_caption.setWordWrap(True)
        self._form_widget = QWidget()
        self._form = QFormLayout(self._form_widget)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea()
        self._scroll.setWidget(self._form_widget)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self._confirm_toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.reasons_caption)
        layout.addWidget(self._scroll)
        layout.addWidget(self.confirm)
        self.hide()

    @property
    def reasons(self) -> dict[str, str]:
        """The reason typed for each sensitive column now kept (stripped; empty ones left out)."""
        return {name: self._reasons[name].strip() for name in self._columns if self._reasons.get(name, "").strip()}

    def set_reason(self, name: str, reason: str) -> None:
        """Type ``reason`` for the kept sensitive column ``name`` (tests, screenshots)."""
        self.edits[name].setText(reason)

    def is_complete(self) -> bool:
        if not self._columns:
            return True
        confirmed = self.confirm.isChecked() and set(self._columns) <= set(self._confirmed_for)
        return confirmed and len(self.reasons) == len(self._columns)

    def set_columns(self, columns: tuple[str, ...]) -> None:
        """The sensitive columns now kept, in the kept order."""
        if columns != self._columns:
            self._columns = columns
            self._rebuild()
            if not set(columns) <= set(self._confirmed_for):
                self.confirm.setChecked(False)  # a newly kept sensitive column needs its own confirmation
        self.setVisible(bool(columns))
        self.retranslate()

    def clear(self) -> None:
        """A new file: forget the reasons and the confirmation."""
        self._reasons.clear()
        self._confirmed_for = ()
        self.confirm.setChecked(False)
        self.set_columns(())

    def retranslate(self) -> None:
        if not self._columns:
            return
        listed = self.tr(", ").join(
            self.tr("{column} ({kind})").format(column=shown_name(name), kind=category_label(self._category(name)))
            for name in self._columns
        )
        self.warning.show_message(
            self.tr(
                "Careful: {columns} hold the most protected kinds of personal data. Send them only if the law "
                "and the contract allow it and the task cannot be done without them."
            ).format(columns=listed),
            "warning",
        )
        self.reasons_caption.setText(self.tr("Why does the task need them? The reasons are written into the archive."))
        for name, label in self._labels.items():
            label.setText(self.tr("Reason for {column}:").format(column=shown_name(name)))
            self.edits[name].setPlaceholderText(self.tr("For example: to check eligibility against the tax records"))
            self.edits[name].setAccessibleName(self.tr("Reason for sending {column}").format(column=shown_name(name)))
        count = len(self._columns)
        self.confirm.setText(english_plural(self.tr("I &confirm the task needs these %n column(s).", "", count), count))
        self.confirm.setAccessibleName(self.tr("Confirm the sensitive columns"))

    def _rebuild(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.edits.clear()
        self._labels.clear()
        for name in self._columns:
            edit = QLineEdit(self._reasons.get(name, ""))
            edit.setMaxLength(MAX_REASON)
            edit.textChanged.connect(lambda text, name=name: self._reason_changed(name, text))
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)  # it names a column from the file
            label.setBuddy(edit)
            self._form.addRow(label, edit)
            self.edits[name] = edit
            self._labels[name] = label
        row = self.fontMetrics().height() + 16
        self._scroll.setFixedHeight(min(len(self._columns), VISIBLE_REASONS) * row + 4)
        order = [*self.edits.values(), self.confirm]  # Tab goes from one reason to the next, then to the box
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def _reason_changed(self, name: str, text: str) -> None:
        self._reasons[name] = text
        self.changed.emit()

    def _confirm_toggled(self, checked: bool) -> None:
        self._confirmed_for = self._columns if checked else ()
        self.changed.emit()
