"""GUI tests run offscreen: no display, no window manager. Set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

TEST_SAMPLE_ROWS = 3000


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
