"""Time the re-identification risk counter (exporter.risk_counter.RiskCounter) on the synthetic register and its
memory.

The quasi-identifier columns are read once from the sample CSV in 1 MiB blocks (as the export reads them) and kept
as an Arrow IPC file in the workdir; each measurement runs in a fresh process that memory-maps that file, so the
Arrow memory pool holds only what the counter allocates: its peak (``max_memory``) is the counter's peak. Time is
``add`` over every batch plus ``result`` in a fresh process ("fastest", "median": what one CLI export pays, the
first grouping setting pyarrow's compute up) and once more in the same process ("warm": the wizard's case).
Each case's figures are checked against pandas' ``groupby().size()``.

pandas is kept out of the measured process (an import hook makes it look absent, as it is in the packaged program):
``Table.group_by`` loads ``pyarrow.dataset``, which imports pandas whenever it is installed, and that first import
costs about 0.4 s (0.04 s without pandas). ``--with-pandas`` measures the development venv as it is.

    PYTHONPATH=$PWD .venv/bin/python bench/risk_bench.py              # 460,000 rows, 5 repeats
    PYTHONPATH=$PWD .venv/bin/python bench/risk_bench.py --markdown   # also a block for bench/RESULTS.md

The target (issue 10): under 1 s on the 460,000-row sample.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.ipc as ipc

SOURCE_COLUMNS = ["birth_date", "gender", "postal_code"]
CASES = {
    "birth_date, gender, postal_code": ["birth_date", "gender", "postal_code"],
    "age_band, gender, postal_code": ["age_band", "gender", "postal_code"],
    "age_band, gender, postal_area": ["age_band", "gender", "postal_area"],
    "birth_date": ["birth_date"],
}
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d+)年")
REFERENCE_YEAR = 2026
TARGET_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--scale", type=int, default=10, help="rows multiplier of the memory-flatness runs (10)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--with-pandas", action="store_true", help="let pyarrow import pandas in the measured process (see above)"
    )
    parser.add_argument("--child", nargs=3, metavar=("IPC", "CASE", "TIMES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if not args.with_pandas:
            sys.meta_path.insert(0, NoPandas())
        print(json.dumps(measure(Path(args.child[0]), CASES[args.child[1]], int(args.child[2]))))
        return
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    columns = quasi_identifier_file(workdir, args.rows)
    lines = []
    for name, case in CASES.items():
        runs = [child(columns, name, 1, args.with_pandas) for _ in range(args.repeat)]
        first = runs[0]
        oracle = pandas_figures(columns, case)
        if not close_to(first["figures"], oracle, first["sample_level"]):
            sys.exit(f"risk_bench: {name}: counter {first['figures']} but pandas {oracle}")
        seconds = [run["seconds"] for run in runs]
        warm = [run["warm_seconds"] for run in runs]
        peak = max(run["peak_bytes"] for run in runs) / 2**20
        rows, unique, k, groups = first["figures"]
        verdict = "ok" if min(seconds) < TARGET_SECONDS else "MISSED"
        lines.append(
            f"| {name} | {rows:,} | {unique:,} | {k:,} | {groups:,} | {counted(first)} | {min(seconds):.3f} | "
            f"{statistics.median(seconds):.3f} | {min(warm):.3f} | {peak:.1f} | {verdict} |"
        )
    for name, case in CASES.items() if args.scale > 1 else ():
        # every row again scale - 1 times: the same groups, each scale times larger; memory must not follow the rows
        run = child(columns, name, args.scale, args.with_pandas)
        rows, unique, k, groups = run["figures"]
        sizes = pandas_sizes(columns, case) * args.scale
        oracle = [int(sizes.sum()), 0, int(sizes.min()), len(sizes)]
        if not close_to(run["figures"], oracle, run["sample_level"]):
            sys.exit(f"risk_bench: {name} x {args.scale}: {run['figures']} but pandas {oracle}")
        lines.append(
            f"| {name}, every row {args.scale} times | {rows:,} | {unique:,} | {k:,} | {groups:,} | {counted(run)} | "
            f"{run['seconds']:.3f} | | {run['warm_seconds']:.3f} | {run['peak_bytes'] / 2**20:.1f} | |"
        )
    header = [
        f"RiskCounter, {args.rows:,} sample rows, {args.repeat} runs each (pyarrow {pa.__version__}, pandas "
        f"{'importable' if args.with_pandas else 'kept out'}); target under {TARGET_SECONDS} s",
        "",
        "| quasi-identifiers | rows | unique | k | groups | counted | fastest s | median s | warm s | peak MiB "
        "| target |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    text = "\n".join([*header, *lines])
    print(text if args.markdown else text.replace("|---", "").replace("---:", ""))


def quasi_identifier_file(workdir: Path, rows: int) -> Path:
    """The quasi-identifier columns of the sample (plus an age band and a postal area made from them) as an Arrow
    IPC file of 1 MiB-block batches, made once."""
    path = workdir / f"risk-columns-{rows}.arrow"
    if path.exists():
        return path
    source = workdir / f"residents-{rows}-utf-8.csv"
    if not source.exists():
        print(f"generating {source.name} ...", file=sys.stderr, flush=True)
        part = source.with_suffix(".part.csv")
        command = [sys.executable, "-m", "exporter", "sample", "--rows", str(rows), "--output", str(part)]
        subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
        part.rename(source)
    reader = pcsv.open_csv(
        source,
        read_options=pcsv.ReadOptions(block_size=1 << 20),
        convert_options=pcsv.ConvertOptions(
            include_columns=SOURCE_COLUMNS, column_types=dict.fromkeys(SOURCE_COLUMNS, pa.string())
        ),
    )
    bands: dict[str, str] = {}
    part = path.with_suffix(".part")
    with reader, ipc.new_file(part, schema_with_derived()) as writer:
        for batch in reader:
            births = batch.column("birth_date").to_pylist()
            band = pa.array([bands.setdefault(text, age_band(text)) for text in births], pa.string())
            area = pc.utf8_slice_codeunits(batch.column("postal_code"), 0, 3)
            writer.write_batch(pa.record_batch([*batch.columns, band, area], schema=schema_with_derived()))
    part.rename(path)
    return path


class NoPandas:
    """An import hook that makes pandas look absent, as in the packaged program."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is not part of exporter")


