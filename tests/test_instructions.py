"""The instructions file beside an archive: what it says, how it is encoded, that its commands work as written, and
that it never carries personal data, the passphrase or (unless asked) the purpose."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shlex
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from oracle_tools import age_keygen, require_tool, run_in_pty

from exporter.cli import main
from exporter.errors import OutputError
from exporter.instructions import SUFFIX, facts_from_manifest, instructions_path, instructions_text
from exporter.keys import check_code
from exporter.passphrase import generate
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

KEPT = ("family_name", "given_name", "phone", "address_line")
PURPOSE = "避難所の安否確認（第二次）"
DELETE_BY = date(2027, 3, 31)
ARCHIVE_NAME = "relief calls.zip.age"  # a space: the commands in the file must quote it


@pytest.fixture(scope="module")
def residents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "residents.csv"
    path.write_bytes(sample_bytes(300, seed=4))
    return path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    require_tool("age")
    folder = tmp_path_factory.mktemp("keys")
    return folder, [age_keygen(folder / "callcentre.key"), age_keygen(folder / "office.key")]


@pytest.fixture(scope="module")
def key_export(residents: Path, keys: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive for two age keys with its instructions, purpose and delete-by date in the plan."""
    plan = ExportPlan(
        source=residents,
        columns=KEPT,
        output=tmp_path_factory.mktemp("export") / ARCHIVE_NAME,
        recipients=tuple(keys[1]),
        purpose=PURPOSE,
        delete_by=DELETE_BY,
        instructions=True,
    )
    result = run_export(plan)
    assert result.instructions == instructions_path(plan.output)
    assert result.instructions_error is None
    return plan.output


def readme(archive: Path) -> str:
    return instructions_path(archive).read_bytes().decode("utf-8-sig")


def sections(archive: Path) -> tuple[str, str]:
    """The Japanese and the English part (the file starts with a rule, and a rule parts them)."""
    parts = [part for part in readme(archive).split("=" * 72 + "\r\n") if part]
    assert len(parts) == 2
    return parts[0], parts[1]


def command_lines(section: str, program: str) -> list[list[str]]:
    """The commands of ``program`` in an indented block for a POSIX shell (unlabelled or labelled ``Linux:``; the
    ``Windows:`` line for certutil), split as a POSIX shell splits them, without the label."""
    found = []
    for line in section.splitlines():
        words = shlex.split(line) if line.startswith("    ") else []
        if words and words[0] == "Windows:" and program != "certutil":
            continue
        if words and words[0] in ("Windows:", "Linux:"):
            words = words[1:]
        if words and words[0] == program:
            found.append(words)
    return found


def personal_values(residents: Path) -> set[str]:
    """Every value of the resident file that could not turn up by chance in a hash value or a check code."""
    rows = list(csv.reader(io.StringIO(residents.read_text(encoding="utf-8-sig"), newline="")))
    return {
        value
        for row in rows[1:]
        for value in row
        if len(value) >= 2 and not (len(value) < 10 and set(value) <= set("0123456789-"))
    }


def test_the_instructions_are_named_after_the_archive_beside_it(key_export: Path) -> None:
    assert instructions_path(key_export) == key_export.with_name(ARCHIVE_NAME + ".README.txt")
    assert SUFFIX == ".README.txt"
    assert instructions_path(key_export).is_file()


def test_the_file_is_utf8_with_bom_and_crlf_for_notepad(key_export: Path) -> None:
    raw = instructions_path(key_export).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") > 20
    assert b"\r\r" not in raw
    raw.decode("utf-8-sig")


def test_japanese_comes_first_then_english(key_export: Path) -> None:
    japanese, english = sections(key_export)
    assert japanese.startswith(f"{ARCHIVE_NAME} の開き方")
    assert english.startswith(f"How to open {ARCHIVE_NAME}")
    assert "ハッシュ値（SHA-256）" in japanese
    assert "Hash value (SHA-256)" in english


def test_both_languages_give_name_size_hash_check_codes_and_delete_by(
    key_export: Path, keys: tuple[Path, list[str]]
) -> None:
    size = key_export.stat().st_size
    digest = hashlib.sha256(key_export.read_bytes()).hexdigest()
    japanese, english = sections(key_export)
    for section, size_text in ((japanese, f"{size:,} バイト"), (english, f"{size:,} bytes")):
        assert ARCHIVE_NAME in section
        assert size_text in section
        assert f"{size / (1 << 20):.2g} MB" in section
        assert digest in section
        assert DELETE_BY.isoformat() in section
        for key in keys[1]:
            assert check_code(key) in section
            assert key not in section  # the check code, not the key itself


