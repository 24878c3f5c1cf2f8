"""Time an export that keeps rows in scope and transforms values against the plain export of the same columns.

Issue 10's target: on the 460,000-row sample, an export with a filter keeping about an eighth of the rows and three
transforms (mask, pseudonym, age band) costs at most 1.3 x the plain export of the same columns. Both run as whole
processes, round-robin, with ``mlr | age`` reference pipelines in the same run, as ``export_bench.py`` does (its
helpers are reused: the inputs, the recipient, the timing under ``/usr/bin/time``):

- plain:   ``exporter export SAMPLE --column ...`` (the 8 columns below)
- shaped:  the same with ``--where 'resident_tax = 0' --where 'age(birth_date) >= 70'`` (12.3 % of the sample on
  2026-11-30) and ``--transform account_number=mask:4 --transform resident_number=pseudonym
  --transform birth_date=age-band:5 --pseudonym-key KEY``
- ``mlr cut | age``: the reference for plain; ``mlr filter + cut + put | age``: a rough reference for shaped (the
  tax filter, the last 4 digits of the account, a SHA-256 for the pseudonym; no age: Miller cannot read era dates)

The first exporter run of each kind is decrypted with ``age -d`` and checked against the source read with Python's
``csv``: plain row by row; shaped by the number of rows in scope (counted here with the same rule), the untouched
columns row by row, and each transformed value not the source's (a mask keeps the last 4 characters and the length).

Until issue 10's integration is on main the exporter has no ``--where``: the script says so and stops.

    PYTHONPATH=$PWD .venv/bin/python bench/shaping_bench.py [--rows N] [--repeat N] [--markdown]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

from export_bench import GNU_TIME, Case, machine, recipient, run, sample, tool_version, version
from shipped import shipped_exporter

COLUMNS = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "phone",
    "resident_number",
    "birth_date",
    "account_number",
]
WHERE = ["resident_tax = 0", "age(birth_date) >= 70"]
TRANSFORMS = {"account_number": "mask:4", "resident_number": "pseudonym", "birth_date": "age-band:5"}
TARGET = 1.3  # shaped wall at most this times plain (fastest runs)
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d+)年(\d+)月(\d+)日")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    exporter = str(shipped_exporter(args.workdir.resolve()))  # this venv's exporter, without pandas as shipped
    for tool in ("age", "age-keygen", "mlr", GNU_TIME):
        if not shutil.which(tool):
            sys.exit(f"shaping_bench: {tool} is missing (apt-get install age miller time)")
    missing = missing_options(exporter)
    if missing:
        sys.exit(
            f"shaping_bench: this exporter has no {', '.join(missing)} yet (issue 10's integration); nothing timed"
        )
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": str(Path(exporter).parent) + os.pathsep + os.environ["PATH"]}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code written once, as installed (export_bench.py says why)
    env["R"] = recipient(workdir)
    source = sample(workdir, args.rows, "utf-8", env)
    key = workdir / "pseudonym.key"
    if not key.exists():
        subprocess.run(["exporter", "pseudonym-key", "--output", str(key)], check=True, env=env, cwd=workdir)
    cases = make_cases(source, key, args.rows)
    for round_ in range(-args.warmup, args.repeat):
        for name, case in cases.items():
            wall, rss, cpu = run(case, workdir, env)
            label = "warm-up" if round_ < 0 else f"run {round_ + 1}"
            print(f"{label:>7}: {case.name:<34} {wall:6.2f} s {rss / 1024:7.1f} MiB {cpu:6.2f} s CPU", file=sys.stderr)
            if round_ < 0:
                continue
            case.walls.append(wall)
            case.rss_kib.append(rss)
            case.cpus.append(cpu)
            if round_ == 0 and case.output:
                verify(workdir, source, shaped=name == "shaped")
    report(args, cases, source)


def missing_options(exporter: str) -> list[str]:
    shown = subprocess.run([exporter, "export", "--help"], capture_output=True, text=True).stdout
    return [option for option in ("--where", "--transform", "--pseudonym-key") if option not in shown]


def make_cases(source: Path, key: Path, rows: int) -> dict[str, Case]:
    columns = " ".join(f"--column {name}" for name in COLUMNS)
    plain = f'exporter export {source.name} {columns} --recipient "$R" --output out.zip.age'
    wheres = " ".join(f"--where '{condition}'" for condition in WHERE)
    transforms = " ".join(f"--transform {column}={kind}" for column, kind in TRANSFORMS.items())
    shaped = f"{plain} {wheres} {transforms} --pseudonym-key {key.name}"
    cut = f"cut -o -f {','.join(COLUMNS)}"
    rough = (
        f"mlr --csv filter '$resident_tax == \"0\"' then {cut} then put "
        "'$resident_number = sha256($resident_number); $account_number = \"***\" . substr($account_number, -4, -1)'"
    )
    return {
        "mlr": Case("mlr cut | age (plain reference)", f'mlr --csv {cut} {source.name} | age -r "$R" > out.age'),
        "mlr-shaped": Case("mlr filter+put | age (rough)", f'{rough} {source.name} | age -r "$R" > out.age'),
        "plain": Case("export plain", plain, "out.zip.age", source, "utf-8", rows),
        "shaped": Case("export filter + 3 transforms", shaped, "out.zip.age", source, "utf-8", rows),
    }


def verify(workdir: Path, source: Path, *, shaped: bool) -> None:
    """Decrypt out.zip.age with the reference age and compare data.csv with the source (see the module text)."""
    opened = workdir / "verify.zip"
    with opened.open("wb") as sink:
        subprocess.run(["age", "-d", "-i", str(workdir / "key.txt"), str(workdir / "out.zip.age")], stdout=sink,
                       check=True)  # fmt: skip
    with zipfile.ZipFile(opened) as archive, archive.open("data.csv") as raw:
        got = list(csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))
    opened.unlink()
    with source.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        wanted = [row for row in reader if not shaped or in_scope(row, datetime.date.today())]
    label = "shaped" if shaped else "plain"
    if got[0] != COLUMNS:
        sys.exit(f"shaping_bench: {label}: data.csv header is {got[0]}")
    if len(got) - 1 != len(wanted):
        sys.exit(f"shaping_bench: {label}: data.csv holds {len(got) - 1:,} rows, the source {len(wanted):,} in scope")
    for number, (row, expected) in enumerate(zip(got[1:], wanted, strict=True), 1):
        for column, value in zip(COLUMNS, row, strict=True):
            original = expected[column]
            kind = TRANSFORMS.get(column) if shaped else None
            if kind is None:
                ok = value == original
            elif kind.startswith("mask"):
                ok = len(value) == len(original) and value[-4:] == original[-4:]
            else:
                ok = value != original or not original
            if not ok:
                sys.exit(f"shaping_bench: {label}: row {number}, {column}: {value!r} for {original!r}")
    print(f"verified: {label}: {len(wanted):,} rows as the source has them", file=sys.stderr)


def in_scope(row: dict[str, str], today: datetime.date) -> bool:
    """The filter of the shaped case, by this script's own reading of era dates (29 Feb: birthday on 1 Mar)."""
    match = ERA_DATE.fullmatch(row["birth_date"])
    if row["resident_tax"] != "0" or not match:
        return False
    year = ERAS[match[1]] + (1 if match[2] == "元" else int(match[2]))
    month, day = int(match[3]), int(match[4])
    age = today.year - year - ((today.month, today.day) < (month, day))
    return age >= 70


