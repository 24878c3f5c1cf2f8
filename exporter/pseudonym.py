"""Keyed pseudonyms: the office's pseudonym key, and tokens made with it.

A token is HMAC-SHA-256 (RFC 2104, FIPS 198-1) of the value's UTF-8 bytes, exactly as written (no folding of
full-width forms: values pass through exactly), under the office's 32-byte key; its first 80 bits are written as
16 characters of Crockford's base32 (https://www.crockford.com/base32.html: ``0-9 A-Z`` without ``I L O U``) in four
groups of four joined by hyphens::

    "0000030001" -> "7K2M-Q9XD-4TRB-H1VZ"   (for one key; another key gives another token)

The hyphens keep a token text in a spreadsheet (sixteen characters of digits and one ``E`` would otherwise be read
as a number) and make it easy to read aloud. 80 bits means two of 460,000 distinct residents share a token with a
chance of about 1 in 10^14. An unkeyed hash is never used: resident numbers are few enough to be hashed one by one
until the token matches, which the key prevents. The same key gives the same token in every export, so the office
decides whether tokens of two exports can be matched, by giving both the same key file or not.

Key file (written by ``exporter pseudonym-key --output FILE``, mode 0600, never over an existing file)::

    exporter-pseudonym-key-v1
    <standard base64 (RFC 4648, padded) of 32 random bytes>

Line ends may be LF or CRLF; a final line end is optional; nothing else may be in the file. The key's public
identifier (``key_id``, for the manifest) is the HMAC-SHA-256 of the label ``exporter pseudonym key id`` followed
by a NUL byte under the key, shown as a token is: a CSV cell can never hold a NUL byte, so no value's token equals
the key id. The key itself never appears in any output, repr, exception or manifest.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import string_array
from exporter.errors import OutputError, PlanError
from exporter.keyfiles import FileKind, exposure_warning, read_small_data
from exporter.messages import Message, msg

FORMAT_LINE = "exporter-pseudonym-key-v1"
KEY_BYTES = 32
TOKEN_BYTES = 10  # 80 bits: 16 base32 characters
TOKEN_LENGTH = 19  # characters of a token: 16 in groups of four, joined by "-"
_KEY_ID_LABEL = b"exporter pseudonym key id\x00"
_RFC4648 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = bytes.maketrans(_RFC4648, _CROCKFORD)
_PAIRS = [chr(_CROCKFORD[pair >> 5]) + chr(_CROCKFORD[pair & 31]) for pair in range(1024)]  # 10 bits: 2 characters
_SHA256_BLOCK = 64


class _KeyFileKind(FileKind):
    @property
    def label(self) -> Message | str:
        return msg("transforms.kind_pseudonym_key_file")


PSEUDONYM_KEY_FILE = _KeyFileKind("pseudonym key file", 4 * 1024)  # a key file is 71 bytes


class PseudonymKey:
    """The office's pseudonym key (32 bytes). ``repr`` and ``str`` show only :attr:`key_id`."""

    __slots__ = ("_key", "exposure", "key_id")

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a pseudonym key is {KEY_BYTES} bytes")
        self._key = bytes(key)
        self.key_id: str = _token(hmac.digest(self._key, _KEY_ID_LABEL, "sha256"))
        self.exposure: Message | None = None  # set by from_file when other users may open the key's file

    def __repr__(self) -> str:
        return f"PseudonymKey(key_id={self.key_id!r})"

    __str__ = __repr__

    def __reduce__(self) -> str:  # never pickled (a pickle would hold the key)
        raise TypeError("a PseudonymKey is not pickled")

    @classmethod
    def generate(cls) -> PseudonymKey:
        """A new random key (``secrets.token_bytes``), held in memory only."""
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_file(cls, path: Path) -> PseudonymKey:
        """Read a key file (format in the module docstring). Raises PlanError with one sentence naming the file when
        it is missing, unreadable, not a regular file or pipe, too large, or not a pseudonym key file; the sentence
        never quotes the content. A missing file is not named: what was typed as its name may be the key itself."""
        if not os.path.lexists(path):
            raise PlanError(msg("transforms.key_file_missing"), hint=msg("transforms.key_file_missing_hint"))
        small = read_small_data(path, PSEUDONYM_KEY_FILE)
        data = small.data
        try:
            key = _parse(data)
        finally:
            data[:] = bytes(len(data))
        if key is None:
            raise PlanError(msg("transforms.key_malformed", path=str(path)))
        made = cls(key)
        made.exposure = exposure_warning(path, small.mode)  # as ssh warns for a private key others may read
        return made

    @classmethod
    def create(cls, path: Path) -> PseudonymKey:
        """Write a new random key to ``path`` (mode 0600; it appears only when complete) and return it. Raises
        OutputError when ``path`` exists (a key is never overwritten: its tokens could never be matched again) or
        cannot be written."""
        from exporter.atomic import AtomicFile

        if os.path.lexists(path):
            raise OutputError(msg("transforms.key_exists", path=str(path)), hint=msg("transforms.key_exists_hint"))
        key = cls.generate()
        text = bytearray(f"{FORMAT_LINE}\n".encode("ascii") + base64.b64encode(key._key) + b"\n")
        try:
            with AtomicFile(path, mode=0o600) as out:
                out.write(memoryview(text))
                out.commit()
        finally:
            text[:] = bytes(len(text))
        return key

    def tokens(self, values: pa.Array) -> pa.Array:
        """The token of every value of a string array (empty stays empty), computed once per distinct value."""
        encoded = pc.dictionary_encode(values)
        token = self._token_function()
        made = [token(value) if value else "" for value in encoded.dictionary.to_pylist()]
        return pc.take(string_array(made), encoded.indices)

    def token(self, value: str) -> str:
        """The token of one value ("" for "")."""
        return self._token_function()(value) if value else ""

    def _token_function(self) -> Callable[[str], str]:
        """HMAC-SHA-256 under the key, with the key's inner and outer hash states computed once (RFC 2104: H(K ^
        opad || H(K ^ ipad || value))), then written as a token: 2 us a value instead of 7 with hmac.digest and
        base64.b32encode (both re-done per value). tests/test_transforms.py checks it against openssl's HMAC."""
        padded = self._key.ljust(_SHA256_BLOCK, b"\0")
        inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in padded)).copy
        outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in padded)).copy
        pairs, from_bytes = _PAIRS, int.from_bytes

        def token(value: str) -> str:
            first = inner()
            first.update(value.encode("utf-8"))
            second = outer()
            second.update(first.digest())
            n = from_bytes(second.digest()[:TOKEN_BYTES], "big")
            return (
                f"{pairs[n >> 70]}{pairs[(n >> 60) & 1023]}-{pairs[(n >> 50) & 1023]}{pairs[(n >> 40) & 1023]}-"
                f"{pairs[(n >> 30) & 1023]}{pairs[(n >> 20) & 1023]}-{pairs[(n >> 10) & 1023]}{pairs[n & 1023]}"
            )

        return token


def _token(digest: bytes) -> str:
    """The token of an HMAC digest: its first 80 bits as 16 Crockford base32 characters in groups of four."""
    text = base64.b32encode(digest[:TOKEN_BYTES]).translate(_TO_CROCKFORD).decode("ascii")
    return f"{text[0:4]}-{text[4:8]}-{text[8:12]}-{text[12:16]}"


def _parse(data: bytearray) -> bytes | None:
    """The 32 key bytes of a key file's content, or None when it is not one."""
    lines = bytes(data).replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) != 2 or lines[0] != FORMAT_LINE.encode("ascii"):
        return None
    try:
        key = base64.b64decode(lines[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None
