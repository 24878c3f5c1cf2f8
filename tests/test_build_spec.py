"""build.spec read on Windows and macOS as well as on Linux (where CI also builds, installs and uses it).

PyInstaller runs a spec as Python with its build steps (Analysis, PYZ, EXE, COLLECT, BUNDLE) as globals. Here those
steps record what the spec asks of them, with sys.platform set to the platform in question, so that a mistake in
a Windows- or macOS-only branch shows up on this machine: which executables, console or not, icon, stripping, and
which of PyInstaller's collected files the spec keeps.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import PyInstaller
import PyInstaller.utils.hooks  # before sys.platform is changed below: it reads the real one
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
}


PYSIDE6_HOOK = Path(PyInstaller.__file__).parent / "hooks" / "rthooks" / "pyi_rth_pyside6.py"


class Recorded:
    def __init__(self) -> None:
        self.executables: list[dict] = []
        self.collected: tuple = ()
        self.collect_options: dict = {}
        self.bundle: dict | None = None
        self.analysis: object = None
        self.analysis_options: dict = {}


def read_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    recorded = Recorded()

    class Analysis:
        def __init__(self, scripts: list[str], **options: object) -> None:
            # As PyInstaller lists them: runtime hooks first (PySide6's among them), then the program's script.
            self.scripts = [("pyi_rth_inspect", "/hooks/pyi_rth_inspect.py", "PYSOURCE"),
                            ("pyi_rth_pyside6", str(PYSIDE6_HOOK), "PYSOURCE"),
                            *(("launcher", script, "PYSOURCE") for script in scripts)]  # fmt: skip
            recorded.analysis, recorded.analysis_options = self, options
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


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_qt_runtime_hook_runs_on_first_import_of_pyside6_in_its_place(tmp_path, monkeypatch, platform):
    """PyInstaller's pyi_rth_pyside6 imported QtCore at every start (~70 ms a command); the spec defers it."""
    recorded = read_spec(platform, tmp_path, monkeypatch)
    names = [name for name, _, _ in recorded.analysis.scripts]
    assert names == ["pyi_rth_inspect", "pyi_rth_pyside6", "launcher"]
    _, path, kind = recorded.analysis.scripts[1]
    assert kind == "PYSOURCE"
    assert Path(path).parent == tmp_path / "lazy_hooks"
    hook = Path(path).read_text(encoding="utf-8")
    assert "def run_on_first_import(" in hook
    call = ast.parse(hook).body[-1].value
    assert call.func.id == "run_on_first_import"
    package, original, name = (ast.literal_eval(argument) for argument in call.args)
    assert (package, name) == ("PySide6", "pyi_rth_pyside6")
    assert original == PYSIDE6_HOOK.read_text(encoding="utf-8"), "the original hook, unchanged"


def test_modules_imported_from_c_are_hidden_imports_and_deliberate_omissions_reach_the_build_report(
    tmp_path, monkeypatch
):
    recorded = read_spec("win32", tmp_path, monkeypatch)
    hidden = recorded.analysis_options["hiddenimports"]
    assert {"isal.igzip_lib", "isal.isal_zlib", "PySide6.support.deprecated"} <= set(hidden)
    module = (tmp_path / "buildinfo" / "_exporter_build.py").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(module, "_exporter_build.py", "exec"), namespace)
    assert {"pandas", "numpy", "pyarrow.parquet", "PySide6.QtNetwork"} <= set(namespace["LEFT_OUT"])
    assert set(namespace["LEFT_OUT"]) == set(recorded.analysis_options["excludes"])
