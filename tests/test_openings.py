"""The recipient's record of opened archives (exporter.openings): what a real decrypt leaves in it, the reminders,
Delete now removing exactly exporter's files, concurrent updates, and a damaged record refused in one sentence."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hostile_archives import Key, throwaway_key
from key_tools import exporter

from exporter import openings
from exporter.archive import SIGNATURE_NAME
from exporter.decrypt import OpenedArchive, decrypt_archive
from exporter.errors import OutputError, PlanError
from exporter.keys.check_code import key_set_check_code
from exporter.keys.recipient_signing import recipient_signing_public
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes

pytestmark = pytest.mark.usefixtures("sentences_in_english")

DELETE_BY = date(2026, 12, 20)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    return tmp_path


@pytest.fixture
def key(work: Path) -> Key:
    return throwaway_key(work)


def export(work: Path, key: Key, name: str = "a.zip.age", *, delete_by: date | None = DELETE_BY) -> Path:
    plan = ExportPlan(
        source=work / "residents.csv",
        columns=("resident_number", "phone"),
        output=work / name,
        recipients=(str(key.identity.recipient),),
        purpose="架空の委託",
        delete_by=delete_by,
    )
    run_export(plan)
    return work / name


def opened(work: Path, key: Key, archive: Path, folder: Path) -> OpenedArchive:
    result = decrypt_archive(archive, folder, [key.identity])
    openings.remember(result, check_code=openings.key_set_code([key.identity], result.manifest))
    return result


def code(key: Key) -> str:
    return key_set_check_code(str(key.identity.recipient), recipient_signing_public(key.identity).minisign_line())


def test_an_opened_archive_is_remembered_with_its_manifest_facts_and_the_key_set_code(work: Path, key: Key) -> None:
    archive = export(work, key)
    result = opened(work, key, archive, work / "out" / "a")

    [opening] = openings.load()
    assert opening.archive_name == "a.zip.age"
    assert opening.archive_sha256 == result.archive_sha256
    assert opening.created_utc == result.manifest["created_utc"]
    assert opening.rows == result.manifest["rows"] == 20
    assert opening.delete_by == "2026-12-20"
    assert opening.folder == str(work / "out" / "a")
    assert sorted(opening.files) == ["data.csv", "manifest.json"]
    assert opening.made_folders == (str(work / "out"), str(work / "out" / "a"))
    assert opening.check_code == code(key)
    assert opening.deleted_utc is None
    record = openings.openings_path()
    assert record == work / "data" / "openings.json"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert "架空の委託" not in record.read_text(encoding="utf-8")  # the manifest's facts only, no purpose or data


def test_opening_again_into_the_same_folder_replaces_it_and_another_folder_adds_one(work: Path, key: Key) -> None:
    archive = export(work, key)
    first = opened(work, key, archive, work / "a")
    openings.delete_files(openings.find(str(work / "a")))
    opened(work, key, archive, work / "a")
    opened(work, key, archive, work / "b")

    entries = openings.load()
    assert [(e.folder, e.deleted_utc is None) for e in entries] == [(str(work / "a"), True), (str(work / "b"), True)]
    assert {e.archive_sha256 for e in entries} == {first.archive_sha256}


def test_reminders_show_openings_due_within_seven_days_or_past_counted_from_the_given_day(work: Path, key: Key) -> None:
    opened(work, key, export(work, key, "dated.zip.age"), work / "dated")
    opened(work, key, export(work, key, "undated.zip.age", delete_by=None), work / "undated")

    def reminded(today: date) -> list[tuple[str, int | None]]:
        return [(e.archive_name, e.days_left(today)) for e in openings.reminders(today)]

    assert reminded(DELETE_BY - timedelta(days=8)) == []
    assert reminded(DELETE_BY - timedelta(days=7)) == [("dated.zip.age", 7)]
    assert reminded(DELETE_BY) == [("dated.zip.age", 0)]
    assert reminded(DELETE_BY + timedelta(days=3)) == [("dated.zip.age", -3)]
    assert reminded(DELETE_BY - timedelta(days=30)) == []
    assert [e.archive_name for e in openings.reminders(DELETE_BY, within_days=0)] == ["dated.zip.age"]
    assert [e.archive_name for e in openings.pending(DELETE_BY)] == ["dated.zip.age", "undated.zip.age"]

    openings.delete_files(openings.find(str(work / "dated")))
    assert openings.reminders(DELETE_BY) == []
    assert [e.archive_name for e in openings.pending(DELETE_BY)] == ["undated.zip.age"]


def test_delete_removes_exactly_exporters_files_and_the_folders_it_made_once_empty(work: Path, key: Key) -> None:
    archive = export(work, key)
    opened(work, key, archive, work / "made" / "here")
    (work / "mine").mkdir()
    (work / "mine" / "notes.txt").write_text("my own notes", encoding="utf-8")
    opened(work, key, archive, work / "mine")
    (work / "mine" / "copy.csv").write_bytes((work / "mine" / "data.csv").read_bytes())

    assert sorted(openings.delete_files(openings.find(str(work / "made" / "here")))) == ["data.csv", "manifest.json"]
    assert not (work / "made").exists()  # both folders exporter made, now empty, are gone

    assert sorted(openings.delete_files(openings.find(str(work / "mine")))) == ["data.csv", "manifest.json"]
    assert sorted(path.name for path in (work / "mine").iterdir()) == ["copy.csv", "notes.txt"]
    assert all(entry.deleted_utc is not None for entry in openings.load())


def test_a_folder_exporter_made_stays_when_something_else_was_put_in_it(work: Path, key: Key) -> None:
    opened(work, key, export(work, key), work / "made")
    (work / "made" / "analysis.xlsx").write_bytes(b"the recipient's own file")
    openings.delete_files(openings.find(str(work / "made")))
    assert [path.name for path in (work / "made").iterdir()] == ["analysis.xlsx"]


def test_the_signature_file_of_a_signed_archive_is_deleted_too(work: Path, key: Key) -> None:
    from exporter.signing import create_signing_key

    passphrase = "Vellum-quasar-7-Tundra-oboe-plinth"
    create_signing_key(work / "office.key", passphrase, comment="架空市", work_factor=10)
    plan = ExportPlan(
        source=work / "residents.csv",
        columns=("phone",),
        output=work / "signed.zip.age",
        recipients=(str(key.identity.recipient),),
        signing_key=work / "office.key",
        signing_passphrase=Secret(passphrase),
    )
    run_export(plan)
    result = decrypt_archive(work / "signed.zip.age", work / "s", [key.identity], signers=[], require_signature=False)
    openings.remember(result, check_code=code(key))
    assert (work / "s" / SIGNATURE_NAME).exists()

    removed = openings.delete_files(openings.find(str(work / "s")))
    assert sorted(removed) == ["data.csv", "manifest.json", SIGNATURE_NAME]
    assert not (work / "s").exists()


def test_a_file_moved_away_is_refused_and_nothing_is_deleted(work: Path, key: Key) -> None:
    # a deletion statement must never say data.csv was deleted while it lives on elsewhere
    opened(work, key, export(work, key), work / "a")
    (work / "kept").mkdir()
    (work / "a" / "data.csv").rename(work / "kept" / "moved.csv")
    with pytest.raises(OutputError) as caught:
        openings.delete_files(openings.find(str(work / "a")))
    assert (
        str(caught.value)
        == f"{work / 'a' / 'data.csv'} is no longer there (moved or deleted by hand); nothing was deleted."
    )
    assert (work / "a" / "manifest.json").exists()
    [entry] = openings.load()
    assert (entry.deleted_utc, entry.removed, openings.gone_files(entry)) == (None, (), [])


@pytest.mark.parametrize("replacement", ["folder", "link", "fifo"])
def test_something_not_a_plain_file_in_the_place_of_the_saved_one_is_refused_and_kept(
    work: Path, key: Key, replacement: str
) -> None:
    opened(work, key, export(work, key), work / "a")
    saved = work / "a" / "data.csv"
    saved.rename(work / "moved.csv")
    if replacement == "folder":
        saved.mkdir()
    elif replacement == "link":
        saved.symlink_to(work / "moved.csv")  # even a link to the very data: not the file exporter saved
    else:
        os.mkfifo(saved)
    with pytest.raises(OutputError, match=r"is no longer a plain file .*; nothing was deleted\.$"):
        openings.delete_files(openings.find(str(work / "a")))
    assert os.path.lexists(saved)
    assert (work / "moved.csv").exists()
    assert (work / "a" / "manifest.json").exists()
    assert openings.load()[0].deleted_utc is None


@pytest.mark.parametrize("which", ["the saved file", "a file saved over it"])
def test_a_file_with_a_hard_link_elsewhere_is_refused_and_kept(work: Path, key: Key, which: str) -> None:
    opened(work, key, export(work, key), work / "a")
    saved = work / "a" / "data.csv"
    if which == "a file saved over it":
        (work / "a" / "new.csv").write_text("changed", encoding="utf-8")
        os.replace(work / "a" / "new.csv", saved)
    os.link(saved, work / "elsewhere.csv")  # deleting data.csv would leave the data under this name
    with pytest.raises(OutputError, match=r"has another name elsewhere \(a hard link\).*nothing was deleted\.$"):
        openings.delete_files(openings.find(str(work / "a")))
    assert saved.exists()
    assert (work / "a" / "manifest.json").exists()
    assert openings.load()[0].deleted_utc is None


def test_a_file_saved_over_by_rename_as_excel_does_is_deleted_and_recorded_as_replaced(work: Path, key: Key) -> None:
    opened(work, key, export(work, key), work / "a")
    saved = work / "a" / "data.csv"
    (work / "a" / "~$data.tmp").write_bytes(saved.read_bytes() + b"edited,row\r\n")  # a new file, renamed over
    os.replace(work / "a" / "~$data.tmp", saved)
    (work / "moved-away.csv").write_text("the user's other copy", encoding="utf-8")

    plan = openings.check_deletion(openings.find(str(work / "a")))
    assert (plan.removing, plan.replaced) == (["data.csv", "manifest.json"], ("data.csv",))
    assert openings.delete_files(openings.find(str(work / "a"))) == ["data.csv", "manifest.json"]
    assert not (work / "a").exists()
    [entry] = openings.load()
    assert entry.deleted_utc is not None
    assert (openings.gone_files(entry), openings.replaced_files(entry)) == (["manifest.json", "data.csv"], ["data.csv"])
    assert (work / "moved-away.csv").exists()


def test_a_file_edited_in_place_is_the_same_file_and_simply_removed(work: Path, key: Key) -> None:
    opened(work, key, export(work, key), work / "a")
    with open(work / "a" / "data.csv", "ab") as file:  # the same inode, other bytes
        file.write(b"edited,row\r\n")
    assert openings.delete_files(openings.find(str(work / "a"))) == ["data.csv", "manifest.json"]
    [entry] = openings.load()
    assert (openings.gone_files(entry), openings.replaced_files(entry)) == (["manifest.json", "data.csv"], [])


def test_a_folder_replaced_by_a_link_is_refused_and_what_it_points_at_is_kept(work: Path, key: Key) -> None:
    opened(work, key, export(work, key), work / "a")
    (work / "a").rename(work / "a-moved")
    (work / "own").mkdir()
    for name in ("data.csv", "manifest.json"):
        (work / "own" / name).write_text("the user's own file", encoding="utf-8")
    (work / "a").symlink_to(work / "own")
    with pytest.raises(OutputError, match=r"is not the folder exporter saved the data into any more"):
        openings.delete_files(openings.find(str(work / "a")))
    assert sorted(path.name for path in (work / "own").iterdir()) == ["data.csv", "manifest.json"]
    assert (work / "a-moved" / "data.csv").exists()


def test_a_file_that_cannot_be_removed_is_named_and_the_next_try_goes_on(
    work: Path, key: Key, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows refuses to delete a file another program holds open (Excel): the same refusal, made here for one name
    opened(work, key, export(work, key), work / "a")
    unlink = os.unlink

    def held_open(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(path).name == "manifest.json":
            raise PermissionError(13, "Permission denied")
        unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", held_open)
    with pytest.raises(OutputError) as caught:
        openings.delete_files(openings.find(str(work / "a")))
    assert str(caught.value) == (
        f"{work / 'a' / 'manifest.json'} could not be deleted (Permission denied); nothing was recorded as deleted."
    )
    [entry] = openings.load()
    assert (entry.deleted_utc, entry.removed) == (None, ("data.csv",))  # what was deleted is recorded
    monkeypatch.setattr(os, "unlink", unlink)
    assert openings.delete_files(entry) == ["manifest.json"]
    [entry] = openings.load()
    assert entry.deleted_utc is not None
    assert openings.gone_files(entry) == list(entry.files)


def test_find_takes_a_folder_or_a_hash_prefix_and_says_when_nothing_or_several_match(work: Path, key: Key) -> None:
    archive = export(work, key)
    result = opened(work, key, archive, work / "a")
    opened(work, key, archive, work / "b")
    assert openings.find(str(work / "a")).folder == str(work / "a")
    with pytest.raises(PlanError) as caught:  # one archive opened twice: more of the hash value cannot tell them apart
        openings.find(result.archive_sha256[:12])
    assert str(caught.value) == (
        f"{result.archive_sha256[:12]} is one archive opened into several folders ({work / 'a'}, {work / 'b'}); "
        "give the folder."
    )
    with pytest.raises(PlanError, match=r"^No archive opened on this computer matches 0123456789abcdef\.$"):
        openings.find("0123456789abcdef")


CONCURRENT = """
import sys
from pathlib import Path
from exporter import openings
from exporter.decrypt import OpenedArchive

