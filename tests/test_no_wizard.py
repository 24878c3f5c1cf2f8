"""Without Qt the wizard cannot start: one sentence, and a hint that fits how exporter was installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WITHOUT_QT = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "PySide6":
            raise ImportError("DLL load failed while importing QtCore")
        return None
sys.meta_path.insert(0, Blocked())
if sys.argv.pop(1) == "frozen":
    sys.frozen = True
from exporter.cli import main
sys.exit(main(["--lang", "en"]))
"""


@pytest.mark.parametrize(
    ("build", "hint"),
    [
        ("source", "exporter: hint: Install the wizard with “pip install 'exporter[gui]'”"),
        ("frozen", "exporter: hint: This computer lacks a part the wizard needs (on Windows: Windows 10 version 1809"),
    ],
)
def test_a_wizard_that_cannot_load_qt_says_why_and_what_to_do(build: str, hint: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, build],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "exporter: error: The wizard cannot start: DLL load failed while importing QtCore."
    assert lines[1].startswith(hint)
    assert "pip" not in done.stderr or build == "source"  # an installed program never sends the clerk to pip
