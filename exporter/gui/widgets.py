"""Small pieces the pages share: category badges, the passphrase strength meter, message labels."""

from __future__ import annotations

import html
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from exporter.classify import SENSITIVE_CATEGORIES, Category
from exporter.display import safe_text
from exporter.errors import ExporterError

CATEGORY_ROLE = int(Qt.ItemDataRole.UserRole) + 1
TOOLTIP_CHARS = 2000  # a tooltip shows at most this much of a value or a path

# Background colours with white text (contrast >= 4.5:1); the label always names the kind, colour only helps.
_COLOURS: dict[Category, str] = {
    Category.MY_NUMBER: "#b71c1c",
    Category.FINANCIAL: "#ad1457",
    Category.TAX: "#6a1b9a",
    Category.SPECIAL: "#bf360c",
    Category.IDENTIFIER: "#1565c0",
    Category.NAME: "#2e7d32",
    Category.ADDRESS: "#00695c",
    Category.CONTACT: "#0277bd",
    Category.BIRTH: "#4e342e",
    Category.GENDER: "#37474f",
    Category.FREE_TEXT: "#5d4037",
    Category.OTHER: "#616161",
}


def category_label(category: Category) -> str:
    labels = {
        Category.MY_NUMBER: QCoreApplication.translate("Category", "My Number"),
        Category.IDENTIFIER: QCoreApplication.translate("Category", "Identifier"),
        Category.NAME: QCoreApplication.translate("Category", "Name"),
        Category.ADDRESS: QCoreApplication.translate("Category", "Address"),
        Category.CONTACT: QCoreApplication.translate("Category", "Contact"),
        Category.BIRTH: QCoreApplication.translate("Category", "Birth date"),
        Category.GENDER: QCoreApplication.translate("Category", "Gender"),
        Category.FINANCIAL: QCoreApplication.translate("Category", "Bank account"),
        Category.TAX: QCoreApplication.translate("Category", "Tax"),
        Category.SPECIAL: QCoreApplication.translate("Category", "Special care"),
        Category.FREE_TEXT: QCoreApplication.translate("Category", "Free text (check)"),
        Category.OTHER: QCoreApplication.translate("Category", "Other"),
    }
    label = labels[category]
    return f"⚠ {label}" if category in SENSITIVE_CATEGORIES else label


def free_text_note() -> str:
    """Why a free-text column (notes, remarks: 備考) is marked: it may hold sensitive data of any kind."""
    return QCoreApplication.translate(
        "Category",
        "Free text may hold anything, such as health, family or debt matters. Read its values before you keep it.",
    )


def category_colour(category: Category) -> QColor:
    return QColor(_COLOURS[category])


class BadgeDelegate(QStyledItemDelegate):
    """Paints the category as a rounded, coloured badge sized from the font, so it grows with scaling."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        category = _category(index.data(CATEGORY_ROLE))
        if category is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        text = category_label(category)
        font = _bold(option.font)
        metrics = QFontMetrics(font)
        pad = _padding(metrics)
        height = metrics.height() + pad
        width = min(metrics.horizontalAdvance(text) + 2 * pad, option.rect.width() - pad)
        badge = QRect(option.rect.x() + pad // 2, option.rect.center().y() - height // 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(category_colour(category))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        category = _category(index.data(CATEGORY_ROLE))
        self.initStyleOption(option, index)
        size = super().sizeHint(option, index)
        if category is None:
            return size
        metrics = QFontMetrics(_bold(option.font))
        pad = _padding(metrics)
        width = metrics.horizontalAdvance(category_label(category)) + 3 * pad
        return QSize(max(size.width(), width), max(size.height(), metrics.height() + 2 * pad))


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _padding(metrics: QFontMetrics) -> int:
    return max(metrics.height() // 3, 3)


def _category(value: object) -> Category | None:
    """The role's value comes back from Qt as a plain str: turn it into the enum again."""
    try:
        return Category(str(value)) if value is not None else None
    except ValueError:
        return None


