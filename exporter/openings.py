"""The recipient's record of the archives exporter opened on this computer, and Delete now (issue 11, section 4).

One JSON file, ``openings.json`` in the user's data folder (:func:`exporter.keys.paths.data_dir`,
EXPORTER_DATA_DIR), private to the user (mode 0600), changed under an exclusive lock (``filelock``, a
``.openings.json.lock`` file beside it) by reading it, changing it and replacing it atomically (a temporary file
beside it, fsync, ``os.replace``), so two exporters opening archives at once both get their opening in:

    {"format": "exporter-openings-v1",
     "openings": [{"archive_name": "residents.zip.age", "archive_sha256": "<hex>", "created_utc": "...Z",
                   "rows": 40, "delete_by": "2026-12-31" | null, "folder": "/abs/path/residents",
                   "files": ["manifest.json", "data.csv"], "made_folders": ["/abs/path/residents"],
                   "opened_utc": "...Z", "check_code": "dddd-...", "deleted_utc": null}, ...]}

It holds what the archive's manifest says about itself (never a value from the data) and where exporter put the
files, so that **Delete now** removes exactly those files (``data.csv``, ``manifest.json``, and
``manifest.json.minisig`` when the archive was signed) and the folders exporter made for them when they are then
empty, and so that a reminder can show openings whose delete-by date is near or past. ``check_code`` is the key
set's check code of the identity that opened it (empty: opened with a passphrase), which a deletion statement
carries (:mod:`exporter.statements`). One archive opened into one folder is one opening: opening it there again
replaces the earlier entry.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.archive import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from exporter.atomic import fsync_folder
from exporter.errors import ExporterError, OutputError, PlanError
from exporter.keyfiles import FileKind, read_small_data
from exporter.messages import msg

if TYPE_CHECKING:
    from exporter.decrypt import OpenedArchive
    from exporter.statements import OpenedFacts

OPENINGS_FILE_NAME = "openings.json"
FORMAT_NAME = "exporter-openings-v1"
OPENINGS_FILE = FileKind("openings file", 16 << 20)  # ~30,000 openings
LOCK_TIMEOUT = 30.0  # seconds another exporter may hold the lock before a change gives up
REMINDER_DAYS = 7
_FILES = (DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME)  # the only names Delete now ever removes; data.csv first
_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
_DAY = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Opening:
    """One archive opened into one folder. Times are UTC (``YYYY-MM-DDTHH:MM:SSZ``); ``delete_by`` is the
    manifest's date (``YYYY-MM-DD``) or None; ``folder`` is absolute; ``files`` are names in it that exporter
    wrote, and ``written`` says which files they were (name, device, inode: a file moved away, or another put
    in its place, is not one of them); ``made_folders`` are the folders exporter made for them (outermost first);
    ``removed`` the files exporter itself deleted; ``deleted_utc`` is set once Delete now removed them all."""

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

    def days_left(self, today: date) -> int | None:
        """Days from ``today`` to the delete-by date (0: today, negative: past), None without a date."""
        return None if self.delete_by is None else (date.fromisoformat(self.delete_by) - today).days


def openings_path() -> Path:
    """``openings.json`` in the user's data folder."""
    from exporter.keys.paths import data_dir

    return data_dir() / OPENINGS_FILE_NAME


def remember(opened: OpenedArchive, *, check_code: str, now: datetime | None = None) -> Opening:
    """Add the archive just opened (:func:`exporter.decrypt.decrypt_archive`'s result) to the record, replacing an
    earlier opening of the same archive into the same folder; returns it. ``check_code`` is the key set's code of
    the identity that opened it ("" for a passphrase). Raises PlanError (a damaged record) or OutputError (cannot
    be written), each one sentence naming the file."""
    opening = opening_of(opened, check_code=check_code, now=now)

    def change(openings: list[Opening]) -> list[Opening]:
        kept = [entry for entry in openings if not _same_place(entry, opening)]
        return [*kept, opening]

    _update(change)
    return opening


def opening_of(opened: OpenedArchive, *, check_code: str, now: datetime | None = None) -> Opening:
    """The opening of ``opened`` as :func:`remember` records it (without recording it)."""
    manifest = opened.manifest
    rows = manifest.get("rows")
    delete_by = manifest.get("delete_by")
    files = [MANIFEST_NAME, DATA_NAME] + ([SIGNATURE_NAME] if opened.signature_path is not None else [])
    folder = os.path.realpath(opened.folder)  # the folder itself, not a link to it: what Delete now checks
    written = []
    for name in files:
        with contextlib.suppress(OSError):  # just published; should it be gone already, Delete now refuses it
            found = os.lstat(os.path.join(folder, name))
            written.append((name, found.st_dev, found.st_ino))
    return Opening(
        archive_name=opened.archive_name,
        archive_sha256=opened.archive_sha256,
        created_utc=str(manifest.get("created_utc") or ""),
        rows=rows if isinstance(rows, int) and not isinstance(rows, bool) else 0,
        delete_by=delete_by if isinstance(delete_by, str) else None,
        folder=folder,
        files=tuple(files),
        opened_utc=_utc(now),
        check_code=check_code,
        made_folders=tuple(os.path.abspath(path) for path in opened.made_folders),
        written=tuple(written),
    )


