"""The textual age header: version line, recipient stanzas and the MAC that binds them to the file key.

Parsing is strict (canonical unpadded base64, limited characters, exact line shapes) because a lenient parser
makes an encrypted file malleable and hides bugs that the CCTV vectors are designed to find.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from exporter.envelope import messages
from exporter.envelope.buffered import BufferedSource

VERSION_LINE = b"age-encryption.org/v1\n"
_VERSION_PREFIX = b"age-encryption.org/"
_BODY_COLUMNS = 64
_MAX_LINE = 64 * 1024  # generous for unknown stanza types, small enough to stop a runaway read
_MAX_HEADER = 4 * 1024 * 1024
_BASE64 = re.compile(rb"[A-Za-z0-9+/]*")
_VCHARS = re.compile(rb"[\x21-\x7e]+")


@dataclass(frozen=True)
class Stanza:
    """One recipient entry: its type (first argument), the other arguments, and the decoded body."""

    type: str
    args: tuple[str, ...]
    body: bytes


def b64encode(data: bytes) -> str:
    """Canonical base64 without padding, as the header requires."""
    return binascii.b2a_base64(data, newline=False).rstrip(b"=").decode("ascii")


def b64decode(text: str | bytes) -> bytes | None:
    """Decode canonical unpadded base64, or None: padding and non-canonical trailing bits are refused."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if not _BASE64.fullmatch(raw) or len(raw) % 4 == 1:
        return None
    data = binascii.a2b_base64(raw + b"=" * (-len(raw) % 4), strict_mode=True)
    return data if b64encode(data).encode("ascii") == raw else None


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def header_mac(file_key: bytes, header_up_to_dashes: bytes) -> bytes:
    """HMAC-SHA-256 over the header up to and including ``---``, keyed from the file key."""
    key = _hkdf(file_key, b"", b"header")
    return hmac.new(key, header_up_to_dashes, hashlib.sha256).digest()


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    """The STREAM key; the per-file nonce makes it unique even if a file key were ever reused."""
    return _hkdf(file_key, nonce, b"payload")


def encode_stanza(stanza: Stanza) -> bytes:
    """The stanza's lines; a body whose base64 fills its last line gets an empty final line."""
    words = [stanza.type, *stanza.args]
    if any(not _VCHARS.fullmatch(word.encode("ascii", "replace")) for word in words):
        raise ValueError("stanza type and arguments must be non-empty printable ASCII without spaces")
    body = b64encode(stanza.body).encode("ascii")
    lines = [body[i : i + _BODY_COLUMNS] for i in range(0, len(body), _BODY_COLUMNS)]
    if len(body) % _BODY_COLUMNS == 0:
        lines.append(b"")
    return b"-> " + " ".join(words).encode("ascii") + b"\n" + b"".join(line + b"\n" for line in lines)


def encode_header(stanzas: list[Stanza], file_key: bytes) -> bytes:
    """The complete header including its MAC line."""
    head = VERSION_LINE + b"".join(encode_stanza(stanza) for stanza in stanzas) + b"---"
    return head + b" " + b64encode(header_mac(file_key, head)).encode("ascii") + b"\n"


@dataclass(frozen=True)
class ParsedHeader:
    """What ``parse_header`` found; the MAC is checked only once an identity has produced the file key."""

    stanzas: list[Stanza]
    mac: bytes
    mac_input: bytes  # the raw header bytes the MAC covers


def _read_line(source: BufferedSource, size: int) -> bytes:
    """A complete line without its LF; a line cut off by the end of the file is malformed."""
    line = source.read_line(_MAX_LINE)
    if not line.endswith(b"\n") or size + len(line) > _MAX_HEADER:
        raise messages.malformed_header()
    return line[:-1]


def parse_header(source: BufferedSource) -> ParsedHeader:
    """Read the header from ``source``, leaving it positioned at the payload nonce."""
    first = source.read_line(len(VERSION_LINE) + 256)
    if first != VERSION_LINE:
        if not first.startswith(_VERSION_PREFIX):
            raise messages.not_an_archive()
        version = first[len(_VERSION_PREFIX) :]
        if version.endswith(b"\n") and _VCHARS.fullmatch(version[:-1]):
            raise messages.unsupported_version()
        raise messages.malformed_header()
    raw = bytearray(first)
    stanzas: list[Stanza] = []
    while True:
        line = _read_line(source, len(raw))
        if line.startswith(b"---"):
            break
        raw += line + b"\n"
        if not line.startswith(b"-> "):
            raise messages.malformed_header()
        words = line[3:].split(b" ")
        if not all(_VCHARS.fullmatch(word) for word in words):
            raise messages.malformed_header()
        body = bytearray()
        while True:
            body_line = _read_line(source, len(raw))
            raw += body_line + b"\n"
            if len(body_line) > _BODY_COLUMNS or not _BASE64.fullmatch(body_line):
                raise messages.malformed_header()
            body += body_line
            if len(body_line) < _BODY_COLUMNS:
                break
        decoded = b64decode(bytes(body))
        if decoded is None:
            raise messages.malformed_header()
        text = [word.decode("ascii") for word in words]
        stanzas.append(Stanza(text[0], tuple(text[1:]), decoded))
    if not stanzas or not line.startswith(b"--- "):
        raise messages.malformed_header()
    mac = b64decode(line[4:])
    if mac is None or len(mac) != 32:
        raise messages.malformed_header()
    return ParsedHeader(stanzas, mac, bytes(raw) + b"---")
