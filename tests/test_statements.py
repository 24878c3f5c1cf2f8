"""Receipts and deletion statements: the file round-trips, Debian's minisign verifies it split as documented, and
every change to it (the statement, the trusted comment, the signature, the key) and every hostile file is refused
with one sentence that names the file."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter import messages
from exporter.envelope import X25519Identity
from exporter.errors import OutputError, PlanError
from exporter.keys.check_code import key_set_check_code
from exporter.keys.recipient_signing import recipient_signing_key
from exporter.statements import (
    MAX_STATEMENT_BYTES,
    OpenedFacts,
    StatementError,
    make_statement,
    read_statement,
    statement_name,
    write_statement,
)

FACTS = OpenedFacts("住民_2026.zip.age", "ab" * 32, "2026-11-30T01:02:03Z", 460)
WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english() -> object:
    messages.set_language("en")
    yield
    messages.set_language(None)


def _signed(kind: str = "receipt", identity: X25519Identity | None = None, **options: object) -> bytes:
    identity = identity or X25519Identity.generate()
    key = recipient_signing_key(identity, name="受託事業者")
    code = key_set_check_code(str(identity.recipient), key.public.minisign_line())
    files = ("data.csv", "manifest.json") if kind == "deletion" else ()
    return make_statement(kind, FACTS, key, check_code=code, deleted_files=files, now=WHEN, **options)  # type: ignore[arg-type]


def _file(tmp_path: Path, data: bytes, name: str = "s.receipt.statement.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(StatementError) as caught:
        read_statement(path)
    text = str(caught.value)
    assert str(path) in text
    assert "\n" not in text
    return text


@pytest.mark.parametrize("kind", ["receipt", "deletion"])
def test_a_written_statement_reads_back_with_what_it_states(tmp_path: Path, kind: str) -> None:
    identity = X25519Identity.generate()
    data = _signed(kind, identity, name="山田 花子")
    path = tmp_path / statement_name(kind, FACTS.archive_name)
    write_statement(path, data)
    statement = read_statement(path)
    key = recipient_signing_key(identity)
    assert statement.kind == kind
    assert (statement.archive_name, statement.archive_sha256) == (FACTS.archive_name, FACTS.archive_sha256)
    assert statement.time_utc == "2026-12-01T09:30:00Z"
    assert statement.signing_key.minisign_line() == key.public.minisign_line()
    assert statement.check_code == key_set_check_code(str(identity.recipient), key.public.minisign_line())
    assert statement.fields["recipient"]["name"] == "山田 花子"
    assert statement.fields["rows"] == 460
    assert statement.data == path.read_bytes()
    assert len(path.read_text(encoding="utf-8").split("\n")) == 6
    if kind == "deletion":
        assert statement.fields["deleted"] == {"files": ["data.csv", "manifest.json"], "method": "unlinked"}
    else:
        assert "deleted" not in statement.fields


def test_the_statement_name_drops_the_archive_suffixes_and_ends_in_statement_txt() -> None:
    assert statement_name("receipt", "住民_2026.zip.age") == "住民_2026.receipt.statement.txt"
    assert statement_name("deletion", "out.age") == "out.deletion.statement.txt"


def test_a_statement_is_never_written_over_an_existing_file(tmp_path: Path) -> None:
    path = _file(tmp_path, b"keep")
    with pytest.raises(OutputError):
        write_statement(path, _signed())
    assert path.read_bytes() == b"keep"


def test_a_signer_name_with_a_control_character_is_refused() -> None:
    with pytest.raises(PlanError):
        _signed(name="a\x1b[31mb")


@pytest.mark.skipif(shutil.which("minisign") is None, reason="Debian's minisign is installed by ./dev")
@pytest.mark.parametrize("kind", ["receipt", "deletion"])
def test_debian_minisign_verifies_a_statement_split_as_documented(tmp_path: Path, kind: str) -> None:
    identity = X25519Identity.generate()
    _file(tmp_path, _signed(kind, identity), "F")
    key = recipient_signing_key(identity).public.minisign_line()
    script = 'head -n 1 F > m && tail -n +2 F > m.minisig && minisign -Vm m -P "$1"'
    done = subprocess.run(["sh", "-c", script, "sh", key], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"statement:{kind}\tarchive:{FACTS.archive_sha256}" in done.stdout
    other = recipient_signing_key(X25519Identity.generate()).public.minisign_line()
    wrong = subprocess.run(["minisign", "-Vm", "m", "-P", other], cwd=tmp_path, capture_output=True, check=False)
    assert wrong.returncode != 0


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").split("\n")


def _edited_json(data: bytes, change: object) -> bytes:
    lines = _lines(data)
    fields = json.loads(lines[0])
    change(fields)  # type: ignore[operator]
    lines[0] = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.update(rows=461),
        lambda f: f["archive"].update(name="other.zip.age"),
        lambda f: f["recipient"].update(check_code="0000-0000-0000-0000-0000"),
        lambda f: f["recipient"].update(name="誰か"),
    ],
    ids=["rows", "archive name", "check code", "signer name"],
)
def test_a_changed_statement_line_does_not_verify(tmp_path: Path, change: object) -> None:
    path = _file(tmp_path, _edited_json(_signed(), change))
    assert "does not verify" in _refusal(path)


def test_a_changed_kind_or_archive_hash_no_longer_matches_the_trusted_comment(tmp_path: Path) -> None:
    receipt_as_deletion = _edited_json(
        _signed(), lambda f: f.update(kind="deletion", deleted={"files": ["data.csv"], "method": "unlinked"})
    )
    assert "signed comment" in _refusal(_file(tmp_path, receipt_as_deletion, "a"))
    other_archive = _edited_json(_signed(), lambda f: f["archive"].update(sha256="cd" * 32))
    assert "signed comment" in _refusal(_file(tmp_path, other_archive, "b"))


def test_a_changed_trusted_comment_line_is_refused_whether_or_not_the_statement_follows(tmp_path: Path) -> None:
    lines = _lines(_signed())
    lines[3] = lines[3].replace("time:2026-12-01T09:30:00Z", "time:2026-12-02T09:30:00Z")
    assert "signed comment" in _refusal(_file(tmp_path, "\n".join(lines).encode(), "a"))
    both = _lines(_edited_json(_signed(), lambda f: f.update(time_utc="2026-12-02T09:30:00Z")))
    both[3] = both[3].replace("time:2026-12-01T09:30:00Z", "time:2026-12-02T09:30:00Z")
    assert "does not verify" in _refusal(_file(tmp_path, "\n".join(both).encode(), "b"))


@pytest.mark.parametrize("line", [2, 4])
def test_a_changed_signature_does_not_verify(tmp_path: Path, line: int) -> None:
    lines = _lines(_signed())
    raw = bytearray(base64.b64decode(lines[line]))
    raw[-1] ^= 1
    lines[line] = base64.b64encode(bytes(raw)).decode()
    assert "does not verify" in _refusal(_file(tmp_path, "\n".join(lines).encode()))


def test_a_statement_re_signed_by_another_key_that_keeps_the_original_key_is_refused(tmp_path: Path) -> None:
    original, forger = _lines(_signed()), _lines(_signed())
    forged = "\n".join([original[0], *forger[1:]]).encode()  # a valid signature, but not by the key named
    assert "does not verify" in _refusal(_file(tmp_path, forged))


def test_a_statement_whose_key_was_swapped_for_the_signers_own_still_verifies_but_names_that_key(
    tmp_path: Path,
) -> None:
    """The signature only proves who signed; whether that is the recipient is the register's check."""
    forger = X25519Identity.generate()
    forged = _signed(identity=forger)
    statement = read_statement(_file(tmp_path, forged))
    assert statement.signing_key == recipient_signing_key(forger).public


