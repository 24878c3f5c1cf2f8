"""The Rows page's live count: how many rows a filter keeps, computed off the GUI thread within a second.

The columns a filter reads are loaded once each (one worker reads the file for every column still missing) and
cached as whole pyarrow arrays; a count then runs on a worker over the cached columns only. At most one load and
one count run at a time: a request made meanwhile waits for its turn, and only the newest request is counted, so
typing a value quickly never queues up stale counts and a late result never overwrites a newer one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from exporter.gui import tasks
from exporter.gui.worker import Worker

if TYPE_CHECKING:
    import pyarrow as pa

    from exporter.filters import RowFilter
    from exporter.sources import AnySource as Source


# A file up to this size has all its columns read when the Rows page opens: 115 MB of CSV (460,000 residents,
# 24 columns) take about 150 MiB in memory and 0.6 s to read; bigger files have each column read when chosen.
PREFETCH_ALL_BYTES = 256 << 20


class LiveCount(QObject):
    """``request(row_filter)`` -> ``counted(rows)`` for the newest request (``unreadable`` then holds the cells per
    column that its range or age() conditions could not read); ``failed(err)`` when a column cannot be read (the
    file changed or vanished); ``busyChanged(busy)`` while a load or a count runs."""

    counted = Signal(int)
    failed = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: Source | None = None
        self._total = 0
        self._cache: dict[str, pa.Array] = {}
        self._loader: Worker | None = None
        self._loading: tuple[str, ...] = ()
        self._counter: Worker | None = None
        self._wanted: RowFilter | None = None
        self._generation = 0  # of the newest request
        self._counted_generation = -1  # of the count shown last
        self._busy = False
        self.unreadable: dict[str, int] = {}

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def cached(self) -> tuple[str, ...]:
        return tuple(self._cache)

    def set_source_if_new(self, source: Source | None, total: int) -> bool:
        """Count rows of ``source`` (``total`` data rows) from now on; the cache of another file is dropped.
        Returns whether the source is new."""
        if source is self._source:
            return False
        self.stop()
        self._loader = None
        self._source, self._total = source, total
        self._cache.clear()
        self._wanted = None
        self._generation += 1
        return True

    def prefetch_all(self) -> None:
        """Start reading every column of a file of up to :data:`PREFETCH_ALL_BYTES` (in one pass: reading all
        costs little more than reading one), so that the first count of any column is ready within a second."""
        source = self._source
        if source is None or self._cache:
            return
        try:
            size = source.path.stat().st_size
        except OSError:
            return
        if size <= PREFETCH_ALL_BYTES:
            self._load(list(source.header))

    def prefetch(self, columns: tuple[str, ...]) -> None:
        """Start reading ``columns`` now (a column was just chosen), so the count is ready when the value is."""
        self._load([name for name in columns if name not in self._cache])

    def request(self, row_filter: RowFilter | None) -> None:
        """Count the rows ``row_filter`` keeps (None or no condition: every row, at once)."""
        self._generation += 1
        if row_filter is None or not row_filter:
            self._wanted = None
            self._counted_generation = self._generation
            self._set_busy(self._running())
            self.unreadable = {}
            self.counted.emit(self._total)
            return
        self._wanted = row_filter
        self._pump()

    def stop(self) -> None:
        """Stop a load in progress (a count ends by itself within a moment; its result is then ignored)."""
        if self._loader is not None and self._loader.running:
            self._loader.cancel()
        self._wanted = None
        self._generation += 1

    def _running(self) -> bool:
        return any(worker is not None and worker.running for worker in (self._loader, self._counter))

    @Slot()
    def _pump(self) -> None:
        wanted = self._wanted
        if wanted is None or self._counted_generation == self._generation:
            self._set_busy(self._running())
            return
        self._set_busy(True)
        missing = [name for name in wanted.columns if name not in self._cache]
        if missing:
            self._load(missing)
            return
        if self._counter is not None and self._counter.running:
            return  # counted again with the newest filter once this one ends
        columns = {name: self._cache[name] for name in wanted.columns}
        worker = Worker(tasks.count_in_scope(self._generation, columns, wanted))
        worker.signals.succeeded.connect(self._count_done)
        worker.signals.failed.connect(self._failed)
        worker.signals.finished.connect(self._pump)
        self._counter = worker
        worker.start()

    def _load(self, columns: list[str]) -> None:
        if not columns or self._source is None or (self._loader is not None and self._loader.running):
            return  # a running load ends in _pump, which loads what is still missing
        self._loading = tuple(columns)
        worker = Worker(tasks.read_columns(self._source, self._loading))
        worker.signals.succeeded.connect(self._loaded)
        worker.signals.failed.connect(self._failed)
        worker.signals.finished.connect(self._pump)
        self._loader = worker
        self._set_busy(True)
        worker.start()

    @Slot(object)
    def _loaded(self, columns: object) -> None:
        if self._loader is not None and self.sender() is self._loader.signals and isinstance(columns, dict):
            self._cache.update(columns)  # not the columns of a file chosen before

    @Slot(object)
    def _count_done(self, result: object) -> None:
        generation, rows, unreadable = result  # type: ignore[misc]
        if generation == self._generation:
            self._counted_generation = generation
            self.unreadable = unreadable
            self.counted.emit(rows)

    @Slot(object)
    def _failed(self, err: object) -> None:
        self._wanted = None
        self._generation += 1
        self.failed.emit(err)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