def remember_opened(opened: OpenedArchive, identities: Sequence[Any]) -> ExporterError | None:
    """:func:`remember` after a successful decrypt, with the check code of the identity among ``identities`` that
    opened it (:func:`key_set_code`). The archive is open whatever happens here, so a failure is returned as a
    warning to show (one sentence naming the record, and its hint), not raised."""
    try:
        remember(opened, check_code=key_set_code(identities, opened.manifest))
    except ExporterError as err:
        return ExporterError(msg("openings.not_remembered", reason=err.message), hint=err.hint)
    return None


def load(path: Path | None = None) -> list[Opening]:
    """Every opening in the record, oldest first (empty when there is none yet). PlanError naming the file when it
    is damaged or unreadable."""
    where = openings_path() if path is None else path
    if not os.path.lexists(where):
        return []
    read = read_small_data(where, OPENINGS_FILE)
    return _parse(bytes(read.data), where)


def pending(today: date, path: Path | None = None) -> list[Opening]:
    """The openings whose files were not deleted yet: those with a delete-by date first, earliest first."""
    del today  # the same list on every day; the argument keeps the signature of :func:`reminders`
    waiting = [entry for entry in load(path) if entry.deleted_utc is None]
    return sorted(waiting, key=lambda entry: (entry.delete_by is None, entry.delete_by or "", entry.opened_utc))


def reminders(today: date, within_days: int = REMINDER_DAYS, path: Path | None = None) -> list[Opening]:
    """The pending openings whose delete-by date is at most ``within_days`` days after ``today``, or past."""
    return [
        entry for entry in pending(today, path) if (left := entry.days_left(today)) is not None and left <= within_days
    ]


def find(reference: str, path: Path | None = None) -> Opening:
    """The pending opening named by ``reference``: its folder (as typed, compared as absolute paths) or its archive's
    SHA-256 (hex, or the first 8 or more of its digits). An opening already deleted is found when nothing pending
    is. PlanError with one sentence when none or several match."""
    openings = load(path)
    folders = {os.path.abspath(reference), os.path.realpath(reference)}  # as typed, or through links in its path
    prefix = reference.strip().lower()
    by_hash = len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix)
    matches = [e for e in openings if e.folder in folders or (by_hash and e.archive_sha256.startswith(prefix))]
    waiting = [e for e in matches if e.deleted_utc is None] or matches[-1:]
    if not waiting:
        raise PlanError(msg("openings.unknown", reference=reference), hint=msg("openings.unknown_hint"))
    if len(waiting) > 1:
        raise PlanError(msg("openings.ambiguous", reference=reference, count=len(waiting)))
    return waiting[0]


def delete_files(opening: Opening, *, now: datetime | None = None, path: Path | None = None) -> list[str]:
    """Delete the files exporter wrote for ``opening`` (``data.csv`` first), then the folders it made for them
    that are now empty (innermost first), and record the opening as deleted. Other files in the folder are never
    touched. Returns the names of the files removed now; :attr:`Opening.removed` of the recorded opening (and
    :func:`gone_files`) names every file exporter removed, which is all a deletion statement may list.

    Exporter deletes only what it can tell is what it wrote, and checks all of it before deleting anything: the
    folder must still be the folder itself (not moved, not replaced by a link to another), and each file still
    there, the same file (device and inode: a file moved away, or another put in its place, is refused). Each
    refusal is an OutputError with one sentence naming the file or folder; nothing is deleted then. A file that
    cannot be removed raises OutputError naming it; the files removed before it are recorded, so trying again
    goes on from there. A damaged record (PlanError) is refused before anything is removed."""
    load(path)  # a record that cannot be marked afterwards stops it before anything is deleted
    folder = opening.folder
    if os.path.islink(folder) or os.path.realpath(folder) != folder:
        raise OutputError(msg("openings.folder_moved", folder=folder), hint=msg("openings.not_ours_hint"))
    written = {name: (device, inode) for name, device, inode in opening.written}
    waiting = [name for name in _FILES if name in opening.files and name not in opening.removed]
    for name in waiting:  # every check before any deletion
        target = os.path.join(folder, name)
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            raise OutputError(msg("openings.file_missing", path=target), hint=msg("openings.not_ours_hint")) from None
        except OSError as err:
            reason = err.strerror or type(err).__name__
            raise OutputError(
                msg("openings.cannot_remove", path=target, reason=reason), hint=msg("openings.cannot_remove_hint")
            ) from None
        if not stat.S_ISREG(found.st_mode) or written.get(name) != (found.st_dev, found.st_ino):
            raise OutputError(msg("openings.file_replaced", path=target), hint=msg("openings.not_ours_hint"))
    removed: list[str] = []
    for name in waiting:
        target = os.path.join(folder, name)
        try:
            os.unlink(target)
        except OSError as err:
            _update(_recording(replace(opening, removed=(*opening.removed, *removed))), path)
            reason = err.strerror or type(err).__name__
            raise OutputError(
                msg("openings.cannot_remove", path=target, reason=reason), hint=msg("openings.cannot_remove_hint")
            ) from None
        removed.append(name)
    for made in reversed(opening.made_folders):
        with contextlib.suppress(OSError):  # not empty (the user's own files), or already gone
            os.rmdir(made)
    deleted = replace(opening, removed=(*opening.removed, *removed), deleted_utc=_utc(now))

    def change(openings: list[Opening]) -> list[Opening]:
        kept = [entry for entry in openings if not _same_place(entry, opening)]
        return [*kept, deleted]

    _update(change, path)
    return removed


