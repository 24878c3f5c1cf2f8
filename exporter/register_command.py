"""``exporter register show|verify|overdue [FILE]``: the take-out register for the data-protection officer.

FILE defaults to the register that the IT policy in force names (``[register] path``). ``show`` prints a table
for the terminal, or with ``--csv`` every field for the auditor's Excel (CP932 or UTF-8 with BOM, CRLF, RFC 4180;
a cell that Excel would run as a formula gets a leading apostrophe, as ``formula-safe`` does). ``verify`` checks the
chain and exits 1 naming the first bad record; ``overdue`` lists exports past their delete-by date with no deletion
statement. ``import FILE... [--register FILE]`` adds receipts and deletion statements that recipients sent back
(:mod:`exporter.register_import`); ``show`` then gives each export the record numbers of what came back.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

from exporter import usage
from exporter.commands import _columns_wide, _padded
from exporter.display import safe_text, terminal_line
from exporter.errors import RegisterError
from exporter.messages import msg

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # OWASP "CSV Injection", full-width too
_TABLE = (
    "number",
    "when",
    "user",
    "machine",
    "kind",
    "why",
    "recipient_organisation",
    "rows",
    "delete_by",
    "archive",
    "receipt",
    "deletion",
)
_CSV = (
    "number",
    "kind",
    "time_local",
    "time_utc",
    "user",
    "machine",
    "profile",
    "profile_version",
    "purpose",
    "recipient_organisation",
    "columns",
    "where",
    "rows",
    "recipients",
    "delete_by",
    "archive",
    "size",
    "sha256",
    "source",
    "version",
    "policy",
    "record_hash",
    "previous",
    "answers",
    "receipt",
    "deletion",
    "signed_utc",
)
_HEADINGS = {"recipient_organisation": "organisation", "when": "time_local", "why": "purpose"}
_STATEMENT_HEADINGS = {"receipt", "deletion", "answers", "signed_utc"}  # in messages/statements.py
_WIDEST = 32  # characters of one table cell; the CSV holds everything


def add_register_parser(sub: Any) -> None:
    """Add ``register show|verify|overdue [FILE]`` and ``import FILE...`` to the sub-commands."""
    register = sub.add_parser("register", help=str(msg("help.register")))
    actions = register.add_subparsers(dest="action", metavar="ACTION", required=True)
    file_help = str(msg("help.register.file"))

    show = actions.add_parser("show", help=str(msg("help.register.show")))
    show.add_argument("file", type=Path, nargs="?", metavar="FILE", help=file_help)
    show.add_argument("--csv", action="store_true", help=str(msg("help.register.show.csv")))
    show.add_argument(
        "--encoding", choices=("cp932", "utf-8-sig"), default="utf-8-sig", help=str(msg("help.register.show.encoding"))
    )
    show.add_argument("--output", type=Path, metavar="F", help=str(msg("help.register.show.output")))
    show.set_defaults(run=register_show, check=_check_show, parser=show)

    check = actions.add_parser("verify", help=str(msg("help.register.verify")))
    check.add_argument("file", type=Path, nargs="?", metavar="FILE", help=file_help)
    check.add_argument("--head", metavar="SHA256", help=str(msg("help.register.verify.head")))
    check.set_defaults(run=register_verify)

    late = actions.add_parser("overdue", help=str(msg("help.register.overdue")))
    late.add_argument("file", type=Path, nargs="?", metavar="FILE", help=file_help)
    late.add_argument("--on", type=usage.a_date, metavar="YYYY-MM-DD", help=str(msg("help.register.overdue.on")))
    late.set_defaults(run=register_overdue)

    take = actions.add_parser("import", help=str(msg("help.register.import")))
    take.add_argument(
        "statements", type=Path, nargs="+", metavar="FILE", help=str(msg("help.register.import.statements"))
    )
    take.add_argument("--register", type=Path, metavar="FILE", help=file_help)
    take.set_defaults(run=register_import)


def _check_show(args: argparse.Namespace) -> str | None:
    if args.output is not None and not args.csv:
        return "argument --output: only with --csv"
    return None


def policy_register() -> Path | None:
    """The register that the IT policy in force names (``[register] path``), or None (no policy, or none named).
    A policy that cannot be read raises its own error (:class:`exporter.errors.ExporterError`)."""
    import importlib

    try:
        policies = importlib.import_module("exporter.policy")
    except ImportError:  # no policy support in this build yet
        return None
    policy = policies.policy_in_force()
    path = getattr(policy, "register_path", None) if policy is not None else None
    return None if path is None else Path(path)


def register_path(given: Path | None) -> Path:
    """FILE when given, else the IT policy's register; :class:`RegisterError` when there is neither."""
    path = given if given is not None else policy_register()
    if path is None:
        raise RegisterError(msg("register.no_register"), hint=msg("register.no_register_hint"))
    return path


