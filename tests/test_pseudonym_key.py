"""The office's pseudonym key: its file (format, mode 0600, never overwritten, every malformed file refused with one
sentence), the ``exporter pseudonym-key`` command, and the key never shown: not in any output, repr, exception or
traceback, not even in part (in the manner of tests/test_secrets.py)."""

from __future__ import annotations

import base64
import os
import pickle
import stat
import subprocess
import sys
import traceback
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from exporter.errors import OutputError, PlanError
from exporter.pseudonym import FORMAT_LINE, PseudonymKey
from exporter.sample import sample_bytes
from exporter.transforms import Transform, TransformContext, TransformRefused, apply_transform

RUN = 12  # no run of this many characters of the key's base64, or of its hex, may appear


def run_cli(*arguments: object, cwd: Path, debug: bool = False) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    if debug:
        environment["EXPORTER_DEBUG"] = "1"  # the debug mode shows the most (tracebacks)
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, arguments)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def key_bytes_of(path: Path) -> bytes:
    """The key, read from the file as its documented format says (not through exporter)."""
    first, second = path.read_text(encoding="ascii").splitlines()
    assert first == FORMAT_LINE
    return base64.b64decode(second, validate=True)


def secret_runs(key: bytes) -> set[str]:
    runs = set()
    for text in (base64.b64encode(key).decode("ascii"), key.hex()):
        runs |= {text[start : start + RUN].lower() for start in range(len(text) - RUN + 1)}
    return runs


def assert_key_not_in(key: bytes, *texts: str) -> None:
    runs = secret_runs(key)
    for text in texts:
        lowered = text.lower()
        found = [part for part in runs if part in lowered]
        assert not found, f"{found} of the key in {text!r}"


def everything_said_by(error: BaseException) -> str:
    parts = [str(error), repr(error), repr(error.args), str(getattr(error, "hint", ""))]
    parts.append("".join(traceback.format_exception(error, chain=True)))
    return "\n".join(parts)


def test_the_command_writes_a_private_key_file_in_the_documented_format_and_prints_its_key_id(tmp_path):
    result = run_cli("pseudonym-key", "--output", "office.pkey", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    path = tmp_path / "office.pkey"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = key_bytes_of(path)
    assert len(key) == 32
    assert result.stdout.strip() == PseudonymKey.from_file(path).key_id
    assert result.stderr.startswith("exporter: wrote a new pseudonym key to office.pkey (key id ")
    assert_key_not_in(key, result.stdout, result.stderr)
    assert not [name for name in os.listdir(tmp_path) if name != "office.pkey"], "no work file is left"


def test_two_keys_differ_and_an_existing_file_is_never_overwritten(tmp_path):
    first = PseudonymKey.create(tmp_path / "a.pkey")
    second = PseudonymKey.create(tmp_path / "b.pkey")
    assert first.key_id != second.key_id
    before = (tmp_path / "a.pkey").read_bytes()

    with pytest.raises(OutputError):
        PseudonymKey.create(tmp_path / "a.pkey")
    result = run_cli("--lang", "ja", "pseudonym-key", "--output", "a.pkey", cwd=tmp_path)

    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == "exporter: error: a.pkey はすでにあります。仮名化用の鍵のファイルは上書きしません。"
    )
    assert (tmp_path / "a.pkey").read_bytes() == before
    assert_key_not_in(key_bytes_of(tmp_path / "a.pkey"), result.stdout, result.stderr)


def test_a_key_file_with_crlf_or_without_a_final_line_end_is_read(tmp_path):
    key = bytes(range(32))
    body = FORMAT_LINE + "\r\n" + base64.b64encode(key).decode("ascii")
    (tmp_path / "crlf.pkey").write_text(body + "\r\n", encoding="ascii", newline="")
    (tmp_path / "bare.pkey").write_text(body, encoding="ascii", newline="")
    wanted = PseudonymKey(key).key_id
    assert PseudonymKey.from_file(tmp_path / "crlf.pkey").key_id == wanted
    assert PseudonymKey.from_file(tmp_path / "bare.pkey").key_id == wanted


