"""Text from archives and files reaches a terminal with every control character made visible.

The core function is checked on each class of dangerous character and by property; the command line's real
output is then played into pyte, a VT100 terminal emulator we did not write, to see what it does to a screen:
nothing moves the cursor, erases a line, sets the window title or rings the bell, and the payload stays readable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import pyte
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.commands import opened_summary
from exporter.display import is_safe, redact_secrets, safe_json, safe_text
from exporter.envelope import X25519Identity, format_identity_file
from exporter.pipeline import run_export
from exporter.plan import ExportPlan

CASES = Path(__file__).parent / "cases" / "archives"
ESCAPES_CASE = CASES / "manifest-purpose-terminal-escapes.zip.age"
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}

# Payloads a hostile sender would put in an archive, each one a real terminal or display attack.
CURSOR_UP_AND_ERASE = "ok\x1b[2K\r\x1b[1A\x1b[2Kexporter: verified by City Hall, signed"
WINDOW_TITLE = "\x1b]0;pwned-title\x07"
WINDOW_TITLE_ST = "\x1b]2;other-title\x1b\\"
BELL = "ring\x07\x07"
EIGHT_BIT_CSI = "\x9b2J\x9b31m"  # C1 CSI: clear the screen, red, on terminals that take 8-bit controls
CLEAR_SCREEN = "\x1b[2J\x1b[H"
TROJAN_SOURCE = "pay \u202eoreZ\u202c to \u2066admin\u2069"  # right-to-left override and isolates
LINE_SEPARATOR = "first\u2028second\u2029third"
PAYLOADS = (
    CURSOR_UP_AND_ERASE, WINDOW_TITLE, WINDOW_TITLE_ST, BELL, EIGHT_BIT_CSI, CLEAR_SCREEN, TROJAN_SOURCE,
    LINE_SEPARATOR,
)  # fmt: skip


def unsafe_characters(text: str) -> list[str]:
    return [char for char in text if unicodedata.category(char) in UNSAFE_CATEGORIES]


# ----------------------------------------------------------------------------------------------------
# The one function


def test_c0_controls_and_del_are_written_as_python_escapes():
    assert safe_text("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe_text("\x00\x07\t\n\r\x7f") == "\\x00\\x07\\t\\n\\r\\x7f"


def test_c1_controls_are_written_as_hex_escapes():
    assert safe_text("x\x9b31m\x85y") == "x\\x9b31m\\x85y"


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069", "\u200e", "\u200f", "\u061c"])  # fmt: skip
def test_every_bidi_control_is_made_visible(char):
    shown = safe_text(f"a{char}b")
    assert shown == f"a\\u{ord(char):04x}b"


def test_invisible_and_separator_characters_are_made_visible():
    assert safe_text("氏\u200b名") == "氏\\u200b名"
    assert safe_text("\ufeffname") == "\\ufeffname"
    assert safe_text(LINE_SEPARATOR) == "first\\u2028second\\u2029third"
    assert safe_text("tag\U000e0041") == "tag\\U000e0041"


def test_lone_surrogates_are_escaped_and_an_undecodable_file_name_byte_shows_as_itself():
    assert safe_text("x\ud800y") == "x\\ud800y"
    assert safe_text(os.fsdecode(b"caf\xe9.csv")) == "caf\\xe9.csv"


def test_japanese_text_and_ordinary_punctuation_pass_unchanged():
    text = "住民税 通知（令和6年度）：ﾌﾘｶﾞﾅ、「架空 一郎」— 5% <b> & C:\\data\\file.csv"
    assert safe_text(text) == text
    assert is_safe(text)


def test_multiline_keeps_line_feeds_only():
    assert safe_text("error\nhint\r\x1b", multiline=True) == "error\nhint\\r\\x1b"


def test_a_long_value_is_cut_before_escaping():
    assert safe_text("a" * 10, max_chars=5) == "aaaa…"
    assert safe_text("\x1b" * 10, max_chars=3) == "\\x1b\\x1b…"


@given(st.text())
def test_no_unsafe_character_survives(text):
    shown = safe_text(text)
    assert unsafe_characters(shown) == []
    assert (shown == text) == is_safe(text)


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_safe_text_is_the_identity_on_safe_text(text):
    assert safe_text(text) == text


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=12))  # fmt: skip
def test_safe_json_reads_back_as_the_same_values(value):
    text = safe_json(json.dumps(value, ensure_ascii=False))
    assert unsafe_characters(text) == []
    assert json.loads(text) == value


def test_secret_keys_are_hidden_in_any_case():
    secret = X25519Identity.generate().secret_text()
    for shown in (secret, secret.lower(), f"key={secret}.", f"AGE-PLUGIN-YUBIKEY-1{secret[16:]}"):
        assert secret[16:28].lower() not in redact_secrets(shown).lower()
    assert redact_secrets("age1qqq and ordinary text") == "age1qqq and ordinary text"
    hint = "A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long."
    assert redact_secrets(hint) == hint
    once = redact_secrets(f"quoted {secret}.")
    assert once == "quoted AGE-SECRET-KEY-…(hidden)."
    assert redact_secrets(once) == once


# ----------------------------------------------------------------------------------------------------
# The decrypt summary never fails and never passes a control


@pytest.mark.parametrize(
    "manifest",
    [
        {"rows": "many", "columns": ["a"], "purpose": "x"},
        {"rows": -3, "columns": 7, "purpose": ["not", "text"]},
        {"rows": True, "columns": {"a": 1}, "purpose": None, "delete_by": 20261231},
        {"rows": 10**40, "columns": "abc", "recipient_organisation": {"x": 1}},
        [],
        "not an object",
        None,
    ],
)
def test_the_opened_summary_survives_any_manifest_value(manifest):
    lines = opened_summary("odd.zip.age", manifest)
    assert lines[0] == (
        "odd.zip.age is intact and complete: nothing was changed after it was encrypted; "
        "this does not prove who made it."
    )
    assert len(lines) == 2


def test_the_opened_summary_shows_every_text_field_made_safe():
    manifest = {
        "rows": 3,
        "columns": ["a", "b"],
        "purpose": CURSOR_UP_AND_ERASE,
        "recipient_organisation": TROJAN_SOURCE,
        "delete_by": WINDOW_TITLE,
    }
    lines = opened_summary("n\x1bame.zip.age", manifest)
    assert all(unsafe_characters(line) == [] for line in lines)
    assert lines[1].startswith("3 rows × 2 columns; purpose: ok\\x1b[2K")
    assert "for: pay \\u202eoreZ" in lines[1]
    assert "delete by: \\x1b]0;pwned-title\\x07" in lines[1]


# ----------------------------------------------------------------------------------------------------
# The real command line, played into a terminal emulator


class Terminal(pyte.Screen):
    """pyte's screen, counting the bells it hears."""

    def __init__(self) -> None:
        super().__init__(1000, 40)
        self.bells = 0

    def bell(self, *args: object) -> None:
        self.bells += 1


