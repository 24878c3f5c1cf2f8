"""Whether a signed statement answers the export record it names: the one rule that ``register import`` applies
before it appends a statement (:mod:`exporter.register_import`) and ``register verify`` applies again to every
statement the register holds (:mod:`exporter.register_check`).

A statement answers an export record when one of that export's recipients has a signing key
(``recipients[i].signing_key``, copied from their key card through the manifest), the statement is signed by that
very key, its check code is the one recorded for that recipient, it was signed after the export was made and not
later than now (each within :data:`CLOCK_SKEW`), and what it says about the archive is what the export record
says: the manifest's ``created_utc`` and ``rows``, and for a deletion only names of files an archive holds.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from exporter.archive import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from exporter.messages import Message, msg
from exporter.statements import Statement, StatementError

CLOCK_SKEW = timedelta(hours=1)  # how far a recipient's clock may be off from the office's
ARCHIVE_FILES = (DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME)  # every file an archive holds
_RECORDING = timedelta(days=1)  # an export record without created_utc: how long before it the archive may be made
_TIME = "%Y-%m-%dT%H:%M:%SZ"


class StatementRefused(StatementError):
    """A statement that does not answer the export record it names; ``field`` is the statement's field at fault
    (``recipient.signing_key``, ``recipient.check_code``, ``time_utc``, ``created_utc``, ``rows``,
    ``deleted.files``)."""

    def __init__(self, message: Message, *, field: str, hint: Message | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


def signer_of(statement: Statement, export: dict[str, Any], where: str) -> dict[str, Any]:
    """The entry of ``export`` (an ``export`` record of the register) for the recipient who signed ``statement``.

    Raises :class:`StatementRefused` with one sentence naming ``where`` (the file) when none of the export's
    recipients has a signing key, the statement is signed by a key that is not one of theirs, its check code is not
    the one recorded for that recipient, it was signed before the export or later than now, or what it says about
    the archive (creation time, rows, deleted files) is not what the export record says."""
    number = _number(export)
    recipients = [entry for entry in _list(export.get("recipients")) if isinstance(entry, dict)]
    keyed = [entry for entry in recipients if isinstance(entry.get("signing_key"), str) and entry["signing_key"]]
    if not keyed:
        raise StatementRefused(
            msg("statements.no_signing_key", path=where, export=number),
            field="recipient.signing_key",
            hint=msg("statements.no_signing_key_hint"),
        )
    line = statement.signing_key.minisign_line()
    signer = next((entry for entry in keyed if entry["signing_key"].strip() == line), None)
    if signer is None:
        unkeyed = [entry for entry in recipients if entry not in keyed and entry.get("role") != "office"]
        who = ", ".join(str(entry.get("name") or entry.get("check_code") or "?") for entry in unkeyed)
        hint = (
            msg("statements.unkeyed_recipients_hint", who=who) if unkeyed else msg("statements.not_recipients_key_hint")
        )
        raise StatementRefused(
            msg("statements.not_recipients_key", path=where, export=number), field="recipient.signing_key", hint=hint
        )
    if signer.get("check_code") != statement.check_code:
        raise StatementRefused(
            msg("statements.code_mismatch", path=where, code=statement.check_code, export=number),
            field="recipient.check_code",
        )
    _check_time(statement.time_utc, export.get("time_utc"), where)
    _check_archive(statement, export, where)
    return signer


def signed_sha256(record: dict[str, Any]) -> str | None:
    """The SHA-256 hex of line 1 (with its LF) of the statement a register record holds (``statement.text``): what
    tells two imports of the same statement apart from two statements (:attr:`Statement.signed_sha256`)."""
    statement = record.get("statement")
    text = statement.get("text") if isinstance(statement, dict) else None
    if not isinstance(text, str):
        return None
    return hashlib.sha256(text.split("\n", 1)[0].encode("utf-8", "surrogatepass") + b"\n").hexdigest()


def _check_archive(statement: Statement, export: dict[str, Any], where: str) -> None:
    """The statement's ``created_utc`` and ``rows`` are the export record's; a deletion names only archive files."""
    number = _number(export)
    given, recorded = statement.fields["created_utc"], export.get("created_utc")
    if isinstance(recorded, str):
        differs = given != recorded
    else:  # a record from before created_utc was kept: the archive was made shortly before it was recorded
        recorded = export.get("time_utc")
        differs = not _made_before(given, recorded)
    if differs:
        raise StatementRefused(
            msg("statements.created_mismatch", path=where, given=given, export=number, recorded=str(recorded)),
            field="created_utc",
        )
    rows = statement.fields["rows"]
    if rows != export.get("rows"):
        raise StatementRefused(
            msg("statements.rows_mismatch", path=where, given=rows, export=number, recorded=str(export.get("rows"))),
            field="rows",
        )
    for name in statement.fields.get("deleted", {}).get("files", ()):
        if name not in ARCHIVE_FILES:
            raise StatementRefused(
                msg("statements.not_an_archive_file", path=where, name=name, files=", ".join(ARCHIVE_FILES)),
                field="deleted.files",
            )


def _made_before(created: str, recorded: object) -> bool:
    """``created`` (a manifest's creation time) is at most :data:`_RECORDING` before ``recorded`` and not after it."""
    made, written = _moment(created), _moment(recorded)
    return made is not None and written is not None and written - _RECORDING <= made <= written


def _check_time(signed: str, exported: object, where: str) -> None:
    """A statement signed before its export was made, or later than now (each by more than :data:`CLOCK_SKEW`),
    is refused: its signer's clock or the statement is wrong, and a register records when things happened."""
    moment = datetime.strptime(signed, _TIME).replace(tzinfo=UTC)
    now = datetime.now(UTC)
    if moment > now + CLOCK_SKEW:
        raise StatementRefused(
            msg("statements.signed_in_future", path=where, time=signed, now=now.strftime(_TIME)), field="time_utc"
        )
    made = _moment(exported)
    if made is not None and moment < made - CLOCK_SKEW:
        raise StatementRefused(
            msg("statements.signed_before_export", path=where, time=signed, export_time=str(exported)),
            field="time_utc",
        )


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, _TIME).replace(tzinfo=UTC)
    except ValueError:
        return None


def _number(record: dict[str, Any], key: str = "number") -> int:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["ARCHIVE_FILES", "CLOCK_SKEW", "StatementRefused", "signed_sha256", "signer_of"]
