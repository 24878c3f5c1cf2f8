"""The record file of the archives exporter opened on this computer: ``openings.json`` (issue 11, section 4).

One JSON file in the user's data folder (:func:`exporter.keys.paths.data_dir`, EXPORTER_DATA_DIR), private to the
user (mode 0600), changed under an exclusive lock (``filelock``, a ``.openings.json.lock`` file beside it) by
reading it, changing it and replacing it atomically (a temporary file beside it, fsync, ``os.replace``), so two
exporters opening archives at once both get their opening in, and a process stopped at any moment (a signal, a
power cut) leaves the old record or the new one, never a part of one:

    {"format": "exporter-openings-v1",
     "openings": [{"archive_name": "residents.zip.age", "archive_sha256": "<hex>", "created_utc": "...Z",
                   "rows": 40, "delete_by": "2026-12-31" | null, "folder": "/abs/path/residents",
                   "files": ["manifest.json", "data.csv"], "made_folders": ["/abs/path/residents"],
                   "written": [["manifest.json", <device>, <inode>], ...], "removed": [...], "replaced": [...],
                   "deleting": [...],
                   "opened_utc": "...Z", "check_code": "dddd-...", "deleted_utc": null, "forgotten_utc": null}, ...]}

Delete now (and Forget) of one opening runs one at a time: :func:`deletion_lock` is an exclusive lock of that
opening alone (a file in ``.delete-locks`` beside the record, named by a hash of the archive and the folder), held
for the whole check, remove and record. The record's own lock is taken inside it, for each change, and never the
other way round, so the two cannot deadlock. exporter never removes a lock file itself (they are empty; on
Windows ``filelock`` removes its own): removing one while another process waits on it would let a third take a new
one at the same time.

What is done with it (remembering an opening, finding one, Delete now) is in :mod:`exporter.openings` and
:mod:`exporter.opening_delete`; this module only reads and writes the file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from exporter.archive import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from exporter.atomic import fsync_folder
from exporter.errors import OutputError, PlanError
from exporter.keyfiles import FileKind, read_small_data
from exporter.messages import msg
from exporter.schema_formats import DAY, FORMATS, UTC_SECOND

OPENINGS_FILE_NAME = "openings.json"
FORMAT_NAME = "exporter-openings-v1"
OPENINGS_FILE = FileKind("openings file", 16 << 20)  # ~30,000 openings
LOCK_TIMEOUT = 30.0  # seconds another exporter may hold the lock before a change gives up
REMINDER_DAYS = 7
FILES = (DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME)  # the only names Delete now ever removes; data.csv first
_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
_DAY = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Opening:
    """One archive opened into one folder. Times are UTC (``YYYY-MM-DDTHH:MM:SSZ``); ``delete_by`` is the
    manifest's date (``YYYY-MM-DD``) or None; ``folder`` is absolute; ``files`` are names in it that exporter
    wrote, and ``written`` says which files they were (name, device, inode: a file moved away, or another put
    in its place, is not one of them); ``made_folders`` are the folders exporter made for them (outermost first);
    ``removed`` the files exporter itself deleted, and ``replaced`` those of them that were no longer the file
    exporter wrote when it deleted them (saved over by Excel, say: a new file put in its place); ``deleted_utc``
    is set once Delete now removed them all; ``deleting`` the files a Delete now was about to remove when it
    was stopped (a signal, a power cut): those found gone are taken as removed by it when it is run again;
    ``forgotten_utc`` is set when the recipient took the opening off the list without exporter deleting its files
    (they were moved or deleted by hand: no deletion statement can be made for it)."""

    archive_name: str
    archive_sha256: str
    created_utc: str
    rows: int
    delete_by: str | None
    folder: str
    files: tuple[str, ...]
    opened_utc: str
    check_code: str
    deleted_utc: str | None = None
    made_folders: tuple[str, ...] = ()
    written: tuple[tuple[str, int, int], ...] = ()
    removed: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    deleting: tuple[str, ...] = ()
    forgotten_utc: str | None = None

    def days_left(self, today: date) -> int | None:
        """Days from ``today`` to the delete-by date (0: today, negative: past), None without a date."""
        return None if self.delete_by is None else (date.fromisoformat(self.delete_by) - today).days


def openings_path() -> Path:
    """``openings.json`` in the user's data folder."""
    from exporter.keys.paths import data_dir

    return data_dir() / OPENINGS_FILE_NAME


def load(path: Path | None = None) -> list[Opening]:
    """Every opening in the record, oldest first (empty when there is none yet). PlanError naming the file when it
    is damaged or unreadable."""
    where = openings_path() if path is None else path
    if not os.path.lexists(where):
        return []
    read = read_small_data(where, OPENINGS_FILE)
    return _parse(bytes(read.data), where)


def update(change: Callable[[list[Opening]], list[Opening]], path: Path | None = None) -> None:
    """Read the record, ``change`` it and write it back, under the lock; OutputError when it cannot be written or
    the lock is not had within LOCK_TIMEOUT seconds, PlanError when the record is damaged."""
    import filelock

    where = openings_path() if path is None else path
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(where.parent / f".{where.name}.lock", timeout=LOCK_TIMEOUT):
            _write(where, change(load(where)))
    except filelock.Timeout:
        raise OutputError(msg("openings.busy", path=str(where))) from None
    except OSError as err:
        raise OutputError(
            msg("openings.not_written", path=str(where), reason=err.strerror or type(err).__name__)
        ) from None