def _recording(progress: Opening) -> Callable[[list[Opening]], list[Opening]]:
    """The change to the record that puts ``progress`` in the place of the same opening."""
    return lambda openings: [progress if _same_place(entry, progress) else entry for entry in openings]


def gone_files(opening: Opening) -> list[str]:
    """The names of the opening's files that exporter itself deleted (all a deletion statement may list), in the
    order of :attr:`Opening.files`; a file that is merely missing is not one of them."""
    return [name for name in opening.files if name in opening.removed]


def facts(opening: Opening) -> OpenedFacts:
    """What a statement says about the archive (:class:`exporter.statements.OpenedFacts`)."""
    from exporter.statements import OpenedFacts

    return OpenedFacts(opening.archive_name, opening.archive_sha256, opening.created_utc, opening.rows)


def key_set_code(identities: Sequence[Any], manifest: dict[str, Any]) -> str:
    """The key set's check code of the identity among ``identities`` that the archive was made for (the first
    X25519 identity when the manifest names none of them); "" when there is none (a passphrase opened it)."""
    from exporter.envelope import X25519Identity
    from exporter.keys.check_code import key_set_check_code
    from exporter.keys.recipient_signing import recipient_signing_public

    keys = [identity for identity in identities if isinstance(identity, X25519Identity)]
    if not keys:
        return ""
    from exporter.decrypt import manifest_recipient_keys

    listed = manifest_recipient_keys(manifest)
    identity = next((key for key in keys if str(key.recipient).lower() in listed), keys[0])
    return key_set_check_code(str(identity.recipient), recipient_signing_public(identity).minisign_line())


# --- the file ---------------------------------------------------------------------------------------------------


def _update(change: Callable[[list[Opening]], list[Opening]], path: Path | None = None) -> None:
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
                }
            )
            for entry in record["openings"]
        ]
    except (TypeError, ValueError):
        raise damaged from None


_TEXT = {"type": "string", "maxLength": 4096}
_ENTRY = {
    "type": "object",
    "required": sorted(Opening.__dataclass_fields__.keys() - {"made_folders", "written", "removed"}),
    "additionalProperties": False,
    "properties": {
        "archive_name": _TEXT,
        "archive_sha256": {"type": "string", "pattern": "^([0-9a-f]{64})?$"},
        "created_utc": {"type": "string", "pattern": f"({_TIME})|^$"},
        "rows": {"type": "integer", "minimum": 0},
        "delete_by": {"type": ["string", "null"], "pattern": _DAY},
        "folder": _TEXT,
        "files": {"type": "array", "maxItems": len(_FILES), "items": {"enum": list(_FILES)}},
        "made_folders": {"type": "array", "maxItems": 256, "items": _TEXT},
        "written": {
            "type": "array",
            "maxItems": len(_FILES),
            "items": {
                "type": "array",
                "minItems": 3,
                "maxItems": 3,
                "items": [{"enum": list(_FILES)}, {"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
            },
        },
        "removed": {"type": "array", "maxItems": len(_FILES), "items": {"enum": list(_FILES)}},
        "opened_utc": {"type": "string", "pattern": _TIME},
        "check_code": {"type": "string", "pattern": r"^([0-9]{4}(-[0-9]{4}){4})?$"},
        "deleted_utc": {"type": ["string", "null"], "pattern": _TIME},
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

    return fastjsonschema.compile(SCHEMA)


def _same_place(one: Opening, other: Opening) -> bool:
    return one.archive_sha256 == other.archive_sha256 and one.folder == other.folder


def _utc(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = [
    "Opening",
    "delete_files",
    "facts",
    "find",
    "gone_files",
    "key_set_code",
    "load",
    "opening_of",
    "openings_path",
    "pending",
    "remember",
    "remember_opened",
    "reminders",
]
