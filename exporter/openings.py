"""The recipient's record of the archives exporter opened on this computer, and Delete now (issue 11, section 4).

The record is ``openings.json`` in the user's data folder (its format and how it is changed safely:
:mod:`exporter.openings_file`). It holds what the archive's manifest says about itself (never a value from the
data) and where exporter put the files, so that **Delete now** (:mod:`exporter.opening_delete`) removes exactly
those files (``data.csv``, ``manifest.json``, and ``manifest.json.minisig`` when the archive was signed) and the
folders exporter made for them when they are then empty, and so that a reminder can show openings whose delete-by
date is near or past. ``check_code`` is the key set's check code of the identity that opened it (empty: opened with
a passphrase), which a deletion statement carries (:mod:`exporter.statements`). One archive opened into one folder
is one opening: opening it there again replaces the earlier entry.

The public names of both modules stay importable from here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from exporter.archive import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from exporter.errors import ExporterError, PlanError
from exporter.messages import msg
from exporter.opening_delete import (
    DeletionPlan,
    check_deletion,
    delete_files,
    delete_with_statement,
    forget,
    gone_files,
    replaced_files,
)
from exporter.openings_file import (
    FORMAT_NAME,
    LOCK_TIMEOUT,
    OPENINGS_FILE,
    OPENINGS_FILE_NAME,
    REMINDER_DAYS,
    SCHEMA,
    Opening,
    load,
    openings_path,
    same_place,
    update,
    utc,
)

if TYPE_CHECKING:
    from pathlib import Path

    from exporter.decrypt import OpenedArchive
    from exporter.statements import OpenedFacts


def remember(opened: OpenedArchive, *, check_code: str, now: datetime | None = None) -> Opening:
    """Add the archive just opened (:func:`exporter.decrypt.decrypt_archive`'s result) to the record, replacing an
    earlier opening of the same archive into the same folder; returns it. ``check_code`` is the key set's code of
    the identity that opened it ("" for a passphrase). Raises PlanError (a damaged record) or OutputError (cannot
    be written), each one sentence naming the file."""
    opening = opening_of(opened, check_code=check_code, now=now)

    def change(openings: list[Opening]) -> list[Opening]:
        kept = [entry for entry in openings if not same_place(entry, opening)]
        return [*kept, opening]

    update(change)
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
        opened_utc=utc(now),
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


def pending(today: date, path: Path | None = None) -> list[Opening]:
    """The openings whose files were not deleted yet (nor the opening forgotten): those with a delete-by date first,
    earliest first."""
    del today  # the same list on every day; the argument keeps the signature of :func:`reminders`
    waiting = [entry for entry in load(path) if is_pending(entry)]
    return sorted(waiting, key=lambda entry: (entry.delete_by is None, entry.delete_by or "", entry.opened_utc))


def is_pending(opening: Opening) -> bool:
    """Whether ``opening`` waits to be deleted: neither deleted nor forgotten (:func:`forget`)."""
    return opening.deleted_utc is None and opening.forgotten_utc is None


def reminders(today: date, within_days: int = REMINDER_DAYS, path: Path | None = None) -> list[Opening]:
    """The pending openings whose delete-by date is at most ``within_days`` days after ``today``, or past."""
    return [
        entry for entry in pending(today, path) if (left := entry.days_left(today)) is not None and left <= within_days
    ]


def find(reference: str, path: Path | None = None) -> Opening:
    """The pending opening named by ``reference``: its folder (as typed, compared as absolute paths) or its archive's
    SHA-256 (hex, or the first 8 or more of its digits). An opening already deleted (or forgotten) is found when
    nothing pending is. PlanError with one sentence when none or several match."""
    openings = load(path)
    folders = {os.path.abspath(reference), os.path.realpath(reference)}  # as typed, or through links in its path
    prefix = reference.strip().lower()
    by_hash = len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix)
    matches = [e for e in openings if e.folder in folders or (by_hash and e.archive_sha256.startswith(prefix))]
    waiting = [e for e in matches if is_pending(e)] or matches[-1:]
    if not waiting:
        raise PlanError(msg("openings.unknown", reference=reference), hint=msg("openings.unknown_hint"))
    if len({entry.archive_sha256 for entry in waiting}) == 1 and len(waiting) > 1:  # one archive, several folders
        folders_listed = ", ".join(entry.folder for entry in waiting)
        raise PlanError(msg("openings.ambiguous_folders", reference=reference, folders=folders_listed))
    if len(waiting) > 1:
        raise PlanError(msg("openings.ambiguous", reference=reference, count=len(waiting)))
    return waiting[0]


def facts(opening: Opening) -> OpenedFacts:
    """What a statement says about the archive (:class:`exporter.statements.OpenedFacts`)."""
    from exporter.statements import OpenedFacts

    return OpenedFacts(opening.archive_name, opening.archive_sha256, opening.created_utc, opening.rows)


def deletion_statement(
    opening: Opening, signer: Any, *, deleted: Sequence[str], replaced: Sequence[str], name: str = ""
) -> bytes:
    """The signed deletion statement of ``opening`` (:func:`exporter.statements.make_statement`): ``deleted`` the
    files exporter removed (:meth:`DeletionPlan.deleted_files`, or :func:`gone_files` once the opening is deleted),
    ``replaced`` those of them that were not the files it wrote; ``signer`` the recipient's signing key."""
    from exporter.statements import make_statement

    return make_statement(
        "deletion",
        facts(opening),
        signer,
        check_code=opening.check_code,
        deleted_files=list(deleted),
        replaced_files=list(replaced),
        name=name,
    )


def check_statement_target(opening: Opening, target: Path) -> None:
    """Refuse, before anything is deleted, a place where ``opening``'s deletion statement could not be written:
    an existing file (statements are never written over one), a folder that is not there, or a folder exporter
    made for the data (it is removed once empty). Raises OutputError naming the path."""
    from exporter.errors import OutputError

    folder = os.path.dirname(os.path.abspath(target))
    if os.path.lexists(target):
        raise OutputError(msg("output.exists", path=str(target)), hint=msg("output.other_name_hint"))
    if not os.path.isdir(folder):
        raise OutputError(msg("output.no_folder", path=folder))
    if folder in opening.made_folders:
        raise OutputError(msg("openings.statement_folder_is_data", path=str(target)))


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


__all__ = [
    "FORMAT_NAME",
    "LOCK_TIMEOUT",
    "OPENINGS_FILE",
    "OPENINGS_FILE_NAME",
    "REMINDER_DAYS",
    "SCHEMA",
    "DeletionPlan",
    "Opening",
    "check_deletion",
    "check_statement_target",
    "delete_files",
    "delete_with_statement",
    "deletion_statement",
    "facts",
    "find",
    "forget",
    "gone_files",
    "is_pending",
    "key_set_code",
    "load",
    "opening_of",
    "openings_path",
    "pending",
    "remember",
    "remember_opened",
    "reminders",
    "replaced_files",
]
