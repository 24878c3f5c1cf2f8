"""Every export with a register is recorded before its archive appears; the CLI shows, verifies and lists the register.

Archives are opened with Debian's ``age`` (a tool we did not write) to read the manifest the recipient gets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from exporter.errors import RegisterError
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.register import append, records, verify
from exporter.sample import sample_bytes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(60, seed=11))
    subprocess.run(["age-keygen", "-o", str(tmp_path / "key.txt")], check=True, capture_output=True)
    return tmp_path


def _recipient(work: Path) -> str:
    return subprocess.run(
        ["age-keygen", "-y", str(work / "key.txt")], check=True, capture_output=True, text=True
    ).stdout.strip()


def _plan(work: Path, name: str, register: Path) -> ExportPlan:
    return ExportPlan(
        source=work / "residents.csv",
        columns=("family_name", "phone", "birth_date"),
        output=work / name,
        recipients=(_recipient(work),),
        purpose="避難行動要支援者の確認",
        recipient_organisation="株式会社みらいコールセンター",
        delete_by=date(2099, 3, 31),
        where=(("gender = 女",),),
        transforms={"birth_date": "year"},
        output_names={"phone": "電話"},
        register=register,
    )


def _manifest_as_received(work: Path, archive: Path) -> dict[str, object]:
    opened = subprocess.run(
        ["age", "-d", "-i", str(work / "key.txt"), str(archive)], check=True, capture_output=True
    ).stdout
    return json.loads(zipfile.ZipFile(io.BytesIO(opened)).read("manifest.json"))  # type: ignore[no-any-return]


def test_each_export_is_recorded_and_its_manifest_carries_the_head_before_it(work):
    register = work / "register.jsonl"
    first = run_export(_plan(work, "first.zip.age", register))
    second = run_export(_plan(work, "second.zip.age", register))
    assert (first.register_record, second.register_record) == (1, 2)
    assert _manifest_as_received(work, first.output)["register"] == {"head": None, "records": 0}
    line_one = register.read_bytes().splitlines(keepends=True)[0]
    assert _manifest_as_received(work, second.output)["register"] == {
        "head": hashlib.sha256(line_one).hexdigest(),
        "records": 1,
    }
    record = records(register)[1]
    assert record["kind"] == "export"
    assert record["archive"] == {
        "name": "second.zip.age",
        "size": second.output.stat().st_size,
        "sha256": hashlib.sha256(second.output.read_bytes()).hexdigest(),
    }
    assert record["columns"] == [
        {"name": "family_name"},
        {"name": "電話", "source": "phone"},
        {"name": "birth_date", "transform": "year"},
    ]
    assert record["where"] == [["gender = 女"]]
    assert record["rows"] == second.rows
    assert record["purpose"] == "避難行動要支援者の確認"
    assert record["recipient_organisation"] == "株式会社みらいコールセンター"
    assert record["delete_by"] == "2099-03-31"
    assert [r["check_code"] for r in record["recipients"]] == [r["check_code"] for r in second.manifest["recipients"]]
    assert record["time_utc"].endswith("Z")
    assert record["user"]
    assert record["exporter_version"]
    assert verify(register) == 2


def test_the_register_holds_no_value_from_the_resident_file_and_no_key(work):
    register = work / "register.jsonl"
    run_export(_plan(work, "out.zip.age", register))
    text = register.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((work / "residents.csv").read_text(encoding="utf-8"))))
    values = {row[column] for row in rows for column in ("family_name", "phone", "birth_date")}
    leaked = [value for value in values if len(value) >= 2 and value in text]
    assert not leaked
    assert _recipient(work) not in text  # the key is named by its check code
    assert "AGE-SECRET-KEY" not in text


def test_an_export_whose_register_cannot_be_written_is_not_made_and_leaves_nothing(work):
    register = work / "register.jsonl"
    (work / "register.jsonl.lock").mkdir()  # the lock cannot be taken: fails only after the archive is complete
    before = sorted(os.listdir(work))
    with pytest.raises(RegisterError) as caught:
        run_export(_plan(work, "out.zip.age", register))
    assert str(register) in caught.value.message.render("en")
    assert "the export was not made" in caught.value.message.render("en")
    assert sorted(os.listdir(work)) == before


def test_a_register_in_a_missing_folder_is_refused_before_any_work(work):
    with pytest.raises(RegisterError, match="does not exist"):
        run_export(_plan(work, "out.zip.age", work / "gone" / "register.jsonl"))
    assert not (work / "out.zip.age").exists()


def test_a_register_with_a_broken_last_line_stops_the_export(work):
    register = work / "register.jsonl"
    append(register, {"kind": "export"})
    register.write_bytes(register.read_bytes()[:-1])
    with pytest.raises(RegisterError, match="incomplete"):
        run_export(_plan(work, "out.zip.age", register))
    assert not (work / "out.zip.age").exists()


# The command line. A stand-in for the IT policy (exporter.policy comes with section 1 of issue 11) is put in place
# by a sitecustomize module on the subprocess's path: it names the register the way a policy file would.
def run(*args: object, policy: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line; with ``policy``, under that IT policy file (EXPORTER_POLICY), else under none."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("EXPORTER_POLICY", None)
    if policy is not None:
        environment["EXPORTER_POLICY"] = str(policy)
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=environment,
    )


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "register.jsonl"
    for n, (purpose, day) in enumerate([('=HYPERLINK("http://x")', "2026-01-31"), ("調査", "2099-12-31")], 1):
        append(
            path,
            {
                "kind": "export",
                "time_local": "2026-11-30T09:15:00+09:00",
                "user": "tanaka",
                "machine": "PC-042",
                "purpose": purpose,
                "recipient_organisation": "株式会社みらいコールセンター",
                "columns": [{"name": "電話", "source": "phone", "transform": "mask:4"}],
                "rows": 120,
                "recipients": [{"type": "X25519", "check_code": "1234-5678-9012-3456-7890", "role": "recipient"}],
                "delete_by": day,
                "archive": {"name": f"a{n}.zip.age", "size": 1000, "sha256": hashlib.sha256(bytes(n)).hexdigest()},
            },
        )
    return path


def test_verify_says_intact_with_the_count_and_names_a_bad_record_with_exit_1(filled):
    intact = run("register", "verify", filled)
    assert intact.returncode == 0, intact.stderr
    assert "is intact: 2 records" in intact.stdout
    lines = filled.read_bytes().splitlines(keepends=True)
    filled.write_bytes(lines[1])
    broken = run("--lang", "ja", "register", "verify", filled)
    assert broken.returncode == 1
    assert broken.stderr.startswith(f"exporter: error: 持ち出し簿 {filled} の記録 1 が削除されています。")
    assert "exporter: hint:" in broken.stderr


def test_show_prints_a_table_with_a_line_per_record(filled):
    shown = run("--lang", "ja", "register", "show", filled)
    assert shown.returncode == 0, shown.stderr
    table = shown.stdout.splitlines()
    assert table[0].split()[:3] == ["番号", "日時", "利用者"]
    assert len(table) == 3
    assert "2026-11-30 09:15" in table[2]
    assert "a2.zip.age" in table[2]


def test_show_csv_in_cp932_opens_as_the_auditors_excel_reads_it(filled, tmp_path):
    out = tmp_path / "register.csv"
    made = run("--lang", "ja", "register", "show", filled, "--csv", "--encoding", "cp932", "--output", out)
    assert made.returncode == 0, made.stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("cp932"), newline="")))
    assert out.read_bytes().count(b"\r\n") == 3
    assert rows[0][:3] == ["番号", "種類", "日時"]
    assert rows[1][rows[0].index("目的")] == '\'=HYPERLINK("http://x")'  # inert in Excel
    assert rows[2][rows[0].index("項目")] == "phone→電話 (mask:4)"
    assert (
        rows[2][rows[0].index("記録のハッシュ値")]
        == hashlib.sha256(filled.read_bytes().splitlines(True)[1]).hexdigest()
    )
    again = run("register", "show", filled, "--csv", "--output", out)
    assert again.returncode == 1
    assert "exists" in again.stderr


def test_show_csv_defaults_to_utf8_with_a_bom_on_stdout(filled):
    made = subprocess.run(
        [sys.executable, "-m", "exporter", "register", "show", str(filled), "--csv"],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert made.returncode == 0
    assert made.stdout.startswith(b"\xef\xbb\xbf")
    assert made.stdout.count(b"\xef\xbb\xbf") == 1
    assert "株式会社みらいコールセンター".encode() in made.stdout


def test_a_character_cp932_lacks_is_refused_naming_the_record(tmp_path):
    path = tmp_path / "register.jsonl"
    append(path, {"kind": "export", "purpose": "𠮷野家の調査"})  # 𠮷 (U+20BB7) is not in CP932
    made = run("register", "show", path, "--csv", "--encoding", "cp932")
    assert made.returncode == 1
    assert "Record 1 (Purpose) cannot be written in CP932" in made.stderr
    assert "utf-8-sig" in made.stderr


def test_overdue_lists_exports_past_their_date(filled):
    late = run("register", "overdue", filled, "--on", "2026-11-30")
    assert late.returncode == 0, late.stderr
    assert "a1.zip.age" in late.stdout
    assert "a2.zip.age" not in late.stdout
    assert late.stdout.splitlines()[-1] == "1 export is past its delete-by date without a deletion statement."
    none = run("register", "overdue", filled, "--on", "2026-01-01")
    assert "No export" in none.stdout


def test_without_a_file_or_a_policy_the_register_commands_say_so(tmp_path):
    made = run("register", "verify")
    assert made.returncode == 1
    assert made.stderr.splitlines()[0] == "exporter: error: No register was given, and no IT policy names one."


def test_the_policys_register_is_the_default_and_cli_export_prints_the_record_number(work, filled):
    """The issue's minimal policy, as written, names the register that verify reads and export appends to."""
    policy = work / "policy.toml"
    register_path = str(filled).replace("\\", "\\\\")
    policy.write_text(f'[register]\npath = "{register_path}"\n\n[rules]\nnever_export = ["my_number"]\n', "utf-8")
    shown = run("register", "verify", policy=policy)
    assert shown.returncode == 0, shown.stderr
    assert "2 records" in shown.stdout
    recipient = _recipient(work)
    archive = work / "out.zip.age"
    made = run(
        "export", work / "residents.csv", "--column", "phone", "--recipient", recipient, "--output", archive,
        policy=policy,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"Recorded in the register {filled} as record 3." in made.stderr
    assert records(filled)[2]["archive"]["sha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert verify(filled) == 3


def test_removing_the_newest_records_shows_against_the_head_a_later_archive_carries(work):
    register = work / "register.jsonl"
    archives = [run_export(_plan(work, f"a{n}.zip.age", register)).output for n in range(3)]
    head_in_last = _manifest_as_received(work, archives[2])["register"]
    assert head_in_last["records"] == 2  # type: ignore[index]
    found = run("register", "verify", register, "--head", head_in_last["head"])  # type: ignore[index]
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[-1].endswith("record 2.")
    register.write_bytes(register.read_bytes().splitlines(keepends=True)[0])  # the newest two records removed
    assert verify(register) == 1  # the chain alone cannot tell
    missing = run("register", "verify", register, "--head", head_in_last["head"])  # type: ignore[index]
    assert missing.returncode == 1
    assert "no longer holds the record with the hash value" in missing.stderr


def test_a_head_that_is_not_a_hash_value_is_refused(filled):
    made = run("register", "verify", filled, "--head", "abc")
    assert made.returncode == 1
    assert "64 characters" in made.stderr


def test_a_copy_of_the_register_is_verified_without_creating_a_lock_beside_it(filled, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "register.jsonl").write_bytes(filled.read_bytes())
    assert verify(copy / "register.jsonl") == 2
    assert os.listdir(copy) == ["register.jsonl"]


def test_the_record_names_the_profile_and_the_policy_hash_the_manifest_carries(work):
    from exporter.register import export_record

    manifest = {
        "rows": 12,
        "exporter_version": "9.9",
        "recipients": [{"type": "X25519", "recipient": _recipient(work), "check_code": "1111-2222-3333-4444-5555"}],
        "source": {"file_name": "residents.csv", "sha256": "a" * 64},
        "policy": {"sha256": "b" * 64, "profile": {"name": "避難支援", "version": 3, "legal_basis": "災害対策基本法"}},
    }
    record = export_record(_plan(work, "x.zip.age", work / "r.jsonl"), manifest, "x.zip.age", "c" * 64, 1234)
    assert record["profile"] == {"name": "避難支援", "version": 3}
    assert record["policy_sha256"] == "b" * 64
    assert record["recipients"] == [{"type": "X25519", "check_code": "1111-2222-3333-4444-5555"}]
    assert record["archive"] == {"name": "x.zip.age", "size": 1234, "sha256": "c" * 64}
    assert record["rows"] == 12


def test_show_lists_a_tampered_register_then_names_the_bad_record_with_exit_1(filled):
    lines = filled.read_bytes().splitlines(keepends=True)
    filled.write_bytes(lines[1] + lines[0])
    shown = run("register", "show", filled)
    assert shown.returncode == 1
    assert len(shown.stdout.splitlines()) == 3  # the heading and both records, as they stand
    assert shown.stderr.startswith(f"exporter: error: The records of the register {filled} were reordered")


def test_overdue_refuses_a_tampered_register_naming_the_record(filled):
    lines = filled.read_text(encoding="utf-8").splitlines(keepends=True)
    filled.write_text(lines[0].replace("tanaka", "suzuki") + "".join(lines[1:]), encoding="utf-8")
    late = run("register", "overdue", filled, "--on", "2027-01-01")
    assert late.returncode == 1
    assert "Record 1" in late.stderr
    assert late.stdout == ""


def test_verify_with_a_head_that_is_missing_says_nothing_intact_on_stdout(filled):
    checked = run("register", "verify", filled, "--head", "0" * 64)
    assert checked.returncode == 1
    assert checked.stdout == ""


def test_show_csv_writes_control_characters_as_escapes_never_raw(tmp_path):
    path = tmp_path / "register.jsonl"
    append(path, {"kind": "export", "purpose": "調査\x1b[31m\r\n\x07", "archive": {"name": "a.zip.age"}})
    shown = run("register", "show", path, "--csv")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.removeprefix("\ufeff")
    body = text.replace("\r\n", "").replace("\n", "")  # the rows' own line ends
    assert not any(ord(char) < 0x20 for char in body)
    assert "調査\\x1b[31m" in text
    assert len(text.splitlines()) == 2  # the heading and the one record: the CR LF inside stays one cell
