"""Our age envelope interoperates with age implementations we did not write.

Oracles: Debian ``age`` 1.1.1 (Go, the reference), ``pyrage`` (Rust) and npm ``age-encryption`` (TypeScript),
driven through ``oracle_tools``. Each direction runs at payload sizes around the 64 KiB chunk boundary; the
passphrase cases run at one or two sizes, because the oracles' own scrypt costs about a second each.

The first section checks the harness itself, oracle against oracle, so a failure further down points at our
envelope and not at the way a tool is driven.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from oracle_tools import (
    OracleError,
    Tool,
    age_decrypt,
    age_decrypt_passphrase,
    age_encrypt_passphrase,
    age_encrypt_to,
    age_keygen,
    age_recipient_of,
    node_decrypt,
    node_encrypt,
    node_keygen,
    require_tool,
    run_in_pty,
    tool_missing_reason,
)

from exporter.envelope import (
    Identity,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    format_identity_file,
    parse_identity_file,
)
from exporter.errors import DecryptionError

pytestmark = pytest.mark.oracle

SIZES = [0, 1, 65535, 65536, 65537, 200_000]
PASSPHRASE = "correct horse battery staple 電池"  # non-ASCII on purpose: every tool must agree on UTF-8
LOW_WORK_FACTOR = 10  # for the scrypt stanzas we write: every oracle accepts it, and it costs milliseconds


def payload(size: int) -> bytes:
    """``size`` random bytes from a generator seeded by the size, so a failure reproduces."""
    return random.Random(f"interop-{size}").randbytes(size)


@dataclass(frozen=True)
class Key:
    """An X25519 key pair made by age-keygen: its identity file, secret line and recipient."""

    path: Path
    secret: str
    recipient: str


@pytest.fixture(scope="module")
def age_cli() -> None:
    require_tool("age")


@pytest.fixture(scope="module")
def node_oracle() -> None:
    require_tool("node")


@pytest.fixture(scope="module")
def pyrage_oracle() -> None:
    require_tool("pyrage")


@pytest.fixture(scope="module")
def age_key(tmp_path_factory: pytest.TempPathFactory, age_cli: None) -> Key:
    path = tmp_path_factory.mktemp("age-key") / "key.txt"
    recipient = age_keygen(path)
    secrets = [line for line in path.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-1")]
    assert len(secrets) == 1
    return Key(path=path, secret=secrets[0], recipient=recipient)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------------------------------------
# The harness, oracle against oracle


def test_harness_age_cli_to_pyrage(age_key: Key, pyrage_oracle: None) -> None:
    import pyrage

    data = payload(65537)
    ciphertext = age_encrypt_to(age_key.recipient, data)
    assert ciphertext.startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert pyrage.decrypt(ciphertext, [pyrage.x25519.Identity.from_str(age_key.secret)]) == data


def test_harness_node_to_age_cli_two_recipients(age_key: Key, node_oracle: None, tmp_path: Path) -> None:
    data = payload(65536)
    _, other = node_keygen()
    ciphertext = node_encrypt(data, recipients=[other, age_key.recipient])
    assert age_decrypt(write(tmp_path, "n.age", ciphertext), age_key.path) == data


def test_harness_age_cli_armored_to_node(age_key: Key, node_oracle: None) -> None:
    data = payload(1)
    ciphertext = age_encrypt_to(age_key.recipient, data, armor=True)
    assert ciphertext.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert node_decrypt(ciphertext, identity_files=[age_key.path]) == data


def test_harness_node_armored_to_age_cli_empty(age_key: Key, node_oracle: None, tmp_path: Path) -> None:
    ciphertext = node_encrypt(b"", recipients=[age_key.recipient], armor=True)
    assert ciphertext.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert age_decrypt(write(tmp_path, "n.age", ciphertext), age_key.path) == b""


def test_harness_node_passphrase_to_age_cli_pty(age_cli: None, node_oracle: None, tmp_path: Path) -> None:
    data = payload(65537)
    ciphertext = node_encrypt(data, passphrase=PASSPHRASE, work_factor=LOW_WORK_FACTOR)
    assert f" {LOW_WORK_FACTOR}\n".encode() in ciphertext.split(b"\n---", 1)[0]
    assert age_decrypt_passphrase(write(tmp_path, "p.age", ciphertext), PASSPHRASE) == data


def test_harness_age_cli_passphrase_pty_to_pyrage(age_cli: None, pyrage_oracle: None) -> None:
    import pyrage

    data = payload(0)
    ciphertext = age_encrypt_passphrase(data, PASSPHRASE, armor=True)
    assert ciphertext.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert pyrage.passphrase.decrypt(ciphertext, PASSPHRASE) == data


def test_harness_pty_wrong_passphrase_is_an_error_without_the_secret(
    age_cli: None, node_oracle: None, tmp_path: Path
) -> None:
    ciphertext = node_encrypt(b"x", passphrase=PASSPHRASE, work_factor=LOW_WORK_FACTOR)
    wrong = "wrong-passphrase-do-not-print"
    with pytest.raises(OracleError, match="incorrect passphrase") as info:
        age_decrypt_passphrase(write(tmp_path, "p.age", ciphertext), wrong)
    assert wrong not in str(info.value)


def test_harness_pty_gives_up_on_a_silent_program(tmp_path: Path) -> None:
    with pytest.raises(OracleError, match="no answer within"):
        run_in_pty(["sleep", "5"], [], timeout=0.5)


def test_harness_pty_types_into_a_terminal_stdin(tmp_path: Path) -> None:
    # The child must see a terminal on stdin and no controlling terminal it could reach behind our back.
    script = (
        "import os, sys; "
        "print('tty' if os.isatty(0) else 'notty', file=sys.stderr); "
        "sys.stderr.write('Name: '); sys.stderr.flush(); "
        "line = sys.stdin.readline(); "
        "sys.stdout.write(line.upper())"
    )
    run = run_in_pty([sys.executable, "-c", script], [(b"Name: ", "kyoto")], timeout=10)
    assert run.returncode == 0, run.transcript
    assert run.stdout == b"KYOTO\n"
    assert run.transcript.startswith("tty")


@pytest.mark.parametrize("tool", ["age", "node", "pyrage"])
def test_harness_missing_tool_skips_locally_and_fails_on_ci(tool: Tool, monkeypatch: pytest.MonkeyPatch) -> None:
    import oracle_tools

    for name in ("have_age", "have_node_oracles", "have_pyrage"):
        monkeypatch.setattr(oracle_tools, name, lambda: False)
    assert tool_missing_reason(tool)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="oracle missing"):
        require_tool(tool)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="oracle missing on CI"):
        require_tool(tool)


# ----------------------------------------------------------------------------------------------------------
# Our envelope against the oracles

WRITE_PIECE = 8191  # ours is fed in odd pieces, so chunk boundaries never line up with write() calls
PASSPHRASE_SIZES = [0, 65537]


def ours_encrypt(data: bytes, recipients: Sequence[Recipient]) -> bytes:
    out = io.BytesIO()
    with encrypt(out, recipients) as writer:
        for start in range(0, len(data), WRITE_PIECE):  # no write() at all for the empty payload
            writer.write(data[start : start + WRITE_PIECE])
    assert not out.closed, "closing the age writer must not close its destination"
    return out.getvalue()


def ours_decrypt(ciphertext: bytes, identities: Sequence[Identity]) -> bytes:
    return b"".join(decrypt(io.BytesIO(ciphertext), identities))


@dataclass(frozen=True)
class Direction:
    """One way across: ``tool`` is the oracle it needs, ``run`` does its half, at each of ``sizes``."""

    name: str
    tool: Tool
    run: Callable[..., bytes]
    sizes: Sequence[int] = tuple(SIZES)


def cases(directions: Sequence[Direction]) -> list[Any]:
    return [pytest.param(d, size, id=f"{d.name}-{size}") for d in directions for size in d.sizes]


# Ours encrypted to the age-keygen key; the oracle decrypts.  run(ciphertext, key, tmp_path) -> plaintext


def _age_cli_decrypts(ciphertext: bytes, key: Key, tmp_path: Path) -> bytes:
    return age_decrypt(write(tmp_path, "ours.age", ciphertext), key.path)


def _pyrage_decrypts(ciphertext: bytes, key: Key, tmp_path: Path) -> bytes:
    import pyrage

    return pyrage.decrypt(ciphertext, [pyrage.x25519.Identity.from_str(key.secret)])


def _node_decrypts(ciphertext: bytes, key: Key, tmp_path: Path) -> bytes:
    return node_decrypt(ciphertext, identities=[key.secret])


OURS_TO_ORACLE_X25519 = [
    Direction("ours_to_age_cli", "age", _age_cli_decrypts),
    Direction("ours_to_pyrage", "pyrage", _pyrage_decrypts),
    Direction("ours_to_node", "node", _node_decrypts),
]


# The oracle encrypts to the age-keygen key; ours decrypts.  run(plaintext, key) -> ciphertext


def _age_cli_encrypts(data: bytes, key: Key, *, armor: bool = False) -> bytes:
    return age_encrypt_to(key.recipient, data, armor=armor)


def _pyrage_encrypts(data: bytes, key: Key, *, armor: bool = False) -> bytes:
    import pyrage

    return pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(key.recipient)], armored=armor)


def _node_encrypts(data: bytes, key: Key, *, armor: bool = False) -> bytes:
    return node_encrypt(data, recipients=[key.recipient], armor=armor)


ORACLE_TO_OURS_X25519 = [
    Direction("age_cli_to_ours", "age", _age_cli_encrypts),
    Direction("age_cli_armored_to_ours", "age", partial(_age_cli_encrypts, armor=True)),
    Direction("pyrage_to_ours", "pyrage", _pyrage_encrypts),
    Direction("pyrage_armored_to_ours", "pyrage", partial(_pyrage_encrypts, armor=True)),
    Direction("node_to_ours", "node", _node_encrypts),
    Direction("node_armored_to_ours", "node", partial(_node_encrypts, armor=True)),
]


# Ours encrypted with PASSPHRASE at LOW_WORK_FACTOR; the oracle decrypts.  run(ciphertext, tmp) -> plaintext


def _age_cli_pty_decrypts_passphrase(ciphertext: bytes, tmp_path: Path) -> bytes:
    return age_decrypt_passphrase(write(tmp_path, "ours.age", ciphertext), PASSPHRASE)


def _pyrage_decrypts_passphrase(ciphertext: bytes, tmp_path: Path) -> bytes:
    import pyrage

    return pyrage.passphrase.decrypt(ciphertext, PASSPHRASE)


def _node_decrypts_passphrase(ciphertext: bytes, tmp_path: Path) -> bytes:
    return node_decrypt(ciphertext, passphrase=PASSPHRASE)


OURS_TO_ORACLE_PASSPHRASE = [
    Direction("ours_passphrase_to_age_cli_pty", "age", _age_cli_pty_decrypts_passphrase, PASSPHRASE_SIZES),
    Direction("ours_passphrase_to_pyrage", "pyrage", _pyrage_decrypts_passphrase, PASSPHRASE_SIZES),
    Direction("ours_passphrase_to_node", "node", _node_decrypts_passphrase, PASSPHRASE_SIZES),
]


# The oracle encrypts with PASSPHRASE; ours decrypts.  run(plaintext) -> ciphertext
# age and pyrage choose work factor 18 themselves (about a second on each side), so each runs at one size;
# node takes a low work factor, which ours must accept as well.


def _age_cli_pty_encrypts_passphrase(data: bytes, *, armor: bool = False) -> bytes:
    return age_encrypt_passphrase(data, PASSPHRASE, armor=armor)


def _pyrage_encrypts_passphrase(data: bytes) -> bytes:
    import pyrage

    return pyrage.passphrase.encrypt(data, PASSPHRASE)


def _node_encrypts_passphrase(data: bytes, *, armor: bool = False) -> bytes:
    return node_encrypt(data, passphrase=PASSPHRASE, work_factor=LOW_WORK_FACTOR, armor=armor)


ORACLE_TO_OURS_PASSPHRASE = [
    Direction("age_cli_pty_passphrase_to_ours", "age", _age_cli_pty_encrypts_passphrase, [65537]),
    Direction(
        "age_cli_pty_passphrase_armored_to_ours",
        "age",
        partial(_age_cli_pty_encrypts_passphrase, armor=True),
        [0],
    ),
    Direction("pyrage_passphrase_to_ours", "pyrage", _pyrage_encrypts_passphrase, [65536]),
    Direction("node_passphrase_to_ours", "node", _node_encrypts_passphrase, PASSPHRASE_SIZES),
    Direction(
        "node_passphrase_armored_to_ours",
        "node",
        partial(_node_encrypts_passphrase, armor=True),
        PASSPHRASE_SIZES,
    ),
]


@pytest.mark.parametrize(("direction", "size"), cases(OURS_TO_ORACLE_X25519))
def test_ours_x25519_opens_with_oracle(direction: Direction, size: int, age_key: Key, tmp_path: Path) -> None:
    require_tool(direction.tool)
    data = payload(size)
    ciphertext = ours_encrypt(data, [X25519Recipient.parse(age_key.recipient)])
    assert direction.run(ciphertext, age_key, tmp_path) == data


@pytest.mark.parametrize(("direction", "size"), cases(ORACLE_TO_OURS_X25519))
def test_oracle_x25519_opens_with_ours(direction: Direction, size: int, age_key: Key) -> None:
    require_tool(direction.tool)
    data = payload(size)
    ciphertext = direction.run(data, age_key)
    assert ours_decrypt(ciphertext, [X25519Identity.parse(age_key.secret)]) == data


@pytest.mark.parametrize(("direction", "size"), cases(OURS_TO_ORACLE_PASSPHRASE))
def test_ours_passphrase_opens_with_oracle(direction: Direction, size: int, tmp_path: Path) -> None:
    require_tool(direction.tool)
    data = payload(size)
    ciphertext = ours_encrypt(data, [ScryptRecipient(PASSPHRASE, work_factor=LOW_WORK_FACTOR)])
    assert ciphertext.split(b"\n")[1].endswith(f" {LOW_WORK_FACTOR}".encode())
    assert direction.run(ciphertext, tmp_path) == data


@pytest.mark.parametrize(("direction", "size"), cases(ORACLE_TO_OURS_PASSPHRASE))
def test_oracle_passphrase_opens_with_ours(direction: Direction, size: int) -> None:
    require_tool(direction.tool)
    data = payload(size)
    ciphertext = direction.run(data)
    assert ours_decrypt(ciphertext, [ScryptIdentity(PASSPHRASE)]) == data


def test_ours_to_several_recipients_opens_with_each_oracle(
    age_key: Key, node_oracle: None, pyrage_oracle: None, tmp_path: Path
) -> None:
    import pyrage

    node_secret, node_recipient = node_keygen()
    pyrage_key = pyrage.x25519.Identity.generate()
    recipients = [node_recipient, str(pyrage_key.to_public()), age_key.recipient]
    data = payload(65537)
    ciphertext = ours_encrypt(data, [X25519Recipient.parse(r) for r in recipients])
    assert ciphertext.count(b"\n-> X25519 ") == 3
    assert age_decrypt(write(tmp_path, "o.age", ciphertext), age_key.path) == data
    assert pyrage.decrypt(ciphertext, [pyrage_key]) == data
    assert node_decrypt(ciphertext, identities=[node_secret]) == data


def test_oracle_to_several_recipients_opens_with_ours_holding_several_identities(
    age_key: Key, node_oracle: None
) -> None:
    node_secret, node_recipient = node_keygen()
    data = payload(65536)
    ciphertext = age_encrypt_to([node_recipient, age_key.recipient], data)
    unrelated = X25519Identity.generate()
    # The matching identity is last and its stanza is second: ours must try every pair.
    assert ours_decrypt(ciphertext, [unrelated, X25519Identity.parse(age_key.secret)]) == data
    assert ours_decrypt(ciphertext, [X25519Identity.parse(node_secret)]) == data


def ssh_public_keys() -> list[str]:
    """An ssh-ed25519 and an ssh-rsa public key line, as in ~/.ssh/*.pub (age accepts both as recipients)."""
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    keys = [ed25519.Ed25519PrivateKey.generate(), rsa.generate_private_key(public_exponent=65537, key_size=2048)]
    return [k.public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode() for k in keys]


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
def test_age_cli_header_with_many_and_foreign_stanzas_opens_with_ours(age_key: Key, armor: bool) -> None:
    # 40 X25519 stanzas make a header of about 4 KB; ssh-ed25519 and ssh-rsa stanzas are types ours skips.
    ours = [X25519Identity.generate() for _ in range(40)]
    recipients = [*ssh_public_keys(), *(str(i.recipient) for i in ours), age_key.recipient]
    data = payload(65537)
    ciphertext = age_encrypt_to(recipients, data, armor=armor)
    for identity in (ours[0], ours[-1], X25519Identity.parse(age_key.secret)):
        assert ours_decrypt(ciphertext, [identity]) == data


# ----------------------------------------------------------------------------------------------------------
# Keys and identity files


def test_age_keygen_identity_file_parses_with_ours(age_key: Key) -> None:
    identities = parse_identity_file(age_key.path.read_text(encoding="utf-8"), str(age_key.path))
    assert len(identities) == 1
    assert str(identities[0].recipient) == age_key.recipient
    assert identities[0].secret_text() == age_key.secret
    data = payload(65537)
    assert ours_decrypt(age_encrypt_to(age_key.recipient, data), identities) == data


def test_key_text_case_rules_against_age_cli(age_key: Key, tmp_path: Path) -> None:
    # Bech32 allows all upper or all lower case. age wants age1... lower; we also take a clerk's AGE1... (read off a
    # printed card, typed with caps lock) and write it in age's lower case, so what age reads is what age writes.
    upper_recipient = age_key.recipient.upper()
    with pytest.raises(OracleError, match="unknown recipient type"):
        age_encrypt_to(upper_recipient, b"x")
    assert str(X25519Recipient.parse(upper_recipient)) == age_key.recipient
    upper_made = write(tmp_path, "upper.age", ours_encrypt(b"x", [X25519Recipient.parse(upper_recipient)]))
    assert age_decrypt(upper_made, age_key.path) == b"x"
    lower_key = write(tmp_path, "lower.txt", age_key.secret.lower().encode() + b"\n")
    encrypted = write(tmp_path, "x.age", age_encrypt_to(age_key.recipient, b"x"))
    with pytest.raises(OracleError, match="unknown identity type"):
        age_decrypt(encrypted, lower_key)
    with pytest.raises(DecryptionError):
        X25519Identity.parse(age_key.secret.lower())


def test_age_keygen_identity_file_with_windows_line_ends_parses_with_ours(age_key: Key, tmp_path: Path) -> None:
    crlf = tmp_path / "key-crlf.txt"
    crlf.write_bytes(age_key.path.read_bytes().replace(b"\n", b"\r\n"))
    assert age_recipient_of(crlf) == age_key.recipient  # age reads it
    identities = parse_identity_file(crlf.read_bytes().decode("utf-8"), str(crlf))
    assert [str(i.recipient) for i in identities] == [age_key.recipient]


def test_our_identity_file_opens_with_age_cli_and_node(age_cli: None, node_oracle: None, tmp_path: Path) -> None:
    identity = X25519Identity.generate()
    path = tmp_path / "key.txt"
    path.write_text(format_identity_file(identity, datetime.now(UTC)), encoding="utf-8")
    assert age_recipient_of(path) == str(identity.recipient)
    data = payload(65537)
    ciphertext = ours_encrypt(data, [identity.recipient])
    assert age_decrypt(write(tmp_path, "o.age", ciphertext), path) == data
    assert node_decrypt(ciphertext, identity_files=[path]) == data


def test_node_keys_match_ours(node_oracle: None) -> None:
    secret, recipient = node_keygen()
    identity = X25519Identity.parse(secret)
    assert str(identity.recipient) == recipient
    assert identity.secret_text() == secret
    assert X25519Recipient.parse(recipient) == identity.recipient


def test_our_generated_key_matches_pyrage(pyrage_oracle: None) -> None:
    import pyrage

    identity = X25519Identity.generate()
    theirs = pyrage.x25519.Identity.from_str(identity.secret_text())
    assert str(theirs.to_public()) == str(identity.recipient)


# ----------------------------------------------------------------------------------------------------------
# What an oracle made, but not for us, stays closed


def test_age_file_for_another_key_does_not_open_with_ours(age_key: Key) -> None:
    ciphertext = age_encrypt_to(age_key.recipient, payload(100))
    with pytest.raises(DecryptionError):
        ours_decrypt(ciphertext, [X25519Identity.generate()])


def test_node_passphrase_file_does_not_open_with_a_wrong_passphrase(node_oracle: None) -> None:
    ciphertext = node_encrypt(payload(100), passphrase=PASSPHRASE, work_factor=LOW_WORK_FACTOR)
    with pytest.raises(DecryptionError):
        ours_decrypt(ciphertext, [ScryptIdentity(PASSPHRASE + " ")])


def payload_start(ciphertext: bytes) -> int:
    """Offset of the first payload chunk: after the header's MAC line and the 16-byte nonce."""
    return ciphertext.index(b"\n---") + ciphertext[ciphertext.index(b"\n---") + 1 :].index(b"\n") + 2 + 16


SEALED_CHUNK = 65536 + 16


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda ct: ct[: payload_start(ct)], id="no_payload"),
        pytest.param(lambda ct: ct[: payload_start(ct) + SEALED_CHUNK], id="after_first_chunk"),
        pytest.param(lambda ct: ct[: payload_start(ct) + 2 * SEALED_CHUNK], id="after_second_chunk"),
        pytest.param(lambda ct: ct[: payload_start(ct) + SEALED_CHUNK + 100], id="inside_second_chunk"),
        pytest.param(lambda ct: ct[:-1], id="last_byte"),
        pytest.param(lambda ct: ct + b"\x00", id="byte_appended"),
        pytest.param(lambda ct: ct + ct[payload_start(ct) :][-17:], id="tail_repeated"),
    ],
)
def test_truncated_or_extended_age_file_fails_with_age_and_ours(
    cut: Callable[[bytes], bytes], age_key: Key, tmp_path: Path
) -> None:
    data = payload(200_000)  # three chunks: 65536, 65536, 68928 -> the last one short
    damaged = cut(age_encrypt_to(age_key.recipient, data))
    with pytest.raises(OracleError):
        age_decrypt(write(tmp_path, "bad.age", damaged), age_key.path)
    released = bytearray()
    with pytest.raises(DecryptionError):  # noqa: PT012 - chunks before the damage may come out
        for chunk in decrypt(io.BytesIO(damaged), [X25519Identity.parse(age_key.secret)]):
            released += chunk
    assert bytes(released) == data[: len(released)]
    assert len(released) < len(data)


@pytest.mark.parametrize("size", [*SIZES, 131072])
def test_ours_x25519_in_one_write_opens_with_age_cli(size: int, age_key: Key, tmp_path: Path) -> None:
    data = payload(size)
    out = io.BytesIO()
    with encrypt(out, [X25519Recipient.parse(age_key.recipient)]) as writer:
        assert writer.write(data) == size
    assert age_decrypt(write(tmp_path, "o.age", out.getvalue()), age_key.path) == data


def test_age_file_with_a_flipped_payload_byte_fails_like_age(age_key: Key, tmp_path: Path) -> None:
    data = payload(65537)
    ciphertext = bytearray(age_encrypt_to(age_key.recipient, data))
    ciphertext[-5] ^= 0x01  # inside the last (short) chunk's tag
    with pytest.raises(OracleError):
        age_decrypt(write(tmp_path, "bad.age", bytes(ciphertext)), age_key.path)
    released = bytearray()
    with pytest.raises(DecryptionError):  # noqa: PT012 - the chunks before the damage may come out
        for chunk in decrypt(io.BytesIO(bytes(ciphertext)), [X25519Identity.parse(age_key.secret)]):
            released += chunk
    assert bytes(released) == data[: len(released)]
    assert len(released) <= 65536, "the damaged chunk itself must never be released"


# ----------------------------------------------------------------------------------------------------------
# Streams and armor variants the oracles produce or accept


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda armored: armored.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda armored: armored + b"\n \t\r\n", id="trailing_whitespace"),
        pytest.param(lambda armored: armored.rstrip(b"\n"), id="no_final_newline"),
    ],
)
def test_armor_variants_age_accepts_open_with_ours(
    variant: Callable[[bytes], bytes], age_key: Key, tmp_path: Path
) -> None:
    data = payload(65537)
    armored = variant(age_encrypt_to(age_key.recipient, data, armor=True))
    assert age_decrypt(write(tmp_path, "v.age", armored), age_key.path) == data  # the variant is valid
    assert ours_decrypt(armored, [X25519Identity.parse(age_key.secret)]) == data


def test_age_cli_streams_through_a_raw_pipe_into_ours(age_key: Key, tmp_path: Path) -> None:
    # An unbuffered pipe returns short reads: ours must assemble chunks from whatever read() gives.
    data = payload(200_000)
    source = write(tmp_path, "plain.bin", data)
    with subprocess.Popen(["age", "-r", age_key.recipient, source], stdout=subprocess.PIPE, bufsize=0) as proc:
        assert proc.stdout is not None
        plaintext = b"".join(decrypt(proc.stdout, [X25519Identity.parse(age_key.secret)]))
    assert proc.returncode == 0
    assert plaintext == data


def test_ours_streams_through_a_raw_pipe_into_age_cli(age_key: Key, tmp_path: Path) -> None:
    data = payload(200_000)
    out_path = tmp_path / "out.bin"
    with (
        open(out_path, "wb") as out,
        subprocess.Popen(["age", "-d", "-i", age_key.path], stdin=subprocess.PIPE, stdout=out, bufsize=0) as proc,
    ):
        assert proc.stdin is not None
        with encrypt(proc.stdin, [X25519Recipient.parse(age_key.recipient)]) as writer:
            for start in range(0, len(data), WRITE_PIECE):
                writer.write(data[start : start + WRITE_PIECE])
        proc.stdin.close()
    assert proc.returncode == 0
    assert out_path.read_bytes() == data
