"""Scratch files for the receiving side: nothing decrypted survives a crash in readable form.

Where the system allows it (Linux with ext4, XFS, Btrfs, tmpfs...), a scratch file is opened with ``O_TMPFILE``:
it has no name, so the kernel frees it when the process ends, however it ends (SIGKILL, a crash, a power cut),
and a verified file gets its final name with ``linkat`` (through ``/proc/self/fd``) only once everything checked.
Elsewhere (Windows, macOS, FAT) a scratch file is a hidden ``.exporter-<random>.tmp`` beside the output, locked
while in use, whose bytes are sealed as they are written (ChaCha20 under a random key that only this process's
memory holds): after a crash it is unreadable ciphertext, and the next run removes it. There, a released file is
plaintext under a hidden name only while its final copy is written, and the next run removes that too.

Scratch files that only this process reads (the decrypted inner ZIP) are always sealed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

from exporter.atomic import fsync_folder
from exporter.errors import OutputError
from exporter.messages import msg

SCRATCH_PREFIX = ".exporter-"
SCRATCH_SUFFIX = ".tmp"
_SCRATCH_NAME = re.compile(r"\.exporter-[0-9a-f]{16}\.tmp")
# What exporter 0.1.0's decrypt left after a crash: the whole decrypted ZIP and the parts of data.csv/manifest.json.
_OLD_LEFTOVER = re.compile(r"\.(?:.+\.zip|data\.csv|manifest\.json)\.[0-9a-f]{8}\.part")
_AGE_MAGIC = (b"age-encryption.org/", b"-----BEGIN AGE ENCRYPTED FILE-----")
_COPY_BYTES = 1 << 20
_SEAL_BLOCK = 64  # ChaCha20 block: the keystream at any offset starts from block counter offset // 64
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_PROC_FD = Path("/proc/self/fd")


# Tests set this to False to try, on Linux, the path that Windows, macOS and FAT take.
UNNAMED_FILES = True


def use_unnamed_files() -> bool:
    """Whether scratch files can have no name at all on this system (``O_TMPFILE`` and ``/proc/self/fd``)."""
    return UNNAMED_FILES and bool(_O_TMPFILE) and _PROC_FD.is_dir()


def forbid_core_dumps() -> None:
    """Switch off core dumps for this process: a dump would hold decrypted data and keys in readable form."""
    try:
        import resource
    except ImportError:  # Windows: no core dumps of this kind
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class ScratchFile:
    """A private scratch file in ``folder``: unnamed where possible, otherwise hidden, locked and always sealed.

    ``write`` appends; ``read_at`` reads (and unseals) any range; ``publish`` gives the content its final name,
    never replacing an existing file. ``discard`` removes what is left.
    """

    def __init__(self, folder: Path, *, sealed: bool, _final_copy: bool = False) -> None:
        self.folder = folder
        self.size = 0
        self.path: Path | None = None
        fd = None if _final_copy or not use_unnamed_files() else self._open_unnamed(folder)
        if fd is None:
            fd = self._open_named(folder)
            sealed = sealed or not _final_copy  # only the final copy of a released file is named plaintext
        self._fd = fd
        self._file: BinaryIO = os.fdopen(fd, "r+b", buffering=0)
        self._key = os.urandom(32) if sealed else None
        self._nonce = os.urandom(12)
        self._encrypt = self._cipher(0).encryptor().update if self._key is not None else None

    @property
    def sealed(self) -> bool:
        return self._key is not None

    @staticmethod
    def _open_unnamed(folder: Path) -> int | None:
        try:
            return os.open(folder, _O_TMPFILE | os.O_RDWR, 0o600)
        except OSError as err:
            if err.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                return None  # this file system has no unnamed files: use a hidden, sealed one
            raise

    def _open_named(self, folder: Path) -> int:
        path = folder / f"{SCRATCH_PREFIX}{secrets.token_hex(8)}{SCRATCH_SUFFIX}"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        self.path = path
        _lock(fd)
        return fd

    def _cipher(self, offset: int) -> Cipher[None]:
        assert self._key is not None
        counter = (offset // _SEAL_BLOCK).to_bytes(4, "little")
        return Cipher(algorithms.ChaCha20(self._key, counter + self._nonce), mode=None)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Append ``data`` (sealed first when the file is sealed)."""
        if self._encrypt is not None:
            data = self._encrypt(data)
        view = memoryview(data).cast("B")
        self.size += len(view)
        while view:
            written = self._file.write(view)
            if not written:  # pragma: no cover - a raw file writes something or raises
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            view = view[written:]

    def read_at(self, offset: int, size: int) -> bytes:
        """Up to ``size`` bytes from ``offset``, unsealed; fewer only at the end of the file."""
        size = max(min(size, self.size - offset), 0)
        if size == 0:
            return b""
        self._file.seek(offset)
        parts = []
        missing = size
        while missing > 0:
            piece = self._file.read(missing)
            if not piece:
                break
            parts.append(piece)
            missing -= len(piece)
        data = b"".join(parts)
        if self._key is None:
            return data
        skip = offset % _SEAL_BLOCK
        return self._cipher(offset).decryptor().update(bytes(skip) + data)[skip:]

    def publish(self, target: Path) -> None:
        """Give the content its final name ``target``; an existing file is never replaced.

        An unnamed plaintext file is linked into place. A sealed one is first copied out, unsealed, into a hidden
        plaintext file beside ``target`` that is then renamed: the only moment plaintext has a (hidden) name.
        """
        if self._key is not None:
            plain = ScratchFile(target.parent, sealed=False, _final_copy=True)
            try:
                offset = 0
                while offset < self.size:
                    piece = self.read_at(offset, _COPY_BYTES)
                    plain.write(piece)
                    offset += len(piece)
                plain.publish(target)
            finally:
                plain.discard()
            return
        self._file.flush()
        os.fsync(self._fd)
        if self.path is None:
            _link_unnamed(self._fd, target)
        else:
            if os.name == "nt":  # Windows renames no file that is still open; POSIX keeps the lock until done
                self._file.close()
            _link_named(self.path, target)
            self.path = None
        fsync_folder(target.parent)

    def discard(self) -> None:
        """Close and remove the file (an unnamed one simply vanishes)."""
        with contextlib.suppress(OSError):
            self._file.close()
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            self.path = None

    def __enter__(self) -> ScratchFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.discard()


