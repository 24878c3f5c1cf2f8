"""Page 2: why the data leaves the office, for whom, and until when the recipient may keep it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from exporter.gui import policy_view
from exporter.gui.pages.base import Page
from exporter.gui.widgets import MessageLabel

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

        # the IT policy's purpose profiles (shown only when the policy has some), and what the policy decides
        self.profile_box = QComboBox()
        self.profile_box.currentIndexChanged.connect(self._profile_chosen)
        self.profile_label = _buddy(self.profile_box)
        self.policy_note = MessageLabel()
        self.purpose_label = _buddy(self.purpose_edit)
        self.organisation_label = _buddy(self.organisation_edit)
        self.delete_by_label = _buddy(self.delete_by_edit)
        form = QFormLayout()
        form.addRow(self.profile_label, self.profile_box)
        form.addRow(self.purpose_label, self.purpose_edit)
        form.addRow(self.organisation_label, self.organisation_edit)
        form.addRow(self.delete_by_label, self.delete_by_edit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.policy_note)
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
        self.profile_label.setText(self.tr("Purpose pro&file:"))
        self.profile_box.setAccessibleName(self.tr("Purpose profile of the IT policy"))
        self._fill_profiles()
        self._show_policy()
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
        self._show_policy()

    def isComplete(self) -> bool:
        return self.draft.policy_error is None and super().isComplete()

    def validatePage(self) -> bool:
        self.draft.purpose = self.purpose_edit.text().strip()
        self.draft.organisation = self.organisation_edit.text().strip()
        self.draft.delete_by = self.delete_by_edit.date().toPython()
        self.draft.profile = self.profile_box.currentData()
        return bool(self.draft.purpose) and self.draft.policy_error is None

    def choose_profile(self, name: str | None) -> None:
        """Choose the purpose profile ``name`` (None: none), as the clerk would in the list (tests, screenshots)."""
        index = self.profile_box.findData(name)
        if index >= 0:
            self.profile_box.setCurrentIndex(index)

    def _fill_profiles(self) -> None:
        """The policy's profiles in the list; "none" first unless the policy requires one."""
        chosen = self.profile_box.currentData()
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        policy = self.draft.policy
        if policy is None or not policy.rules.require_profile:
            self.profile_box.addItem(self.tr("none (no purpose profile)"), None)
        for profile in policy_view.profiles(policy):
            self.profile_box.addItem(policy_view.profile_label(profile), profile.name)
        self.profile_box.blockSignals(False)
        found = self.profile_box.findData(chosen)
        self.profile_box.setCurrentIndex(max(found, 0))
        shown = bool(policy_view.profiles(policy))
        self.profile_box.setVisible(shown)
        self.profile_label.setVisible(shown)

    def _profile_chosen(self, _index: int) -> None:
        """Fill the purpose, the organisation and the delete-by date from the chosen profile, and keep the date
        within the profile's longest period."""
        policy, name = self.draft.policy, self.profile_box.currentData()
        self.draft.profile = name
        today = QDate.currentDate()
        self.delete_by_edit.setMaximumDate(QDate(9999, 12, 31))
        if policy is None or name is None:
            self._show_policy()
            return
        profile = policy.profile(name)
        if profile.purpose:
            self.purpose_edit.setText(profile.purpose)
        if profile.organisation:
            self.organisation_edit.setText(profile.organisation)
        if profile.max_delete_days is not None:
            self.delete_by_edit.setMaximumDate(today.addDays(profile.max_delete_days))
        self._show_policy()

    def _show_policy(self) -> None:
        """Which IT policy is in force (and the profile's legal basis), or why it cannot be read."""
        policy, problem = self.draft.policy, self.draft.policy_error
        if problem is not None:
            self.policy_note.show_error(problem)
            return
        if policy is None:
            self.policy_note.clear_message()
            return
        lines = [self.tr("The IT policy {path} applies to this export.").format(path=str(policy.path))]
        name = self.profile_box.currentData()
        if name is not None:
            profile = policy.profile(name)
            if profile.legal_basis:
                lines.append(self.tr("Legal basis: {basis}").format(basis=profile.legal_basis))
            if profile.max_delete_days is not None:
                lines.append(
                    self.tr(
                        "The recipient keeps the data at most %n day(s) under this profile.",
                        "",
                        profile.max_delete_days,
                    )
                )
        self.policy_note.show_message("\n".join(lines), "note")


def _buddy(buddy: QLineEdit | QDateEdit | QComboBox) -> QLabel:
    label = QLabel()
    label.setBuddy(buddy)
    return label
