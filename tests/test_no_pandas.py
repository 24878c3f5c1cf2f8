"""pandas (and dateutil, which it brings) stay out of exporter's process: the packaged program has none of them, and
in the development venv (where the tests install pandas as an oracle) pyarrow would import them on its first
conversion of a Python value (``pa.scalar``, ``pa.array``, a Python number handed to a compute function): 0.4 s and
80 MiB per command. Every kind of work is run here with pandas importable, and what it imported is checked.
(numpy is not checked: pyarrow.lib imports it on import whenever it is installed; the packaged program has none.)"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.sample import sample_bytes

HEAVY = ("pandas", "dateutil")
RUN = """
import json, sys
from exporter.cli import main
status = main(sys.argv[1:])
print(json.dumps([status, sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})]))
"""


def modules_after(*args: str | Path, cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(heavy=set(HEAVY)), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=180, check=False,
    )  # fmt: skip
    status, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert status == 0, done.stderr
    return modules


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("no-pandas")
    rows = list(csv.reader(io.StringIO(sample_bytes(3000, seed=4).decode("utf-8"), newline="")))
    quoted = io.StringIO(newline="")
    csv.writer(quoted, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)  # the reader's dense path
    (folder / "quoted.csv").write_text(quoted.getvalue(), encoding="utf-8", newline="")
    (folder / "residents.csv").write_bytes(sample_bytes(3000, seed=4, encoding="cp932"))
    from tests.workbooks import write_rows

    write_rows(folder / "residents.xlsx", rows[:201])
    return folder


def test_inspect_and_plain_and_shaped_exports_of_csv_and_workbooks_import_no_pandas(folder):
    assert modules_after("keygen", "--output", "key.txt", "--no-protect", cwd=folder) == []
    recipient = (folder / "key.txt").read_text(encoding="utf-8").split("public key: ")[1].split()[0]
    assert modules_after("pseudonym-key", "--output", "pseudonym.key", cwd=folder) == []
    shaped = [
        "--column", "resident_number", "--column", "birth_date", "--column", "postal_code", "--column",
        "address_line", "--column", "account_number", "--column", "notes", "--where", "resident_tax = 0",
        "--where", "birth_date <= 昭和40年1月1日", "--or", "--where", "age(birth_date) >= 65", "--where",
        "care_level in 要介護1, 要介護2", "--or", "--where", "taxable_income > 1,000,000",
        "--transform", "resident_number=pseudonym", "--transform", "birth_date=age-band:5",
        "--transform", "postal_code=postal-area", "--transform", "address_line=address-town",
        "--transform", "account_number=mask:4", "--transform", "notes=formula-safe",
        "--pseudonym-key", "pseudonym.key", "--max-unique-share", "100%",
    ]  # fmt: skip
    for source in ("residents.csv", "quoted.csv", "residents.xlsx"):
        assert modules_after("inspect", source, cwd=folder) == [], source
        for name, options in (("plain", ["--column", "family_name"]), ("shaped", shaped)):
            archive = f"{source}.{name}.zip.age"
            used = modules_after("export", source, "--recipient", recipient, "--output", archive, *options, cwd=folder)
            assert used == [], (source, name)
            assert (
                modules_after("decrypt", archive, "--identity", "key.txt", "--output", f"{archive}.d", cwd=folder) == []
            )
