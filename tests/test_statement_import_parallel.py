"""Statements imported by several clerks' PCs at the same instant: the check that a statement is not in the register
yet and its append are one step under the register's lock, so the same file lands once and different files all land
with the chain intact. Each importer is the real command line (``exporter register import``) in its own process,
all released at once by a byte on their stdin, under an IT policy that names the register."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from test_statement_import import ROOT, Recipient, _cards_with_signing_keys, _statement, export, run, work

from exporter.register import records, verify

__all__ = ["work"]  # the fixture, shared with test_statement_import

_IMPORTER = """
import os, sys
import exporter.cli, exporter.register_import  # loaded before the start, so that all of them import at once
os.read(0, 1)  # the start: a byte on stdin, written to every process at once
raise SystemExit(exporter.cli.main(["--lang", "en", "register", "import", sys.argv[1]]))
"""


def _import_all_at_once(work: Path, statements: list[Path]) -> list[subprocess.CompletedProcess[str]]:
    """Start one ``exporter register import`` process per statement, then let them all go at the same moment."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "EXPORTER_POLICY": str(work / "policy.toml")}
    environment.pop("EXPORTER_DEBUG", None)
    running = [
        subprocess.Popen(
            [sys.executable, "-c", _IMPORTER, str(statement)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=environment,
            cwd=work,
        )
        for statement in statements
    ]
    time.sleep(1.0)  # each has loaded the program and waits on its stdin (a late one only starts later)
    for process in running:
        assert process.stdin is not None
        process.stdin.write("g")
        process.stdin.flush()
    done = []
    for process, statement in zip(running, statements, strict=True):
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess([str(statement)], process.returncode, out, err))
    return done


def test_eight_clerks_importing_the_same_statement_at_once_add_it_once_and_the_others_are_told(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    register = work / "register.jsonl"
    _cards_with_signing_keys(register, recipient)
    receipt = _statement(work, "receipt", archive, recipient)

    done = _import_all_at_once(work, [receipt] * 8)

    assert [result.returncode for result in done] == [0] * 8, [result.stderr for result in done]
    assert all(result.stderr == "" for result in done)
    added = [result.stdout for result in done if "already" not in result.stdout]
    told = [result.stdout for result in done if "already" in result.stdout]
    assert added == [f"{receipt}: record 2, receipt of out.zip.age (export 1).\n"]
    said = f"{receipt}: already in the register as record 2 (receipt of out.zip.age); nothing was added.\n"
    assert told == [said] * 7
    found = records(register)
    assert [record["kind"] for record in found] == ["export", "receipt"]
    assert verify(register) == 2
    checked = run("register", "verify", work=work)
    assert checked.returncode == 0, checked.stderr


def test_different_statements_imported_at_once_all_land_and_the_chain_stays_intact(work: Path) -> None:
    recipients = [Recipient(work, f"contractor-{n}") for n in range(4)]
    archive = export(work, "out.zip.age", *recipients)
    register = work / "register.jsonl"
    _cards_with_signing_keys(register, *recipients)
    statements = [_statement(work, kind, archive, who) for who in recipients for kind in ("receipt", "deletion")]

    done = _import_all_at_once(work, statements)

    assert [result.returncode for result in done] == [0] * 8, [result.stderr for result in done]
    assert not [result.stdout for result in done if "already" in result.stdout]
    assert verify(register) == 1 + 8
    found = records(register)[1:]
    landed = sorted((record["kind"], record["recipient"]["check_code"]) for record in found)
    assert landed == sorted((kind, who.code) for who in recipients for kind in ("receipt", "deletion"))
    assert sorted(record["number"] for record in found) == list(range(2, 10))
    checked = run("register", "verify", work=work)
    assert checked.returncode == 0, checked.stderr
    assert run("register", "overdue", "--on", "2100-01-01", work=work).stdout.startswith("No export")
