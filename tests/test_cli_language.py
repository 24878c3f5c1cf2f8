"""The command line speaks the user's language: ``--lang`` (before or after the command) or a Japanese locale
gives every error, hint and report line in Japanese, from the same catalogue as the wizard; ``--lang en`` and the C
locale give English. Real subprocesses on real failing inputs from tests/cases; JSON keeps its English keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.sample import sample_bytes

CASES = Path(__file__).parent / "cases"
STRAY_QUOTES = CASES / "reader" / "stray-opening-quotes.csv"
SEP_LINE = CASES / "reader" / "excel-sep-line.csv"
JAPANESE_REFUSAL = "stray-opening-quotes.csv の 2 行目：2 列目の引用符で囲んだ値が 3 行目で閉じた後"
ENGLISH_REFUSAL = "stray-opening-quotes.csv line 2 has a quoted value followed by more text before the next delimiter"


def run(*args: str | Path, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    """``exporter ARGS`` in a fresh process whose locale is ``lang`` (LANG only; LC_ALL and LC_MESSAGES unset)."""
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=env,
    )


def error_lines(result: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("exporter: error: ")
    assert lines[1].startswith("exporter: hint: ")
    return lines[0].removeprefix("exporter: error: "), lines[1].removeprefix("exporter: hint: ")


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (("--lang", "ja", "inspect", STRAY_QUOTES), "C.UTF-8"),
        (("inspect", "--lang", "ja", STRAY_QUOTES), "C.UTF-8"),
        (("inspect", STRAY_QUOTES, "--lang", "ja"), "en_US.UTF-8"),
        (("inspect", STRAY_QUOTES), "ja_JP.UTF-8"),
    ],
    ids=["lang-before-the-command", "lang-after-the-command", "lang-at-the-end", "japanese-locale"],
)
def test_a_refused_file_is_named_with_its_line_in_japanese(args, lang):
    result = run(*args, lang=lang)
    assert result.returncode == 1
    error, hint = error_lines(result)
    assert error.startswith(JAPANESE_REFUSAL), error
    assert error.endswith("余分な文字があります。")
    assert hint.startswith('引用符（"）で値を囲めるのは値の先頭からだけで')


@pytest.mark.parametrize(
    ("args", "lang"),
    [(("--lang", "en", "inspect", STRAY_QUOTES), "ja_JP.UTF-8"), (("inspect", STRAY_QUOTES), "C")],
    ids=["lang-en-over-a-japanese-locale", "c-locale"],
)
def test_the_same_refusal_reads_in_english_with_lang_en_or_the_c_locale(args, lang):
    result = run(*args, lang=lang)
    assert result.returncode == 1
    error, hint = error_lines(result)
    assert error == f"{ENGLISH_REFUSAL} (column 2, closed on line 3)."
    assert hint.startswith("A quote may open a value only at its start")


def test_a_missing_column_is_refused_in_japanese_with_the_closest_names(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(20, seed=1))
    result = run(
        "export", residents, "--column", "phon", "--generate-passphrase", "--output", tmp_path / "a.zip.age",
        "--lang", "ja",
    )  # fmt: skip
    assert result.returncode == 1
    error, hint = error_lines(result)
    assert error == "residents.csv には「phon」という列がありません。"
    assert hint == "「phone」の間違いではありませんか？"
    assert not (tmp_path / "a.zip.age").exists()


def test_inspect_reports_in_japanese_and_its_json_keeps_english_keys():
    report = run("--lang", "ja", "inspect", SEP_LINE)
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    assert lines[0] == "excel-sep-line.csv"
    assert lines[1:5] == [
        "  文字コード  utf-8",
        "  区切り文字  セミコロン（ファイルの sep= の行による）",
        "  行数        2",
        "  列数        3",
    ]
    assert "氏名" in lines[5]
    english = run("inspect", SEP_LINE, lang="C.UTF-8").stdout.splitlines()
    assert english[1:5] == [
        "  encoding   utf-8",
        "  delimiter  semicolon (from the file's sep= line)",
        "  rows       2",
        "  columns    3",
    ]
    as_json = json.loads(run("inspect", "--json", SEP_LINE, "--lang", "ja").stdout)
    assert set(as_json) == {"encoding", "delimiter", "sep_line", "rows", "columns", "formula_cells_rows"}
    assert as_json["columns"][0] == {"name": "氏名", "category": "name", "formula_cells": 0}


def test_export_and_decrypt_summaries_and_a_damaged_archive_read_in_japanese(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(30, seed=2))
    key = tmp_path / "call-centre.key"
    keygen = run("--lang", "ja", "keygen", "--output", key, "--no-protect")
    assert keygen.returncode == 0, keygen.stderr
    assert keygen.stderr.startswith("exporter: 署名確認用の公開鍵（")  # the key card, from its signing key on
    assert "\nexporter: 確認コード：" in keygen.stderr
    assert f"exporter: 鍵を合言葉なしで {key} に保存しました。" in keygen.stderr
    recipient = keygen.stdout.strip().splitlines()[-1]
    archive = tmp_path / "relief.zip.age"
    export = run(
        "--lang", "ja", "export", residents, "--column", "phone", "--column", "family_name",
        "--recipient", recipient, "--output", archive,
    )  # fmt: skip
    assert export.returncode == 0, export.stderr
    assert export.stderr.startswith(f"exporter: {archive}（")
    assert "を書き出しました：30 行 × 2 列、受取人 1 人向け。ハッシュ値（SHA-256）：" in export.stderr

    opened = run("decrypt", archive, "--identity", key, "--output", tmp_path / "opened", "--lang", "ja")
    assert opened.returncode == 0, opened.stderr
    lines = opened.stderr.splitlines()
    assert lines[0] == (
        "exporter: relief.zip.age は完全で、暗号化の後に変更されていません。"
        "ただし、誰が作ったかを証明するものではありません。"
    )
    assert lines[1] == "exporter: 30 行 × 2 列、利用目的：（なし）"
    folder = tmp_path / "opened"
    assert lines[2].startswith(f"exporter: 宛先 {recipient}：確認コード ")  # each recipient and its check code
    assert lines[3] == "exporter: warning: このファイルには署名がありません。どの部署が作ったかを確かめられません。"
    assert lines[4].startswith("exporter: hint: あなたの公開鍵を持つ人なら誰でも")  # an unsigned archive: plainly said
    assert lines[5] == f"exporter: {folder / 'data.csv'} と {folder / 'manifest.json'} を書き出しました。"

    case_key = tmp_path / "test-identity.key"
    shutil.copyfile(CASES / "archives" / "test-identity.key", case_key)
    case_key.chmod(0o600)
    damaged = run(
        "--lang", "ja", "decrypt", CASES / "archives" / "data-crc-wrong.zip.age", "--identity", case_key,
        "--output", tmp_path / "damaged",
    )  # fmt: skip
    assert damaged.returncode == 1
    assert damaged.stderr == (
        "exporter: error: data-crc-wrong.zip.age の中の ZIP が壊れています（data.csv の CRC-32 検査に失敗しました）。\n"
    )
    assert not (tmp_path / "damaged").exists()


def test_a_usage_error_is_one_line_after_the_usage_and_exits_2_in_any_language():
    result = run("--lang", "ja", "export", "--column", "phone")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("exporter export: error: ")]
    assert len(errors) == 1
    assert result.stderr.startswith("使い方: exporter export")  # argparse's usage prefix, in Japanese too
    assert result.stderr.endswith(errors[0] + "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_the_progress_line_on_a_terminal_is_in_the_users_language(tmp_path):
    import pty

    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(3000, seed=4))
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "exporter", "--lang", "ja", "inspect", str(residents)],
            stdout=subprocess.DEVNULL,
            stderr=secondary,
        )
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=60) == 0
    finally:
        os.close(main)
    text = shown.decode("utf-8")
    assert "100%  3,000 行を読み込みました" in text
    assert "rows read" not in text


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_cancelled_export_says_so_in_japanese(tmp_path):
    import signal

    from test_reader_hostile import STUCK, start_stuck_export

    process, target = start_stuck_export(STUCK, tmp_path, 30_000, "--lang", "ja")
    try:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 1
    assert stderr.strip() == "exporter: error: 書き出しを取り消しました。何も書き込んでいません。"
    assert list(target.iterdir()) == []


def test_a_weak_passphrase_is_refused_in_japanese_with_the_estimators_advice_translated(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(10, seed=6))
    passphrase_file = tmp_path / "passphrase.txt"
    passphrase_file.write_text("password123\n", encoding="utf-8")
    result = run(
        "--lang", "ja", "export", residents, "--column", "phone", "--passphrase-file", passphrase_file,
        "--output", tmp_path / "a.zip.age",
    )  # fmt: skip
    assert result.returncode == 1
    error, hint = error_lines(result)
    assert error.startswith("合言葉が弱すぎます。約 10^")
    assert hint == (
        "非常によく使われるパスワードです。単語をあと1つか2つ加えてください。あまり使われない単語のほうが安全です。"
        "--generate-passphrase で強い合言葉を作れます。"
    )
    assert "password123" not in result.stderr


def test_japanese_inspect_lines_up_its_columns_on_a_terminal_with_wide_names_and_labels(tmp_path):
    """Wide names (kanji), half-width kana, a combining dakuten and wide category labels (要配慮個人情報): played
    into pyte, a terminal emulator we did not write, each column starts at the same cell on every line."""
    import pyte

    rows = sample_bytes(30, seed=5).decode("utf-8").splitlines()
    header = rows[0].split(",")
    renamed = {"family_name": "氏", "given_name": "名", "family_name_kana": "ｼﾒｲ", "notes": "備考・ト\u3099ウ"}
    header = [renamed.get(name, name) for name in header]
    residents = tmp_path / "residents.csv"
    residents.write_text("\n".join([",".join(header), *rows[1:]]) + "\n", encoding="utf-8")

    report = run("--lang", "ja", "inspect", residents)
    assert report.returncode == 0, report.stderr
    listing = json.loads(run("--lang", "ja", "inspect", "--json", residents).stdout)["columns"]
    screen = pyte.Screen(200, 40)
    pyte.Stream(screen).feed(report.stdout.replace("\n", "\r\n"))
    column_lines = [screen.buffer[y] for y in range(5, 5 + len(listing))]
    label_cells, mark_cells = set(), set()
    for line, column in zip(column_lines, listing, strict=True):
        cells = [line[x].data for x in range(200)]  # a wide character's second cell holds ""
        name_start = next(x for x in range(8, 200) if cells[x] != " ")
        name_end = next(x for x in range(name_start, 200) if cells[x] == " " and cells[x + 1] == " ")
        label_cells.add(next(x for x in range(name_end, 200) if cells[x] != " "))
        if column["category"] in {"my_number", "tax", "financial", "special"}:
            mark_cells.add(next(x for x in range(200) if cells[x : x + 5] == ["要", "", "注", "", "意"]))
    assert len(label_cells) == 1, report.stdout
    assert len(mark_cells) == 1, report.stdout
    assert "要配慮個人情報" in report.stdout
