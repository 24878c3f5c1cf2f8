"""The command-line contract of DESIGN.md, tried as a new user would: sample, inspect, keygen, export, decrypt."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exporter.cli import main
from exporter.sample import SAMPLE_COLUMNS, sample_bytes

KEPT = ["family_name", "given_name", "phone"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(500, seed=7, encoding="cp932"))
    return path


@pytest.fixture
def keypair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    key = tmp_path / "callcentre.key"
    assert main(["keygen", "--output", str(key)]) == 0
    return key, capsys.readouterr().out.strip()


def export_column(residents: Path, archive: Path, *protection: str | Path, column: str = "phone") -> int:
    """``exporter export`` of one column of the residents to ``archive``, protected as ``protection`` says."""
    return main(["export", str(residents), "--column", column, *map(str, protection), "--output", str(archive)])


def source_table(path: Path, columns: list[str]) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"), newline="")))
    positions = [rows[0].index(name) for name in columns]
    return [[row[i] for i in positions] for row in rows]


def test_no_arguments_opens_the_wizard(monkeypatch):
    import exporter.cli as cli

    opened = []
    monkeypatch.setattr(cli, "_open_wizard", lambda args: opened.append(args) or 0)
    assert main([]) == 0
    assert len(opened) == 1


def test_version_is_printed():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("exporter ")


def test_keygen_prints_the_recipient_and_writes_a_private_key(keypair):
    key, recipient = keypair
    assert recipient.startswith("age1")
    assert key.stat().st_mode & 0o777 == 0o600
    text = key.read_text()
    assert f"# public key: {recipient}" in text
    assert "AGE-SECRET-KEY-1" in text


def test_keygen_never_overwrites(keypair, capsys):
    key, _ = keypair
    before = key.read_bytes()
    assert main(["keygen", "--output", str(key)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert key.read_bytes() == before


def test_export_then_decrypt_gives_exactly_the_kept_columns(tmp_path, residents, keypair, capsys):
    key, recipient = keypair
    archive = tmp_path / "relief.zip.age"
    code = main(
        [
            "export",
            str(residents),
            *[arg for name in KEPT for arg in ("--column", name)],
            "--recipient",
            recipient,
            "--purpose",
            "relief call centre",
            "--output",
            str(archive),
        ]
    )
    summary = capsys.readouterr().err
    assert code == 0, summary
    assert f"hash value (SHA-256) {hashlib.sha256(archive.read_bytes()).hexdigest()}" in summary
    assert main(["decrypt", str(archive), "--identity", str(key), "--output", str(tmp_path / "opened")]) == 0
    data = (tmp_path / "opened" / "data.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == source_table(residents, KEPT)
    manifest = json.loads((tmp_path / "opened" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["purpose"] == "relief call centre"
    assert manifest["columns"] == KEPT
    assert manifest["columns_left_out"] == [name for name in SAMPLE_COLUMNS if name not in KEPT]
    assert manifest["rows"] == manifest["source"]["rows"] == 500
    assert manifest["source"]["sha256"] == hashlib.sha256(residents.read_bytes()).hexdigest()
    assert manifest["source"]["encoding"] == "cp932"
    assert manifest["data"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["data"]["size"] == len(data)
    digits = f"{int.from_bytes(hashlib.sha256(recipient.encode()).digest(), 'big') % 10**20:020d}"
    check_code = "-".join(digits[i : i + 4] for i in range(0, 20, 4))
    assert manifest["recipients"] == [
        {"type": "X25519", "recipient": recipient, "check_code": check_code, "role": "recipient"}
    ]


def test_commands_work_without_console_streams(tmp_path, residents, keypair, monkeypatch):
    """A windowed Windows build runs with sys.stdout and sys.stderr set to None: commands must still work."""
    key, recipient = keypair
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    archive = tmp_path / "relief.zip.age"
    assert export_column(residents, archive, "--recipient", recipient) == 0
    assert main(["decrypt", str(archive), "--identity", str(key), "--output", str(tmp_path / "opened")]) == 0
    assert (tmp_path / "opened" / "data.csv").is_file()
    assert export_column(residents, archive, "--recipient", recipient, column="nonexistent") == 1


def test_raw_decrypt_gives_the_zip(tmp_path, residents, keypair):
    key, recipient = keypair
    archive = tmp_path / "a.zip.age"
    assert export_column(residents, archive, "--recipient", recipient) == 0
    assert main(["decrypt", str(archive), "--raw", "--identity", str(key), "--output", str(tmp_path / "a.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "a.zip") as opened:
        assert opened.namelist() == ["data.csv", "manifest.json"]


def test_recipients_file_and_several_recipients(tmp_path, residents, capsys):
    keys = []
    for name in ("one.key", "two.key"):
        assert main(["keygen", "--output", str(tmp_path / name)]) == 0
        keys.append(capsys.readouterr().out.strip())
    recipients = tmp_path / "recipients.txt"
    recipients.write_text(f"# call centre\n{keys[0]}\n\n{keys[1]}\n", encoding="utf-8")
    archive = tmp_path / "both.zip.age"
    assert export_column(residents, archive, "--recipients-file", str(recipients)) == 0
    for index, name in enumerate(("one.key", "two.key")):
        folder = tmp_path / f"opened{index}"
        assert main(["decrypt", str(archive), "--identity", str(tmp_path / name), "--output", str(folder)]) == 0


def test_passphrase_export_round_trip(tmp_path, residents):
    from exporter.passphrase import generate

    secret = tmp_path / "pass.txt"
    secret.write_text(generate() + "\n", encoding="utf-8")
    archive = tmp_path / "p.zip.age"
    assert (
        main(
            [
                "export",
                str(residents),
                "--column",
                "family_name",
                "--passphrase-file",
                str(secret),
                "--output",
                str(archive),
            ]
        )
        == 0
    )
    assert main(["decrypt", str(archive), "--passphrase-file", str(secret), "--output", str(tmp_path / "o")]) == 0
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["recipients"] == [{"type": "passphrase"}]


def test_generated_passphrase_is_printed_once_and_opens_the_archive(tmp_path, residents):
    archive = tmp_path / "g.zip.age"
    result = run("export", residents, "--column", "phone", "--generate-passphrase", "--output", archive)
    assert result.returncode == 0, result.stderr
    passphrase = result.stdout.strip()
    assert re.fullmatch(r"\d{6}(-\d{6}){7}", passphrase)
    assert passphrase not in result.stderr
    secret = tmp_path / "p.txt"
    secret.write_text(passphrase, encoding="utf-8")
    assert main(["decrypt", str(archive), "--passphrase-file", str(secret), "--output", str(tmp_path / "o")]) == 0


def test_weak_passphrase_is_refused_with_a_hint(tmp_path, residents, capsys):
    secret = tmp_path / "weak.txt"
    secret.write_text("Password123!\n", encoding="utf-8")
    archive = tmp_path / "w.zip.age"
    assert export_column(residents, archive, "--passphrase-file", str(secret)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("exporter: error: The passphrase is too weak")
    assert err[1].startswith("exporter: hint: ")
    assert "--generate-passphrase" in err[1]
    assert not archive.exists()


def test_wrong_key_is_one_sentence_and_releases_nothing(tmp_path, residents, keypair, capsys):
    _, recipient = keypair
    archive = tmp_path / "a.zip.age"
    assert export_column(residents, archive, "--recipient", recipient) == 0
    other = tmp_path / "other.key"
    assert main(["keygen", "--output", str(other)]) == 0
    capsys.readouterr()
    assert main(["decrypt", str(archive), "--identity", str(other), "--output", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("exporter: error: ")
    assert all(line.startswith("exporter: ") for line in err)
    assert not (tmp_path / "o").exists(), "a failed decrypt must not even create the output folder"


def test_inspect_json_reports_format_rows_and_categories(residents):
    result = run("inspect", residents, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["encoding"] == "cp932"
    assert report["delimiter"] == ","
    assert report["rows"] == 500
    categories = {column["name"]: column["category"] for column in report["columns"]}
    assert list(categories) == list(SAMPLE_COLUMNS)
    assert categories["my_number"] == "my_number"
    assert categories["account_number"] == "financial"
    assert categories["care_level"] == "special"


def test_inspect_text_lists_every_column(residents):
    result = run("inspect", residents)
    assert result.returncode == 0
    assert "rows       500" in result.stdout
    assert "my_number" in result.stdout


def test_unknown_column_exits_1_with_one_sentence(tmp_path, residents, keypair):
    _, recipient = keypair
    result = run("export", residents, "--column", "phonne", "--recipient", recipient, "--output", tmp_path / "x.age")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "exporter: error: residents.csv has no column named “phonne”.",
        "exporter: hint: Did you mean “phone”?",
    ]


def test_bad_recipient_key_is_refused(tmp_path, residents):
    result = run("export", residents, "--column", "phone", "--recipient", "age1notakey", "--output", tmp_path / "x")
    assert result.returncode == 1
    assert result.stderr.startswith("exporter: error: This is not a valid age recipient key.")
    assert "age1notakey" not in result.stderr  # never quoted: a refused "recipient" may be a pasted secret


def test_usage_errors_exit_2(tmp_path, residents):
    missing_recipient = run("export", residents, "--column", "phone", "--output", tmp_path / "x.age")
    assert missing_recipient.returncode == 2
    both = run(
        "export",
        residents,
        "--column",
        "phone",
        "--recipient",
        "age1x",
        "--generate-passphrase",
        "--output",
        tmp_path / "x.age",
    )
    assert both.returncode == 2
    assert run("frobnicate").returncode == 2


def test_sample_command_writes_a_cp932_register(tmp_path):
    path = tmp_path / "s.csv"
    result = run("sample", "--rows", "50", "--encoding", "cp932", "--output", path)
    assert result.returncode == 0, result.stderr
    text = path.read_bytes().decode("cp932")
    assert text.startswith(",".join(SAMPLE_COLUMNS) + "\r\n")