def test_swapping_the_named_key_without_re_signing_does_not_verify(tmp_path: Path) -> None:
    other = recipient_signing_key(X25519Identity.generate()).public.minisign_line()
    swapped = _edited_json(_signed(), lambda f: f["recipient"].update(signing_key=other))
    assert "does not verify" in _refusal(_file(tmp_path, swapped))


def test_a_huge_file_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.statement.txt"
    with open(path, "wb") as out:
        out.truncate(1 << 30)
    assert f"{MAX_STATEMENT_BYTES >> 10} KiB" in _refusal(path)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (os.urandom(2000) + b"\xff", "UTF-8"),
        (b"", "exactly 5 lines"),
        (b"\x00" * 100, "exactly 5 lines"),
        (b"{}\n", "exactly 5 lines"),
        (b"not json\na\nb\nc\nd\n", "not a JSON object"),
        (b"[1]\na\nb\nc\nd\n", "not a JSON object"),
        (b'{"format":"exporter-statement-v1","format":"x"}\na\nb\nc\nd\n', "not a JSON object"),
        (b'{"format":"exporter-statement-v9"}\na\nb\nc\nd\n', "format"),
        (b'{"format":"exporter-statement-v1","kind":"apology"}\na\nb\nc\nd\n', "kind"),
    ],
    ids=["binary", "empty", "NULs", "one line", "not json", "array", "repeated key", "format", "kind"],
)
def test_a_file_that_is_not_a_statement_is_refused_with_one_sentence(tmp_path: Path, data: bytes, words: str) -> None:
    assert words in _refusal(_file(tmp_path, data))


def test_missing_or_extra_lines_and_a_missing_last_line_feed_are_refused(tmp_path: Path) -> None:
    data = _signed()
    lines = data.split(b"\n")
    assert "it has 4" in _refusal(_file(tmp_path, b"\n".join([*lines[:4], b""]), "a"))
    assert "it has 6" in _refusal(_file(tmp_path, data + b"extra\n", "b"))
    assert "it has 6" in _refusal(_file(tmp_path, data + b"\n", "c"))
    assert "it has 5" in _refusal(_file(tmp_path, data[:-1], "d"))