def register_verify(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Print that the register is intact (count, last hash value); a broken one raises RegisterError (exit 1)."""
    from exporter.register import find_record, head, verify

    path = register_path(args.file)
    wanted = (args.head or "").strip().lower()
    if args.head is not None and not re.fullmatch(r"[0-9a-f]{64}", wanted):
        raise RegisterError(msg("register.head_not_a_hash"))
    count = verify(path)
    last = head(path)
    number = find_record(path, wanted) if args.head is not None else None
    if args.head is not None and number is None:  # before anything says "intact": scripts read stdout
        raise RegisterError(msg("register.head_missing", path=str(path), sha256=wanted))
    if count == 0 or last is None:
        print(terminal_line(str(msg("register.intact_empty", path=str(path)))))
    else:
        print(terminal_line(str(msg("register.intact", path=str(path), count=count, sha256=last.sha256))))
    if number is not None:
        print(terminal_line(str(msg("register.head_found", sha256=wanted, number=number))))
    return 0


def register_show(args: argparse.Namespace, cancel: threading.Event) -> int:
    """The records as a table or CSV; the chain is checked after they are shown, so a broken one still lists."""
    from exporter.register import hashed_records, verify

    path = register_path(args.file)
    found = hashed_records(path)
    if args.csv:
        data = csv_bytes(found, args.encoding)
        if args.output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            _write_new(args.output, data)
            print(
                terminal_line(str(msg("register.wrote_csv", count=len(found), path=str(args.output)))), file=sys.stderr
            )
    else:
        _print_table([record for _, record in found])
    verify(path)
    return 0


def register_overdue(args: argparse.Namespace, cancel: threading.Event) -> int:
    """The exports past their delete-by date without a deletion statement, as a table and a count."""
    from exporter.register import overdue, records, verify

    path = register_path(args.file)
    verify(path)  # a list from a tampered register means nothing: it is refused, naming the bad record
    late = overdue(path, args.on or date.today())
    if not late:
        print(terminal_line(str(msg("register.none_overdue", path=str(path)))))
        return 0
    everything = records(path)
    _print_table(late, everything)
    counted = msg("register.overdue_one") if len(late) == 1 else msg("register.overdue_count", count=len(late))
    print(terminal_line(str(counted)))
    from exporter.register_content import still_waiting

    for sentence in still_waiting(late, everything):
        print(terminal_line(str(sentence)))
    answered = _answers(everything)
    receipts = sum(1 for record in late if (found := answered.get(_archive_hash(record))) and found.receipts)
    if receipts:
        print(terminal_line(str(msg("statements.overdue_with_receipt", count=receipts))))
    return 0


def register_import(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Import every statement file in turn, one line each (a refused one: its error); exit 1 if any was refused. A
    register that cannot be read or written stops it: every file after would fail the same way."""
    from exporter.cli import _report
    from exporter.register_import import import_statement
    from exporter.statements import StatementError

    path = args.register if args.register is not None else policy_register()
    if path is None:
        raise RegisterError(msg("register.no_register"), hint=msg("statements.no_register_hint"))
    refused = False
    for statement in args.statements:
        try:
            done = import_statement(path, statement)
        except StatementError as err:
            refused = True
            _report(err)
            continue
        kind = msg(f"statements.kind_{done.kind}")
        fields = {"path": str(statement), "number": done.number, "kind": kind, "archive": done.archive_name}
        if done.already:
            print(terminal_line(str(msg("statements.already", **fields))))
        else:
            print(terminal_line(str(msg("statements.imported", **fields, export=done.export_number))))
    return 1 if refused else 0


def cells(record: dict[str, Any], record_hash: str = "", answered: Any = None) -> dict[str, str]:
    """One record's fields as text for a table or a spreadsheet (lists joined; missing fields empty). ``answered``
    (:class:`exporter.register_import.Answers`) lists the receipts and deletion statements of an export."""
    profile = _dict(record.get("profile"))
    archive = _dict(record.get("archive"))
    source = _dict(record.get("source"))
    kind = record.get("kind")
    known = ("export", "deletion", "receipt")
    values: dict[str, object] = {
        "number": record.get("number"),
        "kind": str(msg(f"register.kind_{kind}")) if kind in known else kind,
        "time_local": record.get("time_local"),
        "time_utc": record.get("time_utc"),
        "user": record.get("user"),
        "machine": record.get("machine"),
        "profile": profile.get("name"),
        "profile_version": profile.get("version"),
        "purpose": record.get("purpose"),
        "recipient_organisation": record.get("recipient_organisation"),
        "columns": "; ".join(_column(column) for column in _list(record.get("columns"))),
        "where": " OR ".join(" AND ".join(map(str, _list(group))) for group in _list(record.get("where"))),
        "rows": record.get("rows"),
        "recipients": "; ".join(_recipient(entry) for entry in _list(record.get("recipients"))),
        "delete_by": record.get("delete_by"),
        "archive": archive.get("name"),
        "size": archive.get("size"),
        "sha256": archive.get("sha256"),
        "source": source.get("file_name"),
        "version": record.get("exporter_version"),
        "policy": record.get("policy_sha256"),
        "record_hash": record_hash,
        "previous": record.get("previous"),
        "when": str(record.get("time_local") or "")[:16].replace("T", " "),  # the table's: to the minute
        "why": f"{profile['name']} ({profile.get('version')})" if profile.get("name") else record.get("purpose"),
        **dict.fromkeys(("answers", "signed_utc", "receipt", "deletion")),
        **_statement_cells(record, answered),
    }
    return {key: "" if value is None else str(value) for key, value in values.items()}


def csv_bytes(found: list[tuple[str, dict[str, Any]]], encoding: str) -> bytes:
    """Every record (with its line's hash value) as CSV in ``encoding``, headed in the user's language.

    Raises :class:`RegisterError` naming the record and the field when a character has no place in CP932."""
    headings = [_heading(name) for name in _CSV]
    out = [_csv_row(headings).encode(encoding)]
    answered = _answers(record for _, record in found)
    for record_hash, record in found:
        row = cells(record, record_hash, answered.get(_archive_hash(record)))
        try:
            shown = [_formula_safe(safe_text(row[name])) for name in _CSV]  # controls as escapes, as the table shows
            out.append(_csv_row(shown).encode(encoding.replace("-sig", "")))
        except UnicodeEncodeError:
            field = next(name for name in _CSV if not _encodes(row[name], encoding))
            heading = _heading(field)
            raise RegisterError(
                msg("register.csv_not_encodable", number=row["number"], field=heading, encoding=encoding.upper()),
                hint=msg("register.csv_not_encodable_hint"),
            ) from None
    return b"".join(out)


def _print_table(found: list[dict[str, Any]], everything: list[dict[str, Any]] | None = None) -> None:
    headings = [_heading(name) for name in _TABLE]
    answered = _answers(found if everything is None else everything)
    rows = [
        [_short(terminal_line(cells(record, "", answered.get(_archive_hash(record)))[name])) for name in _TABLE]
        for record in found
    ]
    widths = [max(_columns_wide(text) for text in column) for column in zip(headings, *rows, strict=True)]
    for row in [headings, *rows]:
        print("  ".join(_padded(text, width) for text, width in zip(row, widths, strict=True)).rstrip())


def _heading(name: str) -> str:
    if name in _STATEMENT_HEADINGS:
        return str(msg(f"statements.col_{name}"))
    return str(msg(f"register.col_{_HEADINGS.get(name, name)}"))


def _answers(found: Any) -> dict[str, Any]:
    from exporter.register_import import answers

    return answers(found)


def _archive_hash(record: dict[str, Any]) -> str:
    return str(_dict(record.get("archive")).get("sha256", ""))


def _statement_cells(record: dict[str, Any], answered: Any) -> dict[str, object]:
    """The receipt / deletion columns of an export (the record numbers of the statements that came back), and
    for a statement's own record: the export it answers, when it was signed, who signed (in ``recipients``)."""
    if record.get("kind") in ("receipt", "deletion"):
        statement = _dict(record.get("statement"))
        from exporter.statements import replaced_in

        replaced = replaced_in(str(statement.get("text", "")))  # saved over before deletion: table and CSV say so
        note = msg("statements.answers_replaced", files=", ".join(replaced)) if replaced else None
        return {
            "answers": record.get("export"),
            "signed_utc": statement.get("time_utc"),
            "recipients": _recipient(record.get("recipient")),
            "why": note or msg("statements.answers", export=record.get("export")),
            **({"purpose": note} if note else {}),
        }
    if answered is None or record.get("kind") != "export":
        return {}
    return {"receipt": _numbers(answered.receipts), "deletion": _numbers(answered.deletions)}


def _numbers(found: list[int]) -> str | None:
    return ", ".join(map(str, found)) if found else None


def _short(text: str) -> str:
    return text if len(text) <= _WIDEST else text[: _WIDEST - 1] + "…"


def _column(column: object) -> str:
    if not isinstance(column, dict):
        return str(column)
    name = str(column.get("name", ""))
    if column.get("source"):
        name = f"{column['source']}→{name}"
    return f"{name} ({column['transform']})" if column.get("transform") else name


def _recipient(entry: object) -> str:
    if not isinstance(entry, dict):
        return str(entry)
    if entry.get("type") == "passphrase":
        return str(msg("register.passphrase"))
    who = entry.get("name") or (msg("register.office_role") if entry.get("role") == "office" else "")
    code = str(entry.get("check_code", ""))
    return f"{who} {code}".strip()


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _formula_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_row(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _write_new(path: Path, data: bytes) -> None:
    from exporter.atomic import AtomicFile

    with AtomicFile(path) as target:
        target.write(data)
        target.commit()
