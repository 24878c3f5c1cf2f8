"""age's passphrase recipient: the file key wrapped under a key stretched from the passphrase with scrypt.

``cryptography``'s Scrypt has no memory cap (work factor 22 takes ~28 s and 4 GiB here), so the identity
checks the work factor named in the file against its own maximum before any scrypt work is done.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from exporter.envelope import messages
from exporter.envelope.header import Stanza, b64decode, b64encode
from exporter.errors import DecryptionError, EncryptionError
from exporter.messages import msg

STANZA_TYPE = "scrypt"
_SALT_LABEL = b"age-encryption.org/v1/scrypt"
_SALT_SIZE = 16
_ZERO_NONCE = bytes(12)
_WRAPPED_SIZE = 16 + 16
_WORK_FACTOR = re.compile(r"[1-9][0-9]*")
_HIGHEST_WORK_FACTOR = 30  # 2**30 * 1 KiB of memory: beyond any PC this program runs on


def _wrap_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=_SALT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    return kdf.derive(passphrase.encode("utf-8"))


class ScryptRecipient:
    """Encrypts to a passphrase; must be the only recipient of a file, so it cannot hide among keys."""

    def __init__(self, passphrase: str, work_factor: int = 18) -> None:
        if not passphrase:
            raise EncryptionError(msg("envelope.passphrase_empty"), hint=msg("envelope.passphrase_empty_hint"))
        if not 1 <= work_factor <= _HIGHEST_WORK_FACTOR:
            raise ValueError(f"scrypt work factor must be between 1 and {_HIGHEST_WORK_FACTOR}")
        self._passphrase = passphrase
        self._work_factor = work_factor

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(_SALT_SIZE)
        key = _wrap_key(self._passphrase, salt, self._work_factor)
        body = ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)
        return [Stanza(STANZA_TYPE, (b64encode(salt), str(self._work_factor)), body)]

    def __repr__(self) -> str:
        return f"ScryptRecipient(work_factor={self._work_factor})"


class ScryptIdentity:
    """Opens passphrase-encrypted files whose work factor is at most ``max_work_factor``."""

    def __init__(self, passphrase: str, max_work_factor: int = 22) -> None:
        self._passphrase = passphrase
        self._max_work_factor = max_work_factor

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """The file key if the passphrase fits; None if not. Malformed or too costly stanzas raise."""
        ours = [stanza for stanza in stanzas if stanza.type == STANZA_TYPE]
        if not ours:
            return None
        if len(stanzas) != 1:
            raise messages.malformed_header()
        stanza = ours[0]
        if len(stanza.args) != 2 or not _WORK_FACTOR.fullmatch(stanza.args[1]):
            raise messages.malformed_header()
        salt = b64decode(stanza.args[0])
        if salt is None or len(salt) != _SALT_SIZE or len(stanza.body) != _WRAPPED_SIZE:
            raise messages.malformed_header()
        if len(stanza.args[1]) > 3 or int(stanza.args[1]) > self._max_work_factor:
            raise DecryptionError(
                msg("envelope.scrypt_too_costly", limit=self._max_work_factor),
                hint=msg("envelope.encrypt_again_hint"),
            )
        work_factor = int(stanza.args[1])
        try:
            key = _wrap_key(self._passphrase, salt, work_factor)
        except MemoryError:  # scrypt (r = 8) needs 1 KiB x 2^work_factor: 4 GiB at 22
            raise DecryptionError(
                msg("envelope.scrypt_no_memory", size=(1024 << work_factor) >> 20, factor=work_factor),
                hint=msg("envelope.scrypt_no_memory_hint"),
            ) from None
        try:
            return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, stanza.body, None)
        except InvalidTag:
            return None

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_work_factor={self._max_work_factor})"
