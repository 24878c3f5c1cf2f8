"""Decoding age's ASCII armor: strict PEM ("-----BEGIN AGE ENCRYPTED FILE-----"), padded base64 in 64-column
lines, LF or CRLF, and nothing but a little whitespace around the block.

Armored files are malleable unless the parser is strict, so every deviation the spec allows to be refused is
refused. Decoding streams block by block, so a large armored archive needs no more memory than a binary one.
"""

from __future__ import annotations

import binascii
import re

from exporter.envelope import messages
from exporter.envelope.buffered import BufferedSource

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
_COLUMNS = 64
_MAX_LINE = _COLUMNS + 2  # the longest valid line (BEGIN is shorter) plus CRLF
_MAX_WHITESPACE = 1024
_WHITESPACE = b" \t\r\n"
_BLOCK = 64 * 1024
_PADDED_BASE64 = re.compile(rb"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def looks_armored(start: bytes) -> bool:
    """True if the file begins (after a little whitespace) like a PEM block rather than an age header."""
    return start.lstrip(_WHITESPACE).startswith(b"-----")


class ArmorDecoder:
    """A ``read(n)`` source of the binary age file inside the armor of ``raw``."""

    def __init__(self, raw: BufferedSource) -> None:
        self._raw = raw
        self._carry = b""
        self._decoded = b""
        self._pos = 0
        self._state = "begin"  # begin -> body -> end (after a short final line) -> trailer
        self._trailer = 0
        self._skip_leading_whitespace()

    def _skip_leading_whitespace(self) -> None:
        start = self._raw.peek(_MAX_WHITESPACE + len(BEGIN))
        skip = len(start) - len(start.lstrip(_WHITESPACE))
        if skip > _MAX_WHITESPACE:
            raise messages.malformed_armor()
        self._raw.read(skip)

    def _final_line(self, line: bytes) -> bytes:
        """Decode the last base64 line, which must be padded and canonical."""
        if not 0 < len(line) <= _COLUMNS or len(line) % 4 or not _PADDED_BASE64.fullmatch(line):
            raise messages.malformed_armor()
        data = binascii.a2b_base64(line, strict_mode=True)
        if binascii.b2a_base64(data, newline=False) != line:
            raise messages.malformed_armor()
        self._state = "end"
        return data

    def _decode_lines(self, lines: list[bytes]) -> bytes:
        """Run complete lines (without LF) through the state machine; return the bytes they carry."""
        full: list[bytes] = []
        tail = b""
        for raw_line in lines:
            line = raw_line[:-1] if raw_line.endswith(b"\r") else raw_line
            state = self._state
            if state == "body" and len(line) == _COLUMNS and not line.endswith(b"="):
                full.append(line)
            elif state == "begin" and line == BEGIN:
                self._state = "body"
            elif state in ("body", "end") and line == END:
                self._state = "trailer"
            elif state == "body":
                tail = self._final_line(line)
            elif state == "trailer" and not line.strip(_WHITESPACE):
                self._trailer += len(raw_line) + 1
                if self._trailer > _MAX_WHITESPACE:
                    raise messages.malformed_armor()
            else:
                raise messages.malformed_armor()
        try:
            data = binascii.a2b_base64(b"".join(full), strict_mode=True) if full else b""
        except binascii.Error:
            raise messages.malformed_armor() from None
        return data + tail

    def _decode_more(self) -> bool:
        """Decode the next block of armor into ``self._decoded``; False at the (validated) end."""
        while True:
            block = self._raw.read(_BLOCK)
            lines = (self._carry + block).split(b"\n")
            self._carry = lines.pop() if block else b""
            if len(self._carry) > _MAX_LINE + (_MAX_WHITESPACE if self._state == "trailer" else 0):
                raise messages.malformed_armor()
            data = self._decode_lines(lines)
            if not block:
                if self._state != "trailer":
                    raise messages.malformed_armor()
                self._decoded, self._pos = data, 0
                return bool(data)
            if data:
                self._decoded, self._pos = data, 0
                return True

    def read(self, size: int) -> bytes:
        """Up to ``size`` decoded bytes; b"" only after the END line and trailing whitespace checked out."""
        if self._pos >= len(self._decoded) and (self._state == "done" or not self._decode_more()):
            self._state = "done"
            return b""
        data = self._decoded[self._pos : self._pos + size]
        self._pos += len(data)
        return data
