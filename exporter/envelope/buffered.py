"""A read buffer that can peek, read lines and then hand over whole chunks without extra copies.

The header is parsed line by line, but the payload is read in 64 KiB chunks that must go straight from the
file to the cipher; one small class serves both so the bytes read ahead for the header are not lost.
"""

from __future__ import annotations

from collections.abc import Callable

_BLOCK = 64 * 1024


class BufferedSource:
    """Wraps a ``read(n) -> bytes`` callable; reads ahead only while parsing lines or peeking."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._buf = b""
        self._pos = 0
        self._eof = False

    def _fill(self) -> bool:
        """Append one block to the buffer (dropping what was consumed); False once the source is empty."""
        if self._eof:
            return False
        data = self._read(_BLOCK)
        if not data:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + data
        self._pos = 0
        return True

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes without consuming them; fewer only at the end of the source."""
        while len(self._buf) - self._pos < size and self._fill():
            pass
        return self._buf[self._pos : self._pos + size]

    def read_line(self, limit: int) -> bytes:
        """The next line with its LF; without one if the source ends or ``limit`` bytes pass first."""
        scanned = 0
        while True:
            end = self._buf.find(b"\n", self._pos + scanned, self._pos + limit)
            if end >= 0:
                line = self._buf[self._pos : end + 1]
                self._pos = end + 1
                return line
            scanned = len(self._buf) - self._pos
            if scanned >= limit or not self._fill():
                line = self._buf[self._pos : self._pos + limit]
                self._pos += len(line)
                return line

    def read(self, size: int) -> bytes:
        """Exactly ``size`` bytes, fewer only at the end of the source."""
        available = len(self._buf) - self._pos
        if available >= size:
            data = self._buf[self._pos : self._pos + size]
            self._pos += size
            return data
        parts = [self._buf[self._pos :]] if available else []
        self._buf = b""
        self._pos = 0
        missing = size - available
        while missing > 0 and not self._eof:
            data = self._read(missing)
            if not data:
                self._eof = True
                break
            parts.append(data)
            missing -= len(data)
        return parts[0] if len(parts) == 1 else b"".join(parts)
