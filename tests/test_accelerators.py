"""The build's check that a frozen program keeps every fast path of the source build, shown to catch a loss.

The check (``packaging/check_accelerators.py``) compares two ``exporter --build-report`` outputs. Here the
"frozen program" is this checkout run with the failure the bundle really had: ``isal.igzip_lib`` cannot be
imported (PyInstaller missed it because ``isal.isal_zlib`` imports it from C), so deflate falls back to zlib. The
check must name both the slower deflate and the missing modules; with nothing blocked it must pass. CI also runs
it on a copy of the real bundle with ``igzip_lib`` deleted (``packaging/ci-package.sh``).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.accelerators import compare

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "packaging" / "check_accelerators.py"

# The command line as a frozen program runs it (sys.frozen set), optionally unable to import some modules.
AS_FROZEN = """
import sys
blocked = set(sys.argv.pop(1).split(",")) - {""}

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name in blocked:
            raise ImportError(f"{name} is not in this bundle")
        return None

sys.meta_path.insert(0, Blocked())
sys.frozen = True
from exporter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def fake_frozen_program(folder: Path, blocked: str = "") -> Path:
    """An executable that behaves as the frozen program would with ``blocked`` (comma-separated) missing."""
    script = folder / "as_frozen.py"
    script.write_text(AS_FROZEN, encoding="utf-8")
    program = folder / "exporter"
    program.write_text(
        f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} {script} "{blocked}" "$@"\n', encoding="utf-8"
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def build_report(*command: str | Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [*map(str, command), "--build-report"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def source_report():
    return build_report(sys.executable, "-m", "exporter")


def test_the_source_build_deflates_with_isal_and_uses_the_c_speedups(source_report):
    paths = source_report["fast_paths"]
    assert paths["deflate"].startswith("ISA-L ")
    assert paths["sha256"] == "_hashlib.openssl_sha256"
    assert paths["json"] == "C (_json)"
    if sys.platform.startswith("linux"):  # GNU libc on every machine the .deb is built and tested on
        assert paths["cp932"] == "C library iconv"
    assert source_report["frozen"] is False
    for module in ("isal.igzip_lib", "exporter.pipeline", "exporter.decrypt", "pyarrow.csv", "encodings.cp932"):
        assert module in source_report["modules"], module


@pytest.mark.slow
def test_check_fails_a_program_that_cannot_import_igzip_lib_and_names_what_is_lost(tmp_path):
    program = fake_frozen_program(tmp_path, blocked="isal.igzip_lib")

    done = subprocess.run(
        [sys.executable, str(CHECK), str(program), "--save", str(tmp_path / "reports")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip

    assert done.returncode == 1, done.stdout + done.stderr
    assert "deflate: the source build uses ISA-L" in done.stderr
    assert "the frozen program zlib" in done.stderr
    assert "isal.igzip_lib" in done.stderr
    frozen = json.loads((tmp_path / "reports" / "frozen.json").read_text(encoding="utf-8"))
    assert frozen["fast_paths"]["deflate"].startswith("zlib ")


@pytest.mark.slow
def test_check_passes_a_program_that_has_everything(tmp_path):
    program = fake_frozen_program(tmp_path)

    done = subprocess.run(
        [sys.executable, str(CHECK), str(program)], capture_output=True, text=True, timeout=300, check=False
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "uses every fast path the source build uses" in done.stdout


def test_check_refuses_a_program_that_is_not_frozen(tmp_path):
    program = tmp_path / "exporter"
    program.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m exporter "$@"\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    done = subprocess.run(
        [sys.executable, str(CHECK), str(program)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode != 0
    assert "is not a frozen program" in done.stderr


def report(fast_paths: dict[str, str], modules: list[str], loaded: list[str] | None = None, left_out=()) -> dict:
    return {"fast_paths": fast_paths, "modules": modules, "loaded": loaded or modules, "left_out": list(left_out)}


def test_compare_names_each_fast_path_that_differs_or_is_missing():
    source = report({"deflate": "ISA-L 2.32.1", "json": "C (_json)", "sha256": "_hashlib"}, [])
    frozen = report({"deflate": "zlib 1.2.13", "json": "C (_json)"}, [])
    assert compare(source, frozen) == [
        "deflate: the source build uses ISA-L 2.32.1, the frozen program zlib 1.2.13",
        "sha256: the source build uses _hashlib, the frozen program nothing",
    ]


def test_compare_counts_modules_the_frozen_program_loaded_at_start_up_and_ignores_what_the_build_leaves_out():
    source = report({}, ["isal.igzip_lib", "pandas", "pandas.core", "zipfile", "PySide6.QtCore"])
    frozen = report({}, ["PySide6.QtCore"], loaded=["zipfile", "PySide6.QtCore"], left_out=["pandas"])
    assert compare(source, frozen) == ["modules the source build loads and the frozen program does not: isal.igzip_lib"]
    assert (
        compare(source, report({}, [], loaded=["zipfile", "PySide6.QtCore", "isal.igzip_lib"], left_out=["pandas"]))
        == []
    )