def play(output: str) -> Terminal:
    screen = Terminal()
    pyte.Stream(screen).feed(output.replace("\n", "\r\n"))  # the tty turns each line feed into CR LF
    return screen


def shown_lines(screen: Terminal) -> list[str]:
    return [line.rstrip() for line in screen.display if line.strip()]


def assert_terminal_untouched(output: str) -> Terminal:
    """Every line printed is on the screen as printed: nothing erased, moved, retitled or rung."""
    assert unsafe_characters(output.replace("\n", "")) == [], output
    screen = play(output)
    assert screen.title == ""
    assert screen.bells == 0
    assert shown_lines(screen) == [line for line in output.splitlines() if line.strip()]
    return screen


def test_the_payloads_are_real_attacks_on_a_raw_terminal():
    attacked = play("exporter: wrote data.csv\nexporter: purpose: " + CURSOR_UP_AND_ERASE + WINDOW_TITLE + BELL)
    assert attacked.title == "pwned-title"
    assert attacked.bells == 2
    assert shown_lines(attacked) == ["exporter: verified by City Hall, signedring"]  # the real first line is gone


def exporter_cli(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "exporter", *(str(arg) for arg in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=120,
        check=False,
    )


def private_copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


def test_the_terminal_escapes_case_is_shown_harmlessly(tmp_path):
    archive = private_copy(ESCAPES_CASE, tmp_path)
    identity = private_copy(CASES / "test-identity.key", tmp_path)

    result = exporter_cli("decrypt", archive, "--identity", identity, "--output", tmp_path / "out", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    screen = assert_terminal_untouched(result.stderr)
    purpose_line = next(line for line in shown_lines(screen) if "purpose:" in line)
    assert "\\x1b[1A\\x1b[2Kexporter: verified by City Hall, signed\\x1b]0;pwned-title\\x07" in purpose_line
    assert "intact and complete" in shown_lines(screen)[0]
    assert "does not prove who made it" in shown_lines(screen)[0]
    assert "verified" not in shown_lines(screen)[0]


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A genuine archive whose every text field carries a payload: purpose, organisation, column names, the
    source file's name (a real file name holding ESC and BEL), and the archive's own name."""
    folder = tmp_path_factory.mktemp("hostile")
    identity = X25519Identity.generate()
    key_file = folder / "key.txt"
    key_file.write_text(format_identity_file(identity, datetime.now().astimezone()))
    key_file.chmod(0o600)
    columns = ("name" + WINDOW_TITLE, "phone" + CURSOR_UP_AND_ERASE, TROJAN_SOURCE, "ok")
    source = folder / f"residents{WINDOW_TITLE}{EIGHT_BIT_CSI}.csv"
    rows = ['"' + '","'.join(columns) + '"', '"架空 一郎","000-0000-0000","x","y"']
    source.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    archive = folder / f"hostile{CLEAR_SCREEN}.zip.age"
    run_export(
        ExportPlan(
            source=source,
            columns=columns,
            output=archive,
            recipients=(str(identity.recipient),),
            purpose=" ".join(PAYLOADS),
            recipient_organisation=BELL + TROJAN_SOURCE,
        )
    )
    return archive, key_file, source


def test_every_field_of_a_hostile_archive_is_shown_harmlessly(hostile_export, tmp_path):
    archive, key_file, _ = hostile_export

    result = exporter_cli("decrypt", archive, "--identity", key_file, "--output", tmp_path / "out", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    screen = assert_terminal_untouched(result.stderr)
    text = "\n".join(shown_lines(screen))
    assert "hostile\\x1b[2J\\x1b[H.zip.age is intact and complete" in text
    assert "for: ring\\x07\\x07pay \\u202eoreZ\\u202c to \\u2066admin\\u2069" in text
    assert "first\\u2028second\\u2029third" in text


def test_inspect_shows_hostile_column_and_file_names_harmlessly(hostile_export):
    _, _, source = hostile_export

    listed = exporter_cli("inspect", source, cwd=source.parent)
    as_json = exporter_cli("inspect", "--json", source, cwd=source.parent)

    assert listed.returncode == 0, listed.stderr
    screen = assert_terminal_untouched(listed.stdout)
    assert shown_lines(screen)[0] == "residents\\x1b]0;pwned-title\\x07\\x9b2J\\x9b31m.csv"
    assert as_json.returncode == 0, as_json.stderr
    assert_terminal_untouched(as_json.stdout)
    names = [column["name"] for column in json.loads(as_json.stdout)["columns"]]
    assert names[:3] == ["name" + WINDOW_TITLE, "phone" + CURSOR_UP_AND_ERASE, TROJAN_SOURCE]  # exact values


def test_an_error_quoting_a_hostile_column_name_is_shown_harmlessly(hostile_export, tmp_path):
    _, _, source = hostile_export
    recipient = str(X25519Identity.generate().recipient)

    asked = "phone" + CURSOR_UP_AND_ERASE[:-1]  # one letter short of a column name

    result = exporter_cli(
        "export", source, "--column", asked, "--recipient", recipient, "--output", tmp_path / "x", cwd=tmp_path
    )

    assert result.returncode == 1
    screen = assert_terminal_untouched(result.stderr)
    error, hint = shown_lines(screen)
    assert error.startswith("exporter: error: residents\\x1b]0;pwned-title\\x07")
    shown_column = "phoneok\\x1b[2K\\r\\x1b[1A\\x1b[2Kexporter: verified by City Hall, signed"
    assert error.endswith(f"has no column named “{shown_column[:-1]}”.")
    assert hint == f"exporter: hint: Did you mean “{shown_column}”?"
