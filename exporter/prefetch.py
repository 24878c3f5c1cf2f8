"""Run a generator a few items ahead on a thread of its own, so that its work overlaps with the consumer's.

The reader decodes CP932 and hashes blocks (Python work that holds the GIL) while the calling thread parses the
previous chunk in pyarrow (C++ that releases it). Items and errors arrive in order; :meth:`Prefetch.close` stops
the thread and waits for it, so no thread of the reader outlives the read, whatever ended it. The one exception
is a source stuck in a call that never returns (a network share that stopped answering): the consumer still
notices ``cancel`` within a fraction of a second, and the stuck daemon thread is left to end with the process
(it runs only Python code, which the interpreter stops safely at exit).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Generator, Iterator
from typing import Generic, TypeVar

from exporter.errors import ExportCancelled

T = TypeVar("T")
_END = object()
_POLL = 0.2  # seconds between looks at the cancel flag while waiting for the source


class Prefetch(Generic[T]):
    """Iterates ``source`` on a daemon thread, at most ``depth`` items ahead of the consumer."""

    def __init__(
        self,
        source: Generator[T, None, None],
        depth: int = 4,
        name: str = "exporter-prefetch",
        cancel: threading.Event | None = None,
    ) -> None:
        self._source = source
        self._cancel = cancel
        self._queue: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        while True:
            try:
                is_item, value = self._queue.get(timeout=_POLL)
                break
            except queue.Empty:
                if self._cancel is not None and self._cancel.is_set():
                    raise ExportCancelled() from None
        if is_item:
            return value  # type: ignore[return-value]
        self._thread.join()
        if value is _END:
            raise StopIteration
        assert isinstance(value, BaseException)
        raise value

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread (it notices within 0.1 s) and wait for it, at most ``timeout`` seconds; the source
        generator is closed on it."""
        self._stop.set()
        deadline = time.monotonic() + timeout
        while self._thread.is_alive() and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)

    def _run(self) -> None:
        try:
            for item in self._source:
                if not self._put((True, item)):
                    return
            self._put((False, _END))
        except BaseException as error:  # handed to the consumer, in order
            self._put((False, error))
        finally:
            self._source.close()

    def _put(self, entry: tuple[bool, object]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False


__all__ = ["Prefetch"]
