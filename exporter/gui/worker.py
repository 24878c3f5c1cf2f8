"""One way to run long core work off the GUI thread: a QRunnable on the global QThreadPool.

The task is a plain function ``task(progress, cancel) -> result`` that calls the core with that progress
callback and cancel event. Progress reaches the GUI thread through a queued signal, at most ``max_rate`` times a
second; Cancel only sets the event, and the core raises ExportCancelled at its next check.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from exporter.errors import ExportCancelled, ExporterError, from_os_error
from exporter.messages import Message, msg
from exporter.progress import Progress

Task = Callable[[Progress, threading.Event], Any]


class WorkerSignals(QObject):
    """Emitted from the worker thread, delivered queued to receivers in the GUI thread.

    Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted, then ``finished``.
    """

    progress = Signal(float, object)  # the fraction done and the core's progress Message (numbers in its fields)
    succeeded = Signal(object)
    failed = Signal(object)  # an ExporterError whose str() is the sentence to show
    cancelled = Signal()
    finished = Signal()

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker
        # Connected before any receiver, so it runs first of the queued slots: ``running`` turns False in the GUI
        # thread, after the result's slot and before the other ``finished`` slots. Turned False in the worker
        # thread, it could be seen before the result had arrived (a page neither busy nor complete).
        self.finished.connect(self._delivered)

    @Slot()
    def _delivered(self) -> None:
        self._worker._running = False


class Worker(QRunnable):
    def __init__(self, task: Task, *, max_rate: float = 20.0) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it alive until ``finished``; Qt must not delete it under us
        self.signals = WorkerSignals(self)
        self.cancel_event = threading.Event()
        self._task = task
        self._interval = 1.0 / max_rate
        self._last_report = 0.0
        self._running = False

    @property
    def running(self) -> bool:
        """From start() until the GUI thread has received ``finished`` (and with it the result)."""
        return self._running

    def start(self, pool: QThreadPool | None = None) -> None:
        # Delete the signals object in the GUI thread once the receivers have heard ``finished``; left to
        # Python's garbage collector it could be destroyed in whichever thread happens to collect, and a
        # QObject destroyed outside its own thread can crash the process.
        self.signals.finished.connect(self.signals.deleteLater)
        self._running = True
        (pool or QThreadPool.globalInstance()).start(self)

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self._task(self._report, self.cancel_event)
        except ExportCancelled:
            self.signals.cancelled.emit()
        except ExporterError as err:
            self.signals.failed.emit(err)
        except OSError as err:  # from the environment (a name too long, a failing device), not a bug
            self.signals.failed.emit(from_os_error(err))
        except Exception as err:  # a bug: one sentence, no traceback that could hold personal data
            if os.environ.get("EXPORTER_DEBUG"):
                raise
            self.signals.failed.emit(internal_error(err))
        else:  # finished before it saw the cancel: the result is complete and stands
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()

    def _report(self, fraction: float, message: Message) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last_report >= self._interval:
            self._last_report = now
            self.signals.progress.emit(fraction, message)


def internal_error(err: Exception) -> ExporterError:
    return ExporterError(
        msg("general.internal_error", kind=type(err).__name__), hint=msg("general.internal_error_hint")
    )
