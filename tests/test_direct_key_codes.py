"""A key given directly (``--recipient age1...``) has ONE check code everywhere a code is shown or recorded: the
command's output, the instructions file, the manifest and the take-out register. A key that the address book holds
with a signing key IS that book entry, so it is the key set's code there (the one on the recipient's card), never
the age key's own; a key the book does not hold has the age key's own code.

Codes are computed from hashlib (tests/key_tools.py), not with exporter's function; the manifest is read from the
archive opened with Debian ``age``."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from key_tools import code_of, exporter, key_set_code_of
from oracle_tools import age_decrypt, require_tool

from exporter.envelope import X25519Identity
from exporter.register import records
from exporter.sample import sample_bytes


@pytest.fixture
def office(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resident file and an IT policy that names a register, in ``tmp_path``."""
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20, seed=8))
    register = str(tmp_path / "register.jsonl").replace("\\", "\\\\")
    (tmp_path / "policy.toml").write_text(f'[register]\npath = "{register}"\n', encoding="utf-8")
    monkeypatch.setenv("EXPORTER_POLICY", str(tmp_path / "policy.toml"))
    return tmp_path


def _keygen(folder: Path, name: str) -> tuple[Path, str, str]:
    """A recipient's key file, age key and signing key line, made by ``exporter keygen`` with a key card."""
    made = exporter("keygen", "--output", f"{name}.key", "--no-protect", "--card", f"{name}.card.txt", cwd=folder)
    assert made.returncode == 0, made.stderr
    return folder / f"{name}.key", made.stdout.strip(), made.stderr.splitlines()[1].removeprefix("exporter: ")


def _codes_everywhere(folder: Path, archive_name: str, key: str, key_file: Path, output: str) -> dict[str, object]:
    """Where the code of ``key`` appears: the command's output, the instructions file, the manifest, the register."""
    archive = folder / archive_name
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(age_decrypt(archive, key_file))).read("manifest.json"))
    entry = next(entry for entry in manifest["recipients"] if entry["recipient"] == key)
    record = next(record for record in records(folder / "register.jsonl") if record["archive"]["name"] == archive_name)
    (recorded,) = [item for item in record["recipients"] if item.get("role") == "recipient"]
    return {
        "output": output,
        "instructions": Path(f"{archive}.README.txt").read_text(encoding="utf-8"),
        "manifest": entry["check_code"],
        "register": recorded["check_code"],
        "manifest_entry": entry,
    }


@pytest.mark.oracle
def test_a_key_given_directly_that_the_book_holds_with_a_signing_key_has_the_key_sets_code_everywhere(office):
    require_tool("age")
    key_file, key, signing = _keygen(office, "centre")
    added = exporter("recipients", "add", "Call centre", "--card", "centre.card.txt", cwd=office)
    assert added.returncode == 0, added.stderr
    code, age_only = key_set_code_of(key, signing), code_of(key)
    assert code != age_only

    made = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", key, "--instructions",
        "--output", "out.zip.age", "--purpose", "test", cwd=office,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    found = _codes_everywhere(office, "out.zip.age", key, key_file, made.stdout + made.stderr)

    assert found["manifest"] == found["register"] == code
    assert found["manifest_entry"]["signing_key"] == signing  # so a receipt signed with it can be imported
    assert found["manifest_entry"]["name"] == "Call centre"
    for shown in ("output", "instructions"):
        assert code in str(found[shown]), shown
        assert age_only not in str(found[shown]), shown


@pytest.mark.oracle
def test_a_key_given_directly_that_the_book_does_not_hold_has_the_age_keys_own_code_everywhere(office):
    require_tool("age")
    key_file, key, signing = _keygen(office, "stranger")
    code = code_of(key)

    made = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", key, "--instructions",
        "--output", "out.zip.age", "--purpose", "test", cwd=office,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    found = _codes_everywhere(office, "out.zip.age", key, key_file, made.stdout + made.stderr)

    assert found["manifest"] == found["register"] == code
    assert "signing_key" not in found["manifest_entry"]
    assert code in str(found["output"])
    assert code in str(found["instructions"])
    assert key_set_code_of(key, signing) not in str(found["output"]) + str(found["instructions"])


def test_a_key_given_directly_still_exports_when_the_address_book_cannot_be_read(office, config):
    config.mkdir(parents=True, exist_ok=True)
    (config / "recipients.toml").write_text("this is = not [ a book\n", encoding="utf-8")
    key = str(X25519Identity.generate().recipient)
    listed = exporter("recipients", "list", cwd=office)
    assert listed.returncode == 1  # the book in use is this broken one
    assert "cannot be read" in listed.stderr

    made = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", key, "--output", "out.zip.age",
        "--purpose", "test", cwd=office,
    )  # fmt: skip

    assert made.returncode == 0, made.stderr
    assert code_of(key) in made.stdout + made.stderr
    (record,) = records(office / "register.jsonl")
    assert [item["check_code"] for item in record["recipients"]] == [code_of(key)]
