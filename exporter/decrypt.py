"""The receiving side: open an archive, verify it, and release plaintext only once all of it is authenticated.

age authenticates each 64 KiB chunk, but a cut-off file is only detected at its end, so decrypted bytes go to a
private temporary file in the destination folder and are renamed into place after the last chunk verified.
An exporter archive is then checked once more against its manifest (SHA-256 and size of ``data.csv``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.archive import DATA_NAME, FORMAT_NAME, MANIFEST_NAME, MAX_MANIFEST_BYTES
from exporter.atomic import AtomicFile
from exporter.errors import DecryptionError, ExportCancelled, OutputError
from exporter.progress import Progress

_COPY_BYTES = 1 << 20


@dataclass(frozen=True)
class OpenedArchive:
    folder: Path
    data: Path
    manifest_path: Path
    manifest: dict[str, Any]


def decrypt_file(
    source: Path,
    output: Path,
    identities: Sequence[Any],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Decrypt any age file (binary or armored) to ``output``, which appears only if everything verified."""
    with AtomicFile(output, mode=0o600) as target:
        _decrypt_into(source, target, identities, progress, cancel)
        target.commit()
    return output


def decrypt_archive(
    source: Path,
    folder: Path,
    identities: Sequence[Any],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> OpenedArchive:
    """Decrypt an exporter archive into ``folder`` as ``data.csv`` and ``manifest.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (DATA_NAME, MANIFEST_NAME):
        if (folder / name).exists():
            raise OutputError(
                f"{folder / name} already exists.",
                hint="Choose an empty folder, or move the earlier files away.",
            )
    with AtomicFile(folder / f".{source.name}.zip", mode=0o600) as plain_zip:
        _decrypt_into(source, plain_zip, identities, progress, cancel)
        plain_zip.file.close()
        with _open_zip(plain_zip.temp, source.name) as archive:
            manifest = _read_manifest(archive, source.name)
            with AtomicFile(folder / DATA_NAME, mode=0o600) as data:
                _copy_verified(archive, data, manifest, source.name, cancel)
                with AtomicFile(folder / MANIFEST_NAME, mode=0o600) as manifest_file:
                    with archive.open(MANIFEST_NAME) as entry:
                        manifest_file.file.write(entry.read(MAX_MANIFEST_BYTES))
                    data.commit()
                    manifest_file.commit()
    if progress is not None:
        progress(1.0, "verified")
    return OpenedArchive(folder, folder / DATA_NAME, folder / MANIFEST_NAME, manifest)


def _decrypt_into(
    source: Path,
    target: AtomicFile,
    identities: Sequence[Any],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> None:
    from exporter.envelope import decrypt

    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise DecryptionError(f"{source} does not exist.") from None
    except IsADirectoryError:
        raise DecryptionError(f"{source} is a folder, not an archive.") from None
    total = max(os.fstat(handle.fileno()).st_size, 1)
    with handle:
        written = 0
        for chunk in decrypt(handle, identities):
            if cancel is not None and cancel.is_set():
                raise ExportCancelled("Opening the archive was cancelled; nothing was written.")
            target.file.write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(min(handle.tell() / total, 1.0), f"{written:,} bytes decrypted")


@contextlib.contextmanager
def _open_zip(path: Path, name: str) -> Any:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise DecryptionError(
            f"{name} decrypted, but it is not an exporter archive.",
            hint="Use “exporter decrypt --raw” to get its content as it is.",
        ) from None
    with archive:
        yield archive


def _read_manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    names = set(archive.namelist())
    if not {DATA_NAME, MANIFEST_NAME} <= names:
        raise DecryptionError(
            f"{name} decrypted, but it does not hold {DATA_NAME} and {MANIFEST_NAME}.",
            hint="Use “exporter decrypt --raw” to get its content as it is.",
        )
    if archive.getinfo(MANIFEST_NAME).file_size > MAX_MANIFEST_BYTES:
        raise DecryptionError(f"The manifest in {name} is too large to be genuine.")
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise DecryptionError(f"The manifest in {name} cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise DecryptionError(f"{name} decrypted, but its manifest is not an exporter manifest.")
    data = manifest.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), str) or not isinstance(data.get("size"), int):
        raise DecryptionError(f"The manifest in {name} does not describe {DATA_NAME}.")
    return manifest


def _copy_verified(
    archive: zipfile.ZipFile,
    target: AtomicFile,
    manifest: dict[str, Any],
    name: str,
    cancel: threading.Event | None,
) -> None:
    """Copy ``data.csv`` out, never past the size the manifest declares, and compare its SHA-256."""
    expected_size: int = manifest["data"]["size"]
    digest = hashlib.sha256()
    size = 0
    with archive.open(DATA_NAME) as entry:
        while block := entry.read(_COPY_BYTES):
            size += len(block)
            if size > expected_size:
                break
            if cancel is not None and cancel.is_set():
                raise ExportCancelled("Opening the archive was cancelled; nothing was written.")
            digest.update(block)
            target.file.write(block)
    if size != expected_size or digest.hexdigest() != manifest["data"]["sha256"]:
        raise DecryptionError(f"{DATA_NAME} in {name} does not match its manifest: the archive was altered.")
