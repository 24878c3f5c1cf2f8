"""Time the transforms over a whole register: mask, pseudonym and age-band (and the others) on 460,000 rows.

The columns are read once with exporter's own reader, in the batches the export gets; each transform is then
applied batch by batch, as the pipeline applies it, and timed (best and median of ``--rounds``). Reading is not
timed. Prints a Markdown table for bench/RESULTS.md: wall time, and CPU time (user + system of this process),
which stays meaningful on a busy machine.

    PYTHONPATH=$PWD .venv/bin/python bench/transforms_bench.py [--rows 460000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from exporter.pseudonym import PseudonymKey
from exporter.sample import write_sample
from exporter.source import SourceDigest, open_source
from exporter.transforms import TransformContext, apply_transform, parse_transform

CASES = [
    ("mask:4", "account_number"),
    ("mask:4", "phone"),
    ("pseudonym", "resident_number"),
    ("age-band:5", "birth_date"),
    ("year", "birth_date"),
    ("postal-area", "postal_code"),
    ("address-town", "address_line"),
    ("formula-safe", "notes"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--source", type=Path, help="an existing sample file (default: made in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.source or Path(folder) / "residents.csv"
        if args.source is None:
            write_sample(path, args.rows)
        source = open_source(path)
        columns = sorted({column for _, column in CASES})
        batches = list(source.batches(columns, SourceDigest()))
    rows = sum(batch.num_rows for batch in batches)
    context = TransformContext(date(2026, 4, 1), PseudonymKey.generate())
    print(f"{rows:,} rows in {len(batches)} batches; Python {sys.version.split()[0]}, pyarrow {pa.__version__}\n")
    print("| transform | column | distinct values | wall best (s) | wall median (s) | CPU best (s) |")
    print("|---|---|--:|--:|--:|--:|")
    for text, column in CASES:
        transform = parse_transform(text)
        arrays = [batch.column(column) for batch in batches]
        distinct = len(pc.unique(pa.chunked_array(arrays)))
        times, cpus = [], []
        for _ in range(args.rounds):
            start, cpu = time.perf_counter(), time.process_time()
            for array in arrays:
                apply_transform(transform, array, context)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        wall = f"{min(times):.3f} | {statistics.median(times):.3f}"
        print(f"| {text} | {column} | {distinct:,} | {wall} | {min(cpus):.3f} |")


if __name__ == "__main__":
    main()
