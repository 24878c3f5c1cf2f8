"""One condition of the Rows page, built with pickers: a column, an operator in plain words, a value.

The text the core reads (the ``--where`` syntax, :mod:`exporter.filters`) is built with
:func:`exporter.filters.condition_text` and checked with :func:`exporter.filters.parse_filter`, so the wizard and
the command line mean the same thing by the same words. In Japanese the value stands before the operator
(生年月日 が 1961/4/1 以前), in English after it (birth_date is on or before 1961/4/1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from exporter.classify import Category
from exporter.errors import PlanError
from exporter.gui.i18n import current_language
from exporter.gui.models import shown_name
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel

LIST_SEPARATORS = (",", "、", "，")  # a list may be typed with Japanese commas too


@dataclass(frozen=True)
class Operator:
    key: str
    syntax: str  # the operator of the --where syntax
    needs_value: bool = True
    age: bool = False  # compares age(COLUMN) in completed years
    is_list: bool = False  # the value is a comma-separated list
    ordered: bool = False  # compares dates or numbers


OPERATORS = (
    Operator("equals", "="),
    Operator("not-equals", "!="),
    Operator("one-of", "in", is_list=True),
    Operator("none-of", "not in", is_list=True),
    Operator("contains", "contains"),
    Operator("empty", "is empty", needs_value=False),
    Operator("not-empty", "is not empty", needs_value=False),
    Operator("at-least", ">=", ordered=True),
    Operator("at-most", "<=", ordered=True),
    Operator("after", ">", ordered=True),
    Operator("before", "<", ordered=True),
    Operator("age-at-least", ">=", age=True),
    Operator("age-at-most", "<=", age=True),
)
BY_KEY = {operator.key: operator for operator in OPERATORS}


def operators_for(category: Category) -> tuple[Operator, ...]:
    """Every operator; the age ones only for a birth-date column."""
    return tuple(op for op in OPERATORS if not op.age or category == Category.BIRTH)


def operator_label(operator: Operator, dates: bool) -> str:
    """The operator in plain words; ``dates``: the column holds dates (以降/以前 rather than 以上/以下)."""
    labels = {
        "equals": QCoreApplication.translate("Condition", "is"),
        "not-equals": QCoreApplication.translate("Condition", "is not"),
        "one-of": QCoreApplication.translate("Condition", "is one of"),
        "none-of": QCoreApplication.translate("Condition", "is none of"),
        "contains": QCoreApplication.translate("Condition", "contains"),
        "empty": QCoreApplication.translate("Condition", "is empty"),
        "not-empty": QCoreApplication.translate("Condition", "is not empty"),
        "at-least": QCoreApplication.translate("Condition", "is on or after")
        if dates
        else QCoreApplication.translate("Condition", "is at least"),
        "at-most": QCoreApplication.translate("Condition", "is on or before")
        if dates
        else QCoreApplication.translate("Condition", "is at most"),
        "after": QCoreApplication.translate("Condition", "is after")
        if dates
        else QCoreApplication.translate("Condition", "is more than"),
        "before": QCoreApplication.translate("Condition", "is before")
        if dates
        else QCoreApplication.translate("Condition", "is less than"),
        "age-at-least": QCoreApplication.translate("Condition", "age is at least (years)"),
        "age-at-most": QCoreApplication.translate("Condition", "age is at most (years)"),
    }
    return labels[operator.key]


@dataclass(frozen=True)
class ConditionSpec:
    """What the pickers hold: enough to build the condition's text and to say it in words."""

    column: str
    operator: str  # an Operator key
    value: str = ""
    dates: bool = False  # the column holds dates (its words)

    @property
    def op(self) -> Operator:
        return BY_KEY[self.operator]

    @property
    def complete(self) -> bool:
        return bool(self.column) and (not self.op.needs_value or bool(self.value.strip()))

    def values(self) -> list[str]:
        """The typed list of a one-of / none-of condition, split at commas (、 too), each item trimmed."""
        text = self.value
        for separator in LIST_SEPARATORS[1:]:
            text = text.replace(separator, ",")
        return [item.strip() for item in text.split(",") if item.strip()]

    def text(self) -> str:
        """The condition in the ``--where`` syntax (:func:`exporter.filters.condition_text`)."""
        from exporter.filters import condition_text

        op = self.op
        if not op.needs_value:
            return condition_text(self.column, op.syntax)
        if op.is_list:
            return condition_text(self.column, op.syntax, self.values())
        if op.age:
            return condition_text(self.column, op.syntax, self.value.strip(), age=True)
        return condition_text(self.column, op.syntax, self.value.strip())

    def words(self) -> str:
        """The condition in plain words, in the wizard's language: 生年月日 が 1961/4/1 以前."""
        op = self.op
        column = shown_name(self.column)
        japanese = current_language() == "ja"
        value = ("、" if japanese else ", ").join(self.values()) if op.is_list else self.value.strip()
        if op.key == "age-at-least":
            return QCoreApplication.translate("Condition", "aged {value} or over by {column}").format(
                column=column, value=value
            )
        if op.key == "age-at-most":
            return QCoreApplication.translate("Condition", "aged {value} or under by {column}").format(
                column=column, value=value
            )
        label = operator_label(op, self.dates)
        if not op.needs_value:
            return QCoreApplication.translate("Condition", "{column} {operator}").format(column=column, operator=label)
        return f"{column} が {value} {label}" if japanese else f"{column} {label} {value}"


def check(spec: ConditionSpec, header: Sequence[str], reference_date: date) -> PlanError | None:
    """The core's refusal of this one condition (a value that is not a date where one is needed...), if any."""
    from exporter.filters import parse_filter

    try:
        parse_filter([[spec.text()]], header, reference_date=reference_date)
    except PlanError as problem:
        return problem
    return None


