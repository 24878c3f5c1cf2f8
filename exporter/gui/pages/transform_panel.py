"""The Columns page's choice of how each kept column's values leave (:mod:`exporter.transforms`): as they are, masked,
as pseudonyms, as a year or an age band, cut to the postal area or the town, or with formulas made inert.

Two widgets: :class:`TransformChooser` beside the kept list (the chosen column's transform) and
:class:`TransformNotes` below the table (the warning about formula cells, and the pseudonym key file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.errors import ExporterError, from_os_error
from exporter.gui.models import shown_name
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, chosen_file, file_dialog

DEFAULT_ARGUMENT = {"mask": 4, "age-band": 10}
ARGUMENT_RANGE = {"mask": (0, 100), "age-band": (1, 120)}
KEEP = "keep"


def kind_of(text: str) -> str:
    return text.partition(":")[0]


def transform_label(text: str) -> str:
    """A transform (``mask:4``) in plain words: 伏せ字（末尾 4 文字を残す）."""
    kind, _, argument = text.partition(":")
    labels = {
        "keep": QCoreApplication.translate("Transform", "As it is"),
        "mask": QCoreApplication.translate("Transform", "Masked (the last {n} characters kept)"),
        "pseudonym": QCoreApplication.translate("Transform", "Pseudonym (a token)"),
        "year": QCoreApplication.translate("Transform", "Year only"),
        "age-band": QCoreApplication.translate("Transform", "Age band ({n} years)"),
        "postal-area": QCoreApplication.translate("Transform", "First 3 digits of the postal code"),
        "address-town": QCoreApplication.translate("Transform", "Address up to the town"),
        "formula-safe": QCoreApplication.translate("Transform", "Formulas made inert"),
    }
    return labels.get(kind, text).format(n=argument)


def short_label(text: str) -> str:
    """A transform in a word or two, for the kept list: 伏せ字, 仮名化."""
    labels = {
        "mask": QCoreApplication.translate("Transform", "masked"),
        "pseudonym": QCoreApplication.translate("Transform", "pseudonym"),
        "year": QCoreApplication.translate("Transform", "year"),
        "age-band": QCoreApplication.translate("Transform", "age band"),
        "postal-area": QCoreApplication.translate("Transform", "postal area"),
        "address-town": QCoreApplication.translate("Transform", "town"),
        "formula-safe": QCoreApplication.translate("Transform", "formula-safe"),
    }
    return labels.get(kind_of(text), text)


def kind_label(kind: str) -> str:
    """A kind in the chooser, without its number: 伏せ字（末尾だけ残す）."""
    if kind == "mask":
        return QCoreApplication.translate("Transform", "Masked (only the end kept)")
    if kind == "age-band":
        return QCoreApplication.translate("Transform", "Age band")
    if kind == "postal-area":
        return QCoreApplication.translate("Transform", "Postal area (3 digits)")
    return transform_label(kind)


class TransformChooser(Retranslating, QWidget):
    """How the chosen kept column leaves: a kind from those that suit its category, and its number."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transforms: dict[str, str] = {}  # kept column -> "KIND[:N]"; absent: as it is
        self._column: str | None = None
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.currentIndexChanged.connect(self._chosen)
        self.argument_label = QLabel()
        self.argument = QSpinBox()
        self.argument.valueChanged.connect(self._chosen)
        self.label.setBuddy(self.combo)
        self.argument_label.setBuddy(self.argument)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.argument_label)
        row.addWidget(self.argument)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addLayout(row)
        self._kinds: tuple[str, ...] = ()
        self.show_column(None, ())
        self.retranslate_ui()

    def transform(self, name: str) -> str:
        return self.transforms.get(name, KEEP)

    def set_transform(self, name: str, text: str) -> None:
        """Choose ``text`` (``mask:4``) for the kept column ``name`` (tests, screenshots, the formula button)."""
        if kind_of(text) == KEEP:
            self.transforms.pop(name, None)
        else:
            self.transforms[name] = text
        if name == self._column:
            self._show()
        self.changed.emit()

    def show_column(self, name: str | None, kinds: tuple[str, ...]) -> None:
        """Show the choice for ``name`` among ``kinds`` (besides keep; None: no kept column chosen)."""
        self._column = name
        current = kind_of(self.transform(name)) if name else KEEP
        self._kinds = (KEEP, *kinds, *((current,) if current not in (KEEP, *kinds) else ()))
        self._show()

    def forget(self, kept: tuple[str, ...]) -> None:
        """Drop the choices of columns no longer kept."""
        for name in [name for name in self.transforms if name not in kept]:
            del self.transforms[name]

    def _show(self) -> None:
        name = self._column
        text = self.transform(name) if name else KEEP
        kind, _, number = text.partition(":")
        self.combo.blockSignals(True)
        self.argument.blockSignals(True)
        self.combo.clear()
        for each in self._kinds:
            self.combo.addItem(kind_label(each), each)
        self.combo.setCurrentIndex(max(self.combo.findData(kind), 0))
        self.combo.setEnabled(name is not None and len(self._kinds) > 1)
        if kind in ARGUMENT_RANGE:
            self.argument.setRange(*ARGUMENT_RANGE[kind])
            self.argument.setValue(int(number) if number else DEFAULT_ARGUMENT[kind])
        self.combo.blockSignals(False)
        self.argument.blockSignals(False)
        self.argument.setVisible(kind in ARGUMENT_RANGE)
        self.argument_label.setVisible(kind in ARGUMENT_RANGE)
        self._word_argument(kind)

    def _chosen(self) -> None:
        name = self._column
        kind = self.combo.currentData()
        if name is None or kind is None:
            return
        if kind in ARGUMENT_RANGE:
            if not self.argument.isVisible() or kind != kind_of(self.transform(name)):
                self.argument.setRange(*ARGUMENT_RANGE[kind])
                self.argument.blockSignals(True)
                self.argument.setValue(DEFAULT_ARGUMENT[kind])
                self.argument.blockSignals(False)
            self.set_transform(name, f"{kind}:{self.argument.value()}")
        else:
            self.set_transform(name, kind)

    def _word_argument(self, kind: str) -> None:
        if kind == "mask":
            self.argument_label.setText(self.tr("Characters kept at the en&d:"))
        else:
            self.argument_label.setText(self.tr("Years in each ban&d:"))

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("&Values leave:"))
        self.combo.setAccessibleName(self.tr("How the chosen column's values leave"))
        for index in range(self.combo.count()):
            self.combo.setItemText(index, kind_label(self.combo.itemData(index)))
        self._word_argument(kind_of(self.transform(self._column)) if self._column else KEEP)


