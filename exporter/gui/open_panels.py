"""The Open window's two panels about what was opened: **Receipt and deletion** for the archive just opened (Make a
receipt, Delete now), and the **reminder** of openings whose delete-by date is within seven days or past, each
with its own Delete now, and Forget for one whose files Delete now refuses (moved or deleted by hand). They only
show and ask; :class:`exporter.gui.open_actions.RecipientActions` does the work.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from exporter.display import safe_text
from exporter.errors import ExporterError, OutputError
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, data_label, error_text
from exporter.openings import REMINDER_DAYS, Opening

PAST_STYLE = "color: #b71c1c; font-weight: bold;"
NEAR_STYLE = "color: #8d4b00;"


class AfterOpenPanel(Retranslating, QGroupBox):
    """Make a receipt / Delete now for the archive just opened. ``receipt_requested`` and ``delete_requested``
    carry the :class:`Opening`; :meth:`show_result` shows what came of it."""

    receipt_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opening: Opening | None = None
        self._result: tuple[str, object] | None = None
        self._statement_saved = False
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.receipt_button = QPushButton()
        self.receipt_button.clicked.connect(lambda: self.opening and self.receipt_requested.emit(self.opening))
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(lambda: self.opening and self.delete_requested.emit(self.opening))
        self.result = MessageLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Receipt and deletion"))
        self.receipt_button.setText(self.tr("Make a &receipt…"))
        self.receipt_button.setToolTip(self.tr("Save a signed receipt that tells the sender you received the archive."))
        self._show()

    def show_opening(self, opening: Opening | None, unremembered: ExporterError | None = None) -> None:
        """The archive just opened (None: nothing, the panel hides); ``unremembered``: why it could not be added to
        the record of openings (it is then not in the reminders)."""
        self.opening = opening
        self._result = None if unremembered is None else ("warning", unremembered)
        self._statement_saved = False
        self._show()

    def is_showing(self, opening: Opening | None) -> bool:
        """Whether ``opening`` is the archive this panel is about."""
        shown = self.opening
        return (
            shown is not None
            and opening is not None
            and shown.folder == opening.folder
            and (shown.archive_sha256 == opening.archive_sha256)
        )

    def show_result(self, kind: str, value: object) -> None:
        """What :class:`RecipientActions` reported for this panel's opening."""
        if kind == "deleted" and isinstance(value, tuple):
            self.opening, path = value
            self._statement_saved = path is not None
        self._result = (kind, value)
        self._show()

    def _show(self) -> None:
        opening = self.opening
        self.setVisible(opening is not None)
        if opening is None:
            return
        signed = bool(opening.check_code)
        deleted = opening.deleted_utc is not None
        if not signed:
            text = self.tr(
                "This archive was opened with a passphrase: receipts and deletion statements are signed with a key, "
                "so none can be made. Delete now still deletes the files."
            )
        else:
            text = self.tr(
                "Tell the sender you received the archive with a signed receipt. When you no longer need the data, "
                "Delete now removes the files exporter saved and makes a signed deletion statement to send back."
            )
        self.explanation.setText(text)
        self.receipt_button.setEnabled(signed)
        if deleted and signed and not self._statement_saved:
            self.delete_button.setText(self.tr("Make the &deletion statement…"))
        else:
            self.delete_button.setText(self.tr("&Delete now…"))
        self.delete_button.setEnabled(not deleted or (signed and not self._statement_saved))
        self._show_result()

    def _show_result(self) -> None:
        if self._result is None:
            self.result.clear_message()
            return
        kind, value = self._result
        if kind in ("error", "warning") and isinstance(value, ExporterError):
            self.result.show_message(error_text(value), kind)
        elif kind == "delete_cancelled":
            self.result.show_message(_nothing_deleted(), "note")
        elif kind == "receipt":
            self.result.show_message(
                self.tr("Receipt saved: {path}. Send it to the sender.").format(path=safe_text(str(value))), "ok"
            )
        elif kind == "deleted" and isinstance(value, tuple):
            _opening, path = value
            if path is None and self.opening is not None and self.opening.check_code:
                shown = self.tr(
                    "The files were deleted. No deletion statement was saved; make it with the button above."
                )
            elif path is None:
                shown = self.tr("The files were deleted.")
            else:
                shown = self.tr("The files were deleted. Deletion statement saved: {path}. Send it to the sender.")
                shown = shown.format(path=safe_text(str(path)))
            self.result.show_message(shown, "ok")


def _nothing_deleted() -> str:
    """Said when the deletion statement's save dialog was closed: nothing was deleted."""
    return QCoreApplication.translate(
        "OpenPanels",
        "Nothing was deleted: the deletion statement is saved first, so choose where to save it to delete the files.",
    )


