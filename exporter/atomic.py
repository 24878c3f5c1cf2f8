"""A file that appears at its final name only when complete, and leaves nothing behind otherwise."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from exporter import interrupts
from exporter.errors import ExporterError, OutputError
from exporter.messages import msg

TOKEN_BYTES = 4  # the random part of a temporary name: 8 hexadecimal digits


def temporary_name(name: str, token: str) -> str:
    """The hidden temporary file :class:`AtomicFile` writes ``name`` into: ``.NAME.TOKEN.part``."""
    return f".{name}.{token}.part"


def remove_stale_temporaries(target: Path) -> list[str]:
    """Remove the temporary files of ``target`` that an :class:`AtomicFile` left when its process was killed (a
    SIGKILL, a power cut): only regular files of this user named exactly as it names them for ``target``
    (:func:`temporary_name`), never another file. Call it only where no other writer of ``target`` can be running.
    Returns the names removed; one that cannot be removed is left."""
    before, after = temporary_name(target.name, "\0").split("\0")  # the name around the token
    pattern = re.compile(f"{re.escape(before)}[0-9a-f]{{{2 * TOKEN_BYTES}}}{re.escape(after)}")  # token_hex's digits
    removed: list[str] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            found = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(found.st_mode) and (os.name != "posix" or found.st_uid == os.getuid()):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


class AtomicFile:
    """Write to a hidden temporary file beside the target, then fsync and rename it into place.

    Keeping the temporary file in the target folder makes the rename atomic (same file system) and keeps
    partial output away from other users' temporary folders. An existing target is never replaced.
    """

    def __init__(self, target: Path, mode: int = 0o644) -> None:
        self.target = target
        self._mode = mode
        folder = target.parent
        if target.exists():
            raise OutputError(msg("output.exists", path=str(target)), hint=msg("output.other_name_hint"))
        if not folder.is_dir():
            raise OutputError(msg("output.no_folder", path=str(folder)))
        token = secrets.token_hex(TOKEN_BYTES)
        temp_name = temporary_name(target.name, token)
        if len(os.fsencode(temp_name)) > 255:  # a legal name of up to 255 bytes leaves no room for the decoration
            temp_name = f".exporter-{token}.part"
        self.temp = folder / temp_name
        try:
            fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except PermissionError:
            raise OutputError(
                msg("output.folder_not_writable", path=str(folder)), hint=msg("output.writable_folder_hint")
            ) from None
        except OSError as err:
            raise OutputError(msg("output.cannot_create", path=str(target), reason=err.strerror or str(err))) from None
        try:
            self.file: BinaryIO = os.fdopen(fd, "wb", buffering=1 << 20)
        except BaseException:
            os.close(fd)
            os.unlink(self.temp)
            raise
        self._hash = hashlib.sha256()
        self.size = 0
        self._done = False
        self.left_behind: OSError | None = None  # why the temporary file could not be removed, if it could not

    def write(self, data: bytes | memoryview) -> int:
        """Write through to the file, keeping the SHA-256 and size of what was written."""
        self._hash.update(data)
        self.size += len(data)
        return self.file.write(data)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def commit(self) -> None:
        """Make the complete file visible under its final name."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temp, self._mode & ~umask)
        try:
            os.link(self.temp, self.target)  # fails instead of replacing a file that appeared meanwhile
        except FileExistsError:
            raise OutputError(msg("output.exists", path=str(self.target)), hint=msg("output.other_name_hint")) from None
        except OSError:  # file systems without hard links (FAT on USB sticks)
            if self.target.exists():
                raise OutputError(msg("output.exists", path=str(self.target))) from None
            os.rename(self.temp, self.target)
        else:
            os.unlink(self.temp)
        fsync_folder(self.target.parent)
        self._done = True

    def discard(self) -> None:
        """Close and remove the temporary file. Its name goes first (POSIX removes an open file; Windows only a
        closed one, so there it is removed after closing), with a second Ctrl-C held back meanwhile: closing may
        take long (the buffer is written out), and nothing may leave the file behind. A file that cannot be
        removed (a folder made read-only meanwhile) is left and named in ``left_behind``."""
        removed = False
        try:
            removed = self._remove()  # may raise the second signal's KeyboardInterrupt, once the name is gone
        finally:
            try:
                if not self.file.closed:
                    with contextlib.suppress(OSError):
                        self.file.close()
            finally:
                if not removed:
                    self._remove()

    def _remove(self) -> bool:
        with interrupts.deferred():
            try:
                os.unlink(self.temp)
            except FileNotFoundError:
                pass
            except OSError as error:
                self.left_behind = error
                return False
        self.left_behind = None
        return True

    def abandon(self) -> None:
        """Remove the temporary file by name while another thread is stuck writing to it, and leave the file
        object alone: closing it would wait for that write. :meth:`discard` closes it once the write returns (on
        the writing thread), and removes the file there if it could not be removed now (Windows removes no open file;
        a process that ends first leaves it: ciphertext only, named as a temporary file)."""
        self._done = True
        self._remove()

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if not self._done:
            self.discard()
            if self.left_behind is not None and isinstance(error, ExporterError):
                error.hint = msg("output.temporary_left_hint", path=str(self.temp))


def fsync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` durable (POSIX; Windows has no folder handle to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
