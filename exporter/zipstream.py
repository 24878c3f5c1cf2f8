"""A ZIP writer for a stream that cannot seek: entries one after another, sizes in data descriptors.

We write the ZIP ourselves (rather than through ``zipfile``) to choose the deflate implementation: ISA-L
(python-isal) compresses a CSV about three times faster than zlib at the same ratio, which is the largest single
cost of an export.

ZIP64 only where sizes need it (PKWARE APPNOTE 6.3.10, sections 4.3.9, 4.4 and 4.5.3):

- A streamed entry (``open``/``write``/``close_entry``) has its sizes after its data, in a data descriptor. By
  4.3.9.2 the descriptor holds 8-byte sizes exactly when the local header carries a ZIP64 extra field, so the
  choice must be made before the first byte of data. It is made from ``size_bound``, the most bytes the entry can
  hold (``exporter.archive.data_csv_bound``): ZIP64 when that bound, or the deflate bound derived from it, reaches
  4 GiB, or when there is no bound. Otherwise the entry has no ZIP64 field anywhere and a 16-byte descriptor, which
  Java's ``ZipInputStream`` requires of every entry whose sizes fit 32 bits (it picks the descriptor's width from
  the sizes it inflated, not from the header).
- An entry whose bytes are known up front (``write_entry``) has its sizes in the local header and no descriptor.
- The central directory has a ZIP64 extra field only for the values that reach 0xFFFFFFFF (and for both sizes of an
  entry whose local header had one), and the ZIP64 end records appear only when the directory's offset, size or
  entry count overflows the classic end record.

A streamed entry opened without ZIP64 that nevertheless reaches 4 GiB raises :class:`EntryOutgrewBound` at once
rather than write sizes that do not fit: the archive is then abandoned, never silently wrong.
"""

from __future__ import annotations

import struct
import time
import types
import zlib
from dataclasses import dataclass
from typing import Protocol

_deflate_module: types.ModuleType
DEFLATE_IMPLEMENTATION: str
"""Which deflate this program uses, for ``exporter.accelerators``: ISA-L (with its version) or zlib."""
try:
    import isal
    from isal import isal_zlib as _deflate_module

    DEFLATE_IMPLEMENTATION = f"ISA-L {isal.ISAL_VERSION} (python-isal {isal.__version__})"
except ImportError:  # platforms without an isal wheel fall back to zlib, same format; a frozen build refuses this
    _deflate_module = zlib
    DEFLATE_IMPLEMENTATION = f"zlib {zlib.ZLIB_RUNTIME_VERSION}"

ZIP64_LIMIT = 0xFFFFFFFF
"""A size or offset at or above this needs ZIP64 (0xFFFFFFFF itself is the marker that points to the extra field)."""

_LOCAL = 0x04034B50
_DESCRIPTOR = 0x08074B50
_CENTRAL = 0x02014B50
_ZIP64_END = 0x06064B50
_ZIP64_LOCATOR = 0x07064B50
_END = 0x06054B50
_ZIP64_EXTRA = 0x0001
_VERSION_DEFLATE = 20  # 2.0: deflate
_VERSION_ZIP64 = 45  # 4.5: ZIP64
_MADE_BY = (3 << 8) | _VERSION_ZIP64  # Unix, so external attributes carry file modes
_UTF8 = 0x0800
_STREAMED = 0x0008  # sizes and CRC in a data descriptor
_DEFLATE = 8
_FULL16 = 0xFFFF
_FULL32 = 0xFFFFFFFF
_FILE_MODE = 0o100600 << 16


class EntryOutgrewBound(Exception):
    """A streamed entry opened without ZIP64 reached 4 GiB: its size bound was wrong (or its source grew)."""


