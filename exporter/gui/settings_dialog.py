"""Settings, opened from the Protection page: the office key, set or cleared, with what it does.

The setting itself is the core's (a plain file both the wizard and ``exporter recipients office`` read); this
dialog only shows it and hands a new key to the core, which checks it. Under an IT policy, what the policy decides
is said here too: when it sets the office key itself the clerk's setting has no effect (said, editing off), and a key
its approved recipients do not include is refused before it is saved (the export would be refused otherwise).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.envelope import X25519Recipient
from exporter.errors import ExporterError
from exporter.gui import key_store
from exporter.gui.check_codes import code_html
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, error_text, monospace_font
from exporter.keys import check_code


class SettingsDialog(Retranslating, QDialog):
    """The office key: shown with its check code; Save sets the typed key, Clear removes the setting."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fixed: str | None = None,
        refusal: Callable[[str, str], str | None] | None = None,
    ) -> None:
        """``fixed``: the policy's sentence when it sets the office key itself; ``refusal(key, name)``: the policy's
        sentence refusing a key as a recipient, or None (no policy: both None)."""
        super().__init__(parent)
        self._fixed, self._refusal = fixed, refusal
        self._refusal_shown = False  # the message line shows the policy's refusal of the key typed
        self.policy_note = MessageLabel()
        self.office_box = QGroupBox()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_edit = QLineEdit()
        self.key_edit.setFont(monospace_font())
        self.key_edit.setMinimumWidth(self.key_edit.fontMetrics().averageCharWidth() * 66)
        self.key_edit.textChanged.connect(self._typed)
        self.name_edit = QLineEdit()
        self.name_edit.textChanged.connect(self._typed)  # a refusal names the key by it
        self.key_label, self.name_label = QLabel(), QLabel()
        self.key_label.setBuddy(self.key_edit)
        self.name_label.setBuddy(self.name_edit)
        self.typed_code = QLabel()
        self.typed_code.setTextFormat(Qt.TextFormat.RichText)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_office_key)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_office_key)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.key_label, self.key_edit)
        form.addRow("", self.typed_code)
        self.typed_code.hide()
        form.addRow(self.name_label, self.name_edit)
        office = QVBoxLayout(self.office_box)
        office.addWidget(self.explanation)
        office.addWidget(self.policy_note)
        office.addWidget(self.current)
        office.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ActionRole)
        office.addWidget(buttons)
        office.addWidget(self.message)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.office_box)
        layout.addWidget(self.close_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.office_box.setTitle(self.tr("Office key"))
        self.explanation.setText(
            self.tr(
                "When an office key is set, every export is also encrypted to it, so that the office can reopen "
                "and check what it sent. Review shows it, and the record inside the archive names it. The "
                "recipient does not need it. IT staff keep the office's secret key; enter only its public key here."
            )
        )
        self.key_label.setText(self.tr("Office &public key:"))
        self.key_edit.setPlaceholderText(self.tr("age1…"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Citizens Division, Kita City"))
        self.save_button.setText(self.tr("&Set as office key"))
        self.clear_button.setText(self.tr("&Remove the office key"))
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("C&lose"))
        self._show_current()
        self._typed()

    def _show_current(self) -> None:
        self.key_edit.setEnabled(self._fixed is None)
        self.name_edit.setEnabled(self._fixed is None)
        try:
            office = key_store.office_key()
        except ExporterError as err:  # the settings file is broken: say which and why (IT staff mend it)
            self.current.setText(html.escape(error_text(err)))
            self.clear_button.setEnabled(True)
            return
        if office is None:
            self.current.setText(self.tr("No office key is set: exports are encrypted only for their recipients."))
        else:
            name, key = office
            self.current.setText(
                html.escape(self.tr("Current office key: {name}").format(name=safe_text(name) or "–"))
                + "<br>"
                + code_html(check_code(key))
            )
        self.clear_button.setEnabled(office is not None)
        refused = None if office is None else self._refused(office[1], office[0])
        if self._fixed is not None:
            self.policy_note.show_message(self._fixed, "note")
        elif refused is not None:  # set before the policy came, or by hand: no export can carry it now
            self.policy_note.show_message(refused, "error")
        else:
            self.policy_note.clear_message()

    def _refused(self, key: str, name: str) -> str | None:
        """The policy's sentence refusing ``key`` as the office key (None: allowed, or the policy sets its own)."""
        if self._fixed is not None or self._refusal is None:
            return None
        return self._refusal(key, name)

    def _typed(self) -> None:
        key = self.key_edit.text().strip()
        try:
            parsed = str(X25519Recipient.parse(key)) if key else ""
        except ExporterError:
            parsed = ""
        self.typed_code.setText(code_html(check_code(parsed)) if parsed else "")
        self.typed_code.setVisible(bool(parsed))
        refused = self._refused(parsed, self.name_edit.text().strip()) if parsed else None
        if refused is not None:
            self.message.show_message(refused, "error")
            self._refusal_shown = True
        elif self._refusal_shown:
            self.message.clear_message()
            self._refusal_shown = False
        self.save_button.setEnabled(bool(parsed) and refused is None and self._fixed is None)

    def save_office_key(self) -> None:
        try:
            key_store.set_office_key(self.key_edit.text().strip(), self.name_edit.text().strip())
        except ExporterError as err:
            self.message.show_message(error_text(err), "error")
            return
        self.key_edit.clear()
        self.name_edit.clear()
        self.message.show_message(self.tr("Saved. Every export from now on is also for the office."), "ok")
        self._show_current()

    def clear_office_key(self) -> None:
        try:
            key_store.clear_office_key()
        except ExporterError as err:
            self.message.show_message(error_text(err), "error")
            return
        self.message.show_message(self.tr("Removed. Exports are encrypted only for their recipients."), "ok")
        self._show_current()
