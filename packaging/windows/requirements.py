"""Print the Windows build's requirements, one ``name==version`` a line, for ``pip download --platform win_amd64``.

    python packaging/windows/requirements.py            # run with the Linux build's Python (.venv)

The project's runtime dependencies, the ``gui`` extra and PyInstaller, pinned to the versions installed in the
running Python (the ones the Linux build and the tests use), so that both packages are built from the same
libraries; a dependency not installed there is left unpinned. Plus what pip on Linux cannot see: dependencies
whose environment markers select Windows only (PyInstaller's pefile and pywin32-ctypes, Pillow for the icon).
Standard library only.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Windows-only: PyInstaller needs pefile and pywin32-ctypes there; build.spec turns the PNG icon into .ico with Pillow.
WINDOWS_ONLY = ("pefile", "pywin32-ctypes", "pillow")


def requirement_name(requirement: str) -> str:
    """The distribution name at the start of a PEP 508 requirement."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    if match is None:
        raise SystemExit(f"requirements.py: cannot read the requirement {requirement!r}")
    return match.group(0)


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [requirement_name(r) for r in project["dependencies"]]
    names += [requirement_name(r) for r in project["optional-dependencies"]["gui"]]
    names += ["pyinstaller", "pyinstaller-hooks-contrib", *WINDOWS_ONLY]
    for name in dict.fromkeys(names):
        try:
            print(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            print(name)


if __name__ == "__main__":
    main()
