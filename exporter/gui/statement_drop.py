"""The office's side of receipts and deletion statements in the wizard: ``*.statement.txt`` files dropped anywhere on
the wizard are imported into the take-out register the IT policy names (:func:`exporter.register_import.
import_statement`, the same as ``exporter register import``), and a message box says what came of each file.

Drops are caught by an event filter on the wizard and on every page that takes drops of its own (the Source page
loads any file dropped on it), so a statement dropped on the Source page is imported, not read as a resident file.
The import runs on the worker: the register may be on a network folder, behind another clerk's lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui.widgets import error_text
from exporter.gui.worker import Worker

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard

SUFFIX = ".statement.txt"


def statement_files(event: QDropEvent) -> list[Path]:
    """The local ``*.statement.txt`` files a drag carries (none: the drop is not for us)."""
    urls = event.mimeData().urls() if event.mimeData() is not None else []
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [path for path in paths if path.name.lower().endswith(SUFFIX)]


def import_all(register: Path, paths: list[Path]) -> list[tuple[Path, Any]]:
    """Import each file in turn (on the worker); for each, the ImportResult or the ExporterError that refused it."""
    from exporter.register_import import import_statement

    outcomes: list[tuple[Path, Any]] = []
    for path in paths:
        try:
            outcomes.append((path, import_statement(register, path)))
        except ExporterError as err:
            outcomes.append((path, err))
    return outcomes


class StatementDrops(QObject):
    """Imports statements dropped on ``wizard``; :attr:`box` is the message box that reports (for tests)."""

    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.box: QMessageBox | None = None
        self.worker: Worker | None = None
        wizard.setAcceptDrops(True)
        for widget in (wizard, *wizard.findChildren(QWidget)):
            if widget is wizard or widget.acceptDrops():
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if statement_files(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = statement_files(event)
            if paths:
                event.acceptProposedAction()
                self.import_files(paths)
                return True
        return False

    def import_files(self, paths: list[Path]) -> None:
        """Import ``paths`` into the policy's register and report; one import at a time."""
        if self.worker is not None and self.worker.running:
            return
        draft = self._wizard.draft
        if draft.policy_error is not None:
            self._report([error_text(draft.policy_error)], ok=False)
            return
        register = None if draft.policy is None else draft.policy.register_path
        if register is None:
            self._report(
                [
                    self.tr(
                        "No take-out register is set up (the IT policy names none), so statements cannot be "
                        "imported here. Import them with “exporter register import FILE --register REGISTER”."
                    )
                ],
                ok=False,
            )
            return
        worker = Worker(lambda _progress, _cancel: import_all(Path(register), paths))
        worker.signals.succeeded.connect(self._imported)
        worker.signals.failed.connect(lambda error: self._report([error_text(error)], ok=False))
        self.worker = worker
        worker.start()

    def _imported(self, outcomes: list[tuple[Path, Any]]) -> None:
        lines = []
        for path, outcome in outcomes:
            name = safe_text(path.name)
            if isinstance(outcome, ExporterError):
                lines.append(error_text(outcome))
                continue
            kind = self.tr("receipt") if outcome.kind == "receipt" else self.tr("deletion statement")
            if outcome.already:
                line = self.tr("{file}: already in the register as record {number} ({kind}); nothing was added.")
            else:
                line = self.tr("{file}: added to the register as record {number}, the {kind} for export {export}.")
            lines.append(line.format(file=name, number=outcome.number, kind=kind, export=outcome.export_number))
        self._report(lines, ok=not any(isinstance(outcome, ExporterError) for _path, outcome in outcomes))

    def _report(self, lines: list[str], *, ok: bool) -> None:
        box = QMessageBox(self._wizard)
        box.setIcon(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Statements from recipients"))
        if ok:
            box.setText(self.tr("The statements were added to the take-out register."))
        else:
            box.setText(self.tr("Not every statement could be added to the take-out register."))
        box.setInformativeText("\n\n".join(safe_text(line, multiline=True) for line in lines))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.box = box
        box.open()
