"""The office's side of receipts and deletion statements: importing one into the take-out register (issue 11, §4).

A statement (:mod:`exporter.statements`) answers an archive by its hash value. It is accepted when the register
holds the ``export`` record of that archive (``archive.sha256``), one of that export's recipients has a signing key
(``recipients[i].signing_key``, copied from their key card through the manifest), the statement is signed by that
very key, the statement's check code is the one recorded for that recipient (the key-set code the office
confirmed on the phone), and what it says of the archive (creation time, rows, deleted files) is what the export
record says: the rule of :func:`exporter.statement_match.signer_of`, which ``register verify`` applies again to
every statement the register holds. It is then appended (:func:`exporter.register.append_checked`: lock, chain) as

    {"kind": "receipt" | "deletion", "archive": {"name", "sha256"}, "export": <the export's record number>,
     "recipient": {"check_code", "name"?, "organisation"?}, "statement": {"time_utc", "sha256", "text"},
     "imported_utc", "time_local", "user", "machine", "exporter_version"}

``statement.text`` is the whole file, so the register alone lets an auditor check the signature again with
minisign; ``time_local`` is when it was imported (the column the register's table shows for every record);
``statement.sha256`` is the SHA-256 of the whole file. The same statement imported twice adds nothing: the same
signed line 1 (:func:`exporter.statement_match.signed_sha256`), whatever its unsigned untrusted comment or the
spare bits of its base64 say. A ``deletion`` record settles its export for
:func:`exporter.register.overdue`.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from exporter import __version__
from exporter.messages import msg
from exporter.register import STATEMENT_KINDS, append_checked, check_appendable, records
from exporter.statement_match import signed_sha256, signer_of
from exporter.statements import Statement, StatementError, read_statement


@dataclass(frozen=True)
class ImportResult:
    """A statement in the register: its record's ``number``, its ``kind``, the number of the export record it
    answers, and ``already`` when the same statement was imported before (nothing was appended)."""

    number: int
    kind: str
    export_number: int
    already: bool = False
    archive_name: str = ""


@dataclass
class Answers:
    """The record numbers of the receipts and deletion statements that answer one export."""

    receipts: list[int] = field(default_factory=list)
    deletions: list[int] = field(default_factory=list)


def import_statement(register: Path, path: Path) -> ImportResult:
    """Check the statement file ``path`` against the export it answers in ``register`` and append it there.

    The check that the same statement is not in the register yet and the append are one step under the register's
    lock (:func:`exporter.register.append_checked`): two PCs importing the same file at once add it once, and the
    other is told it is already there. Raises StatementError with one sentence naming ``path``: not a valid signed
    statement (:func:`exporter.statements.read_statement`), no export of that archive in the register, none of that
    export's recipients has a signing key, signed by a key that is not one of theirs, a check code that is not
    the one recorded for that recipient, or a creation time, row count or deleted file the export does not have
    (:func:`exporter.statement_match.signer_of`); RegisterError when the register cannot be read or written, or its
    chain is broken."""
    statement = read_statement(path)
    first = _examine(register, path, statement, records(register))  # refusals and repeats need no lock
    if isinstance(first, ImportResult):
        check_appendable(register)  # held already: a broken chain is said all the same (the append would say it)
        return first
    decided: list[ImportResult | dict[str, Any]] = []

    def decide(found: list[dict[str, Any]]) -> dict[str, Any] | None:
        decided.append(_examine(register, path, statement, found))  # another PC may have imported it since
        return None if isinstance(decided[0], ImportResult) else decided[0]

    head = append_checked(register, decide)
    record = decided[0]
    if isinstance(record, ImportResult):
        return record
    assert head is not None  # a record was appended
    return ImportResult(head.number, statement.kind, record["export"], False, record["archive"]["name"])


def _examine(
    register: Path, path: Path, statement: Statement, found: list[dict[str, Any]]
) -> ImportResult | dict[str, Any]:
    """The register's record of ``statement`` if it already holds one (an :class:`ImportResult` with ``already``),
    else the record to append; refusals raise StatementError (see :func:`import_statement`)."""
    where = str(path)
    for earlier in found:  # the same statement: the same signed line 1 (not the same file: see Statement)
        if earlier.get("kind") in STATEMENT_KINDS and signed_sha256(earlier) == statement.signed_sha256:
            return ImportResult(
                _number(earlier), str(earlier["kind"]), _number(earlier, "export"), True, _archive_name(earlier)
            )
    export = next(
        (r for r in found if r.get("kind") == "export" and _archive_hash(r) == statement.archive_sha256), None
    )
    if export is None:
        raise StatementError(
            msg("statements.no_export", path=where, sha256=statement.archive_sha256, register=str(register)),
            hint=msg("statements.no_export_hint"),
        )
    number = _number(export)
    signer = signer_of(statement, export, where)
    from exporter.register import _os_user

    now = datetime.now(UTC)
    archive = {"name": _archive_name(export), "sha256": statement.archive_sha256}
    record: dict[str, Any] = {
        "kind": statement.kind,
        "archive": archive,
        "export": number,
        "recipient": {key: signer[key] for key in ("check_code", "name", "organisation") if key in signer},
        "statement": {
            "time_utc": statement.time_utc,
            "sha256": statement.sha256,
            "text": statement.data.decode("utf-8"),
        },
        "imported_utc": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "time_local": now.astimezone().isoformat(timespec="seconds"),
        "user": _os_user(),
        "machine": platform.node(),
        "exporter_version": __version__,
    }
    return record


def answers(found: Iterable[dict[str, Any]]) -> dict[str, Answers]:
    """For each archive hash value, the receipts and deletion statements in ``found`` (every record of the register,
    in file order) that answer it, by record number in file order; one whose statement does not hold up
    (:func:`exporter.register_check.statement_problems`) is not counted."""
    from exporter.register_check import without_bad_statements

    result: dict[str, Answers] = {}
    for record in without_bad_statements(list(found)):
        kind, sha256 = record.get("kind"), _archive_hash(record)
        if kind not in STATEMENT_KINDS or sha256 is None:
            continue
        entry = result.setdefault(sha256, Answers())
        (entry.receipts if kind == "receipt" else entry.deletions).append(_number(record))
    return result


def _archive_hash(record: dict[str, Any]) -> str | None:
    value = _dict(record.get("archive")).get("sha256")
    return value if isinstance(value, str) else None


def _archive_name(record: dict[str, Any]) -> str:
    value = _dict(record.get("archive")).get("name")
    return value if isinstance(value, str) else ""


def _number(record: dict[str, Any], key: str = "number") -> int:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


__all__ = ["Answers", "ImportResult", "answers", "import_statement"]
