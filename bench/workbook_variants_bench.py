"""Workbooks that are not plain tables, against the plain one: how long `exporter inspect` takes when a sheet holds
an error cell, formulas (with and without cached values), `x:`-prefixed elements or formatting far below the table.

Each variant is the bench workbook of `workbook_bench.py` (run it first: it makes
`bench/work/workbook-bench-100000.xlsx`) with its sheet XML edited (written under the workdir, ignored by git).
Runs are interleaved; the table gives the fastest and the median wall time, the exit status and the first problem
or refusal (`--json`).

    PYTHONPATH=$PWD .venv/bin/python bench/workbook_variants_bench.py [--repeat 3] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHEET = "xl/worksheets/sheet1.xml"
ERROR = (b'<c r="C5000" s="2" t="s"><v>1033</v></c>', b'<c r="C5000" s="2" t="e"><v>#N/A</v></c>')
COLUMN_B = re.compile(rb'<c r="B([0-9]+)" s="1" t="s"><v>[0-9]+</v></c>')


def prefixed(xml: bytes) -> bytes:
    start, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>") + len(b"</sheetData>")
    body = re.sub(rb"<(/?)(sheetData|row|c|v)([\s>/])", rb"<\1x:\2\3", xml[start:end])
    ns = b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns="'
    return xml[:start].replace(b'<worksheet xmlns="', ns, 1) + body + xml[end:]


def formulas(with_values: bool) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        if with_values:
            return COLUMN_B.sub(lambda m: b'<c r="B%s" s="1" t="str"><f>A%s&amp;""</f><v>x</v></c>' % (m[1], m[1]), xml)
        return COLUMN_B.sub(lambda m: b'<c r="B%s" s="1"><f>1+1</f></c>' % m[1], xml)

    return edit


def formatted_last_row(xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>', 1)


VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "plain": lambda xml: xml,
    "one error cell (C5000 #N/A)": lambda xml: xml.replace(*ERROR, 1),
    "column B: formulas with values": formulas(True),
    "column B: formulas without values": formulas(False),
    "formulas with values and one error cell": lambda xml: formulas(True)(xml).replace(*ERROR, 1),
    "x: prefixed elements": prefixed,
    "a formatted cell at XFD1048576": formatted_last_row,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    source = args.workdir / "workbook-bench-100000.xlsx"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run bench/workbook_bench.py first")
    with zipfile.ZipFile(source) as book:
        xml = book.read(SHEET)
    paths = {}
    for index, (name, edit) in enumerate(VARIANTS.items()):
        paths[name] = args.workdir / f"workbook-variant-{index}.xlsx"
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(paths[name], "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, edit(xml) if info.filename == SHEET else old.read(info.filename))
    walls: dict[str, list[float]] = {name: [] for name in VARIANTS}
    outcome: dict[str, str] = {}
    loads = []
    for _ in range(args.repeat):
        for name, path in paths.items():
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "exporter", "inspect", str(path), "--json"],
                                  capture_output=True, text=True)  # fmt: skip
            walls[name].append(time.perf_counter() - started)
            loads.append(os.getloadavg()[0])
            outcome[name] = f"{done.returncode}: {first_finding(done)}"
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {min(loads):.2f}-{max(loads):.2f}, {args.repeat} runs\n")
    print("| workbook | fastest s | median s | exit: first problem or refusal |")
    print("| --- | ---: | ---: | --- |")
    for name, runs in walls.items():
        print(f"| {name} | {min(runs):.2f} | {statistics.median(runs):.2f} | {outcome[name]} |")


def first_finding(done: subprocess.CompletedProcess[str]) -> str:
    if done.returncode != 0:
        return done.stderr.strip().splitlines()[0][:110] if done.stderr.strip() else "(nothing said)"
    report = json.loads(done.stdout)
    problems = report.get("problems") or []
    return json.dumps(problems[0], ensure_ascii=False)[:110] if problems else f"{report.get('rows')} rows, no problem"


if __name__ == "__main__":
    main()
