"""Kept columns renamed for the recipient, and the reasons given for sensitive ones: data.csv's header, the
manifest (both names, the reasons), the refusals, and what ``exporter decrypt`` tells the recipient."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter import messages
from exporter.archive import FORMAT_NAME
from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.manifest import parse_manifest, source_names
from exporter.pipeline import run_export
from exporter.plan import MAX_COLUMN_NAME, MAX_REASON, ExportPlan
from exporter.sample import sample_bytes

ROWS = 200


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(ROWS, seed=3))
    return path


@pytest.fixture
def english():
    messages.set_language("en")
    yield
    messages.set_language(None)


def source_rows(path: Path, columns: list[str]) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    positions = [rows[0].index(name) for name in columns]
    return [[row[i] for i in positions] for row in rows[1:]]


def plan_for(residents: Path, tmp_path: Path, identity: X25519Identity, **changes: object) -> ExportPlan:
    fields: dict[str, object] = {
        "source": residents,
        "columns": ("family_name", "phone", "my_number"),
        "output": tmp_path / "out.zip.age",
        "recipients": (str(identity.recipient),),
        **changes,
    }
    return ExportPlan(**fields)  # type: ignore[arg-type]


def test_renamed_columns_head_data_csv_and_the_manifest_keeps_both_names_and_the_reasons(residents, tmp_path):
    identity = X25519Identity.generate()
    plan = plan_for(
        residents,
        tmp_path,
        identity,
        output_names={"phone": "電話番号", "family_name": "氏"},
        reasons={"my_number": "国保の資格確認に番号照合が必要"},
    )

    result = run_export(plan)
    opened = decrypt_archive(result.output, tmp_path / "opened", [identity])

    table = list(csv.reader(io.StringIO(opened.data.read_text(encoding="utf-8-sig"), newline="")))
    assert table[0] == ["氏", "電話番号", "my_number"]
    assert table[1:] == source_rows(residents, ["family_name", "phone", "my_number"])
    manifest = parse_manifest(opened.manifest_path.read_bytes(), "out.zip.age")
    assert manifest["columns"] == ["氏", "電話番号", "my_number"]
    assert manifest["source_columns"] == ["family_name", "phone", "my_number"]
    assert manifest["reasons"] == {"my_number": "国保の資格確認に番号照合が必要"}
    assert source_names(manifest) == [("氏", "family_name"), ("電話番号", "phone"), ("my_number", "my_number")]


def test_without_renames_the_header_is_the_source_names(residents, tmp_path):
    identity = X25519Identity.generate()
    result = run_export(plan_for(residents, tmp_path, identity))
    opened = decrypt_archive(result.output, tmp_path / "opened", [identity])

    header = opened.data.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "family_name,phone,my_number"
    assert result.manifest["source_columns"] == result.manifest["columns"]
    assert result.manifest["reasons"] == {}


def test_a_manifest_made_before_renaming_existed_still_reads_with_its_own_names():
    older = {
        "format": FORMAT_NAME,
        "format_version": 1,
        "columns": ["family_name", "phone"],
        "rows": 2,
        "data": {"file": "data.csv", "sha256": "0" * 64, "size": 10},
    }

    manifest = parse_manifest(json.dumps(older).encode(), "old.zip.age")

    assert source_names(manifest) == [("family_name", "family_name"), ("phone", "phone")]


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"output_names": {"phone": "family_name"}}, "The columns family_name and phone would both be called"),
        ({"output_names": {"phone": "名前", "family_name": "名前"}}, "would both be called 名前"),
        ({"output_names": {"phone": "  "}}, "The new name of the column phone is empty."),
        ({"output_names": {"phone": "電話\r\n番号"}}, "holds a line break"),
        ({"output_names": {"gender": "性別"}}, "The column gender is renamed or given a reason, but it is not kept."),
        ({"reasons": {"bank_name": "振込"}}, "The column bank_name is renamed or given a reason"),
        ({"reasons": {"my_number": ""}}, "The reason for the column my_number is empty."),
        ({"reasons": {"my_number": "x" * (MAX_REASON + 1)}}, f"at most {MAX_REASON:,} fit"),
        ({"output_names": {"phone": "電話\u202egpj.exe"}}, "not shown (U+202E)"),
        ({"output_names": {"phone": "電話\u200b"}}, "not shown (U+200B)"),
        ({"output_names": {"phone": "a\u2028b"}}, "not shown (U+2028)"),
        ({"output_names": {"phone": "x" * (MAX_COLUMN_NAME + 1)}}, f"at most {MAX_COLUMN_NAME:,} fit"),
        ({"reasons": {"my_number": "照合のため\n二行目"}}, "not shown (U+000A); write it on one line."),
        ({"reasons": {"my_number": "照合\tのため"}}, "not shown (U+0009)"),
        ({"reasons": {"my_number": "照合\u202eのため"}}, "not shown (U+202E)"),
    ],
)
def test_a_rename_or_reason_that_would_not_make_a_sound_archive_is_refused_before_anything_is_written(
    residents, tmp_path, english, changes, sentence
):
    plan = plan_for(residents, tmp_path, X25519Identity.generate(), **changes)

    with pytest.raises(PlanError) as refused:
        run_export(plan)

    assert sentence in str(refused.value)
    assert list(tmp_path.iterdir()) == [residents]


def test_the_refusal_reads_in_japanese_too(residents, tmp_path):
    plan = plan_for(residents, tmp_path, X25519Identity.generate(), output_names={"phone": "family_name"})
    messages.set_language("ja")
    try:
        with pytest.raises(PlanError) as refused:
            run_export(plan)
        assert str(refused.value) == (
            "列 family_name と列 phone が、受取人に渡すファイルでどちらも family_name という名前になります。"
        )
    finally:
        messages.set_language(None)


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    )


def test_the_command_line_renames_and_records_reasons_and_decrypt_shows_both_names(residents, tmp_path):
    identity = X25519Identity.generate()
    key = tmp_path / "callcentre.key"
    key.write_text(identity.secret_text() + "\n", encoding="ascii")
    key.chmod(0o600)
    recipient = str(identity.recipient)
    archive = tmp_path / "out.zip.age"

    exported = run_cli(
        "export", residents, "--column", "family_name", "--column", "phone", "--column", "my_number",
        "--rename", "phone=電話番号", "--reason", "my_number=番号照合のため", "--recipient", recipient,
        "--output", archive,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    opened = run_cli("decrypt", archive, "--identity", key, "--output", tmp_path / "opened")

    assert opened.returncode == 0, opened.stderr
    assert "renamed for the recipient: phone → 電話番号" in opened.stderr
    assert "reasons given: my_number: 番号照合のため" in opened.stderr
    assert "sensitive" not in opened.stderr
    header = (tmp_path / "opened" / "data.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "family_name,電話番号,my_number"


def test_a_rename_without_an_equals_sign_is_a_usage_error(residents, tmp_path):
    done = run_cli(
        "export", residents, "--column", "phone", "--rename", "phone", "--generate-passphrase",
        "--output", tmp_path / "out.zip.age",
    )  # fmt: skip

    assert done.returncode == 2
    assert "COLUMN=VALUE" in done.stderr
    assert not (tmp_path / "out.zip.age").exists()


def test_a_reason_with_ordinary_and_ideographic_spaces_is_kept(residents, tmp_path):
    identity = X25519Identity.generate()
    reason = "国保の 資格確認　番号照合"
    result = run_export(plan_for(residents, tmp_path, identity, reasons={"my_number": reason}))

    assert result.manifest["reasons"] == {"my_number": reason}


@pytest.mark.parametrize("option", ["--rename", "--reason"])
def test_a_rename_or_reason_given_twice_for_one_column_is_refused_not_last_wins(residents, tmp_path, option):
    done = run_cli(
        "export", residents, "--column", "phone", option, "phone=電話番号", option, "phone=連絡先",
        "--generate-passphrase", "--output", tmp_path / "out.zip.age",
    )  # fmt: skip

    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"exporter: error: {option} is given twice for the column phone; give it once."]
    assert not (tmp_path / "out.zip.age").exists()


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x/","click")', "+81", "-", "@SUM(A1)", "＝１"])
def test_a_data_csv_header_that_excel_would_run_as_a_formula_is_refused_with_a_rename_hint(residents, tmp_path, name):
    plan = plan_for(residents, tmp_path, X25519Identity.generate(), output_names={"phone": name})
    with pytest.raises(PlanError) as refused:
        run_export(plan)
    assert "run as a formula" in str(refused.value)
    assert "--rename" in str(refused.value.hint_text())
    assert list(tmp_path.iterdir()) == [residents]
