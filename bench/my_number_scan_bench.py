"""The cost and the false positives of the export's My Number scan (:mod:`exporter.my_number_scan`).

On the sample (``exporter sample``, 460,000 rows by default), in one process:

- the scan alone over every column of the sample but ``my_number`` (23 columns), and over the six columns of
  ``export_bench.py``, against reading the same columns (the reader's own time);
- the six-column export (:func:`exporter.pipeline.run_export`, one X25519 recipient) with the scan and without it
  (``scanned_columns`` made to return nothing), interleaved, ``--repeat`` times each;
- what the rule decides: the counts (values of the My Number shape, valid ones) of each sample column, of 460,000
  random 12-digit strings, and of the ``my_number`` column renamed 項目003 with 未取得 every third row (the
  worst case for the scan's cost: every value is looked at).

    PYTHONPATH=$PWD .venv/bin/python bench/my_number_scan_bench.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from exporter import my_number_scan
from exporter.envelope import X25519Identity
from exporter.my_number_scan import MyNumberScan, holds_my_numbers
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import SAMPLE_COLUMNS, write_sample
from exporter.source import SourceDigest, open_source

SIX = ("family_name", "given_name", "phone", "email", "postal_code", "address_line")


def scan_time(path: Path, columns: tuple[str, ...]) -> tuple[float, float, MyNumberScan]:
    """Seconds to read ``columns``, seconds of the scan over them, and the scan."""
    source = open_source(path)
    scan = MyNumberScan(columns)
    read = scanned = 0.0
    started = time.perf_counter()
    for batch in source.batches(columns, SourceDigest()):
        now = time.perf_counter()
        read += now - started
        scan.add(dict(zip(columns, batch.columns, strict=True)), lambda i: i + 1)
        started = time.perf_counter()
        scanned += started - now
    return read, scanned, scan


def export_times(path: Path, repeat: int) -> tuple[list[float], list[float]]:
    key = str(X25519Identity(X25519PrivateKey.generate()).recipient)
    with_scan: list[float] = []
    without: list[float] = []
    original = my_number_scan.scanned_columns
    for _ in range(repeat):
        for times, scanning in ((with_scan, True), (without, False)):
            my_number_scan.scanned_columns = original if scanning else (lambda *_: ())  # type: ignore[assignment]
            output = path.with_name("out.zip.age")
            output.unlink(missing_ok=True)
            started = time.perf_counter()
            run_export(ExportPlan(source=path, columns=SIX, output=output, recipients=(key,)))
            times.append(time.perf_counter() - started)
    my_number_scan.scanned_columns = original
    return with_scan, without


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.csv"
        with path.open("wb") as out:
            write_sample(out, args.rows, seed=0)
        others = tuple(name for name in SAMPLE_COLUMNS if name != "my_number")
        read, scanned, scan = scan_time(path, others)
        print(f"23 columns: read {read:.2f} s, scan {scanned:.2f} s")
        for column, count in scan.counts.items():
            if count.shaped:
                print(f"  {column}: shaped {count.shaped:,}, valid {count.valid:,}, refused {holds_my_numbers(count)}")
        print(f"  refused columns: {[column for column, _ in scan.found()]}")
        read, scanned, _ = scan_time(path, SIX)
        print(f"6 columns: read {read:.2f} s, scan {scanned:.2f} s")

        rand = random.Random(1)
        numbers = pa.array([f"{rand.randrange(10**12):012d}" for _ in range(args.rows)])
        scan = MyNumberScan(["random"])
        started = time.perf_counter()
        scan.add({"random": numbers}, lambda i: i + 1)
        count = scan.counts["random"]
        print(
            f"random 12-digit strings: shaped {count.shaped:,}, valid {count.valid:,} "
            f"({count.valid / count.shaped:.2%}), refused {holds_my_numbers(count)}, "
            f"{time.perf_counter() - started:.2f} s"
        )

        hidden = Path(folder) / "hidden.csv"
        with path.open(encoding="utf-8", newline="") as file, hidden.open("w", encoding="utf-8", newline="") as out:
            reader, writer = csv.reader(file), csv.writer(out, lineterminator="\n")
            header = next(reader)
            place = header.index("my_number")
            header[place] = "項目003"
            writer.writerow(header)
            for index, row in enumerate(reader):
                row[place] = "未取得" if index % 3 == 0 else row[place]
                writer.writerow(row)
        read, scanned, scan = scan_time(hidden, ("項目003",))
        count = scan.counts["項目003"]
        print(f"hidden 項目003: read {read:.2f} s, scan {scanned:.2f} s, valid {count.valid:,} of {count.shaped:,}")

        with_scan, without = export_times(path, args.repeat)
        print(
            f"six-column export: with scan {statistics.median(with_scan):.2f} s "
            f"({min(with_scan):.2f}-{max(with_scan):.2f}), without {statistics.median(without):.2f} s "
            f"({min(without):.2f}-{max(without):.2f})"
        )


if __name__ == "__main__":
    main()
