"""Rows in scope, transformed values and the re-identification risk, through the command line end to end.

Archives are opened with Debian's ``age`` and Python's ``zipfile`` (tools we did not write); what data.csv holds is
compared with an independent reading of the source by the csv module and plain Python (dates, ages, HMAC)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from exporter.sample import sample_bytes
from tests.oracle_tools import age_decrypt

REFERENCE = date(2026, 4, 1)
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scope")
    residents = folder / "residents.csv"
    residents.write_bytes(sample_bytes(3000, seed=11, encoding="cp932"))
    key = folder / "call-centre.key"
    made = run("keygen", "--output", key, "--no-protect")
    assert made.returncode == 0, made.stderr
    (folder / "recipient.txt").write_text(made.stdout.strip().splitlines()[-1], encoding="utf-8")
    pseudonym_key = folder / "office.pseudonym-key"
    made = run("pseudonym-key", "--output", pseudonym_key)
    assert made.returncode == 0, made.stderr
    return {"residents": residents, "key": key, "pseudonym_key": pseudonym_key, "folder": folder}


def recipient(files: dict[str, Path]) -> str:
    return (files["folder"] / "recipient.txt").read_text(encoding="utf-8")


def source_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("cp932"), newline="")))


def opened(archive: Path, key: Path) -> tuple[list[list[str]], dict[str, object]]:
    with zipfile.ZipFile(io.BytesIO(age_decrypt(archive, key))) as inner:
        data = inner.read("data.csv").decode("utf-8-sig")
        manifest = json.loads(inner.read("manifest.json"))
    return list(csv.reader(io.StringIO(data, newline=""))), manifest


def birth(text: str) -> date:
    era, rest = text[:2], text[2:]
    year, rest = rest.split("年")
    month, rest = rest.split("月")
    return date(ERAS[era] + (1 if year == "元" else int(year)), int(month), int(rest.rstrip("日")))


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def export(files: dict[str, Path], archive: Path, *options: str | Path) -> subprocess.CompletedProcess[str]:
    return run("export", files["residents"], "--recipient", recipient(files), "--output", archive, *options)


def test_the_call_centre_export_keeps_only_the_households_in_scope_with_a_pseudonymous_token(files, tmp_path):
    """The issue's "done": name, kana, phone and a pseudonymous resident token for the residents exempt from
    resident tax aged 65 or over; the recipient's manifest says exactly that."""
    archive = tmp_path / "relief.zip.age"
    kept = ["family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "resident_number"]
    made = export(
        files,
        archive,
        *[arg for column in kept for arg in ("--column", column)],
        "--where",
        "resident_tax = 0",
        "--where",
        "age(birth_date) >= 65",
        "--reference-date",
        REFERENCE.isoformat(),
        "--transform",
        "resident_number=pseudonym",
        "--pseudonym-key",
        files["pseudonym_key"],
    )
    assert made.returncode == 0, made.stderr
    rows, manifest = opened(archive, files["key"])
    source = source_rows(files["residents"])
    expected = [r for r in source if r["resident_tax"] == "0" and age(birth(r["birth_date"]), REFERENCE) >= 65]
    assert 0 < len(expected) < len(source)
    assert rows[0] == kept
    assert [row[:5] for row in rows[1:]] == [[r[c] for c in kept[:5]] for r in expected]
    tokens = [row[5] for row in rows[1:]]
    assert all(token and token not in {r["resident_number"] for r in source} for token in tokens)
    assert len(set(tokens)) == len(tokens)  # residents stay apart
    assert manifest["rows"] == len(expected)
    assert manifest["source"]["rows"] == len(source)
    assert manifest["row_filter"]["where"] == [["resident_tax = 0", "age(birth_date) >= 65"]]
    assert manifest["reference_date"] == REFERENCE.isoformat()
    assert manifest["transforms"]["resident_number"]["kind"] == "pseudonym"
    key_bytes = files["pseudonym_key"].read_bytes()
    assert manifest["transforms"]["resident_number"]["key_id"] not in key_bytes.decode("utf-8", "replace")
    assert f"{len(expected):,} of {len(source):,} rows are in scope" in made.stderr
    assert "The rows name residents directly (family_name, given_name" in made.stderr
    assert "resident_number" not in made.stderr.split("directly")[1].split(")")[0]  # a pseudonym names no one
    opened_folder = tmp_path / "opened"
    shown = run("decrypt", archive, "--identity", files["key"], "--output", opened_folder)
    assert shown.returncode == 0, shown.stderr
    assert (
        f"Rows: only those where resident_tax = 0 and age(birth_date) >= 65 ({len(expected):,} of {len(source):,}; "
        f"ages on {REFERENCE.isoformat()})." in shown.stderr
    )
    assert "Changed values: resident_number (pseudonym)." in shown.stderr


def test_the_same_resident_gets_the_same_token_under_the_same_key_only(files, tmp_path):
    tokens = []
    for number, key in enumerate([files["pseudonym_key"], files["pseudonym_key"], tmp_path / "other.key"]):
        if not key.exists():
            assert run("pseudonym-key", "--output", key).returncode == 0
        archive = tmp_path / f"tokens{number}.zip.age"
        made = export(
            files, archive, "--column", "resident_number", "--transform", "resident_number=pseudonym",
            "--pseudonym-key", key,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        tokens.append([row[0] for row in opened(archive, files["key"])[0][1:]])
    assert tokens[0] == tokens[1]
    assert not set(tokens[0]) & set(tokens[2])


def test_or_between_groups_keeps_the_rows_of_either(files, tmp_path):
    archive = tmp_path / "either.zip.age"
    made = export(
        files, archive, "--column", "resident_number", "--where", "gender = 女", "--where", "care_level is not empty",
        "--or", "--where", "postal_code contains 708",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    rows, manifest = opened(archive, files["key"])
    expected = [
        r["resident_number"]
        for r in source_rows(files["residents"])
        if (r["gender"] == "女" and r["care_level"] != "") or "708" in r["postal_code"]
    ]
    assert [row[0] for row in rows[1:]] == expected
    assert len(manifest["row_filter"]["where"]) == 2


def test_transforms_change_only_their_columns_and_are_recorded_without_the_key(files, tmp_path):
    archive = tmp_path / "shaped.zip.age"
    made = export(
        files, archive, "--column", "account_number", "--column", "birth_date", "--column", "postal_code",
        "--column", "phone", "--transform", "account_number=mask:3", "--transform", "birth_date=age-band:10",
        "--transform", "postal_code=postal-area", "--reference-date", "R8.4.1",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    rows, manifest = opened(archive, files["key"])
    source = source_rows(files["residents"])
    assert len(rows) == len(source) + 1
    for row, resident in zip(rows[1:], source, strict=True):
        account = resident["account_number"]
        assert len(row[0]) == len(account)
        assert row[0].endswith(account[-3:])
        assert account[:-3] == "" or row[0][:-3] != account[:-3]
        low = age(birth(resident["birth_date"]), REFERENCE) // 10 * 10
        assert row[1] == f"{low}～{low + 9}"
        assert row[2] == resident["postal_code"][:3]
        assert row[3] == resident["phone"]  # kept as it is
    assert manifest["transforms"] == {
        "account_number": {"kind": "mask", "argument": 3},
        "birth_date": {"kind": "age-band", "argument": 10},
        "postal_code": {"kind": "postal-area"},
    }
    assert manifest["reference_date"] == REFERENCE.isoformat()
    assert manifest["risk"] == {  # the phone names every resident: no groups counted, the column named instead
        "direct_identifiers": ["phone"],
        "quasi_identifiers": ["birth_date", "postal_code"],
        "rows": len(source),
    }
    assert "The rows name residents directly (phone)" in made.stderr
    assert "the only one with" not in made.stderr


def test_without_a_direct_identifier_the_risk_of_the_transformed_values_is_counted_and_recorded(files, tmp_path):
    archive = tmp_path / "coarse.zip.age"
    made = export(
        files, archive, "--column", "birth_date", "--column", "postal_code", "--column", "phone",
        "--transform", "birth_date=age-band:10", "--transform", "phone=mask:4", "--reference-date", "R8.4.1",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    rows, manifest = opened(archive, files["key"])
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    sizes = frame.groupby(["birth_date", "postal_code"]).size()
    unique = int((sizes == 1).sum())
    assert manifest["risk"] == {
        "quasi_identifiers": ["birth_date", "postal_code"],
        "rows": len(frame),
        "unique_rows": unique,
        "unique_share": round(unique / len(frame), 6),
        "smallest_group": int(sizes.min()),
        "groups": len(sizes),
    }
    assert "the only one with their birth_date and postal_code" in made.stderr
    assert "name residents directly" not in made.stderr


def test_a_birth_date_that_is_not_a_date_is_refused_with_its_line(tmp_path, files):
    """A quoted line break before the bad cell: the line named is the physical line in the file."""
    lines = files["residents"].read_bytes().decode("cp932").split("\r\n")
    header = lines[0].split(",")
    notes, born = header.index("notes"), header.index("birth_date")
    plain = [index for index, line in enumerate(lines) if index and line and '"' not in line]
    early, late = plain[1], plain[4]
    fields = lines[early].split(",")
    fields[notes] = '"一行目\r\n二行目"'
    lines[early] = ",".join(fields)
    bad = lines[late].split(",")
    bad[born] = "不明"
    lines[late] = ",".join(bad)
    source = tmp_path / "bad.csv"
    source.write_bytes("\r\n".join(lines).encode("cp932"))
    archive = tmp_path / "bad.zip.age"
    made = run(
        "export", source, "--recipient", recipient(files), "--output", archive, "--column", "birth_date",
        "--transform", "birth_date=year",
    )  # fmt: skip
    assert made.returncode == 1
    line = late + 2  # lines[0] is line 1, and the quoted line break above adds one
    expected = f"exporter: error: bad.csv, line {line:,}: the column birth_date cannot be transformed with year"
    assert made.stderr.startswith(expected)
    assert "不明" not in made.stderr  # the value itself is personal data
    assert not archive.exists()
    assert list(tmp_path.glob("bad.zip.age*")) == []


def test_a_unique_share_above_the_limit_refuses_the_export_and_leaves_nothing(files, tmp_path):
    archive = tmp_path / "too-identifying.zip.age"
    made = export(
        files, archive, "--column", "birth_date", "--column", "gender", "--column", "postal_code",
        "--max-unique-share", "5%",
    )  # fmt: skip
    assert made.returncode == 1
    assert "exporter: error:" in made.stderr
    assert not archive.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--transform", "resident_number=pseudonym"], "no pseudonym key is given"),
        (["--transform", "phone=mask:4"], "phone, which is not a kept column"),
        (["--or", "--where", "gender = 女"], "--or must stand between two groups"),
        (["--where", "gender = 女", "--or"], "--or must stand between two groups"),
        (["--max-unique-share", "2"], "between 0 and 1"),
        (["--where", "my_number in 753787270180, 780632715191"], "compares my_number, a column of My Numbers"),
        (["--where", "gender = 女", "--or", "--where", "my_number = 1"], "a column of My Numbers"),
        (["--max-unique-share", "5%"], "(resident_number), so each of them singles out its resident"),
        (["--transform", "resident_number=mask:8", "--max-unique-share", "0"], "more than the limit of 0%"),
        (["--reference-date", "令和8年13月1日"], "is not a date"),
        (["--where", "resident_number in " + "1," * 40_000 + "2"], "characters long; at most 69,632 can be recorded"),
    ],
)
def test_plans_that_cannot_be_kept_are_refused_in_one_sentence(files, tmp_path, options, expected):
    archive = tmp_path / "refused.zip.age"
    made = export(files, archive, "--column", "resident_number", *options)
    assert made.returncode in (1, 2)
    assert expected in made.stderr
    assert len([line for line in made.stderr.splitlines() if "error:" in line]) == 1
    assert not archive.exists()


def test_a_my_number_column_may_be_tested_for_emptiness_which_writes_no_number(files, tmp_path):
    archive = tmp_path / "with-number.zip.age"
    made = export(files, archive, "--column", "family_name", "--where", "my_number is not empty")
    assert made.returncode == 0, made.stderr
    _rows, manifest = opened(archive, files["key"])
    assert manifest["row_filter"]["where"] == [["my_number is not empty"]]


def test_a_limit_on_unique_rows_passes_when_direct_identifiers_are_pseudonyms_or_short_masks(files, tmp_path):
    archive = tmp_path / "limited.zip.age"
    made = export(
        files, archive, "--column", "resident_number", "--column", "phone", "--transform", "phone=mask:4",
        "--transform", "resident_number=pseudonym", "--pseudonym-key", files["pseudonym_key"],
        "--max-unique-share", "100%",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    made = export(
        files, tmp_path / "limited2.zip.age", "--column", "resident_number", "--column", "phone",
        "--transform", "phone=mask:4", "--transform", "resident_number=pseudonym",
        "--pseudonym-key", files["pseudonym_key"], "--max-unique-share", "0",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "name residents directly" not in made.stderr


def test_cells_a_date_condition_cannot_read_are_counted_warned_about_and_recorded(files, tmp_path):
    text = files["residents"].read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    born = rows[0].index("birth_date")
    for row, value in zip(rows[1:4], ["不明", "明治元年1月1日", ""], strict=True):
        row[born] = value  # two unreadable dates and one empty cell (empty is not counted: nothing to read)
    source = tmp_path / "dates.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    source.write_bytes(buffer.getvalue().encode("cp932"))
    archive = tmp_path / "dates.zip.age"
    made = run(
        "export", source, "--recipient", recipient(files), "--output", archive, "--column", "resident_number",
        "--where", "age(birth_date) >= 0",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "exporter: warning: 2 cells of birth_date are not dates or numbers a condition can compare" in made.stderr
    _, manifest = opened(archive, files["key"])
    assert manifest["row_filter"]["unreadable"] == {"birth_date": 2}
    assert manifest["rows"] == len(rows) - 1 - 3


def test_a_pseudonym_key_file_other_users_may_open_is_warned_about(files, tmp_path):
    key = tmp_path / "shared.pseudonym-key"
    key.write_bytes(files["pseudonym_key"].read_bytes())
    key.chmod(0o644)
    archive = tmp_path / "shared.zip.age"
    made = export(
        files, archive, "--column", "resident_number", "--transform", "resident_number=pseudonym",
        "--pseudonym-key", key,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"exporter: warning: {key} can be opened by other users of this computer (permissions 0644)" in made.stderr
    key.chmod(0o600)
    again = export(
        files, tmp_path / "private.zip.age", "--column", "resident_number", "--transform",
        "resident_number=pseudonym", "--pseudonym-key", key,
    )  # fmt: skip
    assert "warning" not in again.stderr


def test_changed_values_are_named_by_the_columns_of_data_csv_when_columns_are_renamed(files, tmp_path):
    """phone renamed gender2 and gender renamed phone: the masked column is data.csv's gender2, not its phone."""
    archive = tmp_path / "renamed.zip.age"
    made = export(
        files, archive, "--column", "phone", "--column", "gender", "--rename", "phone=gender2",
        "--rename", "gender=phone", "--transform", "phone=mask:4",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    shown = run("decrypt", archive, "--identity", files["key"], "--output", tmp_path / "opened")
    assert shown.returncode == 0, shown.stderr
    assert "Changed values: gender2 (“phone” in the source) (mask:4)." in shown.stderr


def test_an_export_that_keeps_no_row_says_so(files, tmp_path):
    archive = tmp_path / "none.zip.age"
    made = export(files, archive, "--column", "family_name", "--where", "family_name = 該当者なし")
    assert made.returncode == 0, made.stderr
    assert "exporter: warning: No row meets the conditions" in made.stderr
    rows, manifest = opened(archive, files["key"])
    assert rows == [["family_name"]]
    assert manifest["rows"] == 0