def _link_unnamed(fd: int, target: Path) -> None:
    folder_fd = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(_PROC_FD / str(fd), target.name, dst_dir_fd=folder_fd, follow_symlinks=True)
    except FileExistsError:
        raise _exists(target) from None
    finally:
        os.close(folder_fd)


def _link_named(path: Path, target: Path) -> None:
    try:
        os.link(path, target)  # fails instead of replacing a file that appeared meanwhile
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # file systems without hard links (FAT on USB sticks)
        if target.exists():
            raise _exists(target) from None
        os.rename(path, target)
    else:
        os.unlink(path)


def _exists(target: Path) -> OutputError:
    return OutputError(msg("output.exists", path=str(target)), hint=msg("output.empty_folder_hint"))


def _lock(fd: int) -> None:
    """Hold an advisory lock for as long as the file is open, so a later run knows the file is still in use."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted, which is lock enough
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    try:
        import fcntl
    except ImportError:
        return False  # removing an open file fails on Windows, so trying is safe
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def remove_stale(folder: Path) -> None:
    """Remove what earlier runs that crashed left in ``folder``: this program's unused scratch files, and the
    plaintext ``.part`` files of exporter 0.1.0's decrypt (never an export's, which hold an age file)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = folder / name
        if _SCRATCH_NAME.fullmatch(name):
            if not _in_use(path):
                with contextlib.suppress(OSError):
                    os.unlink(path)
        elif _OLD_LEFTOVER.fullmatch(name) and not _holds_an_age_file(path):
            with contextlib.suppress(OSError):
                os.unlink(path)


def remove_stale_around(folder: Path, levels: int = 8) -> None:
    """:func:`remove_stale` in ``folder`` and its existing ancestors (``levels`` at most): a run that crashed
    kept its scratch files in the nearest folder that existed then, which may now be a parent of ``folder``."""
    path = folder
    for _ in range(levels):
        if path.is_dir():
            remove_stale(path)
        if path.parent == path:
            break
        path = path.parent


def _holds_an_age_file(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            start = file.read(40)
    except OSError:
        return True  # cannot tell: leave it
    return start.startswith(_AGE_MAGIC) or not start


__all__ = [
    "ScratchFile",
    "forbid_core_dumps",
    "remove_stale",
    "remove_stale_around",
    "use_unnamed_files",
]
