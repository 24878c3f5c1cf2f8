"""GUI tests run offscreen: no display, no window manager. Set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

TEST_SAMPLE_ROWS = 3000


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_gui_thread(qapp):
    """As in the program (exporter.gui.app.application): a widget in a reference cycle must never be freed by the
    worker thread's allocations (PySide6 crashes)."""
    from exporter.gui import collector

    collector.install(qapp)
    yield
    collector.uninstall(qapp)  # the tests without Qt that follow in this process keep Python's own collection


@pytest.fixture(autouse=True)
def _own_key_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each GUI test has its own empty settings and data folders: the Open window remembers the key file it used
    and offers the key in the data folder, which must not carry over into the next test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(home / "data"))


@pytest.fixture(autouse=True)
def _core_sentences_in_english():
    """The core's sentences start in English in every GUI test (a test that switched the GUI to Japanese also
    switched them, and removing its translators does not switch them back)."""
    from exporter import messages

    messages.set_language("en")
    yield
    messages.set_language(None)


@pytest.fixture
def wizard(qtbot, tmp_path: Path):
    """A wizard whose bundled sample is small and cached in this test's folder."""
    from PySide6.QtCore import QLocale

    from exporter import messages
    from exporter.gui.wizard import ExportWizard

    messages.set_language("en")  # the core's sentences too, whatever a test before set
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    window = ExportWizard(sample_rows=TEST_SAMPLE_ROWS, sample_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    yield window
    window.source_page.stop()
    window.export_page.stop()