def test_crlf_line_ends_or_a_byte_order_mark_say_an_editor_changed_the_file(tmp_path: Path) -> None:
    data = _signed()
    assert "text editor" in _refusal(_file(tmp_path, data.replace(b"\n", b"\r\n"), "a"))
    assert "text editor" in _refusal(_file(tmp_path, "\ufeff".encode() + data, "b"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda f: f.update(extra=1), "extra"),
        (lambda f: f.pop("time_utc"), "time_utc"),
        (lambda f: f["archive"].update(name="../../etc/passwd"), "archive.name"),
        (lambda f: f["archive"].update(sha256="AB" * 32), "archive.sha256"),
        (lambda f: f.update(rows=-1), "rows"),
        (lambda f: f.update(rows=True), "rows"),
        (lambda f: f["recipient"].update(signing_key="RW" + "A" * 54), "recipient.signing_key"),
        (lambda f: f.update(deleted={"files": ["data.csv"], "method": "unlinked"}), "deleted"),
    ],
    ids=["unknown field", "missing field", "folder in name", "upper-case hash", "negative", "bool", "bad key", "del"],
)
def test_a_statement_with_a_wrong_field_names_it(tmp_path: Path, change: object, field: str) -> None:
    assert f"the field {field} " in _refusal(_file(tmp_path, _edited_json(_signed(), change)))


def test_a_folder_and_a_missing_file_are_refused_naming_them(tmp_path: Path) -> None:
    assert "folder" in _refusal(tmp_path)
    assert "does not exist" in _refusal(tmp_path / "none.statement.txt")


def test_refusals_render_in_japanese_naming_the_file(tmp_path: Path) -> None:
    path = _file(tmp_path, _signed().replace(b"\n", b"\r\n"))
    messages.set_language("ja")
    assert _refusal(path).startswith(f"{path} はテキストエディターで保存し直されている")


def test_an_archive_name_with_control_characters_or_none_is_made_safe_in_the_statement(tmp_path: Path) -> None:
    identity = X25519Identity.generate()
    key = recipient_signing_key(identity)
    for given, kept in [("a\nb\\c.zip.age", "a_b_c.zip.age"), ("", "archive")]:
        facts = OpenedFacts(given, "ab" * 32, "", 0)
        path = tmp_path / f"{len(given)}.statement.txt"
        write_statement(path, make_statement("receipt", facts, key, check_code="0000-0000-0000-0000-0000"))
        assert read_statement(path).archive_name == kept


def test_a_deletion_statement_names_the_replaced_files_and_minisign_verifies_it(tmp_path: Path) -> None:
    identity = X25519Identity.generate()
    path = _file(tmp_path, _signed("deletion", identity, replaced_files=["data.csv"]), "d.deletion.statement.txt")
    statement = read_statement(path)
    assert statement.fields["deleted"] == {
        "files": ["data.csv", "manifest.json"],
        "method": "unlinked",
        "replaced": ["data.csv"],
    }
    if shutil.which("minisign") is None:
        pytest.skip("Debian minisign is not installed")
    lines = path.read_bytes().split(b"\n")
    (tmp_path / "m").write_bytes(lines[0] + b"\n")
    (tmp_path / "m.minisig").write_bytes(b"\n".join(lines[1:]))
    public = recipient_signing_key(identity).public.minisign_line()
    checked = subprocess.run(
        ["minisign", "-Vm", tmp_path / "m", "-P", public], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr


def test_a_deletion_statement_without_replaced_files_has_no_replaced_field(tmp_path: Path) -> None:
    path = _file(tmp_path, _signed("deletion"), "d.deletion.statement.txt")
    assert "replaced" not in read_statement(path).fields["deleted"]


@pytest.mark.parametrize(
    "replaced",
    [["notes.txt"], ["data.csv", "data.csv"], [], ["manifest.json.minisig"], "data.csv"],
    ids=["unknown name", "twice", "empty", "not among the deleted files", "not a list"],
)
def test_a_replaced_list_other_than_known_deleted_file_names_is_refused_naming_it(
    tmp_path: Path, replaced: object
) -> None:
    data = _edited_json(_signed("deletion"), lambda f: f["deleted"].update(replaced=replaced))
    assert re.search(
        r"the field deleted\.replaced(\.\d)? is missing, unknown or wrong\.$", _refusal(_file(tmp_path, data))
    )


def test_a_replaced_file_must_be_one_of_the_deleted_files_when_signing() -> None:
    with pytest.raises(ValueError, match="replaced file"):
        _signed("deletion", replaced_files=["manifest.json.minisig"])
