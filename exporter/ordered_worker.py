"""One worker thread that runs jobs in the order given, so that counting a batch overlaps reading the next.

The export's per-batch counting (the risk counter, the My Number scan) spends its time in pyarrow's compute
kernels, which let go of the GIL: on a worker of its own it runs while the main thread reads, transforms and writes
the next batch. At most ``waiting`` jobs wait (each holds its batch's arrays), which bounds the memory they keep.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["OrderedWorker"]


class OrderedWorker:
    """Runs ``submit``-ted jobs one at a time, in order, on a thread of its own; :meth:`wait` waits for them all and
    raises the first exception a job raised. The thread starts with the first job and ends with :meth:`close`, or
    when the worker is collected (an export that failed leaves it idle until then)."""

    def __init__(self, *, waiting: int = 2, name: str = "exporter-worker") -> None:
        self._limit = max(1, waiting)
        self._name = name
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: deque[Future[Any]] = deque()

    def submit(self, job: Callable[..., Any], *args: Any) -> None:
        """Queue ``job(*args)`` after the jobs before it, first waiting while ``waiting`` jobs are queued."""
        while len(self._jobs) >= self._limit:
            self._jobs.popleft().result()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._jobs.append(self._pool.submit(job, *args))

    def wait(self) -> None:
        """Return once every job queued so far has run; raises what a job raised (the jobs after it do not run)."""
        try:
            while self._jobs:
                self._jobs.popleft().result()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """End the thread; jobs not yet started are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._jobs.clear()
