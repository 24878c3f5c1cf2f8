"""The small TOML files the core keeps for the user: read with stdlib ``tomllib``, written with ``tomli-w``.

Writing replaces the whole file atomically (a temporary file beside it, fsync, ``os.replace``), so a reader sees the
old or the new book, never half of one. Two programs writing at the same moment can lose one change (the last
writer wins); these are one person's files, changed by hand a few times a year.

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
from pathlib import Path
from typing import Any

from exporter.atomic import fsync_folder
from exporter.errors import OutputError, PlanError
from exporter.keyfiles import FileKind, read_small_file
from exporter.messages import Message, msg

LOCK_KEY = "locked"
_LINE = re.compile(r"line (\d+)")


def read_toml(path: Path, kind: FileKind, what: Message) -> dict[str, Any]:
    """The table in ``path``, or ``{}`` when the file does not exist.

    ``what`` names the file in sentences (e.g. ``msg("keys.book_name", path=...)``). Raises PlanError with one
    sentence naming the file (and the line) when it cannot be read or is not TOML.
    """
    if not os.path.lexists(path):
        return {}
    text = read_small_file(path, kind).text.removeprefix("\ufeff")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = _LINE.search(str(err))
        if found:
            raise PlanError(msg("keys.toml_bad_line", what=what, line=int(found.group(1)))) from None
        raise PlanError(msg("keys.toml_bad", what=what)) from None


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


def write_toml(path: Path, data: dict[str, Any], *, heading: str, what: Message) -> None:
    """Replace ``path`` atomically with ``data`` as TOML, after the comment lines of ``heading``.

    Makes the folder when missing. Raises OutputError with one sentence when the file cannot be written; the old
    file then stays as it was.
    """
    import tomli_w

    text = "".join(f"# {line}\n" for line in heading.splitlines()) + "\n" + tomli_w.dumps(data)
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
