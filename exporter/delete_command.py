"""``exporter delete [FOLDER|ARCHIVE-SHA256] --identity KEY [--statement FILE]``: the recipient's Delete now.

Without an argument it lists the archives opened on this computer whose files are not deleted yet, with their
delete-by dates (:func:`exporter.openings.pending`). With one, it deletes the files exporter wrote for that opening
(:func:`exporter.openings.delete_files`) and writes a deletion statement signed with the recipient's signing key,
derived from the identity given (opened as ``exporter decrypt`` opens it: the passphrase from
``--identity-passphrase-file`` or asked on the terminal). The identity must be the one that opened the archive: its
key set's check code is the one the opening recorded. Everything that can be refused is refused before any file is
deleted. An opening already deleted gets its statement written again (its files are gone); ``--no-statement``
deletes without one (the only way for an archive opened with a passphrase: there is no key to sign with).

``--forget`` takes an opening off the list (and out of the reminders) without deleting anything, for one whose
files were moved, renamed or deleted by hand, which Delete now refuses for ever; the record says it was forgotten,
and no statement is made (exporter cannot attest files it did not delete).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.display import terminal_line
from exporter.errors import ExportCancelled, PlanError
from exporter.messages import Message, msg

if TYPE_CHECKING:  # imported when a command runs: the parser is built at every start
    from exporter.openings import Opening


def add_delete_parser(sub: Any) -> None:
    """Add ``delete`` to the command line's sub-commands."""
    parser = sub.add_parser(
        "delete",
        help=str(msg("help.delete")),
    )
    parser.add_argument(
        "reference",
        nargs="?",
        metavar="FOLDER|ARCHIVE-SHA256",
        help=str(msg("help.delete.reference")),
    )
    parser.add_argument("--identity", type=Path, metavar="KEY", help=str(msg("help.delete.identity")))
    parser.add_argument(
        "--identity-passphrase-file",
        type=Path,
        metavar="FILE",
        help=str(msg("help.delete.identity_passphrase_file")),
    )
    parser.add_argument(
        "--statement",
        type=Path,
        metavar="FILE",
        help=str(msg("help.delete.statement")),
    )
    parser.add_argument("--name", default="", metavar="NAME", help=str(msg("help.delete.name")))
    parser.add_argument("--no-statement", action="store_true", help=str(msg("help.delete.no_statement")))
    parser.add_argument("--forget", action="store_true", help=str(msg("help.delete.forget")))
    parser.set_defaults(run=delete, check=_check, parser=parser)


def _check(args: argparse.Namespace) -> str | None:
    if args.forget:
        if args.reference is None:
            return "argument --forget: give the folder or hash value of the archive to take off the list"
        given = [args.identity, args.identity_passphrase_file, args.statement]
        if args.no_statement or any(value is not None for value in given) or args.name:
            return (
                "argument --forget: not allowed with --statement, --identity, --name or --no-statement "
                "(nothing is deleted, so no deletion statement can be made)"
            )
        return None
    if args.reference is None:
        return None
    if args.no_statement:
        if args.identity is not None or args.statement is not None or args.identity_passphrase_file is not None:
            return "argument --no-statement: not allowed with --identity or --statement"
        return None
    if args.identity is None:
        return "the following arguments are required: --identity (or --no-statement)"
    return None


