"""Which commit this program was built from, for ``exporter --version``.

A frozen bundle carries a top-level module ``_exporter_build`` that ``build.spec`` writes into PyInstaller's work
folder at build time (never into the source tree, so a checkout cannot report a stale build's commit). A source
checkout asks git; an installed wheel without either says "unknown".
"""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path

from exporter import __version__

BUILD_MODULE = "_exporter_build"
UNKNOWN = "unknown"


def commit() -> str:
    """The short commit id, with ``-dirty`` when the build or checkout had uncommitted changes."""
    try:
        built = importlib.import_module(BUILD_MODULE)
    except ImportError:
        return _checkout_commit() or UNKNOWN
    return str(getattr(built, "COMMIT", UNKNOWN))


def version_text() -> str:
    return f"exporter {__version__} (commit {commit()})"


def _checkout_commit() -> str | None:
    root = Path(__file__).resolve().parents[1]
    if not (root / ".git").exists():  # a wheel in some other project's venv must not report that project's commit
        return None
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty", "--abbrev=12", "--exclude", "*"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
