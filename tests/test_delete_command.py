"""``exporter delete``, run as the recipient runs it: archives exported and opened with the real command line, the
identity protected by a passphrase (low work factor), the statement checked by read_statement and Debian minisign."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from key_tools import exporter
from test_signing import minisign, require_minisign

from exporter import openings
from exporter.envelope import X25519Identity
from exporter.keys import load_identities
from exporter.keys.check_code import key_set_check_code
from exporter.keys.identity import create_identity
from exporter.keys.recipient_signing import recipient_signing_public
from exporter.sample import sample_bytes
from exporter.statements import read_statement

PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"
SOON = date.today() + timedelta(days=3)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    (tmp_path / "passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    create_identity(tmp_path / "me.key", passphrase=PASSPHRASE, work_factor=10)
    return tmp_path


def me(work: Path) -> X25519Identity:
    [identity] = load_identities(work / "me.key", PASSPHRASE)
    return identity


def key_set_code(identity: X25519Identity) -> str:
    return key_set_check_code(str(identity.recipient), recipient_signing_public(identity).minisign_line())


def export_and_open(work: Path, name: str, folder: str, *, delete_by: date | None = SOON) -> Path:
    dates = ["--delete-by", delete_by.isoformat()] if delete_by else []
    made = exporter(
        "export", work / "residents.csv", "--column", "phone", "--output", work / name,
        "--recipient", str(me(work).recipient), "--purpose", "架空の委託", *dates, cwd=work,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = exporter(
        "decrypt", work / name, "--identity", work / "me.key", "--identity-passphrase-file", work / "passphrase.txt",
        "--output", work / folder, cwd=work,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return work / name


def delete(work: Path, *arguments: object) -> object:
    return exporter(
        "delete", *arguments, "--identity", work / "me.key", "--identity-passphrase-file", work / "passphrase.txt",
        cwd=work,
    )  # fmt: skip


def test_without_an_argument_it_lists_pending_openings_with_their_delete_by_dates(work: Path) -> None:
    nothing = exporter("delete", cwd=work)
    assert (nothing.returncode, nothing.stdout) == (0, "No archive opened on this computer is waiting to be deleted.\n")

    export_and_open(work, "soon.zip.age", "soon")
    export_and_open(work, "open-ended.zip.age", "open-ended", delete_by=None)
    listed = exporter("delete", cwd=work)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "Archives opened on this computer whose files are not yet deleted:"
    assert lines[1].startswith(f"  soon.zip.age  in {work / 'soon'}  opened ")
    assert lines[1].endswith(f"delete by {SOON.isoformat()} (3 days left)  (hash value {sha_of(work, 'soon')[:16]})")
    assert lines[2].startswith("  open-ended.zip.age  in ")
    assert "no delete-by date" in lines[2]
    assert lines[3].startswith("Delete one with “exporter delete FOLDER --identity KEY”")


def sha_of(work: Path, folder: str) -> str:
    return next(e.archive_sha256 for e in openings.load() if e.folder == str(work / folder))


def test_delete_removes_the_files_and_writes_a_deletion_statement_that_minisign_verifies(work: Path) -> None:
    require_minisign()
    export_and_open(work, "a.zip.age", "opened")
    (work / "opened" / "notes.txt").write_text("the recipient's own notes", encoding="utf-8")
    sha = sha_of(work, "opened")

    done = delete(work, work / "opened", "--name", "架空 太郎")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in (work / "opened").iterdir()) == ["notes.txt"]
    assert f"exporter: Deleted data.csv, manifest.json from {work / 'opened'}." in done.stderr
    assert "Copies made elsewhere (another folder, a USB stick, e-mail) are not covered" in done.stderr
    statement_file = work / "a.deletion.statement.txt"
    assert f"exporter: Wrote the deletion statement {statement_file.name}: send it to the sender." in done.stderr

    statement = read_statement(statement_file)
    identity = me(work)
    assert (statement.kind, statement.archive_name, statement.archive_sha256) == ("deletion", "a.zip.age", sha)
    assert statement.check_code == key_set_code(identity)
    assert statement.signing_key == recipient_signing_public(identity)
    assert statement.fields["deleted"] == {"files": ["manifest.json", "data.csv"], "method": "unlinked"}
    assert statement.fields["recipient"]["name"] == "架空 太郎"
    assert statement.fields["rows"] == 20
    lines = statement_file.read_bytes().split(b"\n")
    (work / "m").write_bytes(lines[0] + b"\n")
    (work / "m.minisig").write_bytes(b"\n".join(lines[1:]))
    checked = minisign("-Vm", work / "m", "-P", recipient_signing_public(identity).minisign_line(), cwd=work)
    assert checked.returncode == 0, checked.stderr
    assert [entry.deleted_utc is not None for entry in openings.load()] == [True]
    assert exporter("delete", cwd=work).stdout.startswith("No archive opened on this computer is waiting")


def test_the_archive_can_be_named_by_its_hash_and_the_statement_placed_anywhere(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    (work / "statements").mkdir()
    target = work / "statements" / "done.statement.txt"
    done = delete(work, sha_of(work, "opened")[:10], "--statement", target)
    assert done.returncode == 0, done.stderr
    assert not (work / "opened").exists()  # the folder exporter made, now empty
    assert read_statement(target).kind == "deletion"


def test_a_key_that_did_not_open_the_archive_is_refused_before_anything_is_deleted(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    create_identity(work / "other.key", passphrase=PASSPHRASE, work_factor=10)
    done = exporter(
        "delete", work / "opened", "--identity", work / "other.key", "--identity-passphrase-file",
        work / "passphrase.txt", cwd=work,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        f"exporter: error: The key file {work / 'other.key'} is not the key that opened a.zip.age; its statement "
        "must be signed by that key.\n"
    )
    assert (work / "opened" / "data.csv").exists()


def test_an_existing_statement_file_is_refused_before_anything_is_deleted(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    (work / "a.deletion.statement.txt").write_text("an older one", encoding="utf-8")
    done = delete(work, work / "opened")
    assert done.returncode == 1
    assert done.stderr.startswith("exporter: error: a.deletion.statement.txt already exists")
    assert (work / "opened" / "data.csv").exists()
    assert openings.load()[0].deleted_utc is None


def test_an_opening_already_deleted_gets_its_statement_again(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    assert exporter("delete", work / "opened", "--no-statement", cwd=work).returncode == 0
    done = delete(work, work / "opened")
    assert done.returncode == 0, done.stderr
    assert "were already deleted on" in done.stderr
    assert read_statement(work / "a.deletion.statement.txt").fields["deleted"]["files"] == ["manifest.json", "data.csv"]


def test_an_archive_opened_with_a_passphrase_is_deleted_only_without_a_statement(work: Path) -> None:
    (work / "archive-passphrase.txt").write_text("plinth marigold quasar tundra oboe vellum zephyr", encoding="utf-8")
    made = exporter(
        "export", work / "residents.csv", "--column", "phone", "--output", work / "p.zip.age",
        "--passphrase-file", work / "archive-passphrase.txt", cwd=work,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    opened = exporter(
        "decrypt", work / "p.zip.age", "--passphrase-file", work / "archive-passphrase.txt", "--output", work / "p",
        cwd=work,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    refused = delete(work, work / "p")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "exporter: error: p.zip.age was opened with a passphrase, so there is no key to sign a deletion statement "
        "with.",
        "exporter: hint: Give --no-statement to delete its files without a statement.",
    ]
    done = exporter("delete", work / "p", "--no-statement", cwd=work)
    assert done.returncode == 0, done.stderr
    assert not (work / "p").exists()


def test_an_unknown_folder_is_one_sentence_with_a_hint_and_a_missing_identity_a_usage_error(work: Path) -> None:
    unknown = delete(work, work / "nowhere")
    assert unknown.returncode == 1
    assert unknown.stderr.splitlines() == [
        f"exporter: error: No archive opened on this computer matches {work / 'nowhere'}.",
        "exporter: hint: Run “exporter delete” without an argument to list the archives opened and not yet deleted.",
    ]
    usage = exporter("delete", work / "nowhere", cwd=work)
    assert usage.returncode == 2
    assert usage.stderr.endswith(
        "exporter delete: error: the following arguments are required: --identity (or --no-statement)\n"
    )


def test_a_damaged_record_is_one_sentence_naming_it(work: Path) -> None:
    record = work / "data" / "openings.json"
    record.parent.mkdir()
    record.write_text(json.dumps({"format": "exporter-openings-v1", "openings": "no"}), encoding="utf-8")
    done = exporter("delete", cwd=work)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"exporter: error: The record of opened archives {record} is damaged: exporter cannot read it.",
        "exporter: hint: Rename or move that file; exporter then starts a new record (archives opened before are no "
        "longer listed).",
    ]


def test_the_list_is_in_japanese_with_lang_ja(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    listed = exporter("delete", "--lang", "ja", cwd=work)
    assert listed.stdout.splitlines()[0] == "このコンピューターで開き、まだ削除していないファイル:"
    assert f"削除期限 {SOON.isoformat()}（あと 3 日）" in listed.stdout


def test_a_data_csv_saved_over_by_excel_is_deleted_and_the_statement_says_it_had_been_changed(work: Path) -> None:
    require_minisign()
    export_and_open(work, "a.zip.age", "opened")
    saved = work / "opened" / "data.csv"
    (work / "opened" / "~$data.tmp").write_bytes(saved.read_bytes() + b"edited,row\r\n")  # Excel's way of saving
    os.replace(work / "opened" / "~$data.tmp", saved)

    done = delete(work, work / "opened")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        f"exporter: data.csv in {work / 'opened'} is not the file exporter saved: it was saved over (by Excel, for "
        "example) or put back from a copy. It is deleted too, and the statement tells the sender it had been changed.\n"
    )
    assert not (work / "opened").exists()
    statement_file = work / "a.deletion.statement.txt"
    assert read_statement(statement_file).fields["deleted"] == {
        "files": ["manifest.json", "data.csv"],
        "method": "unlinked",
        "replaced": ["data.csv"],
    }
    lines = statement_file.read_bytes().split(b"\n")
    (work / "m").write_bytes(lines[0] + b"\n")
    (work / "m.minisig").write_bytes(b"\n".join(lines[1:]))
    checked = minisign("-Vm", work / "m", "-P", recipient_signing_public(me(work)).minisign_line(), cwd=work)
    assert checked.returncode == 0, checked.stderr
    again = delete(work, work / "opened", "--statement", work / "again.statement.txt")  # written again: the same
    assert read_statement(work / "again.statement.txt").fields["deleted"]["replaced"] == ["data.csv"]
    assert again.returncode == 0


def test_a_data_csv_with_a_hard_link_elsewhere_is_refused_and_nothing_is_deleted(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    os.link(work / "opened" / "data.csv", work / "kept.csv")
    done = delete(work, work / "opened")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"exporter: error: {work / 'opened' / 'data.csv'} has another name elsewhere (a hard link), so deleting it "
        "would not delete the data; nothing was deleted.\n"
    )
    assert sorted(path.name for path in (work / "opened").iterdir()) == ["data.csv", "manifest.json"]
    assert not (work / "a.deletion.statement.txt").exists()