@contextlib.contextmanager
def deletion_lock(opening: Opening, path: Path | None = None) -> Iterator[None]:
    """Hold the exclusive lock of Delete now for ``opening`` (see the module docstring); OutputError when another
    exporter holds it for more than LOCK_TIMEOUT seconds or it cannot be made."""
    import filelock

    where = openings_path() if path is None else path
    name = hashlib.sha256(f"{opening.archive_sha256}\0{opening.folder}".encode("utf-8", "surrogatepass"))
    lock = where.parent / ".delete-locks" / f"{name.hexdigest()[:32]}.lock"
    held = filelock.FileLock(lock, timeout=LOCK_TIMEOUT)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        held.acquire()
    except filelock.Timeout:
        raise OutputError(msg("openings.delete_busy", name=opening.archive_name, folder=opening.folder)) from None
    except OSError as err:
        raise OutputError(
            msg("openings.not_written", path=str(lock), reason=err.strerror or type(err).__name__)
        ) from None
    try:
        yield
    finally:
        held.release()


def recorded(opening: Opening, path: Path | None = None) -> Opening | None:
    """``opening`` as the record holds it now (None when the record lacks it)."""
    return next((entry for entry in load(path) if same_place(entry, opening)), None)


def _write(where: Path, openings: list[Opening]) -> None:
    record = {"format": FORMAT_NAME, "openings": [_as_json(entry) for entry in openings]}
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    fd, temp = tempfile.mkstemp(prefix=f".{where.name}.", suffix=".part", dir=where.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, where)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(where.parent)


def _as_json(opening: Opening) -> dict[str, Any]:
    fields = asdict(opening)
    fields["files"] = list(opening.files)
    fields["made_folders"] = list(opening.made_folders)
    fields["written"] = [list(item) for item in opening.written]
    fields["removed"] = list(opening.removed)
    fields["replaced"] = list(opening.replaced)
    fields["deleting"] = list(opening.deleting)
    if opening.forgotten_utc is None:
        del fields["forgotten_utc"]  # a record without forgotten openings stays as older versions wrote it
    return fields


def _parse(raw: bytes, where: Path) -> list[Opening]:
    damaged = PlanError(msg("openings.damaged", path=str(where)), hint=msg("openings.damaged_hint"))
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged from None
    import fastjsonschema

    try:
        _validator()(record)
    except fastjsonschema.JsonSchemaValueException:
        raise damaged from None
    try:
        return [
            Opening(
                **{
                    **entry,
                    "files": tuple(entry["files"]),
                    "made_folders": tuple(entry.get("made_folders", ())),
                    "written": tuple((name, device, inode) for name, device, inode in entry.get("written", ())),
                    "removed": tuple(entry.get("removed", ())),
                    "replaced": tuple(entry.get("replaced", ())),
                    "deleting": tuple(entry.get("deleting", ())),
                }
            )
            for entry in record["openings"]
        ]
    except (TypeError, ValueError):
        raise damaged from None


_TEXT = {"type": "string", "maxLength": 4096}
_ENTRY = {
    "type": "object",
    "required": sorted(
        Opening.__dataclass_fields__.keys()
        - {"made_folders", "written", "removed", "replaced", "deleting", "forgotten_utc"}
    ),
    "additionalProperties": False,
    "properties": {
        "archive_name": _TEXT,
        "archive_sha256": {"type": "string", "pattern": "^([0-9a-f]{64})?$"},
        "created_utc": {"type": "string", "anyOf": [{"enum": [""]}, {"pattern": _TIME, "format": UTC_SECOND}]},
        "rows": {"type": "integer", "minimum": 0},
        "delete_by": {"type": ["string", "null"], "pattern": _DAY, "format": DAY},
        "folder": _TEXT,
        "files": {"type": "array", "maxItems": len(FILES), "items": {"enum": list(FILES)}},
        "made_folders": {"type": "array", "maxItems": 256, "items": _TEXT},
        "written": {
            "type": "array",
            "maxItems": len(FILES),
            "items": {
                "type": "array",
                "minItems": 3,
                "maxItems": 3,
                "items": [{"enum": list(FILES)}, {"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
            },
        },
        "removed": {"type": "array", "maxItems": len(FILES), "items": {"enum": list(FILES)}},
        "replaced": {"type": "array", "maxItems": len(FILES), "items": {"enum": list(FILES)}},
        "deleting": {"type": "array", "maxItems": len(FILES), "items": {"enum": list(FILES)}},
        "opened_utc": {"type": "string", "pattern": _TIME, "format": UTC_SECOND},
        "check_code": {"type": "string", "pattern": r"^([0-9]{4}(-[0-9]{4}){4})?$"},
        "deleted_utc": {"type": ["string", "null"], "pattern": _TIME, "format": UTC_SECOND},
        "forgotten_utc": {"type": ["string", "null"], "pattern": _TIME, "format": UTC_SECOND},
    },
}
SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["format", "openings"],
    "properties": {"format": {"enum": [FORMAT_NAME]}, "openings": {"type": "array", "items": _ENTRY}},
}


@functools.cache
def _validator() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(SCHEMA, formats=FORMATS)


def same_place(one: Opening, other: Opening) -> bool:
    return one.archive_sha256 == other.archive_sha256 and one.folder == other.folder


def utc(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = [
    "FILES",
    "FORMAT_NAME",
    "LOCK_TIMEOUT",
    "OPENINGS_FILE",
    "OPENINGS_FILE_NAME",
    "REMINDER_DAYS",
    "SCHEMA",
    "Opening",
    "deletion_lock",
    "load",
    "openings_path",
    "recorded",
    "same_place",
    "update",
    "utc",
]
