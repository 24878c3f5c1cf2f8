"""The take-out register (持ち出し簿): one line per export, each chained to the one before by its hash value.

Format: JSON Lines (https://jsonlines.org): UTF-8, one JSON object per line, each line ended by LF. A record is

    {"number": 1, "previous": null, "kind": "export", ...fields...}

``number`` counts from 1 in file order; ``previous`` is the SHA-256 (lower-case hex) of the previous record's line
as its exact bytes, with its LF (null for the first record); a record's own hash is that of its line, so an auditor
can recompute any of them with ``sed -n 5p register.jsonl | sha256sum``. ``kind`` says what the record is:
``export`` (:func:`export_record`), or ``receipt`` / ``deletion``: a signed statement the recipient sent back
(:mod:`exporter.register_import`), which names the export it answers by its ``archive.sha256`` (and ``export``,
its record number); a deletion is how :func:`overdue` settles an export. Records never hold a value from the
resident file and never a secret: what left, why, for whom, until when, and the archive's hash value.

Appends may come from several PCs at once over a shared network folder (SMB, NFS). Each append takes an OS lock
on ``<register>.lock`` beside the register (:mod:`filelock`: ``fcntl``/``LockFileEx``, released when a process
dies), re-reads the last record under that lock (a fresh open, so an NFS client revalidates its cache), writes the
whole line with ONE ``write()`` on a descriptor opened with ``O_APPEND`` and fsyncs it before the lock is let go.
A line that did not arrive whole is taken back (truncated) under the same lock, so the chain stays intact. Nothing
is appended to a register whose chain is already broken (a record edited by hand): the append names the first bad
record as :func:`verify` does, and an export is then not made (the policy says every export is recorded).

What :func:`verify` can show: a changed, removed, reordered or inserted record anywhere but at the end, and a broken
last line. The newest records can be removed (or the last one changed) without breaking the chain; every archive's
manifest therefore carries the head at export time (``register`` in the manifest), so anyone holding a later
archive can tell.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.atomic import fsync_folder
from exporter.errors import RegisterError
from exporter.messages import msg

# What the records say lives in exporter.register_content; its names stay importable from here.
from exporter.register_content import _os_user as _os_user
from exporter.register_content import deletion_codes, export_record, overdue, recipients_of

LOCK_TIMEOUT = 60.0  # seconds another PC may hold the register before an append gives up
_TAIL_BLOCK = 64 * 1024
STATEMENT_KINDS = ("receipt", "deletion")  # records of statements sent back (exporter.register_import)


@dataclass(frozen=True)
class RegisterHead:
    """The last record of a register: its number (= the count of records) and the SHA-256 hex of its line."""

    number: int
    sha256: str


def line_hash(line: bytes) -> str:
    """The SHA-256 hex of one record's line, ``line`` being its exact bytes with the LF."""
    return hashlib.sha256(line).hexdigest()


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One record as its line: compact JSON in UTF-8 (non-ASCII kept as it is), ended by LF. Line breaks inside
    values are escaped by JSON, so a record is always one line."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def head(path: Path) -> RegisterHead | None:
    """The last record's number and hash; None for a missing or empty register.

    Raises :class:`RegisterError` naming the file when it cannot be read or its last line is broken."""
    try:
        with open(path, "rb") as file:
            return _head_of(file, path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _unreadable(path, err) from None


def check_writable(path: Path) -> None:
    """Refuse, before any work, a register that :func:`append` could not write: a missing folder, a folder or
    file without write permission (:class:`RegisterError` naming it)."""
    folder = path.parent
    if not folder.is_dir():
        raise RegisterError(msg("register.no_folder", path=str(path), folder=str(folder)))
    target = path if path.exists() else folder
    if path.is_dir() or not os.access(target, os.W_OK):
        raise RegisterError(msg("register.not_writable", path=str(path)), hint=msg("register.not_writable_hint"))


def append(path: Path, record: Mapping[str, Any]) -> RegisterHead:
    """Append one record (fields from the export; never a value from the data) chained to the previous one,
    under a lock, atomically, fsynced; return the new head. ``number`` and ``previous`` are set here.

    Raises :class:`RegisterError` naming the file when it cannot be written, its last line is broken, or the
    lock is held by another PC for longer than :data:`LOCK_TIMEOUT` seconds."""
    with _locked(path):
        return _append_held(path, record)


def append_checked(
    path: Path, decide: Callable[[list[dict[str, Any]]], Mapping[str, Any] | None]
) -> RegisterHead | None:
    """Read every record and append the one ``decide(records)`` returns, as ONE step under the register's lock
    (the lock :func:`append` takes), so that no other process or PC appends between the check and the append:
    two clerks importing the same statement at once cannot both add it. ``decide`` returns None to append
    nothing (then None is returned) or raises to refuse; it runs while other appenders wait, so it must be quick.

    Raises :class:`RegisterError` as :func:`append` does, and when the register is missing or a line is broken."""
    with _locked(path):
        record = decide([record for _, _, record in _lines(path, held=True)])
        return None if record is None else _append_held(path, record)


def _append_held(path: Path, record: Mapping[str, Any]) -> RegisterHead:
    """:func:`append`'s work, the lock being held by the caller."""
    fields = {key: value for key, value in record.items() if key not in ("number", "previous")}
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as err:
        raise _not_written(path, err) from None
    try:
        with os.fdopen(fd, "r+b", buffering=0, closefd=False) as file:
            last = _head_of(file, path)
            size = file.seek(0, os.SEEK_END)
        if last is not None:
            _refuse_broken_chain(path, held=True)
        number = 1 if last is None else last.number + 1
        line = encode_record({"number": number, "previous": None if last is None else last.sha256, **fields})
        try:
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(0, "the line was written in part")
            os.fsync(fd)
            if size == 0:  # a new register: its name must last as well as its first line
                fsync_folder(path.parent)
        except OSError as err:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)  # a part of a line would break the chain for every later append
            raise _not_written(path, err) from None
    finally:
        os.close(fd)
    return RegisterHead(number, line_hash(line))


