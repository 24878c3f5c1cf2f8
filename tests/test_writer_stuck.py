"""An export whose output stops answering (a network share gone, a USB stick pulled out mid-write): the writer
thread is blocked in a write that never returns. The first cancel ends the export all the same, with the usual
sentence and nothing left in the target folder; the blocked write is given up, not waited for.

The stuck output is a real blocked system call: the archive's file is swapped for a pipe that nobody reads, filled
beforehand, behind the same kind of buffered file (whose lock the blocked write holds, as a real one would).
"""

from __future__ import annotations

import signal
import threading
import time

import pytest
from test_reader_hostile import start_stuck_export

from exporter.errors import ExportCancelled
from exporter.writer_thread import GIVE_UP_SECONDS, WriterThread

STUCK_WRITE = """
import io, os, sys, threading
import exporter.atomic
from exporter.cli import main

class Unanswered(io.RawIOBase):
    def __init__(self):
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.write_end, False)
        try:
            while True:
                os.write(self.write_end, bytes(4096))
        except BlockingIOError:
            pass
        os.set_blocking(self.write_end, True)
        self.said = False
    def writable(self):
        return True
    def write(self, data):
        if not self.said:
            print("stuck in", threading.current_thread().name, file=sys.stderr, flush=True)
            self.said = True
        return os.write(self.write_end, data)

opened = exporter.atomic.AtomicFile.__init__
def swapped(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.file.close()  # the temporary file stays, as a real stuck one would
    self.file = io.BufferedWriter(Unanswered(), buffer_size=8192)
exporter.atomic.AtomicFile.__init__ = swapped
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rows", "wait"),
    [(40_000, 0.0), (10_000, 1.0)],
    ids=["while-reading", "after-the-last-row"],
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_export_whose_output_never_answers_ends_on_the_first_signal(tmp_path, rows, wait, signum):
    """While reading: the reading side waits for room in the writer's queue. After the last row: it waits for the
    writer to finish. Either wait looks at the cancel flag."""
    process, target = start_stuck_export(
        STUCK_WRITE, tmp_path, rows, "--column", "address_line", said="stuck in exporter-writer"
    )
    try:
        time.sleep(wait)
        sent = time.monotonic()
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 1
    assert stderr.strip() == "exporter: error: The export was cancelled; nothing was written."
    assert list(target.iterdir()) == []
    assert took < GIVE_UP_SECONDS + 10


def test_a_writer_that_fails_stops_the_reading_side_with_its_error():
    def write(piece: bytes) -> None:
        raise OSError(28, "No space left on device")

    writer = WriterThread(write)
    with pytest.raises(OSError, match="No space"), writer:  # noqa: PT012
        for _ in range(100):
            writer.put(b"x")


def test_every_piece_is_written_in_order_before_the_block_is_left():
    written: list[int] = []

    def write(piece: int) -> None:
        time.sleep(0.001)
        written.append(piece)

    with WriterThread(write) as writer:
        for piece in range(50):
            writer.put(piece)
    assert written == list(range(50))


def test_a_stuck_writer_is_given_up_and_cleaned_up_late_on_its_own_thread():
    """``stuck`` runs on the calling thread once the write has not returned in time; ``late`` on the writer's own
    thread when the write finally returns; the pieces still queued are never written."""
    release, cancel = threading.Event(), threading.Event()
    written: list[int] = []
    calls: list[tuple[str, str]] = []

    def write(piece: int) -> None:
        written.append(piece)
        release.wait()

    def stuck() -> None:
        calls.append(("stuck", threading.current_thread().name))

    def late() -> None:
        calls.append(("late", threading.current_thread().name))

    writer = WriterThread(write, cancel=cancel, stuck=stuck, late=late)
    started = time.monotonic()
    threading.Timer(0.3, cancel.set).start()  # the queue is full by then: the reading side waits for room
    with pytest.raises(ExportCancelled), writer:  # noqa: PT012
        for piece in range(20):
            writer.put(piece)
    assert GIVE_UP_SECONDS <= time.monotonic() - started < GIVE_UP_SECONDS + 5
    assert calls == [("stuck", threading.current_thread().name)]
    release.set()
    deadline = time.monotonic() + 5
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert calls[1] == ("late", "exporter-writer")
    assert written == [0]


def test_a_writer_that_returns_in_time_is_not_given_up():
    cancel, writing = threading.Event(), threading.Event()
    calls: list[str] = []
    written: list[int] = []

    def write(piece: int) -> None:
        writing.set()
        time.sleep(0.5)
        written.append(piece)

    writer = WriterThread(write, cancel=cancel, stuck=lambda: calls.append("stuck"), late=lambda: calls.append("late"))
    started = time.monotonic()
    with pytest.raises(ExportCancelled), writer:  # noqa: PT012
        writer.put(1)
        writing.wait()
        cancel.set()
        writer.put(2)
    assert 0.4 < time.monotonic() - started < GIVE_UP_SECONDS
    assert written == [1]
    assert calls == []
