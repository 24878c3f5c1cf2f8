"""Cells a spreadsheet would run as formulas: what LibreOffice Calc really does with them (opened headless, as a
recipient would open data.csv), inspect's warning, and the transforms staying free of pandas."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from exporter.transforms import Transform, TransformContext, apply_transform, formula_like

CELLS = [
    "=1+2",
    '=HYPERLINK("http://example.invalid";"x")',
    "+1+2",
    "-1+2",
    "@SUM(1;2)",
    "\t=1+2",
    "\r=1+2",
    "＝1+2",
    "＋1",
    "'=1+2",
    "a=1",
    "-123",
    "普通",
]
STARTS = "= + - @, a tab or a carriage return (or the full-width ＝＋－＠)"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def open_in_libreoffice(values: list[str], folder: Path) -> list[tuple[str | None, str]]:
    """Each value written as one CSV row (UTF-8 with BOM, CRLF, as data.csv is), opened by LibreOffice Calc with its
    default CSV import, saved as flat ODS: (the formula LibreOffice made of the cell or None, the text shown)."""
    source = folder / "cells.csv"
    with open(source, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(["value"])
        writer.writerows([value] for value in values)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--infilter=Text - txt - csv (StarCalc):44,34,76,1",
            "--convert-to",
            "fods",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    root = ET.parse(folder / "cells.fods").getroot()
    cells = []
    for row in root.iter(f"{TABLE}table-row"):
        cell = row.find(f"{TABLE}table-cell")
        if cell is None:
            continue
        shown = "\n".join("".join(paragraph.itertext()) for paragraph in cell.iter(f"{TEXT}p"))
        cells.append((cell.get(f"{TABLE}formula"), shown))
    return cells[1 : len(values) + 1]  # without the header


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (./dev installs it)")
def test_libreoffice_runs_only_cells_formula_like_marks_and_none_after_formula_safe(tmp_path):
    before = open_in_libreoffice(CELLS, tmp_path)
    marked = formula_like(pa.array(CELLS)).to_pylist()
    run = [value for value, (formula, _) in zip(CELLS, before, strict=True) if formula is not None]
    assert run == ["=1+2", '=HYPERLINK("http://example.invalid";"x")'], "LibreOffice 7.4 runs cells starting with ="
    assert all(marked[CELLS.index(value)] for value in run)

    safe = apply_transform(Transform("formula-safe"), pa.array(CELLS), TransformContext(date(2026, 4, 1)))
    (tmp_path / "after").mkdir()
    after = open_in_libreoffice(safe.to_pylist(), tmp_path / "after")

    assert [formula for formula, _ in after] == [None] * len(CELLS)
    shown = dict(zip(CELLS, (text for _, text in after), strict=True))
    assert shown["=1+2"] == "'=1+2"  # the apostrophe is part of the value: the recipient sees it was changed
    assert shown["＝1+2"] == "'＝1+2"
    assert shown["普通"] == "普通"


def run_cli(*arguments: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, arguments)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_inspect_warns_about_formula_cells_per_column_in_text_and_json(tmp_path):
    (tmp_path / "r.csv").write_text(
        "氏名,備考,電話\r\n山田,=1+2,090-1\r\n佐藤,＠SUM(A1),-1\r\n鈴木,普通,\r\n", encoding="utf-8"
    )
    text = run_cli("inspect", "r.csv", cwd=tmp_path)
    as_json = run_cli("inspect", "--json", "r.csv", cwd=tmp_path)

    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[-3:] == [
        f"備考: 2 cells in the first 3 rows start with {STARTS}; Excel would run them as formulas.",
        f"電話: 1 cell in the first 3 rows starts with {STARTS}; Excel would run it as a formula.",
        "--transform COLUMN=formula-safe writes such cells with a leading apostrophe, so that they stay text.",
    ]
    report = json.loads(as_json.stdout)
    assert [column["formula_cells"] for column in report["columns"]] == [0, 2, 1]
    assert report["formula_cells_rows"] == 3


def test_inspect_says_nothing_of_formulas_when_there_are_none(tmp_path):
    (tmp_path / "r.csv").write_text("氏名,電話\r\n山田,090-1\r\n", encoding="utf-8")
    result = run_cli("inspect", "r.csv", cwd=tmp_path)
    assert result.returncode == 0
    assert "formula" not in result.stdout


def test_the_transforms_never_import_pandas():
    """pyarrow imports pandas, when it is installed, for pa.array, pa.scalar and Python values given to compute
    functions; the transforms avoid all three. (year and age-band read dates through exporter.dates, which is
    checked with it.)"""
    program = """
import sys
from datetime import date
from exporter.arrow_text import string_array
from exporter.pseudonym import PseudonymKey
from exporter.transforms import KINDS, TransformContext, TransformRefused, apply_transform, count_formula_cells
from exporter.transforms import parse_transform
context = TransformContext(date(2026, 4, 1), PseudonymKey.generate())
inputs = {"postal-area": "〒464-9081", "address-town": "港町４丁目１９番７号"}
for kind in KINDS:
    if kind in ("year", "age-band"):
        continue
    transform = parse_transform({"mask": "mask:4"}.get(kind, kind))
    apply_transform(transform, string_array([inputs.get(kind, "=1"), ""]), context)
    try:
        apply_transform(transform, string_array(["", "１２３番地"]), context)
    except TransformRefused:
        pass
count_formula_cells([("=1", "a")], 2)
print("pandas" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"