class StrengthMeter(QProgressBar):
    """How hard a passphrase is to guess, in five steps, with the verdict written out (not only a colour)."""

    STEPS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, self.STEPS)
        self.setTextVisible(True)
        self.set_bits(None, acceptable=False)

    def set_bits(self, bits: float | None, *, acceptable: bool) -> None:
        if bits is None:
            step, text, colour = 0, QCoreApplication.translate("StrengthMeter", "No passphrase yet"), "#9e9e9e"
        elif not acceptable:
            step = 1 if bits < 28 else 2
            text = QCoreApplication.translate("StrengthMeter", "Too weak: about %n bits", "", int(bits))
            colour = "#c62828"
        else:
            step = 3 if bits < 60 else 4
            text = QCoreApplication.translate("StrengthMeter", "Strong enough: about %n bits", "", int(bits))
            colour = "#2e7d32"
        self.setValue(step)
        self.setFormat(text)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colour))
        self.setPalette(palette)
        self.setAccessibleDescription(text)


class MessageLabel(QLabel):
    """A word-wrapped sentence for errors, warnings or notes; selectable so it can be copied into a ticket."""

    COLOURS: ClassVar[dict[str, str]] = {
        "error": "#b71c1c",
        "warning": "#8d4b00",
        "note": "palette(window-text)",
        "ok": "#1b5e20",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_message(self, text: str, kind: str = "note") -> None:
        """Show ``text`` as plain text; a sentence may name a file or quote a value, so controls are made visible
        (line feeds between a message and its hint stay line breaks)."""
        self.setStyleSheet(f"color: {self.COLOURS[kind]};")
        self.setText(safe_text(text, multiline=True))
        self.setVisible(bool(text))

    def show_error(self, err: ExporterError) -> None:
        self.show_message(error_text(err), "error")

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def data_label() -> QLabel:
    """A label for text that came from a file or an archive (names, paths, values): never rich text, selectable."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def plain_tooltip(text: str, *, max_chars: int = TOOLTIP_CHARS) -> str:
    """A tooltip that shows ``text`` exactly as written, controls made visible, line breaks kept.

    Qt guesses whether a tooltip is rich text (``Qt::mightBeRichText``), so ``<b>x</b>`` or ``<img src=...>`` in
    a file name or a value would be rendered, and escaping alone would show ``&lt;``: the escaped text is wrapped
    in a paragraph, which makes it rich text for certain, that shows the original characters. An empty text gives
    an empty tooltip (none at all).
    """
    if not text:
        return ""
    shown = safe_text(text.replace("\r\n", "\n"), max_chars=max_chars, multiline=True)
    return f"<p style='white-space:pre-wrap'>{html.escape(shown, quote=False)}</p>"


def error_text(err: ExporterError) -> str:
    """The core's sentence and its hint on the next line, in the wizard's language (the catalogue's rendering)."""
    hint = err.hint_text()
    return f"{err}\n{hint}" if hint else str(err)


def english_plural(text: str, count: int) -> str:
    """Qt's "%n column(s)" convention read right even when no English plural catalogue is installed."""
    return text.replace("(s)", "" if count == 1 else "s")


def monospace_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


FILE_DIALOG_SIZE = QSize(820, 520)  # wide enough for the name, size and the whole date of a file at 100 % and 150 %


def file_dialog(
    parent: QWidget | None,
    caption: str,
    folder: str,
    name_filter: str = "",
    *,
    save: bool = False,
) -> QFileDialog:
    """Qt's file dialog worded entirely in the window's language, with whole dates.

    Qt's own Japanese catalogue (qtbase_ja) leaves "Look in:" and "Files of type:" in English, and the detail
    view's columns are too narrow for a date: where Qt's own dialog is used (Linux without a desktop's dialog; the
    native dialogs of Windows and macOS already speak the system's language) the labels are worded here and the
    columns sized to what they hold. The type column, worded by the platform in English, is hidden: the filter
    below the list already names the kinds of file.
    """
    dialog = QFileDialog(parent, caption, folder, name_filter)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    look_in = dialog.findChild(QLabel, "lookInLabel")
    if look_in is None:  # a native dialog: the system words it
        return dialog
    look_in.setText(QCoreApplication.translate("FileDialog", "&Look in:"))
    file_type = dialog.findChild(QLabel, "fileTypeLabel")
    if file_type is not None:
        file_type.setText(QCoreApplication.translate("FileDialog", "Files of &type:"))
    file_name = dialog.findChild(QLabel, "fileNameLabel")
    if file_name is not None:
        file_name.setText(QCoreApplication.translate("FileDialog", "File &name:"))
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None:
        view.setColumnHidden(2, True)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
    dialog.resize(FILE_DIALOG_SIZE.expandedTo(dialog.sizeHint()))
    return dialog


def chosen_file(dialog: QFileDialog) -> str:
    """Run ``dialog``; the file chosen, or "" when it was cancelled."""
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]