def deflate_bound(size: int) -> int:
    """The most bytes ``size`` bytes can take once deflated by this module's compressor at any level.

    Generous on purpose: ISA-L and zlib fall back to stored blocks (5 bytes per up to 64 KiB) and measured at most
    0.07 % over the input on random data; this allows 3 % plus 4 KiB. ``tests/test_zipstream.py`` checks it on
    incompressible input, and :class:`EntryOutgrewBound` guards the rest.
    """
    return size + size // 32 + 4096


class Sink(Protocol):
    def write(self, data: bytes, /) -> object: ...


class _Compressor(Protocol):
    def compress(self, data: bytes | memoryview, /) -> bytes: ...
    def flush(self) -> bytes: ...


@dataclass
class _Entry:
    name: bytes
    offset: int
    dos_time: int
    dos_date: int
    flags: int
    zip64_local: bool  # the local header carries a ZIP64 extra field (and the descriptor 8-byte sizes)
    crc: int = 0
    size: int = 0
    compressed: int = 0


class ZipStreamWriter:
    """``open(name, size_bound=...)``, ``write(data)`` any number of times, ``close_entry()``; or
    ``write_entry(name, data)``; then ``close()``.

    ``zip64_limit`` is the size at which ZIP64 starts (0xFFFFFFFF, as the format says); tests lower it to prove
    the ZIP64 layout with real tools on small files.
    """

    def __init__(self, sink: Sink, level: int = 1, *, zip64_limit: int = ZIP64_LIMIT) -> None:
        self._sink = sink
        self._level = level
        self._limit = zip64_limit
        self._offset = 0
        self._entries: list[_Entry] = []
        self._current: _Entry | None = None
        self._compressor: _Compressor | None = None

    def open(self, name: str, *, size_bound: int | None = None) -> None:
        """Start a streamed entry that will hold at most ``size_bound`` bytes (None: unknown, so ZIP64)."""
        assert self._current is None, "close the previous entry first"
        zip64 = size_bound is None or deflate_bound(size_bound) >= self._limit
        entry = self._new_entry(name, _STREAMED, zip64)
        if zip64:  # 4.5.3: both sizes, zero until the descriptor; the 32-bit fields point to them
            self._local_header(entry, 0, _FULL32, _FULL32, struct.pack("<HHQQ", _ZIP64_EXTRA, 16, 0, 0))
        else:
            self._local_header(entry, 0, 0, 0, b"")
        self._current = entry
        self._compressor = _deflate_module.compressobj(self._level, _deflate_module.DEFLATED, -15)

    def write(self, data: bytes | memoryview) -> None:
        entry, compressor = self._current, self._compressor
        assert entry is not None
        assert compressor is not None
        entry.crc = _deflate_module.crc32(data, entry.crc)
        entry.size += len(data)
        packed = compressor.compress(data)
        entry.compressed += len(packed)
        self._check_fits(entry)
        if packed:
            self._emit(packed)

    def close_entry(self) -> None:
        entry, compressor = self._current, self._compressor
        assert entry is not None
        assert compressor is not None
        tail = compressor.flush()
        entry.compressed += len(tail)
        self._check_fits(entry)
        if entry.zip64_local:
            descriptor = struct.pack("<IIQQ", _DESCRIPTOR, entry.crc, entry.compressed, entry.size)
        else:
            descriptor = struct.pack("<IIII", _DESCRIPTOR, entry.crc, entry.compressed, entry.size)
        self._emit(tail + descriptor)
        self._entries.append(entry)
        self._current = self._compressor = None

    def write_entry(self, name: str, data: bytes) -> None:
        """A whole entry whose bytes are known: sizes and CRC in the local header, no data descriptor."""
        assert self._current is None, "close the previous entry first"
        compressor = _deflate_module.compressobj(self._level, _deflate_module.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        zip64 = max(len(data), len(packed)) >= self._limit
        entry = self._new_entry(name, 0, zip64)
        entry.crc, entry.size, entry.compressed = _deflate_module.crc32(data), len(data), len(packed)
        if zip64:
            extra = struct.pack("<HHQQ", _ZIP64_EXTRA, 16, entry.size, entry.compressed)
            self._local_header(entry, entry.crc, _FULL32, _FULL32, extra)
        else:
            self._local_header(entry, entry.crc, entry.compressed, entry.size, b"")
        self._emit(packed)
        self._entries.append(entry)

    def close(self) -> None:
        """Write the central directory and the end records. Does not close the sink."""
        assert self._current is None, "close the last entry first"
        start = self._offset
        for entry in self._entries:
            self._central_header(entry)
        size = self._offset - start
        count = len(self._entries)
        if count >= _FULL16 or size >= self._limit or start >= self._limit:
            zip64_end = self._offset
            self._emit(
                struct.pack("<IQHHIIQQQQ", _ZIP64_END, 44, _MADE_BY, _VERSION_ZIP64, 0, 0, count, count, size, start)
            )
            self._emit(struct.pack("<IIQI", _ZIP64_LOCATOR, 0, zip64_end, 1))
        self._emit(
            struct.pack(
                "<IHHHHIIH",
                _END,
                0,
                0,
                min(count, _FULL16),
                min(count, _FULL16),
                size if size < self._limit else _FULL32,
                start if start < self._limit else _FULL32,
                0,
            )
        )

    def _new_entry(self, name: str, flags: int, zip64: bool) -> _Entry:
        dos_time, dos_date = _dos_timestamp(time.localtime())
        return _Entry(name.encode("utf-8"), self._offset, dos_time, dos_date, flags | _UTF8, zip64)

    def _local_header(self, entry: _Entry, crc: int, compressed: int, size: int, extra: bytes) -> None:
        version = _VERSION_ZIP64 if entry.zip64_local else _VERSION_DEFLATE
        self._emit(
            struct.pack(
                "<IHHHHHIIIHH",
                _LOCAL,
                version,
                entry.flags,
                _DEFLATE,
                entry.dos_time,
                entry.dos_date,
                crc,
                compressed,
                size,
                len(entry.name),
                len(extra),
            )
            + entry.name
            + extra
        )

    def _central_header(self, entry: _Entry) -> None:
        """4.5.3: the ZIP64 extra holds, in this order, only the values whose 32-bit field reads 0xFFFFFFFF."""
        sizes_in_extra = entry.zip64_local or entry.size >= self._limit or entry.compressed >= self._limit
        offset_in_extra = entry.offset >= self._limit
        values = [entry.size, entry.compressed] if sizes_in_extra else []
        if offset_in_extra:
            values.append(entry.offset)
        extra = struct.pack(f"<HH{len(values)}Q", _ZIP64_EXTRA, 8 * len(values), *values) if values else b""
        self._emit(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                _CENTRAL,
                _MADE_BY,
                _VERSION_ZIP64 if values or entry.zip64_local else _VERSION_DEFLATE,
                entry.flags,
                _DEFLATE,
                entry.dos_time,
                entry.dos_date,
                entry.crc,
                _FULL32 if sizes_in_extra else entry.compressed,
                _FULL32 if sizes_in_extra else entry.size,
                len(entry.name),
                len(extra),
                0,
                0,
                0,
                _FILE_MODE,
                _FULL32 if offset_in_extra else entry.offset,
            )
            + entry.name
            + extra
        )

    def _check_fits(self, entry: _Entry) -> None:
        if not entry.zip64_local and max(entry.size, entry.compressed) >= self._limit:
            raise EntryOutgrewBound(
                f"{entry.name.decode()} reached {max(entry.size, entry.compressed):,} bytes, beyond the bound it was "
                "opened with"
            )

    def _emit(self, data: bytes) -> None:
        self._sink.write(data)
        self._offset += len(data)


def _dos_timestamp(now: time.struct_time) -> tuple[int, int]:
    year = min(max(now.tm_year, 1980), 2107)
    return (now.tm_hour << 11) | (now.tm_min << 5) | (now.tm_sec // 2), ((year - 1980) << 9) | (
        now.tm_mon << 5
    ) | now.tm_mday
