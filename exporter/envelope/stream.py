"""The age payload: STREAM over ChaCha20-Poly1305 in 64 KiB chunks, the last one flagged.

Memory stays at about two chunks whatever the file size. The reader only ever hands out chunks that
verified, and it raises when the file ends without a valid final chunk, so a cut-short archive can never
look complete to a caller that renames its temp file only after iteration ended cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from exporter.envelope import messages

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
_SEALED_CHUNK = CHUNK_SIZE + TAG_SIZE
_LAST = b"\x01"
_NOT_LAST = b"\x00"


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (_LAST if last else _NOT_LAST)


class AgeWriter:
    """Encrypts what is written, a chunk at a time; ``close`` seals the final chunk (``dst`` stays open).

    A full chunk is held back until more data arrives, because only then is it known not to be the last.
    Leaving the ``with`` block by an exception does not seal the stream, so the partial output can never
    pass for a complete archive.
    """

    def __init__(self, dst: BinaryIO, key: bytes) -> None:
        self._dst = dst
        self._aead = ChaCha20Poly1305(key)
        self._counter = 0
        self._pending = bytearray()
        self._closed = False

    def _seal(self, chunk: bytes | bytearray | memoryview, last: bool) -> None:
        self._dst.write(self._aead.encrypt(_nonce(self._counter, last), chunk, None))
        self._counter += 1

    def write(self, data: bytes | bytearray | memoryview) -> int:
        """Encrypt ``data``; returns its length in bytes. Large writes are sealed straight from ``data``."""
        if self._closed:
            raise ValueError("write to a closed AgeWriter")
        view = memoryview(data).cast("B")
        size = len(view)
        if not size:
            return 0
        pos = 0
        pending = self._pending
        if pending:
            pos = min(CHUNK_SIZE - len(pending), size)
            pending += view[:pos]
            if pos == size:
                return size
            self._seal(pending, last=False)
            pending.clear()
        while size - pos > CHUNK_SIZE:
            self._seal(view[pos : pos + CHUNK_SIZE], last=False)
            pos += CHUNK_SIZE
        pending += view[pos:]
        return size

    def close(self) -> None:
        """Seal the final chunk (empty only if nothing was written). Does not close the destination."""
        if self._closed:
            return
        self._closed = True
        self._seal(self._pending, last=True)
        self._pending = bytearray()

    def __enter__(self) -> AgeWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self._closed = True


class AgeReader:
    """Iterates the verified plaintext chunks of an archive; ``read``/``readinto`` for stream-like use.

    Raises :class:`~exporter.errors.DecryptionError` when a chunk fails authentication, when the file ends
    before a final chunk, when data follows the final chunk, or when the final chunk is wrongly empty.
    After an error every further call raises again, so a caller never sees a silent end.
    """

    def __init__(self, read: Callable[[int], bytes], key: bytes) -> None:
        self._read = read
        self._aead = ChaCha20Poly1305(key)
        self._counter = 0
        self._lookahead: bytes | None = None
        self._done = False
        self._error: Exception | None = None
        self._rest = b""

    def _try_open(self, sealed: bytes, last: bool) -> bytes | None:
        try:
            return self._aead.decrypt(_nonce(self._counter, last), sealed, None)
        except InvalidTag:
            return None

    def _open(self, sealed: bytes, at_end: bool) -> bytes:
        """Verify one chunk. Like the Go reference, a chunk that verifies under the other flag is still
        released, and the error (cut short, or data after the end) comes with the next call."""
        chunk = self._try_open(sealed, last=at_end)
        if chunk is not None:
            self._done = at_end
            return chunk
        if len(sealed) == _SEALED_CHUNK:
            chunk = self._try_open(sealed, last=not at_end)
            if chunk is not None:
                self._error = messages.damaged("cut_short" if at_end else "trailing_data")
                return chunk
        raise messages.damaged("content")

    def _next_chunk(self) -> bytes | None:
        """The next verified chunk, or None after the final one."""
        if self._error is not None:
            raise self._error
        if self._done:
            return None
        try:
            sealed = self._lookahead if self._lookahead is not None else self._read(_SEALED_CHUNK)
            self._lookahead = None
            at_end = True
            if len(sealed) == _SEALED_CHUNK:
                self._lookahead = self._read(_SEALED_CHUNK)
                at_end = not self._lookahead
            if len(sealed) < TAG_SIZE:
                raise messages.damaged("cut_short")
            if len(sealed) == TAG_SIZE and self._counter > 0:
                raise messages.damaged("empty_last_chunk")
            chunk = self._open(sealed, at_end)
        except Exception as exc:
            self._error = exc
            raise
        self._counter += 1
        return chunk

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._rest:
            rest, self._rest = self._rest, b""
            return rest
        while (chunk := self._next_chunk()) is not None:
            if chunk:
                return chunk
        raise StopIteration

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` verified bytes (all that remain if negative); b"" only at a verified end."""
        if size < 0:
            return b"".join(self)
        parts: list[bytes] = []
        wanted = size
        while wanted > 0:
            chunk = next(self, b"")
            if not chunk:
                break
            if len(chunk) > wanted:
                chunk, self._rest = chunk[:wanted], chunk[wanted:]
            parts.append(chunk)
            wanted -= len(chunk)
        return b"".join(parts)

    def readinto(self, buffer: bytearray | memoryview) -> int:
        """Fill ``buffer`` with up to its length in verified bytes; 0 only at a verified end."""
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)
