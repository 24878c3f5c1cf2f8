"""``exporter export``: its options (a stable contract, DESIGN.md) and what the command does with them.

Rows in scope are chosen with ``--where CONDITION`` (ANDed) and ``--or`` (which starts another group of conditions,
ORed with the others), in the syntax of :mod:`exporter.filters`; values are transformed with ``--transform
COLUMN=KIND[:ARG]`` (:mod:`exporter.transforms`); ``--max-unique-share`` refuses an export whose rows are too often
the only one of their kind (:mod:`exporter.risk`).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter import usage
from exporter.commands import (
    _clear_progress_line,
    _counted,
    _for_whom,
    _progress_line,
    _recipients_file,
    _require_text,
    read_limits,
    read_passphrase_file,
)
from exporter.display import terminal_line
from exporter.errors import PlanError
from exporter.messages import msg
from exporter.signing_commands import add_export_options as add_signing_options
from exporter.signing_commands import export_lines, with_signing_passphrase
from exporter.sizes import file_size

if TYPE_CHECKING:
    from exporter.pipeline import ExportResult
    from exporter.plan import ExportPlan


def add_export_parser(sub: Any) -> argparse.ArgumentParser:
    """The ``export`` sub-command's parser (its reading options are added by the caller, as for ``inspect``)."""
    export: argparse.ArgumentParser = sub.add_parser("export", help=str(msg("help.export")))
    export.add_argument("source", type=Path, metavar="SOURCE")
    export.add_argument(
        "--column",
        action="append",
        metavar="NAME",
        help=str(msg("help.export.column")),
    )  # required without --profile: _check_export_who says so, as argparse would
    export.add_argument("--output", type=Path, metavar="FILE", help=str(msg("help.export.output")))
    who = export.add_mutually_exclusive_group()
    who.add_argument("--recipient", action="append", metavar="age1...", help=str(msg("help.export.recipient")))
    who.add_argument("--recipients-file", type=Path, metavar="FILE", help=str(msg("help.export.recipients_file")))
    who.add_argument("--passphrase-file", type=Path, metavar="FILE", help=str(msg("help.passphrase_file")))
    who.add_argument(
        "--generate-passphrase",
        action="store_true",
        help=str(msg("help.export.generate_passphrase")),
    )
    export.add_argument(
        "--to",
        action="append",
        metavar="NAME",
        help=str(msg("help.export.to")),
    )
    export.add_argument(
        "--no-office-key",
        action="store_true",
        help=str(msg("help.export.no_office_key")),
    )
    export.add_argument("--purpose", default="", metavar="TEXT", help=str(msg("help.export.purpose")))
    export.add_argument(
        "--instructions",
        action="store_true",
        help=str(msg("help.export.instructions")),
    )
    export.add_argument(
        "--instructions-purpose",
        action="store_true",
        help=str(msg("help.export.instructions_purpose")),
    )
    export.add_argument("--organisation", default="", metavar="TEXT", help=str(msg("help.export.organisation")))
    export.add_argument("--delete-by", metavar="YYYY-MM-DD", help=str(msg("help.export.delete_by")))
    export.add_argument(
        "--rename",
        action="append",
        type=usage.pair,
        metavar="COLUMN=NAME",
        help=str(msg("help.export.rename")),
    )
    export.add_argument(
        "--reason",
        action="append",
        type=usage.pair,
        metavar="COLUMN=TEXT",
        help=str(msg("help.export.reason")),
    )
    export.add_argument(
        "--where",
        action="append",
        metavar="CONDITION",
        help=str(msg("help.export.where")),
    )
    export.add_argument(
        "--or",
        dest="where",
        action="append_const",
        const=None,
        help=str(msg("help.export.or")),
    )
    export.add_argument(
        "--transform",
        action="append",
        metavar="COLUMN=KIND[:ARG]",
        help=str(msg("help.export.transform")),
    )
    export.add_argument("--pseudonym-key", type=Path, metavar="FILE", help=str(msg("help.export.pseudonym_key")))
    export.add_argument(
        "--reference-date",
        type=usage.a_date,
        metavar="DATE",
        help=str(msg("help.export.reference_date")),
    )
    export.add_argument(
        "--max-unique-share",
        type=usage.share,
        metavar="X",
        help=str(msg("help.export.max_unique_share")),
    )
    export.add_argument(
        "--profile",
        metavar="NAME",
        help=str(msg("help.export.profile")),
    )
    add_signing_options(export)
    export.set_defaults(run=export_command, check=_check_export_who, parser=export)
    return export