class ReminderPanel(Retranslating, QGroupBox):
    """The openings whose delete-by date is within :data:`REMINDER_DAYS` days or past, each with Delete now, and
    Forget when Delete now refuses its files (:func:`exporter.openings.check_deletion`: moved, renamed or deleted
    by hand), which would otherwise stay here for ever; hidden when there are none. ``delete_requested`` and
    ``forget_requested`` carry the :class:`Opening`."""

    delete_requested = Signal(object)
    forget_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Opening, QLabel, QPushButton]] = []
        self.forget_buttons: list[QPushButton | None] = []  # by row: None when Delete now can delete its files
        self._today = date.today()
        self._problem: ExporterError | None = None
        self._result: tuple[str, object] | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.problem = MessageLabel()
        self.result = MessageLabel()  # what came of a Delete now started here
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        layout.addLayout(self.grid)
        layout.addWidget(self.result)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Data to delete soon"))
        self.intro.setText(
            self.tr(
                "The delete-by date of these archives you opened is within {days} days or has passed. Delete the "
                "data once you no longer need it, and send the sender the deletion statement."
            ).format(days=REMINDER_DAYS)
        )
        for opening, label, button in self.rows:
            label.setText(self._row_text(opening))
            button.setText(self.tr("Delete now…"))
        for forget in self.forget_buttons:
            if forget is not None:
                forget.setText(self.tr("Forget…"))
                forget.setToolTip(
                    self.tr(
                        "exporter cannot delete these files (they were moved or deleted by hand). Take the archive "
                        "off the list without a deletion statement."
                    )
                )
        if self._problem is not None:
            self.problem.show_message(error_text(self._problem), "error")
        self._show_result()

    def show_result(self, kind: str, value: object) -> None:
        """What came of a Delete now started from this panel (``""``: nothing to show)."""
        self._result = (kind, value) if kind else None
        self._show_result()
        self.setVisible(bool(self.rows) or self._problem is not None or self._result is not None)

    def _show_result(self) -> None:
        if self._result is None:
            self.result.clear_message()
            return
        kind, value = self._result
        if kind == "error" and isinstance(value, ExporterError):
            self.result.show_message(error_text(value), "error")
        elif kind == "deleted" and isinstance(value, tuple):
            opening, path = value
            text = self.tr("The files of {name} were deleted.").format(name=safe_text(opening.archive_name))
            if path is not None:
                text += " " + self.tr("Deletion statement saved: {path}. Send it to the sender.").format(
                    path=safe_text(str(path))
                )
            self.result.show_message(text, "ok")
        elif kind == "delete_cancelled":
            self.result.show_message(_nothing_deleted(), "note")
        elif kind == "forgotten" and isinstance(value, Opening):
            text = self.tr(
                "{name} was taken off the list. Nothing was deleted and no deletion statement was made: tell the "
                "sender yourself what became of the data."
            )
            self.result.show_message(text.format(name=safe_text(value.archive_name)), "ok")

    def refresh(self, today: date | None = None) -> None:
        """Read the record again (it may have changed in another window or on the command line)."""
        from exporter import openings

        self._today = today or date.today()
        for _opening, label, button in self.rows:
            label.deleteLater()
            button.deleteLater()
        for forget in self.forget_buttons:
            if forget is not None:
                forget.deleteLater()
        self.rows, self.forget_buttons = [], []
        try:
            due = openings.reminders(self._today)
            self._problem = None
        except ExporterError as err:
            due, self._problem = [], err
        for row, opening in enumerate(due):
            label = data_label()
            left = opening.days_left(self._today)
            label.setStyleSheet(PAST_STYLE if left is not None and left < 0 else NEAR_STYLE)
            button = QPushButton()
            button.clicked.connect(lambda _checked=False, chosen=opening: self.delete_requested.emit(chosen))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(button, row, 1)
            self.rows.append((opening, label, button))
            forget = None
            if not _deletable(opening):
                forget = QPushButton()
                forget.clicked.connect(lambda _checked=False, chosen=opening: self.forget_requested.emit(chosen))
                self.grid.addWidget(forget, row, 2)
            self.forget_buttons.append(forget)
        if self._problem is None:
            self.problem.clear_message()
        self.setVisible(bool(self.rows) or self._problem is not None or self._result is not None)
        self.retranslate_ui()

    def _row_text(self, opening: Opening) -> str:
        left = opening.days_left(self._today) or 0
        if left > 0:
            due = self.tr("delete by {day}: %n day(s) left", "", left)
        elif left == 0:
            due = self.tr("delete by {day}: today")
        else:
            due = self.tr("delete by {day}: %n day(s) past", "", -left)
        folder = safe_text(str(Path(opening.folder)))
        return self.tr("{name} in {folder} — {due}").format(
            name=safe_text(opening.archive_name), folder=folder, due=due.format(day=opening.delete_by)
        )


def _deletable(opening: Opening) -> bool:
    """Whether Delete now would delete ``opening``'s files (False: it refuses them, as moved or deleted by hand)."""
    from exporter.openings import check_deletion

    try:
        check_deletion(opening)
    except OutputError:
        return False
    return True
