"""The office's signatures on its archives, in minisign's format, so that a tool we did not write can check them.

Formats (https://jedisct1.github.io/minisign/, followed here from that page, no code copied):

    public key file     untrusted comment: <text>
                        base64("Ed" || key_id (8 bytes) || Ed25519 public key (32 bytes))
    signature file      untrusted comment: <text>
                        base64("ED" || key_id || Ed25519 signature of BLAKE2b-512(message))
                        trusted comment: <text>
                        base64(Ed25519 signature of (the signature above || the trusted comment's bytes))

Only prehashed signatures ("ED", what minisign 0.10 and later write) are made and accepted. The trusted comment
is covered by the second signature, so neither the message nor the comment can change without notice; the
untrusted comment can. Debian's ``minisign -Vm FILE -p KEY.pub`` verifies what :func:`sign` writes, and
:func:`verify` accepts what ``minisign -S`` writes (tests/test_signing.py runs both).

The office's **secret key file** reuses the recipients' passphrase-protected key files (:mod:`exporter.keys.identity`):
this module's text (below) encrypted as an age v1 file to one scrypt passphrase, mode 0600, never over an
existing file, so ``age -d`` with the passphrase shows it and nothing else can read it:

    exporter-signing-key-v1
    name: <the office, as the key card and the trusted comments name it>
    public: <the public key line, RW...>
    secret: <base64(key_id || Ed25519 seed (32 bytes))>

No secret (seed, passphrase) ever reaches an error, a repr or an output.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from exporter.display import is_safe
from exporter.errors import DecryptionError, OutputError, PlanError
from exporter.keyfiles import IDENTITY_FILE, read_small_data
from exporter.keys.check_code import check_code as _check_code
from exporter.messages import msg

if TYPE_CHECKING:
    from exporter.plan import ExportPlan

DEFAULT_WORK_FACTOR = 18  # scrypt, as the recipients' key files (about a second)
MAX_WORK_FACTOR = 22
MAX_SIGNATURE_BYTES = 16 << 10  # minisign allows 1 KiB of untrusted and 8 KiB of trusted comment
MAX_NAME = 200
_PUBLIC_ALGORITHM = b"Ed"
_PREHASHED = b"ED"
_LEGACY = b"Ed"
_UNTRUSTED = "untrusted comment: "
_TRUSTED = "trusted comment: "
_KEY_FILE_MAGIC = "exporter-signing-key-v1"


class SignatureError(DecryptionError):
    """A signature that does not verify (the signed text or the signature was altered), or is not one at all."""


@dataclass(frozen=True)
class SigningPublicKey:
    """An office's public signing key: minisign's 8-byte key id and the 32-byte Ed25519 key; ``comment`` is the
    untrusted comment it came with (the office's name when exporter made it)."""

    key_id: bytes
    public: bytes
    comment: str = ""

    def minisign_line(self) -> str:
        """The key as minisign writes it: ``RW...`` (base64 of "Ed", key id and key)."""
        return base64.b64encode(_PUBLIC_ALGORITHM + self.key_id + self.public).decode("ascii")

    def minisign_text(self) -> str:
        """A minisign public key file: ``untrusted comment: ...`` and the key line, each ending in a line feed."""
        comment = self.comment or f"minisign public key {self.key_id_text}"
        return f"{_UNTRUSTED}{comment}\n{self.minisign_line()}\n"

    def check_code(self) -> str:
        """The check code (:func:`exporter.keys.check_code`) of the key line: what is read on the phone."""
        return _check_code(self.minisign_line())

    @property
    def key_id_text(self) -> str:
        """The key id as minisign 0.11 shows it: the id read as a little-endian number, in upper-case hex without
        leading zeros."""
        return f"{int.from_bytes(self.key_id, 'little'):X}"


@dataclass(frozen=True)
class SigningKey:
    """An office's secret signing key, opened with its passphrase; ``name`` is the office it signs for."""

    public: SigningPublicKey
    name: str
    _private: Ed25519PrivateKey = field(repr=False, compare=False)

    def sign_raw(self, data: bytes) -> bytes:
        """The Ed25519 signature (64 bytes) of ``data``."""
        return self._private.sign(data)


@dataclass(frozen=True)
class SignedBy:
    """A signature that verified: the trusted key that made it, and its trusted comment."""

    key: SigningPublicKey
    trusted_comment: str


@dataclass(frozen=True)
class _Signature:
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def create_signing_key(
    path: Path, passphrase: str, *, comment: str, work_factor: int = DEFAULT_WORK_FACTOR, check_strength: bool = True
) -> SigningPublicKey:
    """Make a new Ed25519 signing key for the office called ``comment`` and write it to ``path``, protected by
    ``passphrase`` (age scrypt, ``work_factor``; tests pass less), mode 0600, appearing only when complete.

    Returns the public key (its ``comment`` is the office's name). Raises PlanError (an empty, over-long or
    unprintable name; a weak passphrase) or OutputError (``path`` exists: never overwritten; folder missing).
    """
    from exporter.atomic import AtomicFile
    from exporter.envelope import ScryptRecipient, encrypt
    from exporter.passphrase import normalise

    name = checked_office_name(comment)
    if check_strength:
        _require_strong(passphrase)
    if os.path.lexists(path):
        raise OutputError(msg("signing.key_exists", path=str(path)), hint=msg("signing.key_exists_hint"))
    private = Ed25519PrivateKey.generate()
    public = SigningPublicKey(secrets.token_bytes(8), _public_bytes(private), name)
    seed = bytearray(private.private_bytes_raw())
    secret = bytearray(base64.b64encode(public.key_id + bytes(seed)))
    text = bytearray(f"{_KEY_FILE_MAGIC}\nname: {name}\npublic: {public.minisign_line()}\nsecret: ".encode())
    text += secret + b"\n"
    try:
        with AtomicFile(path, mode=0o600) as out:
            writer = encrypt(cast(BinaryIO, out), [ScryptRecipient(normalise(passphrase), work_factor)])
            writer.write(bytes(text))
            writer.close()
            out.commit()
    finally:
        for buffer in (seed, secret, text):
            buffer[:] = bytes(len(buffer))
    return public


def load_signing_key(path: Path, passphrase: str, *, max_work_factor: int = MAX_WORK_FACTOR) -> SigningKey:
    """The office's signing key in ``path``, opened with ``passphrase`` (folded as the recipients' key files are).

    Raises PlanError (the file cannot be read), DecryptionError (wrong passphrase, not a signing key file, damaged),
    each one sentence naming the file and never quoting it.
    """
    read = read_small_data(path, IDENTITY_FILE)
    plain = bytearray()
    try:
        plain = _open_protected(bytes(read.data), passphrase, path, max_work_factor)
        return _parse_key_file(plain, path)
    finally:
        read.data[:] = bytes(len(read.data))
        plain[:] = bytes(len(plain))


def open_plan_key(plan: ExportPlan) -> SigningKey | None:
    """The plan's signing key, opened before any work so that a wrong passphrase fails fast; None when the plan is
    not to be signed. PlanError when the key file has no passphrase given; see :func:`load_signing_key`."""
    if plan.signing_key is None:
        return None
    from exporter.signing_key_path import check_signing_key_path

    check_signing_key_path(plan.signing_key)  # a wrong path is named as such, not as a missing passphrase
    if plan.signing_passphrase is None:
        raise PlanError(
            msg("signing.passphrase_needed", path=str(plan.signing_key)), hint=msg("signing.passphrase_needed_hint")
        )
    return load_signing_key(plan.signing_key, plan.signing_passphrase.reveal())


def manifest_signer(key: SigningKey | None, created: datetime) -> Callable[[bytes], bytes] | None:
    """What signs an archive's manifest.json bytes with ``key`` (None: no key, no signature). The trusted comment
    names the office and the archive's time, in minisign's tab-separated style:
    ``timestamp:<Unix seconds>\tfile:manifest.json\toffice:<name>\tcreated:<the manifest's created_utc>``."""
    if key is None:
        return None
    moment = created.astimezone(UTC)
    comment = (
        f"timestamp:{int(moment.timestamp())}\tfile:manifest.json\toffice:{key.name}"
        f"\tcreated:{moment:%Y-%m-%dT%H:%M:%SZ}"
    )
    return lambda raw: sign(raw, key, trusted_comment=comment)


def sign(data: bytes, key: SigningKey, *, trusted_comment: str) -> bytes:
    """A minisign signature file (prehashed, "ED") of ``data`` by ``key``, with ``trusted_comment`` (one line of
    printable text, tabs allowed as minisign's own comments use them: a line break or another control character is
    a ValueError, a bug of the caller)."""
    if not is_safe(trusted_comment.replace("\t", " ")):
        raise ValueError("a trusted comment is one line of printable text")
    signature = key.sign_raw(hashlib.blake2b(data, digest_size=64).digest())
    global_signature = key.sign_raw(signature + trusted_comment.encode("utf-8"))
    line = base64.b64encode(_PREHASHED + key.public.key_id + signature).decode("ascii")
    untrusted = f"signature from exporter secret key {key.public.key_id_text}"
    text = (
        f"{_UNTRUSTED}{untrusted}\n{line}\n{_TRUSTED}{trusted_comment}\n"
        f"{base64.b64encode(global_signature).decode('ascii')}\n"
    )
    return text.encode("utf-8")


def verify(data: bytes, signature: bytes, trusted: Sequence[SigningPublicKey]) -> SignedBy | None:
    """Check the minisign ``signature`` of ``data`` against the ``trusted`` keys.

    Returns SignedBy(key, trusted_comment) when a trusted key made it; None when the signature is by a key that is
    not among ``trusted`` (it cannot be checked then). Raises SignatureError when it is not a minisign signature
    (or a legacy, not prehashed, one) or when it does not verify: the data, the signature or its trusted comment
    was altered.
    """
    parsed = parse_signature(signature)
    candidates = [key for key in trusted if key.key_id == parsed.key_id]
    if not candidates:
        return None
    digest = hashlib.blake2b(data, digest_size=64).digest()
    signed_comment = parsed.signature + parsed.trusted_comment.encode("utf-8")
    for key in candidates:
        public = Ed25519PublicKey.from_public_bytes(key.public)
        try:
            public.verify(parsed.signature, digest)
            public.verify(parsed.global_signature, signed_comment)
        except InvalidSignature:
            continue
        return SignedBy(key, parsed.trusted_comment)
    raise SignatureError(msg("signing.does_not_verify"))


def signature_key_id(signature: bytes) -> bytes:
    """The key id a minisign signature names (SignatureError when it is not one)."""
    return parse_signature(signature).key_id


def parse_signature(signature: bytes) -> _Signature:
    """The parts of a minisign signature file; SignatureError with one sentence when it is not one."""
    bad = SignatureError(msg("signing.not_a_signature"))
    if len(signature) > MAX_SIGNATURE_BYTES:
        raise bad
    try:
        text = signature.decode("utf-8")
    except UnicodeDecodeError:
        raise bad from None
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != 4 or not lines[0].startswith(_UNTRUSTED) or not lines[2].startswith(_TRUSTED):
        raise bad
    body, global_signature = _b64(lines[1]), _b64(lines[3])
    if body is None or global_signature is None or len(body) != 74 or len(global_signature) != 64:
        raise bad
    if body[:2] == _LEGACY:
        raise SignatureError(msg("signing.legacy_signature"), hint=msg("signing.legacy_signature_hint"))
    if body[:2] != _PREHASHED:
        raise bad
    return _Signature(body[2:10], body[10:], lines[2][len(_TRUSTED) :], global_signature)


def parse_public_key(text: str) -> SigningPublicKey:
    """A minisign public key: the whole ``.pub`` file (untrusted comment and key line) or the ``RW...`` line alone.

    Raises PlanError with one sentence (never quoting the text: a secret pasted by mistake must not be shown)."""
    lines = [line.strip() for line in text.removeprefix("\ufeff").splitlines() if line.strip()]
    comment = ""
    if lines and lines[0].startswith(_UNTRUSTED.strip()):
        comment = lines.pop(0)[len(_UNTRUSTED.strip()) :].strip()
    raw = _b64(lines[0]) if len(lines) == 1 else None
    if raw is None or len(raw) != 42 or raw[:2] != _PUBLIC_ALGORITHM:
        raise PlanError(msg("signing.not_a_public_key"), hint=msg("signing.not_a_public_key_hint"))
    try:
        Ed25519PublicKey.from_public_bytes(raw[10:])
    except ValueError:
        raise PlanError(msg("signing.not_a_public_key"), hint=msg("signing.not_a_public_key_hint")) from None
    return SigningPublicKey(raw[2:10], raw[10:], comment if is_safe(comment) else "")


def checked_office_name(name: str) -> str:
    """The office's name, trimmed; PlanError when empty, longer than MAX_NAME or holding a control character."""
    name = name.strip()
    if not name:
        raise PlanError(msg("signing.name_empty"))
    if len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("signing.name_invalid", limit=MAX_NAME))
    return name


