"""The core must run without a display or Qt: the CLI, scripts and the test-suite import it on bare machines."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import exporter


def core_modules() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.walk_packages(exporter.__path__, "exporter.")
        if not module.name.startswith(("exporter.gui", "exporter.__main__"))
    )


def test_every_core_module_imports_without_pyside6():
    modules = core_modules()
    assert "exporter.pipeline" in modules
    assert "exporter.envelope.age" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_the_command_line_starts_without_loading_heavy_libraries():
    code = "import sys, exporter.cli; print(sorted({'pyarrow', 'pandas', 'PySide6'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
