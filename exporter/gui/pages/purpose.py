"""Page 2: why the data leaves the office, for whom, and until when the recipient may keep it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from exporter.gui.pages.base import Page

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

DEFAULT_KEEP_DAYS = 30


class PurposePage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.purpose_edit = QLineEdit()
        self.organisation_edit = QLineEdit()
        self.delete_by_edit = QDateEdit()
        self.delete_by_edit.setCalendarPopup(True)
        self.delete_by_edit.setDisplayFormat("yyyy-MM-dd")
        self.registerField("purpose*", self.purpose_edit)
        self.registerField("organisation", self.organisation_edit)
        self.registerField("delete_by", self.delete_by_edit, "date", self.delete_by_edit.dateChanged)

        self.purpose_label = _buddy(self.purpose_edit)
        self.organisation_label = _buddy(self.organisation_edit)
        self.delete_by_label = _buddy(self.delete_by_edit)
        form = QFormLayout()
        form.addRow(self.purpose_label, self.purpose_edit)
        form.addRow(self.organisation_label, self.organisation_edit)
        form.addRow(self.delete_by_label, self.delete_by_edit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Purpose"))
        self.setSubTitle(
            self.tr("Say what the data is for and who receives it. This is written into the archive for the recipient.")
        )
        self.purpose_edit.setPlaceholderText(self.tr("For example: reminder calls for the autumn health check"))
        self.purpose_edit.setAccessibleName(self.tr("Purpose (required)"))
        self.organisation_edit.setPlaceholderText(self.tr("For example: Example Call Centre Ltd."))
        self.organisation_edit.setAccessibleName(self.tr("Receiving organisation"))
        self.delete_by_edit.setAccessibleName(self.tr("Delete by"))
        self.purpose_label.setText(self.tr("&Purpose (required):"))
        self.organisation_label.setText(self.tr("&Receiving organisation:"))
        self.delete_by_label.setText(self.tr("&Delete by:"))
        self.note.setText(
            self.tr(
                "The recipient must delete the data by this date. Choose the shortest time the task needs; "
                "the default is %n days from today.",
                "",
                DEFAULT_KEEP_DAYS,
            )
        )

    def initializePage(self) -> None:
        today = QDate.currentDate()
        self.delete_by_edit.setMinimumDate(today.addDays(1))
        if self.draft.delete_by is None:
            self.delete_by_edit.setDate(today.addDays(DEFAULT_KEEP_DAYS))

    def validatePage(self) -> bool:
        self.draft.purpose = self.purpose_edit.text().strip()
        self.draft.organisation = self.organisation_edit.text().strip()
        self.draft.delete_by = self.delete_by_edit.date().toPython()
        return bool(self.draft.purpose)


def _buddy(buddy: QLineEdit | QDateEdit) -> QLabel:
    label = QLabel()
    label.setBuddy(buddy)
    return label
