"""The export's writer thread: compresses, encrypts and writes the CSV pieces the reading side hands it, so that
the reader's and the compressor's C code overlap while memory stays bounded by a few pieces.

A write can block for ever: a network share that stopped answering, a USB stick pulled out mid-write. Nothing can
end a system call another thread is blocked in, so a cancelled or failed export does not wait for it: the reading
side stops at once (its wait for room in the queue looks at the cancel flag), the writer is given a moment to
finish what it is writing, and a writer still stuck after that is given up: ``stuck`` runs on the calling thread
(the output's temporary file is removed by name) and ``late`` runs on the writer thread if its write ever returns
(the file is closed there; closing it from another thread would wait for the same write).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from exporter.errors import ExportCancelled

QUEUE_DEPTH = 4  # pieces waiting for the writer: each at most a read block's rows
GIVE_UP_SECONDS = 2.0  # how long a cancelled or failed export waits for a write in progress
_TICK = 0.1
_DONE = object()


class WriterThread:
    """Runs ``write`` on each piece given to :meth:`put`, in order, on a thread of its own; the first error it
    raises stops both sides (raised by the next :meth:`put`, or on leaving the ``with`` block).

    ``cancel``: when set, :meth:`put` and the wait on leaving raise :class:`ExportCancelled` instead of waiting for
    the writer. ``stuck`` is called (on the calling thread) when a write has not returned ``GIVE_UP_SECONDS``
    after the export stopped; ``late`` then runs on the writer thread once that write returns, if ever.
    """

    def __init__(
        self,
        write: Callable[[Any], None],
        *,
        cancel: threading.Event | None = None,
        stuck: Callable[[], None] | None = None,
        late: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self._cancel = cancel
        self._stuck = stuck
        self._late = late
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_DEPTH)
        self._error: BaseException | None = None
        self._abandoned = False
        self._given_up = False
        self._ended = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="exporter-writer", daemon=True)

    def __enter__(self) -> WriterThread:
        self._thread.start()
        return self

    def put(self, piece: Any) -> None:
        """Queue ``piece`` for the writer, waiting while the queue is full. Raises the writer's error, or
        :class:`ExportCancelled` when the cancel event is set meanwhile."""
        while True:
            if self._error is not None:
                raise self._error
            if self._cancel is not None and self._cancel.is_set():
                raise ExportCancelled()
            try:
                self._queue.put(piece, timeout=_TICK)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        while (piece := self._queue.get()) is not _DONE:
            if self._error is None and not self._abandoned:
                try:
                    self._write(piece)
                except BaseException as err:  # handed to the producer thread, which reports it
                    self._error = err
        with self._lock:
            self._ended = True
            given_up = self._given_up
        if given_up and self._late is not None:
            with contextlib.suppress(Exception):
                self._late()

    def _drain(self) -> None:
        """Empty the queue and put the end marker: the writer skips nothing it still needs (it was abandoned)."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_DONE)

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if error is None:
            self._finish()
        else:
            self._abandon()
        if error is None and self._error is not None:
            raise self._error

    def _finish(self) -> None:
        """Wait for every piece to be written; a cancel meanwhile abandons the writer and raises."""
        while True:
            if self._cancel is not None and self._cancel.is_set():
                self._abandon()
                raise ExportCancelled()
            try:
                self._queue.put(_DONE, timeout=_TICK)
                break
            except queue.Full:
                if not self._thread.is_alive():
                    return
        while self._thread.is_alive():
            if self._cancel is not None and self._cancel.is_set():
                self._abandon()
                raise ExportCancelled()
            self._thread.join(_TICK)

    def _abandon(self) -> None:
        """Stop the writer after its current write; give it up if that write does not return in time."""
        self._abandoned = True
        self._drain()
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while self._thread.is_alive() and time.monotonic() < deadline:
            self._thread.join(_TICK)
        with self._lock:
            if self._ended:
                return
            self._given_up = True  # the writer calls ``late`` when (if) its write returns
        if self._stuck is not None:
            self._stuck()