worker = int(sys.argv[1])
for number in range(5):
    sha = f"{worker:032x}{number:032x}"
    manifest = {"rows": number, "created_utc": "2026-11-30T01:02:03Z", "delete_by": "2026-12-24"}
    folder = Path(sys.argv[2]) / f"{worker}-{number}"
    data, manifest_path = folder / "data.csv", folder / "manifest.json"
    opened = OpenedArchive(folder, data, manifest_path, manifest, sha, archive_name="x.zip.age")
    openings.remember(opened, check_code="")
"""


def test_openings_remembered_by_eight_processes_at_once_are_all_kept(work: Path) -> None:
    environment = {**os.environ, "EXPORTER_DATA_DIR": str(work / "data")}
    processes = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(CONCURRENT), str(n), str(work)], env=environment)
        for n in range(8)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * 8
    entries = openings.load()
    assert len(entries) == 40
    assert len({entry.archive_sha256 for entry in entries}) == 40
    assert stat.S_IMODE(openings.openings_path().stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        json.dumps({"format": "exporter-openings-v1", "openings": [{"archive_name": "x"}]}).encode(),
        json.dumps({"format": "something-else", "openings": []}).encode(),
        json.dumps(
            {"format": "exporter-openings-v1", "openings": [dict.fromkeys(openings.Opening.__dataclass_fields__, "x")]}
        ).encode(),
    ],
    ids=["not-json", "not-utf8", "missing-fields", "other-format", "wrong-types"],
)
def test_a_damaged_record_is_refused_with_one_sentence_naming_it(work: Path, key: Key, content: bytes) -> None:
    record = work / "data" / "openings.json"
    record.parent.mkdir(parents=True)
    record.write_bytes(content)
    for action in (openings.load, lambda: openings.pending(date.today())):
        with pytest.raises(PlanError) as caught:
            action()
        assert str(caught.value) == f"The record of opened archives {record} is damaged: exporter cannot read it."
    result = decrypt_archive(export(work, key), work / "a", [key.identity])
    with pytest.raises(PlanError, match="is damaged"):
        openings.remember(result, check_code="")
    assert record.read_bytes() == content  # never written over


def test_the_command_line_decrypt_remembers_the_opening_with_the_key_set_code(work: Path, key: Key) -> None:
    archive = export(work, key)
    done = exporter("decrypt", archive, "--identity", key.path, "--output", work / "out", cwd=work)
    assert done.returncode == 0, done.stderr
    [entry] = openings.load()
    assert (entry.folder, entry.check_code, entry.archive_name) == (str(work / "out"), code(key), "a.zip.age")


def test_a_damaged_record_makes_decrypt_warn_but_the_archive_is_open(work: Path, key: Key) -> None:
    record = work / "data" / "openings.json"
    record.parent.mkdir(parents=True)
    record.write_text("[]", encoding="utf-8")
    archive = export(work, key)
    done = exporter("decrypt", archive, "--identity", key.path, "--output", work / "out", cwd=work)
    assert done.returncode == 0
    assert (work / "out" / "data.csv").exists()
    assert (
        f"exporter: warning: The archive was opened, but it could not be added to the record of opened archives: "
        f"The record of opened archives {record} is damaged: exporter cannot read it.\nexporter: hint: Rename or move"
    ) in done.stderr
    assert "Traceback" not in done.stderr


def test_opened_utc_is_the_time_given(work: Path, key: Key) -> None:
    result = decrypt_archive(export(work, key), work / "a", [key.identity])
    opening = openings.remember(result, check_code="", now=datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    assert opening.opened_utc == "2026-11-30T09:00:00Z"
    assert openings.load() == [opening]
