"""Delete now: remove the files exporter wrote for an opening, and only those (issue 11, section 4).

What is deleted and what is refused. Everything is checked before anything is deleted; a refusal deletes nothing.

- The folder must still be the folder exporter saved into (not moved, not replaced by a link to another).
- Each of the opening's files not removed yet that is still there must be a regular file (``lstat``: not a link, a
  folder or a device) with no other name (``st_nlink == 1``: with a hard link elsewhere, removing this name would
  not delete the data). ``data.csv`` no longer there (moved or deleted by hand) is refused: the data may live on
  elsewhere, and no statement may say it was deleted; :func:`forget` then takes the opening off the list (Forget is
  refused while ``data.csv`` is there). ``manifest.json`` or its signature no longer there is left out: ``data.csv``
  is deleted all the same (a missing manifest never keeps the data on disk), and the statement lists only what
  exporter deleted.
- A file that is not the one exporter wrote (another device and inode) is deleted too and reported as *replaced*:
  Excel and LibreOffice save by writing a new file and renaming it over the old one, so a recipient who saved
  ``data.csv`` from Excel has such a file, and the office should see that the copy had been changed. A file edited
  in place (the same inode) is simply removed.

The steps, each safe to be stopped at (a signal, a power cut; the record is replaced atomically,
:mod:`exporter.openings_file`), :func:`delete_with_statement`:

1. check, as above (:func:`check_deletion`);
2. the signed statement, when there is one, is written whole to a hidden temporary file beside its destination
   and fsynced: a full disk or an unwritable folder stops it here, nothing deleted;
3. the record notes the files about to be deleted (``deleting``);
4. the files are removed, ``data.csv`` first, each checked again just before (the same device and inode as at 1);
5. the record notes them removed and the opening deleted; the folders exporter made are removed when empty;
6. the statement gets its name (a link to the temporary file, never over an existing file).

Steps 1 to 5 run under the opening's own lock (:func:`exporter.openings_file.deletion_lock`), so two Delete now of
one opening at once (two commands, a command and the Open window) run one after the other. The one that gets the
lock second reads the opening from the record again: deleted by then, it deletes nothing and changes nothing in
the record; it only writes its statement of the deletion done (:attr:`DeletionPlan.already_deleted`). The record is
never changed back from deleted.

Stopped before 3, nothing was deleted. Stopped between 3 and 5, running Delete now again takes the noted files
that are gone as removed by it and goes on. Stopped after 5, running ``exporter delete`` again writes the
statement of the deletion already done, and removes the temporary statement file the stopped one left
(:func:`exporter.atomic.remove_stale_temporaries`). So a statement exists only for files that were deleted.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from exporter.archive import DATA_NAME
from exporter.errors import ExportCancelled, ExporterError, OutputError
from exporter.messages import msg
from exporter.openings_file import FILES, Opening, deletion_lock, load, recorded, same_place, update, utc


@dataclass(frozen=True)
class DeletionPlan:
    """What Delete now is about to do for ``opening``: ``targets`` the files to remove now (name, device, inode as
    found), ``replaced`` the names among them that are not the files exporter wrote, ``gone`` the files an earlier,
    stopped Delete now had noted and that are gone, ``missing`` the manifest files no longer there for another reason
    (moved or deleted by hand: ``data.csv`` is still deleted, and a statement lists only what exporter deleted)."""

    opening: Opening
    targets: tuple[tuple[str, int, int], ...]
    replaced: tuple[str, ...]
    gone: tuple[str, ...]
    missing: tuple[str, ...] = ()  # manifest files no longer there (moved or deleted by hand): not stated

    @property
    def removing(self) -> list[str]:
        """The names of the files removed now, in the order they are removed (``data.csv`` first)."""
        return [name for name, _device, _inode in self.targets]

    @property
    def already_deleted(self) -> bool:
        """Whether the opening was recorded deleted before this Delete now had its lock (another one deleted it):
        nothing was removed now, and the statement is that of the deletion done."""
        return self.opening.deleted_utc is not None

    def deleted_files(self) -> list[str]:
        """Every file exporter will have removed for the opening once this is done (what a statement lists), in
        the order of :attr:`Opening.files`."""
        done = {*self.opening.removed, *self.gone, *self.removing}
        return [name for name in self.opening.files if name in done]

    def replaced_files(self) -> list[str]:
        """Those of :meth:`deleted_files` that were not the files exporter wrote."""
        changed = {*self.opening.replaced, *self.replaced}
        return [name for name in self.deleted_files() if name in changed]


def check_deletion(opening: Opening, path: Path | None = None) -> DeletionPlan:
    """Check ``opening``'s files as the module docstring says, deleting nothing. Raises OutputError with one
    sentence naming the file or folder refused, PlanError when the record is damaged (it could not be marked)."""
    load(path)  # a record that cannot be marked afterwards stops it before anything is deleted
    folder = opening.folder
    _check_folder(folder)
    written = {name: (device, inode) for name, device, inode in opening.written}
    targets: list[tuple[str, int, int]] = []
    replaced: list[str] = []
    gone: list[str] = []
    missing: list[str] = []
    for name in [name for name in FILES if name in opening.files and name not in opening.removed]:
        target = os.path.join(folder, name)
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            if name in opening.deleting:  # removed by a Delete now that was stopped before it could note it
                gone.append(name)
                continue
            if name == DATA_NAME:  # the data may live on elsewhere: no statement may say it was deleted
                raise OutputError(
                    msg("openings.file_missing", path=target), hint=msg("openings.not_ours_hint")
                ) from None
            missing.append(name)  # manifest.json or its signature, moved or deleted by hand: data.csv still goes
            continue
        except OSError as err:
            raise _cannot_remove(target, err) from None
        if not stat.S_ISREG(found.st_mode):
            raise OutputError(msg("openings.file_replaced", path=target), hint=msg("openings.not_ours_hint"))
        if found.st_nlink > 1:
            raise OutputError(msg("openings.hard_linked", path=target), hint=msg("openings.not_ours_hint"))
        targets.append((name, found.st_dev, found.st_ino))
        if written.get(name) != (found.st_dev, found.st_ino):
            replaced.append(name)
    return DeletionPlan(opening, tuple(targets), tuple(replaced), tuple(gone), tuple(missing))


def delete_files(opening: Opening, *, now: datetime | None = None, path: Path | None = None) -> list[str]:
    """Delete the files exporter wrote for ``opening`` without a statement (:func:`delete_with_statement`); returns
    the names of the files removed now. :attr:`Opening.removed` of the recorded opening (and :func:`gone_files`)
    names every file exporter removed, which is all a deletion statement may list."""
    return delete_with_statement(opening, now=now, path=path).removing


def delete_with_statement(
    opening: Opening,
    *,
    statement: Callable[[DeletionPlan], bytes] | None = None,
    target: Path | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
    path: Path | None = None,
) -> DeletionPlan:
    """Delete ``opening``'s files in the steps of the module docstring and, when ``statement`` is given, write the
    bytes it makes of the plan (a signed deletion statement) at ``target``; returns the plan carried out.

    Raises OutputError with one sentence naming the file: a refusal of :func:`check_deletion`, the statement not
    writable (nothing deleted), a file that cannot be removed (those removed before it are recorded, so trying
    again goes on from there), or the statement not moved into place after the files were deleted (its hint says
    that ``exporter delete`` again writes it). ExportCancelled when ``cancel`` is set before a file is removed.
    When the record says the opening was deleted meanwhile (by another Delete now), nothing is deleted and the
    plan returned says so (:attr:`DeletionPlan.already_deleted`); the statement is that of the deletion done."""
    with deletion_lock(opening, path):
        current = recorded(opening, path) or opening  # as another Delete now may have left it meanwhile
        if current.deleted_utc is not None:
            plan = DeletionPlan(current, (), (), ())
            if statement is not None and target is not None:
                from exporter.statements import write_statement

                write_statement(target, statement(plan))
            return plan
        return _delete_locked(current, statement=statement, target=target, cancel=cancel, now=now, path=path)


def _delete_locked(
    opening: Opening,
    *,
    statement: Callable[[DeletionPlan], bytes] | None,
    target: Path | None,
    cancel: threading.Event | None,
    now: datetime | None,
    path: Path | None,
) -> DeletionPlan:
    from exporter.atomic import AtomicFile, remove_stale_temporaries

    plan = check_deletion(opening, path)
    with contextlib.ExitStack() as stack:
        pending_statement = None
        if statement is not None and target is not None:
            data = statement(plan)
            remove_stale_temporaries(target)  # left by a Delete now killed while writing this statement
            pending_statement = stack.enter_context(AtomicFile(target))
            try:
                pending_statement.write(data)
                pending_statement.file.flush()
                os.fsync(pending_statement.file.fileno())
            except OSError as err:
                raise OutputError(
                    msg("openings.statement_not_written", path=str(target), reason=err.strerror or type(err).__name__)
                ) from None
        _stop_if_cancelled(cancel)
        changed = {*opening.replaced, *plan.replaced}
        noted = replace(opening, deleting=tuple(plan.removing), replaced=tuple(n for n in FILES if n in changed))
        update(_recording(noted), path)
        if cancel is not None and cancel.is_set():
            update(_recording(replace(noted, deleting=())), path)
            raise ExportCancelled(msg("openings.cancelled"))
        _remove(plan, noted, now, path)
        if pending_statement is not None:
            try:
                pending_statement.commit()
            except (ExporterError, OSError) as err:
                reason = err.message if isinstance(err, ExporterError) else (err.strerror or type(err).__name__)
                raise OutputError(
                    msg("openings.statement_after_delete", path=str(target), reason=reason),
                    hint=msg("openings.statement_again_hint"),
                ) from None
    return plan


def forget(opening: Opening, *, now: datetime | None = None, path: Path | None = None) -> Opening:
    """Take ``opening`` off the list of openings waiting to be deleted without deleting anything, for an opening
    whose files were moved, renamed or deleted by hand (Delete now refuses it for ever). The record says it was
    forgotten (:attr:`Opening.forgotten_utc`), not deleted: exporter cannot attest files it did not delete, so no
    deletion statement is ever made of it. Returns the opening as recorded; one already deleted or forgotten is
    returned unchanged. OutputError when Delete now would delete its files (they are where exporter saved them)."""
    with deletion_lock(opening, path):
        current = recorded(opening, path) or opening
        if current.deleted_utc is not None or current.forgotten_utc is not None:
            return current
        try:
            check_deletion(current, path)
        except OutputError:
            pass  # refused: what Forget is for
        else:
            raise OutputError(
                msg("openings.forget_refused", name=current.archive_name, folder=current.folder),
                hint=msg("openings.forget_refused_hint"),
            )
        forgotten = replace(current, forgotten_utc=utc(now))
        update(_recording(forgotten), path)
        return forgotten


def gone_files(opening: Opening) -> list[str]:
    """The names of the opening's files that exporter itself deleted (all a deletion statement may list), in the
    order of :attr:`Opening.files`; a file that is merely missing is not one of them."""
    return [name for name in opening.files if name in opening.removed]


def replaced_files(opening: Opening) -> list[str]:
    """Those of :func:`gone_files` that were not the files exporter wrote when they were deleted."""
    return [name for name in gone_files(opening) if name in opening.replaced]


def _remove(plan: DeletionPlan, noted: Opening, now: datetime | None, path: Path | None) -> None:
    """Steps 4 and 5: remove the files (each checked again), then record the opening deleted."""
    removed = [*noted.removed, *plan.gone]
    try:
        _check_folder(noted.folder)
        for name, device, inode in plan.targets:
            target = os.path.join(noted.folder, name)
            try:
                found = os.lstat(target)
                if (found.st_dev, found.st_ino, found.st_nlink) != (device, inode, 1):
                    raise OutputError(msg("openings.changed_meanwhile", path=target))
                os.unlink(target)
            except OSError as err:
                raise _cannot_remove(target, err) from None
            removed.append(name)
    except BaseException:  # a refusal, or a second Ctrl-C: what is gone is recorded, trying again goes on
        left = tuple(name for name in noted.deleting if name not in removed)
        update(_recording(replace(noted, removed=tuple(removed), deleting=left)), path)
        raise
    for made in reversed(noted.made_folders):
        with contextlib.suppress(OSError):  # not empty (the user's own files), or already gone
            os.rmdir(made)
    deleted = replace(noted, removed=tuple(removed), deleting=(), deleted_utc=utc(now), forgotten_utc=None)
    update(_recording(deleted), path)


def _check_folder(folder: str) -> None:
    if os.path.islink(folder) or os.path.realpath(folder) != folder:
        raise OutputError(msg("openings.folder_moved", folder=folder), hint=msg("openings.not_ours_hint"))


def _stop_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled(msg("openings.cancelled"))


def _cannot_remove(target: str, err: OSError) -> OutputError:
    reason = err.strerror or type(err).__name__
    return OutputError(
        msg("openings.cannot_remove", path=target, reason=reason), hint=msg("openings.cannot_remove_hint")
    )


def _recording(progress: Opening) -> Callable[[list[Opening]], list[Opening]]:
    """The change to the record that puts ``progress`` in the place of the same opening (added when the record
    lacks it: it could not be remembered when the archive was opened)."""

    def change(openings: list[Opening]) -> list[Opening]:
        if any(same_place(entry, progress) for entry in openings):
            return [
                progress if same_place(entry, progress) and _may_replace(entry, progress) else entry
                for entry in openings
            ]
        return [*openings, progress]

    return change


def _may_replace(entry: Opening, progress: Opening) -> bool:
    """Whether ``progress`` may take the place of ``entry``: a recorded deletion is never undone."""
    return entry.deleted_utc is None or progress.deleted_utc is not None


__all__ = [
    "DeletionPlan",
    "check_deletion",
    "delete_files",
    "delete_with_statement",
    "forget",
    "gone_files",
    "replaced_files",
]
