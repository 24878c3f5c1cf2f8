"""argparse's usage errors in the user's language (exporter/usage.py): real subprocesses, exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ENGLISH = {**os.environ, "LC_ALL": "C.UTF-8"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *args], capture_output=True, text=True, env=env or ENGLISH, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "japanese", "english"),
    [
        (("export", "x.csv"), "次の指定が足りません：--column, --output", "the following arguments are required"),
        (("inspect", "x.csv", "--encoding"), "--encoding のあとに値を書いてください。", "expected one argument"),
        (
            ("export", "x.csv", "--column", "a", "--output", "o", "--recipient", "age1x", "--passphrase-file", "p"),
            "--passphrase-file と --recipient は一緒に指定できません。",
            "not allowed with argument",
        ),
        (("frob",), "COMMAND に指定できるのは 'inspect'", "invalid choice"),
        (("inspect", "x.csv", "--bogus", "hunter2"), "知らない指定があります：--bogus と値 1 個", "1 value (not"),
    ],
)
def test_usage_errors_are_said_in_the_language_asked_wherever_lang_stands(args, japanese, english):
    for before in (True, False):
        line = ("--lang", "ja", *args) if before else (*args[:1], "--lang", "ja", *args[1:])
        result = run(*line)
        assert result.returncode == 2
        assert japanese in result.stderr.splitlines()[-1]
        assert "error:" in result.stderr.splitlines()[-1]
    assert english in run(*args).stderr.splitlines()[-1]


def test_a_japanese_locale_is_enough():
    result = run("export", "x.csv", env={**os.environ, "LC_ALL": "ja_JP.UTF-8"})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("次の指定が足りません：--column, --output")


def test_a_value_after_an_unknown_option_is_never_shown_in_either_language():
    secret = "correct-horse-battery-staple-2026"
    for lang in ("ja", "en"):
        result = run("--lang", lang, "inspect", "x.csv", f"--pass-phrase={secret}", secret)
        assert secret not in result.stderr
        assert "--pass-phrase" in result.stderr


def test_a_value_of_the_wrong_kind_is_named_with_its_option_in_both_languages():
    japanese = run("--lang", "ja", "inspect", "x.csv", "--max-row-size", "abc").stderr.splitlines()[-1]
    english = run("inspect", "x.csv", "--max-row-size", "abc").stderr.splitlines()[-1]

    assert japanese.endswith("--max-row-size の値が正しくありません：'abc' は MiB 単位の数ではありません")
    assert english.endswith("argument --max-row-size: 'abc' is not a number of MiB")
