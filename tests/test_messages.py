"""The message catalogue: every id has both languages with the same fields, and renders in the one asked for."""

from __future__ import annotations

import string

import pytest

from exporter import messages
from exporter.errors import ExportCancelled, SourceError
from exporter.messages import CATALOGUE, msg


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(message_id: str) -> None:
    english, japanese = CATALOGUE[message_id]
    assert english.strip()
    assert japanese.strip()
    assert _fields(english) == _fields(japanese), message_id
    assert japanese != english, "the Japanese text must be a translation"


def test_an_unknown_id_is_a_bug_caught_at_once() -> None:
    with pytest.raises(KeyError):
        msg("no.such.message")


def test_errors_render_in_the_language_set_and_follow_the_system_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    error = ExportCancelled()
    try:
        messages.set_language("ja")
        assert str(error) == "書き出しを取り消しました。何も書き込んでいません。"
        messages.set_language("en")
        assert str(error) == "The export was cancelled; nothing was written."
        messages.set_language(None)
        monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
        assert messages.language() == "ja"
        monkeypatch.setenv("LC_ALL", "C.UTF-8")
        assert messages.language() == "en"
    finally:
        messages.set_language(None)


def test_an_error_keeps_its_message_and_where_it_happened() -> None:
    outer = SourceError(msg("general.cancelled"), path="a.csv", line=3)
    assert outer.path == "a.csv"
    assert outer.line == 3
    assert outer.message == msg("general.cancelled")
    assert msg("general.cancelled").render("ja").startswith("書き出し")
