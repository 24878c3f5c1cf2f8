"""Start the wizard: one QApplication, the translators, the window (or the screenshot walk)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from exporter.gui import collector
from exporter.messages import Message, msg

_log = logging.getLogger(__name__)


class Options(Protocol):
    """The top-level command-line options that concern the wizard (an argparse Namespace has them)."""

    screenshots: Path | None
    lang: str | None
    sample: bool
    command: str | None  # "open": only the recipient's window


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created once with the names that decide the cache folder."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        collector.install(existing)
        return existing
    QCoreApplication.setApplicationName("exporter")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    collector.install(app)  # widgets in reference cycles are freed on this thread, never on the worker's
    _load_fallback_fonts()
    return app


def _load_fallback_fonts() -> None:
    """Draw kana, kanji and symbols once before any window shows: finding the fallback fonts takes tens of
    milliseconds the first time, which would otherwise land in the first preview of a resident file."""
    image = QImage(64, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.drawText(0, 12, "住民カナ昭和…⚠×")
    painter.end()


def display_problem() -> Message | None:
    """Why no window can open here (a Linux session without X or Wayland, or an X display that does not answer),
    instead of Qt's abort (SIGABRT, with a misleading word about a missing library)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    display = os.environ.get("DISPLAY")
    if not display:
        return msg("cli.no_display")
    if not _x11_answers():
        return msg("cli.display_not_answering", display=display)
    return None


def _x11_answers() -> bool:
    """Whether the X server named by DISPLAY accepts a connection, asked through libxcb as Qt will ask it (a
    stale DISPLAY after ssh -X, or a closed VNC session, makes Qt abort the process instead of failing)."""
    import ctypes
    import ctypes.util

    library = ctypes.util.find_library("xcb")
    if library is None:
        return True  # cannot ask: let Qt try
    xcb = ctypes.CDLL(library)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def install_language(app: QApplication, language: str | None) -> str:
    """Qt's and our translators for ``language`` (None: the system's); English if the i18n module is missing."""
    try:
        from exporter.gui.i18n import install_translators
    except ImportError:
        _log.warning("translations are not available; the wizard is in English")
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return "en"
    return install_translators(app, language)


def run(options: Options) -> int:
    from exporter.hardening import forbid_core_dumps

    forbid_core_dumps()  # a dump of the wizard would hold the passphrase and the data in flight
    problem = display_problem()
    if problem is not None:
        print(f"exporter: error: {problem}", file=sys.stderr)  # in --lang's or the system's language (cli.py)
        print(f"exporter: hint: {msg('cli.no_display_hint')}", file=sys.stderr)
        return 1
    app = application()
    language = install_language(app, options.lang)
    if options.screenshots is not None:
        from exporter.gui.screenshots import take_screenshots

        return take_screenshots(options.screenshots, language)
    if getattr(options, "command", None) == "open":
        from exporter.gui.open_window import OpenWindow

        window = OpenWindow()
        window.fit_to_content()
        window.show()
        return app.exec()
    from exporter.gui.wizard import ExportWizard

    wizard = ExportWizard()
    wizard.show()
    if options.sample:
        wizard.source_page.use_sample()
    return app.exec()
