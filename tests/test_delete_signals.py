"""``exporter delete`` stopped part way: signals (Ctrl-C, SIGTERM), SIGKILL and a full disk, in real processes.

The command runs in a subprocess through ``delete_signal_hooks.py``, which only stops it (SIGSTOP) at a named
moment; the test then signals or kills it and lets it go on. Afterwards either nothing was deleted, or the deletion
is recorded and running the command again finishes it with a statement that lists every file; openings.json is a
complete record at every moment (it is replaced atomically). The full disk is a real one: a 64 KiB tmpfs, filled
(root only; skipped otherwise)."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_delete_command import PASSPHRASE, delete, export_and_open
from test_delete_command import work as work  # the fixture: a key file, a sample, private data folders

from exporter import openings
from exporter.statements import read_statement

HOOKS = Path(__file__).with_name("delete_signal_hooks.py")
ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


def started(work: Path, moment: str, *arguments: object) -> subprocess.Popen[bytes]:
    """``exporter delete ARGUMENTS`` (with the key file) stopped at ``moment``."""
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONPATH=os.pathsep.join([str(ROOT), str(HOOKS.parent)]), LC_ALL="C.UTF-8")
    command = [
        sys.executable, str(HOOKS), moment, "--", "--lang", "en", "delete", *map(str, arguments),
        "--identity", str(work / "me.key"), "--identity-passphrase-file", str(work / "passphrase.txt"),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=work, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    deadline = time.monotonic() + TIMEOUT
    seen = b""
    while not seen.endswith(b"stopped\n"):
        ready, _, _ = select.select([process.stderr], [], [], max(deadline - time.monotonic(), 0))
        line = process.stderr.readline() if ready else b""
        if not line:
            process.kill()
            pytest.fail(f"never reached {moment}: {seen.decode(errors='replace')}")
        seen += line
    while _state(process.pid) != "T":  # it said so just before stopping itself: a SIGCONT sent earlier is lost
        assert time.monotonic() < deadline, "never stopped"
        time.sleep(0.01)
    return process


def _state(pid: int) -> str:
    """The process's state letter from /proc (``T``: stopped)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def resumed(process: subprocess.Popen[bytes], *signals: int) -> tuple[int, str]:
    """Send ``signals`` to the stopped process, let it go on, and return its exit status and the rest of stderr."""
    for number in signals:
        os.kill(process.pid, number)
    os.kill(process.pid, signal.SIGCONT)
    _, rest = process.communicate(timeout=TIMEOUT)
    return process.returncode, rest.decode("utf-8")


def killed(process: subprocess.Popen[bytes]) -> None:
    process.kill()  # SIGKILL: no handler, no clean-up
    process.communicate(timeout=TIMEOUT)


