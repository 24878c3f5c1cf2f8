"""Every test runs with its own empty settings and data folders, never the developer's own.

The office key in the settings is added to every export, and the address book resolves names: a developer's real
settings must not change what a test exports. The variables are set in the environment, so the command line run
as a subprocess gets the same folders. A test that changes settings points them at its own ``tmp_path``
(``monkeypatch.setenv``) so nothing leaks into the next test.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter import messages

_FOLDER = tempfile.mkdtemp(prefix="exporter-test-home-")
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
os.environ["EXPORTER_CONFIG_DIR"] = os.path.join(_FOLDER, "config")
os.environ["EXPORTER_DATA_DIR"] = os.path.join(_FOLDER, "data")


@pytest.fixture
def sentences_in_english() -> Iterator[None]:
    """In-process sentences in English, whatever language an earlier test in this process chose."""
    messages.set_language("en")
    yield
    messages.set_language(None)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own config folder (address book, settings), empty at first."""
    folder = tmp_path / "config"
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(folder))
    return folder