def check_appendable(path: Path) -> None:
    """Refuse, before any work, a register whose chain is already broken (:func:`append` would refuse it too);
    a missing register is fine (the first append makes it)."""
    if os.path.exists(path):
        _refuse_broken_chain(path)


def _refuse_broken_chain(path: Path, held: bool = False) -> None:
    """Raise :class:`RegisterError` naming the first bad record, as :func:`verify` does, with the hint that nothing
    is added to a register whose chain is broken. Cheap: one read, one SHA-256 per line, and a JSON parse only of
    a line that does not begin as :func:`encode_record` writes it (``{"number":N,"previous":...``)."""
    before: str | None = None
    try:
        with contextlib.nullcontext() if held else _reading(path), open(path, "rb") as file:
            for number, line in enumerate(file, start=1):
                link = "null" if before is None else f'"{before}"'
                start = f'{{"number":{number},"previous":{link}'.encode("ascii")
                written = line.startswith(start) and line[len(start) : len(start) + 1] in (b",", b"}")
                if not written and not _links(line, number, before):
                    break
                before = line_hash(line)
            else:
                return
    except OSError as err:
        raise _unreadable(path, err) from None
    from exporter.register_check import check_chain

    try:
        check_chain(path, list(_lines(path, held=held)))
    except RegisterError as err:
        raise RegisterError(err.message, hint=msg("register.append_refused_hint")) from None


def _links(line: bytes, number: int, before: str | None) -> bool:
    """Whether ``line`` is record ``number`` whose ``previous`` is ``before`` (its fields in any order)."""
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and record.get("number") == number and record.get("previous") == before


def records(path: Path) -> list[dict[str, Any]]:
    """Every record in file order, as written (with ``number`` and ``previous``). The chain is not checked
    (:func:`verify` does that); a line that is not a record raises :class:`RegisterError` naming it."""
    return [record for _, _, record in _lines(path)]


