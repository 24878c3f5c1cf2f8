"""A workbook against the same table as CSV (issue 10: a 100,000-row workbook read within 5 x the CSV's time).

Makes the synthetic register as UTF-8 CSV (`exporter sample`) and the same table as .xlsx, written by LibreOffice
(`soffice --convert-to xlsx`, every column as text: shared strings, as Excel writes them) or, without LibreOffice,
by openpyxl. Then, runs interleaved, the fastest and median of each:
  - `exporter inspect` and `exporter export` (6 columns) as whole processes, wall time and peak RSS (/usr/bin/time)
  - reading every column in one process: exporter.sources.open_source + batches (CSV, and workbook), and the
    reference readers of the same workbook: openpyxl (read_only, values_only) and python-calamine alone

    PYTHONPATH=$PWD .venv/bin/python bench/workbook_bench.py [--rows 100000] [--repeat 3] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEPT = ["resident_number", "family_name", "given_name", "birth_date", "postal_code", "phone"]

READ_CODE = {
    "exporter (CSV)": "from exporter.sources import open_source, read_columns; s = open_source(P); "
    "read_columns(s, list(s.header))",
    "exporter (xlsx, calamine)": "from exporter.sources import open_source, read_columns; s = open_source(P); "
    "read_columns(s, list(s.header))",
    "python-calamine alone": "import python_calamine as c; w = c.CalamineWorkbook.from_path(P); "
    "rows = w.get_sheet_by_name(w.sheet_names[0]).to_python()",
    "openpyxl (read_only)": "import openpyxl; b = openpyxl.load_workbook(P, read_only=True, data_only=True); "
    "rows = list(b.worksheets[0].iter_rows(values_only=True))",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path, writer = inputs(args.workdir, args.rows)
    key = args.workdir / "workbook-bench.key"
    if not key.exists():
        subprocess.run([sys.executable, "-m", "exporter", "keygen", "--output", str(key), "--no-protect"], check=True,
                       capture_output=True)  # fmt: skip
    recipient = subprocess.run(["age-keygen", "-y", str(key)], capture_output=True, text=True).stdout.strip()
    columns = [part for column in KEPT for part in ("--column", column)]
    cases: dict[str, list[str]] = {}
    for label, path in (("CSV", csv_path), ("xlsx", xlsx_path)):
        cases[f"inspect {label}"] = [sys.executable, "-m", "exporter", "inspect", str(path), "--json"]
        out = args.workdir / f"bench-{label}.zip.age"
        cases[f"export {label}"] = [sys.executable, "-m", "exporter", "export", str(path), *columns,
                                    "--recipient", recipient, "--output", str(out)]  # fmt: skip
    for label, code in READ_CODE.items():
        path = csv_path if "CSV" in label else xlsx_path
        cases[f"read: {label}"] = [sys.executable, "-c", f"P = {str(path)!r}; {code}"]
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in cases}
    loads = []
    for _ in range(args.repeat):
        for name, argv in cases.items():
            for leftover in args.workdir.glob("bench-*.zip.age"):
                leftover.unlink()
            results[name].append(timed(argv))
            loads.append(os.getloadavg()[0])
    report(args, results, csv_path, xlsx_path, writer, loads)


def inputs(workdir: Path, rows: int) -> tuple[Path, Path, str]:
    csv_path = workdir / f"workbook-bench-{rows}.csv"
    if not csv_path.exists():
        subprocess.run([sys.executable, "-m", "exporter", "sample", "--rows", str(rows), "--output", str(csv_path)],
                       check=True, capture_output=True)  # fmt: skip
    xlsx_path = workdir / f"workbook-bench-{rows}.xlsx"
    writer = "LibreOffice " + tool_version() if shutil.which("soffice") else "openpyxl (inline strings)"
    if not xlsx_path.exists():
        if shutil.which("soffice"):
            with tempfile.TemporaryDirectory() as profile:
                columns = "/".join(f"{i}/2" for i in range(1, 30))
                subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                                "--infilter=CSV:44,34,76,1," + columns, "--convert-to", "xlsx", "--outdir",
                                str(workdir), str(csv_path)], check=True, capture_output=True)  # fmt: skip
        else:
            import csv

            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("residents")
            with open(csv_path, encoding="utf-8", newline="") as file:
                for row in csv.reader(file):
                    sheet.append(row)
            book.save(xlsx_path)
    return csv_path, xlsx_path, writer


def timed(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run (GNU time)."""
    with tempfile.NamedTemporaryFile() as report_file:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report_file.name, *argv], capture_output=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{argv[:5]} failed: {done.stderr.decode(errors='replace')[-500:]}")
        return wall, int(Path(report_file.name).read_text().split()[-1])


def report(args, results, csv_path: Path, xlsx_path: Path, writer: str, loads: list[float]) -> None:
    def best(name: str) -> float:
        return min(wall for wall, _ in results[name])

    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()}, load average during the runs "
        f"{min(loads):.2f}-{max(loads):.2f}; {args.rows:,} rows x 24 columns; CSV {csv_path.stat().st_size / 2**20:.1f}"
        f" MiB, xlsx {xlsx_path.stat().st_size / 2**20:.1f} MiB written by {writer}; {args.repeat} interleaved runs",
        "",
        "| run | fastest s | median s | peak RSS MiB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, runs in results.items():
        walls = [wall for wall, _ in runs]
        peak = max(rss for _, rss in runs) / 1024
        lines.append(f"| {name} | {min(walls):.2f} | {statistics.median(walls):.2f} | {peak:.0f} |")
    lines.append("")
    for what in ("inspect", "export"):
        ratio = best(f"{what} xlsx") / best(f"{what} CSV")
        lines.append(
            f"- {what}: workbook / CSV = {ratio:.1f} x (target: at most 5 x) -> {'met' if ratio <= 5 else 'MISSED'}"
        )
    ratio = best("read: exporter (xlsx, calamine)") / best("read: exporter (CSV)")
    lines.append(f"- reading every column in one process: workbook / CSV = {ratio:.1f} x")
    ratio = best("read: openpyxl (read_only)") / best("read: python-calamine alone")
    lines.append(f"- openpyxl / python-calamine on the same workbook = {ratio:.1f} x")
    print("\n".join(lines))


def machine() -> str:
    from importlib.metadata import version

    import pyarrow
    import python_calamine  # noqa: F401

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"python-calamine {version('python-calamine')}, openpyxl {version('openpyxl')}, pyarrow {pyarrow.__version__}"
    )


def tool_version() -> str:
    done = subprocess.run(["soffice", "--version"], capture_output=True, text=True)
    return done.stdout.split()[1] if done.stdout else "?"


if __name__ == "__main__":
    main()