def report(args: argparse.Namespace, cases: dict[str, Case], source: Path) -> None:
    fastest = {name: min(case.walls) for name, case in cases.items()}
    ratio = fastest["shaped"] / fastest["plain"]
    lines = [
        f"{args.rows:,} rows, {args.repeat} repeats (+{args.warmup} warm-up); {machine()}",
        f"Python {sys.version.split()[0]}, pyarrow {version('pyarrow')}, {tool_version('age')}, "
        f"{tool_version('mlr')}; {source.name} {source.stat().st_size / 2**20:.1f} MiB; "
        f"load {os.getloadavg()[0]:.2f}",
        "",
        "| measurement | wall median (s) | wall min (s) | peak RSS max (MiB) | CPU median (s) |",
        "|---|--:|--:|--:|--:|",
        *(
            f"| {case.name.replace('|', chr(92) + '|')} | {statistics.median(case.walls):.2f} | "
            f"{min(case.walls):.2f} | "
            f"{max(case.rss_kib) / 1024:.0f} | {statistics.median(case.cpus):.2f} |"
            for case in cases.values()
        ),
        "",
        f"{'PASS' if ratio <= TARGET else 'FAIL'}  shaped export wall <= {TARGET} x plain (fastest runs): "
        f"{ratio:.2f} x",
    ]
    if args.markdown:
        lines += ["", "```sh", *(case.command for case in cases.values()), "```"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
