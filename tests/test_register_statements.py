"""The register holds up to an auditor: every receipt and deletion record it holds is checked again by ``verify``
(and neither ``show`` nor ``overdue`` counts one that fails), the same signed statement is imported once whatever
its unsigned parts say, what a statement says is compared with the export record, and nothing is appended to a
register whose chain is already broken. Real exports, statements and registers (see test_statement_import.py)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from test_statement_import import Recipient, _cards_with_signing_keys, _facts, _statement, export, run, work

from exporter.errors import RegisterError
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.register import append, records, verify
from exporter.statements import OpenedFacts, make_statement, write_statement

__all__ = ["work"]  # the fixture, imported for its use here


def _exported(work: Path, *, delete_by: str = "2099-12-31") -> tuple[Recipient, Path]:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient, delete_by=delete_by)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    return recipient, archive


def _append_as_imported(register: Path, kind: str, text: str, recipient: Recipient, archive: Path) -> None:
    """A statement record with the chain fields right, as a clerk could append it by hand."""
    sha256 = hashlib.sha256(archive.read_bytes()).hexdigest()
    time_utc = json.loads(text.split("\n", 1)[0])["time_utc"] if text.startswith("{") else "2026-12-01T00:00:00Z"
    append(
        register,
        {
            "kind": kind,
            "archive": {"name": archive.name, "sha256": sha256},
            "export": 1,
            "recipient": {"check_code": recipient.code},
            "statement": {
                "time_utc": time_utc,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "text": text,
            },
        },
    )


def _refusal(register: Path) -> str:
    with pytest.raises(RegisterError) as caught:
        verify(register)
    return caught.value.message.render("en")


# 1. verify checks the statements the register holds; show and overdue do not count a bad one


def test_a_deletion_record_appended_by_hand_with_a_garbage_statement_is_named_by_verify_show_and_overdue(
    work: Path,
) -> None:
    recipient, archive = _exported(work, delete_by="2099-01-31")
    register = work / "register.jsonl"
    _append_as_imported(register, "deletion", "I deleted everything, trust me.\n", recipient, archive)
    sentence = (
        f"Record 2 (line 2) of the register {register} holds a statement that is not validly signed: its text does "
        "not verify with the signing key it names, or is not a receipt or deletion statement at all."
    )
    assert _refusal(register) == sentence
    verified = run("register", "verify", work=work)
    assert (verified.returncode, verified.stdout) == (1, "")
    assert verified.stderr.splitlines()[0] == f"exporter: error: {sentence}"

    shown = run("register", "show", "--csv", work=work)
    assert shown.returncode == 1  # listed, then refused, as a broken chain is
    assert f"exporter: error: {sentence}" in shown.stderr
    rows = list(csv.DictReader(io.StringIO(shown.stdout.removeprefix("\ufeff"))))
    assert [(row["Kind"], row["Deleted"]) for row in rows] == [("export", ""), ("deletion", "")]  # not counted

    late = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert late.returncode == 1
    assert late.stdout == ""
    assert f"exporter: error: {sentence}" in late.stderr


def test_a_valid_statement_signed_by_someone_not_a_recipient_is_named_by_verify(work: Path) -> None:
    recipient, archive = _exported(work)
    stranger = Recipient(work, "stranger")
    forged = _statement(work, "deletion", archive, stranger).read_text("utf-8")  # signed, verifies with its own key
    _append_as_imported(work / "register.jsonl", "deletion", forged, recipient, archive)
    assert _refusal(work / "register.jsonl") == (
        f"Record 2 (line 2) of the register {work / 'register.jsonl'} holds a statement that does not answer export "
        "1: its field recipient.signing_key does not agree with that export's record, so register import would "
        "refuse it."
    )


def test_an_imported_statement_record_whose_fields_were_changed_and_rechained_is_named_by_verify(work: Path) -> None:
    recipient, archive = _exported(work)
    register = work / "register.jsonl"
    assert run("register", "import", _statement(work, "receipt", archive, recipient), work=work).returncode == 0
    assert verify(register) == 2
    export_record, receipt = records(register)
    for field, value in (("kind", "deletion"), ("export", 7)):
        register.unlink()
        append(register, {key: value for key, value in export_record.items() if key not in ("number", "previous")})
        append(register, {**{key: value for key, value in receipt.items() if key != "previous"}, field: value})
        assert _refusal(register) == (
            f"Record 2 (line 2) of the register {register} does not say what the statement it holds says: its "
            f"field {field} differs."
        )


def test_verify_names_a_bad_statement_in_japanese_too(work: Path) -> None:
    recipient, archive = _exported(work)
    _append_as_imported(work / "register.jsonl", "receipt", "受け取りました\n", recipient, archive)
    verified = run("register", "verify", work=work, lang="ja")
    assert verified.returncode == 1
    assert verified.stderr.splitlines()[0] == (
        f"exporter: error: 持ち出し簿 {work / 'register.jsonl'} の記録 2（2 行目）に入っている受領書・削除証明書は、"
        "正しく署名されていません（記載された署名確認用の公開鍵で確認できないか、受領書・削除証明書ではありません）。"
    )


# 2. the same signed statement is imported once


def _flip_padding_bit(line: str) -> str:
    """The base64 line with a spare bit of its last character set: other text, the same bytes."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = line.rstrip("=")
    flipped = body[:-1] + alphabet[alphabet.index(body[-1]) ^ 1] + line[len(body) :]
    assert flipped != line
    assert base64.b64decode(flipped, validate=True) == base64.b64decode(line, validate=True)
    return flipped


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda lines: [lines[0], "untrusted comment: sent again by mail", *lines[2:]], id="comment"),
        pytest.param(lambda lines: [*lines[:2], _flip_padding_bit(lines[2]), *lines[3:]], id="padding-bit"),
        pytest.param(
            lambda lines: [lines[0], "untrusted comment: \x1b[2J\x1b[31m\u202eevil\u202c \u200f", *lines[2:]],
            id="escape-and-bidi",
        ),
    ],
)
def test_the_same_signed_statement_in_another_file_is_already_in_the_register(work: Path, change) -> None:
    recipient, archive = _exported(work)
    first = _statement(work, "deletion", archive, recipient)
    assert run("register", "import", first, work=work).returncode == 0
    before = (work / "register.jsonl").read_bytes()
    lines = first.read_text("utf-8").split("\n")[:-1]
    again = work / "again.statement.txt"
    again.write_bytes(("\n".join(change(lines)) + "\n").encode("utf-8"))
    assert again.read_bytes() != first.read_bytes()
    imported = run("register", "import", again, work=work)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == (
        f"{again}: already in the register as record 2 (deletion statement of out.zip.age); nothing was added.\n"
    )
    assert (work / "register.jsonl").read_bytes() == before
    assert verify(work / "register.jsonl") == 2


