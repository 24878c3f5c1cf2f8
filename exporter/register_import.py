"""The office's side of receipts and deletion statements: importing one into the take-out register (issue 11, §4).

A statement (:mod:`exporter.statements`) answers an archive by its hash value. It is accepted when the register
holds the ``export`` record of that archive (``archive.sha256``), one of that export's recipients has a signing key
(``recipients[i].signing_key``, copied from their key card through the manifest), the statement is signed by that
very key, and the statement's check code is the one recorded for that recipient (the key-set code the office
confirmed on the phone). It is then appended (:func:`exporter.register.append_checked`: lock, chain) as

    {"kind": "receipt" | "deletion", "archive": {"name", "sha256"}, "export": <the export's record number>,
     "recipient": {"check_code", "name"?, "organisation"?}, "statement": {"time_utc", "sha256", "text"},
     "imported_utc", "time_local", "user", "machine", "exporter_version"}

``statement.text`` is the whole file, so the register alone lets an auditor check the signature again with
minisign; ``time_local`` is when it was imported (the column the register's table shows for every record). The
same file imported twice (same SHA-256) adds nothing. A ``deletion`` record settles its export for
:func:`exporter.register.overdue`.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from exporter import __version__
from exporter.messages import msg
from exporter.register import STATEMENT_KINDS, append_checked, records
from exporter.statements import Statement, StatementError, read_statement


@dataclass(frozen=True)
class ImportResult:
    """A statement in the register: its record's ``number``, its ``kind``, the number of the export record it
    answers, and ``already`` when the same file was imported before (nothing was appended)."""

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
    export's recipients has a signing key, signed by a key that is not one of theirs, or a check code that is not
    the one recorded for that recipient; RegisterError when the register cannot be read or written."""
    statement = read_statement(path)
    first = _examine(register, path, statement, records(register))  # refusals and repeats need no lock
    if isinstance(first, ImportResult):
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
    for earlier in found:
        if earlier.get("kind") in STATEMENT_KINDS and _dict(earlier.get("statement")).get("sha256") == statement.sha256:
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
    recipients = [entry for entry in _list(export.get("recipients")) if isinstance(entry, dict)]
    keyed = [entry for entry in recipients if isinstance(entry.get("signing_key"), str) and entry["signing_key"]]
    if not keyed:
        raise StatementError(
            msg("statements.no_signing_key", path=where, export=number), hint=msg("statements.no_signing_key_hint")
        )
    line = statement.signing_key.minisign_line()
    signer = next((entry for entry in keyed if entry["signing_key"].strip() == line), None)
    if signer is None:
        unkeyed = [entry for entry in recipients if entry not in keyed and entry.get("role") != "office"]
        who = ", ".join(str(entry.get("name") or entry.get("check_code") or "?") for entry in unkeyed)
        hint = (
            msg("statements.unkeyed_recipients_hint", who=who) if unkeyed else msg("statements.not_recipients_key_hint")
        )
        raise StatementError(msg("statements.not_recipients_key", path=where, export=number), hint=hint)
    if signer.get("check_code") != statement.check_code:
        raise StatementError(msg("statements.code_mismatch", path=where, code=statement.check_code, export=number))
    _check_time(statement.time_utc, export.get("time_utc"), where)
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
    """For each archive hash value, the receipts and deletion statements in ``found`` (register records) that
    answer it, by record number in file order."""
    result: dict[str, Answers] = {}
    for record in found:
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


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["Answers", "ImportResult", "answers", "import_statement"]


CLOCK_SKEW = timedelta(hours=1)  # how far a recipient's clock may be off from the office's


def _check_time(signed: str, exported: object, where: str) -> None:
    """A statement signed before its export was made, or later than now (each by more than :data:`CLOCK_SKEW`),
    is refused: its signer's clock or the statement is wrong, and a register records when things happened."""
    moment = datetime.strptime(signed, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    if moment > now + CLOCK_SKEW:
        now_text = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        raise StatementError(msg("statements.signed_in_future", path=where, time=signed, now=now_text))
    if isinstance(exported, str):
        try:
            made = datetime.strptime(exported, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            return
        if moment < made - CLOCK_SKEW:
            raise StatementError(msg("statements.signed_before_export", path=where, time=signed, export_time=exported))
