"""A passphrase field with a Show box beside it: hidden by default, shown while the box is ticked.

Every place where a person types or reads a passphrase uses it (Protection page, Open window, the key dialogs),
so they behave alike: the text never leaves the field except through :meth:`text`, and :meth:`clear` also hides
it again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import monospace_font


class PassphraseField(Retranslating, QWidget):
    """``edit`` (a password-mode QLineEdit) and ``show_box``; ``textChanged`` and ``textEdited`` are the edit's."""

    textChanged = Signal(str)
    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, monospace: bool = True) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        if monospace:
            self.edit.setFont(monospace_font())
        self.edit.textChanged.connect(self.textChanged)
        self.edit.textEdited.connect(self.textEdited)
        self.show_box = QCheckBox()
        self.show_box.toggled.connect(self._show_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_box)
        self.setFocusProxy(self.edit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.show_box.setText(self.tr("S&how"))
        self.show_box.setAccessibleName(self.tr("Show the passphrase"))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        """Forget what was typed and hide the field again."""
        self.edit.clear()
        self.show_box.setChecked(False)

    def set_shown(self, shown: bool) -> None:
        self.show_box.setChecked(shown)

    def shown(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Normal

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def setAccessibleName(self, name: str) -> None:
        self.edit.setAccessibleName(name)

    def _show_toggled(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
