"""Page 4: which rows leave the office. No condition: every row. Conditions in a group must all hold (AND); a row
is kept when one group holds (OR). The live count says how many residents that is, without blocking the window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exporter.errors import ExporterError, PlanError
from exporter.gui.conditions import ConditionRow, ConditionSpec, check
from exporter.gui.live_count import LiveCount
from exporter.gui.pages.base import Page, number
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, english_plural

if TYPE_CHECKING:
    from exporter.classify import Category
    from exporter.filters import RowFilter
    from exporter.gui.wizard import ExportWizard

COUNT_DELAY_MS = 150  # typing pauses this long before the count starts


class ConditionGroup(Retranslating, QFrame):
    """Conditions that must all hold, and a button that adds one more (AND)."""

    changed = Signal()
    columnChosen = Signal(str)
    emptied = Signal()

    def __init__(
        self, header: tuple[str, ...], categories: tuple[Category, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._header, self._categories = header, categories
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.rows: list[ConditionRow] = []
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_condition())
        self._rows_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self._rows_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def add_condition(self) -> ConditionRow:
        row = ConditionRow(self._header, self._categories)
        row.changed.connect(self.changed)
        row.columnChosen.connect(self.columnChosen)
        row.removeRequested.connect(lambda: self._remove(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.value_edit.setFocus()
        self.changed.emit()
        self.columnChosen.emit(row.spec().column)
        return row

    def _remove(self, row: ConditionRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        if not self.rows:
            self.emptied.emit()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Rows where all of these hold:"))
        self.add_button.setText(self.tr("+ &And another condition"))


class RowsPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.groups: list[ConditionGroup] = []
        self.or_labels: list[QLabel] = []
        self.live = LiveCount(self)
        self.live.counted.connect(self._counted)
        self.live.failed.connect(self._failed)
        self.live.busyChanged.connect(lambda _busy: self._show_count())
        self.counted: int | None = None  # rows the current conditions keep, once counted
        self.reference_date = date.today()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self._count)
        self._problems: dict[ConditionRow, PlanError | None] = {}

        self.count_label = QLabel()
        font = self.count_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.count_label.setFont(font)
        self.count_note = QLabel()
        self.count_note.setWordWrap(True)
        self.read_error = MessageLabel()
        self.unreadable_note = MessageLabel()  # cells a range or age condition cannot read: never in scope
        self.none_label = QLabel()
        self.none_label.setWordWrap(True)
        # the day ages are counted on: age conditions here, age bands of the Columns page (--reference-date)
        self.reference_label = QLabel()
        self.reference_edit = QDateEdit(QDate(self.reference_date))
        self.reference_edit.setCalendarPopup(True)
        self.reference_edit.dateChanged.connect(self._reference_changed)
        self.reference_label.setBuddy(self.reference_edit)
        reference_row = QHBoxLayout()
        reference_row.addWidget(self.reference_label)
        reference_row.addWidget(self.reference_edit)
        reference_row.addStretch(1)
        self._groups_layout = QVBoxLayout()
        self.first_button = QPushButton()
        self.first_button.clicked.connect(lambda: self.add_group())
        self.or_button = QPushButton()
        self.or_button.clicked.connect(lambda: self.add_group())
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.first_button)
        buttons.addWidget(self.or_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.none_label)
        inner_layout.addLayout(self._groups_layout)
        inner_layout.addLayout(buttons)
        inner_layout.addLayout(reference_row)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.count_note)
        layout.addWidget(self.read_error)
        layout.addWidget(self.unreadable_note)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    # -- what the wizard reads -----------------------------------------------------------------------------

    def specs(self) -> tuple[tuple[ConditionSpec, ...], ...]:
        """The conditions as picked, per group (complete or not)."""
        return tuple(tuple(row.spec() for row in group.rows) for group in self.groups if group.rows)

    def where(self) -> tuple[tuple[str, ...], ...]:
        """The complete conditions in the ``--where`` syntax, per group (the plan's ``where``)."""
        texts = (tuple(spec.text() for spec in group if spec.complete) for group in self.specs())
        return tuple(group for group in texts if group)

    def row_filter(self) -> RowFilter | None:
        """The filter of the complete conditions; None while one of them is refused."""
        from exporter.filters import parse_filter

        if self.draft.loaded is None or any(self._problems.get(row) for group in self.groups for row in group.rows):
            return None
        try:
            return parse_filter(self.where(), self.draft.loaded.source.header, reference_date=self.reference_date)
        except PlanError:
            return None

    def isComplete(self) -> bool:
        rows = [row for group in self.groups for row in group.rows]
        return all(row.spec().complete and self._problems.get(row) is None for row in rows)

    def validatePage(self) -> bool:
        if not self.isComplete():
            return False
        self.draft.conditions = self.specs()
        self.draft.where = self.where()
        self.draft.rows_in_scope = self.counted if not self.live.busy else None
        self.draft.reference_date = self.reference_date if self.counts_ages() else None
        return True

    def counts_ages(self) -> bool:
        """Whether ages are counted: an age condition here, or an age band among the kept columns' transforms."""
        ages = any(spec.op.age for group in self.specs() for spec in group)
        return ages or any(text.startswith("age-band") for text in self.draft.kept_transforms().values())

    # -- building --------------------------------------------------------------------------------------------

    def add_group(self) -> ConditionGroup:
        """A new group (OR with the others) holding one new condition."""
        loaded = self.draft.loaded
        assert loaded is not None
        if self.groups:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.or_labels.append(label)
            self._groups_layout.addWidget(label)
        group = ConditionGroup(loaded.source.header, loaded.categories)
        group.changed.connect(self._changed)
        group.columnChosen.connect(lambda name: self.live.prefetch((name,)) if name else None)
        group.emptied.connect(lambda: self._remove_group(group))
        self.groups.append(group)
        self._groups_layout.addWidget(group)
        group.add_condition()
        self.retranslate_ui()
        return group

    def clear(self) -> None:
        for group in list(self.groups):
            self._remove_group(group)

    def _remove_group(self, group: ConditionGroup) -> None:
        index = self.groups.index(group)
        self.groups.pop(index)
        group.deleteLater()
        if self.or_labels:
            label = self.or_labels.pop(max(index - 1, 0))
            label.deleteLater()
        self._changed()
        self.retranslate_ui()

    def initializePage(self) -> None:
        loaded = self.draft.loaded
        if loaded is None:
            return
        if self.live.set_source_if_new(loaded.source, loaded.rows):
            self.clear()
        self.live.prefetch_all()
        self._changed()

    def stop(self) -> None:
        super().stop()
        self.live.stop()

    # -- the count -------------------------------------------------------------------------------------------

    def _changed(self) -> None:
        header = self.draft.loaded.source.header if self.draft.loaded else ()
        self._problems = {}
        for group in self.groups:
            for row in group.rows:
                spec = row.spec()
                problem = check(spec, header, self.reference_date) if spec.complete else None
                self._problems[row] = problem
                row.show_problem(problem, incomplete=not spec.complete)
        self.counted = None
        self._show_count()
        self._show_unreadable()
        self._timer.start()
        self.completeChanged.emit()
        self.retranslate_ui()

    def _reference_changed(self, day: QDate) -> None:
        self.reference_date = date(day.year(), day.month(), day.day())
        self._changed()

    def _count(self) -> None:
        row_filter = self.row_filter()
        if row_filter is None and self.where():
            self._show_count()
            return
        self.read_error.clear_message()
        self.live.request(row_filter)

    def _counted(self, rows: int) -> None:
        self.counted = rows
        self.draft.rows_in_scope = rows
        self._show_count()
        self._show_unreadable()

    def _show_unreadable(self) -> None:
        """The core's sentence for each column whose cells a condition could not read as dates or numbers."""
        from exporter.messages import msg

        unreadable = self.live.unreadable if self.counted is not None else {}
        sentences = [
            str(
                msg("shaping.unreadable_cell" if cells == 1 else "shaping.unreadable_cells", column=column, cells=cells)
            )
            for column, cells in unreadable.items()
        ]
        if sentences:
            self.unreadable_note.show_message("\n".join(sentences), "warning")
        else:
            self.unreadable_note.clear_message()

    def _failed(self, err: object) -> None:
        if isinstance(err, ExporterError):
            self.read_error.show_error(err)
        self._show_count()

    def _show_count(self) -> None:
        loaded = self.draft.loaded
        total = loaded.rows if loaded else 0
        shown = "…" if self.counted is None else number(self.counted)
        self.count_label.setText(
            english_plural(self.tr("In scope: {rows} of {total} resident(s)"), total).format(
                rows=shown, total=number(total)
            )
        )
        if self.counted is None and self.row_filter() is None and self.where():
            note = self.tr("Correct the condition marked below to count again.")
        elif self.counted is None or self.live.busy:
            note = self.tr("Counting…")
        elif not self.where():
            note = self.tr("No condition: every row leaves the office.")
        elif any(spec.op.age for group in self.specs() for spec in group):
            note = self.tr("Counted on the whole file; ages on {date}.").format(
                date=QLocale().toString(QDate(self.reference_date), _day_format())
            )
        else:
            note = self.tr("Counted on the whole file.")
        self.count_note.setText(note)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Rows"))
        self.setSubTitle(self.tr("Keep only the residents the task needs. Without a condition, every row leaves."))
        self.none_label.setText(
            self.tr("No condition yet. Add one to keep only some rows, such as residents aged 65 or over.")
        )
        self.none_label.setVisible(not self.groups)
        self.first_button.setText(self.tr("+ &Add a condition"))
        self.first_button.setVisible(not self.groups)
        self.or_button.setText(self.tr("+ &Or another group of conditions"))
        self.or_button.setVisible(bool(self.groups))
        self.clear_button.setText(self.tr("Remove all conditions"))
        self.clear_button.setVisible(bool(self.groups))
        self.reference_label.setText(self.tr("Ages counted on:"))
        self.reference_edit.setAccessibleName(self.tr("The day ages are counted on"))
        self.reference_edit.setDisplayFormat(_day_format())
        ages = self.counts_ages()
        self.reference_label.setVisible(ages)
        self.reference_edit.setVisible(ages)
        self.count_label.setAccessibleName(self.tr("Residents in scope"))
        for label in self.or_labels:
            label.setText(self.tr("or"))
        self._show_count()
        self._show_unreadable()


def _day_format() -> str:
    """The locale's long date format without the day of the week: 2026年4月1日, April 1, 2026."""
    return QLocale().dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "").strip(" ,、")