def schema_with_derived() -> pa.Schema:
    return pa.schema([(name, pa.string()) for name in [*SOURCE_COLUMNS, "age_band", "postal_area"]])


def age_band(text: str) -> str:
    """A 5-year age band ("65-69") from an era birth date, by year only (a bench stand-in for age-band:5)."""
    match = ERA_DATE.match(text)
    if not match:
        return ""
    year = ERAS[match[1]] + (1 if match[2] == "元" else int(match[2]))
    low = (REFERENCE_YEAR - year) // 5 * 5
    return f"{low}-{low + 4}"


def child(columns: Path, case: str, times: int, with_pandas: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", str(columns), case, str(times)]
    command += ["--with-pandas"] if with_pandas else []
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout))


def measure(columns: Path, case: list[str], times: int) -> dict[str, object]:
    """In a fresh process: count ``case`` over the memory-mapped batches (all of them ``times`` times over);
    seconds and the pool's peak bytes."""
    from exporter.risk_counter import RiskCounter

    with pa.memory_map(str(columns)) as source:
        reader = ipc.open_file(source)
        batches = [reader.get_batch(index) for index in range(reader.num_record_batches)]
        pool = pa.default_memory_pool()
        before = pool.max_memory()
        seconds = []
        for run in range(2):  # cold (the first grouping in a process sets pyarrow's compute up), then warm
            start = time.perf_counter()
            counter = RiskCounter(case)
            for batch in batches * times:
                counter.add([batch.column(name) for name in case])
            risk = counter.result()
            seconds.append(time.perf_counter() - start)
            if run == 0:
                peak = pool.max_memory() - before
            del counter
    return {
        "seconds": seconds[0],
        "warm_seconds": seconds[1],
        "peak_bytes": peak,
        "figures": [risk.rows, risk.unique, risk.smallest_group, risk.groups],
        "sample_level": risk.sample_level,
    }


def close_to(figures: list[int], oracle: list[int], level: int) -> bool:
    """Exact figures must equal pandas'; estimated ones (a sample of the combinations) must have the same rows, a
    unique share within one point and a number of groups within 5 % of pandas', and a k no smaller than pandas'."""
    if not level:
        return figures == oracle
    rows, unique, k, groups = figures
    return (
        rows == oracle[0]
        and abs(unique - oracle[1]) <= 0.01 * rows
        and abs(groups - oracle[3]) <= 0.05 * oracle[3]
        and k >= oracle[2]
    )


def counted(run: dict[str, object]) -> str:
    """ "all" for exact figures, else the share of the combinations that were counted ("1/2")."""
    level = int(str(run["sample_level"]))
    return "all" if not level else f"1/{1 << level}"


def pandas_figures(columns: Path, case: list[str]) -> list[int]:
    sizes = pandas_sizes(columns, case)
    return [int(sizes.sum()), int((sizes == 1).sum()), int(sizes.min()), len(sizes)]


def pandas_sizes(columns: Path, case: list[str]):
    with pa.memory_map(str(columns)) as source:
        frame = ipc.open_file(source).read_all().select(case).to_pandas()
    return frame.groupby(case, dropna=False, sort=False).size()


if __name__ == "__main__":
    main()
