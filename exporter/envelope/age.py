"""The age v1 file format (age-encryption.org/v1): ``encrypt`` and ``decrypt`` over any recipient types.

The whole surface mirrors the Go reference: ``encrypt(dst, recipients) -> writer`` and
``decrypt(src, identities) -> reader``. Recipients and identities are small objects with ``wrap``/``unwrap``;
the header, armor and STREAM details live in their own modules.
"""

from __future__ import annotations

import hmac
import os
import threading
from collections.abc import Sequence
from typing import BinaryIO, Protocol

from exporter.envelope import armor, header, messages
from exporter.envelope.buffered import BufferedSource
from exporter.envelope.header import Stanza
from exporter.envelope.scrypt import ScryptRecipient
from exporter.envelope.stream import AgeReader, AgeWriter
from exporter.errors import DecryptionError, EncryptionError, ExportCancelled
from exporter.messages import msg

_FILE_KEY_SIZE = 16
_NONCE_SIZE = 16
_SNIFF = 1024 + len(armor.BEGIN)
_PASSPHRASE_TYPES = frozenset({"scrypt"})
_KEY_TYPES = frozenset({"X25519"})
_POST_QUANTUM_TYPES = frozenset({"mlkem768x25519"})
# Each identity is tried against each stanza (an X25519 exchange each, about 0.1 ms): a header of 4 MiB holds tens of
# thousands of stanzas, which with a file of many keys would take many minutes. Real archives name a few recipients.
MAX_STANZAS = 1024


class Recipient(Protocol):
    """Someone a file can be encrypted to: wraps the file key into one or more stanzas."""

    def wrap(self, file_key: bytes) -> list[Stanza]: ...


class Identity(Protocol):
    """Something that may open a file: returns the file key, None if no stanza is for it, or raises."""

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None: ...


def encrypt(dst: BinaryIO, recipients: Sequence[Recipient]) -> AgeWriter:
    """Write the header to ``dst`` and return a writer for the payload; ``close()`` it to finish the file."""
    if not recipients:
        raise EncryptionError(msg("envelope.no_recipient"))
    if len(recipients) > 1 and any(isinstance(r, ScryptRecipient) for r in recipients):
        raise EncryptionError(msg("envelope.passphrase_not_alone"), hint=msg("envelope.passphrase_not_alone_hint"))
    file_key = os.urandom(_FILE_KEY_SIZE)
    stanzas = [stanza for recipient in recipients for stanza in recipient.wrap(file_key)]
    if len(stanzas) > 1 and any(stanza.type in _PASSPHRASE_TYPES for stanza in stanzas):
        raise EncryptionError(msg("envelope.passphrase_not_alone"))
    nonce = os.urandom(_NONCE_SIZE)
    dst.write(header.encode_header(stanzas, file_key) + nonce)
    return AgeWriter(dst, header.payload_key(file_key, nonce))


def _no_match(stanzas: Sequence[Stanza]) -> DecryptionError:
    """Say that nothing opened the file, and what the header suggests trying instead."""
    types = {stanza.type for stanza in stanzas}
    if types & _POST_QUANTUM_TYPES and not types & (_KEY_TYPES | _PASSPHRASE_TYPES):
        return DecryptionError(msg("envelope.post_quantum_only"), hint=msg("envelope.post_quantum_only_hint"))
    if types & _POST_QUANTUM_TYPES:
        hint = msg("envelope.post_quantum_also_hint")
    elif types <= _PASSPHRASE_TYPES:
        hint = msg("envelope.no_match_passphrase_hint")
    elif types & _KEY_TYPES:
        hint = msg("envelope.no_match_keys_hint")
    else:
        hint = msg("envelope.no_match_unknown_hint")
    return DecryptionError(msg("envelope.no_match"), hint=hint)


def decrypt(src: BinaryIO, identities: Sequence[Identity], *, cancel: threading.Event | None = None) -> AgeReader:
    """Read and check the header of ``src`` (binary or armored) and return a reader for the payload.

    Header problems, a wrong key and a failed header MAC raise here, before any output exists; payload
    problems raise while iterating the reader. ``cancel`` is looked at between identities. A header of more than
    :data:`MAX_STANZAS` stanzas is refused.
    """
    source = BufferedSource(src.read)
    if armor.looks_armored(source.peek(_SNIFF)):
        source = BufferedSource(armor.ArmorDecoder(source).read)
    parsed = header.parse_header(source)
    stanzas = parsed.stanzas
    if len(stanzas) > 1 and any(stanza.type in _PASSPHRASE_TYPES for stanza in stanzas):
        raise messages.malformed_header()
    if len(stanzas) > MAX_STANZAS:
        raise DecryptionError(
            msg("envelope.too_many_stanzas", count=len(stanzas), limit=MAX_STANZAS),
            hint=msg("envelope.too_many_stanzas_hint"),
        )
    file_key = None
    for identity in identities:
        if cancel is not None and cancel.is_set():
            raise ExportCancelled(msg("envelope.opening_cancelled"))
        file_key = identity.unwrap(stanzas)
        if file_key is not None:
            break
    if file_key is None:
        raise _no_match(stanzas)
    if len(file_key) != _FILE_KEY_SIZE:
        raise messages.malformed_header()
    if not hmac.compare_digest(header.header_mac(file_key, parsed.mac_input), parsed.mac):
        raise messages.damaged("header_mac")
    nonce = source.read(_NONCE_SIZE)
    if len(nonce) != _NONCE_SIZE:
        raise messages.damaged("cut_short")
    return AgeReader(source.read, header.payload_key(file_key, nonce))
