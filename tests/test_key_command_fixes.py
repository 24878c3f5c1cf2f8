"""The key commands and the export summary around the address book: a broken book does not touch an export that
names nobody from it, a key given as a name is pointed to --recipient, warnings come once per entry, upper-case
keys are accepted, the summary counts people apart from the office key, passphrase files holding a secret key are
refused, and keygen checks the card's place before making a key. All through the real command line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from key_tools import code_of, exporter

from exporter.envelope import X25519Identity

TIMEOUT = 120
CLINIC = X25519Identity.generate()
OFFICE = X25519Identity.generate()


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(tmp_path / "data"))
    from exporter.sample import sample_bytes

    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    return tmp_path


def export(work: Path, *extra: object) -> subprocess.CompletedProcess[str]:
    return exporter("export", "residents.csv", "--column", "phone", "--output", "out.age", *extra, cwd=work)


def test_a_broken_book_does_not_matter_to_an_export_that_names_nobody_from_it(work):
    (work / "config").mkdir()
    (work / "config" / "recipients.toml").write_text("this is [not toml\n", encoding="utf-8")

    exported = export(work, "--recipient", CLINIC.recipient)

    assert exported.returncode == 0, exported.stderr
    assert "address book" not in exported.stderr
    assert (work / "out.age").exists()


def test_a_book_broken_after_the_names_were_resolved_only_warns(work):
    from exporter.key_commands import unconfirmed_warnings

    (work / "config").mkdir()
    (work / "config" / "recipients.toml").write_text("locked = 3\n", encoding="utf-8")

    lines = unconfirmed_warnings(["Clinic"])

    assert len(lines) == 1
    assert lines[0].startswith("whether the check codes of the recipients were confirmed could not be checked")


def test_a_key_given_as_a_name_is_pointed_to_recipient(work):
    exported = export(work, "--to", CLINIC.recipient)

    assert exported.returncode == 1
    assert exported.stderr.splitlines() == [
        "exporter: error: A public key was given where a name from the address book belongs.",
        "exporter: hint: Give a public key with --recipient, and a name from the address book with --to.",
    ]


def test_the_unconfirmed_warning_comes_once_per_entry_however_it_is_named(work):
    added = exporter("recipients", "add", "Kita Clinic", "--key", CLINIC.recipient, cwd=work)

    exported = export(work, "--to", "Kita Clinic", "--to", "ｋｉｔａ  clinic")

    assert added.returncode == 0, added.stderr
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr.count("has not been confirmed yet") == 1


def test_upper_case_public_keys_are_accepted_everywhere_and_stored_in_lower_case(work):
    upper = str(CLINIC.recipient).upper()
    (work / "recipients.txt").write_text(f"{str(OFFICE.recipient).upper()}\n", encoding="utf-8")

    added = exporter("recipients", "add", "Clinic", "--key", upper, cwd=work)
    office = exporter("recipients", "office", "set", str(OFFICE.recipient).upper(), cwd=work)
    by_key = export(work, "--recipient", upper)
    from_file = exporter(
        "export", "residents.csv", "--column", "phone", "--recipients-file", "recipients.txt", "--output", "b.age",
        cwd=work,
    )  # fmt: skip
    listed = exporter("recipients", "list", "--json", cwd=work)

    for result in (added, office, by_key, from_file, listed):
        assert result.returncode == 0, result.stderr
    assert str(CLINIC.recipient) in listed.stdout
    assert upper not in listed.stdout
    assert f"check code {code_of(str(CLINIC.recipient))}" in added.stderr


def test_the_summary_counts_recipients_apart_from_the_office_key(work):
    exporter("recipients", "office", "set", OFFICE.recipient, "--name", "Office", cwd=work)
    other = X25519Identity.generate().recipient

    two = export(work, "--recipient", CLINIC.recipient, "--recipient", other)
    only_office = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", OFFICE.recipient, "--output", "c.age", cwd=work
    )

    assert two.returncode == 0, two.stderr
    assert ", for 2 recipients and the office key;" in two.stderr
    assert only_office.returncode == 0, only_office.stderr
    assert ", for the office key only;" in only_office.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("keygen", "--output", "new.key", "--passphrase-file", "secret.txt"),
        ("export", "residents.csv", "--column", "phone", "--output", "d.age", "--passphrase-file", "secret.txt"),
        ("decrypt", "nothing.age", "--identity", "id.key", "--identity-passphrase-file", "secret.txt", "--output", "o"),
    ],
)
def test_a_passphrase_file_holding_a_secret_key_is_refused_without_repeating_it(work, command):
    secret = X25519Identity.generate().secret_text()
    (work / "secret.txt").write_text(secret + "\n", encoding="utf-8")
    (work / "id.key").write_text("not used\n", encoding="utf-8")
    (work / "id.key").chmod(0o600)
    (work / "nothing.age").write_bytes(b"age-encryption.org/v1\n")

    refused = exporter(*command, cwd=work)

    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "exporter: error: The passphrase file secret.txt holds a secret key, not a passphrase; it was not used."
    )
    assert secret not in refused.stderr + refused.stdout
    assert secret[20:40] not in refused.stderr + refused.stdout
    assert not (work / "new.key").exists()


def test_keygen_checks_the_cards_folder_before_making_the_key(work):
    made = exporter("keygen", "--no-protect", "--output", "new.key", "--card", "missing/card.txt", cwd=work)
    same = exporter("keygen", "--no-protect", "--output", "new.key", "--card", "new.key", cwd=work)

    assert made.returncode == 1
    assert made.stderr.splitlines() == [
        "exporter: error: The key card missing/card.txt cannot be written: the folder missing does not exist. "
        "No key was made."
    ]
    assert same.returncode == 1
    assert "would be the key file itself" in same.stderr
    assert not (work / "new.key").exists()
