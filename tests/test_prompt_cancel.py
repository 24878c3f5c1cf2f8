"""The passphrase prompts (keygen's two, decrypt's key passphrase) end at the FIRST Ctrl-C or SIGTERM with one
general sentence and 128 + the signal's number, and Ctrl-D is one sentence, never an internal error. Driven
through a pseudo-terminal as a person would meet them."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporter.keys import create_identity

EXPORTER = ["env", "LC_ALL=C.UTF-8", sys.executable, "-m", "exporter"]
TIMEOUT = 60
CANCELLED = "exporter: error: The work was cancelled; nothing was written."


def at_prompt(argv: list[str], prompt: bytes, action: signal.Signals | bytes) -> tuple[int, str]:
    """Start ``argv`` on a pseudo-terminal, wait for ``prompt``, then send the signal or type the bytes; the exit
    status and everything written to the terminal."""
    master, slave = os.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env=environment)
    os.close(slave)
    transcript = b""
    acted = False
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                transcript += chunk
            if not acted and prompt in transcript:
                time.sleep(0.2)  # getpass has turned echo off and is reading
                if isinstance(action, bytes):
                    os.write(master, action)
                else:
                    proc.send_signal(action)
                acted = True
        status = proc.wait(timeout=TIMEOUT)
    finally:
        proc.kill()
        os.close(master)
    return status, transcript.decode("utf-8", "replace")


@pytest.mark.parametrize(("sent", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_the_first_signal_ends_keygens_prompt_at_once_and_makes_no_key(
    tmp_path: Path, sent: signal.Signals, status: int
) -> None:
    code, said = at_prompt([*EXPORTER, "keygen", "--output", str(tmp_path / "k.age")], b"Passphrase to protect", sent)

    assert code == status, said
    assert CANCELLED in said
    assert "export" not in said.lower().replace("exporter", "")
    assert "internal error" not in said
    assert list(tmp_path.iterdir()) == []


def test_ctrl_d_at_keygens_prompt_is_one_sentence(tmp_path: Path) -> None:
    code, said = at_prompt(
        [*EXPORTER, "keygen", "--output", str(tmp_path / "k.age")], b"Passphrase to protect", b"\x04"
    )

    assert code == 1, said
    assert "exporter: error: No passphrase was typed." in said
    assert "internal error" not in said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("action", [signal.SIGINT, b"\x04"])
def test_decrypts_key_passphrase_prompt_ends_at_the_first_ctrl_c_or_ctrl_d(
    tmp_path: Path, action: signal.Signals | bytes
) -> None:
    key = create_identity(tmp_path / "k.age", passphrase="Vellum-quasar-7-Tundra-oboe-plinth", work_factor=10)
    argv = [*EXPORTER, "decrypt", str(tmp_path / "none.zip.age"), "--identity", str(key.path), "--output", "o"]

    code, said = at_prompt(argv, b"Passphrase for the key file", action)

    assert code == (130 if action == signal.SIGINT else 1), said
    assert (CANCELLED if action == signal.SIGINT else "No passphrase was typed.") in said
    assert "internal error" not in said
    assert not (tmp_path / "o").exists()
