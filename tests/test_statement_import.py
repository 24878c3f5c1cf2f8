"""Receipts and deletion statements coming back: real exports recorded in a real register (the CLI under an IT
policy), opened with ``exporter decrypt --receipt`` in a subprocess, imported with ``exporter register import``.

Until the key-card part of issue 11 §4 is merged, an export to a bare ``age1...`` key records no signing key, so
:func:`_cards_with_signing_keys` gives the register's export records the fields that part writes (the contract
fixes them: ``recipients[i].signing_key`` and the key set's ``check_code``), rebuilding the chain with
``register.append``. Everything else is the real thing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.keys.check_code import check_code, key_set_check_code
from exporter.keys.recipient_signing import recipient_signing_key
from exporter.register import append, records, verify
from exporter.register_import import ImportResult, import_statement
from exporter.sample import sample_bytes
from exporter.statements import (
    OpenedFacts,
    StatementError,
    make_statement,
    read_statement,
    statement_name,
    write_statement,
)

ROOT = Path(__file__).resolve().parents[1]


def run(*args: object, work: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The command line in ``lang``, under the IT policy in ``work`` (it names the register)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "EXPORTER_POLICY": str(work / "policy.toml")}
    environment.pop("EXPORTER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", lang, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=environment,
        cwd=work,
    )


class Recipient:
    """A recipient's identity file (made by Debian's age-keygen), their age key and their derived signing key."""

    def __init__(self, work: Path, name: str) -> None:
        self.file = work / f"{name}.key"
        subprocess.run(["age-keygen", "-o", str(self.file)], check=True, capture_output=True)
        secret = next(line for line in self.file.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))
        self.identity = X25519Identity.parse(secret)
        self.age = str(self.identity.recipient)
        self.signing = recipient_signing_key(self.identity, name=name)
        self.line = self.signing.public.minisign_line()
        self.code = key_set_check_code(self.age, self.line)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(40, seed=5))
    register = str(tmp_path / "register.jsonl").replace("\\", "\\\\")
    (tmp_path / "policy.toml").write_text(f'[register]\npath = "{register}"\n', "utf-8")
    return tmp_path


def export(work: Path, name: str, *recipients: Recipient, delete_by: str = "2099-12-31") -> Path:
    archive = work / name
    keys = [argument for recipient in recipients for argument in ("--recipient", recipient.age)]
    made = run(
        "export", work / "residents.csv", "--column", "family_name", "--column", "phone", *keys,
        "--purpose", "受領確認の試験", "--delete-by", delete_by, "--output", archive, work=work,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return archive


def _cards_with_signing_keys(register: Path, *recipients: Recipient) -> None:
    """The export records as the key-card part writes them: each recipient entry gains its ``signing_key`` and
    the key set's check code (rebuilt with register.append, so the chain is a real one)."""
    found = records(register)
    register.unlink()
    by_code = {check_code(recipient.age): recipient for recipient in recipients}
    for record in found:
        for entry in record.get("recipients", []) if record.get("kind") == "export" else []:
            if "signing_key" not in entry and entry.get("check_code") in by_code:
                recipient = by_code[entry["check_code"]]
                entry.update(signing_key=recipient.line, check_code=recipient.code)
        append(register, {key: value for key, value in record.items() if key not in ("number", "previous")})


def _facts(archive: Path) -> OpenedFacts:
    """What the recipient's exporter reads from the archive's manifest, as the register recorded it."""
    sha256 = hashlib.sha256(archive.read_bytes()).hexdigest()
    found = [record for record in records(archive.parent / "register.jsonl") if record["archive"]["sha256"] == sha256]
    export = found[0] if found else {"created_utc": "2026-11-30T00:00:00Z", "rows": 40}  # another office's archive
    return OpenedFacts(archive.name, sha256, export["created_utc"], export["rows"])


def _statement(work: Path, kind: str, archive: Path, signer: Recipient, *, code: str | None = None) -> Path:
    files = ("data.csv", "manifest.json") if kind == "deletion" else ()
    data = make_statement(
        kind, _facts(archive), signer.signing, check_code=code or signer.code, deleted_files=files, name="担当"
    )
    path = work / f"{signer.file.stem}-{statement_name(kind, archive.name)}"
    write_statement(path, data)
    return path