def _public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _b64(line: str) -> bytes | None:
    try:
        return base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None


def _open_protected(data: bytes, passphrase: str, path: Path, max_work_factor: int) -> bytearray:
    """The plaintext of the age-protected key file (the recipients' machinery: same folding, same limits)."""
    from exporter.keys.identity import WrongKeyPassphrase, _open_folded, is_protected

    if not is_protected(data):
        raise DecryptionError(msg("signing.not_a_key_file", path=str(path)), hint=msg("signing.not_a_key_file_hint"))
    try:
        return _open_folded(data, passphrase, path, max_work_factor)
    except WrongKeyPassphrase:
        raise DecryptionError(
            msg("signing.wrong_passphrase", path=str(path)), hint=msg("signing.wrong_passphrase_hint")
        ) from None


def _parse_key_file(plain: bytearray, path: Path) -> SigningKey:
    damaged = DecryptionError(msg("signing.not_a_key_file", path=str(path)), hint=msg("signing.not_a_key_file_hint"))
    fields: dict[str, str] = {}
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        raise damaged
    lines = text.split("\n")
    if lines[:1] != [_KEY_FILE_MAGIC]:
        raise damaged
    for line in lines[1:]:
        if line:
            key, _, value = line.partition(": ")
            fields[key] = value
    secret = bytearray(_b64(fields.get("secret", "")) or b"")
    try:
        if len(secret) != 40 or "public" not in fields or not is_safe(name := fields.get("name", "")) or not name:
            raise damaged
        private = Ed25519PrivateKey.from_private_bytes(bytes(secret[8:]))
        public = SigningPublicKey(bytes(secret[:8]), _public_bytes(private), fields["name"])
        if public.minisign_line() != fields["public"]:
            raise damaged
        return SigningKey(public, fields["name"], private)
    finally:
        secret[:] = bytes(len(secret))


def _require_strong(passphrase: str) -> None:
    from exporter.passphrase import PassphraseTypo, require_strong

    try:
        require_strong(passphrase)
    except PassphraseTypo:
        raise
    except PlanError:
        raise PlanError(msg("signing.weak_passphrase"), hint=msg("keys.weak_passphrase_hint")) from None


__all__ = [
    "SignatureError",
    "SignedBy",
    "SigningKey",
    "SigningPublicKey",
    "checked_office_name",
    "create_signing_key",
    "load_signing_key",
    "manifest_signer",
    "open_plan_key",
    "parse_public_key",
    "parse_signature",
    "sign",
    "signature_key_id",
    "verify",
]
