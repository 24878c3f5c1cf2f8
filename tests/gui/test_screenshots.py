"""``exporter --screenshots DIR`` walks the whole wizard and the Open window and saves every picture."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from exporter.gui.wizard import DEFAULT_SIZE

ROOT = Path(__file__).resolve().parents[2]
WIZARD_PICTURES = (
    "01-source",
    "02-purpose",
    "03-columns",
    "04-protection",
    "05-review",
    "06-done",
    "08-source-refused",
    "15-columns-sensitive",
    "16-rows",
    "17-columns-transforms",
)
OPEN_PICTURES = ("07-open", "09-open-damaged")
KEY_PICTURES = ("10-key-card", "11-create-key", "12-key-passphrase", "13-settings")
PROTECTION_WITH_BOOK = "14-protection-book"
OWN_FOLDERS = ("EXPORTER_CONFIG_DIR", "EXPORTER_DATA_DIR")
RECIPIENT_PICTURES = ("30-open-receipt", "31-open-delete", "32-open-deleted", "33-open-reminders") + (
    ("34-wizard-statements",) if importlib.util.find_spec("exporter.register_import") else ()
)

POLICY_PICTURES = (
    "policy-04-protection",
    "policy-07-open-forwarded",
    "policy-14-protection-office",
)  # exporter.gui.policy_demo


@pytest.mark.parametrize(("language", "scale"), [("ja", 1), ("en", 1.5)])
def test_the_screenshot_walk_saves_every_page_and_the_refusals_at_the_default_size(tmp_path, language, scale):
    folder = tmp_path / "shots"
    env = {
        **{name: value for name, value in os.environ.items() if name not in OWN_FOLDERS},
        "XDG_CONFIG_HOME": str(tmp_path / "user-config"),  # the user's real folders, which the walk must not touch
        "XDG_DATA_HOME": str(tmp_path / "user-data"),
        "QT_SCALE_FACTOR": str(scale),
        "QT_QPA_PLATFORM": "offscreen",
        "EXPORTER_SAMPLE_ROWS": "300",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "exporter", "--screenshots", str(folder), "--lang", language],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "user-config" / "exporter").exists()  # its keys, book and settings: a folder of its own
    assert not (tmp_path / "user-data" / "exporter").exists()
    everything = (
        WIZARD_PICTURES + OPEN_PICTURES + KEY_PICTURES + (PROTECTION_WITH_BOOK,) + RECIPIENT_PICTURES + POLICY_PICTURES
    )
    assert sorted(path.stem for path in folder.iterdir()) == sorted(everything)
    for name in (*WIZARD_PICTURES, PROTECTION_WITH_BOOK, POLICY_PICTURES[0]):
        image = QImage(str(folder / f"{name}.png"))
        size = (round(DEFAULT_SIZE.width() * scale), round(DEFAULT_SIZE.height() * scale))
        assert abs(image.width() - size[0]) <= 1, name  # pixels: the default size times the scale
        assert abs(image.height() - size[1]) <= 1, name
    for name in KEY_PICTURES:
        image = QImage(str(folder / f"{name}.png"))
        assert image.width() > 300, name
        assert image.height() > 100, name
    for name in OPEN_PICTURES:
        image = QImage(str(folder / f"{name}.png"))
        assert image.width() > 400, name
        assert image.height() > 300, name
