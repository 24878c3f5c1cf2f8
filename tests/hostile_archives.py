"""Making archives as a sender, or an attacker who has the recipient's public key, could make them.

The inner ZIP is built with exporter's own writer (``ArchiveWriter``: data descriptors, ZIP64) or with Python's
``zipfile`` (sizes in the local header), then edited byte by byte, and sealed with exporter.envelope to a
throwaway identity. Values are invented.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from exporter.archive import manifest_bytes
from exporter.envelope import X25519Identity, encrypt, format_identity_file
from exporter.zipstream import ZipStreamWriter

DATA = "\ufeffname,phone\r\n架空 一郎,090-0000-0001\r\n架空 花子,090-0000-0002\r\n".encode()
LOCAL, CENTRAL, DESCRIPTOR, END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x07\x08", b"PK\x05\x06"


def manifest_for(content: bytes = DATA, **changes: Any) -> dict[str, Any]:
    """A manifest as exporter writes it, describing ``content``; ``changes`` replace or add top-level fields."""
    manifest: dict[str, Any] = {
        "format": "exporter-archive",
        "format_version": 1,
        "created_utc": "2026-11-30T00:00:00Z",
        "exporter_version": "0.1.0",
        "purpose": "invented test purpose",
        "recipient_organisation": "架空コールセンター",
        "delete_by": "2027-03-31",
        "source": {"file_name": "r.csv", "sha256": "0" * 64, "size": 10, "encoding": "utf-8", "delimiter": ",",
                   "rows": 2, "columns": 5},
        "columns": ["name", "phone"],
        "columns_left_out": ["a", "b", "c"],
        "rows": 2,
        "data": {"file": "data.csv", "sha256": hashlib.sha256(content).hexdigest(), "size": len(content),
                 "encoding": "utf-8-sig", "line_end": "CRLF"},
        "recipients": [{"type": "X25519", "recipient": "age1..."}],
    }  # fmt: skip
    manifest.update(changes)
    return manifest


def exporter_zip(data: bytes = DATA, manifest: dict[str, Any] | bytes | None = None, *, zip64: bool = False) -> bytes:
    """The inner ZIP laid out exactly as exporter's pipeline writes it: data.csv streamed with a data descriptor
    (ZIP64 sizes only when its size bound says it may reach 4 GiB, forced here by ``zip64``), then the manifest."""
    sink = io.BytesIO()
    writer = ZipStreamWriter(sink)
    writer.open("data.csv", size_bound=None if zip64 else len(data))
    writer.write(data)
    writer.close_entry()
    writer.write_entry(
        "manifest.json", manifest if isinstance(manifest, bytes) else manifest_bytes(manifest or manifest_for(data))
    )
    writer.close()
    return sink.getvalue()


@dataclass(frozen=True)
class RawEntry:
    """One member for :func:`raw_zip`: ``payload`` is stored as given; the headers say what the fields say."""

    name: bytes
    payload: bytes
    method: int
    crc: int
    size: int
    flags: int = 0


def deflated(data: bytes, *, finish: bool = True) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if finish else zlib.Z_SYNC_FLUSH)


def raw_entry(name: str, data: bytes, **changes: Any) -> RawEntry:
    entry = RawEntry(name.encode(), deflated(data), 8, zlib.crc32(data), len(data))
    return dataclasses.replace(entry, **changes)


def raw_zip(entries: list[RawEntry], *, offsets_from: list[int] | None = None, gap: bytes = b"") -> bytes:
    """A ZIP written field by field (sizes in the local headers): any lie a hand-made file can tell.

    ``offsets_from`` gives, per central entry, the index of the local record it points at (default: its own);
    ``gap`` goes between the local records and the central directory.
    """
    body, positions = bytearray(), []
    for entry in entries:
        positions.append(len(body))
        body += (
            struct.pack(
                "<4sHHHHHIIIHH",
                LOCAL,
                20,
                entry.flags,
                entry.method,
                0,
                0x21,
                entry.crc,
                len(entry.payload),
                entry.size,
                len(entry.name),
                0,
            )
            + entry.name
            + entry.payload
        )
    body += gap
    start = len(body)
    for index, entry in enumerate(entries):
        target = positions[(offsets_from or list(range(len(entries))))[index]]
        body += (
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                CENTRAL,
                20,
                20,
                entry.flags,
                entry.method,
                0,
                0x21,
                entry.crc,
                len(entry.payload),
                entry.size,
                len(entry.name),
                0,
                0,
                0,
                0,
                0,
                target,
            )
            + entry.name
        )
    size = len(body) - start
    body += struct.pack("<4s4H2IH", END, 0, 0, len(entries), len(entries), size, start, 0)
    return bytes(body)


def python_zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED, comment: bytes = b"") -> bytes:
    """A ZIP written by Python's zipfile (sizes in the local headers, no data descriptors)."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression=method) as archive:
        for name, content in entries:
            archive.writestr(name, content)
        archive.comment = comment
    return sink.getvalue()


def standard_entries(data: bytes = DATA, manifest: dict[str, Any] | bytes | None = None) -> list[tuple[str, bytes]]:
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest or manifest_for(data)).encode()
    return [("data.csv", data), ("manifest.json", raw)]


@dataclass(frozen=True)
class Key:
    identity: X25519Identity
    path: Path


def throwaway_key(folder: Path) -> Key:
    """A new identity, written to ``folder/throwaway.key`` for the command line."""
    identity = X25519Identity.generate()
    path = folder / "throwaway.key"
    path.write_text(format_identity_file(identity, datetime.now(UTC)), encoding="utf-8")
    path.chmod(0o600)
    return Key(identity, path)


def seal(plain: bytes, key: Key) -> bytes:
    sink = io.BytesIO()
    writer = encrypt(sink, [key.identity.recipient])
    writer.write(plain)
    writer.close()
    return sink.getvalue()


def write_archive(folder: Path, name: str, plain: bytes, key: Key) -> Path:
    path = folder / name
    path.write_bytes(seal(plain, key))
    return path


# ----------------------------------------------------------------------------------------------------
# Byte edits of a ZIP


def offsets(zip_bytes: bytes, signature: bytes) -> list[int]:
    found, start = [], 0
    while (position := zip_bytes.find(signature, start)) >= 0:
        found.append(position)
        start = position + 1
    return found


def patch(zip_bytes: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    result = bytearray(zip_bytes)
    for position, value in edits:
        result[position : position + len(value)] = value
    return bytes(result)


def set_field(zip_bytes: bytes, signature: bytes, index: int, field_offset: int, fmt: str, value: int) -> bytes:
    """Set one header field (struct ``fmt``) at ``field_offset`` in the ``index``-th record with ``signature``."""
    position = offsets(zip_bytes, signature)[index] + field_offset
    return patch(zip_bytes, [(position, struct.pack(fmt, value))])


def both_headers(zip_bytes: bytes, index: int, local_offset: int, central_offset: int, fmt: str, value: int) -> bytes:
    """Set a field in the local header and in the central directory entry of entry ``index``."""
    edited = set_field(zip_bytes, LOCAL, index, local_offset, fmt, value)
    return set_field(edited, CENTRAL, index, central_offset, fmt, value)


# Field offsets inside the local (L) and central (C) headers (APPNOTE 4.3.7 and 4.3.12)
L_FLAGS, C_FLAGS = 6, 8
L_METHOD, C_METHOD = 8, 10
L_CRC, C_CRC = 14, 16
L_CSIZE, C_CSIZE = 18, 20
L_SIZE, C_SIZE = 22, 24
C_OFFSET = 42

Builder = Callable[[], bytes]