def hashed_records(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every record in file order with the SHA-256 hex of its line (what the next record's ``previous`` holds)."""
    return [(line_hash(raw), record) for _, raw, record in _lines(path)]


def verify(path: Path) -> int:
    """Check every record's number and its link to the one before; return the number of records.

    Raises :class:`RegisterError` with one sentence naming the first bad record (its number and line): a record
    changed after it was written, a record removed, records reordered, a record inserted, a broken line, or a
    receipt or deletion record whose statement does not hold up (:func:`exporter.register_check.statement_problems`:
    not signed by a recipient of the export it names, or not what the record says)."""
    from exporter.register_check import StatementCheck

    statements = StatementCheck(path)
    before: str | None = None
    count = 0
    for count, raw, record in _lines(path):  # one pass; the diagnosis of a broken chain reads it all again
        number = record.get("number")
        if type(number) is not int or number != count or record.get("previous") != before:
            from exporter.register_check import check_chain

            return check_chain(path, list(_lines(path)))
        problem = statements.problem(count, record)
        if problem is not None:
            raise RegisterError(problem, hint=msg("register.tampered_hint"))
        before = line_hash(raw)
    return count


def manifest_entry(path: Path) -> dict[str, Any]:
    """The manifest's ``register`` field: the head's hash (null for an empty register) and the record count."""
    last = head(path)
    return {"head": None if last is None else last.sha256, "records": 0 if last is None else last.number}


def _head_of(file: Any, path: Path) -> RegisterHead | None:
    """The last record of an open register (binary, seekable), read from its end."""
    end = file.seek(0, os.SEEK_END)
    if end == 0:
        return None
    tail = b""
    position = end
    while True:
        step = min(_TAIL_BLOCK, position)
        position -= step
        file.seek(position)
        tail = file.read(step) + tail
        cut = tail.rfind(b"\n", 0, len(tail) - 1)
        if cut >= 0 or position == 0:
            break
    line = tail[cut + 1 :]
    if not line.endswith(b"\n"):
        file.seek(0)
        breaks = sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))
        raise RegisterError(msg("register.broken_last_line", path=str(path), line=breaks + 1))
    try:
        number = json.loads(line)["number"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise RegisterError(msg("register.last_not_a_record", path=str(path))) from None
    return RegisterHead(number, line_hash(line))


def _lines(path: Path, held: bool = False) -> Iterator[tuple[int, bytes, dict[str, Any]]]:
    """``(line number, exact bytes with LF, record)`` for each line; a broken line raises RegisterError.

    A register in use (its lock file exists) is read under the lock, so a line being appended is never seen in
    part; a copy (no lock file) or a read-only share is read as it is; ``held``: the caller holds the lock."""
    try:
        with contextlib.nullcontext() if held else _reading(path), open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise RegisterError(msg("register.missing", path=str(path))) from None
    except OSError as err:
        raise _unreadable(path, err) from None
    pieces = data.split(b"\n")
    if pieces[-1]:
        raise RegisterError(msg("register.broken_last_line", path=str(path), line=len(pieces)))
    for number, piece in enumerate(pieces[:-1], start=1):
        try:
            record = json.loads(piece.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError is a ValueError too
            record = None
        if not isinstance(record, dict):
            raise RegisterError(msg("register.not_a_record", path=str(path), line=number))
        yield number, piece + b"\n", record


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold ``<register>.lock`` (an OS lock, released by the OS if this process dies)."""
    from filelock import FileLock, Timeout

    check_writable(path)
    lock = FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT, mode=0o666)
    try:
        with lock:
            yield
    except Timeout:
        raise RegisterError(
            msg("register.locked", path=str(path), seconds=int(LOCK_TIMEOUT)), hint=msg("register.locked_hint")
        ) from None
    except OSError as err:  # the lock file cannot be made (a read-only share)
        raise _not_written(path, err) from None


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Hold the register's lock while reading it when it has one and it can be taken; else read without."""
    from filelock import FileLock, Timeout

    lock_path = f"{path}.lock"
    if not os.path.exists(lock_path):
        yield
        return
    lock = FileLock(lock_path, timeout=LOCK_TIMEOUT, mode=0o666)
    try:
        lock.acquire()
    except Timeout:
        raise RegisterError(
            msg("register.locked_reading", path=str(path), seconds=int(LOCK_TIMEOUT)), hint=msg("register.locked_hint")
        ) from None
    except OSError:  # a read-only share: nobody appends through it
        yield
        return
    try:
        yield
    finally:
        lock.release()


def find_record(path: Path, sha256: str) -> int | None:
    """The number of the record whose line has the SHA-256 hex ``sha256`` (a head an archive's manifest carries,
    or one noted down earlier), or None when the register no longer holds it."""
    wanted = sha256.lower()
    return next((number for number, raw, _ in _lines(path) if line_hash(raw) == wanted), None)


def _not_written(path: Path, err: OSError) -> RegisterError:
    return RegisterError(
        msg("register.not_written", path=str(path), reason=err.strerror or str(err)),
        hint=msg("register.not_written_hint"),
    )


def _unreadable(path: Path, err: OSError) -> RegisterError:
    return RegisterError(msg("register.unreadable", path=str(path), reason=err.strerror or str(err)))


__all__ = [
    "LOCK_TIMEOUT",
    "RegisterHead",
    "append",
    "append_checked",
    "check_appendable",
    "check_writable",
    "deletion_codes",
    "encode_record",
    "export_record",
    "find_record",
    "hashed_records",
    "head",
    "line_hash",
    "manifest_entry",
    "overdue",
    "recipients_of",
    "records",
    "verify",
]
