"""One check code per key, the same wherever the key appears, derived from the whole key.

The expected codes are computed here from hashlib, following the documented rule (SHA-256 of the key text, as a
big-endian number, modulo 10^20, in five groups of four digits), never with exporter's own function.
"""

from __future__ import annotations

import pytest
from hostile_archives import exporter_zip, manifest_for, throwaway_key, write_archive
from key_tools import code_of, exporter

from exporter.envelope import X25519Identity, X25519Recipient
from exporter.keys import KeyCard, check_code

TIMEOUT = 120
# A fixed, valid public key written out as text, so the code of the very same key is checked on every run.
KNOWN_KEY = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef"


pytestmark = pytest.mark.usefixtures("sentences_in_english")


def test_a_known_key_has_the_code_the_documented_rule_gives():
    assert str(X25519Recipient.parse(KNOWN_KEY)) == KNOWN_KEY
    assert check_code(KNOWN_KEY) == code_of(KNOWN_KEY)
    assert KeyCard(KNOWN_KEY).check_code == code_of(KNOWN_KEY)


def test_the_code_ignores_case_and_outer_spaces_but_not_any_character_of_the_key():
    changed_in_the_middle = KNOWN_KEY[:30] + ("q" if KNOWN_KEY[30] != "q" else "p") + KNOWN_KEY[31:]

    assert check_code(f"  {KNOWN_KEY.upper()}\n") == code_of(KNOWN_KEY)
    assert check_code(changed_in_the_middle) != check_code(KNOWN_KEY)


@pytest.mark.parametrize("seed", range(20))
def test_keys_sharing_first_and_last_characters_get_different_codes(seed):
    first = str(X25519Identity.generate().recipient)
    second = first[:12] + str(X25519Identity.generate().recipient)[12:-6] + first[-6:]

    assert check_code(first) != check_code(second)


def test_an_archive_made_before_check_codes_still_opens_and_shows_the_code(tmp_path):
    key = throwaway_key(tmp_path)
    public = str(key.identity.recipient)
    manifest = manifest_for(recipients=[{"type": "X25519", "recipient": public}])
    write_archive(tmp_path, "old.zip.age", exporter_zip(manifest=manifest), key)

    result = exporter("decrypt", "old.zip.age", "--identity", key.path, "--output", "opened", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"exporter: for {public}: check code {code_of(public)}" in result.stderr.splitlines()


def test_the_code_shown_is_computed_from_the_key_not_taken_from_the_manifest(tmp_path):
    key = throwaway_key(tmp_path)
    public = str(key.identity.recipient)
    claimed = "0000-0000-0000-0000-0000"
    entry = {"type": "X25519", "recipient": public, "check_code": claimed, "role": "recipient", "name": "Clinic"}
    write_archive(tmp_path, "a.zip.age", exporter_zip(manifest=manifest_for(recipients=[entry])), key)

    result = exporter("decrypt", "a.zip.age", "--identity", key.path, "--output", "opened", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"exporter: for Clinic: check code {code_of(public)}" in result.stderr.splitlines()
    assert claimed not in result.stderr


def test_a_manifest_check_code_of_the_wrong_shape_is_refused(tmp_path):
    key = throwaway_key(tmp_path)
    entry = {"type": "X25519", "recipient": str(key.identity.recipient), "check_code": "\x1b[2J"}
    write_archive(tmp_path, "a.zip.age", exporter_zip(manifest=manifest_for(recipients=[entry])), key)

    result = exporter("decrypt", "a.zip.age", "--identity", key.path, "--output", "opened", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "exporter: error: The manifest in a.zip.age has an invalid “recipients[0].check_code”."
    ]
    assert not (tmp_path / "opened").exists()
