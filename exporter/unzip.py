"""Strict reading of the ZIP inside an archive: exactly what exporter writes, or one sentence why not.

Follows PKWARE's APPNOTE 6.3 (end of central directory, ZIP64 end record and locator, central and local headers,
data descriptors with and without their signature, 32- and 64-bit sizes). Stricter than ``zipfile`` on purpose:
the entries must be exactly ``data.csv`` and ``manifest.json`` (and ``manifest.json.minisig`` in a signed archive),
each once; they must lie one after another from
the start with the central directory right behind them (no gaps, no overlaps, so no hidden content and no
overlapping-entry bombs); local header, data descriptor and central directory must agree on CRC-32 and sizes;
only Deflate (8), or Stored (0), and no encryption. Unpacking stops as soon as an entry yields more than its
declared size, so a header that lies about sizes cannot make it write more.
"""

from __future__ import annotations

import dataclasses
import struct
import threading
import types
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from exporter.errors import DecryptionError, ExportCancelled
from exporter.messages import msg

_inflate: types.ModuleType
try:
    from isal import isal_zlib as _inflate  # about twice as fast as zlib at inflating
except ImportError:  # pragma: no cover - platforms without an isal wheel
    _inflate = zlib
_crc32: Callable[[bytes, int], int] = getattr(_inflate, "crc32", zlib.crc32)

_END = b"PK\x05\x06"
_ZIP64_END = b"PK\x06\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"
_END_SIZE = 22
_LOCATOR_SIZE = 20
_CENTRAL_SIZE = 46
_LOCAL_SIZE = 30
_FULL16 = 0xFFFF
_FULL32 = 0xFFFFFFFF
_ZIP64_EXTRA = 0x0001
_MAX_ENTRIES = 64
STORED = 0
DEFLATED = 8
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000  # traditional, strong, central directory encryption
_ALLOWED_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800  # deflate options, data descriptor, UTF-8 names
_AES_METHOD = 99
_METHOD_NAMES = {
    1: "Shrink", 6: "Implode", 9: "Deflate64", 12: "bzip2", 14: "LZMA", 18: "IBM TERSE", 19: "IBM LZ77",
    93: "Zstandard", 94: "MP3", 95: "XZ", 96: "JPEG", 97: "WavPack", 98: "PPMd",
}  # fmt: skip
PIECE = 1 << 20


class Readable(Protocol):
    """Random access to the decrypted ZIP: ``size`` bytes, ``read_at(offset, n)``."""

    size: int

    def read_at(self, offset: int, size: int) -> bytes: ...


@dataclass(frozen=True)
class Entry:
    """One member as the central directory describes it, checked against its local header."""

    name: str
    flags: int
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    data_offset: int = 0
    end: int = 0


@dataclass(frozen=True)
class _Directory:
    entries: list[Entry]
    start: int  # of the central directory


class _Messages:
    """The sentences about one archive, named ``archive`` (the .age file's name)."""

    def __init__(self, archive: str) -> None:
        self.archive = archive

    def not_a_zip(self) -> DecryptionError:
        return DecryptionError(msg("decrypt.not_exporter_archive", name=self.archive), hint=msg("decrypt.use_raw_hint"))

    def damaged(self, what: str, entry: str = "") -> DecryptionError:
        """``what`` names the fault: malformed, sizes_disagree, corrupt, overlong or crc (of ``entry``)."""
        return DecryptionError(msg(f"decrypt.zip_{what}", name=self.archive, **({"entry": entry} if entry else {})))

    def malformed(self) -> DecryptionError:
        return self.damaged("malformed")

    def sizes_disagree(self, entry: str) -> DecryptionError:
        return self.damaged("sizes_disagree", entry)

    def corrupt(self, entry: str) -> DecryptionError:
        return self.damaged("corrupt", entry)