# 4. what a statement says is compared with the export record


@pytest.mark.parametrize(
    ("created", "rows", "files", "field"),
    [
        ("2020-01-01T00:00:00Z", None, ("data.csv",), "the archive creation time it states (created_utc 2020-01-01"),
        (None, 5, ("data.csv",), "the row count it states (rows 5) is not that of export 1 (40)"),
        (None, None, ("data.csv", "evil.txt"), "its list of deleted files (deleted.files) names evil.txt"),
    ],
)
def test_a_signed_statement_that_says_another_time_row_count_or_file_than_the_export_is_refused(
    work: Path, created: str | None, rows: int | None, files: tuple[str, ...], field: str
) -> None:
    recipient, archive = _exported(work)
    real = _facts(archive)
    facts = OpenedFacts(real.archive_name, real.archive_sha256, created or real.created_utc, rows or real.rows)
    path = work / "odd.deletion.statement.txt"
    write_statement(
        path, make_statement("deletion", facts, recipient.signing, check_code=recipient.code, deleted_files=files)
    )
    refused = run("register", "import", path, work=work)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"exporter: error: {path} is refused: {field}")
    assert len(refused.stderr.splitlines()) == 1
    assert len(records(work / "register.jsonl")) == 1


def test_the_export_record_keeps_the_manifests_creation_time_that_statements_are_compared_with(work: Path) -> None:
    _, archive = _exported(work)
    [record] = records(work / "register.jsonl")
    assert record["created_utc"] <= record["time_utc"]
    assert _facts(archive).created_utc == record["created_utc"]


def _copy_last_record(register: Path, change: dict[str, object] | None = None) -> None:
    """Append a copy of the register's last record (a statement record) with the chain fields right, as a clerk
    could by hand, with ``change`` applied to its ``recipient``."""
    last = records(register)[-1]
    copy = {key: value for key, value in last.items() if key not in ("number", "previous")}
    if change:
        copy["recipient"] = {**copy["recipient"], **change}
    append(register, copy)


