"""The office line under the recipients on the Protection page: when the office has a key, a box locked on ("Also
for our office") and beside it the office's name and check code, or the IT policy's sentence when the policy does
not approve the office key set in Settings (the export would be refused on the Review page: said here at once).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from exporter.display import safe_text
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel
from exporter.keys import check_code


class OfficeRow(Retranslating, QWidget):
    """Hidden while no office key is set. ``office_box`` is locked on (readable, not greyed), ``office_note`` says
    whose key it is, and the policy's sentence in red when it refuses the key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office: tuple[str, str] | None = None  # (name, key)
        self._refusal: str | None = None
        self._fixed = False  # the IT policy sets the office key (not Settings)
        self.office_box = QCheckBox()
        self.office_box.setChecked(True)
        # locked on (every export is also for the office), yet readable: not greyed out as a disabled box would be
        self.office_box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.office_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.office_box.toggled.connect(lambda _checked: self.office_box.setChecked(True))
        self.office_note = QLabel()  # a check box does not wrap its text: the details go into a label beside it
        self.office_note.setWordWrap(True)
        self.office_note.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.office_box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.office_note, 1)
        self.setVisible(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.office_box.setText(self.tr("Also for our office:"))
        self._show()

    def set_office(self, office: tuple[str, str] | None, refusal: str | None = None, *, fixed: bool = False) -> None:
        """The office's (name, key), or None when no office key is set; ``refusal`` the policy's sentence when it
        does not approve that key (naming the rule and the policy file); ``fixed`` when the policy sets the key."""
        self._office, self._refusal = office, refusal if office is not None else None
        self._fixed = fixed
        self._show()

    @property
    def refused(self) -> str | None:
        """The policy's sentence refusing the office key, or None."""
        return self._refusal

    def _show(self) -> None:
        self.setVisible(self._office is not None)
        if self._office is None:
            return
        name, key = self._office
        if self._fixed:
            text = self.tr("{name}, check code {code}. The office can reopen every export (set by the IT policy).")
        else:
            text = self.tr("{name}, check code {code}. The office can reopen every export (set in Settings).")
        text = text.format(name=safe_text(name) or self.tr("office key"), code=check_code(key))
        if self._refusal is not None:
            text += "\n" + safe_text(self._refusal, multiline=True)
            self.office_note.setStyleSheet(f"color: {MessageLabel.COLOURS['error']};")
        else:
            self.office_note.setStyleSheet("")
        self.office_note.setText(text)