def _check_export_who(args: argparse.Namespace) -> str | None:
    """--column (unless --profile gives the columns) and --output, in argparse's words; then who an export is for:
    keys and names mix; a passphrase stands alone (argparse's groups cannot say both); --profile may give the
    recipients."""
    missing = [name for name, absent in (("--column", not args.column and args.profile is None),
                                         ("--output", args.output is None)) if absent]  # fmt: skip
    if missing:
        return f"the following arguments are required: {', '.join(missing)}"
    keys = bool(args.recipient or args.recipients_file or args.to)
    if args.to and (args.passphrase_file is not None or args.generate_passphrase):
        return "argument --to: not allowed with a passphrase (--passphrase-file, --generate-passphrase)"
    # with --profile, the profile's recipients are taken when none is given (Policy.apply; a profile without
    # them leaves the export to refuse "no recipient" itself)
    if not keys and args.passphrase_file is None and not args.generate_passphrase and args.profile is None:
        return (
            "one of the arguments --recipient --to --recipients-file --passphrase-file --generate-passphrase "
            "is required"
        )
    return None


def export_command(args: argparse.Namespace, cancel: threading.Event) -> int:
    """``exporter export``: the plan from the options, the archive, and a few lines of what was written."""
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan, Secret, column_pairs, parse_delete_by

    _require_text("--purpose", args.purpose)
    _require_text("--organisation", args.organisation)
    _require_text("--delete-by", args.delete_by or "")
    delete_by = None if args.delete_by is None else parse_delete_by(args.delete_by)
    recipients: tuple[str, ...] = tuple(args.recipient or ())
    passphrase: Secret | None = None
    if args.recipients_file is not None:
        recipients = tuple(str(recipient) for recipient in _recipients_file(args.recipients_file))
    elif args.passphrase_file is not None:
        passphrase = Secret(read_passphrase_file(args.passphrase_file))
    elif args.generate_passphrase:
        from exporter.passphrase import generate

        passphrase = Secret(generate())
    plan = ExportPlan(
        source=args.source,
        columns=tuple(args.column or ()),
        output=args.output,
        recipients=recipients,
        to=tuple(args.to or ()),
        passphrase=passphrase,
        purpose=args.purpose,
        recipient_organisation=args.organisation,
        delete_by=delete_by,
        encoding=args.encoding,
        delimiter=args.delimiter,
        limits=read_limits(args),
        without_office_key=args.no_office_key,
        instructions=args.instructions or args.instructions_purpose,
        instructions_purpose=args.instructions_purpose,
        output_names=column_pairs("--rename", args.rename),
        reasons=column_pairs("--reason", args.reason),
        where=where_groups(args.where),
        transforms=_transforms(args.transform),
        pseudonym_key=args.pseudonym_key,
        reference_date=args.reference_date,
        max_unique_share=args.max_unique_share,
        sheet=getattr(args, "sheet", None),
        profile=args.profile,
        signing_key=args.signing_key,
    )
    plan = _with_policy(plan)
    plan = with_signing_passphrase(plan, args)
    result = run_export(plan, progress=_progress_line(), cancel=cancel)
    _clear_progress_line()
    if args.generate_passphrase and passphrase is not None:
        print(passphrase.reveal())
        print(msg("cli.passphrase_shown_once"), file=sys.stderr)
    who = msg("cli.for_passphrase") if passphrase is not None else _for_whom(result.manifest["recipients"])
    wrote = msg(
        "cli.exported",
        path=terminal_line(str(result.output)),
        size=file_size(result.size),
        rows=_counted("rows", result.rows),
        columns=_counted("columns", len(plan.columns)),
        who=who,
        sha256=result.sha256,
    )
    print(wrote, file=sys.stderr)
    _print_scope(result)
    for warning in result.warnings:
        print(f"exporter: warning: {terminal_line(str(warning))}", file=sys.stderr)
    if result.instructions is not None:
        written = msg("handover.instructions_written", path=terminal_line(str(result.instructions)))
        print(f"exporter: {written}", file=sys.stderr)
    if result.instructions_error is not None:  # the archive is complete: a warning, and success
        print(f"exporter: warning: {terminal_line(str(result.instructions_error))}", file=sys.stderr)
        if hint := result.instructions_error.hint_text():
            print(f"exporter: hint: {terminal_line(hint)}", file=sys.stderr)
    from exporter.key_commands import recipient_lines, unconfirmed_warnings

    for line in recipient_lines(result.manifest["recipients"]):
        print(f"exporter: {line}", file=sys.stderr)
    for line in unconfirmed_warnings(list(plan.to)):
        print(f"exporter: warning: {line}", file=sys.stderr)
    for line in export_lines(result.signed_by):
        print(f"exporter: {line}", file=sys.stderr)
    if result.manifest.get("office_copy") is False:
        print(f"exporter: {terminal_line(str(msg('keys.cli_office_left_out')))}", file=sys.stderr)
    if result.register_record is not None and plan.register is not None:
        recorded = msg("register.recorded", path=str(plan.register), number=result.register_record)
        print(f"exporter: {terminal_line(str(recorded))}", file=sys.stderr)
    return 0


