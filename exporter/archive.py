"""The ZIP inside the envelope: ``data.csv`` streamed through, then ``manifest.json`` that describes it.

Deflate level 1 keeps compression cheap while still shrinking a CSV three- to ten-fold. ``data.csv`` is streamed,
so its ZIP header must say before its first byte whether its sizes will need ZIP64 (``exporter.zipstream``);
:func:`data_csv_bound` gives the bound that decides it, from the resident file's size.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.csv_out import header_line
from exporter.errors import SourceError
from exporter.messages import msg
from exporter.zipstream import EntryOutgrewBound, Sink, ZipStreamWriter

DATA_NAME = "data.csv"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"  # the office's signature of manifest.json (exporter.signing), when signed
FORMAT_NAME = "exporter-archive"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 8 << 20  # the names of every column of a 4 MiB header fit, with room

# Encodings (Python codec names) in which no byte sequence of k bytes decodes to more than 3k bytes of UTF-8: every
# single byte decodes to at most one character of the Basic Multilingual Plane (3 bytes in UTF-8: CP932's
# half-width kana are the case that triples), and characters beyond it, or pairs of them, take at least 2 bytes.
_AT_MOST_TRIPLE = frozenset(
    {
        "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
        "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
        "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext",
        "ascii", "iso8859-1", "cp1252",
    }
)  # fmt: skip
_ANY_TEXT_CODEC = 4  # no character is longer than 4 bytes in UTF-8, and each takes at least one source byte


@dataclass(frozen=True)
class DataBound:
    """At most ``size`` bytes of ``data.csv`` can come from the resident file named ``source_name``."""

    size: int
    source_name: str


def data_csv_bound(
    source: Path, encoding: str | None, columns: Sequence[str], *, at_least: int = 0
) -> DataBound | None:
    """The most bytes ``data.csv`` can hold when ``columns`` of the CSV file ``source`` pass through unchanged.

    Bound: the header line exactly (BOM + CSV of ``columns``), plus 3 bytes per byte of the file, plus 3. Each
    field of the file, with the delimiter or line end that follows it (at least one byte), gets a budget of 3
    bytes per byte:

    - its characters take at most 3 bytes of UTF-8 per byte (see ``_AT_MOST_TRIPLE``);
    - a value is quoted only when it holds one of ``, " CR LF`` (one byte each in the file; CR and LF only in a
      value the file already quoted): a doubled quote costs 2 of its 3, a comma 1, and the delimiter or line
      end costs at most 2 (comma, CRLF) of its 3, which leaves the 2 enclosing quotes paid for; a value the file
      quoted brings its own two quotes;
    - the empty value of a single kept column is written ``""`` (4 bytes with CRLF): its row has a delimiter
      and a line end to pay for it, or is a one-column file that wrote it as ``""`` too.

    So each field with its separator grows at most threefold; the last record may lack a line end (+3); the
    kept columns are a subset of each record. For an encoding outside ``_AT_MOST_TRIPLE`` the factor is 4.
    Returns None when there is no bound: ``source`` is not a regular file (a pipe), or ``encoding`` is not a
    text encoding. A transform that lengthens values widens the bound with ``at_least``: the most bytes of
    data.csv per byte of the file it can produce (a pseudonym turns a one-byte value and its delimiter into a
    whole token and a delimiter).
    """
    try:
        info = os.stat(source)
        codec = codecs.lookup(encoding).name if encoding else None
    except (OSError, LookupError):
        return None
    if codec is None or not stat.S_ISREG(info.st_mode):
        return None
    factor = max(3 if codec in _AT_MOST_TRIPLE else _ANY_TEXT_CODEC, at_least)
    return DataBound(len(header_line(columns)) + factor * info.st_size + 3, source.name)


class ArchiveWriter:
    """Writes ``data.csv`` in pieces, then the manifest, then the ZIP's central directory.

    ``data_bound`` (from :func:`data_csv_bound`) lets ``data.csv`` go without ZIP64 when it cannot reach 4 GiB;
    None means unknown, and ZIP64 it is.
    """

    def __init__(self, sink: Sink, data_bound: DataBound | None = None, *, zip64_limit: int | None = None) -> None:
        self._zip = ZipStreamWriter(sink) if zip64_limit is None else ZipStreamWriter(sink, zip64_limit=zip64_limit)
        self._bound = data_bound
        self._hash = hashlib.sha256()
        self.data_size = 0

    def open_data(self) -> None:
        self._zip.open(DATA_NAME, size_bound=self._bound.size if self._bound else None)

    def write_data(self, piece: bytes | memoryview) -> None:
        try:
            self._zip.write(piece)
        except EntryOutgrewBound:
            raise self._grew() from None
        self._hash.update(piece)
        self.data_size += len(piece)

    @property
    def data_sha256(self) -> str:
        return self._hash.hexdigest()

    def finish(self, manifest: Mapping[str, Any], sign: Callable[[bytes], bytes] | None = None) -> None:
        """Close data.csv, write manifest.json and, when ``sign`` is given, ``manifest.json.minisig`` right after it:
        ``sign(manifest bytes)`` returns the signature file (:func:`exporter.signing.sign`)."""
        try:
            self._zip.close_entry()
        except EntryOutgrewBound:
            raise self._grew() from None
        raw = manifest_bytes(manifest)
        self._zip.write_entry(MANIFEST_NAME, raw)
        if sign is not None:
            self._zip.write_entry(SIGNATURE_NAME, sign(raw))
        self._zip.close()

    def _grew(self) -> SourceError:
        name = self._bound.source_name if self._bound else DATA_NAME
        return SourceError(
            msg("reader.grew", name=name),
            path=name,
            hint=msg("reader.not_being_written_hint"),
        )


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
