"""An archive passed on: a recipient takes the inner ZIP out (``decrypt --raw``) and encrypts it again to someone
else with Debian's age. The manifest (and a signature) still verify, so the new holder is told plainly that the
sender did not send it to their key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.sample import sample_bytes

ROOT = Path(__file__).resolve().parent.parent
WARNING = "exporter: warning: This archive was not made for your key"


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def keygen(work: Path, name: str) -> str:
    made = run("keygen", "--output", work / name, "--no-protect", cwd=work)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().split()[0]


@pytest.mark.skipif(shutil.which("age") is None, reason="Debian's age is installed by ./dev")
def test_an_archive_encrypted_again_to_someone_else_says_it_was_not_made_for_them(tmp_path: Path) -> None:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(30, seed=3))
    first, other = keygen(tmp_path, "first.key"), keygen(tmp_path, "other.key")
    made = run(
        "export", "residents.csv", "--column", "family_name", "--recipient", first, "--output", "sent.zip.age",
        cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr

    opened = run("decrypt", "sent.zip.age", "--identity", "first.key", "--output", "mine", cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert WARNING not in opened.stderr  # made for this key: nothing to say

    raw = run("decrypt", "sent.zip.age", "--identity", "first.key", "--raw", "--output", "inner.zip", cwd=tmp_path)
    assert raw.returncode == 0, raw.stderr
    subprocess.run(
        ["age", "-r", other, "-o", str(tmp_path / "passed.zip.age"), str(tmp_path / "inner.zip")], check=True
    )
    passed = run("decrypt", "passed.zip.age", "--identity", "other.key", "--output", "theirs", cwd=tmp_path)
    assert passed.returncode == 0, passed.stderr
    assert WARNING in passed.stderr
    assert (tmp_path / "theirs" / "data.csv").read_bytes() == (tmp_path / "mine" / "data.csv").read_bytes()
