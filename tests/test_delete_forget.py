"""``exporter delete FOLDER --forget``: an opening whose folder was renamed or removed by hand, which Delete now
refuses for ever, is taken off the list and out of the reminders; the record says it was forgotten, not deleted,
and no deletion statement is made (exporter cannot attest files it did not delete)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from key_tools import exporter
from test_delete_command import delete, export_and_open, sha_of
from test_delete_command import work as work  # the fixture: a key file, a sample, private data folders

from exporter import openings


def statements(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.statement.txt*"))


def test_a_folder_renamed_by_hand_is_refused_with_a_hint_to_forget_it_and_forget_takes_it_off_the_list(
    work: Path,
) -> None:
    export_and_open(work, "a.zip.age", "opened")
    (work / "opened").rename(work / "renamed")

    refused = delete(work, work / "opened")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"exporter: error: {work / 'opened' / 'data.csv'} is no longer there (moved or deleted by hand); nothing "
        "was deleted."
    )
    assert "“exporter delete FOLDER --forget”" in refused.stderr.splitlines()[1]

    forgotten = exporter("delete", work / "opened", "--forget", cwd=work)
    assert forgotten.returncode == 0, forgotten.stderr
    assert forgotten.stderr.startswith(f"exporter: a.zip.age in {work / 'opened'} was taken off the list on ")
    assert "Nothing was deleted and no deletion statement is made" in forgotten.stderr
    assert exporter("delete", cwd=work).stdout == "No archive opened on this computer is waiting to be deleted.\n"
    assert openings.reminders(date.today()) == []
    [entry] = openings.load()
    assert entry.forgotten_utc is not None
    assert (entry.deleted_utc, entry.removed, openings.gone_files(entry)) == (None, (), [])
    raw = json.loads((work / "data" / "openings.json").read_text(encoding="utf-8"))
    assert (raw["openings"][0]["forgotten_utc"], raw["openings"][0]["deleted_utc"]) == (entry.forgotten_utc, None)
    assert sorted(path.name for path in (work / "renamed").iterdir()) == ["data.csv", "manifest.json"]  # untouched
    assert statements(work) == []

    again = exporter("delete", work / "opened", "--forget", cwd=work)
    assert (again.returncode, again.stderr) == (0, forgotten.stderr)
    assert openings.load() == [entry]


def test_a_data_csv_deleted_by_hand_is_forgotten_by_its_hash_value(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    export_and_open(work, "b.zip.age", "other")
    (work / "opened" / "data.csv").unlink()
    forgotten = exporter("delete", sha_of(work, "opened")[:12], "--forget", cwd=work)
    assert forgotten.returncode == 0, forgotten.stderr
    listed = exporter("delete", cwd=work).stdout.splitlines()
    assert [line.split()[0] for line in listed[1:-1]] == ["b.zip.age"]
    assert (work / "opened" / "manifest.json").exists()  # nothing deleted


def test_forget_is_refused_while_the_files_are_where_exporter_saved_them(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    refused = exporter("delete", work / "opened", "--forget", cwd=work)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"exporter: error: The files of a.zip.age are still in {work / 'opened'}, where exporter saved them: delete "
        "them instead of taking the archive off the list.",
        "exporter: hint: “exporter delete FOLDER --identity KEY” (Delete now in the Open window) deletes them and "
        "writes a signed deletion statement for the sender.",
    ]
    [entry] = openings.load()
    assert (entry.forgotten_utc, entry.deleted_utc) == (None, None)
    assert sorted(path.name for path in (work / "opened").iterdir()) == ["data.csv", "manifest.json"]


def test_a_statement_asked_with_forget_is_refused_as_a_usage_error(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    (work / "opened" / "data.csv").unlink()
    for extra in (
        ["--statement", work / "s.statement.txt"],
        ["--identity", work / "me.key"],
        ["--no-statement"],
        ["--name", "架空 太郎"],
    ):
        refused = exporter("delete", work / "opened", "--forget", *extra, cwd=work)
        assert refused.returncode == 2, extra
        assert "argument --forget: not allowed with --statement, --identity, --name or --no-statement" in refused.stderr
    without = exporter("delete", "--forget", cwd=work)
    assert without.returncode == 2
    assert openings.load()[0].forgotten_utc is None
    assert statements(work) == []


def test_forgetting_an_opening_already_deleted_says_so_and_keeps_it_deleted(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    assert delete(work, work / "opened").returncode == 0
    [before] = openings.load()
    done = exporter("delete", work / "opened", "--forget", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"exporter: The files of a.zip.age in {work / 'opened'} were already deleted on ")
    assert openings.load() == [before]


def test_a_forgotten_opening_whose_files_come_back_can_still_be_deleted_with_a_statement(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    (work / "opened").rename(work / "renamed")
    assert exporter("delete", work / "opened", "--forget", cwd=work).returncode == 0
    (work / "renamed").rename(work / "opened")
    done = delete(work, work / "opened")
    assert done.returncode == 0, done.stderr
    [entry] = openings.load()
    assert (entry.deleted_utc is not None, entry.forgotten_utc) == (True, None)
    assert statements(work) == ["a.deletion.statement.txt"]


def test_a_record_written_before_forget_existed_is_read_and_stays_without_the_field(work: Path) -> None:
    export_and_open(work, "a.zip.age", "opened")
    raw = json.loads((work / "data" / "openings.json").read_text(encoding="utf-8"))
    assert "forgotten_utc" not in raw["openings"][0]
    assert openings.load()[0].forgotten_utc is None


def test_a_manifest_deleted_by_hand_never_keeps_data_csv_on_disk(work: Path) -> None:
    """A fresh tester's case: manifest.json removed by hand made Delete now refuse for ever, and Forget then took
    the opening off the list with data.csv still there. Now data.csv is deleted (and stated) and Forget refused."""
    export_and_open(work, "a.zip.age", "opened")
    (work / "opened" / "manifest.json").unlink()
    refused = exporter("delete", work / "opened", "--forget", cwd=work)
    assert refused.returncode == 1
    assert "are still in" in refused.stderr
    assert (work / "opened" / "data.csv").exists()
    done = exporter("delete", work / "opened", "--no-statement", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "manifest.json is no longer in" in done.stderr
    assert not (work / "opened" / "data.csv").exists()
    [entry] = openings.load()
    assert entry.deleted_utc is not None
    assert openings.gone_files(entry) == ["data.csv"]  # what a statement may list: not the manifest exporter lost


def test_a_hash_prefix_of_one_archive_opened_into_two_folders_asks_for_the_folder(work: Path) -> None:
    export_and_open(work, "a.zip.age", "first")
    opened = exporter(
        "decrypt", work / "a.zip.age", "--identity", work / "me.key", "--identity-passphrase-file",
        work / "passphrase.txt", "--output", work / "second", cwd=work,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    both = exporter("delete", sha_of(work, "first")[:12], "--forget", cwd=work)
    assert both.returncode == 1
    assert "is one archive opened into several folders" in both.stderr
    assert "give the folder" in both.stderr
    assert "more of the hash value" not in both.stderr
