"""Time the rows-in-scope parts on the synthetic register: parse_dates on the birth dates and the wizard's live count
(count_in_scope over the filter's columns held in memory), see bench/README.md.

The columns are read once with pyarrow (every value as text, as the reader yields them); each measured call is timed
alone, the first call of the process separately (it pays for pyarrow's kernels and caches) from the best of the
repeats. pyarrow imports pandas, when it is installed, the first time it converts a Python value; the frozen program
has no pandas, so ``--without-pandas`` (the default) blocks it to measure what a clerk's PC does.
"""

from __future__ import annotations

import argparse
import importlib.abc
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

FILTERS = {
    "2 groups: exempt and 65+, or a care level and low income": [
        ["resident_tax = 0", "age(birth_date) >= 65"],
        ["care_level is not empty", "taxable_income < 1,000,000"],
    ],
    "1 condition: born on or before 昭和36年4月1日": [["birth_date <= 昭和36年4月1日"]],
    "1 condition: address contains 港町 (460,000 distinct-ish values)": [["address_line contains 港町"]],
}
REFERENCE = date(2026, 4, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--with-pandas", action="store_true", help="let pyarrow import pandas and numpy (a dev venv)")
    args = parser.parse_args()
    if not args.with_pandas:
        sys.meta_path.insert(0, LeftOut())

    import pyarrow as pa
    import pyarrow.csv as pacsv

    import exporter.dates as dates_module
    from exporter.dates import parse_dates
    from exporter.filters import count_in_scope, parse_filter

    source = sample(args.workdir, args.rows)
    needed = ["birth_date", "resident_tax", "care_level", "taxable_income", "address_line"]
    started = time.perf_counter()
    table = pacsv.read_csv(
        source,
        convert_options=pacsv.ConvertOptions(
            include_columns=needed, column_types=dict.fromkeys(needed, pa.string()), strings_can_be_null=False
        ),
    )
    print(f"{table.num_rows:,} rows, {len(needed)} columns read in {time.perf_counter() - started:.2f} s")
    births = table.column("birth_date").combine_chunks()
    print(f"birth_date: {len(births.unique()):,} distinct values")

    def uncached() -> None:
        dates_module._known = None  # every distinct value parsed again, as in a fresh process
        parse_dates(births)

    first, best, cpu = timed(uncached, args.repeat)
    print(
        f"parse_dates(birth_date): first call {first * 1000:.0f} ms, "
        f"best of {args.repeat} {best * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)"
    )
    first, best, cpu = timed(lambda: parse_dates(births), args.repeat)
    print(
        f"parse_dates(birth_date), values remembered from an earlier call: "
        f"best {best * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)"
    )
    for label, groups in FILTERS.items():
        row_filter = parse_filter(groups, table.column_names, reference_date=REFERENCE)
        kept = count_in_scope(table, row_filter)
        first, best, cpu = timed(lambda row_filter=row_filter: count_in_scope(table, row_filter), args.repeat)
        print(
            f"count_in_scope, {label}: {kept:,} of {table.num_rows:,} kept; "
            f"first call {first * 1000:.0f} ms, best of {args.repeat} {best * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)"
        )
    # The export filters block by block: about 4,200 rows per 1 MiB block of this register.
    for label, groups in list(FILTERS.items())[:1]:
        row_filter = parse_filter(groups, table.column_names, reference_date=REFERENCE)
        for rows in (4_200, 16_800, 65_536):
            batches = table.select(list(row_filter.columns)).combine_chunks().to_batches(max_chunksize=rows)

            def by_batch(row_filter=row_filter, batches=batches) -> int:
                masks = (row_filter.mask(dict(zip(b.schema.names, b.columns, strict=True))) for b in batches)
                return sum(mask.true_count for mask in masks)

            first, best, cpu = timed(by_batch, args.repeat)
            print(
                f"mask batch by batch ({len(batches)} batches of {rows:,} rows), {label}: "
                f"first pass {first * 1000:.0f} ms, best of {args.repeat} {best * 1000:.0f} ms "
                f"(CPU {cpu * 1000:.0f} ms)"
            )
    print(f"pandas imported: {'pandas' in sys.modules}, numpy imported: {'numpy' in sys.modules}")


class LeftOut(importlib.abc.MetaPathFinder):
    """Makes ``import pandas`` and ``import numpy`` fail as in the frozen program (build.spec leaves them out)."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("pandas", "numpy"):
            raise ModuleNotFoundError(f"No module named {name!r} (left out as in the frozen program)", name=name)
        return None


def timed(call, repeat: int) -> tuple[float, float, float]:
    """Wall seconds of the first call and the best of ``repeat`` more, and the best CPU seconds (steadier than
    wall time on a loaded machine)."""
    times, cpus = [], []
    for _ in range(repeat + 1):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return times[0], min(times[1:]), min(cpus[1:])


def sample(workdir: Path, rows: int) -> Path:
    """The synthetic register with ``rows`` rows, made once and kept in the workdir."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"residents-{rows}-utf-8.csv"
    if not path.exists():
        part = path.with_suffix(".part.csv")
        part.unlink(missing_ok=True)
        command = [sys.executable, "-m", "exporter", "sample", "--rows", str(rows), "--output", str(part)]
        subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
        part.rename(path)
    return path


if __name__ == "__main__":
    main()
