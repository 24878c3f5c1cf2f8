"""Python's cyclic garbage collector, run only on the GUI thread.

Python collects reference cycles in whichever thread happens to allocate when a generation's threshold is
crossed. While the worker thread reads a resident file it allocates the most, so a closed dialog or a finished
window whose wrapper sat in a cycle would be deleted from the worker thread, and Qt widgets must be deleted on
the thread that made them: PySide6 then crashes (a segmentation fault seen in the wizard's tests). The remedy
used by calibre and pyqtgraph: switch automatic collection off and collect from a timer on the GUI thread, as
often as the thresholds would have. Reference counting still frees everything outside cycles at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Owns the timer; :func:`install` makes one per application."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold (as the automatic collector would);
        returns the generation collected, or -1 when none was due."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1


def uninstall(app: QObject) -> None:
    """Collect what is left on this thread and give collection back to Python (tests that end a GUI session)."""
    for existing in app.findChildren(MainThreadCollector):
        existing._timer.stop()
        existing.setParent(None)
        existing.deleteLater()
    gc.collect()
    gc.enable()


def install(app: QObject) -> MainThreadCollector:
    """Collect cycles on ``app``'s thread only, from now until the application ends (idempotent)."""
    existing = app.findChild(MainThreadCollector)
    if isinstance(existing, MainThreadCollector):
        return existing
    return MainThreadCollector(app)
