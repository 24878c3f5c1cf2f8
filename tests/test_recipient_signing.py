"""The recipient's signing key derived from their identity, and the key set's check code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.keys.check_code import check_code, key_set_check_code
from exporter.keys.recipient_signing import recipient_signing_key, recipient_signing_public
from exporter.signing import sign, verify


def test_the_signing_key_is_the_same_for_the_same_identity_and_differs_between_identities() -> None:
    identity = X25519Identity.generate()
    again = X25519Identity.parse(identity.secret_text())
    other = X25519Identity.generate()
    assert recipient_signing_public(identity) == recipient_signing_public(again)
    assert recipient_signing_public(identity).public != recipient_signing_public(other).public
    assert recipient_signing_public(identity).key_id != recipient_signing_public(other).key_id


def test_a_statement_signed_with_the_derived_key_verifies_only_with_its_public_key() -> None:
    identity, other = X25519Identity.generate(), X25519Identity.generate()
    signature = sign(b"statement\n", recipient_signing_key(identity), trusted_comment="receipt")
    assert verify(b"statement\n", signature, [recipient_signing_public(identity)]) is not None
    assert verify(b"statement\n", signature, [recipient_signing_public(other)]) is None


def test_age_own_info_cannot_be_derived() -> None:
    with pytest.raises(ValueError, match="own, non-empty info"):
        X25519Identity.generate().derive_secret(b"age-encryption.org/v1/X25519")


def test_the_key_set_code_covers_the_signing_key_and_is_the_age_code_without_one() -> None:
    identity = X25519Identity.generate()
    age = str(identity.recipient)
    line = recipient_signing_public(identity).minisign_line()
    other_line = recipient_signing_public(X25519Identity.generate()).minisign_line()
    assert key_set_check_code(age, None) == check_code(age) == key_set_check_code(age.upper(), "")
    assert key_set_check_code(age, line) != check_code(age)
    assert key_set_check_code(age, line) != key_set_check_code(age, other_line)
    assert key_set_check_code(age, line) == key_set_check_code(age.upper(), line + "\n")


@pytest.mark.skipif(shutil.which("minisign") is None, reason="Debian's minisign is installed by ./dev")
def test_debian_minisign_verifies_a_signature_of_the_derived_key(tmp_path: Path) -> None:
    key = recipient_signing_key(X25519Identity.generate(), name="受託事業者")
    (tmp_path / "m").write_bytes(b"receipt\n")
    (tmp_path / "m.minisig").write_bytes(sign(b"receipt\n", key, trusted_comment="receipt"))
    done = subprocess.run(
        ["minisign", "-Vm", str(tmp_path / "m"), "-P", key.public.minisign_line()], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
