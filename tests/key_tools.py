"""Shared by the tests of keys, check codes, the address book and the office key: the check code computed
independently of exporter (from hashlib, as the documentation states the rule), and the real command line."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

TIMEOUT = 120


def code_of(key: str) -> str:
    """The check code, computed here from hashlib as the documentation says, not with exporter's function."""
    digits = f"{int.from_bytes(hashlib.sha256(key.encode('ascii')).digest(), 'big') % 10**20:020d}"
    return "-".join(digits[i : i + 4] for i in range(0, 20, 4))


def key_set_code_of(key: str, signing_key: str) -> str:
    """The check code of a key set (age key and signing key), computed here from hashlib as the documentation says:
    SHA-256 of ``age1...``, a line feed and ``RW...``."""
    return code_of(key + "\n" + signing_key)


def exporter(*arguments: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m exporter ARGUMENTS`` in ``cwd``, in English (C.UTF-8), without EXPORTER_DEBUG; text output."""
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "exporter", *(str(argument) for argument in arguments)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        encoding="utf-8",
    )