def test_a_statement_record_copied_by_hand_is_named_by_verify_as_a_repeat(work: Path) -> None:
    recipient, archive = _exported(work)
    register = work / "register.jsonl"
    assert run("register", "import", _statement(work, "deletion", archive, recipient), work=work).returncode == 0
    _copy_last_record(register)
    assert _refusal(register) == (
        f"Record 3 (line 3) of the register {register} holds the same statement as record 2; register import adds a "
        "statement once, so this copy was added by hand."
    )


def test_a_statement_record_whose_recipient_name_was_changed_is_named_by_verify(work: Path) -> None:
    recipient, archive = _exported(work)
    register = work / "register.jsonl"
    assert run("register", "import", _statement(work, "receipt", archive, recipient), work=work).returncode == 0
    lines = register.read_bytes().splitlines(keepends=True)
    record = json.loads(lines[-1])
    record["recipient"]["name"] = "mallory"
    lines[-1] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    register.write_bytes(b"".join(lines))  # the last record changed: the chain alone cannot tell
    assert _refusal(register).endswith(
        "does not say what the statement it holds says: its field recipient.name differs."
    )


# 5. nothing is appended to a register whose chain is already broken


def _edit_first_record(register: Path) -> None:
    lines = register.read_bytes().splitlines(keepends=True)
    record = json.loads(lines[0])
    record["purpose"] = "別の目的"
    lines[0] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    register.write_bytes(b"".join(lines))


def test_import_into_a_register_edited_by_hand_is_refused_naming_the_record_and_adds_nothing(work: Path) -> None:
    recipient, archive = _exported(work)
    export(work, "second.zip.age", recipient)
    register = work / "register.jsonl"
    _edit_first_record(register)
    before = register.read_bytes()
    refused = run("register", "import", _statement(work, "receipt", archive, recipient), work=work)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"exporter: error: Record 1 (line 1) of the register {register} was changed after it was written: record 2 "
        "(line 2) holds another hash value for it.",
        "exporter: hint: Nothing was added to it, and no export is made while it is so: run exporter register verify "
        "and ask IT staff.",
    ]
    assert register.read_bytes() == before


def test_a_statement_already_held_by_a_register_edited_by_hand_is_not_called_already_there(work: Path) -> None:
    recipient, archive = _exported(work)
    export(work, "second.zip.age", recipient)
    register = work / "register.jsonl"
    statement = _statement(work, "receipt", archive, recipient)
    assert run("register", "import", statement, work=work).returncode == 0
    _edit_first_record(register)
    again = run("register", "import", statement, work=work)
    assert again.returncode == 1  # not "already in the register" with status 0, which hid the break
    assert "was changed after it was written" in again.stderr.splitlines()[0]


def test_an_export_to_a_register_edited_by_hand_is_not_made(work: Path) -> None:
    recipient, _ = _exported(work)
    export(work, "second.zip.age", recipient)
    register = work / "register.jsonl"
    _edit_first_record(register)
    before = register.read_bytes()
    made = run(
        "export", work / "residents.csv", "--column", "family_name", "--recipient", recipient.age,
        "--purpose", "試験", "--delete-by", "2099-12-31", "--output", work / "third.zip.age", work=work,
    )  # fmt: skip
    assert made.returncode == 1
    assert "Record 1 (line 1)" in made.stderr.splitlines()[0]
    assert "no export is made" in made.stderr
    assert not (work / "third.zip.age").exists()
    assert register.read_bytes() == before


def test_append_itself_refuses_a_broken_chain_and_the_last_record_edited_is_not_a_break(work: Path) -> None:
    register = work / "register.jsonl"
    for n in range(3):
        append(register, {"kind": "export", "n": n})
    lines = register.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"n":1', b'"n":9')
    register.write_bytes(b"".join(lines))
    with pytest.raises(RegisterError) as caught:
        append(register, {"kind": "export", "n": 3})
    assert caught.value.message.render("en").startswith(f"Record 2 (line 2) of the register {register} was changed")
    assert register.read_bytes() == b"".join(lines)
    plan = ExportPlan(
        source=work / "residents.csv", columns=("family_name",), output=work / "x.zip.age",
        recipients=(Recipient(work, "x").age,), register=register,
    )  # fmt: skip
    with pytest.raises(RegisterError, match="was changed"):
        run_export(plan)  # refused before any work, and nothing written
    assert not (work / "x.zip.age").exists()
    # a record whose fields are in another order (another tool wrote it) is no break
    register.unlink()
    append(register, {"kind": "export"})
    first = json.loads(register.read_bytes())
    register.write_bytes(json.dumps({"kind": "export", "previous": None, "number": 1}).encode() + b"\n")
    assert first["number"] == 1
    assert append(register, {"kind": "export"}).number == 2
