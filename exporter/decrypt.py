"""The receiving side: open an archive, verify it, and release plaintext only once all of it verified.

    archive.zip.age --age--> sealed scratch file (the inner ZIP) --strict unzip--> manifest.json (schema-checked)
        --> data.csv unpacked into an unnamed scratch file, its SHA-256 compared with the manifest
        --> the output folder is made (if missing) and both files are linked into place

age authenticates each 64 KiB chunk, but a cut-off file is only detected at its end, so nothing reaches the
output folder before the last chunk verified, the ZIP passed :mod:`exporter.unzip`, the manifest passed its schema
(:mod:`exporter.manifest`) and ``data.csv`` matched the manifest's size and SHA-256. Every failure leaves the
output folder as it was, and does not create it. Scratch files never hold readable plaintext after a crash
(:mod:`exporter.staging`).

Decompression bombs: ``data.csv`` may unpack to at most ``max_expansion`` times the size of the .age file
(:data:`DEFAULT_MAX_EXPANSION`; real resident tables compress 3 to 10 times, a single repetitive column up to
about 25 times, zeros about 1,000 times), and always to :data:`EXPANSION_FLOOR`. That is checked from the sizes
the archive declares before anything is unpacked, and enforced while unpacking, since declared sizes can lie.
The free space of the disk is checked against the declared sizes first, too.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from exporter import unzip
from exporter.archive import DATA_NAME, MANIFEST_NAME, MAX_MANIFEST_BYTES, SIGNATURE_NAME
from exporter.destination import (
    OutputErrors,
    make_folders,
    nearest_folder,
    remove_folders,
    require_free_space,
)
from exporter.errors import DecryptionError, ExportCancelled, OutputError
from exporter.keys.signers import load_signers
from exporter.manifest import parse_manifest
from exporter.messages import Message, msg
from exporter.progress import Progress
from exporter.signature_check import UNSIGNED, SignatureCheck, check_manifest_signature, enforce, required_by_policy
from exporter.signing import MAX_SIGNATURE_BYTES, SigningPublicKey
from exporter.sizes import file_size
from exporter.staging import ScratchFile, forbid_core_dumps, remove_stale_around

DEFAULT_MAX_EXPANSION = 100.0
EXPANSION_FLOOR = 64 << 20
_DECRYPTING = 0.4  # share of the progress bar for decrypting; the rest is unpacking and checking


@dataclass(frozen=True)
class OpenedArchive:
    """Where the archive was opened, its manifest, and ``archive_sha256``: the SHA-256 (hex) of the .age file as it
    was read, for the recipient to compare with the hash value the sender saw (Done page, instructions file)."""

    folder: Path
    data: Path
    manifest_path: Path
    manifest: dict[str, Any]
    archive_sha256: str = ""
    signature: SignatureCheck = UNSIGNED  # signed by whom (check code), unsigned, or an unknown signer
    signature_path: Path | None = None  # manifest.json.minisig beside manifest.json, when the archive is signed
    archive_name: str = ""  # the .age file's name, without its folder (what a receipt names)
    made_folders: tuple[Path, ...] = ()  # the folders made for it, outermost first (Delete now removes them if empty)


def made_for_others(identities: Sequence[object], manifest: dict[str, Any]) -> bool:
    """Whether the archive reached a key its manifest does not list: opened with X25519 identities, none of which
    is among the manifest's recipients (``recipients[].recipient``), while the manifest lists some. Such an
    archive was encrypted again by someone after the sender (a recipient passing the data on): the manifest and its
    signature still verify, since they were copied whole, but it was not sent to this key by the sender."""
    from exporter.envelope import X25519Identity

    keys = {str(identity.recipient).lower() for identity in identities if isinstance(identity, X25519Identity)}
    listed = manifest_recipient_keys(manifest)
    return bool(keys) and bool(listed) and not keys & listed


def manifest_recipient_keys(manifest: dict[str, Any]) -> set[str]:
    """The ``age1...`` keys (lower case) a manifest lists as its recipients (``recipients[].recipient``)."""
    named = manifest.get("recipients")
    return {
        str(entry.get("recipient", "")).lower()
        for entry in (named if isinstance(named, list) else [])
        if isinstance(entry, dict) and str(entry.get("recipient", "")).startswith("age1")
    }


def decrypt_file(
    source: Path,
    output: Path,
    identities: Sequence[Any],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Decrypt any age file (binary or armored) to the file ``output``, which appears only if everything verified.

    The folder of ``output`` must exist. Raises :class:`DecryptionError` (the archive), :class:`OutputError` (the
    output: exists, no space, no permission) or :class:`ExportCancelled`; ``output`` then does not exist.
    """
    forbid_core_dumps()
    folder = output.parent
    with _opened(source) as (reader, size):
        if output.exists() or output.is_symlink():
            raise OutputError(msg("output.exists", path=str(output)), hint=msg("output.other_name_hint"))
        if not folder.is_dir():
            if folder.exists():
                raise OutputError(msg("output.not_a_folder", path=str(folder)))
            raise OutputError(msg("output.no_folder", path=str(folder)))
        remove_stale_around(folder)
        with OutputErrors(folder):
            require_free_space(folder, size)
            with ScratchFile(folder, sealed=False) as plain:
                _decrypt_into(reader, size, plain, identities, _scaled(progress, 0.0, 1.0), cancel)
                _check_cancel(cancel)
                plain.publish(output)
    if progress is not None:
        progress(1.0, msg("progress.verified"))
    return output


