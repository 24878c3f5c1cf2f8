"""The recipient's key card: the public key, the signing key derived from the same key (for receipts and deletion
statements, when the card was made from the identity) and the check code of both, to copy or save as a small text
file for the sender, with the plain warning that only these public keys are to be sent, never the secret key.

The card's text (what Copy and Save write) comes from the core (:func:`exporter.gui.key_store.card_text`), so the
card saved here, the one ``exporter keygen`` writes and the check code the clerk reads aloud all agree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui import key_store
from exporter.gui.check_codes import code_html
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, monospace_font
from exporter.keys import KeyCard

WARNING_STYLE = "background: #fff4e5; color: #6d3a00; border: 1px solid #e6a23c; border-radius: 4px; padding: 6px;"


class KeyCardDialog(Retranslating, QDialog):
    """Shows ``card``'s public key (age1…), its signing key (RW…, when it has one) and their check code;
    ``secret_path`` is where the secret key stays. A bare public key makes a card without a signing key."""

    def __init__(self, card: KeyCard | str, secret_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card if isinstance(card, KeyCard) else KeyCard(card)
        public_key = self.public_key = self.card.public_key
        self.secret_path = secret_path
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_caption = QLabel()
        self.key_field = QLineEdit(public_key)
        self.key_field.setReadOnly(True)
        self.key_field.setFont(monospace_font())
        self.key_field.setMinimumWidth(self.key_field.fontMetrics().horizontalAdvance(public_key) + 24)
        self.key_caption.setBuddy(self.key_field)
        self.signing_caption = QLabel()
        self.signing_field = QLineEdit(self.card.signing_key or "")
        self.signing_field.setReadOnly(True)
        self.signing_field.setFont(monospace_font())
        self.signing_caption.setBuddy(self.signing_field)
        self.signing_caption.setVisible(self.card.signing_key is not None)
        self.signing_field.setVisible(self.card.signing_key is not None)
        self.code_caption = QLabel()
        self.code_label = QLabel()
        self.code_label.setTextFormat(Qt.TextFormat.RichText)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.message = MessageLabel()

        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_card)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_caption)
        layout.addWidget(self.key_field)
        layout.addWidget(self.signing_caption)
        layout.addWidget(self.signing_field)
        layout.addWidget(self.code_caption)
        layout.addWidget(self.code_label)
        layout.addWidget(self.warning)
        layout.addWidget(self.where)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Your key card"))
        self.intro.setText(
            self.tr(
                "Send this card to the sender (for example the city office) by e-mail or on paper. They encrypt "
                "the files for you with this public key, and read the check code to you on the phone."
            )
        )
        self.key_caption.setText(self.tr("Your &public key:"))
        self.key_field.setAccessibleName(self.tr("Your public key"))
        self.signing_caption.setText(self.tr("Your &signing key (for receipts and deletion statements):"))
        self.signing_field.setAccessibleName(self.tr("Your signing key"))
        if self.card.signing_key is None:
            self.code_caption.setText(self.tr("Check code (confirm it with the sender on the phone):"))
        else:
            self.code_caption.setText(self.tr("Check code of both keys (confirm it with the sender on the phone):"))
        self.code_label.setText(code_html(self.card.check_code))
        self.code_label.setAccessibleName(self.tr("Check code"))
        if self.card.signing_key is None:
            warning = self.tr(
                "Send only this public key. Never send your secret key (the key file), and never tell anyone its "
                "passphrase."
            )
        else:
            warning = self.tr(
                "Send only these two public keys. Never send your secret key (the key file), and never tell anyone "
                "its passphrase."
            )
        self.warning.setText(warning)
        if self.secret_path is not None:
            self.where.setText(
                self.tr("Your secret key stays on this computer: {path}").format(path=safe_text(str(self.secret_path)))
            )
        self.where.setVisible(self.secret_path is not None)
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the key card (public keys and check code)"))
        self.save_button.setText(self.tr("&Save as text file…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("C&lose"))

    def card_text(self) -> str:
        return key_store.card_text(self.card)

    def copy_card(self) -> None:
        """The card's text (the public key with the check code) to the clipboard: nothing secret is in it."""
        QGuiApplication.clipboard().setText(self.card_text())
        self.message.show_message(self.tr("Copied. Paste it into an e-mail to the sender."), "ok")

    def choose_file(self) -> None:
        start = str(Path.home() / self.tr("my-public-key.txt"))
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the key card"), start, self.tr("Text (*.txt)"))
        if name:
            self.save_card(Path(name))

    def save_card(self, path: Path) -> None:
        """Write the card to ``path`` (a new file; an existing one is not overwritten) and say where it went."""
        try:
            key_store.save_card(path, self.card)
        except ExporterError as err:
            self.message.show_error(err)
            return
        self.message.show_message(
            self.tr("Saved: {path}. Send this file to the sender; it holds only your public key.").format(
                path=safe_text(str(path))
            ),
            "ok",
        )
