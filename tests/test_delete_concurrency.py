"""Two Delete now of one opening at once, in real processes: the Open window's core call (check the statement's
place, then delete_with_statement) in forked processes released together by a barrier, and two ``exporter delete``
commands started together. One deletes; the others wait for its lock, find the opening deleted, say so and write
their statements of the deletion done. None fails, and the record ends deleted (it was undone by the loser)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hostile_archives import Key, throwaway_key
from test_delete_command import PASSPHRASE, export_and_open
from test_delete_command import work as work  # the fixture: a key file, a sample, private data folders
from test_openings import export, opened

from exporter import openings
from exporter.errors import ExporterError
from exporter.keys.recipient_signing import recipient_signing_key
from exporter.sample import sample_bytes
from exporter.statements import read_statement

pytestmark = pytest.mark.usefixtures("sentences_in_english")

ROUNDS = 8
PROCESSES = 3


def delete_as_the_open_window_does(
    folder: str, key: Key, target: Path, barrier: Any, results: Any
) -> None:  # runs in a forked process
    try:
        opening = openings.find(folder)  # read before the others delete: the window shows what it read
        signer = recipient_signing_key(key.identity)

        def statement(plan: openings.DeletionPlan) -> bytes:
            return openings.deletion_statement(
                plan.opening, signer, deleted=plan.deleted_files(), replaced=plan.replaced_files()
            )

        openings.check_statement_target(opening, target)
        barrier.wait(timeout=60)
        done = openings.delete_with_statement(opening, statement=statement, target=target)
        results.put(("deleted", done.removing, not done.removing))
    except ExporterError as err:
        results.put(("error", str(err), False))
    except BaseException as err:
        results.put(("crashed", repr(err), False))
        raise


def test_the_open_windows_delete_now_in_processes_at_once_deletes_once_and_the_record_stays_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    key = throwaway_key(tmp_path)
    archive = export(tmp_path, key)
    context = multiprocessing.get_context("fork")
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round{round_}"
        opened(tmp_path, key, archive, folder)
        barrier, results = context.Barrier(PROCESSES), context.Queue()
        targets = [tmp_path / f"r{round_}-{n}.statement.txt" for n in range(PROCESSES)]
        workers = [
            context.Process(target=delete_as_the_open_window_does, args=(str(folder), key, target, barrier, results))
            for target in targets
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        assert [kind for kind, _what, _already in outcomes] == ["deleted"] * PROCESSES, outcomes
        assert sorted(already for _kind, _what, already in outcomes) == [False] + [True] * (PROCESSES - 1)
        assert [what for _kind, what, already in outcomes if not already] == [["data.csv", "manifest.json"]]
        assert not folder.exists()
        entry = next(entry for entry in openings.load() if entry.folder == str(folder))
        assert entry.deleted_utc is not None
        assert (entry.removed, entry.deleting) == (("data.csv", "manifest.json"), ())
        for target in targets:
            assert read_statement(target).fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    assert openings.pending(date.today()) == []


def delete_command(work: Path, round_: int, n: int) -> list[str]:
    return [
        sys.executable, "-m", "exporter", "--lang", "en", "delete", str(work / f"opened{round_}"),
        "--identity", str(work / "me.key"), "--identity-passphrase-file", str(work / "passphrase.txt"),
        "--statement", str(work / f"s{round_}-{n}.statement.txt"),
    ]  # fmt: skip


def test_two_exporter_delete_commands_at_once_both_end_well_and_the_opening_stays_deleted(work: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    for round_ in range(3):
        export_and_open(work, f"a{round_}.zip.age", f"opened{round_}")
        commands = [delete_command(work, round_, n) for n in (1, 2)]
        started = [
            subprocess.Popen(command, cwd=work, env=environment, stderr=subprocess.PIPE, text=True)
            for command in commands
        ]
        ended = [(process.communicate(timeout=120)[1], process.returncode)[::-1] for process in started]
        assert [status for status, _stderr in ended] == [0, 0], ended
        said = [stderr for _status, stderr in ended]
        assert sum("already deleted" in stderr for stderr in said) <= 1, said
        assert sum("exporter: Deleted data.csv, manifest.json" in stderr for stderr in said) == 1, said
        entry = next(entry for entry in openings.load() if entry.folder == str(work / f"opened{round_}"))
        assert entry.deleted_utc is not None
        for n in (1, 2):
            statement = read_statement(work / f"s{round_}-{n}.statement.txt")
            assert statement.fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    assert PASSPHRASE not in "".join(said)
