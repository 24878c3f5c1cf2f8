"""The ZIP inside the envelope: ``data.csv`` streamed through, then ``manifest.json`` that describes it.

The ZIP is written to a stream that cannot seek (the encryption layer), so Python's ``zipfile`` writes data
descriptors after each entry; every common unzip tool reads those. Deflate level 1 keeps compression cheap while
still shrinking a CSV five- to ten-fold.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping
from typing import IO, Any, BinaryIO

DATA_NAME = "data.csv"
MANIFEST_NAME = "manifest.json"
FORMAT_NAME = "exporter-archive"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 1 << 20


class ArchiveWriter:
    """Writes ``data.csv`` in pieces, then the manifest, then the ZIP's central directory."""

    def __init__(self, sink: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(_Unseekable(sink), "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._data: IO[bytes] | None = None
        self._hash = hashlib.sha256()
        self.data_size = 0

    def open_data(self) -> None:
        # Opening by name (not by ZipInfo) is what makes zipfile apply the archive's compression level.
        self._data = self._zip.open(DATA_NAME, "w", force_zip64=True)

    def write_data(self, piece: bytes | memoryview) -> None:
        assert self._data is not None
        self._data.write(piece)
        self._hash.update(piece)
        self.data_size += len(piece)

    @property
    def data_sha256(self) -> str:
        return self._hash.hexdigest()

    def finish(self, manifest: Mapping[str, Any]) -> None:
        assert self._data is not None
        self._data.close()
        self._zip.writestr(MANIFEST_NAME, manifest_bytes(manifest))
        self._zip.close()


class _Unseekable:
    """What zipfile needs of the encryption stream: writes, and a flush that has nothing to do."""

    def __init__(self, sink: BinaryIO) -> None:
        self.write = sink.write

    def flush(self) -> None:
        """Chunks are sealed when full or at close, never early."""


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
