"""What every page shares: the wizard's draft, a worker whose late results are ignored, and retranslation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import QWizardPage

from exporter.gui.retranslate import Retranslating
from exporter.gui.worker import Task, Worker
from exporter.messages import Message
from exporter.progress import Progress

if TYPE_CHECKING:
    from exporter.gui.wizard import Draft, ExportWizard


class Page(Retranslating, QWizardPage):
    """A wizard page. Every visible text is set in :meth:`retranslate_ui`, which the subclass's ``__init__`` calls
    once its widgets exist and which runs again on every language change; texts that depend on what the page
    shows (counts, summaries, messages) are recomputed there from the page's state."""

    workEnded = Signal()  # the page's worker is done (succeeded, failed or cancelled) and the page shows it

    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.worker: Worker | None = None
        self._generation = 0

    @property
    def draft(self) -> Draft:
        return self._wizard.draft

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    def start_worker(
        self,
        task: Task,
        *,
        progress: Progress,
        succeeded: Callable[[Any], None],
        failed: Callable[[Any], None],
        cancelled: Callable[[], None],
    ) -> Worker:
        """Run ``task`` on the pool; a newer call makes the results of an older one be ignored."""
        self.stop()
        self._generation += 1
        worker = Worker(task)
        relay = _Relay(self, self._generation, progress, succeeded, failed, cancelled)
        worker.signals.progress.connect(relay.progress)
        worker.signals.succeeded.connect(relay.succeeded)
        worker.signals.failed.connect(relay.failed)
        worker.signals.cancelled.connect(relay.cancelled)
        worker.signals.finished.connect(relay.finished)
        self.worker = worker
        worker.start()
        return worker

    def stop(self) -> None:
        """Ask the running worker, if any, to stop; it leaves nothing behind."""
        if self.worker is not None and self.worker.running:
            self.worker.cancel()

    def setSubTitle(self, subTitle: str) -> None:
        super().setSubTitle(subTitle)
        self._wizard.keep_on_one_line(subTitle)

    def retranslate_ui(self) -> None:
        """Set every text again through ``self.tr()``; subclasses override it."""


def number(value: int) -> str:
    """A count with the locale's digit grouping (460,000)."""
    return QLocale().toString(value)


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's signals reach it queued; drops results of a superseded run."""

    def __init__(
        self,
        page: Page,
        generation: int,
        progress: Progress,
        succeeded: Callable[[Any], None],
        failed: Callable[[Any], None],
        cancelled: Callable[[], None],
    ) -> None:
        super().__init__(page)
        self._page = page
        self._generation = generation
        self._progress, self._succeeded, self._failed, self._cancelled = progress, succeeded, failed, cancelled

    def _current(self) -> bool:
        return self._generation == self._page._generation

    @Slot(float, object)
    def progress(self, fraction: float, message: Message) -> None:
        if self._current():
            self._progress(fraction, message)

    @Slot(object)
    def succeeded(self, result: object) -> None:
        if self._current():
            self._succeeded(result)

    @Slot(object)
    def failed(self, err: object) -> None:
        if self._current():
            self._failed(err)

    @Slot()
    def cancelled(self) -> None:
        if self._current():
            self._cancelled()

    @Slot()
    def finished(self) -> None:
        if self._current():
            self._page.completeChanged.emit()
            self._page.workEnded.emit()
        self.deleteLater()
