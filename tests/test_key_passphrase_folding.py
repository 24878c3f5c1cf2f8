"""A key's passphrase is folded exactly as an archive's (exporter.passphrase.normalise): a generated one typed
in full width, with ideographic spaces or without hyphens unlocks the key, and Debian age opens the key with the
canonical form typed at its prompt."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from oracle_tools import age_encrypt_passphrase, age_keygen, require_tool, run_in_pty
from test_protected_keys import EXPORTER_IN_ENGLISH, LOW, TIMEOUT, exporter, write_secret

from exporter.keys import WrongKeyPassphrase, create_identity, load_identities
from exporter.passphrase import generate
from exporter.sample import sample_bytes

FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９\u3000")


def test_a_key_protected_with_a_generated_passphrase_typed_in_full_width_unlocks_with_any_form(tmp_path: Path):
    canonical = generate()
    created = create_identity(tmp_path / "key.age", passphrase=canonical.translate(FULL_WIDTH), work_factor=LOW)

    for typed in (canonical, canonical.replace("-", ""), canonical.translate(FULL_WIDTH), canonical.replace("-", "ー")):
        assert str(load_identities(created.path, typed)[0].recipient) == created.card.public_key
    with pytest.raises(WrongKeyPassphrase):
        load_identities(created.path, generate())


def test_a_key_age_protected_with_48_digits_in_another_form_still_opens_as_typed(tmp_path: Path):
    require_tool("age")
    public = age_keygen(tmp_path / "plain.key")
    digits = generate().replace("-", " ")  # what someone may have typed at age -p: not the canonical form
    (tmp_path / "age.key").write_bytes(age_encrypt_passphrase((tmp_path / "plain.key").read_bytes(), digits))

    assert [str(identity.recipient) for identity in load_identities(tmp_path / "age.key", digits)] == [public]


@pytest.mark.oracle
def test_keygen_with_a_full_width_generated_passphrase_is_unlocked_by_exporter_and_debian_age(tmp_path: Path):
    require_tool("age")
    canonical = generate()
    write_secret(tmp_path / "passphrase.txt", canonical.translate(FULL_WIDTH))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    keygen = exporter("keygen", "--output", "k.key", "--passphrase-file", "passphrase.txt", cwd=tmp_path)
    assert keygen.returncode == 0, keygen.stderr
    public = keygen.stdout.decode().strip()
    export = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", public, "--output", "a.zip.age", cwd=tmp_path
    )
    assert export.returncode == 0, export.stderr

    ours = run_in_pty(
        [*EXPORTER_IN_ENGLISH, "decrypt", tmp_path / "a.zip.age", "--identity", tmp_path / "k.key",
         "--output", tmp_path / "opened"],
        [(b"Passphrase for the key file", canonical.replace("-", "").translate(FULL_WIDTH))],
        timeout=TIMEOUT,
    )  # fmt: skip
    age = run_in_pty(
        ["age", "-d", "-i", tmp_path / "k.key", tmp_path / "a.zip.age"],
        [(b"Enter passphrase", canonical)],
        timeout=TIMEOUT,
    )

    assert ours.returncode == 0, ours.transcript
    assert (tmp_path / "opened" / "data.csv").exists()
    assert age.returncode == 0, age.transcript
    with zipfile.ZipFile(io.BytesIO(age.stdout)) as inner:
        assert "data.csv" in inner.namelist()
