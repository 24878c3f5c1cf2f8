"""Core dumps are off for the whole process: a dump once held the passphrase.

A child process is allowed core dumps (RLIMIT_CORE raised as far as it goes), runs the command line's own set-up,
then kills itself with SIGABRT or SIGSEGV in an empty folder. A control child that skips the set-up shows that
this machine would otherwise write a core file there. The non-dumpable flag (Linux) is checked in every case:
exec resets it, so only the set-up can have cleared it.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity, encrypt

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
LINUX = sys.platform.startswith("linux")
TIMEOUT = 60


def allow_core_dumps() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


CRASH = textwrap.dedent(
    """
    import os, resource, signal, sys
    from exporter import cli
    from exporter.hardening import dumpable
    if sys.argv[1] == "cli":
        cli.main(["sample", "--rows", "1", "--output", "one.csv"])
    elif sys.argv[1] == "gui":
        for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
            os.environ.pop(name, None)
        from exporter.gui.app import run
        class Options: screenshots = None; lang = None; sample = False
        assert run(Options()) == 1  # no display: it stops right after the set-up
    print(resource.getrlimit(resource.RLIMIT_CORE), dumpable(), flush=True)
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    """
)


def crash(folder: Path, setup: str, signal_name: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-c", CRASH, setup, signal_name],
        cwd=folder,
        env=environment,
        preexec_fn=allow_core_dumps,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return result, sorted(name for name in os.listdir(folder) if name.startswith("core"))


def control_can_dump() -> bool:
    """Whether a child of this process can write a core file into its working folder at all: not when the core
    pattern pipes dumps to a handler, nor once this process's hard limit is 0 (a test that ran ``cli.main`` in
    this pytest worker set it, and only root with CAP_SYS_RESOURCE could raise it again)."""
    pattern = Path("/proc/sys/kernel/core_pattern")
    if LINUX and (not pattern.exists() or pattern.read_text().startswith("|")):
        return False
    return resource.getrlimit(resource.RLIMIT_CORE)[1] != 0


@pytest.mark.parametrize("signal_name", ["SIGABRT", "SIGSEGV"])
@pytest.mark.parametrize("setup", ["cli", "gui"])
def test_a_crash_after_the_set_up_leaves_no_core_file(tmp_path, setup, signal_name):
    control_folder, folder = tmp_path / "control", tmp_path / "hardened"
    control_folder.mkdir()
    folder.mkdir()

    control, control_cores = crash(control_folder, "none", signal_name)
    result, cores = crash(folder, setup, signal_name)

    assert result.returncode == -getattr(signal, signal_name), result.stderr
    assert result.stdout.split() == ["(0,", "0)", "0" if LINUX else "None"]
    assert cores == []
    assert control.returncode == -getattr(signal, signal_name)
    if control_can_dump():
        assert control_cores, "the control crash should have left a core file, or the test proves nothing"


@pytest.mark.skipif(not LINUX, reason="/proc")
def test_a_running_command_holding_a_passphrase_has_no_core_limit_and_cannot_dump(tmp_path):
    """The real command line, blocked reading its passphrase from a FIFO, killed with SIGSEGV: no core file."""
    archive = tmp_path / "a.age"
    with open(archive, "wb") as file:
        writer = encrypt(file, [X25519Identity.generate().recipient])
        writer.write(b"x")
        writer.close()
    fifo = tmp_path / "passphrase.fifo"
    os.mkfifo(fifo)
    held = os.open(fifo, os.O_RDWR)  # a writer that never writes: the command waits in its read
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    process = subprocess.Popen(
        [sys.executable, "-m", "exporter", "decrypt", str(archive), "--raw", "--output", "out",
         "--passphrase-file", str(fifo)],
        cwd=tmp_path, env=environment, preexec_fn=allow_core_dumps,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert wait_until_open(process.pid, fifo), "the command never opened its passphrase file"
        limits = Path(f"/proc/{process.pid}/limits").read_text()
        process.send_signal(signal.SIGSEGV)
        process.communicate(timeout=TIMEOUT)
    finally:
        os.close(held)
        if process.poll() is None:
            process.kill()

    core_line = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
    assert core_line.split()[4:6] == ["0", "0"]
    assert process.returncode == -signal.SIGSEGV
    assert not [name for name in os.listdir(tmp_path) if name.startswith("core")]


def wait_until_open(pid: int, path: Path) -> bool:
    """True once process ``pid`` holds ``path`` open (it is then past the set-up, reading its passphrase)."""
    for _ in range(TIMEOUT * 20):
        links = []
        try:
            for entry in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(FileNotFoundError):  # closed between the listing and the look
                    links.append(os.readlink(entry))
        except (FileNotFoundError, ProcessLookupError):
            return False  # the process is gone
        except OSError:
            links = []
        if str(path) in links:
            return True
        time.sleep(0.05)
    return False