def test_decrypt_writes_a_receipt_that_the_office_imports_and_shows(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    receipt = work / statement_name("receipt", archive.name)
    opened = run(
        "decrypt", archive, "--identity", recipient.file, "--output", work / "opened", "--receipt", receipt,
        "--receipt-name", "山田 花子", work=work,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert f"Wrote the receipt {receipt}." in opened.stderr
    statement = read_statement(receipt)
    assert statement.archive_sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert statement.archive_name == "out.zip.age"
    assert statement.check_code == recipient.code
    assert statement.signing_key.minisign_line() == recipient.line
    manifest = json.loads((work / "opened" / "manifest.json").read_text("utf-8"))
    assert (statement.fields["rows"], statement.fields["created_utc"]) == (manifest["rows"], manifest["created_utc"])
    assert statement.fields["recipient"]["name"] == "山田 花子"

    imported = run("register", "import", receipt, work=work)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"{receipt}: record 2, receipt of out.zip.age (export 1).\n"
    record = records(work / "register.jsonl")[1]
    assert record["kind"] == "receipt"
    assert record["export"] == 1
    assert record["archive"] == {"name": "out.zip.age", "sha256": statement.archive_sha256}
    assert record["recipient"] == {"check_code": recipient.code}
    assert record["statement"]["text"].encode("utf-8") == receipt.read_bytes()
    assert record["statement"]["sha256"] == hashlib.sha256(receipt.read_bytes()).hexdigest()

    shown = run("register", "show", work=work, lang="ja")
    assert shown.returncode == 0, shown.stderr
    heading, first, second = shown.stdout.splitlines()
    assert heading.split()[-2:] == ["受領", "削除"]
    assert first.split()[-1] == "2"  # the export: its receipt is record 2, no deletion yet
    assert "受領" in second
    assert "記録 1 についての報告" in second
    verified = run("register", "verify", work=work)
    assert verified.returncode == 0, verified.stderr
    assert "2 records" in verified.stdout


@pytest.mark.skipif(shutil.which("minisign") is None, reason="Debian's minisign is installed by ./dev")
def test_the_receipt_in_the_register_verifies_with_debian_minisign_and_the_key_on_record(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    assert run("register", "import", _statement(work, "receipt", archive, recipient), work=work).returncode == 0
    export_record, receipt_record = records(work / "register.jsonl")
    text = receipt_record["statement"]["text"]
    (work / "m").write_text(text.split("\n", 1)[0] + "\n", "utf-8")
    (work / "m.minisig").write_text(text.split("\n", 1)[1], "utf-8")
    key = export_record["recipients"][0]["signing_key"]
    done = subprocess.run(["minisign", "-Vm", "m", "-P", key], cwd=work, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_an_imported_deletion_statement_settles_an_overdue_export_and_a_receipt_is_counted(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    first = export(work, "first.zip.age", recipient, delete_by="2099-01-31")
    second = export(work, "second.zip.age", recipient, delete_by="2099-01-31")
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    late = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert late.stdout.splitlines()[-1] == "2 exports are past their delete-by date without a deletion statement."

    receipt = _statement(work, "receipt", first, recipient)
    deletion = _statement(work, "deletion", second, recipient)
    imported = run("register", "import", receipt, deletion, work=work)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == [
        f"{receipt}: record 3, receipt of first.zip.age (export 1).",
        f"{deletion}: record 4, deletion statement of second.zip.age (export 2).",
    ]
    late = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert late.returncode == 0, late.stderr
    assert "first.zip.age" in late.stdout
    assert "second.zip.age" not in late.stdout
    assert late.stdout.splitlines()[-2:] == [
        "1 export is past its delete-by date without a deletion statement.",
        "1 of them sent back a receipt.",
    ]
    table = run("register", "show", "--csv", work=work)
    rows = list(csv.DictReader(io.StringIO(table.stdout.removeprefix("\ufeff"))))
    assert [(row["Kind"], row["Receipt"], row["Deleted"], row["Answers record"]) for row in rows] == [
        ("export", "3", "", ""),
        ("export", "", "4", ""),
        ("receipt", "", "", "1"),
        ("deletion", "", "", "2"),
    ]
    assert rows[3]["Signed (UTC)"] == read_statement(deletion).time_utc
    assert verify(work / "register.jsonl") == 4


def test_the_same_statement_imported_twice_adds_nothing(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    receipt = _statement(work, "receipt", archive, recipient)
    assert run("register", "import", receipt, work=work).returncode == 0
    before = (work / "register.jsonl").read_bytes()
    again = run("register", "import", receipt, work=work)
    assert again.returncode == 0, again.stderr
    said = f"{receipt}: already in the register as record 2 (receipt of out.zip.age); nothing was added.\n"
    assert again.stdout == said
    assert (work / "register.jsonl").read_bytes() == before
    result = import_statement(work / "register.jsonl", receipt)
    assert result == ImportResult(2, "receipt", 1, already=True, archive_name="out.zip.age")
    assert (work / "register.jsonl").read_bytes() == before


def test_a_statement_signed_by_another_exports_recipient_or_a_stranger_is_refused(work: Path) -> None:
    recipient, other, stranger = (Recipient(work, name) for name in ("call-centre", "printer", "stranger"))
    archive = export(work, "out.zip.age", recipient)
    export(work, "other.zip.age", other)
    _cards_with_signing_keys(work / "register.jsonl", recipient, other)
    before = (work / "register.jsonl").read_bytes()
    for signer in (other, stranger):
        forged = _statement(work, "deletion", archive, signer)
        refused = run("register", "import", forged, work=work)
        assert refused.returncode == 1
        assert refused.stderr.splitlines()[0] == (
            f"exporter: error: {forged} is refused: it is signed by a key that is not the signing key of any "
            "recipient of export 1."
        )
    assert (work / "register.jsonl").read_bytes() == before
    late = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert "out.zip.age" in late.stdout


def test_a_statement_with_another_check_code_than_recorded_is_refused(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    statement = _statement(work, "receipt", archive, recipient, code=check_code(recipient.age))
    refused = run("register", "import", statement, work=work)
    assert refused.returncode == 1
    assert f"{statement} is refused: its check code {check_code(recipient.age)} is not the one" in refused.stderr


def test_a_recipient_whose_key_card_had_no_signing_key_cannot_send_a_statement(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)  # the register keeps what a bare age key gives: no signing key
    statement = _statement(work, "receipt", archive, recipient)
    refused = run("register", "import", statement, work=work, lang="ja")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"exporter: error: {statement} は取り込めません。書き出し（記録 1）の受取人の鍵カードに署名確認用の公開鍵が"
        "ないため、報告を確かめられません。",
        "exporter: hint: 受取人に新しい鍵カード（署名確認用の公開鍵つき）を依頼し、アドレス帳に登録してください。",
    ]
    assert len(records(work / "register.jsonl")) == 1


def test_a_statement_on_an_archive_the_register_does_not_hold_is_refused_and_the_files_after_it_are_imported(
    work: Path,
) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    unknown = work / "elsewhere.zip.age"
    unknown.write_bytes(b"an archive recorded in another office's register")
    stray = _statement(work, "receipt", unknown, recipient)
    good = _statement(work, "deletion", archive, recipient)
    twice = work / "twice.statement.txt"
    twice.write_bytes(stray.read_bytes())
    refused = run("register", "import", stray, good, twice, work=work)
    assert refused.returncode == 1  # a file was refused, and every file was tried
    assert refused.stdout == f"{good}: record 2, deletion statement of out.zip.age (export 1).\n"
    errors = [line for line in refused.stderr.splitlines() if line.startswith("exporter: error:")]
    assert [line.split(" is refused: it answers an archive")[0] for line in errors] == [
        f"exporter: error: {stray}",
        f"exporter: error: {twice}",
    ]
    assert len(records(work / "register.jsonl")) == 2


def test_a_tampered_statement_is_refused_by_import_naming_the_file(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    statement = _statement(work, "deletion", archive, recipient)
    statement.write_bytes(statement.read_bytes().replace(b'"rows":40', b'"rows":4'))
    refused = run("register", "import", statement, work=work)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"exporter: error: The signature of {statement} does not verify")


def test_a_receipt_needs_an_identity_and_a_free_name_and_is_refused_before_opening(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    (work / "pass.txt").write_text("correct horse battery staple", "utf-8")
    by_passphrase = run(
        "decrypt", archive, "--passphrase-file", work / "pass.txt", "--output", work / "a", "--receipt", work / "r",
        work=work,
    )  # fmt: skip
    assert by_passphrase.returncode == 1
    assert "needs the key file that opened the archive" in by_passphrase.stderr
    (work / "taken.statement.txt").write_text("keep", "utf-8")
    taken = run(
        "decrypt", archive, "--identity", recipient.file, "--output", work / "b",
        "--receipt", work / "taken.statement.txt", work=work,
    )  # fmt: skip
    assert taken.returncode == 1
    assert f"{work / 'taken.statement.txt'}" in taken.stderr
    assert not (work / "a").exists()
    assert not (work / "b").exists()
    assert (work / "taken.statement.txt").read_text("utf-8") == "keep"


def test_the_receipt_is_signed_by_the_identity_the_archive_was_made_for(work: Path) -> None:
    first, second = Recipient(work, "first"), Recipient(work, "second")
    archive = export(work, "out.zip.age", second)
    both = work / "both.key"
    both.write_text(first.file.read_text() + second.file.read_text())
    receipt = work / "r.statement.txt"
    opened = run(
        "decrypt", archive, "--identity", both, "--output", work / "o", "--receipt", receipt, work=work
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert read_statement(receipt).signing_key.minisign_line() == second.line
    assert read_statement(receipt).check_code == second.code


def test_import_without_a_register_or_a_policy_says_how_to_give_one(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("EXPORTER_POLICY", None)
    made = subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", "register", "import", tmp_path / "x.statement.txt"],
        capture_output=True, text=True, timeout=120, check=False, env=environment,
    )  # fmt: skip
    assert made.returncode == 1
    assert made.stderr.splitlines() == [
        "exporter: error: No register was given, and no IT policy names one.",
        "exporter: hint: Give the register file: exporter register import FILE... --register REGISTER.",
    ]


def test_an_export_to_several_recipients_stays_overdue_until_each_sent_a_deletion_statement(work: Path) -> None:
    first, second = Recipient(work, "centre-a"), Recipient(work, "centre-b")
    archive = export(work, "both.zip.age", first, second, delete_by="2099-01-31")
    _cards_with_signing_keys(work / "register.jsonl", first, second)
    assert run("register", "import", _statement(work, "deletion", archive, second), work=work).returncode == 0

    late = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert late.returncode == 0, late.stderr
    assert "both.zip.age" in late.stdout  # one recipient's statement does not settle the other's copy
    assert f"Record 1: no deletion statement yet from {first.code}." in late.stdout.splitlines()
    assert second.code not in late.stdout.splitlines()[-2]

    assert run("register", "import", _statement(work, "deletion", archive, first), work=work).returncode == 0
    settled = run("register", "overdue", "--on", "2100-01-01", work=work)
    assert settled.returncode == 0, settled.stderr
    assert "both.zip.age" not in settled.stdout


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (datetime(2001, 1, 1, tzinfo=UTC), "before the export was made"),
        (datetime(2099, 1, 1, tzinfo=UTC), "later than now on this computer"),
    ],
)
def test_a_statement_signed_before_its_export_or_in_the_future_is_refused(
    work: Path, moment: datetime, said: str
) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    path = work / "odd.statement.txt"
    write_statement(
        path, make_statement("receipt", _facts(archive), recipient.signing, check_code=recipient.code, now=moment)
    )
    refused = run("register", "import", path, work=work)
    assert refused.returncode == 1
    assert said in refused.stderr
    assert len(records(work / "register.jsonl")) == 1


def test_a_deletion_statement_that_lists_no_file_is_never_made_nor_read(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "out.zip.age", recipient)
    with pytest.raises(PlanError, match=r"deleted none of the files of out\.zip\.age itself"):
        make_statement("deletion", _facts(archive), recipient.signing, check_code=recipient.code, deleted_files=())
    made = _statement(work, "deletion", archive, recipient).read_bytes().decode("utf-8")
    emptied = made.replace('"files":["data.csv","manifest.json"]', '"files":[]', 1)
    assert emptied != made
    (work / "emptied.statement.txt").write_text(emptied, encoding="utf-8", newline="")
    with pytest.raises(StatementError, match=r"deleted\.files"):
        read_statement(work / "emptied.statement.txt")


def test_a_statement_from_a_recipient_without_a_signing_key_on_record_says_to_send_a_new_key_card(work: Path) -> None:
    keyed, old_card = Recipient(work, "centre-a"), Recipient(work, "centre-b")
    archive = export(work, "both.zip.age", keyed, old_card)
    _cards_with_signing_keys(work / "register.jsonl", keyed)  # centre-b's card had no signing key
    refused = run("register", "import", _statement(work, "receipt", archive, old_card), work=work)
    assert refused.returncode == 1
    assert "is signed by a key that is not the signing key of any recipient of export 1" in refused.stderr
    assert "had a key card without a signing key" in refused.stderr
    assert check_code(old_card.age) in refused.stderr


def test_a_deletion_statement_naming_a_replaced_file_is_kept_whole_and_shown_by_register_show(work: Path) -> None:
    recipient = Recipient(work, "call-centre")
    archive = export(work, "saved-over.zip.age", recipient)
    _cards_with_signing_keys(work / "register.jsonl", recipient)
    data = make_statement(
        "deletion",
        _facts(archive),
        recipient.signing,
        check_code=recipient.code,
        deleted_files=("manifest.json", "data.csv"),
        replaced_files=("data.csv",),
    )
    path = work / statement_name("deletion", archive.name)
    write_statement(path, data)
    imported = run("register", "import", path, work=work)
    assert imported.returncode == 0, imported.stderr
    [_, kept] = records(work / "register.jsonl")
    assert kept["statement"]["text"].encode("utf-8") == data  # the whole statement, "replaced" with it
    table = run("register", "show", "--csv", work=work)
    rows = list(csv.DictReader(io.StringIO(table.stdout.removeprefix("\ufeff"))))
    assert (rows[1]["Kind"], rows[1]["Purpose"]) == ("deletion", "saved over before deletion: data.csv")
    shown = run("register", "show", work=work, lang="ja")
    assert "削除前に上書き保存あり：data.csv" in shown.stdout.splitlines()[2]