def delete(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter import openings

    if args.reference is None:
        return _list(openings.pending(date.today()))
    opening = openings.find(args.reference)
    if args.forget:
        return _forget(opening)
    signer = None if args.no_statement else _signer(opening, args)
    target = None
    if signer is not None:
        target = _statement_target(opening, args.statement)
    if opening.deleted_utc is not None:  # its files are gone: only the statement is written again
        _say(_already_deleted(opening))
        if signer is not None and target is not None:
            data = openings.deletion_statement(
                opening,
                signer,
                deleted=openings.gone_files(opening),
                replaced=openings.replaced_files(opening),
                name=args.name,
            )
            from exporter.statements import write_statement

            write_statement(target, data)
            _say(msg("openings.cli_wrote_statement", path=terminal_line(str(target))))
        return 0
    folder = terminal_line(opening.folder)
    present = [name for name in opening.files if os.path.lexists(os.path.join(opening.folder, name))]

    def statement(plan: openings.DeletionPlan) -> bytes:
        return openings.deletion_statement(
            plan.opening, signer, deleted=plan.deleted_files(), replaced=plan.replaced_files(), name=args.name
        )

    try:
        done = openings.delete_with_statement(
            opening, statement=statement if signer is not None else None, target=target, cancel=cancel
        )
    except KeyboardInterrupt:  # a second Ctrl-C (the first only asks to stop before any file is removed)
        started = any(not os.path.lexists(os.path.join(opening.folder, name)) for name in present)
        raise ExportCancelled(msg("openings.cancelled_midway" if started else "openings.cancelled")) from None
    if done.already_deleted:  # by another exporter while this one waited for it
        _say(_already_deleted(done.opening))
    else:
        if done.missing:
            _say(msg("openings.cli_missing", files=", ".join(done.missing), folder=folder))
        if done.replaced:
            _say(msg("openings.cli_replaced", files=", ".join(done.replaced), folder=folder))
        if done.removing:
            _say(msg("openings.cli_deleted", files=", ".join(done.removing), folder=folder))
        else:
            _say(msg("openings.cli_nothing_left", name=terminal_line(opening.archive_name), folder=folder))
        _say(msg("openings.cli_copies_note"))
    if signer is not None and target is not None:
        _say(msg("openings.cli_wrote_statement", path=terminal_line(str(target))))
    return 0


def _forget(opening: Opening) -> int:
    """``exporter delete REFERENCE --forget``: take the opening off the list, deleting nothing."""
    from exporter import openings

    if opening.deleted_utc is None:
        opening = openings.forget(opening)
    if opening.deleted_utc is not None:
        _say(_already_deleted(opening))
        return 0
    _say(
        msg(
            "openings.cli_forgotten",
            name=terminal_line(opening.archive_name),
            folder=terminal_line(opening.folder),
            day=_local_day(opening.forgotten_utc or ""),
        )
    )
    return 0


def remember_after_decrypt(opened: Any, identities: Sequence[Any]) -> None:
    """After ``exporter decrypt`` opened an archive: add it to the record of openings (Delete now, reminders). A
    failure is a warning: the archive is open all the same."""
    from exporter.openings import remember_opened

    warning = remember_opened(opened, identities)
    if warning is not None:
        print(f"exporter: warning: {terminal_line(str(warning))}", file=sys.stderr)
        if hint := warning.hint_text():
            print(f"exporter: hint: {terminal_line(hint)}", file=sys.stderr)


def _list(waiting: list[Opening]) -> int:
    if not waiting:
        print(msg("openings.cli_none_pending"))
        return 0
    today = date.today()
    print(msg("openings.cli_pending_heading"))
    for opening in waiting:
        line = msg(
            "openings.cli_pending_line",
            name=opening.archive_name,
            folder=opening.folder,
            opened=_local_day(opening.opened_utc),
            due=due_text(opening, today),
            sha=opening.archive_sha256[:16],
        )
        print("  " + terminal_line(str(line)))
    print(msg("openings.cli_pending_hint"))
    return 0


def due_text(opening: Opening, today: date) -> Message:
    """ "delete by 2026-12-31 (3 days left)", "(today)", "(2 days past)", or "no delete-by date"."""
    left = opening.days_left(today)
    if left is None:
        return msg("openings.cli_no_due")
    if left == 0:
        return msg("openings.cli_due_today", day=opening.delete_by)
    if left < 0:
        return msg("openings.cli_due_past", day=opening.delete_by, days=-left)
    return msg("openings.cli_due_in", day=opening.delete_by, days=left)


def _signer(opening: Opening, args: argparse.Namespace) -> Any:
    """The signing key derived from the identity that opened ``opening`` (PlanError: none, or another key)."""
    from exporter.key_commands import identities_for
    from exporter.keyfiles import exposure_warning, permission_bits
    from exporter.keys.recipient_signing import recipient_signing_key
    from exporter.openings import key_set_code

    if not opening.check_code:
        raise PlanError(
            msg("openings.no_identity_for_passphrase", name=opening.archive_name),
            hint=msg("openings.no_identity_for_passphrase_hint"),
        )
    path: Path = args.identity
    if not os.path.lexists(path):  # what was typed may be the secret key itself: not repeated
        raise PlanError(msg("cli.no_identity_file"), hint=msg("cli.identity_file_hint"))
    if warning := exposure_warning(path, permission_bits(path)):
        print(f"exporter: warning: {terminal_line(str(warning))}", file=sys.stderr)
    for identity in identities_for(path, args.identity_passphrase_file):
        if key_set_code([identity], {}) == opening.check_code:
            return recipient_signing_key(identity, name=args.name.strip())
    raise PlanError(msg("openings.other_key", path=str(path), name=opening.archive_name))


def _statement_target(opening: Opening, given: Path | None) -> Path:
    """Where the statement goes, refused before anything is deleted when it could not be written there."""
    from exporter.openings import check_statement_target
    from exporter.statements import statement_name

    target = given if given is not None else Path(statement_name("deletion", opening.archive_name))
    check_statement_target(opening, target)
    return target


def _already_deleted(opening: Opening) -> Message:
    return msg(
        "openings.already_deleted",
        name=terminal_line(opening.archive_name),
        folder=terminal_line(opening.folder),
        day=_local_day(opening.deleted_utc or ""),
    )


def _local_day(utc: str) -> str:
    try:
        moment = datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return utc
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _say(line: Message | str) -> None:
    print(f"exporter: {terminal_line(str(line))}", file=sys.stderr)


__all__ = ["add_delete_parser", "delete", "due_text", "remember_after_decrypt"]