def decrypt_archive(
    source: Path,
    folder: Path,
    identities: Sequence[Any],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    max_expansion: float = DEFAULT_MAX_EXPANSION,
    signers: Sequence[SigningPublicKey] | None = None,
    require_signature: bool | None = None,
) -> OpenedArchive:
    """Decrypt an exporter archive into ``folder`` as ``data.csv`` and ``manifest.json``.

    A signed archive's ``manifest.json.minisig`` is checked against ``signers`` (default: the recipient's trusted
    signers, :mod:`exporter.keys.signers`) and written beside the manifest; an altered one is refused. With
    ``require_signature`` (None: as the receiving policy says, :func:`exporter.signature_check.required_by_policy`)
    an unsigned archive, or one signed by a key not among ``signers``, is refused too. The result says who signed.

    ``folder`` is made (with missing parents) only once everything verified. ``max_expansion`` bounds the unpacked
    size as the module docstring says. Raises :class:`DecryptionError` (the archive, with one sentence),
    :class:`OutputError` (the folder) or :class:`ExportCancelled`; the folder is then exactly as it was.
    """
    forbid_core_dumps()
    name = source.name
    trusted = load_signers().keys() if signers is None else list(signers)  # a broken list fails before any work
    require = required_by_policy() if require_signature is None else require_signature
    with _opened(source) as (reader, size):
        base = nearest_folder(folder)
        remove_stale_around(folder)
        if base == folder:
            for existing in (folder / DATA_NAME, folder / MANIFEST_NAME, folder / SIGNATURE_NAME):
                if existing.exists() or existing.is_symlink():
                    raise OutputError(msg("output.exists", path=str(existing)), hint=msg("output.empty_folder_hint"))
        with OutputErrors(base), ScratchFile(base, sealed=True) as inner:
            require_free_space(base, size)
            _decrypt_into(reader, size, inner, identities, _scaled(progress, 0.0, _DECRYPTING), cancel)
            archive_sha256 = reader.sha256()
            entries = unzip.read_directory(inner, name, (DATA_NAME, MANIFEST_NAME), optional=(SIGNATURE_NAME,))
            data_entry, manifest_entry = entries[DATA_NAME], entries[MANIFEST_NAME]
            if manifest_entry.size > MAX_MANIFEST_BYTES:
                raise DecryptionError(msg("decrypt.manifest_too_large", name=name))
            raw_manifest = unzip.read_small(inner, manifest_entry, name)
            raw_signature = _signature(inner, entries.get(SIGNATURE_NAME), name)
            signature = check_manifest_signature(raw_manifest, raw_signature, trusted, archive=name)
            enforce(signature, require=require, archive=name)
            manifest = parse_manifest(raw_manifest, name)
            if manifest["data"]["size"] != data_entry.size:
                raise _altered(name)
            _check_expansion(name, data_entry.size, size, max_expansion)
            require_free_space(base, data_entry.size + len(raw_manifest))
            with (
                ScratchFile(base, sealed=False) as data,
                ScratchFile(base, sealed=False) as manifest_file,
                ScratchFile(base, sealed=False) as signature_file,
            ):
                digest = _unpack(inner, data_entry, name, data, _scaled(progress, _DECRYPTING, 1.0), cancel)
                if digest != manifest["data"]["sha256"]:
                    raise _altered(name)
                manifest_file.write(raw_manifest)
                published = [(manifest_file, MANIFEST_NAME), (data, DATA_NAME)]  # personal data last
                if raw_signature is not None:
                    signature_file.write(raw_signature)
                    published.insert(1, (signature_file, SIGNATURE_NAME))
                _check_cancel(cancel)
                made = _publish(folder, published)
    if progress is not None:
        progress(1.0, msg("progress.verified"))
    signature_path = None if raw_signature is None else folder / SIGNATURE_NAME
    return OpenedArchive(
        folder,
        folder / DATA_NAME,
        folder / MANIFEST_NAME,
        manifest,
        archive_sha256,
        signature,
        signature_path,
        name,
        tuple(made),
    )


