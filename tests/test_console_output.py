"""Output to a console or a file whose encoding lacks a character: an escape, never a failed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("io_encoding", ["cp932", "cp932:surrogateescape", "cp1252:surrogateescape", "ascii"])
def test_inspect_writes_characters_the_output_lacks_as_escapes(tmp_path: Path, io_encoding: str) -> None:
    # A redirected stdout on Windows is opened with surrogateescape (a Japanese PC: CP932), which fails on 𠮷 or an
    # emoji as strict does; the command must still finish and show every column.
    source = tmp_path / "住民.csv"
    source.write_text("氏名,𠮷田,メモ😀\n山田,1,a\n", encoding="utf-8")
    environment = dict(os.environ, PYTHONIOENCODING=io_encoding)
    done = subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", "inspect", str(source)],
        capture_output=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    shown = done.stdout.decode(io_encoding.split(":")[0], "strict")
    assert "\\U00020bb7" in shown  # 𠮷, which CP932 and the others lack
    assert "\\U0001f600" in shown
    assert b"internal error" not in done.stderr
