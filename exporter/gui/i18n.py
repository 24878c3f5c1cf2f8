"""Languages: Qt's own translation (QWizard's Back/Next/Cancel) plus ours, from a source checkout or a frozen bundle.

Switching language at run time: installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to
every widget. A widget whose texts must follow handles it in ``changeEvent`` and sets every visible text again
through ``self.tr()`` in one ``retranslateUi()`` method, which ``__init__`` also calls. Texts set once in
``__init__`` only stay in the old language.

Translation sources live in ``resources/i18n/exporter_<lang>.ts``; the ``.qm`` files beside them are build
products (not committed, never edited by hand)::

    python -m exporter.gui.i18n --update   # lupdate: collect strings from exporter/gui/**/*.py into the .ts
    python -m exporter.gui.i18n --build    # lrelease: .ts -> .qm

The core's error sentences are English; :func:`error_text` translates the known ones for the GUI.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from exporter.errors import ExporterError

LANGUAGES = ("en", "ja")
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
    return language


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()


def switch_language(app: QCoreApplication, language: str) -> str:
    """Replace the installed translators; every widget then receives ``QEvent.LanguageChange``."""
    remove_translators(app)
    return install_translators(app, language)


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


# --- the core's sentences, translated ------------------------------------------------------------------------
# Each pattern matches one English sentence the core writes (exporter/envelope, decrypt, atomic); named groups
# carry file names into the translated template. Unknown sentences are shown as they are.
_CORE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"(?P<name>.+), line (?P<line>\d+): (?P<message>.+)",
     QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}: {message}")),
    (r"No key or passphrase given opens this archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "No key or passphrase given opens this archive.")),
    (r"This archive is protected by a passphrase; check that it was typed exactly\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This archive is protected by a passphrase; check that it was typed exactly.")),
    (r"This archive was encrypted to keys; choose the key file that belongs to one of them\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "This archive was encrypted to keys; choose the key file that belongs to one of them.")),
    (r"This archive was encrypted for a kind of key this program does not support\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This archive was encrypted for a kind of key this program does not support.")),
    (r"This file is not an age-encrypted archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This file is not an age-encrypted archive.")),
    (r"Choose the \.age file you received, not the key file or an already opened copy\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "Choose the .age file you received, not the key file or an already opened copy.")),
    (r"This archive was made with a newer age format version that this program does not understand\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "This archive was made with a newer age format version that this program does not understand.")),
    (r"Ask the sender to encrypt it with age version 1 \(age-encryption\.org/v1\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender to encrypt it with age version 1 (age-encryption.org/v1).")),
    (r"The archive is damaged or was altered: its header is malformed\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its header is malformed.")),
    (r"The archive is damaged or was altered: its text \(ASCII armor\) encoding is malformed\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "The archive is damaged or was altered: its text (ASCII armor) encoding is malformed.")),
    (r"The archive is damaged or was altered: its header does not verify\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its header does not verify.")),
    (r"The archive is damaged or was altered: its content does not verify\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its content does not verify.")),
    (r"The archive is damaged or was altered: it was cut short\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: it was cut short.")),
    (r"The archive is damaged or was altered: data follows its end\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: data follows its end.")),
    (r"The archive is damaged or was altered: its last part is empty\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its last part is empty.")),
    (r"Ask the sender for a fresh copy of the archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender for a fresh copy of the archive.")),
    (r"(?P<name>.+) decrypted, but it is not an exporter archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it is not an exporter archive.")),
    (r"(?P<name>.+) decrypted, but it does not hold data\.csv and manifest\.json\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it does not hold data.csv and manifest.json.")),
    (r"(?P<name>.+) decrypted, but its manifest is not an exporter manifest\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but its manifest is not an exporter manifest.")),
    (r"Use “exporter decrypt --raw” to get its content as it is\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Use “exporter decrypt --raw” to get its content as it is.")),
    (r"data\.csv in (?P<name>.+) does not match its manifest: the archive was altered\.",
     QT_TRANSLATE_NOOP("CoreMessages", "data.csv in {name} does not match its manifest: the archive was altered.")),
    (r"The manifest in (?P<name>.+) (?:cannot be read|is too large to be genuine|does not describe data\.csv)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} cannot be used.")),
    (r"The folder (?P<path>.+) does not exist\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The folder {path} does not exist.")),
    (r"(?P<path>.+) does not exist\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} does not exist.")),
    (r"(?P<path>.+) is a folder, not an archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} is a folder, not an archive.")),
    (r"(?P<path>.+) already exists\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} already exists.")),
    (r"Choose an empty folder, or move the earlier files away\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Choose an empty folder, or move the earlier files away.")),
    (r"The folder (?P<path>.+) cannot be written to\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The folder {path} cannot be written to.")),
    (r"Choose a folder where you may save files\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Choose a folder where you may save files.")),
    (r"(?P<name>.+) holds no secret key\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} holds no secret key.")),
    (r"Choose the key file made by 'exporter keygen' or age-keygen\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Choose the key file made by “exporter keygen” or age-keygen.")),
    (r"This is not a valid age secret key\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This is not a valid age secret key.")),
    (r"A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long\.",
     QT_TRANSLATE_NOOP("CoreMessages", "A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long.")),
    (r"A public key was given where the secret key belongs\.",
     QT_TRANSLATE_NOOP("CoreMessages", "A public key was given where the secret key belongs.")),
    (r"Give the key file with the line that starts with AGE-SECRET-KEY-1\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Give the key file with the line that starts with AGE-SECRET-KEY-1.")),
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in _CORE_MESSAGES)


def translate_core_message(text: str) -> str:
    """The translation of one English sentence from the core, or the sentence itself if it is not known."""
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        fields = match.groupdict()
        if "message" in fields:  # "file, line 3: this is not ..." wraps a sentence that starts lower-case
            inner = fields["message"]
            fields["message"] = translate_core_message(inner[:1].upper() + inner[1:])
        return QCoreApplication.translate("CoreMessages", template).format(**fields)
    return text


def error_text(error: ExporterError) -> tuple[str, str | None]:
    """The error's sentence and optional hint, translated when the sentence is known."""
    hint = translate_core_message(error.hint) if error.hint else None
    return translate_core_message(error.message), hint


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
