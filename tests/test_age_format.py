"""The age v1 envelope: round trips, streaming, key formats, tampering; pyrage as an independent oracle."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import pickle
import random
import re
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.envelope import (
    ScryptIdentity,
    ScryptRecipient,
    Stanza,
    X25519Identity,
    X25519Recipient,
    bech32,
    decrypt,
    encrypt,
    format_identity_file,
    parse_identity_file,
    parse_recipients_file,
)
from exporter.envelope import scrypt as scrypt_module
from exporter.envelope.header import b64decode, b64encode, encode_header
from exporter.errors import DecryptionError, EncryptionError

CHUNK = 64 * 1024
SEALED = CHUNK + 16
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 200_000]
LOW_WORK = 10  # scrypt work factor that keeps tests fast
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# From the age specification (c2sp.org/age): a fixed identity and the recipient it must yield.
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


def payload(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def seal(data: bytes, recipients: list, write_size: int | None = None) -> bytes:
    out = io.BytesIO()
    with encrypt(out, recipients) as writer:
        step = write_size or max(len(data), 1)
        for start in range(0, len(data), step):
            writer.write(data[start : start + step])
    return out.getvalue()


def unseal(blob: bytes, identities: list) -> bytes:
    return b"".join(decrypt(io.BytesIO(blob), identities))


def header_length(blob: bytes) -> int:
    mac_line = blob.index(b"\n--- ") + 1
    return blob.index(b"\n", mac_line) + 1


def armor(blob: bytes, eol: bytes = b"\n") -> bytes:
    text = base64.b64encode(blob)
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return eol.join([b"-----BEGIN AGE ENCRYPTED FILE-----", *lines, b"-----END AGE ENCRYPTED FILE-----", b""])


@pytest.fixture
def no_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any scrypt work is started: proves refusals happen before the expensive part."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("scrypt was called")

    monkeypatch.setattr(scrypt_module, "Scrypt", refuse)


# --- round trips ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_x25519_round_trip_keeps_every_byte(size: int) -> None:
    identity = X25519Identity.generate()
    data = payload(size)
    assert unseal(seal(data, [identity.recipient]), [identity]) == data


@pytest.mark.parametrize("size", SIZES)
def test_each_of_several_recipients_opens_the_file(size: int) -> None:
    identities = [X25519Identity.generate() for _ in range(3)]
    data = payload(size)
    blob = seal(data, [identity.recipient for identity in identities])
    for identity in identities:
        assert unseal(blob, [X25519Identity.generate(), identity]) == data


@pytest.mark.parametrize("size", SIZES)
def test_scrypt_round_trip_keeps_every_byte(size: int) -> None:
    data = payload(size)
    blob = seal(data, [ScryptRecipient("correct horse battery staple", work_factor=LOW_WORK)])
    assert unseal(blob, [ScryptIdentity("correct horse battery staple")]) == data


@pytest.mark.slow
def test_scrypt_at_the_default_work_factor_round_trips() -> None:
    blob = seal(b"resident data", [ScryptRecipient("correct horse battery staple")])
    assert b"-> scrypt " in blob
    assert b" 18\n" in blob
    assert unseal(blob, [ScryptIdentity("correct horse battery staple")]) == b"resident data"


@pytest.mark.parametrize(("size", "chunks"), [(0, 1), (1, 1), (CHUNK, 1), (CHUNK + 1, 2), (2 * CHUNK, 2)])
def test_payload_is_cut_into_64_kib_chunks_with_a_non_empty_last_one(size: int, chunks: int) -> None:
    identity = X25519Identity.generate()
    blob = seal(payload(size), [identity.recipient])
    assert len(blob) - header_length(blob) - 16 == size + 16 * chunks


def test_many_small_writes_give_the_same_plaintext_as_one_write() -> None:
    identity = X25519Identity.generate()
    data = payload(300_000)
    out = io.BytesIO()
    rng = random.Random(7)
    with encrypt(out, [identity.recipient]) as writer:
        view = memoryview(data)
        position = 0
        while position < len(data):
            step = rng.choice([0, 1, 7, 4096, CHUNK - 1, CHUNK, CHUNK + 3])
            piece = view[position : position + step]
            assert writer.write(bytearray(piece) if step % 2 else piece) == len(piece)
            position += len(piece)
    assert unseal(out.getvalue(), [identity]) == data


class Sink:
    """A destination that keeps only a running hash, so memory measurements see only the envelope."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return len(data)


