"""The small TOML files the core keeps for the user: read with stdlib ``tomllib``, changed with ``tomlkit``.

A change (:func:`update_toml`) is a read-modify-write under an exclusive lock (``filelock``, a ``.<name>.lock`` file
beside it), so two programs changing the book at the same moment both get their change in. The change is made on
the ``tomlkit`` document, so an administrator's comments, order and layout survive it; the file is then replaced
atomically (a temporary file beside it, fsync, ``os.replace``), so a reader sees the old or the new file, never half
of one.

A file is **read-only** for exporter when it says ``locked = true`` at its top, or when it has no write permission
bit at all (``chmod a-w``; checked on the bits, since ``os.access`` says yes to root). That is how IT staff lock a
book or settings they deploy; writers refuse a read-only file with a sentence (:func:`refuse_if_read_only`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exporter.atomic import fsync_folder
from exporter.errors import OutputError, PlanError
from exporter.keyfiles import FileKind, read_small_file
from exporter.messages import Message, msg

LOCK_KEY = "locked"
LOCK_TIMEOUT = 30.0  # seconds another exporter may hold a file's lock before a change gives up
_LINE = re.compile(r"line (\d+)")
_LOCK_LINE = re.compile(r"^[ \t]*locked[ \t]*=", re.MULTILINE)


def read_toml(path: Path, kind: FileKind, what: Message) -> dict[str, Any]:
    """The table in ``path``, or ``{}`` when the file does not exist.

    ``what`` names the file in sentences (e.g. ``msg("keys.book_name", path=...)``). Raises PlanError with one
    sentence naming the file (and the line) when it cannot be read or is not TOML.
    """
    if not os.path.lexists(path):
        return {}
    return _parsed(read_small_file(path, kind).text.removeprefix("\ufeff"), what)


def _parsed(text: str, what: Message) -> dict[str, Any]:
    """The table of ``text``; ``locked`` must be a boolean (anything else refused with its line)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = _LINE.search(str(err))
        if found:
            raise PlanError(msg("keys.toml_bad_line", what=what, line=int(found.group(1)))) from None
        raise PlanError(msg("keys.toml_bad", what=what)) from None
    if LOCK_KEY in data and not isinstance(data[LOCK_KEY], bool):
        found_at = _LOCK_LINE.search(text)
        line = text.count("\n", 0, found_at.start()) + 1 if found_at else 1
        raise PlanError(msg("keys.locked_not_boolean", what=what, line=line), hint=msg("keys.locked_not_boolean_hint"))
    return data


def read_only_reason(path: Path, data: dict[str, Any]) -> Message | None:
    """Why exporter must not change this file (locked by its content or by its permissions), or None."""
    if data.get(LOCK_KEY) is True:
        return msg("keys.locked_by_content")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) and not stat.S_IMODE(mode) & 0o222:
        return msg("keys.locked_by_permissions")
    return None


def refuse_if_read_only(reason: Message | None, what: Message) -> None:
    """Raise PlanError when ``reason`` (from :func:`read_only_reason`) says the file ``what`` is locked."""
    if reason is not None:
        raise PlanError(msg("keys.read_only", what=what, reason=reason), hint=msg("keys.read_only_hint"))


Change = Callable[[Any, dict[str, Any]], None]


def update_toml(path: Path, kind: FileKind, what: Message, *, heading: str, change: Change) -> None:
    """Change the TOML file ``path`` under an exclusive lock: read it (``{}`` when missing), refuse it when read-only
    (:func:`refuse_if_read_only`), call ``change(document, data)`` and write the document back atomically.

    ``document`` is the ``tomlkit`` document to change in place (comments and layout kept); ``data`` is the same
    content as plain values, read with ``tomllib`` and checked as readers check it, for deciding what to change.
    ``change`` may raise (an ExporterError); the file then stays as it was. A new file starts with the comment
    lines of ``heading``. Raises PlanError for an unreadable or read-only file, OutputError when the lock cannot be
    had within LOCK_TIMEOUT seconds or the file cannot be written.
    """
    import filelock
    import tomlkit

    cannot = msg("keys.cannot_write", what=what, reason=msg("keys.lock_busy"))
    if os.path.lexists(path):  # a locked book in a folder nobody may write to: said as locked, not as unwritable
        refuse_if_read_only(read_only_reason(path, read_toml(path, kind, what)), what)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(path.parent / f".{path.name}.lock", timeout=LOCK_TIMEOUT)
        with lock:
            if os.path.lexists(path):
                text = read_small_file(path, kind).text.removeprefix("\ufeff")
            else:
                text = "".join(f"# {line}\n" for line in heading.splitlines()) + "\n"
            data = _parsed(text, what)
            refuse_if_read_only(read_only_reason(path, data), what)
            document = tomlkit.parse(text)
            change(document, data)
            _replace(path, tomlkit.dumps(document), what)
    except filelock.Timeout:
        raise OutputError(cannot) from None
    except OSError as err:
        raise OutputError(
            msg("keys.cannot_write", what=what, reason=(err.strerror or type(err).__name__).lower())
        ) from None


def _replace(path: Path, text: str, what: Message) -> None:
    """Replace ``path`` atomically with ``text`` (UTF-8); OutputError with one sentence when it cannot be written."""
    folder = path.parent
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o644 & ~umask)
        os.replace(temp, path)
        temp = None
        fsync_folder(folder)
    except OSError as err:
        raise OutputError(
            msg("keys.cannot_write", what=what, reason=(err.strerror or type(err).__name__).lower())
        ) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