def read_directory(
    source: Readable, archive: str, names: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Entry]:
    """The entries ``names`` (all of them) and those of ``optional`` that are there (a signature), nothing else,
    each once, checked as the module docstring says.

    Raises :class:`DecryptionError` with one sentence naming ``archive`` for anything else.
    """
    say = _Messages(archive)
    directory = _read_central_directory(source, say)
    found: dict[str, Entry] = {}
    for entry in directory.entries:
        if entry.name not in names and entry.name not in optional:
            raise DecryptionError(msg("decrypt.other_files", name=archive))
        if entry.name in found:
            raise DecryptionError(msg("decrypt.entry_twice", name=archive, entry=entry.name))
        found[entry.name] = entry
    if any(name not in found for name in names):
        raise DecryptionError(msg("decrypt.entries_missing", name=archive), hint=msg("decrypt.use_raw_hint"))
    for entry in found.values():
        if entry.flags & _ENCRYPTED_FLAGS or entry.method == _AES_METHOD:
            raise DecryptionError(msg("decrypt.entry_encrypted", entry=entry.name, name=archive))
        if entry.method not in (STORED, DEFLATED):
            method = _METHOD_NAMES.get(entry.method) or msg("decrypt.unknown_method")
            raise DecryptionError(
                msg("decrypt.entry_method", entry=entry.name, name=archive, method=method, number=entry.method)
            )
        if entry.flags & ~(_ALLOWED_FLAGS | _ENCRYPTED_FLAGS):
            raise say.malformed()
        if entry.method == STORED and entry.compressed_size != entry.size:
            raise say.sizes_disagree(entry.name)
    checked = _check_layout(source, directory, say)
    return {entry.name: entry for entry in checked}


def _read_central_directory(source: Readable, say: _Messages) -> _Directory:
    size = source.size
    if size < _END_SIZE:
        raise say.not_a_zip()
    tail_start = max(size - _END_SIZE - _FULL16, 0)
    tail = source.read_at(tail_start, size - tail_start)
    end_at = -1
    position = tail.rfind(_END)
    while position >= 0:
        comment = int.from_bytes(tail[position + 20 : position + 22], "little")
        if position + _END_SIZE <= len(tail) and position + _END_SIZE + comment == len(tail):
            end_at = position
            break
        position = tail.rfind(_END, 0, position)
    if end_at < 0:
        raise say.not_a_zip()
    disk, cd_disk, on_disk, count, cd_size, cd_start, _ = struct.unpack_from("<4s4H2IH", tail, end_at)[1:]
    end_offset = tail_start + end_at
    records_end = end_offset
    locator_at = end_at - _LOCATOR_SIZE
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == _ZIP64_LOCATOR:
        zip64 = _read_zip64_end(source, tail_start + locator_at, say)
        values = ((count, _FULL16), (on_disk, _FULL16), (cd_size, _FULL32), (cd_start, _FULL32))
        for (small, full), big in zip(values, (zip64[2], zip64[1], zip64[3], zip64[4]), strict=True):
            if small not in (full, big):
                raise say.malformed()
        records_end, on_disk, count, cd_size, cd_start = zip64[0], zip64[1], zip64[2], zip64[3], zip64[4]
    if disk or cd_disk or on_disk != count:
        raise say.malformed()
    if cd_start + cd_size != records_end:
        raise say.malformed()
    if count > _MAX_ENTRIES:
        raise DecryptionError(msg("decrypt.other_files", name=say.archive))
    data = source.read_at(cd_start, cd_size)
    entries = []
    position = 0
    for _ in range(count):
        entry, position = _central_entry(data, position, say)
        entries.append(entry)
    if position != len(data):
        raise say.malformed()
    return _Directory(entries, cd_start)


def _read_zip64_end(source: Readable, locator_offset: int, say: _Messages) -> tuple[int, int, int, int, int]:
    """(offset of the ZIP64 end record, entries on this disk, entries, directory size, directory start)."""
    locator = source.read_at(locator_offset, _LOCATOR_SIZE)
    _, disk, record_offset, disks = struct.unpack("<4sIQI", locator)
    if disk != 0 or disks != 1 or record_offset + 56 > locator_offset:
        raise say.malformed()
    record = source.read_at(record_offset, 56)
    signature, record_size, _, _, this_disk, cd_disk, on_disk, count, cd_size, cd_start = struct.unpack(
        "<4sQHHIIQQQQ", record
    )
    if signature != _ZIP64_END or record_offset + 12 + record_size != locator_offset or this_disk or cd_disk:
        raise say.malformed()
    return record_offset, on_disk, count, cd_size, cd_start


