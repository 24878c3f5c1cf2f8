"""The reader's read-ahead thread: items and errors in order, and never alive once the read has ended."""

from __future__ import annotations

import threading
import time

import pytest

from exporter.errors import SourceError
from exporter.prefetch import Prefetch
from exporter.sample import sample_bytes
from exporter.source import SourceDigest, open_source


def reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "exporter-reader"]


def test_items_and_the_error_arrive_in_order():
    def numbers():
        yield from range(50)
        raise ValueError("after fifty")

    prefetch = Prefetch(numbers(), depth=3)
    got = [next(prefetch) for _ in range(50)]
    with pytest.raises(ValueError, match="after fifty"):
        next(prefetch)
    assert got == list(range(50))


def test_closing_early_stops_the_thread_and_closes_the_source():
    closed = threading.Event()

    def endless():
        try:
            while True:
                yield b"x"
        finally:
            closed.set()

    prefetch = Prefetch(endless(), depth=2)
    assert next(prefetch) == b"x"
    prefetch.close()
    assert closed.is_set()


@pytest.mark.parametrize("stop", ["after-one-batch", "bad-row", "whole-file"])
def test_no_reader_thread_outlives_a_read(tmp_path, stop):
    path = tmp_path / "r.csv"
    data = sample_bytes(60_000, seed=5)
    path.write_bytes(data + (b"short\r\n" if stop == "bad-row" else b""))
    source = open_source(path)
    batches = source.batches(["phone"], SourceDigest())
    if stop == "after-one-batch":
        next(batches)
        batches.close()
    elif stop == "bad-row":
        with pytest.raises(SourceError, match="has 1 value"):
            list(batches)
    else:
        list(batches)
    assert reader_threads() == []


def test_a_source_stuck_for_ever_neither_blocks_close_nor_a_cancelled_consumer():
    from exporter.errors import ExportCancelled

    def stuck():
        yield b"first"
        threading.Event().wait()
        yield b"never"

    cancel = threading.Event()
    prefetch = Prefetch(stuck(), depth=2, cancel=cancel)
    assert next(prefetch) == b"first"
    cancel.set()
    with pytest.raises(ExportCancelled):
        next(prefetch)
    started = time.monotonic()
    prefetch.close(timeout=0.3)
    assert time.monotonic() - started < 2
