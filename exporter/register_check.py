"""The check of a register's chain (:func:`exporter.register.verify`), and the one sentence that names what broke.

Line ``n`` must hold record ``n`` whose ``previous`` is the hash of line ``n - 1`` (null on line 1). At the first
line where that does not hold, the other lines tell what happened: the record that belongs there found later
(reordered), not found at all (removed), the ``previous`` of a record matching an earlier line than the one before
it (inserted in between), or matching no line (the record before it changed after it was written).
"""

from __future__ import annotations

import re
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
