"""The bytes of a resident file as UTF-8 blocks: hashed as they are on disk, BOM and ``sep=`` line dropped.

UTF-8 files are handed on as read (the reader validates them chunk by chunk, in Arrow, after cutting them at record
ends, so a character is never split); every other encoding is decoded strictly and encoded as UTF-8, so the rest
of the program sees one encoding (CP932 on Linux by glibc's iconv, straight to UTF-8 and without holding the GIL,
where it gives exactly what the strict decoder gives: :mod:`exporter.cp932_iconv`). Undecodable bytes are refused
with their physical line.

CP932 strictly: Python's codec also decodes the five single bytes that no CP932 character uses (0x80, 0xA0 and
0xFD to 0xFF, left undefined in Microsoft's code page 932 table: https://www.unicode.org/Public/MAPPINGS/VENDORS/
MICSFT/WINDOWS/CP932.TXT) into U+0080 and the private-use U+F8F0 to U+F8F3, as Windows' best-fit conversion does.
No register holds them as text: they are a broken file or another encoding, so they are refused like any byte the
encoding does not define (:func:`decoder`). The user-defined area (0xF040 to 0xF9FC, U+E000 to U+E757: the
外字 that municipal systems use for rare name characters) is CP932 proper and passes through.
"""

from __future__ import annotations

import codecs
import hashlib
import threading
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from exporter import cp932_iconv
from exporter.errors import ExportCancelled, SourceError
from exporter.messages import msg
from exporter.records import LineAt, count_lines
from exporter.sniff import SourceFormat

# 2 MiB: half the batches of 1 MiB, so half the per-batch work of parsing, writing and scanning (15 % of an
# export's CPU time on the 460,000-row sample, bench/RESULTS.md 2026-12-01); Source.batches reads smaller blocks
# when a row may be no longer than that.
BLOCK_BYTES = 2 << 20
PASS_THROUGH = frozenset({"utf-8", "utf-8-sig"})
# What Python's cp932 codec makes of the single bytes 0x80, 0xA0, 0xFD, 0xFE and 0xFF, which CP932 leaves undefined
# (looked for one by one with str.find: twenty times faster than one regular expression over a decoded block)
_UNDEFINED_IN_CP932 = ("\x80", "\uf8f0", "\uf8f1", "\uf8f2", "\uf8f3")