class ConditionRow(Retranslating, QWidget):
    """Column, operator and value pickers for one condition, its sentence of refusal below them."""

    changed = Signal()
    columnChosen = Signal(str)
    removeRequested = Signal()

    def __init__(self, header: Sequence[str], categories: Sequence[Category], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header = tuple(header)
        self._categories = dict(zip(header, categories, strict=True))
        self.column_combo = QComboBox()
        self.column_combo.setMaxVisibleItems(20)
        for name in self._header:
            self.column_combo.addItem(shown_name(name), name)
        self.operator_combo = QComboBox()
        self.column_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.column_combo.setMinimumContentsLength(min(max((len(name) for name in self._header), default=8), 24))
        self.value_edit = QLineEdit()
        self.value_edit.setClearButtonEnabled(True)
        self.particle = QLabel()  # が: the Japanese order reads column が value operator
        self.particle.setContentsMargins(4, 0, 4, 0)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.message = MessageLabel()
        self.column_combo.currentIndexChanged.connect(self._column_changed)
        self.operator_combo.currentIndexChanged.connect(self._operator_changed)
        self.value_edit.textChanged.connect(self.changed)
        self.remove_button.clicked.connect(self.removeRequested)
        self._pickers = QHBoxLayout()
        self._pickers.setContentsMargins(0, 0, 0, 0)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        layout.addLayout(self._pickers, 0, 0)
        layout.addWidget(self.message, 1, 0)
        self._order = ""
        self._fill_operators()
        self.retranslate_ui()

    def spec(self) -> ConditionSpec:
        column = self.column_combo.currentData() or ""
        return ConditionSpec(
            column, self.operator_combo.currentData() or "equals", self.value_edit.text(), self._dates()
        )

    def set_spec(self, column: str, operator: str, value: str = "") -> None:
        """Choose ``column``, ``operator`` (an Operator key) and type ``value`` (tests, screenshots)."""
        self.column_combo.setCurrentIndex(self._header.index(column))
        self.operator_combo.setCurrentIndex(self.operator_combo.findData(operator))
        self.value_edit.setText(value)

    def show_problem(self, problem: PlanError | None, incomplete: bool) -> None:
        if problem is not None:
            self.message.show_error(problem)
        elif incomplete:
            self.message.show_message(self.tr("Type a value."), "note")
        else:
            self.message.clear_message()

    def _dates(self) -> bool:
        return self._categories.get(self.column_combo.currentData() or "") == Category.BIRTH

    def _column_changed(self) -> None:
        self._fill_operators()
        self.columnChosen.emit(self.column_combo.currentData() or "")
        self.changed.emit()

    def _operator_changed(self) -> None:
        self._show_value()
        self.changed.emit()

    def _fill_operators(self) -> None:
        chosen = self.operator_combo.currentData() or "equals"
        category = self._categories.get(self.column_combo.currentData() or "", Category.OTHER)
        self.operator_combo.blockSignals(True)
        self.operator_combo.clear()
        for op in operators_for(category):
            self.operator_combo.addItem(operator_label(op, self._dates()), op.key)
        index = self.operator_combo.findData(chosen)
        self.operator_combo.setCurrentIndex(max(index, 0))
        self.operator_combo.blockSignals(False)
        self._show_value()

    def _show_value(self) -> None:
        op = BY_KEY[self.operator_combo.currentData() or "equals"]
        self.value_edit.setVisible(op.needs_value)
        if op.age:
            hint = self.tr("Age in years, such as 65")
        elif op.is_list:
            hint = self.tr("Values separated by commas")
        elif op.ordered or self._dates():
            hint = self.tr("A date (2026/4/1 or 令和8年4月1日) or a number")
        else:
            hint = self.tr("Value")
        self.value_edit.setPlaceholderText(hint)
        self.value_edit.setToolTip(hint)

    def _arrange(self) -> None:
        """Japanese: column が value operator; English: column operator value."""
        order = current_language()
        if order == self._order:
            return
        self._order = order
        while self._pickers.count():
            self._pickers.takeAt(0)
        widgets: tuple[QWidget, ...]
        if order == "ja":
            widgets = (self.column_combo, self.particle, self.value_edit, self.operator_combo)
        else:
            widgets = (self.column_combo, self.operator_combo, self.value_edit)
        self.particle.setVisible(order == "ja")
        for widget in widgets:
            self._pickers.addWidget(widget, 1 if widget is self.value_edit else 0)
        self._pickers.addStretch(0)
        self._pickers.addWidget(self.remove_button)

    def _widen_operators(self) -> None:
        """Every row's operator box as wide as the widest operator, so that the rows line up."""
        widest = max(
            self.operator_combo.fontMetrics().horizontalAdvance(operator_label(op, dates))
            for op in OPERATORS
            for dates in (False, True)
        )
        self.operator_combo.setMinimumWidth(widest + 3 * self.operator_combo.fontMetrics().height())

    def retranslate_ui(self) -> None:
        self._arrange()
        self._widen_operators()
        self.particle.setText("が")
        self.column_combo.setAccessibleName(self.tr("Column"))
        self.operator_combo.setAccessibleName(self.tr("Condition"))
        self.value_edit.setAccessibleName(self.tr("Value"))
        self.remove_button.setToolTip(self.tr("Remove this condition"))
        self.remove_button.setAccessibleName(self.tr("Remove this condition"))
        for index in range(self.operator_combo.count()):
            op = BY_KEY[self.operator_combo.itemData(index)]
            self.operator_combo.setItemText(index, operator_label(op, self._dates()))
        self._show_value()
