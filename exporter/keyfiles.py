"""Reading the small text files that hold a secret key, a passphrase or recipients' public keys.

The file is whatever a user named, so it may be ``/dev/zero`` (endless), a folder, a FIFO that nobody writes to or
a 4 GB log chosen by mistake. Each kind has a documented limit, far above any real file of that kind:

    identity file     64 KiB   age-keygen writes about 190 bytes for a key (about 400 protected by a passphrase)
    passphrase file   64 KiB   a passphrase of ten words is about 60 bytes
    recipients file    1 MiB   about 16,000 keys of 63 bytes
    address book       1 MiB   about 4,000 entries of name, organisation, key and date
    settings file     64 KiB   a few lines

Regular files and pipes (``/dev/stdin``, a shell's ``<(...)``) are read up to the limit; folders, devices and
sockets are refused with a sentence, before they are opened (opening a device can have effects of its own).
What the file holds never reaches an error: a failed decoding is reported without the UnicodeDecodeError as
context, since its ``object`` carries every byte of the file.

An identity file that other users may open gets a warning, as ssh gives for a private key (``st_mode & 0o077``):
:func:`exposure_warning`. Windows keeps permissions in ACLs, which this check does not read.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from exporter.errors import PlanError

KIB = 1024


@dataclass(frozen=True)
class FileKind:
    """A kind of small file: the words for it in messages, and the most bytes it may hold."""

    noun: str
    limit: int


IDENTITY_FILE = FileKind("identity file", 64 * KIB)
PASSPHRASE_FILE = FileKind("passphrase file", 64 * KIB)
RECIPIENTS_FILE = FileKind("recipients file", 1024 * KIB)
ADDRESS_BOOK_FILE = FileKind("address book", 1024 * KIB)
SETTINGS_FILE = FileKind("settings file", 64 * KIB)

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_PRIVATE_BITS = 0o077  # group and others: ssh's test for a private key file


@dataclass(frozen=True)
class SmallFile:
    """The text of a small file, and its permission bits if it is a regular file (None for a pipe)."""

    text: str = field(repr=False)
    mode: int | None


@dataclass(frozen=True)
class SmallData:
    """The bytes of a small file (zero them once used: they may be a secret), and its permission bits if it is a
    regular file (None for a pipe)."""

    data: bytearray = field(repr=False)
    mode: int | None


def read_small_file(path: Path, kind: FileKind) -> SmallFile:
    """Read ``path`` as UTF-8 text of at most ``kind.limit`` bytes.

    Raises PlanError with one sentence naming the file when it is missing, a folder, a device or socket, too
    large, unreadable or not UTF-8; the sentence never quotes the content.
    """
    read = read_small_data(path, kind)
    try:
        text = _decode(read.data)
    finally:
        read.data[:] = bytes(len(read.data))  # the bytes were the secret; the str is all that stays
    if text is None:
        raise PlanError(f"The {kind.noun} {path} is not UTF-8 text.")
    return SmallFile(text, read.mode)


def read_small_data(path: Path, kind: FileKind) -> SmallData:
    """Read the bytes of ``path``, at most ``kind.limit`` of them (for files that may be binary, such as an identity
    file protected by a passphrase). Raises PlanError as :func:`read_small_file` does; the caller zeroes
    ``data`` once it is used."""
    what = f"The {kind.noun} {path}"
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise PlanError(f"{what} does not exist.") from None
    except (OSError, ValueError) as err:  # ValueError: a NUL character in the name
        raise PlanError(f"{what} cannot be read: {_reason(err)}.") from None
    _refuse_special(before.st_mode, what)
    try:
        fd = os.open(path, _READ_FLAGS)
    except PermissionError:
        raise PlanError(f"{what} cannot be opened: permission denied.") from None
    except OSError as err:
        raise PlanError(f"{what} cannot be read: {_reason(err)}.") from None
    try:
        mode = os.fstat(fd).st_mode
        _refuse_special(mode, what)  # replaced between stat and open
        if sys.platform != "win32":
            os.set_blocking(fd, True)  # a pipe opened without waiting for a writer is now read as usual
        data = _read_at_most(fd, kind.limit + 1, what)
    finally:
        os.close(fd)
    if len(data) > kind.limit:
        data[:] = bytes(len(data))
        raise PlanError(f"{what} is too large (the limit is {kind.limit // KIB} KiB).")
    return SmallData(data, stat.S_IMODE(mode) if stat.S_ISREG(mode) else None)


def exposure_warning(path: Path, mode: int | None) -> str | None:
    """The warning for a secret-key file whose permission bits ``mode`` let other users open it (ssh's test,
    ``mode & 0o077``); None if it is private, not a regular file, or on Windows."""
    if os.name != "posix" or mode is None or not mode & _PRIVATE_BITS:
        return None
    return (
        f"{path} can be opened by other users of this computer (permissions {mode:04o}); "
        f"make it private with “chmod 600 {path}”."
    )


def permission_bits(path: Path) -> int | None:
    """The permission bits of a regular file, None for anything else or when it cannot be looked at."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return stat.S_IMODE(mode) if stat.S_ISREG(mode) else None


def _refuse_special(mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise PlanError(f"{what} is a folder, not a file.")
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise PlanError(f"{what} is a device or socket, not a file.")


def _read_at_most(fd: int, size: int, what: str) -> bytearray:
    data = bytearray()
    try:
        while len(data) < size and (block := os.read(fd, size - len(data))):
            data += block
    except OSError as err:
        data[:] = bytes(len(data))
        raise PlanError(f"{what} cannot be read: {_reason(err)}.") from None
    return data


def _decode(data: bytearray) -> str | None:
    """The text, or None if it is not UTF-8 (decided outside any ``except``, so no exception holds the bytes).

    A byte order mark stays: the key file parsers skip it, and a passphrase is the file's content exactly."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _reason(err: OSError | ValueError) -> str:
    strerror = err.strerror if isinstance(err, OSError) else None
    return (strerror or str(err) or type(err).__name__).lower()
