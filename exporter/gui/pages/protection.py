"""Page 4: who can open the archive. Recommended: recipients' keys, picked by name from the address book or pasted,
each with the check code to read aloud; the office too when it has a key. Fallback: one generated passphrase.

Below: whether instructions for the recipient are written beside the archive (on by default) and whether they
name the purpose (off: the purpose may say more than a contractor's mail room should read).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exporter.errors import ExporterError
from exporter.gui.book_dialog import AddRecipientDialog
from exporter.gui.pages.base import Page
from exporter.gui.passphrase_view import reading_groups
from exporter.gui.passphrase_view import refusal as passphrase_refusal
from exporter.gui.passphrase_view import typo as passphrase_typo
from exporter.gui.policy_view import office_fixed, office_in_force, office_refusal
from exporter.gui.recipient_picker import RecipientPicker
from exporter.gui.secret_field import PassphraseField
from exporter.gui.widgets import MessageLabel, StrengthMeter, error_text, monospace_font
from exporter.passphrase import GENERATED_BITS, estimate, generate, is_generated
from exporter.plan import Secret

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

CLIPBOARD_SECONDS = 60


class ProtectionPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self._copied_note = False  # the passphrase note says it was copied
        self.key_radio = QRadioButton()
        self.passphrase_radio = QRadioButton()
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.key_radio)
        self.mode.addButton(self.passphrase_radio)
        self.key_radio.setChecked(True)
        self.key_radio.toggled.connect(self._mode_changed)

        self.picker = RecipientPicker()
        self.picker.changed.connect(self.completeChanged)
        self.picker.add_requested.connect(self.add_to_book)
        self.add_dialog: AddRecipientDialog | None = None
        self.key_edit = self.picker.key_edit  # the names tests and screenshots use
        self.key_error = self.picker.key_error
        self.codes_label = self.picker.codes_label

        self.passphrase_field = PassphraseField()
        self.passphrase_edit = self.passphrase_field.edit
        self.show_box = self.passphrase_field.show_box
        self.passphrase_field.textChanged.connect(self._passphrase_changed)
        self.generate_button = QPushButton()
        self.generate_button.clicked.connect(self.generate_passphrase)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_passphrase)
        self.meter = StrengthMeter()
        # a generated passphrase, large and in its groups for reading aloud; shown only while Show is ticked
        self.groups_label = QLabel()
        self.groups_label.setTextFormat(Qt.TextFormat.PlainText)
        self.groups_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = monospace_font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.groups_label.setFont(font)
        self.groups_label.hide()
        self.show_box.toggled.connect(lambda _shown: self._show_groups())
        self.passphrase_note = MessageLabel()
        self.channel = channel = QLabel()
        channel.setWordWrap(True)
        self.office_waiver = QCheckBox()  # a passphrase archive cannot also be for the office: say so, and ask
        self.office_waiver.toggled.connect(self.completeChanged)
        self.office_waiver.hide()
        self.waiver_note = QLabel()
        self.waiver_note.setWordWrap(True)
        self.waiver_note.hide()
        self._office = False
        self._office_key: tuple[str, str] | None = None  # the office key in force: (name, key)
        self._copied = ""
        self.passphrase_lock = MessageLabel()  # why the policy does not allow a passphrase (rule, policy file)
        self.passphrase_lock.hide()

        self.instructions_box = QCheckBox()
        self.instructions_box.setChecked(True)
        self.instructions_box.toggled.connect(self._instructions_toggled)
        self.purpose_box = QCheckBox()
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.open_settings)

        phrase_row = QHBoxLayout()
        phrase_row.addWidget(self.passphrase_field, 1)
        phrase_row.addWidget(self.generate_button)
        phrase_row.addWidget(self.copy_button)
        phrase_box = QVBoxLayout()
        phrase_box.setContentsMargins(24, 0, 0, 0)
        phrase_box.addLayout(phrase_row)
        phrase_box.addWidget(self.groups_label)
        phrase_box.addWidget(self.meter)
        phrase_box.addWidget(self.passphrase_note)
        phrase_box.addWidget(channel)
        phrase_box.addWidget(self.office_waiver)
        phrase_box.addWidget(self.waiver_note)
        self._passphrase_widgets = (self.passphrase_field, self.generate_button, self.copy_button, self.meter,
                                    channel, self.office_waiver, self.waiver_note)  # fmt: skip
        key_box = QVBoxLayout()
        key_box.setContentsMargins(24, 0, 0, 0)
        key_box.addWidget(self.picker)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.key_radio)
        column.addLayout(key_box)
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(self.passphrase_radio)
        column.addWidget(self.passphrase_lock)
        column.addLayout(phrase_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes between the controls, which scroll into view
        bottom = QHBoxLayout()
        options = QVBoxLayout()
        options.addWidget(self.instructions_box)
        options.addWidget(self.purpose_box)
        bottom.addLayout(options, 1)
        bottom.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        for first, second in (
            (self.key_radio, self.picker.book),
            (self.picker.book, self.key_edit),
            (self.key_edit, self.picker.file_button),
            (self.picker.file_button, self.picker.add_button),
            (self.picker.add_button, self.passphrase_radio),
            (self.passphrase_radio, self.passphrase_edit),
            (self.passphrase_edit, self.show_box),
            (self.show_box, self.generate_button),
            (self.generate_button, self.copy_button),
            (self.copy_button, self.instructions_box),
            (self.instructions_box, self.purpose_box),
            (self.purpose_box, self.settings_button),
        ):
            self.setTabOrder(first, second)
        self._mode_changed()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Protection"))
        self.setSubTitle(self.tr("Choose who can open the archive."))
        self.key_radio.setText(self.tr("The recipients' &keys (recommended)"))
        self.passphrase_radio.setText(self.tr("A &passphrase"))
        self.passphrase_field.setAccessibleName(self.tr("Passphrase"))
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate a passphrase of digit groups to read aloud"))
        self.copy_button.setText(self.tr("C&opy"))
        self.copy_button.setAccessibleName(self.tr("Copy the passphrase; the clipboard is cleared after a minute"))
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.channel.setText(
            self.tr(
                "Tell the recipient the passphrase by another way than the file: by phone or in person, "
                "never in the same e-mail or on the same medium."
            )
        )
        self.instructions_box.setText(self.tr("Write &instructions beside the archive (how to open and check it)"))
        self.purpose_box.setText(self.tr("Include the p&urpose in the instructions"))
        self.settings_button.setText(self.tr("Se&ttings…"))
        self.settings_button.setAccessibleName(self.tr("Settings: the office key"))
        self.office_waiver.setText(self.tr("Export &without the copy for our office"))
        self.waiver_note.setText(
            self.tr(
                "A passphrase cannot be combined with the office key, so the office will not be able to reopen "
                "an archive protected by a passphrase. Tick the box above to export it anyway."
            )
        )
        self._show_passphrase_note()
        self.apply_policy()  # the policy's sentences, in the new language

    def initializePage(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Read the address book and the office key again (they are files other programs may change)."""
        from exporter.gui import key_store

        problems: list[ExporterError] = []
        try:
            self.picker.set_book(key_store.address_book())
        except ExporterError as err:  # a broken book: pasting still works, and the sentence names the file
            self.picker.set_book(())
            problems.append(err)
        self.picker.set_book_locked(key_store.book_locked())
        try:
            office = office_in_force(self.draft)  # the policy's office key when it sets one, as the export takes it
        except ExporterError as err:  # broken settings: the export would stop on them too, so say it now
            office = None
            problems.append(err)
        self._office_key = office
        self.picker.set_problems(problems)
        self._office = self.draft.office = office is not None
        self.apply_policy()
        self._show_waiver()

    def apply_policy(self) -> None:
        """Show what the IT policy locks here (:func:`exporter.gui.policy_view.show_protection_locks`)."""
        from exporter.gui.policy_view import show_protection_locks

        show_protection_locks(self)
        fixed = office_fixed(self.draft) is not None
        self.picker.set_office(self._office_key, office_refusal(self.draft, self._office_key), fixed=fixed)
        self._mode_changed()

    def _show_waiver(self) -> None:
        """The office waiver only matters for a passphrase, and only when the office has a key."""
        shown = self._office and self.passphrase_radio.isChecked()
        self.office_waiver.setVisible(shown)
        self.waiver_note.setVisible(shown)

    # -- state ---------------------------------------------------------------------------------------------

    def recipients(self) -> tuple[str, ...] | None:
        """The chosen keys, or None if a pasted line is not a key (the error is shown)."""
        chosen = self.picker.chosen()
        return None if chosen is None else tuple(recipient.key for recipient in chosen)

    def isComplete(self) -> bool:
        if self.key_radio.isChecked():
            return bool(self.recipients())
        if self._office and not self.office_waiver.isChecked():
            return False
        return self._strength_ok(self.passphrase_field.text())

    def validatePage(self) -> bool:
        chosen = self.picker.chosen() or ()
        if self.key_radio.isChecked():
            self.draft.recipients, self.draft.passphrase = tuple(recipient.key for recipient in chosen), None
            self.draft.recipient_names = tuple(recipient.name for recipient in chosen)
        else:
            self.draft.recipients, self.draft.passphrase = (), Secret(self.passphrase_field.text())
            self.draft.recipient_names = ()
        self.draft.without_office_key = self._office and self.passphrase_radio.isChecked()
        self.draft.instructions = self.instructions_box.isChecked()
        self.draft.instructions_purpose = self.instructions_box.isChecked() and self.purpose_box.isChecked()
        return self.isComplete()

    def using_passphrase(self) -> bool:
        return self.passphrase_radio.isChecked()

    def _instructions_toggled(self, on: bool) -> None:
        self.purpose_box.setEnabled(on)

    def open_settings(self) -> None:
        from exporter.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self, fixed=office_fixed(self.draft), refusal=lambda key, name: office_refusal(self.draft, (name, key))
        )
        dialog.exec()
        self.refresh_keys()
        self.completeChanged.emit()

    # -- the recipients' keys ------------------------------------------------------------------------------

    def set_recipients(self, keys: tuple[str, ...] | list[str]) -> None:
        self.key_radio.setChecked(True)
        self.picker.set_pasted(keys)

    def add_to_book(self, key: str) -> None:
        """Name a pasted key in the address book (a dialog); once added it is ticked by that name."""
        dialog = AddRecipientDialog(key, self, signing_key=self.picker.pasted_signing_key(key))
        dialog.accepted.connect(lambda: self._added(dialog, key))
        self.add_dialog = dialog
        dialog.open()

    def _added(self, dialog: AddRecipientDialog, key: str) -> None:
        self.refresh_keys()
        if dialog.added is not None:
            self.picker.added(dialog.added, key)

    def choose_by_name(self, names: list[str]) -> None:
        self.key_radio.setChecked(True)
        self.picker.tick(names)

    def load_recipients_file(self, path: Path) -> None:
        self.picker.load_recipients_file(path)

    # -- the passphrase ------------------------------------------------------------------------------------

    def generate_passphrase(self) -> None:
        if not self.passphrase_radio.isEnabled():
            return  # the policy allows no passphrase
        self.passphrase_radio.setChecked(True)
        self.passphrase_field.setText(generate())
        self.passphrase_field.set_shown(True)

    def copy_passphrase(self) -> None:
        text = self.passphrase_field.text()
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
        self._show_groups()
        self.completeChanged.emit()

    def _show_groups(self) -> None:
        """The generated passphrase in two lines of four groups, as it is read out; hidden with the field."""
        groups = reading_groups(self.passphrase_field.text()) if self.passphrase_field.shown() else None
        self.groups_label.setText(groups or "")
        self.groups_label.setVisible(groups is not None)

    def _show_passphrase_note(self) -> None:
        """The meter and the sentence under it, from the passphrase as it is now (a generated one typed back with
        full-width digits, spaces or other hyphens counts as generated: the core normalises it the same way)."""
        text = self.passphrase_field.text()
        typo = passphrase_typo(text)
        if not text:
            self.meter.set_bits(None, acceptable=False)
            self.passphrase_note.clear_message()
        elif typo is not None:
            self.meter.set_bits(None, acceptable=False)
            self.passphrase_note.show_message(error_text(typo), "error")
        elif is_generated(text) and (pattern := passphrase_refusal(text)) is not None:
            self.meter.set_bits(None, acceptable=False)
            self.passphrase_note.show_message(str(pattern), "error")  # the hint names a CLI option
        elif is_generated(text):
            self.meter.set_bits(GENERATED_BITS, acceptable=True)
            generated = self.tr(
                "Generated. Read it to the recipient group by group; they may type it with or without the hyphens."
            )
            self.passphrase_note.show_message(generated, "ok")
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
        """The core decides (:func:`require_strong`, as the export does), for generated-shape passphrases too."""
        return bool(text) and passphrase_refusal(text) is None

    def _mode_changed(self) -> None:
        keys = self.key_radio.isChecked()
        self.picker.setEnabled(keys)
        for widget in self._passphrase_widgets:
            widget.setEnabled(not keys and self.passphrase_radio.isEnabled())
        self._show_waiver()
        self.completeChanged.emit()