def test_memory_stays_at_a_few_chunks_whatever_the_payload_size() -> None:
    identity = X25519Identity.generate()
    data = payload(8 * 1024 * 1024)
    view = memoryview(data)
    tracemalloc.start()
    try:
        sink = Sink()
        with encrypt(sink, [identity.recipient]) as writer:  # type: ignore[arg-type]
            for start in range(0, len(data), 1024 * 1024):
                writer.write(view[start : start + 1024 * 1024])
        encrypt_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    blob = seal(data, [identity.recipient])
    tracemalloc.start()
    try:
        total = sum(len(chunk) for chunk in decrypt(io.BytesIO(blob), [identity]))
        decrypt_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sink.size == len(blob)
    assert total == len(data)
    assert encrypt_peak < 1024 * 1024
    assert decrypt_peak < 1024 * 1024


def test_writer_accepts_any_buffer_and_counts_bytes() -> None:
    identity = X25519Identity.generate()
    out = io.BytesIO()
    writer = encrypt(out, [identity.recipient])
    words = memoryview(bytearray(range(8))).cast("H")
    assert writer.write(words) == 8
    writer.close()
    writer.close()
    assert not out.closed
    assert unseal(out.getvalue(), [identity]) == bytes(range(8))


def test_writing_after_close_is_a_programming_error() -> None:
    writer = encrypt(io.BytesIO(), [X25519Identity.generate().recipient])
    writer.close()
    with pytest.raises(ValueError, match="closed"):
        writer.write(b"late")


def test_an_exception_inside_the_writer_leaves_an_archive_that_does_not_open() -> None:
    identity = X25519Identity.generate()
    out = io.BytesIO()

    def export_that_fails() -> None:
        with encrypt(out, [identity.recipient]) as writer:
            writer.write(payload(100_000))
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        export_that_fails()
    with pytest.raises(DecryptionError):
        unseal(out.getvalue(), [identity])


def test_reader_read_and_readinto_return_the_payload_in_pieces() -> None:
    identity = X25519Identity.generate()
    data = payload(150_000)
    reader = decrypt(io.BytesIO(seal(data, [identity.recipient])), [identity])
    first = reader.read(10)
    buffer = bytearray(CHUNK + 5)
    count = reader.readinto(buffer)
    rest = reader.read()
    assert first + bytes(buffer[:count]) + rest == data
    assert reader.read(1) == b""


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
@pytest.mark.parametrize("size", [0, 200_000])
def test_armored_archives_are_detected_and_opened(size: int, eol: bytes) -> None:
    identity = X25519Identity.generate()
    data = payload(size)
    blob = armor(seal(data, [identity.recipient]), eol)
    assert unseal(b"\n  " + blob + b"\t\n", [identity]) == data


# --- failures ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [200_000, 2 * CHUNK])
def test_truncation_anywhere_raises_instead_of_ending_quietly(size: int) -> None:
    identity = X25519Identity.generate()
    blob = seal(payload(size), [identity.recipient])
    start = header_length(blob) + 16
    cuts = [header_length(blob), start - 8, len(blob) - 1, start + 100]
    cuts += range(start, len(blob), SEALED)  # every chunk boundary, including "no chunk at all"
    for cut in cuts:
        with pytest.raises(DecryptionError):
            unseal(blob[:cut], [identity])


def test_every_flipped_header_byte_is_refused() -> None:
    identity = X25519Identity.generate()
    blob = seal(b"x" * 1000, [identity.recipient])
    for position in range(header_length(blob)):
        damaged = bytearray(blob)
        damaged[position] ^= 0x01
        with pytest.raises(DecryptionError):
            unseal(bytes(damaged), [identity])


