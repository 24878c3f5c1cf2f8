"""``--help`` speaks the user's language: every command's help, found by walking the parser, is Japanese with
``--lang ja`` (argparse's own words too) and English as before with ``--lang en``; Japanese lines fit an 80-column
terminal, counted in display columns; and every ``help.*`` id has both texts with the same fields."""

from __future__ import annotations

import argparse
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator

import pytest

from exporter import messages
from exporter.cli import _lang_everywhere, build_parser, main
from exporter.cli_help import display_width, wrap
from exporter.messages import CATALOGUE

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
HELP_IDS = sorted(key for key in CATALOGUE if key.startswith("help."))


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The words that reach every parser below ``parser``: (), ("export",), ("recipients", "office", "set")..."""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from command_paths(command, (*path, name))


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield from parsers(command)


COMMANDS = list(command_paths(build_parser()))


@pytest.fixture(autouse=True)
def _language_back_to_the_systems() -> Iterator[None]:
    yield  # --help exits inside argparse, before main() puts the caller's language back
    messages.set_language(None)


def help_text(lang: str, path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_status:
        main(["--lang", lang, *path, "--help"])
    assert exit_status.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_every_command_is_found_by_walking_the_parser():
    assert {(), ("export",), ("decrypt",), ("policy", "check"), ("recipients", "office", "set")} <= set(COMMANDS)
    assert len(COMMANDS) > 25


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "exporter")
def test_japanese_help_has_no_english_sentence_left(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = help_text("ja", path, capsys)
    assert text.startswith(f"使い方: {' '.join(('exporter', *path))} ")
    for english in ("usage:", "options:", "positional arguments", "show this help message"):
        assert english not in text
    assert "オプション:" in text
    body = text.split("\n\n", 1)[1]  # after the usage, whose option names and metavars stay as they are
    assert not re.search(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b", body), body


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "exporter")
def test_japanese_help_fits_80_columns(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    usage, body = help_text("ja", path, capsys).split("\n\n", 1)
    for line in body.splitlines():
        assert display_width(line) <= 80, line
    for line in usage.splitlines():  # argparse never cuts one usage part, such as a group of exclusive options
        assert display_width(line) <= 80 or _one_usage_part(line.strip()), line


def _one_usage_part(text: str) -> bool:
    depth = 0
    for position, char in enumerate(text):
        depth += (char in "[(") - (char in "])")
        if depth == 0 and position < len(text) - 1:
            return False
    return text[:1] in "[("


def test_every_help_text_of_every_parser_is_japanese_with_lang_ja():
    messages.set_language("ja")
    for parser in parsers(_lang_everywhere(build_parser())):
        if parser.description:
            assert JAPANESE.search(parser.description), parser.description
        assert JAPANESE.search(parser._positionals.title or ""), parser.prog
        assert JAPANESE.search(parser._optionals.title or ""), parser.prog
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS:
                assert JAPANESE.search(action.help), (parser.prog, action.option_strings, action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert JAPANESE.search(choice.help or ""), (parser.prog, choice.dest)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "exporter")
def test_english_help_is_as_before(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = help_text("en", path, capsys)
    assert text.startswith(f"usage: {' '.join(('exporter', *path))} ")
    assert "\noptions:\n" in text
    assert "  -h, --help" in text
    assert "show this help message and exit" in text
    without_examples = re.sub(r"e\.g\.\s.*?(>= 65'|市民課)", "", text, flags=re.DOTALL)  # Japanese examples
    assert not JAPANESE.search(without_examples), text


def test_english_export_help_keeps_its_wording(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = help_text("en", ("export",), capsys)
    assert "a column to keep; repeat it, in the order the columns should have (with --profile: the profile's)" in text
    assert "(0.05 or 5%)" in text
    assert "positional arguments:\n  SOURCE\n" in text


def test_a_japanese_locale_gives_japanese_help_in_a_real_process():
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "export", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**env, "LANG": "ja_JP.UTF-8", "COLUMNS": "80"},
    )
    assert result.returncode == 0
    assert result.stdout.startswith("使い方: exporter export ")
    assert "5%）" in result.stdout  # argparse's %% became one percent sign
    assert "残す列。" in result.stdout


@pytest.mark.parametrize("message_id", HELP_IDS)
def test_every_help_id_has_both_texts_with_the_same_fields(message_id):
    english, japanese = CATALOGUE[message_id]
    assert english.strip()
    assert JAPANESE.search(japanese)
    fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (english, japanese)]
    assert fields[0] == fields[1]
    for text in (english, japanese):  # argparse %-formats help texts: a literal percent sign is written %%
        assert "%" not in text.replace("%%", "")
        assert text % {"prog": "exporter", "default": None} == text.replace("%%", "%")


def test_japanese_wraps_by_display_width_between_characters():
    lines = wrap("受取人の公開鍵を 1 行に 1 つずつ書いたファイル。繰り返し指定できる", 20)
    assert "".join(lines).replace(" ", "") == "受取人の公開鍵を1行に1つずつ書いたファイル。繰り返し指定できる"
    assert all(display_width(line) <= 20 for line in lines), lines
    assert len(lines) == 4


def test_japanese_never_starts_a_line_with_a_closing_mark_nor_cuts_a_quoted_example():
    text = "CONDITION を満たす行だけを残す（例：'住民税区分 = 非課税'、'age(生年月日) >= 65'）。繰り返す"
    for columns in range(24, 60):
        lines = wrap(text, columns)
        assert not any(line[0] in "、。）" or line[-1] in "（" for line in lines), lines
        assert any("'住民税区分 = 非課税'" in line for line in lines), lines


def test_a_word_without_spaces_is_never_cut():
    assert wrap("書き出す FILE.README.txt ファイル", 8) == ["書き出す", "FILE.README.txt", "ファイル"]