def _signature(inner: ScratchFile, entry: unzip.Entry | None, name: str) -> bytes | None:
    """The bytes of ``manifest.json.minisig`` (None: the archive is not signed), within the signature's size."""
    if entry is None:
        return None
    if entry.size > MAX_SIGNATURE_BYTES:
        raise DecryptionError(msg("signing.signature_too_large", name=name))
    return unzip.read_small(inner, entry, name)


class _Reader:
    """The archive file for the age reader: a read error becomes one sentence that names the file. It hashes what
    it hands out, so the archive's SHA-256 costs no second pass."""

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._handle = handle
        self._path = path
        self._digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._handle.read(size)
        except OSError as err:
            raise DecryptionError(_unreadable(self._path, err)) from None
        self._digest.update(data)
        return data

    def sha256(self) -> str:
        """The SHA-256 (hex) of the whole file: whatever the age reader left unread is read and hashed first."""
        while self.read(1 << 20):
            pass
        return self._digest.hexdigest()

    def tell(self) -> int:
        return self._handle.tell()


@contextlib.contextmanager
def _opened(source: Path) -> Iterator[tuple[_Reader, int]]:
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise DecryptionError(msg("decrypt.missing", path=str(source))) from None
    except IsADirectoryError:
        raise DecryptionError(msg("decrypt.folder", path=str(source))) from None
    except OSError as err:
        raise DecryptionError(_unreadable(source, err)) from None
    with handle:
        if os.path.isdir(source):  # Windows opens folders without IsADirectoryError on some versions
            raise DecryptionError(msg("decrypt.folder", path=str(source)))
        yield _Reader(handle, source), os.fstat(handle.fileno()).st_size


def _decrypt_into(
    reader: _Reader,
    size: int,
    target: ScratchFile,
    identities: Sequence[Any],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> None:
    from exporter.envelope import decrypt

    written = 0
    for chunk in decrypt(cast(BinaryIO, reader), identities, cancel=cancel):
        _check_cancel(cancel)
        target.write(chunk)
        written += len(chunk)
        if progress is not None:
            progress(min(reader.tell() / max(size, 1), 1.0), msg("progress.bytes_decrypted", size=written))


def _unpack(
    inner: ScratchFile,
    entry: unzip.Entry,
    name: str,
    target: ScratchFile,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> str:
    """Unpack ``data.csv`` into ``target``; returns its SHA-256 (hex)."""
    digest = hashlib.sha256()

    def write(piece: bytes) -> None:
        digest.update(piece)
        target.write(piece)

    def advance(consumed: int) -> None:
        if progress is not None:
            progress(consumed / max(entry.compressed_size, 1), msg("progress.bytes_unpacked", size=target.size))

    unzip.unpack(inner, entry, name, write, cancel=cancel, advance=advance)
    return digest.hexdigest()


def _check_expansion(name: str, unpacked: int, archive_size: int, max_expansion: float) -> None:
    if unpacked <= max(max_expansion * archive_size, EXPANSION_FLOOR):
        return
    ratio = unpacked / max(archive_size, 1)
    raise DecryptionError(
        msg("decrypt.expansion", name=name, size=file_size(unpacked), ratio=ratio, limit=max_expansion),
        hint=msg("decrypt.expansion_hint", number=math.ceil(ratio)),
    )


def _publish(folder: Path, files: Sequence[tuple[ScratchFile, str]]) -> list[Path]:
    """Make ``folder`` if missing and give each file its name; on any failure undo all of it. Returns the folders
    made (outermost first)."""
    made = make_folders(folder)
    published: list[Path] = []
    try:
        for scratch, file_name in files:
            scratch.publish(folder / file_name)
            published.append(folder / file_name)
    except BaseException:
        for path in published:
            with contextlib.suppress(OSError):
                os.unlink(path)
        remove_folders(made)
        raise
    return made


def _altered(name: str) -> DecryptionError:
    return DecryptionError(msg("decrypt.altered", name=name))


def _unreadable(path: Path, err: OSError) -> Message:
    return msg("decrypt.unreadable", path=str(path), reason=err.strerror or type(err).__name__)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled(msg("envelope.opening_cancelled"))


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    report = progress

    def scaled(fraction: float, message: Message) -> None:
        report(start + (end - start) * fraction, message)

    return scaled


__all__ = ["DEFAULT_MAX_EXPANSION", "EXPANSION_FLOOR", "OpenedArchive", "decrypt_archive", "decrypt_file"]
