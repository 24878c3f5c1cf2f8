"""Whole exports, made by the command line, opened by tools we did not write, and their files opened by ours."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from oracle_tools import (
    age_decrypt,
    age_decrypt_passphrase,
    age_encrypt_passphrase,
    age_encrypt_to,
    age_keygen,
    node_decrypt,
    node_encrypt,
    require_tool,
)

from exporter.cli import main
from exporter.passphrase import generate
from exporter.sample import sample_bytes

pytestmark = pytest.mark.oracle
KEPT = ["family_name", "given_name", "phone", "email", "postal_code", "address_line"]


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(2000, seed=3))
    return path


def export_args(residents: Path, output: Path) -> list[str]:
    return ["export", str(residents), *[arg for name in KEPT for arg in ("--column", name)], "--output", str(output)]


def expected_table(residents: Path) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(residents.read_text(encoding="utf-8"), newline="")))
    positions = [rows[0].index(name) for name in KEPT]
    return [[row[i] for i in positions] for row in rows]


def opened_table(zip_bytes: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        assert archive.namelist() == ["data.csv", "manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["columns"] == KEPT
        text = archive.read("data.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_debian_age_opens_an_export_to_a_recipient_key(tmp_path, residents):
    require_tool("age")
    recipient = age_keygen(tmp_path / "callcentre.key")
    archive = tmp_path / "relief.zip.age"
    assert main([*export_args(residents, archive), "--recipient", recipient]) == 0
    assert opened_table(age_decrypt(archive, tmp_path / "callcentre.key")) == expected_table(residents)


def test_debian_age_opens_a_passphrase_export_typed_at_its_prompt(tmp_path, residents):
    require_tool("age")
    passphrase = generate()
    secret = tmp_path / "pass.txt"
    secret.write_text(passphrase, encoding="utf-8")
    archive = tmp_path / "relief.zip.age"
    assert main([*export_args(residents, archive), "--passphrase-file", str(secret)]) == 0
    assert opened_table(age_decrypt_passphrase(archive, passphrase)) == expected_table(residents)


def test_npm_age_encryption_opens_an_export(tmp_path, residents, capsys):
    require_tool("node")
    key = tmp_path / "k.key"
    assert main(["keygen", "--output", str(key), "--no-protect"]) == 0
    recipient = capsys.readouterr().out.strip()
    archive = tmp_path / "relief.zip.age"
    assert main([*export_args(residents, archive), "--recipient", recipient]) == 0
    opened = node_decrypt(archive.read_bytes(), identity_files=[key])
    assert opened_table(opened) == expected_table(residents)


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 200_000])
def test_raw_decrypt_opens_what_debian_age_encrypts(tmp_path, size):
    require_tool("age")
    payload = bytes((i * 7 + size) % 251 for i in range(size))
    recipient = age_keygen(tmp_path / "k.key")
    encrypted = tmp_path / "theirs.age"
    encrypted.write_bytes(age_encrypt_to(recipient, payload, armor=size % 2 == 1))
    out = tmp_path / "plain.bin"
    assert main(["decrypt", str(encrypted), "--raw", "--identity", str(tmp_path / "k.key"), "--output", str(out)]) == 0
    assert out.read_bytes() == payload


def test_raw_decrypt_opens_a_debian_age_passphrase_file(tmp_path):
    require_tool("age")
    passphrase = generate()
    encrypted = tmp_path / "theirs.age"
    encrypted.write_bytes(age_encrypt_passphrase(b"synthetic payload", passphrase))
    secret = tmp_path / "pass.txt"
    secret.write_text(passphrase + "\n", encoding="utf-8")
    out = tmp_path / "plain.bin"
    assert main(["decrypt", str(encrypted), "--raw", "--passphrase-file", str(secret), "--output", str(out)]) == 0
    assert out.read_bytes() == b"synthetic payload"


def test_raw_decrypt_opens_what_npm_age_encryption_encrypts(tmp_path, capsys):
    require_tool("node")
    key = tmp_path / "k.key"
    assert main(["keygen", "--output", str(key), "--no-protect"]) == 0
    recipient = capsys.readouterr().out.strip()
    encrypted = tmp_path / "theirs.age"
    encrypted.write_bytes(node_encrypt(b"x" * 65537, recipients=[recipient]))
    out = tmp_path / "plain.bin"
    assert main(["decrypt", str(encrypted), "--raw", "--identity", str(key), "--output", str(out)]) == 0
    assert out.read_bytes() == b"x" * 65537


def test_pyrage_opens_an_export(tmp_path, residents, capsys):
    require_tool("pyrage")
    import pyrage

    key = tmp_path / "k.key"
    assert main(["keygen", "--output", str(key), "--no-protect"]) == 0
    recipient = capsys.readouterr().out.strip()
    archive = tmp_path / "relief.zip.age"
    assert main([*export_args(residents, archive), "--recipient", recipient]) == 0
    secret_line = next(line for line in key.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    opened = pyrage.decrypt(archive.read_bytes(), [pyrage.x25519.Identity.from_str(secret_line)])
    assert opened_table(opened) == expected_table(residents)