KEY = bytes(range(100, 132))
GOOD = base64.b64encode(KEY)
MALFORMED = {
    "another first line": b"exporter-pseudonym-key-v2\n" + GOOD + b"\n",
    "no first line": GOOD + b"\n",
    "a key of 31 bytes": FORMAT_LINE.encode() + b"\n" + base64.b64encode(KEY[:31]) + b"\n",
    "a key of 33 bytes": FORMAT_LINE.encode() + b"\n" + base64.b64encode(KEY + b"x") + b"\n",
    "base64 with a bad character": FORMAT_LINE.encode() + b"\n" + GOOD[:-2] + b"!=\n",
    "a third line": FORMAT_LINE.encode() + b"\n" + GOOD + b"\nmore\n",
    "a space after the key": FORMAT_LINE.encode() + b"\n" + GOOD + b" \n",
    "not text": b"\xff\xfe" + GOOD,
    "empty": b"",
    "an age identity": b"AGE-SECRET-KEY-1" + GOOD + b"\n",
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_key_file_is_refused_with_one_sentence_that_never_shows_it(tmp_path, case, sentences_in_english):
    path = tmp_path / "bad.pkey"
    path.write_bytes(MALFORMED[case])

    with pytest.raises(PlanError) as caught:
        PseudonymKey.from_file(path)

    assert str(caught.value) == f"{path} is not a pseudonym key file made by “exporter pseudonym-key”."
    assert_key_not_in(KEY, everything_said_by(caught.value))


@pytest.mark.parametrize("where", ["missing.pkey", "."])
def test_a_missing_key_file_or_a_folder_is_one_sentence_naming_a_pseudonym_key_file(
    tmp_path, where, sentences_in_english
):
    with pytest.raises(PlanError) as caught:
        PseudonymKey.from_file(tmp_path / where)
    assert "pseudonym key file" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_repr_str_and_pickle_never_show_the_key(tmp_path):
    key = PseudonymKey(KEY)
    context = TransformContext(date(2026, 4, 1), key)
    assert_key_not_in(KEY, repr(key), str(key), repr(context), str(context), key.key_id)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    assert not hasattr(key, "__dict__")


def test_the_key_id_is_not_the_token_of_any_cell_and_depends_on_the_key():
    key = PseudonymKey(KEY)
    assert key.key_id != key.token("exporter pseudonym key id")
    assert key.key_id != PseudonymKey(bytes(32)).key_id


def test_a_refused_value_under_a_key_shows_no_key(tmp_path):
    key = PseudonymKey(KEY)
    with pytest.raises(TransformRefused) as caught:
        apply_transform(Transform("postal-area"), pa.array(["1"]), TransformContext(date(2026, 4, 1), key))
    assert_key_not_in(KEY, everything_said_by(caught.value))


def key_text_of(path: Path) -> str:
    """The key line of a key file (its second line), as a clerk could paste it."""
    return path.read_text(encoding="ascii").splitlines()[1]


def test_a_key_file_misused_on_the_command_line_never_shows_the_key(tmp_path):
    """The key file given where other files belong: as recipients, identity, passphrase of a key, a resident file,
    and the key command asked to overwrite it. Nothing of the key may reach the output, even in debug mode."""
    (tmp_path / "residents.csv").write_bytes(sample_bytes(10))
    assert run_cli("pseudonym-key", "--output", "office.pkey", cwd=tmp_path).returncode == 0
    key = key_bytes_of(tmp_path / "office.pkey")
    export = ["export", "residents.csv", "--column", "phone", "--output", "out.zip.age"]
    cases = [
        [*export, "--recipients-file", "office.pkey"],
        ["decrypt", "office.pkey", "--output", "opened", "--identity", "office.pkey"],
        ["inspect", "office.pkey"],
        ["inspect", "--json", "office.pkey"],
        ["export", "office.pkey", "--column", "nothing", "--generate-passphrase", "--output", "o.zip.age"],
        ["pseudonym-key", "--output", "office.pkey"],
        # the key's text pasted where its file's name belongs
        [*export, "--transform", "phone=pseudonym", "--pseudonym-key", key_text_of(tmp_path / "office.pkey")],
    ]
    for arguments in cases:
        result = run_cli(*arguments, cwd=tmp_path, debug=True)
        assert "Traceback" not in result.stderr, arguments
        assert "internal error" not in result.stderr, arguments
        assert_key_not_in(key, result.stdout, result.stderr)