def test_flipped_payload_bytes_and_appended_data_are_refused() -> None:
    identity = X25519Identity.generate()
    blob = seal(payload(200_000), [identity.recipient])
    start = header_length(blob)
    for position in [start, start + 16, start + 16 + CHUNK, start + 16 + SEALED + 5, len(blob) - 1]:
        damaged = bytearray(blob)
        damaged[position] ^= 0x80
        with pytest.raises(DecryptionError, match="damaged or was altered"):
            unseal(bytes(damaged), [identity])
    for extra in [b"\x00", bytes(SEALED)]:
        with pytest.raises(DecryptionError, match="damaged or was altered"):
            unseal(blob + extra, [identity])


def test_a_wrong_key_or_passphrase_gets_one_plain_sentence() -> None:
    blob = seal(b"data", [X25519Identity.generate().recipient])
    with pytest.raises(DecryptionError, match=r"^No key or passphrase given opens this archive\.$"):
        unseal(blob, [X25519Identity.generate()])
    blob = seal(b"data", [ScryptRecipient("right", work_factor=LOW_WORK)])
    with pytest.raises(DecryptionError, match="No key or passphrase") as caught:
        unseal(blob, [ScryptIdentity("wrong")])
    assert "passphrase" in (caught.value.hint_text() or "")


def test_something_that_is_not_an_archive_is_named_as_such() -> None:
    with pytest.raises(DecryptionError, match="not an age-encrypted archive"):
        unseal(b"PK\x03\x04 a zip file", [X25519Identity.generate()])


def test_post_quantum_only_archive_is_refused_as_unsupported() -> None:
    file_key = os.urandom(16)
    stanza = Stanza("mlkem768x25519", (b64encode(os.urandom(1120)),), os.urandom(32))
    blob = encode_header([stanza], file_key) + os.urandom(16 + 32)
    with pytest.raises(DecryptionError, match=r"post-quantum.*not support"):
        unseal(blob, [X25519Identity.generate()])


def test_high_scrypt_work_factor_is_refused_before_any_scrypt_work(no_scrypt: None) -> None:
    stanza = Stanza("scrypt", (b64encode(os.urandom(16)), "30"), os.urandom(32))
    blob = encode_header([stanza], os.urandom(16)) + os.urandom(16 + 32)
    with pytest.raises(DecryptionError, match="more computing work") as caught:
        unseal(blob, [ScryptIdentity("correct horse battery staple")])
    assert "correct horse" not in str(caught.value) + (caught.value.hint_text() or "")


def test_scrypt_cannot_be_mixed_with_other_recipients(no_scrypt: None) -> None:
    recipients = [ScryptRecipient("pass phrase", work_factor=LOW_WORK), X25519Identity.generate().recipient]
    with pytest.raises(EncryptionError, match="passphrase cannot be combined"):
        encrypt(io.BytesIO(), recipients)
    with pytest.raises(EncryptionError, match="No recipient"):
        encrypt(io.BytesIO(), [])


def test_an_empty_passphrase_is_refused() -> None:
    with pytest.raises(EncryptionError, match="empty"):
        ScryptRecipient("")


# --- keys and key files -----------------------------------------------------------------------------------


def test_spec_identity_yields_spec_recipient() -> None:
    identity = X25519Identity.parse(SPEC_IDENTITY)
    assert str(identity.recipient) == SPEC_RECIPIENT
    assert identity.secret_text() == SPEC_IDENTITY
    assert X25519Recipient.parse(f"  {SPEC_RECIPIENT}\n") == identity.recipient
    assert hash(X25519Recipient.parse(SPEC_RECIPIENT)) == hash(identity.recipient)


@pytest.mark.parametrize("valid", ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "?1ezyfcl"])
def test_bech32_accepts_bip173_valid_strings(valid: str) -> None:
    hrp, _ = bech32.decode(valid)
    assert hrp == valid[: valid.rfind("1")]


