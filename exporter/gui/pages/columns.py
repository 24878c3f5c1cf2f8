"""Page 3: which columns leave the office, in which order. Nothing is kept until the clerk ticks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
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

from exporter.gui.models import ColumnModel, shown_name
from exporter.gui.pages.base import Page
from exporter.gui.widgets import BadgeDelegate, MessageLabel, category_label, english_plural

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard


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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
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

        self.kept_list = QListWidget()
        self.kept_label = QLabel()
        self.kept_label.setBuddy(self.kept_list)
        self.up_button = QPushButton()
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton()
        self.down_button.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        side.addWidget(self.kept_label)
        side.addWidget(self.kept_list, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        side.addLayout(moves)

        grid = QGridLayout()
        grid.addWidget(self.table_label, 0, 0)
        grid.addWidget(self.table, 1, 0)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(side_widget, 0, 1, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.warning = MessageLabel()
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self._confirm_toggled)
        self.warning_frame = QFrame()
        self.warning_frame.setFrameShape(QFrame.Shape.StyledPanel)
        warning_layout = QVBoxLayout(self.warning_frame)
        warning_layout.addWidget(self.warning)
        warning_layout.addWidget(self.confirm)
        self.warning_frame.hide()
        self._confirmed_for: tuple[str, ...] = ()

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning_frame)
        for first, second in (
            (self.search, self.all_button),
            (self.all_button, self.clear_button),
            (self.clear_button, self.table),
            (self.table, self.kept_list),
            (self.kept_list, self.up_button),
            (self.up_button, self.down_button),
            (self.down_button, self.confirm),
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
        self.summary.setAccessibleName(self.tr("How many columns leave the office"))
        self.confirm.setAccessibleName(self.tr("Confirm the sensitive columns"))
        self.model.retranslate()  # headers and category names; the badges repaint from the model
        if self.model.names:
            self.table.resizeColumnToContents(ColumnModel.CATEGORY)
        self._show_summary()
        self._show_warning()

    def initializePage(self) -> None:
        loaded = self.draft.loaded
        if loaded is None:
            return
        if self.model.names != loaded.source.header:
            self.model.set_columns(loaded.source.header, loaded.categories, loaded.samples)
            self.table.resizeColumnToContents(ColumnModel.NAME)
            self.table.resizeColumnToContents(ColumnModel.CATEGORY)
        self.search.setFocus()

    def isComplete(self) -> bool:
        if not self.model.kept:
            return False
        sensitive = self.model.kept_sensitive()
        return not sensitive or (self.confirm.isChecked() and set(sensitive) <= set(self._confirmed_for))

    def validatePage(self) -> bool:
        self.draft.columns = self.model.kept
        return self.isComplete()

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
        kept = self.model.kept
        self.kept_list.clear()
        for position, name in enumerate(kept, 1):
            self.kept_list.addItem(f"{position}. {shown_name(name)}")
            self.kept_list.item(position - 1).setData(Qt.ItemDataRole.UserRole, name)
        self._show_summary()
        if not set(self.model.kept_sensitive()) <= set(self._confirmed_for):
            self.confirm.setChecked(False)  # a newly kept sensitive column needs its own confirmation
        self._show_warning()
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        kept, total = len(self.model.kept), len(self.model.names)
        if kept:
            text = self.tr("%n column(s) of {total} will leave the office.", "", kept).format(total=total)
            self.summary.setText(english_plural(text, kept))
        else:
            self.summary.setText(self.tr("No column is kept yet: tick the ones the task needs."))

    def _show_warning(self) -> None:
        sensitive = self.model.kept_sensitive()
        if not sensitive:
            self.warning_frame.hide()
            return
        listed = self.tr(", ").join(
            f"{shown_name(name)} ({category_label(self.model.category(name))})" for name in sensitive
        )
        self.warning.show_message(
            self.tr(
                "Careful: {columns} hold the most protected kinds of personal data. Send them only if the law "
                "and the contract allow it and the task cannot be done without them."
            ).format(columns=listed),
            "warning",
        )
        count = len(sensitive)
        self.confirm.setText(english_plural(self.tr("I &confirm the task needs these %n column(s).", "", count), count))
        self.warning_frame.show()

    def _confirm_toggled(self, checked: bool) -> None:
        self._confirmed_for = self.model.kept_sensitive() if checked else ()
        self.completeChanged.emit()
