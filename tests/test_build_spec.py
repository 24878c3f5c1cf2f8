"""build.spec read on Windows and macOS as well as on Linux (where CI also builds, installs and uses it).

PyInstaller runs a spec as Python with its build steps (Analysis, PYZ, EXE, COLLECT, BUNDLE) as globals. Here those
steps record what the spec asks of them, with sys.platform set to the platform in question, so that a mistake in
a Windows- or macOS-only branch shows up on this machine: which executables, console or not, icon, stripping, and
which of PyInstaller's collected files the spec keeps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PyInstaller.utils.hooks  # noqa: F401  # before sys.platform is changed below: it reads the real one
import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"

# What PyInstaller's hooks collect on Windows (dest names with "/" here; on Windows, Path splits "\\" the same way).
WINDOWS_BINARIES = {
    "PySide6/plugins/platforms/qwindows.dll": True,
    "PySide6/plugins/styles/qmodernwindowsstyle.dll": True,
    "PySide6/plugins/imageformats/qsvg.dll": True,
    "PySide6/plugins/imageformats/qico.dll": True,
    "PySide6/plugins/imageformats/qjpeg.dll": False,
    "PySide6/plugins/generic/qtuiotouchplugin.dll": False,
    "PySide6/plugins/tls/qschannelbackend.dll": False,
    "PySide6/Qt6Widgets.dll": True,
    "pyarrow/arrow.dll": True,
    "pyarrow/arrow_compute.dll": True,
    "pyarrow/arrow_flight.dll": False,
    "pyarrow/_flight.pyd": False,
    "pyarrow/_csv.pyd": True,
    "cryptography/hazmat/bindings/_rust.pyd": True,
}
WINDOWS_DATAS = {
    "PySide6/translations/qtbase_de.qm": False,
    "pyarrow/include/arrow/api.h": False,
    "pyarrow/tests/data/example.csv": False,
    "xkcdpass/static/eff-short": True,
}


class Recorded:
    def __init__(self) -> None:
        self.executables: list[dict] = []
        self.collected: tuple = ()
        self.collect_options: dict = {}
        self.bundle: dict | None = None


def read_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    recorded = Recorded()

    class Analysis:
        def __init__(self, scripts: list[str], **options: object) -> None:
            self.scripts = scripts
            self.pure: list = []
            self.binaries = [(dest, f"/wheel/{dest}", "BINARY") for dest in WINDOWS_BINARIES]
            extra = options["datas"]
            self.datas = [(dest, f"/wheel/{dest}", "DATA") for dest in WINDOWS_DATAS]
            self.datas += [(f"{dest}/{Path(src).name}", src, "DATA") for src, dest in extra]

    def exe(*_: object, **options: object) -> str:
        recorded.executables.append(options)
        return str(options["name"])

    def collect(*parts: object, **options: object) -> str:
        recorded.collected, recorded.collect_options = parts, options
        return "coll"

    def bundle(*_: object, **options: object) -> None:
        recorded.bundle = options

    monkeypatch.setattr(sys, "platform", platform)
    namespace = {
        "__file__": str(SPEC),
        "SPECPATH": str(ROOT),
        "workpath": str(tmp_path),
        "Analysis": Analysis,
        "PYZ": lambda pure: "pyz",
        "EXE": exe,
        "COLLECT": collect,
        "BUNDLE": bundle,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return recorded


def kept(recorded: Recorded) -> set[str]:
    return {dest for toc in recorded.collected if isinstance(toc, list) for dest, _, _ in toc}


def test_windows_gets_a_windowed_wizard_and_a_console_command_line(tmp_path, monkeypatch):
    recorded = read_spec("win32", tmp_path, monkeypatch)
    assert [(exe["name"], exe["console"]) for exe in recorded.executables] == [
        ("exporter", False),
        ("exporter-cli", True),
    ]
    for exe in recorded.executables:
        assert not exe["strip"]
        assert Path(exe["icon"]).is_file()
    assert recorded.collect_options["name"] == "exporter"
    assert recorded.bundle is None


def test_windows_keeps_what_exporter_uses_and_leaves_out_the_rest(tmp_path, monkeypatch):
    files = kept(read_spec("win32", tmp_path, monkeypatch))
    expected = {dest for dest, keep in {**WINDOWS_BINARIES, **WINDOWS_DATAS}.items() if keep}
    assert files & set(WINDOWS_BINARIES) | files & set(WINDOWS_DATAS) == expected
    for language in ("ja", "en"):
        assert f"resources/i18n/exporter_{language}.qm" in files
        assert f"resources/i18n/qtbase_{language}.qm" in files
    assert "resources/icons/exporter-256.png" in files


def test_macos_gets_an_app_bundle_with_the_version_and_icon(tmp_path, monkeypatch):
    import exporter

    recorded = read_spec("darwin", tmp_path, monkeypatch)
    assert [(exe["name"], exe["console"], exe["strip"]) for exe in recorded.executables] == [("exporter", False, False)]
    assert recorded.bundle is not None
    assert recorded.bundle["name"] == "exporter.app"
    assert recorded.bundle["version"] == exporter.__version__
    assert Path(recorded.bundle["icon"]).is_file()


def test_the_build_commit_is_written_to_the_work_folder_only(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPORTER_BUILD_COMMIT", "0123456789ab")
    read_spec("win32", tmp_path, monkeypatch)
    module = (tmp_path / "buildinfo" / "_exporter_build.py").read_text(encoding="utf-8")
    assert "COMMIT = '0123456789ab'" in module
    assert not (ROOT / "_exporter_build.py").exists()