@pytest.mark.parametrize("invalid", ["pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "a12UEL5L"])
def test_bech32_refuses_bip173_invalid_strings(invalid: str) -> None:
    with pytest.raises(bech32.Bech32Error):
        bech32.decode(invalid)


@given(st.binary(max_size=200), st.sampled_from(["age", "age-secret-key-", "x"]))
def test_bech32_round_trips_any_bytes(data: bytes, hrp: str) -> None:
    assert bech32.decode(bech32.encode(hrp, data)) == (hrp, data)


@given(st.binary(max_size=100))
def test_header_base64_is_canonical_and_unpadded(data: bytes) -> None:
    text = b64encode(data)
    assert "=" not in text
    assert b64decode(text) == data
    assert b64decode(text + "=") is None
    if len(text) % 4 in (2, 3):
        last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".index(text[-1])
        assert (
            b64decode(text[:-1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[last ^ 1]) is None
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SPEC_RECIPIENT[:10].upper() + SPEC_RECIPIENT[10:], "not a valid age recipient"),  # mixed case: not Bech32
        (SPEC_RECIPIENT[:-1] + "q", "not a valid age recipient"),
        (SPEC_IDENTITY, "secret key was given"),
        ("age1pq1" + "q" * 60, "Post-quantum"),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG", "SSH keys"),
    ],
)
def test_bad_recipients_are_explained_without_echoing_them(text: str, message: str) -> None:
    with pytest.raises(EncryptionError, match=message) as caught:
        X25519Recipient.parse(text)
    assert text not in str(caught.value)
    assert SPEC_IDENTITY[16:] not in str(caught.value) + (caught.value.hint_text() or "")


def test_an_all_upper_case_recipient_is_the_same_key_in_lower_case() -> None:
    # Bech32 (BIP 173) lets a string be all upper case; age writes lower case, so that is what is kept
    assert str(X25519Recipient.parse(f" {SPEC_RECIPIENT.upper()}\n")) == SPEC_RECIPIENT


def test_post_quantum_and_broken_identities_are_refused_without_echoing_them() -> None:
    pq_identity = "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG"
    with pytest.raises(DecryptionError, match=r"Post-quantum keys .* not supported"):
        X25519Identity.parse(pq_identity)
    broken = SPEC_IDENTITY[:-2] + "QQ"
    with pytest.raises(DecryptionError, match="not a valid age secret key") as caught:
        X25519Identity.parse(broken)
    assert broken[16:40] not in str(caught.value)


def test_identity_never_shows_its_secret() -> None:
    identity = X25519Identity.parse(SPEC_IDENTITY)
    secret_part = SPEC_IDENTITY[len("AGE-SECRET-KEY-1") :]
    for shown in (repr(identity), str(identity), f"{identity}", f"{identity!r}"):
        assert secret_part not in shown.upper()
        assert SPEC_RECIPIENT in shown
    with pytest.raises(TypeError):
        pickle.dumps(identity)
    assert "horse" not in repr(ScryptIdentity("horse")) + repr(ScryptRecipient("horse", work_factor=LOW_WORK))


@pytest.mark.parametrize(
    ("created", "stamp"),
    [
        (datetime(2026, 11, 24, 6, 5, 9, 123456, tzinfo=UTC), "2026-11-24T06:05:09Z"),
        (datetime(2026, 11, 24, 15, 5, 9, tzinfo=timezone(timedelta(hours=9))), "2026-11-24T15:05:09+09:00"),
    ],
)
def test_identity_file_has_age_keygen_layout_and_round_trips(created: datetime, stamp: str) -> None:
    identity = X25519Identity.parse(SPEC_IDENTITY)
    text = format_identity_file(identity, created)
    assert text == f"# created: {stamp}\n# public key: {SPEC_RECIPIENT}\n{SPEC_IDENTITY}\n"
    (parsed,) = parse_identity_file(text, "key.txt")
    assert parsed.secret_text() == SPEC_IDENTITY


def test_generated_identity_file_round_trips() -> None:
    identity = X25519Identity.generate()
    text = format_identity_file(identity, datetime.now())
    assert re.fullmatch(
        r"# created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)\n# public key: age1[0-9a-z]{58}\n"
        r"AGE-SECRET-KEY-1[0-9A-Z]{58}\n",
        text,
    )
    (parsed,) = parse_identity_file(text, "key.txt")
    assert parsed.recipient == identity.recipient


def test_identity_file_errors_name_file_and_line_but_not_the_key() -> None:
    broken = SPEC_IDENTITY[:-1] + "Q"
    text = f"# created: 2026-11-24T06:05:09Z\n\n{SPEC_IDENTITY}\n{broken}\n"
    with pytest.raises(DecryptionError, match=r"^keys\.txt, line 4: this is not a valid age secret key\.$"):
        parse_identity_file(text, "keys.txt")
    with pytest.raises(DecryptionError, match="holds no secret key"):
        parse_identity_file("# only a comment\n", "keys.txt")


def test_recipients_file_skips_comments_blank_lines_bom_and_crlf() -> None:
    other = X25519Identity.generate().recipient
    text = f"\ufeff# call centre\r\n{SPEC_RECIPIENT}\r\n\r\n   \n# backup key\n{other}\n"
    assert parse_recipients_file(text, "recipients.txt") == [X25519Recipient.parse(SPEC_RECIPIENT), other]


def test_recipients_file_errors_name_file_and_line() -> None:
    text = f"# keys\n{SPEC_RECIPIENT}\n\nage1notakey\n"
    with pytest.raises(EncryptionError, match=r"^recipients\.txt, line 4: this is not a valid age recipient"):
        parse_recipients_file(text, "recipients.txt")
    with pytest.raises(EncryptionError, match=r"line 2: a secret key was given") as caught:
        parse_recipients_file(f"\n{SPEC_IDENTITY}\n", "recipients.txt")
    assert SPEC_IDENTITY not in str(caught.value)
    with pytest.raises(EncryptionError, match="holds no recipient"):
        parse_recipients_file("\n# nobody\n", "recipients.txt")


def test_the_envelope_does_not_import_qt() -> None:
    code = "import sys, exporter.envelope; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- pyrage as an independent implementation --------------------------------------------------------------


@pytest.fixture(scope="module")
def pyrage():
    if os.environ.get("CI"):
        import pyrage

        return pyrage
    return pytest.importorskip("pyrage")


@pytest.mark.oracle
@pytest.mark.parametrize("size", [0, CHUNK, 200_000])
def test_pyrage_opens_what_we_encrypt_to_keys(pyrage, size: int) -> None:
    identities = [X25519Identity.generate() for _ in range(2)]
    data = payload(size)
    blob = seal(data, [identity.recipient for identity in identities])
    for identity in identities:
        assert pyrage.decrypt(blob, [pyrage.x25519.Identity.from_str(identity.secret_text())]) == data


@pytest.mark.oracle
@pytest.mark.parametrize("size", [0, CHUNK, 200_000])
def test_we_open_what_pyrage_encrypts_to_keys(pyrage, size: int) -> None:
    identity = X25519Identity.generate()
    data = payload(size)
    blob = pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(str(identity.recipient))])
    assert unseal(blob, [identity]) == data


@pytest.mark.oracle
def test_pyrage_opens_what_we_encrypt_to_a_passphrase(pyrage) -> None:
    data = payload(70_000)
    blob = seal(data, [ScryptRecipient("correct horse battery staple", work_factor=LOW_WORK)])
    assert pyrage.passphrase.decrypt(blob, "correct horse battery staple") == data


@pytest.mark.oracle
@pytest.mark.slow
def test_we_open_what_pyrage_encrypts_to_a_passphrase(pyrage) -> None:
    data = payload(70_000)
    blob = pyrage.passphrase.encrypt(data, "correct horse battery staple")
    assert unseal(blob, [ScryptIdentity("correct horse battery staple")]) == data