def _central_entry(data: bytes, position: int, say: _Messages) -> tuple[Entry, int]:
    if position + _CENTRAL_SIZE > len(data) or data[position : position + 4] != _CENTRAL:
        raise say.malformed()
    (_, _, flags, method, _, _, crc, compressed, size, name_size, extra_size, comment_size, disk, _, _, offset) = (
        struct.unpack_from("<HHHHHHIIIHHHHHII", data, position + 4)
    )
    name_start = position + _CENTRAL_SIZE
    extra_start = name_start + name_size
    end = extra_start + extra_size + comment_size
    if end > len(data):
        raise say.malformed()
    wanted = [field == _FULL32 for field in (size, compressed, offset)] + [disk == _FULL16]
    size, compressed, offset, disk = _zip64_values(
        data[extra_start : extra_start + extra_size], (size, compressed, offset, disk), wanted, say
    )
    if disk != 0:
        raise say.malformed()
    name = _entry_name(data[name_start:extra_start])
    return Entry(name, flags, method, crc, compressed, size, offset), end


def _entry_name(raw: bytes) -> str:
    """The name for comparison with data.csv/manifest.json; anything else only needs to differ from them."""
    return raw.decode("ascii") if raw.isascii() else raw.hex()


def _zip64_values(extra: bytes, values: tuple[int, ...], wanted: list[bool], say: _Messages) -> tuple[int, ...]:
    """Replace the saturated ``values`` by those of the ZIP64 extra field, in the order APPNOTE 4.5.3 gives."""
    fields = _extra_fields(extra, say)
    if not any(wanted):
        return values
    if _ZIP64_EXTRA not in fields:
        raise say.malformed()
    body = fields[_ZIP64_EXTRA]
    result = list(values)
    position = 0
    for index, needed in enumerate(wanted):
        if not needed:
            continue
        width = 4 if index == 3 else 8
        if position + width > len(body):
            raise say.malformed()
        result[index] = int.from_bytes(body[position : position + width], "little")
        position += width
    return tuple(result)


def _extra_fields(extra: bytes, say: _Messages) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    position = 0
    while position < len(extra):
        if position + 4 > len(extra):
            raise say.malformed()
        kind, length = struct.unpack_from("<HH", extra, position)
        body = extra[position + 4 : position + 4 + length]
        if len(body) != length or kind in fields:
            raise say.malformed()
        fields[kind] = body
        position += 4 + length
    return fields


def _check_layout(source: Readable, directory: _Directory, say: _Messages) -> list[Entry]:
    """Read each local header and data descriptor; entries must tile the file up to the central directory."""
    entries = sorted(directory.entries, key=lambda entry: entry.header_offset)
    checked = []
    position = 0
    for index, entry in enumerate(entries):
        if entry.header_offset != position:
            raise say.malformed()
        following = entries[index + 1].header_offset if index + 1 < len(entries) else directory.start
        entry = _check_local(source, entry, following, say)
        checked.append(entry)
        position = entry.end
    if position != directory.start:
        raise say.malformed()
    return checked


def _check_local(source: Readable, entry: Entry, following: int, say: _Messages) -> Entry:
    header = source.read_at(entry.header_offset, _LOCAL_SIZE)
    if len(header) != _LOCAL_SIZE or header[:4] != _LOCAL:
        raise say.malformed()
    _, flags, method, _, _, crc, compressed, size, name_size, extra_size = struct.unpack_from("<HHHHHIIIHH", header, 4)
    names = source.read_at(entry.header_offset + _LOCAL_SIZE, name_size + extra_size)
    if len(names) != name_size + extra_size or flags != entry.flags or method != entry.method:
        raise say.malformed()
    if _entry_name(names[:name_size]) != entry.name:
        raise say.malformed()
    extra = names[name_size:]
    wanted = [size == _FULL32 or compressed == _FULL32] * 2
    size, compressed = _zip64_values(extra, (size, compressed), wanted, say)
    data_offset = entry.header_offset + _LOCAL_SIZE + name_size + extra_size
    data_end = data_offset + entry.compressed_size
    if data_end > following:
        raise say.malformed()
    declared = (crc, compressed, size)
    actual = (entry.crc, entry.compressed_size, entry.size)
    has_descriptor = bool(flags & 0x0008)
    # With a data descriptor the local fields are zero (APPNOTE 4.4.4); bsdtar fills in the ones it knows.
    if any(field != real and not (has_descriptor and field == 0) for field, real in zip(declared, actual, strict=True)):
        raise say.sizes_disagree(entry.name)
    end = data_end
    if has_descriptor:
        end = _descriptor_end(source, entry, data_end, following, say)
    return dataclasses.replace(entry, data_offset=data_offset, end=end)


