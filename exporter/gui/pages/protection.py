"""Page 4: who can open the archive. Recommended: the recipient's public key. Fallback: one strong passphrase."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from exporter.display import safe_text
from exporter.envelope import X25519Recipient, parse_recipients_file
from exporter.errors import ExporterError
from exporter.gui.pages.base import Page
from exporter.gui.widgets import MessageLabel, StrengthMeter, error_text, monospace_font
from exporter.passphrase import estimate, generate, generated_bits
from exporter.plan import Secret

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

CLIPBOARD_SECONDS = 60


def fingerprint(recipient: str) -> str:
    """What to read aloud: eight characters from each end of the key, in fours (age1 qx3f 7a0c … m4t8 9k2d).

    Sixteen characters are 80 bits: nobody can make a key of their own that sounds the same over the phone,
    which four characters from each end (40 bits, half of them checksum) would not guarantee.
    """
    data = recipient.strip()[len("age1") :]
    return f"age1 {data[:4]} {data[4:8]} … {data[-8:-4]} {data[-4:]}"


class ProtectionPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self._file_problem: Callable[[], str] | None = None  # why the recipients file was refused
        self._copied_note = False  # the passphrase note says it was copied
        self.key_radio = QRadioButton()
        self.passphrase_radio = QRadioButton()
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.key_radio)
        self.mode.addButton(self.passphrase_radio)
        self.key_radio.setChecked(True)
        self.key_radio.toggled.connect(self._mode_changed)

        self.key_edit = QPlainTextEdit()
        self.key_edit.setTabChangesFocus(True)
        self.key_edit.setFont(monospace_font())
        self.key_edit.setFixedHeight(self.key_edit.fontMetrics().lineSpacing() * 3 + 16)
        self.key_edit.textChanged.connect(self._keys_changed)
        self.file_button = QPushButton()
        self.file_button.clicked.connect(self._load_recipients_file)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextFormat(Qt.TextFormat.RichText)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_error = MessageLabel()

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setFont(monospace_font())
        self.passphrase_edit.textChanged.connect(self._passphrase_changed)
        self.show_box = QCheckBox()
        self.show_box.toggled.connect(self._show_toggled)
        self.generate_button = QPushButton()
        self.generate_button.clicked.connect(self.generate_passphrase)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_passphrase)
        self.meter = StrengthMeter()
        self.passphrase_note = MessageLabel()
        self.channel = channel = QLabel()
        channel.setWordWrap(True)
        self._generated = ""
        self._copied = ""

        key_box = QGridLayout()
        key_box.setContentsMargins(24, 0, 0, 0)
        key_box.addWidget(self.key_edit, 0, 0, 1, 2)
        key_box.addWidget(self.file_button, 1, 0)
        key_box.addWidget(self.fingerprint_label, 2, 0, 1, 2)
        key_box.addWidget(self.key_error, 3, 0, 1, 2)
        key_box.setColumnStretch(1, 1)
        phrase_row = QHBoxLayout()
        phrase_row.addWidget(self.passphrase_edit, 1)
        phrase_row.addWidget(self.show_box)
        phrase_row.addWidget(self.generate_button)
        phrase_row.addWidget(self.copy_button)
        phrase_box = QVBoxLayout()
        phrase_box.setContentsMargins(24, 0, 0, 0)
        phrase_box.addLayout(phrase_row)
        phrase_box.addWidget(self.meter)
        phrase_box.addWidget(self.passphrase_note)
        phrase_box.addWidget(channel)
        self._passphrase_widgets = (self.passphrase_edit, self.show_box, self.generate_button, self.copy_button,
                                    self.meter, channel)  # fmt: skip
        self._key_widgets = (self.key_edit, self.file_button, self.fingerprint_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.key_radio)
        layout.addLayout(key_box)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.passphrase_radio)
        layout.addLayout(phrase_box)
        layout.addStretch(1)
        for first, second in (
            (self.key_radio, self.key_edit),
            (self.key_edit, self.file_button),
            (self.file_button, self.passphrase_radio),
            (self.passphrase_radio, self.passphrase_edit),
            (self.passphrase_edit, self.show_box),
            (self.show_box, self.generate_button),
            (self.generate_button, self.copy_button),
        ):
            self.setTabOrder(first, second)
        self._mode_changed()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Protection"))
        self.setSubTitle(self.tr("Choose who can open the archive."))
        self.key_radio.setText(self.tr("The recipient's &key (recommended)"))
        self.passphrase_radio.setText(self.tr("A &passphrase"))
        self.key_edit.setPlaceholderText(self.tr("Paste the recipient's public key here: age1…"))
        self.key_edit.setAccessibleName(self.tr("Recipient's public key"))
        self.file_button.setText(self.tr("Load a recipients &file…"))
        self.fingerprint_label.setAccessibleName(self.tr("Key fingerprint to read aloud"))
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.show_box.setText(self.tr("S&how"))
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate a passphrase of easily spoken words"))
        self.copy_button.setText(self.tr("C&opy"))
        self.copy_button.setAccessibleName(self.tr("Copy the passphrase; the clipboard is cleared after a minute"))
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.channel.setText(
            self.tr(
                "Tell the recipient the passphrase by another way than the file: by phone or in person, "
                "never in the same e-mail or on the same medium."
            )
        )
        self._show_keys()
        self._show_passphrase_note()

    # -- state ---------------------------------------------------------------------------------------------

    def recipients(self) -> tuple[str, ...] | None:
        """The pasted keys, or None if a line is not a key (the error is shown)."""
        keys, _problem = self._parse_keys()
        return keys

    def _parse_keys(self) -> tuple[tuple[str, ...] | None, ExporterError | None]:
        """The pasted keys, or None and why the first line that is not a key was refused (never quoting it)."""
        keys = []
        for line in self.key_edit.toPlainText().splitlines():
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            try:
                keys.append(str(X25519Recipient.parse(text)))
            except ExporterError as err:
                return None, err
        return tuple(dict.fromkeys(keys)), None

    def isComplete(self) -> bool:
        if self.key_radio.isChecked():
            return bool(self.recipients())
        return self._strength_ok(self.passphrase_edit.text())

    def validatePage(self) -> bool:
        if self.key_radio.isChecked():
            self.draft.recipients, self.draft.passphrase = self.recipients() or (), None
        else:
            self.draft.recipients, self.draft.passphrase = (), Secret(self.passphrase_edit.text())
        return self.isComplete()

    def using_passphrase(self) -> bool:
        return self.passphrase_radio.isChecked()

    # -- the recipient's key -------------------------------------------------------------------------------

    def set_recipients(self, keys: tuple[str, ...] | list[str]) -> None:
        self.key_radio.setChecked(True)
        self.key_edit.setPlainText("\n".join(keys))

    def _keys_changed(self) -> None:
        self._file_problem = None
        self._show_keys()
        self.completeChanged.emit()

    def _show_keys(self) -> None:
        text = self.key_edit.toPlainText().strip()
        keys, problem = self._parse_keys()
        if not text:
            self.fingerprint_label.setText(self.tr("No key yet. Ask the recipient for their public key."))
            self.key_error.clear_message()
        elif keys is None and problem is not None and "AGE-SECRET-KEY-" in text.upper():
            self.fingerprint_label.setText("")  # a secret key was pasted: say so, and that a new one is needed
            self.key_error.show_message(error_text(problem), "error")
        elif keys is None:
            self.fingerprint_label.setText("")
            self.key_error.show_message(
                self.tr("This is not a recipient key. A key starts with age1 and is 62 characters long."), "error"
            )
        else:
            prints = "<br>".join(html.escape(fingerprint(key)) for key in keys)
            self.fingerprint_label.setText(
                html.escape(self.tr("Read this aloud to the recipient to check the key:"))
                + f"<br><span style='font-family:monospace; font-size:x-large; font-weight:bold'>{prints}</span>"
            )
            self.key_error.clear_message()
        if self._file_problem is not None:
            self.key_error.show_message(self._file_problem(), "error")

    def _load_recipients_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a recipients file"))
        if name:
            self.load_recipients_file(Path(name))

    def load_recipients_file(self, path: Path) -> None:
        """Read a recipients file within its size limit (exporter.keyfiles); a refusal names the file and line."""
        from exporter.keyfiles import RECIPIENTS_FILE, read_small_file

        try:
            text = read_small_file(path, RECIPIENTS_FILE).text
            recipients = parse_recipients_file(text, path.name)
        except ExporterError as err:
            refused = err
            self._refuse_file(lambda: safe_text(error_text(refused), multiline=True))
            return
        self.set_recipients([str(recipient) for recipient in recipients])

    def _refuse_file(self, problem: Callable[[], str]) -> None:
        """Show why the file was refused; ``problem`` words it again after a language change."""
        self._file_problem = problem
        self._show_keys()

    # -- the passphrase ------------------------------------------------------------------------------------

    def generate_passphrase(self) -> None:
        self.passphrase_radio.setChecked(True)
        self._generated = generate()
        self.passphrase_edit.setText(self._generated)
        self.show_box.setChecked(True)

    def copy_passphrase(self) -> None:
        text = self.passphrase_edit.text()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self._copied = text
        QTimer.singleShot(CLIPBOARD_SECONDS * 1000, self, self.clear_clipboard)
        self._copied_note = True
        self._show_passphrase_note()

    def clear_clipboard(self) -> None:
        """Empty the clipboard if it still holds the passphrase we put there (not what the clerk copied since)."""
        clipboard = QGuiApplication.clipboard()
        if self._copied and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = ""

    def _passphrase_changed(self, text: str) -> None:
        if text and not self.passphrase_radio.isChecked():
            self.passphrase_radio.setChecked(True)
        self._copied_note = False
        self._show_passphrase_note()
        self.completeChanged.emit()

    def _show_passphrase_note(self) -> None:
        """The meter and the sentence under it, from the passphrase as it is now."""
        text = self.passphrase_edit.text()
        if not text:
            self.meter.set_bits(None, acceptable=False)
            self.passphrase_note.clear_message()
        elif text == self._generated:
            self.meter.set_bits(generated_bits(text), acceptable=True)
            self.passphrase_note.show_message(self.tr("Generated from easily spoken words."), "ok")
        else:
            strength = estimate(text)
            self.meter.set_bits(strength.bits, acceptable=strength.acceptable)
            if strength.acceptable:
                self.passphrase_note.clear_message()
            else:
                self.passphrase_note.show_message(
                    self.tr("Too easy to guess. Press Generate, or use a longer phrase of unrelated words."), "error"
                )
        if self._copied_note:
            self.passphrase_note.show_message(
                self.tr("Copied. The clipboard is emptied in %n seconds.", "", CLIPBOARD_SECONDS), "note"
            )

    def _strength_ok(self, text: str) -> bool:
        return bool(text) and (text == self._generated or estimate(text).acceptable)

    def _show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)

    def _mode_changed(self) -> None:
        keys = self.key_radio.isChecked()
        for widget in self._key_widgets:
            widget.setEnabled(keys)
        for widget in self._passphrase_widgets:
            widget.setEnabled(not keys)
        self.completeChanged.emit()
