"""The wizard without a usable display says so in one sentence, never Qt's abort (SIGABRT)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")


def wizard_without(env_changes: dict[str, str | None], lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"QT_QPA_PLATFORM", "WAYLAND_DISPLAY"}}
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", lang],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_no_display_at_all_is_one_sentence():
    result = wizard_without({"DISPLAY": None})
    assert result.returncode == 1
    assert result.stderr.startswith("exporter: error: The wizard needs a display, and this session has none.")


def test_no_display_is_said_in_japanese_with_lang_ja():
    result = wizard_without({"DISPLAY": None}, lang="ja")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "exporter: error: ウィザードには画面が必要ですが、このセッションには画面がありません。",
        "exporter: hint: デスクトップで起動するか、コマンドを使ってください（exporter --help を参照）。",
    ]


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs no X server on the display it names")
def test_a_display_that_does_not_answer_is_one_sentence_not_an_abort():
    """A stale DISPLAY (after ssh -X, or a closed VNC session): Qt's xcb plugin aborted the process."""
    result = wizard_without({"DISPLAY": ":4242"})
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("exporter: error: The wizard cannot reach the display :4242 (DISPLAY)")
