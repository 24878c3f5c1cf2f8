"""The office's signatures in minisign's format, proven with Debian's minisign in both directions, and the office's
passphrase-protected signing key file (mode 0600, never overwritten, opened by Debian age with its passphrase)."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from key_tools import code_of
from oracle_tools import age_decrypt_passphrase, require_tool

from exporter.errors import DecryptionError, OutputError, PlanError
from exporter.signing import (
    SignatureError,
    SigningPublicKey,
    create_signing_key,
    load_signing_key,
    parse_public_key,
    sign,
    verify,
)

LOW_WORK = 10  # scrypt work factor for tests: milliseconds instead of a second
PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"
OFFICE = "架空市 市民課"
MESSAGE = '{"purpose": "架空の委託", "data": {"sha256": "00"}}\n'.encode()

pytestmark = pytest.mark.usefixtures("sentences_in_english")


def require_minisign() -> None:
    """Skip without Debian's minisign, but fail on CI, which installs it (./dev)."""
    if shutil.which("minisign") is None:
        if os.environ.get("CI"):
            pytest.fail("minisign missing on CI (apt-get install minisign)", pytrace=False)
        pytest.skip("minisign is not installed (apt-get install minisign)")


def minisign(*arguments: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["minisign", *map(str, arguments)], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, SigningPublicKey]:
    path = tmp_path / "office.key"
    public = create_signing_key(path, PASSPHRASE, comment=OFFICE, work_factor=LOW_WORK)
    (tmp_path / "office.pub").write_text(public.minisign_text(), encoding="utf-8")
    return path, public


def test_debian_minisign_verifies_what_exporter_signs_with_its_trusted_comment(tmp_path, office):
    require_minisign()
    key = load_signing_key(office[0], PASSPHRASE)
    (tmp_path / "manifest.json").write_bytes(MESSAGE)
    signature = sign(MESSAGE, key, trusted_comment=f"timestamp:1\tfile:manifest.json\toffice:{OFFICE}")
    (tmp_path / "manifest.json.minisig").write_bytes(signature)

    checked = minisign("-V", "-H", "-m", "manifest.json", "-p", "office.pub", cwd=tmp_path)

    assert checked.returncode == 0, checked.stderr
    assert f"Trusted comment: timestamp:1\tfile:manifest.json\toffice:{OFFICE}" in checked.stdout


def test_exporter_verifies_what_debian_minisign_signs_with_a_key_it_made(tmp_path):
    require_minisign()
    made = minisign("-G", "-W", "-p", "m.pub", "-s", "m.key", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (tmp_path / "file").write_bytes(MESSAGE)
    signed = minisign("-S", "-s", "m.key", "-m", "file", "-t", "signed by minisign", cwd=tmp_path)
    assert signed.returncode == 0, signed.stderr
    public = parse_public_key((tmp_path / "m.pub").read_text(encoding="utf-8"))

    result = verify(MESSAGE, (tmp_path / "file.minisig").read_bytes(), [public])

    assert result is not None
    assert result.key == public
    assert result.trusted_comment == "signed by minisign"
    comment = (tmp_path / "m.pub").read_text(encoding="utf-8").splitlines()[0]
    assert comment == f"untrusted comment: minisign public key {public.key_id_text}"  # the key id as minisign shows it
    with pytest.raises(SignatureError):
        verify(MESSAGE + b" ", (tmp_path / "file.minisig").read_bytes(), [public])


def test_a_legacy_minisign_signature_is_refused_in_one_sentence(tmp_path):
    require_minisign()
    minisign("-G", "-W", "-p", "m.pub", "-s", "m.key", cwd=tmp_path)
    (tmp_path / "file").write_bytes(MESSAGE)
    assert minisign("-S", "-l", "-s", "m.key", "-m", "file", cwd=tmp_path).returncode == 0
    public = parse_public_key((tmp_path / "m.pub").read_text(encoding="utf-8"))

    with pytest.raises(SignatureError, match="old format"):
        verify(MESSAGE, (tmp_path / "file.minisig").read_bytes(), [public])


def _signed(office: tuple[Path, SigningPublicKey]) -> bytes:
    return sign(MESSAGE, load_signing_key(office[0], PASSPHRASE), trusted_comment="timestamp:1\toffice:x")


def _changed_line(signature: bytes, line: int, change) -> bytes:  # type: ignore[no-untyped-def]
    lines = signature.decode().split("\n")
    lines[line] = change(lines[line])
    return "\n".join(lines).encode()


def _flip_in_base64(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[-1] ^= 1
    return base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda s: _changed_line(s, 2, lambda t: t.replace("office:x", "office:y")), id="trusted-comment"),
        pytest.param(lambda s: _changed_line(s, 1, _flip_in_base64), id="signature"),
        pytest.param(lambda s: _changed_line(s, 3, _flip_in_base64), id="comment-signature"),
    ],
)
def test_an_altered_signature_or_trusted_comment_is_refused_by_exporter_and_by_minisign(tmp_path, office, tamper):
    tampered = tamper(_signed(office))
    (tmp_path / "m").write_bytes(MESSAGE)
    (tmp_path / "m.minisig").write_bytes(tampered)

    with pytest.raises(SignatureError):
        verify(MESSAGE, tampered, [office[1]])
    if shutil.which("minisign"):
        assert minisign("-V", "-m", "m", "-p", "office.pub", cwd=tmp_path).returncode != 0