def test_the_hash_value_matches_what_sha256sum_prints_with_the_command_as_written(key_export: Path) -> None:
    _, english = sections(key_export)
    (command,) = command_lines(english, "sha256sum")
    printed = subprocess.run(command, cwd=key_export.parent, capture_output=True, check=True, text=True).stdout
    assert printed.split()[0] in english
    assert printed.split()[0] == hashlib.sha256(key_export.read_bytes()).hexdigest()
    (certutil,) = command_lines(english, "certutil")
    assert certutil == ["certutil", "-hashfile", ARCHIVE_NAME, "SHA256"]
    assert f'certutil -hashfile "{ARCHIVE_NAME}" SHA256' in english  # quoted for cmd.exe too


@pytest.mark.oracle
def test_the_age_command_as_written_opens_the_archive(key_export: Path, keys: tuple[Path, list[str]]) -> None:
    japanese, english = sections(key_export)
    (command,) = command_lines(english, "age")
    (same,) = command_lines(japanese, "age")
    assert same == [word.replace("KEYFILE", "鍵ファイル") for word in command]
    argv = [str(keys[0] / "callcentre.key") if word == "KEYFILE" else word for word in command]
    subprocess.run(argv, cwd=key_export.parent, check=True, capture_output=True)
    with zipfile.ZipFile(key_export.parent / "data.zip") as opened:
        assert opened.namelist() == ["data.csv", "manifest.json"]
    os.unlink(key_export.parent / "data.zip")


def test_the_exporter_command_as_written_opens_the_archive(
    key_export: Path, keys: tuple[Path, list[str]], tmp_path: Path
) -> None:
    _, english = sections(key_export)
    (command,) = command_lines(english, "exporter")
    filled = {"KEYFILE": str(keys[0] / "office.key"), "FOLDER": str(tmp_path / "opened")}
    argv = [filled.get(word, word) for word in command[1:]]
    done = subprocess.run(
        [sys.executable, "-m", "exporter", *argv],
        cwd=key_export.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "opened" / "data.csv").is_file()


def test_no_personal_data_and_no_purpose_unless_asked(key_export: Path, residents: Path) -> None:
    text = readme(key_export)
    values = personal_values(residents)
    assert len(values) > 1000
    leaked = [value for value in values if value in text]
    assert leaked == []
    assert PURPOSE not in text
    assert "利用目的" not in text
    assert "Purpose" not in text


def test_the_purpose_is_written_when_asked(residents: Path, tmp_path: Path) -> None:
    recipient = _exporter_key()
    plan = ExportPlan(
        source=residents,
        columns=("phone",),
        output=tmp_path / "r.zip.age",
        recipients=(recipient,),
        purpose=PURPOSE,
        instructions=True,
        instructions_purpose=True,
    )
    run_export(plan)
    japanese, english = sections(plan.output)
    assert f"利用目的:              {PURPOSE}" in japanese
    assert f"Purpose:              {PURPOSE}" in english
    assert "指定なし" in japanese
    assert "Delete by:            not set" in english


