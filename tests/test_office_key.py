"""The office key: every export is also encrypted to it, so the city can reopen and audit what it sent.

Set through the real command line into a test's own config folder; the office opens the export with its own
identity through exporter and through Debian age.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from key_tools import code_of, exporter
from oracle_tools import age_decrypt, age_keygen, require_tool

from exporter.envelope import X25519Identity, format_identity_file
from exporter.errors import EncryptionError, PlanError
from exporter.keys import add_recipient, clear_office_key, load_settings, office_key, set_office_key
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes

TIMEOUT = 120
RECIPIENT = X25519Identity.generate()
OFFICE = X25519Identity.generate()
PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"


pytestmark = pytest.mark.usefixtures("sentences_in_english")


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(10))
    for name, identity in (("recipient.key", RECIPIENT), ("office.key", OFFICE)):
        (tmp_path / name).write_text(format_identity_file(identity, datetime.now(UTC)), "utf-8")
        (tmp_path / name).chmod(0o600)
    (tmp_path / "passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    return tmp_path


def export_to_recipient(work: Path, *extra: object) -> subprocess.CompletedProcess[str]:
    return exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", RECIPIENT.recipient, "--output", "a.zip.age",
        *extra, cwd=work,
    )  # fmt: skip


def test_every_export_is_also_encrypted_to_the_office_key_and_the_office_opens_it(work):
    set_up = exporter("recipients", "office", "set", OFFICE.recipient, "--name", "北区役所 情報政策課", cwd=work)

    exported = export_to_recipient(work)
    by_office = exporter("decrypt", "a.zip.age", "--identity", "office.key", "--output", "office", cwd=work)
    by_recipient = exporter("decrypt", "a.zip.age", "--identity", "recipient.key", "--output", "mine", cwd=work)

    assert set_up.returncode == 0, set_up.stderr
    assert exported.returncode == 0, exported.stderr
    assert "for 1 recipient and the office key;" in exported.stderr
    office_line = f"exporter: for the office, 北区役所 情報政策課: check code {code_of(str(OFFICE.recipient))}"
    assert office_line in exported.stderr.splitlines()
    assert by_office.returncode == 0, by_office.stderr
    assert office_line in by_office.stderr.splitlines()
    assert by_recipient.returncode == 0, by_recipient.stderr
    assert (work / "office" / "data.csv").read_bytes() == (work / "mine" / "data.csv").read_bytes()


@pytest.mark.oracle
def test_debian_age_opens_the_export_with_the_office_identity(work):
    require_tool("age")
    office_public = age_keygen(work / "age-office.key")
    set_office_key(office_public, "Office")

    result = run_export(
        ExportPlan(
            source=work / "residents.csv",
            columns=("phone",),
            output=work / "b.zip.age",
            recipients=(str(RECIPIENT.recipient),),
        )
    )
    inner = age_decrypt(work / "b.zip.age", work / "age-office.key")

    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        assert sorted(archive.namelist()) == ["data.csv", "manifest.json"]
    assert result.manifest["office_copy"] is True
    assert result.manifest["recipients"][-1] == {
        "type": "X25519",
        "recipient": office_public,
        "check_code": code_of(office_public),
        "role": "office",
        "name": "Office",
    }


def test_the_office_key_given_again_as_a_recipient_is_encrypted_to_once_and_marked_office(work):
    set_office_key(str(OFFICE.recipient), "Office")
    add_recipient("Audit", str(OFFICE.recipient), organisation="北区")

    result = run_export(
        ExportPlan(
            source=work / "residents.csv",
            columns=("phone",),
            output=work / "c.zip.age",
            recipients=(str(OFFICE.recipient), str(RECIPIENT.recipient)),
            to=("Audit",),
        )
    )
    header = (work / "c.zip.age").read_bytes().split(b"\n---", 1)[0]

    assert header.count(b"\n-> X25519 ") == 2
    assert [(entry["role"], entry.get("name")) for entry in result.manifest["recipients"]] == [
        ("office", "Audit"),
        ("recipient", None),
    ]


def test_a_passphrase_export_is_refused_while_an_office_key_is_set(work):
    set_office_key(str(OFFICE.recipient))

    result = exporter(
        "export", "residents.csv", "--column", "phone", "--passphrase-file", "passphrase.txt", "--output", "p.age",
        cwd=work,
    )  # fmt: skip

    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "exporter: error: An office key is set, and an export to a passphrase cannot also be encrypted to it."
    )
    assert "--no-office-key" in result.stderr.splitlines()[1]
    assert not (work / "p.age").exists()


def test_leaving_the_office_copy_out_of_a_passphrase_export_is_recorded(work):
    set_office_key(str(OFFICE.recipient))

    exported = exporter(
        "export", "residents.csv", "--column", "phone", "--passphrase-file", "passphrase.txt", "--no-office-key",
        "--output", "p.age", cwd=work,
    )  # fmt: skip
    opened = exporter("decrypt", "p.age", "--passphrase-file", "passphrase.txt", "--output", "opened", cwd=work)

    assert exported.returncode == 0, exported.stderr
    assert "the office copy was left out on purpose" in exported.stderr
    assert opened.returncode == 0, opened.stderr
    manifest = json.loads((work / "opened" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["office_copy"] is False
    assert manifest["recipients"] == [{"type": "passphrase"}]


def test_the_office_copy_cannot_be_left_out_of_an_export_to_keys(work):
    set_office_key(str(OFFICE.recipient))

    with pytest.raises(PlanError) as refused:
        run_export(
            ExportPlan(
                source=work / "residents.csv",
                columns=("phone",),
                output=work / "d.age",
                recipients=(str(RECIPIENT.recipient),),
                without_office_key=True,
            )
        )

    assert "always includes the office key" in str(refused.value)
    assert not (work / "d.age").exists()


def test_without_an_office_key_nothing_changes_and_passphrase_exports_work(work):
    result = run_export(
        ExportPlan(
            source=work / "residents.csv",
            columns=("phone",),
            output=work / "e.age",
            passphrase=Secret(PASSPHRASE),
        )
    )

    assert office_key() is None
    assert "office_copy" not in result.manifest


def test_an_invalid_office_key_in_the_settings_stops_every_export(work):
    (work / "config").mkdir()
    (work / "config" / "settings.toml").write_text('[office]\nkey = "age1broken"\n', encoding="utf-8")

    result = export_to_recipient(work)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"exporter: error: The settings file {work / 'config' / 'settings.toml'} has an invalid office.key."
    ]
    assert not (work / "a.zip.age").exists()


def test_office_show_and_clear(work):
    set_office_key(str(OFFICE.recipient), "Office")

    shown = exporter("recipients", "office", "show", cwd=work)
    cleared = exporter("recipients", "office", "clear", cwd=work)
    again = exporter("recipients", "office", "show", cwd=work)

    assert shown.stdout == f"{OFFICE.recipient}\n"
    assert code_of(str(OFFICE.recipient)) in shown.stderr
    assert cleared.returncode == 0
    assert again.stdout == ""
    assert "no office key is set" in again.stderr
    assert load_settings().office_key is None
    assert clear_office_key() is False


def test_locked_settings_refuse_a_new_office_key(work):
    (work / "config").mkdir()
    settings = work / "config" / "settings.toml"
    settings.write_text(f'locked = true\n[office]\nkey = "{OFFICE.recipient}"\n', encoding="utf-8")

    with pytest.raises(PlanError):
        set_office_key(str(RECIPIENT.recipient))
    with pytest.raises(PlanError):
        clear_office_key()

    assert office_key() is not None
    assert office_key().key == str(OFFICE.recipient)


def test_a_secret_key_as_the_office_key_is_refused_without_repeating_it(work):
    with pytest.raises(EncryptionError) as refused:
        set_office_key(OFFICE.secret_text())

    assert OFFICE.secret_text()[20:40].lower() not in str(refused.value).lower()
    assert not (work / "config" / "settings.toml").exists()