def record(work: Path) -> openings.Opening:
    """The one opening, read as exporter reads it (a damaged record would raise)."""
    json.loads((work / "data" / "openings.json").read_text(encoding="utf-8"))
    [entry] = openings.load()
    return entry


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_ctrl_c_once_files_are_about_to_go_deletes_nothing_and_says_cancelled(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    process = started(work, "noted", work / "opened")
    assert record(work).deleting == ("data.csv", "manifest.json")  # the note, made before anything is deleted
    status, stderr = resumed(process, signal.SIGINT)
    assert (status, stderr) == (1, "exporter: error: Deleting was cancelled; nothing was deleted.\n")
    assert names(work / "opened") == ["data.csv", "manifest.json"]
    assert (record(work).deleting, record(work).removed, record(work).deleted_utc) == ((), (), None)
    assert [path.name for path in work.iterdir() if path.name.endswith((".statement.txt", ".part"))] == []


@pytest.mark.parametrize(
    "signals",
    [[signal.SIGTERM], [signal.SIGINT], [signal.SIGINT, signal.SIGTERM]],
    ids=["SIGTERM", "Ctrl-C", "Ctrl-C then SIGTERM"],  # two of one kind would arrive as one while it is stopped
)
def test_a_signal_while_files_are_removed_leaves_a_record_that_the_next_run_finishes(
    work: Path, signals: list[int]
) -> None:
    export_and_open(work, "a.zip.age", "opened")
    process = started(work, "first-deleted", work / "opened")
    status, stderr = resumed(process, *signals)
    if len(signals) == 1:  # asked once: the files already going are all deleted, the statement written
        assert status == 0, stderr
        assert record(work).deleted_utc is not None
    else:  # asked twice: it stops where it is, and says how to finish
        assert status == 1
        assert stderr == (
            "exporter: error: Deleting was cancelled part way; run the same command again to finish it.\n"
        )
        entry = record(work)  # data.csv removed, or noted as being removed: the next run knows either way
        assert "data.csv" in entry.removed + entry.deleting
        assert entry.deleted_utc is None
        assert names(work / "opened") == ["manifest.json"]
        again = delete(work, work / "opened")
        assert again.returncode == 0, again.stderr
    assert not (work / "opened").exists()
    statement = read_statement(work / "a.deletion.statement.txt")
    assert statement.fields["deleted"]["files"] == ["manifest.json", "data.csv"]


def test_killed_after_the_first_file_went_the_next_run_takes_it_as_deleted_and_finishes(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    killed(started(work, "first-deleted", work / "opened"))
    entry = record(work)
    assert (entry.removed, entry.deleting, entry.deleted_utc) == ((), ("data.csv", "manifest.json"), None)
    assert not (work / "a.deletion.statement.txt").exists()  # no statement while a file is still there
    again = delete(work, work / "opened")
    assert again.returncode == 0, again.stderr
    assert f"exporter: Deleted manifest.json from {work / 'opened'}." in again.stderr
    assert read_statement(work / "a.deletion.statement.txt").fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    assert record(work).deleted_utc is not None
    assert parts(work) == []  # the statement's temporary file the killed one left


def parts(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


def test_killed_before_the_statement_got_its_name_the_next_run_removes_its_temporary_file_and_no_other(
    work: Path,
) -> None:
    export_and_open(work, "a.zip.age", "opened")
    killed(started(work, "statement-naming", work / "opened"))
    [left] = parts(work)
    assert left.startswith(".a.deletion.statement.txt.")
    assert record(work).deleted_utc is not None
    others = [
        ".a.deletion.statement.txt.part",  # no token
        ".a.deletion.statement.txt.0123ABCD.part",  # not the token exporter writes
        ".a.deletion.statement.txt.0123abcd0.part",
        ".b.deletion.statement.txt.0123abcd.part",  # another statement's
        "a.deletion.statement.txt.0123abcd.part",  # not hidden
        ".a.deletion.statement.txt.0123abcd.part.kept",
    ]
    for name in others:
        (work / name).write_text("not exporter's", encoding="utf-8")
    (work / "elsewhere.txt").write_text("kept", encoding="utf-8")
    (work / ".a.deletion.statement.txt.89abcdef.part").symlink_to(work / "elsewhere.txt")  # a link: never followed
    (work / ".a.deletion.statement.txt.fedcba98.part").mkdir()  # a folder
    again = delete(work, work / "opened")
    assert again.returncode == 0, again.stderr
    assert read_statement(work / "a.deletion.statement.txt").fields["deleted"]["files"] == ["manifest.json", "data.csv"]
    assert parts(work) == sorted(
        [*others[:5], ".a.deletion.statement.txt.89abcdef.part", ".a.deletion.statement.txt.fedcba98.part"]
    )
    assert (work / ".a.deletion.statement.txt.0123abcd.part.kept").exists()
    assert (work / "elsewhere.txt").read_text(encoding="utf-8") == "kept"


def test_killed_while_the_record_is_replaced_the_record_is_the_whole_previous_one(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    before = (work / "data" / "openings.json").read_bytes()
    process = started(work, "record-replacing", work / "opened")
    [part] = [path for path in (work / "data").iterdir() if path.name.endswith(".part")]
    assert json.loads(part.read_text(encoding="utf-8"))["openings"][0]["deleted_utc"] is not None  # written whole
    killed(process)
    entry = record(work)  # the version before: the files noted as being deleted, not yet recorded deleted
    assert before != (work / "data" / "openings.json").read_bytes()
    assert (entry.deleting, entry.deleted_utc) == (("data.csv", "manifest.json"), None)
    assert names(work / "opened") == []
    again = delete(work, work / "opened")
    assert again.returncode == 0, again.stderr
    assert read_statement(work / "a.deletion.statement.txt").fields["deleted"]["files"] == ["manifest.json", "data.csv"]


def test_a_statement_that_cannot_get_its_name_after_deleting_says_how_to_write_it_again(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    process = started(work, "statement-naming", work / "opened")
    (work / "a.deletion.statement.txt").write_text("put there meanwhile", encoding="utf-8")
    status, stderr = resumed(process)
    assert status == 1
    assert stderr.startswith(
        "exporter: error: The files were deleted, but the deletion statement a.deletion.statement.txt could not be "
        "saved (a.deletion.statement.txt already exists"
    )
    assert 'exporter: hint: Run "exporter delete" again' in stderr.replace("“", '"').replace("”", '"')
    assert [path.name for path in work.iterdir() if path.name.endswith(".part")] == []
    assert record(work).deleted_utc is not None
    again = delete(work, work / "opened", "--statement", work / "again.statement.txt")
    assert again.returncode == 0, again.stderr
    assert read_statement(work / "again.statement.txt").fields["deleted"]["files"] == ["manifest.json", "data.csv"]


@contextlib.contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs at ``folder``, filled to the last byte (root only)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_for_the_statement_deletes_nothing(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    with full_disk(work / "usb") as usb:
        done = delete(work, work / "opened", "--statement", usb / "a.deletion.statement.txt")
        assert done.returncode == 1
        assert done.stderr == (
            f"exporter: error: The deletion statement {usb / 'a.deletion.statement.txt'} could not be written (No "
            "space left on device); nothing was deleted.\n"
        )
        assert names(usb) == ["filler"]
    assert names(work / "opened") == ["data.csv", "manifest.json"]
    entry = record(work)
    assert (entry.removed, entry.deleting, entry.deleted_utc) == ((), (), None)
    assert PASSPHRASE not in done.stderr