def _descriptor_end(source: Readable, entry: Entry, start: int, following: int, say: _Messages) -> int:
    """Where the data descriptor after ``start`` ends; it must repeat the central directory's CRC and sizes.

    APPNOTE 4.3.9 allows it with or without its signature, and with 4- or 8-byte sizes (8 in ZIP64 files); the
    one form that agrees with the central directory and ends where the next record starts is the one accepted.
    """
    raw = source.read_at(start, min(24, following - start))
    for signed in (True, False):
        for width in (8, 4):
            head = 4 if signed else 0
            length = head + 4 + 2 * width
            if start + length != following or len(raw) < length:
                continue
            if signed and raw[:4] != _DESCRIPTOR:
                continue
            crc = int.from_bytes(raw[head : head + 4], "little")
            compressed = int.from_bytes(raw[head + 4 : head + 4 + width], "little")
            size = int.from_bytes(raw[head + 4 + width : head + 4 + 2 * width], "little")
            if (crc, compressed, size) == (entry.crc, entry.compressed_size, entry.size):
                return following
    raise say.sizes_disagree(entry.name)


def unpack(
    source: Readable,
    entry: Entry,
    archive: str,
    write: Callable[[bytes], object],
    *,
    cancel: threading.Event | None = None,
    advance: Callable[[int], None] | None = None,
) -> None:
    """Unpack ``entry`` into ``write`` in pieces of at most 1 MiB, never more than ``entry.size`` bytes in all.

    Checks the CRC-32 and that the compressed data ends exactly where its size says. ``advance(n)`` is told how
    many compressed bytes were consumed; ``cancel`` is checked between pieces.
    """
    say = _Messages(archive)
    decompressor = _inflate.decompressobj(-15) if entry.method == DEFLATED else None
    crc = 0
    produced = 0
    offset = entry.data_offset
    end = entry.data_offset + entry.compressed_size
    while offset < end:
        if cancel is not None and cancel.is_set():
            raise ExportCancelled(msg("envelope.opening_cancelled"))
        packed = source.read_at(offset, min(PIECE, end - offset))
        if not packed:
            raise say.corrupt(entry.name)
        offset += len(packed)
        while True:
            if decompressor is None:
                piece, packed = packed, b""
            else:
                if decompressor.eof:
                    raise say.corrupt(entry.name)  # data after the end of the deflate stream
                try:
                    piece = decompressor.decompress(packed, PIECE)
                except (zlib.error, _inflate.error):
                    raise say.corrupt(entry.name) from None
                packed = decompressor.unconsumed_tail
            produced += len(piece)
            if produced > entry.size:
                raise say.damaged("overlong", entry.name)
            crc = _crc32(piece, crc)
            if piece:
                write(piece)
            # A full piece may leave output inside the decompressor even when all input was taken: ask again.
            if not packed and (len(piece) < PIECE or decompressor is None or decompressor.eof):
                break
        if advance is not None:
            advance(offset - entry.data_offset)
    if decompressor is not None and (not decompressor.eof or decompressor.unused_data):
        raise say.corrupt(entry.name)
    if produced != entry.size:
        raise say.sizes_disagree(entry.name)
    if crc != entry.crc:
        raise say.damaged("crc", entry.name)


def read_small(source: Readable, entry: Entry, archive: str) -> bytes:
    """The whole content of a small entry (the caller has checked ``entry.size``)."""
    parts: list[bytes] = []
    unpack(source, entry, archive, parts.append)
    return b"".join(parts)


__all__ = ["DEFLATED", "STORED", "Entry", "Readable", "read_directory", "read_small", "unpack"]
