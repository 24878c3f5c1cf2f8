"""Page 3: which columns leave the office, in which order. Nothing is kept until the clerk ticks it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.errors import PlanError
from exporter.gui import policy_view
from exporter.gui.column_search import ColumnFilter
from exporter.gui.models import ColumnModel, shown_name
from exporter.gui.pages.base import Page
from exporter.gui.pages.sensitive import SensitivePanel
from exporter.gui.pages.transform_panel import TransformChooser, TransformNotes, short_label, transform_label
from exporter.gui.widgets import BadgeDelegate, MessageLabel, english_plural, free_text_note
from exporter.plan import ExportPlan, check_columns

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard


NAME_COLUMN_CHARS = 30  # the name column is at most this wide (in average characters); longer names are elided


class ColumnTable(QTableView):
    """Space (or Enter) ticks or unticks the current row's column, whichever cell of the row has the focus."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            index = self.currentIndex().siblingAtColumn(ColumnModel.NAME)
            checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            self.model().setData(index, state, Qt.ItemDataRole.CheckStateRole)
            return
        super().keyPressEvent(event)


class ColumnsPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.model = ColumnModel(self)
        self.model.keptChanged.connect(self._kept_changed)
        self.proxy = ColumnFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self._tick_shown(True))
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(lambda: self.model.set_kept(()))
        tools = QHBoxLayout()
        tools.addWidget(self.search_label)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.all_button)
        tools.addWidget(self.clear_button)

        self.table = ColumnTable()
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(ColumnModel.CATEGORY, BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2)
        self.table_label = QLabel()
        self.table_label.setBuddy(self.table)
        self.no_match = MessageLabel()  # the search found no column

        self.kept_list = QListWidget()
        self.kept_label = QLabel()
        self.kept_label.setBuddy(self.kept_list)
        self.up_button = QPushButton()
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton()
        self.down_button.clicked.connect(lambda: self._move(1))
        self.kept_list.currentItemChanged.connect(self._show_output_name)
        self.rename_edit = QLineEdit()  # the current kept column's name in the recipient's file
        self.rename_edit.setClearButtonEnabled(True)
        self.rename_edit.textEdited.connect(self._rename)
        self.rename_edit.setEnabled(False)
        self.rename_label = QLabel()
        self.rename_label.setWordWrap(True)
        self.rename_label.setBuddy(self.rename_edit)
        self.rename_error = MessageLabel()
        self.chooser = TransformChooser()  # how the chosen kept column's values leave
        self.chooser.changed.connect(self._transforms_changed)
        self.formula_cells: dict[str, int] = {}  # column -> cells of the preview a spreadsheet would run
        side = QVBoxLayout()
        side.addWidget(self.kept_label)
        side.addWidget(self.kept_list, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        side.addLayout(moves)
        side.addWidget(self.rename_label)
        side.addWidget(self.rename_edit)
        side.addWidget(self.rename_error)
        side.addWidget(self.chooser)

        grid = QGridLayout()
        grid.addWidget(self.table_label, 0, 0)
        grid.addWidget(self.table, 1, 0)
        grid.addWidget(self.no_match, 2, 0)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(side_widget, 0, 1, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.free_text = MessageLabel()  # a kept free-text column may hold anything
        self.policy_error = MessageLabel()  # kept columns the IT policy does not allow
        self.profile_used: str | None = None  # the purpose profile whose columns were last put in
        self.notes = TransformNotes()  # formula cells in kept columns; the pseudonym key
        self.notes.changed.connect(self.completeChanged)
        self.notes.inertRequested.connect(self.make_formulas_inert)
        self.sensitive = SensitivePanel(self.model.category)
        self.sensitive.changed.connect(self.completeChanged)
        self.sensitive.changed.connect(self._show_rename_problem)  # a reason the core refuses is said at once
        self.confirm = self.sensitive.confirm

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.policy_error)
        layout.addWidget(self.free_text)
        layout.addWidget(self.notes)
        layout.addWidget(self.sensitive)
        for first, second in (
            (self.search, self.all_button),
            (self.all_button, self.clear_button),
            (self.clear_button, self.table),
            (self.table, self.kept_list),
            (self.kept_list, self.up_button),
            (self.up_button, self.down_button),
            (self.down_button, self.rename_edit),
            (self.rename_edit, self.chooser.combo),
            (self.chooser.combo, self.chooser.argument),
            (self.chooser.argument, self.sensitive),
        ):
            self.setTabOrder(first, second)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Tick only the columns the task needs. Nothing is kept until you tick it."))
        self.search.setPlaceholderText(self.tr("Name, kind of data or value"))
        self.search.setAccessibleName(self.tr("Find a column"))
        self.search_label.setText(self.tr("&Find:"))
        self.all_button.setText(self.tr("Tick &all shown"))
        self.clear_button.setText(self.tr("Clea&r all"))
        self.table.setAccessibleName(self.tr("Columns of the file; tick to keep"))
        self.table_label.setText(self.tr("Columns in the file (&tick to keep):"))
        self.kept_list.setAccessibleName(self.tr("Kept columns, in the order of the archive"))
        self.kept_label.setText(self.tr("&Kept, in this order:"))
        self.up_button.setText(self.tr("Move &up"))
        self.down_button.setText(self.tr("Move do&wn"))
        self.rename_label.setText(self.tr("Name in the recipient's fil&e:"))
        self.rename_edit.setAccessibleName(self.tr("Name of the chosen kept column in the recipient's file"))
        self.summary.setAccessibleName(self.tr("How many columns leave the office"))
        self.model.retranslate()  # headers and category names; the badges repaint from the model
        self._show_kept_list()  # a transform's words
        if self.model.names:
            self.table.resizeColumnToContents(ColumnModel.CATEGORY)
        self._show_summary()
        self._show_output_name()
        self._show_rename_problem()
        self._show_no_match()
        self._show_free_text()
        self.sensitive.retranslate()

    def initializePage(self) -> None:
        loaded = self.draft.loaded
        if loaded is None:
            return
        if self.model.names != loaded.source.header:
            self.model.set_columns(loaded.source.header, loaded.categories, loaded.samples)
            self.sensitive.clear()
            self.chooser.forget(())
            self.formula_cells = _formula_cells(loaded.source.header, loaded.source.head_rows)
            self.table.resizeColumnToContents(ColumnModel.NAME)
            self.table.resizeColumnToContents(ColumnModel.CATEGORY)
            widest = self.fontMetrics().averageCharWidth() * NAME_COLUMN_CHARS
            if self.table.columnWidth(ColumnModel.NAME) > widest:  # a long name must not push the kinds out of view
                self.table.setColumnWidth(ColumnModel.NAME, widest)
        policy_view.use_profile(self)
        self.search.setFocus()

    def isComplete(self) -> bool:
        return (
            bool(self.model.kept)
            and self.rename_problem() is None
            and self.sensitive.is_complete()
            and self.notes.key_ready()
            and not policy_view.column_problems(self.draft, self.model.kept)
        )

    def validatePage(self) -> bool:
        self.draft.columns = self.model.kept
        self.draft.output_names = self.model.output_names
        self.draft.reasons = self.sensitive.reasons
        self.draft.transforms = dict(self.chooser.transforms)
        self.draft.pseudonym_key = self.notes.key_file
        return self.isComplete()

    def rename_problem(self) -> PlanError | None:
        """The core's refusal of the names chosen for the recipient (two columns called the same) or of a reason
        typed (a hidden character such as U+202E), if any."""
        kept = self.model.kept
        if not kept:
            return None
        plan = ExportPlan(
            source=Path(),
            columns=kept,
            output=Path(),
            output_names=self.model.output_names,
            reasons={name: reason for name, reason in self.sensitive.reasons.items() if name in kept},
        )
        try:
            check_columns(plan)
        except PlanError as problem:
            return problem
        return None

    def rename(self, name: str, output_name: str) -> None:
        """Call the kept column ``name`` ``output_name`` in the recipient's file (tests, screenshots)."""
        self.model.set_output_name(name, output_name)

    def make_formulas_inert(self) -> None:
        """Formula-safe for each kept column left as it is whose preview holds formula cells (the clerk asked)."""
        for name in self._formula_columns_kept_as_is():
            self.chooser.set_transform(name, "formula-safe")

    def _formula_columns_kept_as_is(self) -> tuple[str, ...]:
        return tuple(
            name for name in self.model.kept if self.formula_cells.get(name) and self.chooser.transform(name) == "keep"
        )

    def _transforms_changed(self) -> None:
        self._show_kept_list()
        self.notes.show_state(self._formula_columns_kept_as_is(), needs_key=self._needs_key())
        self.completeChanged.emit()

    def _needs_key(self) -> bool:
        return any(self.chooser.transform(name) == "pseudonym" for name in self.model.kept)

    def keep(self, names: tuple[str, ...] | list[str]) -> None:
        """Keep exactly these columns, in this order (tests and screenshots)."""
        self.model.set_kept(names)

    def _tick_shown(self, keep: bool) -> None:
        rows = [self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(self.proxy.rowCount())]
        self.model.keep(rows, keep)

    def _move(self, step: int) -> None:
        item = self.kept_list.currentItem()
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        self.model.move(name, step)
        for row in range(self.kept_list.count()):
            if self.kept_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.kept_list.setCurrentRow(row)

    def _kept_changed(self) -> None:
        self.chooser.forget(self.model.kept)
        self._show_kept_list()
        self._show_output_name()
        self._show_rename_problem()
        self._show_summary()
        self._show_free_text()
        self.sensitive.set_columns(self.model.kept_sensitive())
        self.notes.show_state(self._formula_columns_kept_as_is(), needs_key=self._needs_key())
        policy_view.show_column_problems(self)
        self.completeChanged.emit()

    def _show_kept_list(self) -> None:
        kept = self.model.kept
        current = self.kept_list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.kept_list.blockSignals(True)
        self.kept_list.clear()
        for position, name in enumerate(kept, 1):
            output = self.model.output_name(name)
            text = f"{position}. {shown_name(name)}" + (f" → {shown_name(output)}" if output != name else "")
            transform = self.chooser.transform(name)
            if transform != "keep":
                text += self.tr(" [{transform}]").format(transform=short_label(transform))
            self.kept_list.addItem(text)
            self.kept_list.item(position - 1).setData(Qt.ItemDataRole.UserRole, name)
            self.kept_list.item(position - 1).setToolTip(transform_label(transform) if transform != "keep" else "")
            if name == chosen:
                self.kept_list.setCurrentRow(position - 1)
        self.kept_list.blockSignals(False)
        self._show_output_name()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._show_no_match()

    def _show_no_match(self) -> None:
        query = self.search.text().strip()
        if query and self.proxy.rowCount() == 0:
            self.no_match.show_message(
                self.tr("No column matches “{text}”. Try another word, such as 電話, カナ or phone.").format(
                    text=safe_text(query, max_chars=60)
                ),
                "warning",
            )
        else:
            self.no_match.clear_message()

    def _chosen_kept(self) -> str | None:
        item = self.kept_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_output_name(self) -> None:
        name = self._chosen_kept()
        self.rename_edit.setEnabled(name is not None)
        self._show_transform(name)
        if name is None:
            self.rename_edit.clear()
            self.rename_edit.setPlaceholderText(self.tr("Choose a kept column above"))
            return
        output = self.model.output_name(name)
        if self.rename_edit.text().strip() != (output if output != name else ""):
            self.rename_edit.setText(output if output != name else "")
        self.rename_edit.setPlaceholderText(shown_name(name))

    def _show_transform(self, name: str | None) -> None:
        from exporter.transforms import suggested_transforms

        if name is None:
            self.chooser.show_column(None, ())
            return
        kinds = suggested_transforms(self.model.category(name), formula_cells=bool(self.formula_cells.get(name)))
        self.chooser.show_column(name, tuple(kinds))

    def _rename(self, text: str) -> None:
        name = self._chosen_kept()
        if name is not None:
            self.model.set_output_name(name, text)

    def _show_rename_problem(self) -> None:
        problem = self.rename_problem()
        if problem is None:
            self.rename_error.clear_message()
        else:
            self.rename_error.show_error(problem)

    def _show_free_text(self) -> None:
        free = self.model.kept_free_text()
        if free:
            names = self.tr(", ").join(shown_name(name) for name in free)
            self.free_text.show_message(
                self.tr("{columns}: {note}").format(columns=names, note=free_text_note()), "warning"
            )
        else:
            self.free_text.clear_message()

    def _show_summary(self) -> None:
        kept, total = len(self.model.kept), len(self.model.names)
        if kept:
            text = self.tr("%n column(s) of {total} will leave the office.", "", kept).format(total=total)
            self.summary.setText(english_plural(text, kept))
        else:
            self.summary.setText(self.tr("No column is kept yet: tick the ones the task needs."))


def _formula_cells(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """Per column, the cells of the preview rows that a spreadsheet would run as formulas."""
    from exporter.transforms import count_formula_cells

    whole = [row for row in rows if len(row) == len(header)]
    return dict(zip(header, count_formula_cells(whole, len(header)), strict=True))
