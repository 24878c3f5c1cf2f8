"""The check of a register's chain (:func:`exporter.register.verify`), and the one sentence that names what broke.

Line ``n`` must hold record ``n`` whose ``previous`` is the hash of line ``n - 1`` (null on line 1). At the first
line where that does not hold, the other lines tell what happened: the record that belongs there found later
(reordered), not found at all (removed), the ``previous`` of a record matching an earlier line than the one before
it (inserted in between), or matching no line (the record before it changed after it was written).

A ``receipt`` or ``deletion`` record must moreover hold a statement that answers an earlier export record as
``register import`` requires (:func:`statement_problems`): a record appended by hand with a correct chain but a
statement that does not verify, or that is not the recipient's, is as bad as a changed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from exporter.errors import RegisterError
from exporter.messages import Message, msg

_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_chain(path: Path, lines: list[tuple[int, bytes, dict[str, Any]]]) -> int:
    """The number of records when every line links to the one before; else :class:`RegisterError` naming the first
    bad record. ``lines`` are ``(line number, exact bytes with LF, parsed record)`` in file order."""
    from exporter.register import line_hash

    hashes = [line_hash(raw) for _, raw, _ in lines]
    for index, (line, _, record) in enumerate(lines):
        number, previous = record.get("number"), record.get("previous")
        linked = previous is None or (isinstance(previous, str) and _SHA256.fullmatch(previous) is not None)
        if not _is_number(number) or not linked:
            raise RegisterError(msg("register.bad_fields", path=str(path), line=line))
        expected = None if index == 0 else hashes[index - 1]
        if number == line and previous == expected:
            continue
        raise RegisterError(_diagnosis(str(path), lines, hashes, index), hint=msg("register.tampered_hint"))
    return len(lines)


def _diagnosis(path: str, lines: list[tuple[int, bytes, dict[str, Any]]], hashes: list[str], index: int) -> Message:
    """The sentence for the first line (``index``) that does not follow the one before it."""
    line, _, record = lines[index]
    number, previous = record["number"], record["previous"]
    numbers = [entry[2].get("number") for entry in lines]
    follows = hashes.index(previous) if previous in hashes[:index] else None  # the line it says it follows (0-based)
    if index == 0 and number == 1:  # record 1 that links to something before it
        return msg("register.not_first", path=path)
    if number > line:
        if line in numbers[index + 1 :]:
            at = numbers.index(line, index + 1) + 1
            return msg("register.reordered", path=path, line=line, number=number, expected=line, expected_line=at)
        if number == line + 1:
            return msg("register.missing_record", path=path, number=line, line=line, found=number)
        return msg("register.missing_records", path=path, first=line, last=number - 1, line=line, found=number)
    if follows is not None and follows < index - 1:
        inserted = follows + 1  # 0-based index of the first line that nothing links to
        return msg(
            "register.inserted",
            path=path,
            line=inserted + 1,
            number=numbers[inserted],
            next_line=line,
            before=follows + 1,
        )
    if number < line and number in numbers[:index]:
        return msg("register.duplicate", path=path, number=number, first=numbers.index(number) + 1, line=line)
    if number == line and follows is None:
        before_line, _, before = lines[index - 1]
        return msg(
            "register.changed",
            path=path,
            number=before.get("number"),
            line=before_line,
            next_number=number,
            next_line=line,
        )
    return msg("register.bad_link", path=path, number=number, line=line)


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


class StatementCheck:
    """The check of :func:`statement_problems`, fed one record at a time in file order (so that
    :func:`exporter.register.verify` reads the register once): :meth:`problem` is the sentence for a ``receipt`` or
    ``deletion`` record that does not hold up, None for any other record."""

    def __init__(self, path: Path) -> None:
        self._path = str(path)
        self._exports: dict[str, dict[str, Any]] = {}
        self._seen: dict[str, object] = {}  # each statement's signed line's SHA-256: the record that first held it

    def problem(self, line: int, record: dict[str, Any]) -> Message | None:
        from exporter.register import STATEMENT_KINDS
        from exporter.statement_match import signed_sha256

        kind = record.get("kind")
        if kind == "export":
            self._exports.setdefault(str(_field(record, "archive.sha256")), record)
        elif kind in STATEMENT_KINDS:
            said = _statement_problem(self._path, line, record, self._exports)
            if said is not None:
                return said
            signed = signed_sha256(record) or ""
            if signed in self._seen:  # register import adds a statement once: a second copy was added by hand
                where = {"path": self._path, "number": record.get("number"), "line": line}
                return msg("register.statement_repeated", **where, first=self._seen[signed])
            self._seen[signed] = record.get("number")
        return None


def statement_problems(path: Path, found: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Message]]:
    """Each ``receipt`` or ``deletion`` record of ``found`` (the register's records in file order, line ``n`` being
    ``found[n - 1]``) that does not hold up, with the sentence that says why: its ``statement.text`` is not a signed
    statement that verifies with the key it names, no earlier record is the export of its archive, it does not
    answer that export as ``register import`` requires (:func:`exporter.statement_match.signer_of`), or the
    record's own fields (kind, archive, export, recipient's check code, the statement's hash and time) are not what
    the statement says."""
    check = StatementCheck(path)
    for line, record in enumerate(found, start=1):
        problem = check.problem(line, record)
        if problem is not None:
            yield record, problem


def without_bad_statements(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``found`` (every record of a register, in file order) less the statements that do not hold up: what may
    count as a receipt or a deletion (:func:`statement_problems`)."""
    bad = {id(record) for record, _ in statement_problems(Path(), found)}
    return [record for record in found if id(record) not in bad] if bad else found


def _statement_problem(
    path: str, line: int, record: dict[str, Any], exports: dict[str, dict[str, Any]]
) -> Message | None:
    from exporter.statement_match import StatementRefused, signer_of
    from exporter.statements import StatementError, parse_statement

    where = {"path": path, "number": record.get("number"), "line": line}
    text = _field(record, "statement.text")
    try:
        statement = parse_statement(text.encode("utf-8") if isinstance(text, str) else b"", path)
    except (StatementError, UnicodeEncodeError):
        return msg("register.statement_invalid", **where)
    export = exports.get(statement.archive_sha256)
    if export is None:
        return msg("register.statement_no_export", **where)
    try:
        signer = signer_of(statement, export, path)
    except StatementRefused as err:
        return msg("register.statement_refused", **where, field=err.field, export=export.get("number"))
    said = {
        "kind": statement.kind,
        "archive.sha256": statement.archive_sha256,
        "archive.name": name if isinstance(name := _field(export, "archive.name"), str) else "",
        "export": export.get("number"),
        "recipient.check_code": statement.check_code,
        "recipient.name": signer.get("name"),  # as register import copies them from the export's record
        "recipient.organisation": signer.get("organisation"),
        "statement.sha256": statement.sha256,
        "statement.time_utc": statement.time_utc,
    }
    wrong = next((name for name, value in said.items() if _field(record, name) != value), None)
    return None if wrong is None else msg("register.statement_disagrees", **where, field=wrong)


def _field(record: dict[str, Any], name: str) -> object:
    """A record's field by its dotted name (``archive.sha256``); None when it is not there."""
    value: object = record
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
