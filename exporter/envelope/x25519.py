"""age's native public-key recipients: X25519 keys written as ``age1...`` and ``AGE-SECRET-KEY-1...``.

One small class per side, as in the Go reference: a recipient wraps a file key into an ``X25519`` stanza,
an identity unwraps it. A secret key is never part of a repr, str or error message.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from exporter.envelope import bech32, messages
from exporter.envelope.header import Stanza, b64decode, b64encode
from exporter.errors import DecryptionError, EncryptionError
from exporter.messages import msg

STANZA_TYPE = "X25519"
_RECIPIENT_HRP = "age"
_IDENTITY_HRP = "AGE-SECRET-KEY-"
_INFO = b"age-encryption.org/v1/X25519"
_ZERO_NONCE = bytes(12)
_KEY_SIZE = 32
_FILE_KEY_SIZE = 16
_WRAPPED_SIZE = _FILE_KEY_SIZE + 16
EXPOSED_KEY_ADVICE = msg("envelope.exposed_key_hint")


def _wrap_key(shared_secret: bytes, share: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=share + recipient, info=_INFO)
    return hkdf.derive(shared_secret)


def _recipient_error(text: str) -> EncryptionError:
    """Why ``text`` is not a usable recipient, without repeating it (it may be a pasted secret key)."""
    stripped = text.strip()
    if "AGE-SECRET-KEY-" in stripped.upper():  # also inside a pasted line such as "key: AGE-SECRET-KEY-1..."
        return EncryptionError(msg("envelope.secret_key_as_recipient"), hint=EXPOSED_KEY_ADVICE)
    if stripped.lower().startswith("age1pq1"):
        return EncryptionError(msg("envelope.post_quantum_recipient"), hint=msg("envelope.post_quantum_recipient_hint"))
    if stripped.startswith(("ssh-", "ecdsa-")):
        return EncryptionError(msg("envelope.ssh_recipient"), hint=msg("envelope.ssh_recipient_hint"))
    return EncryptionError(msg("envelope.invalid_recipient"), hint=msg("envelope.invalid_recipient_hint"))


class X25519Recipient:
    """A public key (``age1...``) that files can be encrypted to."""

    __slots__ = ("_public",)

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != _KEY_SIZE:
            raise ValueError("an X25519 public key is 32 bytes")
        self._public = bytes(public_key)

    @classmethod
    def parse(cls, text: str) -> X25519Recipient:
        """Parse ``age1...`` (outer whitespace ignored); EncryptionError if it is not one.

        All upper case ``AGE1...`` is the same key (Bech32, BIP 173: a string is all lower or all upper case, and
        both mean the same); ``str()`` of the result is always the lower-case form age writes."""
        try:
            hrp, data = bech32.decode(text.strip())
        except bech32.Bech32Error:
            raise _recipient_error(text) from None
        if hrp.lower() != _RECIPIENT_HRP or len(data) != _KEY_SIZE:
            raise _recipient_error(text)
        return cls(data)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(self._public))
        body = ChaCha20Poly1305(_wrap_key(shared, share, self._public)).encrypt(_ZERO_NONCE, file_key, None)
        return [Stanza(STANZA_TYPE, (b64encode(share),), body)]

    def __str__(self) -> str:
        return bech32.encode(_RECIPIENT_HRP, self._public)

    def __repr__(self) -> str:
        return f"X25519Recipient({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519Recipient) and other._public == self._public

    def __hash__(self) -> int:
        return hash((X25519Recipient, self._public))


def _identity_error(text: str) -> DecryptionError:
    """Why ``text`` is not a usable identity, without repeating any of it."""
    stripped = text.strip().upper()
    if stripped.startswith("AGE-SECRET-KEY-PQ-"):
        return DecryptionError(msg("envelope.post_quantum_identity"))
    if stripped.startswith("AGE-PLUGIN-"):
        return DecryptionError(msg("envelope.plugin_identity"))
    if stripped.startswith("AGE1"):
        return DecryptionError(msg("envelope.public_key_as_identity"), hint=msg("envelope.public_key_as_identity_hint"))
    return DecryptionError(msg("envelope.invalid_identity"), hint=msg("envelope.invalid_identity_hint"))


class X25519Identity:
    """A secret key (``AGE-SECRET-KEY-1...``) that opens files encrypted to its recipient."""

    __slots__ = ("_private", "_recipient")

    def __init__(self, private_key: X25519PrivateKey) -> None:
        self._private = private_key
        self._recipient = X25519Recipient(private_key.public_key().public_bytes_raw())

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def parse(cls, text: str) -> X25519Identity:
        """Parse ``AGE-SECRET-KEY-1...`` (upper case); DecryptionError, never echoing the text, otherwise."""
        try:
            hrp, data = bech32.decode(text.strip())
        except bech32.Bech32Error:
            raise _identity_error(text) from None
        if hrp != _IDENTITY_HRP or len(data) != _KEY_SIZE:
            raise _identity_error(text)
        return cls(X25519PrivateKey.from_private_bytes(data))

    @property
    def recipient(self) -> X25519Recipient:
        return self._recipient

    def secret_text(self) -> str:
        """The ``AGE-SECRET-KEY-1...`` string: the only way to get the secret out, on purpose."""
        return bech32.encode(_IDENTITY_HRP, self._private.private_bytes_raw()).upper()

    def derive_secret(self, info: bytes, length: int = 32) -> bytes:
        """``length`` bytes derived from this secret key for another purpose, named by ``info``: HKDF-SHA-256
        (RFC 5869) with the 32-byte X25519 secret as input key material and an empty salt. Distinct ``info`` give
        independent keys; age's own ``info`` is refused so a derived value can never be a wrapping key."""
        if info == _INFO or not info:
            raise ValueError("a derived secret needs its own, non-empty info")
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(
            self._private.private_bytes_raw()
        )

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """The file key from the first ``X25519`` stanza addressed to us; None if none is.

        Malformed ``X25519`` stanzas are refused even when not ours, as the spec requires.
        """
        own = self._recipient._public
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            share = b64decode(stanza.args[0]) if len(stanza.args) == 1 else None
            if share is None or len(share) != _KEY_SIZE or len(stanza.body) != _WRAPPED_SIZE:
                raise messages.malformed_header()
            try:
                shared = self._private.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:  # OpenSSL refuses the all-zero result of a low-order share
                shared = bytes(_KEY_SIZE)
            if shared == bytes(_KEY_SIZE):
                raise messages.malformed_header()
            try:
                return ChaCha20Poly1305(_wrap_key(shared, share, own)).decrypt(_ZERO_NONCE, stanza.body, None)
            except InvalidTag:
                continue
        return None

    def __repr__(self) -> str:
        return f"X25519Identity(recipient={str(self._recipient)!r})"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("an X25519Identity cannot be pickled; store its secret_text() deliberately")
