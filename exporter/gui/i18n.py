"""Languages: Qt's own translation (QWizard's Back/Next/Cancel) plus ours, from a source checkout or a frozen bundle.

Switching language at run time: installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to
every widget. A widget whose texts must follow handles it in ``changeEvent`` and sets every visible text again
through ``self.tr()`` in one ``retranslate_ui()`` method, which ``__init__`` also calls. Texts set once in
``__init__`` only stay in the old language.

Translation sources live in ``resources/i18n/exporter_<lang>.ts``; the ``.qm`` files beside them are build
products (not committed, never edited by hand)::

    python -m exporter.gui.i18n --update   # lupdate: collect strings from exporter/gui/**/*.py into the .ts
    python -m exporter.gui.i18n --build    # lrelease: .ts -> .qm

The core's sentences come from its own catalogue (:mod:`exporter.messages`), rendered in the language that
:func:`install_translators` also sets for the core: ``str(err)`` and ``err.hint_text()`` are already translated.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from exporter import messages

LANGUAGES = ("en", "ja")
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}  # each in its own language, so anyone finds theirs
APP_CATALOG = "exporter"
_log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def resource_path(*parts: str) -> Path:
    """``resources/<parts>`` inside a PyInstaller bundle (``sys._MEIPASS``) or in the source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root.joinpath("resources", *parts)


def system_language() -> str:
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load Qt's ``qtbase_<lang>`` and our ``exporter_<lang>``; ``None`` follows the system locale.

    Returns the language used. The translators stay referenced here until :func:`remove_translators`.
    """
    language = language or system_language()
    if language not in LANGUAGES:
        _log.warning("no translation for %r; using English", language)
        language = "en"
    for catalog, folders in (("qtbase", _qt_translation_folders()), (APP_CATALOG, [resource_path("i18n")])):
        translator = QTranslator(app)
        if any(translator.load(f"{catalog}_{language}", str(folder)) for folder in folders):
            app.installTranslator(translator)
            _installed.append(translator)
        elif language != "en":  # English needs no catalog: the source strings are English
            _log.warning("translation %s_%s not found in %s", catalog, language, ", ".join(map(str, folders)))
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    messages.set_language("ja" if language == "ja" else "en")  # the core's sentences follow the wizard
    return language


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall our translators; the core's sentences follow the system's language again."""
    messages.set_language(None)
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()


def switch_language(app: QCoreApplication, language: str) -> str:
    """Replace the installed translators; every widget then receives ``QEvent.LanguageChange``."""
    remove_translators(app)
    return install_translators(app, language)


def current_language() -> str:
    """The language of the installed catalogues (``install_translators`` sets the default locale to match)."""
    return "ja" if QLocale().language() == QLocale.Language.Japanese else "en"


def installed_translators() -> tuple[QTranslator, ...]:
    return tuple(_installed)


def _qt_translation_folders() -> list[Path]:
    """Where Qt's own .qm files are: Qt's configured path, the PySide6 package, or our bundle's resources."""
    import PySide6

    return [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).parent / "Qt" / "translations",
        resource_path("i18n"),
    ]


# --- building the catalogues -----------------------------------------------------------------------------------


def qt_tool(name: str) -> Path:
    """``lrelease`` or ``lupdate``: the binary in the PySide6 package, or ``pyside6-<name>`` beside Python."""
    import PySide6

    suffix = ".exe" if sys.platform == "win32" else ""
    candidates = [
        Path(PySide6.__file__).parent / f"{name}{suffix}",
        Path(sys.executable).parent / f"pyside6-{name}{suffix}",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name} was not found; install PySide6-Essentials (looked in {candidates})")


def translation_sources() -> list[Path]:
    return sorted(resource_path("i18n").glob(f"{APP_CATALOG}_*.ts"))


def gui_sources() -> list[Path]:
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def build_translations() -> list[Path]:
    """Run lrelease on every ``resources/i18n/*.ts``; returns the ``.qm`` files written beside them."""
    built = []
    for ts in translation_sources():
        qm = ts.with_suffix(".qm")
        partial = qm.with_name(f".{qm.name}.{os.getpid()}.part")  # parallel test workers may build at once
        try:
            subprocess.run([str(qt_tool("lrelease")), "-silent", str(ts), "-qm", str(partial)], check=True)
            os.replace(partial, qm)
        finally:
            partial.unlink(missing_ok=True)
        built.append(qm)
    return built


def translations_need_build() -> bool:
    return any(
        not ts.with_suffix(".qm").exists() or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
        for ts in translation_sources()
    )


def update_sources(ts_files: list[Path] | None = None) -> list[Path]:
    """Run lupdate over ``exporter/gui/**/*.py`` into the ``.ts`` files, keeping every existing translation.

    English only carries plural forms (``%n``); its other strings are the source text itself.
    """
    ts_files = ts_files if ts_files is not None else translation_sources()
    sources = [str(path) for path in gui_sources()]
    for ts in ts_files:
        options = ["-silent", "-locations", "none", "-no-obsolete"]
        if ts.stem.endswith("_en"):
            options.append("-pluralonly")
        subprocess.run([str(qt_tool("lupdate")), *options, *sources, "-ts", str(ts)], check=True)
    return ts_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exporter.gui.i18n", description="Build or refresh translations.")
    parser.add_argument("--update", action="store_true", help="collect new strings into resources/i18n/*.ts")
    parser.add_argument("--build", action="store_true", help="compile resources/i18n/*.ts into .qm files")
    args = parser.parse_args(argv)
    if not (args.update or args.build):
        parser.error("give --update, --build or both")
    if args.update:
        for ts in update_sources():
            print(f"updated {ts}")
    if args.build:
        for qm in build_translations():
            print(f"built {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