class TransformNotes(Retranslating, QFrame):
    """Below the table: kept columns whose preview holds formula cells (never made inert unasked), and the office's
    pseudonym key file when a kept column becomes a pseudonym."""

    changed = Signal()
    inertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_file: Path | None = None
        self._formula_columns: tuple[str, ...] = ()
        self._needs_key = False
        self.formula = MessageLabel()
        self.inert_button = QPushButton()
        self.inert_button.clicked.connect(self.inertRequested)
        formula_row = QHBoxLayout()
        formula_row.setContentsMargins(0, 0, 0, 0)
        formula_row.addWidget(self.formula, 1)
        formula_row.addWidget(self.inert_button)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._choose)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self._create)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(self.choose_button)
        key_row.addWidget(self.create_button)
        self.key_error = MessageLabel()
        self._key_widgets = (self.key_label, self.choose_button, self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(formula_row)
        layout.addLayout(key_row)
        layout.addWidget(self.key_error)
        self._key_problem: ExporterError | None = None
        self.show_state((), needs_key=False)
        self.retranslate_ui()

    def show_state(self, formula_columns: tuple[str, ...], *, needs_key: bool) -> None:
        """``formula_columns``: kept columns left as they are whose preview holds formula cells; ``needs_key``: a
        kept column becomes a pseudonym."""
        self._formula_columns = formula_columns
        self._needs_key = needs_key
        if needs_key and self.key_file is None:
            from exporter.gui import key_store

            remembered = key_store.remembered_pseudonym_key()
            if remembered is not None:
                self.use_key_file(remembered, remember=False)
        self.retranslate_ui()

    def key_ready(self) -> bool:
        """No pseudonym is asked for, or the key file chosen was read without a problem."""
        return not self._needs_key or (self.key_file is not None and self._key_problem is None)

    def use_key_file(self, path: Path, *, remember: bool = True) -> None:
        """Use the key file at ``path`` (checked now: a missing or malformed file is said at once)."""
        from exporter.gui import key_store
        from exporter.transforms import PseudonymKey

        self.key_file = path
        try:
            PseudonymKey.from_file(path)
        except ExporterError as problem:
            self._key_problem = problem
        else:
            self._key_problem = None
            if remember:
                key_store.remember_pseudonym_key(path)
        self.retranslate_ui()
        self.changed.emit()

    def create_key_file(self, path: Path) -> None:
        """Make a new key at ``path`` (refused when a file is there) and use it."""
        from exporter.transforms import PseudonymKey

        try:
            PseudonymKey.create(path)
        except OSError as err:
            self._refused(path, from_os_error(err))
        except ExporterError as problem:
            self._refused(path, problem)
        else:
            self.use_key_file(path)

    def _refused(self, path: Path, problem: ExporterError) -> None:
        self.key_file = path
        self._key_problem = problem
        self.retranslate_ui()
        self.changed.emit()

    def _choose(self) -> None:
        start = str(self.key_file or Path.home())
        name = chosen_file(file_dialog(self, self.tr("Choose the pseudonym key"), start, self.tr("Key files (*)")))
        if name:
            self.use_key_file(Path(name))

    def _create(self) -> None:
        from exporter.keys.paths import data_dir

        start = str(self.key_file.parent / "pseudonym.key" if self.key_file else data_dir() / "pseudonym.key")
        name = chosen_file(file_dialog(self, self.tr("Save the new pseudonym key as"), start, "", save=True))
        if name:
            self.create_key_file(Path(name))

    def retranslate_ui(self) -> None:
        columns = self.tr(", ").join(shown_name(name) for name in self._formula_columns)
        if columns:
            self.formula.show_message(
                self.tr(
                    "{columns}: some values start with =, +, - or @, which Excel may run as a formula. "
                    "Make them inert if the recipient opens the file in Excel."
                ).format(columns=columns),
                "warning",
            )
        else:
            self.formula.clear_message()
        self.inert_button.setText(self.tr("Make formulas &inert"))
        self.inert_button.setVisible(bool(columns))
        for widget in self._key_widgets:
            widget.setVisible(self._needs_key)
        self.choose_button.setText(self.tr("C&hoose key…"))
        self.create_button.setText(self.tr("Create a new ke&y…"))
        if self.key_file is None:
            self.key_label.setText(self.tr("Pseudonyms need the office's pseudonym key: choose its file."))
        else:
            self.key_label.setText(
                self.tr("Pseudonym key: {file}").format(file=safe_text(str(self.key_file), max_chars=120))
            )
        if self._needs_key and self._key_problem is not None:
            self.key_error.show_error(self._key_problem)
        else:
            self.key_error.clear_message()
        self.setVisible(bool(columns) or self._needs_key)
