"""The ZIP inside the envelope: ``data.csv`` streamed through, then ``manifest.json`` that describes it.

Deflate level 1 keeps compression cheap while still shrinking a CSV three- to ten-fold.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from exporter.zipstream import Sink, ZipStreamWriter

DATA_NAME = "data.csv"
MANIFEST_NAME = "manifest.json"
FORMAT_NAME = "exporter-archive"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 1 << 20


class ArchiveWriter:
    """Writes ``data.csv`` in pieces, then the manifest, then the ZIP's central directory."""

    def __init__(self, sink: Sink) -> None:
        self._zip = ZipStreamWriter(sink)
        self._hash = hashlib.sha256()
        self.data_size = 0

    def open_data(self) -> None:
        self._zip.open(DATA_NAME)

    def write_data(self, piece: bytes | memoryview) -> None:
        self._zip.write(piece)
        self._hash.update(piece)
        self.data_size += len(piece)

    @property
    def data_sha256(self) -> str:
        return self._hash.hexdigest()

    def finish(self, manifest: Mapping[str, Any]) -> None:
        self._zip.close_entry()
        self._zip.write_entry(MANIFEST_NAME, manifest_bytes(manifest))
        self._zip.close()


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