def test_an_altered_message_is_refused(office):
    with pytest.raises(SignatureError, match="does not match"):
        verify(MESSAGE.replace(b"00", b"01"), _signed(office), [office[1]])


def test_a_signature_by_a_key_not_trusted_is_unknown_not_refused(tmp_path, office):
    other = create_signing_key(tmp_path / "other.key", PASSPHRASE, comment="別の課", work_factor=LOW_WORK)

    assert verify(MESSAGE, _signed(office), [other]) is None
    assert verify(MESSAGE, _signed(office), [other, office[1]]) is not None


@pytest.mark.parametrize("garbage", [b"", b"not a signature", b"untrusted comment: x\n" * 4, b"\xff" * 100])
def test_what_is_not_a_minisign_signature_is_refused(office, garbage):
    with pytest.raises(SignatureError, match="minisign"):
        verify(MESSAGE, garbage, [office[1]])


def test_the_key_file_is_private_never_overwritten_and_opened_only_with_its_passphrase(tmp_path, office):
    path, public = office
    before = path.read_bytes()

    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(OutputError, match="already exists"):
        create_signing_key(path, PASSPHRASE, comment=OFFICE, work_factor=LOW_WORK)
    with pytest.raises(DecryptionError, match="passphrase does not open") as wrong:
        load_signing_key(path, "Vellum-quasar-7-Tundra-oboe-plinths")
    assert path.read_bytes() == before
    assert "Vellum" not in str(wrong.value) + str(wrong.value.hint)
    key = load_signing_key(path, PASSPHRASE)
    assert key.public == public
    assert key.name == OFFICE
    assert "_private" not in repr(key)


def test_debian_age_opens_the_key_file_with_its_passphrase_and_finds_only_the_key_text(tmp_path, office):
    require_tool("age")
    plain = age_decrypt_passphrase(office[0], PASSPHRASE).decode()

    lines = plain.splitlines()
    assert lines[0] == "exporter-signing-key-v1"
    assert lines[1] == f"name: {OFFICE}"
    assert lines[2] == f"public: {office[1].minisign_line()}"
    assert lines[3].startswith("secret: ")


def test_a_file_that_is_not_a_signing_key_is_refused_naming_it(tmp_path):
    (tmp_path / "office.pub").write_text("untrusted comment: x\nRWQ\n", encoding="utf-8")
    with pytest.raises(DecryptionError, match=r"office\.pub is not a signing key"):
        load_signing_key(tmp_path / "office.pub", PASSPHRASE)


def test_a_weak_passphrase_or_an_unprintable_name_makes_no_key(tmp_path):
    with pytest.raises(PlanError, match="too weak"):
        create_signing_key(tmp_path / "k", "1234", comment=OFFICE, work_factor=LOW_WORK)
    with pytest.raises(PlanError, match="line breaks"):
        create_signing_key(tmp_path / "k", PASSPHRASE, comment="市民課\n偽", work_factor=LOW_WORK)
    assert not (tmp_path / "k").exists()


def test_the_check_code_is_the_sha256_rule_over_the_public_key_line(office):
    public = office[1]
    assert public.check_code() == code_of(public.minisign_line().lower())
    assert parse_public_key(public.minisign_line()) == SigningPublicKey(public.key_id, public.public, "")
    assert parse_public_key(public.minisign_text()).comment == OFFICE


@pytest.mark.parametrize("text", ["", "RWQ", "age1qqqq", "AGE-SECRET-KEY-1QQQQ", "untrusted comment: x\n"])
def test_a_public_key_that_is_not_one_is_refused_without_repeating_it(text):
    with pytest.raises(PlanError) as refused:
        parse_public_key(text)
    assert "SECRET" not in str(refused.value)
