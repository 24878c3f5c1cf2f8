"""Models over what the core read: a lazy preview of the first rows, and the columns with what to keep.

The preview follows Spyder's DataFrameModel: rows are handed to the view in batches through
``canFetchMore``/``fetchMore``, so a view never asks for more rows than it shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from exporter.classify import SENSITIVE_CATEGORIES, Category
from exporter.display import safe_text
from exporter.gui.widgets import CATEGORY_ROLE, category_label, free_text_note, plain_tooltip

Index = QModelIndex | QPersistentModelIndex
FETCH_ROWS = 200
CELL_CHARS = 500  # a cell or a header shows at most this much of a value (values may be megabytes long)
NAME_CHARS = 200
SAMPLE_CHARS = 24
LINE_BREAK = "⏎"


def shown_value(value: str) -> str:
    """A value as a table cell shows it: line breaks as ⏎, controls and bidi characters made visible."""
    flat = value.replace("\r\n", LINE_BREAK).replace("\r", LINE_BREAK).replace("\n", LINE_BREAK)
    return safe_text(flat, max_chars=CELL_CHARS)


def shown_name(name: str) -> str:
    """A column name as the wizard shows it: controls and bidi characters made visible, long names cut."""
    return safe_text(name, max_chars=NAME_CHARS)


class PreviewModel(QAbstractTableModel):
    """The first rows of a resident file, handed to the view a batch at a time.

    Values and names come from the file: they are shown with every control, bidi and invisible character made
    visible (:func:`exporter.display.safe_text`), and tooltips hold them as escaped text, never as rich text.
    """

    def __init__(
        self, parent: QObject | None = None, header: Sequence[str] = (), rows: Sequence[Sequence[str]] = ()
    ) -> None:
        super().__init__(parent)
        self._header = tuple(header)
        self._rows = rows
        self._loaded = min(FETCH_ROWS, len(rows))

    def set_table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._header, self._rows = tuple(header), rows
        self._loaded = min(FETCH_ROWS, len(rows))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(FETCH_ROWS, len(self._rows) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else ""
        return shown_value(value) if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if section >= len(self._header):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_name(self._header[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._header[section])
        return None


class ColumnModel(QAbstractTableModel):
    """Every column of the file: tick to keep it. ``kept`` is in the order the columns will have in the archive.

    Nothing is kept at first. A ticked sensitive column (see SENSITIVE_CATEGORIES) is kept like any other; the
    page asks for the confirmation before it lets the clerk go on.
    """

    NAME, CATEGORY, SAMPLES = range(3)
    keptChanged = Signal()  # which columns are kept, their order, or their names for the recipient changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: tuple[str, ...] = ()
        self._categories: tuple[Category, ...] = ()
        self._samples: tuple[tuple[str, ...], ...] = ()
        self._kept: list[str] = []
        self._output_names: dict[str, str] = {}

    def set_columns(
        self, names: Sequence[str], categories: Sequence[Category], samples: Sequence[Sequence[str]]
    ) -> None:
        self.beginResetModel()
        self._names, self._categories = tuple(names), tuple(categories)
        self._samples = tuple(tuple(values) for values in samples)
        self._kept = []
        self._output_names = {}
        self.endResetModel()
        self.keptChanged.emit()

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    @property
    def kept(self) -> tuple[str, ...]:
        return tuple(self._kept)

    def category(self, name: str) -> Category:
        return self._categories[self._names.index(name)]

    @property
    def output_names(self) -> dict[str, str]:
        """Kept columns renamed for the recipient: source name -> name in data.csv."""
        return {name: self._output_names[name] for name in self._kept if name in self._output_names}

    def output_name(self, name: str) -> str:
        return self._output_names.get(name, name)

    def set_output_name(self, name: str, output_name: str) -> None:
        """Call the column ``name`` ``output_name`` in the recipient's file; empty or its own name: no rename."""
        output_name = output_name.strip()
        if output_name and output_name != name:
            self._output_names[name] = output_name
        else:
            self._output_names.pop(name, None)
        self.keptChanged.emit()

    def search_texts(self, row: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the column search compares with: the names and kind of data, and the sample values (see
        :mod:`exporter.gui.column_search`)."""
        from exporter.gui.column_search import category_words

        name = self._names[row]
        return (name, self.output_name(name), category_words(self._categories[row])), self._samples[row]

    def kept_sensitive(self) -> tuple[str, ...]:
        return tuple(name for name in self._kept if self.category(name) in SENSITIVE_CATEGORIES)

    def kept_free_text(self) -> tuple[str, ...]:
        return tuple(name for name in self._kept if self.category(name) == Category.FREE_TEXT)

    def set_kept(self, names: Sequence[str]) -> None:
        wanted = [name for name in dict.fromkeys(names) if name in self._names]
        if wanted == self._kept:
            return
        self._kept = wanted
        if self._names:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._names) - 1, 0))
        self.keptChanged.emit()

    def keep(self, rows: Sequence[int], keep: bool = True) -> None:
        names = [self._names[row] for row in rows]
        if keep:
            self.set_kept(self._kept + [name for name in names if name not in self._kept])
        else:
            self.set_kept([name for name in self._kept if name not in names])

    def move(self, name: str, step: int) -> None:
        """Move a kept column ``step`` places earlier (negative) or later in the archive's order."""
        order = list(self._kept)
        at = order.index(name)
        to = max(0, min(len(order) - 1, at + step))
        order.insert(to, order.pop(at))
        self.set_kept(order)

    def retranslate(self) -> None:
        """The headers and category names are words: tell the views to ask for them again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._names:
            last = len(self._names) - 1
            self.dataChanged.emit(self.index(0, self.CATEGORY), self.index(last, self.CATEGORY))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        name = self._names[index.row()]
        category = self._categories[index.row()]
        column = index.column()
        if role == CATEGORY_ROLE:
            return category
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAME:
            return Qt.CheckState.Checked if name in self._kept else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NAME:
                return shown_name(name)
            if column == self.CATEGORY:
                return category_label(category)
            return "  ·  ".join(safe_text(value, max_chars=SAMPLE_CHARS) for value in self._samples[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return plain_tooltip(name)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CATEGORY and category == Category.FREE_TEXT:
            return free_text_note()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SAMPLES:
            return plain_tooltip("\n".join(self._samples[index.row()]))
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.NAME:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.keep([index.row()], checked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Column"),
            self.tr("Kind of data"),
            self.tr("Sample values"),
        )[section]