@pytest.mark.oracle
def test_a_passphrase_archive_says_the_passphrase_comes_separately_and_age_opens_it_as_written(
    residents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("age")
    passphrase = generate()
    secret = tmp_path / "pass.txt"
    secret.write_text(passphrase, encoding="utf-8")
    archive = tmp_path / "out" / "residents.zip.age"
    archive.parent.mkdir()
    argv = ["export", str(residents), "--column", "phone", "--passphrase-file", str(secret), "--output", str(archive)]
    assert main([*argv, "--instructions", "--purpose", PURPOSE]) == 0
    text = readme(archive)
    japanese, english = sections(archive)
    assert passphrase not in text
    assert passphrase.replace("-", "") not in text
    assert PURPOSE not in text
    assert "合言葉はこのファイルとは別に（電話などで）お伝えします。" in japanese
    assert "The passphrase is given to you separately" in english
    assert "確認コード" not in japanese
    (command,) = command_lines(english, "age")
    assert command == ["age", "-d", "-o", "data.zip", "residents.zip.age"]
    monkeypatch.chdir(archive.parent)  # the recipient runs it in the folder of the file
    run = run_in_pty(command, [(b"Enter passphrase", passphrase)], timeout=60)
    assert run.returncode == 0, run.transcript
    with zipfile.ZipFile(archive.parent / "data.zip") as opened:
        assert opened.namelist() == ["data.csv", "manifest.json"]


def test_the_command_line_writes_instructions_only_when_asked_and_says_so(
    residents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipient = _exporter_key()
    base = ["export", str(residents), "--column", "phone", "--recipient", recipient, "--purpose", PURPOSE]
    assert main([*base, "--output", str(tmp_path / "plain.zip.age")]) == 0
    assert not instructions_path(tmp_path / "plain.zip.age").exists()
    capsys.readouterr()
    assert main([*base, "--output", str(tmp_path / "told.zip.age"), "--instructions-purpose"]) == 0
    err = capsys.readouterr().err
    assert str(instructions_path(tmp_path / "told.zip.age")) in err
    assert "hash value (SHA-256)" in err
    assert PURPOSE in readme(tmp_path / "told.zip.age")


def test_existing_instructions_are_refused_before_any_work(residents: Path, tmp_path: Path) -> None:
    archive = tmp_path / "r.zip.age"
    instructions_path(archive).write_text("an older sheet", encoding="utf-8")
    plan = ExportPlan(
        source=residents,
        columns=("phone",),
        output=archive,
        recipients=(_exporter_key(),),
        instructions=True,
    )
    with pytest.raises(OutputError) as caught:
        run_export(plan)
    assert str(instructions_path(archive)) in caught.value.message.render("en")
    assert not archive.exists()
    assert instructions_path(archive).read_text(encoding="utf-8") == "an older sheet"


def test_instructions_that_cannot_be_written_leave_the_archive_and_say_so(residents: Path, tmp_path: Path) -> None:
    archive = tmp_path / "r.zip.age"
    blocker = instructions_path(archive)

    def progress(fraction: float, message: str) -> None:  # a folder takes the name while the export runs
        if not blocker.exists():
            blocker.mkdir()

    plan = ExportPlan(
        source=residents,
        columns=("phone",),
        output=archive,
        recipients=(_exporter_key(),),
        instructions=True,
    )
    result = run_export(plan, progress=progress)
    assert archive.is_file()
    assert result.sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert result.instructions is None
    assert result.instructions_error is not None
    sentence = result.instructions_error.message.render("ja")
    assert sentence == f"{archive} は書き出しましたが、その説明ファイル {blocker} は書けませんでした。"
    assert blocker.is_dir()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.zip.age", blocker.name]


def _exporter_key() -> str:
    from exporter.envelope import X25519Identity

    return str(X25519Identity.generate().recipient)


def test_address_book_names_and_the_office_key_are_named_beside_their_check_codes(tmp_path: Path) -> None:
    book, office = _exporter_key(), _exporter_key()
    manifest = {
        "recipients": [
            {"type": "X25519", "recipient": book, "name": "山田 花子", "organisation": "みなと市コールセンター"},
            {"type": "X25519", "recipient": office, "role": "office", "name": "情報政策課"},
        ],
        "delete_by": "2027-03-31",
        "purpose": PURPOSE,
    }
    facts = facts_from_manifest(tmp_path / "r.zip.age", 2_500_000, "0" * 64, manifest)
    assert facts.purpose is None
    japanese, english = instructions_text(facts).split("=" * 72 + "\n")[1:]
    assert f"    {check_code(book)}  山田 花子 / みなと市コールセンター\n" in japanese
    assert f"    {check_code(office)}  情報政策課（送り主の控え用の鍵）\n" in japanese
    assert f"    {check_code(office)}  情報政策課: the sending office's own copy\n" in english
    assert "2,500,000 bytes (2.4 MB)" in english


def test_the_command_line_refuses_when_instructions_of_that_name_exist(
    residents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "r.zip.age"
    instructions_path(archive).write_text("an older sheet", encoding="utf-8")
    argv = ["export", str(residents), "--column", "phone", "--recipient", _exporter_key(), "--output", str(archive)]
    assert main([*argv, "--instructions"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("exporter: error: ")
    assert str(instructions_path(archive)) in err
    assert not archive.exists()
