"""``export --organisation`` and ``--delete-by``: what the wizard's Purpose page records, from the command line.

The values reach the manifest and the recipient's summary; a date that cannot be read or has passed is refused
with one sentence (in the user's language) before anything is written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from exporter.errors import PlanError
from exporter.manifest import MAX_TEXT
from exporter.plan import parse_delete_by
from exporter.sample import sample_bytes

ORGANISATION = "株式会社みらいコールセンター"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(40, seed=5))
    return path


@pytest.fixture
def key_and_recipient(tmp_path: Path) -> tuple[Path, str]:
    key = tmp_path / "call-centre.key"
    made = run("keygen", "--output", key, "--no-protect")
    assert made.returncode == 0, made.stderr
    return key, made.stdout.strip().splitlines()[-1]


def export(residents: Path, archive: Path, recipient: str, *options: str) -> subprocess.CompletedProcess[str]:
    return run("export", residents, "--column", "phone", "--recipient", recipient, "--output", archive, *options)


def test_organisation_and_delete_by_reach_the_manifest_and_the_recipients_summary(
    tmp_path, residents, key_and_recipient
):
    key, recipient = key_and_recipient
    archive = tmp_path / "relief.zip.age"
    made = export(residents, archive, recipient, "--organisation", ORGANISATION, "--delete-by", "2099-03-31")
    assert made.returncode == 0, made.stderr

    opened = run("decrypt", archive, "--identity", key, "--output", tmp_path / "opened")
    assert opened.returncode == 0, opened.stderr
    manifest = json.loads((tmp_path / "opened" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["recipient_organisation"] == ORGANISATION
    assert manifest["delete_by"] == "2099-03-31"
    assert f"purpose: (none); for: {ORGANISATION}; delete by: 2099-03-31" in opened.stderr

    again = run("--lang", "ja", "decrypt", archive, "--identity", key, "--output", tmp_path / "again")
    assert f"利用目的：（なし）、受取先：{ORGANISATION}、削除期限：2099-03-31" in again.stderr


def test_a_date_typed_with_full_width_digits_and_slashes_is_read(tmp_path, residents, key_and_recipient):
    key, recipient = key_and_recipient
    archive = tmp_path / "relief.zip.age"
    assert export(residents, archive, recipient, "--delete-by", "２０９９／０３／３１").returncode == 0
    assert run("decrypt", archive, "--identity", key, "--output", tmp_path / "o").returncode == 0
    assert json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))["delete_by"] == "2099-03-31"


@pytest.mark.parametrize("typed", ["31/03/2099", "2099-02-30", "next month", "2099-3"])
def test_a_date_that_cannot_be_read_is_refused_before_anything_is_written(tmp_path, residents, typed):
    archive = tmp_path / "relief.zip.age"
    refused = run("export", residents, "--column", "phone", "--generate-passphrase", "--output", archive,
                  "--delete-by", typed)  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"exporter: error: “{typed}” is not a date the recipient must delete the data by.",
        "exporter: hint: Write it as YYYY-MM-DD, for example 2027-03-31.",
    ]
    assert not archive.exists()
    assert list(tmp_path.iterdir()) == [residents]


def test_a_date_that_has_passed_is_refused_in_either_language(tmp_path, residents):
    archive = tmp_path / "relief.zip.age"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    common = ("export", residents, "--column", "phone", "--generate-passphrase", "--output", archive)
    english = run(*common, "--delete-by", yesterday)
    assert english.returncode == 1
    assert english.stderr.startswith(f"exporter: error: The delete-by date {yesterday} has already passed (today is ")
    japanese = run("--lang", "ja", *common, "--delete-by", yesterday)
    assert japanese.returncode == 1
    assert japanese.stderr.startswith(f"exporter: error: 削除期限の {yesterday} はすでに過ぎています（今日は ")
    assert not archive.exists()


def test_an_organisation_too_long_for_the_archive_is_refused_with_its_length(tmp_path, residents):
    archive = tmp_path / "relief.zip.age"
    refused = run("export", residents, "--column", "phone", "--generate-passphrase", "--output", archive,
                  "--organisation", "x" * (MAX_TEXT + 1))  # fmt: skip
    assert refused.returncode == 1
    assert f"The recipient's organisation is {MAX_TEXT + 1:,} characters long" in refused.stderr
    assert not archive.exists()


def test_the_core_accepts_today_and_refuses_yesterday():
    today = date(2027, 3, 31)
    assert parse_delete_by("2027-03-31", today) == today
    assert parse_delete_by(" 2027/4/1 ", today) == date(2027, 4, 1)
    with pytest.raises(PlanError) as refused:
        parse_delete_by("2027-03-30", today)
    assert str(refused.value) == "The delete-by date 2027-03-30 has already passed (today is 2027-03-31)."
    assert refused.value.hint_text() == "Give the date by which the recipient must delete the data, today or later."
