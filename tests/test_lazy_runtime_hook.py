"""The frozen program runs PyInstaller's Qt runtime hook on the first import of PySide6, not at every start.

``packaging/lazy_runtime_hook.py`` is tried here in a fresh interpreter on a stand-in package whose "hook" does
what ``pyi_rth_pyside6`` does: set an environment variable and import a submodule of the package. The frozen
program itself is tried by CI (the wizard walks its pages offscreen, in Japanese, from the installed package).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HOOK = Path(__file__).resolve().parent.parent / "packaging" / "lazy_runtime_hook.py"

STAND_IN_HOOK = """
import os, sys
os.environ["HOOK_RUNS"] = os.environ.get("HOOK_RUNS", "") + "x"
assert "standin" in sys.modules, "the hook must run after the package's own code"
import standin.core
os.environ["CORE_AT_HOOK"] = standin.core.NAME
"""

PROGRAM = """
import os, sys
sys.path.insert(0, {folder!r})
exec(compile(open({hook!r}, encoding="utf-8").read(), "lazy_runtime_hook", "exec"))
run_on_first_import("standin", {hook_source!r}, "pyi_rth_standin")
import json  # other imports do not run the hook
assert "HOOK_RUNS" not in os.environ, "the hook ran before its package was imported"
import standin
import standin
import importlib, importlib.resources
importlib.import_module("standin")
print(os.environ["HOOK_RUNS"], os.environ["CORE_AT_HOOK"], standin.INITS, standin.core.NAME,
      importlib.resources.files("standin").joinpath("data.txt").read_text().strip())
"""


def test_the_hook_runs_once_right_after_its_package_is_first_imported(tmp_path):
    package = tmp_path / "standin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import builtins\nbuiltins.STANDIN_INITS = getattr(builtins, 'STANDIN_INITS', 0) + 1\n"
        "INITS = builtins.STANDIN_INITS\n",
        encoding="utf-8",
    )
    (package / "core.py").write_text("NAME = 'core'\n", encoding="utf-8")
    (package / "data.txt").write_text("resource\n", encoding="utf-8")
    program = PROGRAM.format(folder=str(tmp_path), hook=str(HOOK), hook_source=STAND_IN_HOOK)

    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["x", "core", "1", "core", "resource"]