class _StrictCP932Decoder(codecs.IncrementalDecoder):
    """Python's incremental cp932 decoder, refusing the bytes CP932 does not define (module docstring) with a
    UnicodeDecodeError whose offsets count, as the codec's own do, the bytes it still held, then the input."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._inner = codecs.getincrementaldecoder("cp932")(errors)

    def decode(self, input: bytes, final: bool = False) -> str:  # type: ignore[override]  # bytes is all we pass
        held, _flag = self._inner.getstate()
        text = self._inner.decode(input, final)
        found = [at for char in _UNDEFINED_IN_CP932 if (at := text.find(char)) >= 0]
        if found:
            start = len(text[: min(found)].encode("cp932", "replace"))
            raise UnicodeDecodeError("cp932", bytes(held) + bytes(input), start, start + 1, "undefined in CP932")
        return text

    def reset(self) -> None:
        self._inner.reset()

    def getstate(self) -> tuple[bytes, int]:
        return self._inner.getstate()

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._inner.setstate(state)


def decoder(encoding: str) -> codecs.IncrementalDecoder:
    """A strict incremental decoder for ``encoding`` (a Python codec name): CP932 without the bytes it leaves
    undefined (module docstring), any other encoding as Python decodes it."""
    if codecs.lookup(encoding).name == "cp932":
        return _StrictCP932Decoder()
    return codecs.getincrementaldecoder(encoding)()


@dataclass
class RawDigest:
    """What was read of the file as it is on disk: SHA-256 and size, complete once a read reached the end."""

    sha256: hashlib._Hash = field(default_factory=hashlib.sha256)
    size: int = 0


def text_blocks(
    path: Path,
    source_format: SourceFormat,
    *,
    digest: RawDigest | None = None,
    cancel: threading.Event | None = None,
    block_bytes: int | None = None,
) -> Generator[bytes, None, None]:
    """Yield the file's content after its BOM and ``sep=`` line, in UTF-8, in blocks of about ``block_bytes``
    (default :data:`BLOCK_BYTES`, read at each call so that tests can make it a few bytes).

    Raises :class:`SourceError` for bytes the encoding cannot decode (naming their line) and
    :class:`ExportCancelled` when ``cancel`` is set between blocks.
    """
    block_bytes = block_bytes or BLOCK_BYTES
    encoding = source_format.encoding
    strict = None if encoding in PASS_THROUGH else decoder(encoding)
    # CP932 straight to UTF-8 by the C library where it is known to be exact, without holding the GIL
    to_utf8 = cp932_iconv.converter() if strict is not None and codecs.lookup(encoding).name == "cp932" else None
    head: bytes | None = b""  # UTF-8 read so far while it could still be the start of a BOM
    skip = _LineSkip() if source_format.sep_line else None
    with open(path, "rb") as file:
        while True:
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            raw = file.read(block_bytes)
            if digest is not None:
                digest.sha256.update(raw)
                digest.size += len(raw)
            if strict is None:
                data = raw
                if head is not None:  # a UTF-8 BOM (Excel's) is not data, whether utf-8 or utf-8-sig was named
                    head += raw
                    if len(head) < 3 and raw:
                        continue
                    data, head = head.removeprefix(codecs.BOM_UTF8), None
            elif to_utf8 is not None:
                try:
                    data = to_utf8.convert(raw, final=not raw)
                except cp932_iconv.IconvError:
                    raise undecodable(path, source_format) from None
            else:
                try:
                    text = strict.decode(raw, final=not raw)
                except UnicodeError:  # UnicodeDecodeError, or utf-16/utf-32 finding no byte order mark
                    raise undecodable(path, source_format) from None
                data = text.encode("utf-8")
            if skip is not None and data:
                data = skip.drop(data)
                if skip.done:
                    skip = None
            if data:
                yield data
            if not raw:
                return


class _LineSkip:
    """Drops the first line (Excel's ``sep=``) from blocks of any size, with its CR, LF or CRLF."""

    def __init__(self) -> None:
        self.done = False
        self._after_cr = False

    def drop(self, data: bytes) -> bytes:
        if self._after_cr:
            self.done = True
            return data[1:] if data.startswith(b"\n") else data
        ends = [index for index in (data.find(b"\r"), data.find(b"\n")) if index >= 0]
        if not ends:
            return b""
        end = min(ends)
        if data[end] == 0x0D:
            if end + 1 == len(data):
                self._after_cr = True  # an LF may follow in the next block
                return b""
            if data[end + 1] == 0x0A:
                end += 1
        self.done = True
        return data[end + 1 :]


def line_finder(path: Path, source_format: SourceFormat) -> LineAt:
    """The physical line of the file on which a byte of :func:`text_blocks`'s stream lies, found by reading the
    stream again up to it: only ever needed to name the line of a fault."""

    def line_at(offset: int) -> int:
        line = source_format.first_line
        seen = 0
        after_cr = False
        for block in text_blocks(path, source_format):
            part = block[: offset - seen]
            line += count_lines(part) - (1 if after_cr and part.startswith(b"\n") else 0)
            after_cr = part.endswith(b"\r")
            seen += len(part)
            if seen >= offset:
                break
        return line

    return line_at


def _before_first_fault(encoding: str, flag: int, data: bytes, error: UnicodeError) -> str:
    """The text of ``data`` before its first undecodable byte, ``error`` being the decoder's complaint about it.

    The complaint is not always about the first fault: Python's cp932 codec stops at a pair it cannot decode, and
    a byte CP932 leaves undefined earlier in the block is only found in the text decoded before it
    (:class:`_StrictCP932Decoder`). So the text before the complaint is decoded again, until it decodes."""
    start = error.start if isinstance(error, UnicodeDecodeError) else 0
    while True:
        before = decoder(encoding)
        before.setstate((b"", flag))
        try:
            return before.decode(data[:start], final=False)
        except UnicodeError as earlier:
            found = earlier.start if isinstance(earlier, UnicodeDecodeError) else 0
            if found >= start:  # no progress: say nothing was decoded rather than loop
                return ""
            start = found


def undecodable(path: Path, source_format: SourceFormat) -> SourceError:
    """Read the file again from the start to turn the decoder's complaint into a physical line number."""
    encoding = source_format.encoding
    reading = decoder(encoding)
    lines = 0
    pending_cr = False
    with open(path, "rb") as file:
        while True:
            raw = file.read(BLOCK_BYTES)
            buffered, flag = reading.getstate()
            try:
                text = reading.decode(raw, final=not raw)
            except UnicodeError as error:
                # The error's offsets count the bytes the decoder still held from the last block, then ``raw``.
                text = _before_first_fault(encoding, flag, buffered + raw, error)
                broken = True
            else:
                broken = False
            data = text.encode("utf-8", "surrogatepass")
            lines += count_lines(data) - (1 if pending_cr and data.startswith(b"\n") else 0)
            pending_cr = data.endswith(b"\r")
            if broken or not raw:
                break
    line = lines + 1
    return SourceError(
        msg("reader.undecodable", name=path.name, line=line, encoding=encoding),
        path=str(path),
        line=line,
        hint=msg("reader.give_encoding_hint"),
    )


__all__ = ["BLOCK_BYTES", "RawDigest", "decoder", "line_finder", "text_blocks", "undecodable"]
