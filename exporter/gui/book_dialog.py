"""Add a pasted recipient key to the address book, from the Protection page: a name, the organisation, and whether
the check code was confirmed with the recipient on the phone (the date is recorded when it was). When a key card
was pasted whole, its signing key (RW…) is shown and stored too, and the code to confirm is the key set's code (the
one on the recipient's card).

The book is the core's (:func:`exporter.keys.add_recipient`): it refuses a name or key already there, and a book
that IT locked; its sentence is shown here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from exporter.errors import ExporterError
from exporter.gui import key_store
from exporter.gui.check_codes import code_html, read_aloud_sentence
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, error_text, monospace_font
from exporter.keys.check_code import key_set_check_code


class AddRecipientDialog(Retranslating, QDialog):
    """Name the recipient whose public key is ``key`` (and signing key ``signing_key``, from a pasted key card);
    after ``accept()``, :attr:`added` is the name stored."""

    def __init__(self, key: str, parent: QWidget | None = None, *, signing_key: str | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.signing_key = signing_key
        self.added: str | None = None
        self.key_field = QLineEdit(key)
        self.key_field.setReadOnly(True)
        self.key_field.setFont(monospace_font())
        self.key_field.setMinimumWidth(self.key_field.fontMetrics().horizontalAdvance(key) + 24)
        self.signing_field = QLineEdit(signing_key or "")
        self.signing_field.setReadOnly(True)
        self.signing_field.setFont(monospace_font())
        self.signing_caption = QLabel()
        self.read_aloud = QLabel()
        self.read_aloud.setWordWrap(True)
        self.code_label = QLabel()
        self.code_label.setTextFormat(Qt.TextFormat.RichText)
        self.confirmed_box = QCheckBox()
        self.name_edit = QLineEdit()
        self.name_edit.textChanged.connect(self._changed)
        self.organisation_edit = QLineEdit()
        self.key_caption, self.name_label, self.organisation_label = QLabel(), QLabel(), QLabel()
        self.name_label.setBuddy(self.name_edit)
        self.organisation_label.setBuddy(self.organisation_edit)
        form = QFormLayout()
        form.addRow(self.key_caption, self.key_field)
        if signing_key is not None:
            form.addRow(self.signing_caption, self.signing_field)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.organisation_label, self.organisation_edit)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.read_aloud)
        layout.addWidget(self.code_label)
        layout.addWidget(self.confirmed_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add to the address book"))
        self.key_caption.setText(self.tr("Public key:"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_edit.setPlaceholderText(self.tr("How the clerk will find them, e.g. Mirai Call Centre"))
        self.organisation_label.setText(self.tr("&Organisation:"))
        self.read_aloud.setText(read_aloud_sentence())
        self.signing_caption.setText(self.tr("Signing key (for receipts):"))
        self.code_label.setText(code_html(key_set_check_code(self.key, self.signing_key)))
        self.confirmed_box.setText(self.tr("The recipient &confirmed this check code today"))
        self.add_button.setText(self.tr("&Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _changed(self) -> None:
        self.add_button.setEnabled(bool(self.name_edit.text().strip()))

    def add(self) -> None:
        """Store the entry through the core; a refusal stays on screen, one sentence."""
        name = self.name_edit.text().strip()
        confirmed = date.today() if self.confirmed_box.isChecked() else None
        try:
            entry = key_store.add_to_book(
                name, self.key, self.organisation_edit.text().strip(), confirmed, self.signing_key
            )
        except ExporterError as err:
            self.message.show_message(error_text(err), "error")
            return
        self.added = entry.name
        self.accept()