def where_groups(parts: Sequence[str | None] | None) -> tuple[tuple[str, ...], ...]:
    """``--where`` conditions split into groups at each ``--or`` (None); an empty group is refused."""
    groups: list[list[str]] = [[]]
    for part in parts or ():
        if part is None:
            groups.append([])
        else:
            _require_text("--where", part)
            groups[-1].append(part)
    if len(groups) == 1 and not groups[0]:
        return ()
    if any(not group for group in groups):
        raise PlanError(msg("shaping.or_without_condition"), hint=msg("shaping.or_without_condition_hint"))
    return tuple(tuple(group) for group in groups)


def _transforms(options: Sequence[str] | None) -> dict[str, str]:
    """``--transform COLUMN=KIND[:ARG]`` options as the plan's mapping; a column given twice is refused."""
    from exporter.transforms import parse_transform_option

    found: dict[str, str] = {}
    for option in options or ():
        _require_text("--transform", option)
        column, transform = parse_transform_option(option)
        if column in found:
            raise PlanError(msg("columns.given_twice", option="--transform", column=column))
        found[column] = transform.text()
    return found


def _with_policy(plan: ExportPlan) -> ExportPlan:
    """The plan as the IT policy in force makes it (:meth:`exporter.policy.Policy.apply`); as it is without one
    (run_export refuses a profile then, and checks the policy's rules itself)."""
    from exporter.policy import policy_in_force

    policy = policy_in_force()
    if policy is None and plan.profile is not None:
        from exporter.export_controls import policy_for

        policy_for(plan)  # a profile without a policy: said before "no column" would be
    return plan if policy is None else policy.apply(plan)


def _print_scope(result: ExportResult) -> None:
    """The rows the filter kept, and how identifiable they are, in plain words on stderr."""
    if "row_filter" in result.manifest:
        line = msg("shaping.rows_in_scope", kept=result.rows, read=result.rows_read)
        print(f"exporter: {line}", file=sys.stderr)
        for column, cells in result.manifest["row_filter"].get("unreadable", {}).items():
            left = msg(
                "shaping.unreadable_cell" if cells == 1 else "shaping.unreadable_cells", column=column, cells=cells
            )
            print(f"exporter: warning: {terminal_line(str(left))}", file=sys.stderr)
        if not result.rows:
            print(f"exporter: warning: {msg('shaping.no_row_in_scope')}", file=sys.stderr)
    if result.risk is not None:
        print(f"exporter: {terminal_line(str(result.risk.sentence()))}", file=sys.stderr)
    from exporter.risk import direct_sentence

    if (direct := direct_sentence(result.direct_identifiers)) is not None:
        print(f"exporter: {terminal_line(str(direct))}", file=sys.stderr)
