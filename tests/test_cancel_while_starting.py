"""Ctrl-C while Python loads the program's modules (the first tenth of a second, longer on a slow PC): one sentence
and exit status 1, never a traceback, for ``python -m exporter``, the installed ``exporter`` command and the frozen
program's launcher (exporter/launch.py). The package itself imports nothing, so the guard is in place first.

The Ctrl-C is made to land in an import: a finder raises KeyboardInterrupt the first time a given module of the
program is looked for, as the signal handler would while that module loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INTERRUPT = """
import sys
class Interrupt:
    fired = False
    def find_spec(self, name, path=None, target=None):
        if name == {module!r} and not Interrupt.fired:
            Interrupt.fired = True
            raise KeyboardInterrupt
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["exporter", "inspect", "nothing.csv"]
"""
STARTS = {
    "python -m exporter": "import runpy; runpy.run_module('exporter', run_name='__main__', alter_sys=True)",
    "installed command": "from exporter.launch import main; sys.exit(main())",
    "frozen launcher": f"import runpy; runpy.run_path({str(ROOT / 'packaging' / 'launcher.py')!r})",
}


def says_one_sentence_and_1(tmp_path: Path, script: str) -> None:
    """Run ``script`` in ``tmp_path``: it must end with the one sentence and status 1, no traceback."""
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
                               "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == "exporter: error: The work was cancelled; nothing was written."
    assert done.returncode == 1


@pytest.mark.parametrize("start", STARTS, ids=list(STARTS))
@pytest.mark.parametrize("module", ["exporter.errors", "exporter.messages", "exporter.cli", "argparse"])
def test_ctrl_c_while_the_program_loads_says_so_in_one_sentence(tmp_path, start, module):
    says_one_sentence_and_1(tmp_path, INTERRUPT.format(module=module) + STARTS[start])


def test_importing_the_package_loads_nothing_else():
    done = subprocess.run([sys.executable, "-c", "import sys, exporter.launch; print(sorted(m for m in sys.modules "
                           "if m.startswith('exporter')))"], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT)})  # fmt: skip
    assert done.stdout.strip() == "['exporter', 'exporter.launch']"


SIGNALS = """
import os, signal, sys
class Signals:
    asked = 0
    def find_spec(self, name, path=None, target=None):
        if name == "exporter.cli":
            Signals.asked += 1
            os.kill(os.getpid(), signal.{first} if Signals.asked == 1 else signal.SIGINT)
        return None
sys.meta_path.insert(0, Signals())
sys.argv = ["exporter", "inspect", "nothing.csv"]
"""


@pytest.mark.parametrize("start", STARTS, ids=list(STARTS))
@pytest.mark.parametrize("first", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_loading_and_another_while_saying_so_give_one_sentence(tmp_path, start, first):
    """SIGTERM or SIGHUP while loading ended the process silently (status 143); a second Ctrl-C while the
    sentence's own modules loaded printed a traceback. The first now ends it with the sentence and status 1, and
    the second is ignored."""
    says_one_sentence_and_1(tmp_path, SIGNALS.format(first=first) + STARTS[start])
