"""Checks of a policy file's contents that need more than its shape (:mod:`exporter.policy_file`): the profiles'
row filters, parsed by the parser of ``--where`` (:func:`exporter.filters.parse_condition`), and the entries of
``rules.never_export``. Each problem is a :class:`PolicyError` naming the file and the line of the entry.

Row filters: against the source's columns when they are known (``[source] columns`` or ``policy check --source``),
so an unknown column is a problem; otherwise only the syntax is checked (any name counts as a column; a name with
spaces is taken at the longest reading that parses).

Rules that leave no way to export (:func:`dead_end_problems`): the only envelope allowed a passphrase that the rules
forbid or that cannot carry the office key they require, and a profile whose recipients (keys or check codes) an
approved list of keys does not hold, so the profile can never be used (names and check codes in the approved list
are matched through address books at export time, so those lists are not judged here).

``never_export`` entries (column names or categories): with known columns, an entry that is neither a category
(:class:`exporter.classify.Category`) nor one of the columns (compared as the rules compare them: NFKC, case folded,
no spaces) forbids nothing and is a problem. Without them, an ASCII entry that is not a category but close to one
(``finacial``, ``my-number``) is a problem: a misspelt category forbids nothing. Any other entry may be a column of
a file the policy has not seen, and is left alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import PlanError
from exporter.messages import msg
from exporter.policy_file import PolicyError, key_line, locate

if TYPE_CHECKING:
    from exporter.policy_model import Profile, Rules

_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_ -]*")


def value_line(text: str, keys: Sequence[str], value: str) -> int:
    """The line of the list item ``value`` of the key at ``keys``: the first line from the key's own line on that
    holds it quoted; the key's line when none does."""
    start = key_line(text, keys)
    lines = text.splitlines()
    quoted = (f'"{value}"', f"'{value}'")
    for number in range(start, len(lines) + 1):
        if any(form in lines[number - 1] for form in quoted):
            return number
    return start


def where_problems(
    path: Path, text: str, profile: str, where: Sequence[Sequence[str]], columns: Sequence[str] | None
) -> list[PolicyError]:
    """Every condition of the profile's row filter ``where`` that does not parse, each with its line; ``columns``:
    the source's columns, or None when they are not known (module docstring)."""
    from exporter.filters import parse_condition

    found: list[PolicyError] = []
    keys = ["profiles", profile, "where"]
    for group in where:
        for condition in group:
            header = list(columns) if columns is not None else _readings(condition)
            try:
                parse_condition(condition, header)
            except PlanError as err:
                line = value_line(text, keys, condition)
                found.append(
                    PolicyError(
                        msg("policy.bad_where", path=str(path), line=line, profile=profile, reason=err.message),
                        hint=err.hint,
                    )
                )
    return found


def _readings(condition: str) -> list[str]:
    """The column names ``condition`` may begin with when no header is known: a name in [brackets] or quotes,
    the one inside ``age( )``, the bare word, and every start of the text that ends before a space (a name with
    spaces), as the parser of --where reads them."""
    from exporter.filters import _column_readings

    stripped = condition.strip()
    if not stripped:
        return []
    readings = _column_readings(stripped, set(), [])
    names = [column for column, _, age in readings if age or not column.lower().startswith("age(")]
    if stripped[0] not in '["' and stripped[:4].lower() != "age(":
        names.extend(stripped[:index] for index, char in enumerate(stripped) if char.isspace() and index)
    return names


def never_export_problems(
    path: Path, text: str, entries: Sequence[str], columns: Sequence[str] | None
) -> list[PolicyError]:
    """Every entry of ``rules.never_export`` that forbids nothing (module docstring), each with its line."""
    from exporter.classify import Category
    from exporter.policy_rules import folded

    categories = [str(category) for category in Category]
    known = None if columns is None else {folded(column) for column in columns}
    found: list[PolicyError] = []
    for entry in entries:
        if entry in categories:
            continue
        line = value_line(text, ["rules", "never_export"], entry)
        close = difflib.get_close_matches(
            entry.lower().replace("-", "_").replace(" ", "_"), categories, n=1, cutoff=0.75
        )
        if known is not None and folded(entry) not in known:
            said = msg("policy.never_export_unknown", path=str(path), line=line, entry=entry)
        elif known is None and _ASCII_NAME.fullmatch(entry) and close:
            said = msg("policy.never_export_misspelt", path=str(path), line=line, entry=entry, category=close[0])
        else:
            continue
        hint = msg("policy.never_export_hint", categories=", ".join(categories))
        found.append(PolicyError(said, hint=hint))
    return found


def dead_end_problems(path: Path, text: str, rules: Rules, profiles: Mapping[str, Profile]) -> list[PolicyError]:
    """What makes every export, or every export under a profile, impossible (module docstring), each with its
    line: IT staff learn it from ``policy check`` rather than from clerks whose exports are all refused."""
    from exporter.keys import check_code
    from exporter.policy_model import CHECK_CODE

    found: list[PolicyError] = []
    if "age-x25519" not in rules.envelopes:  # only a passphrase may protect an archive
        line = key_line(text, ["rules", "envelopes"])
        if rules.allow_passphrase is False:
            found.append(PolicyError(msg("policy.dead_end_no_envelope", path=str(path), line=line)))
        elif rules.require_office_key:
            found.append(PolicyError(msg("policy.dead_end_office_passphrase", path=str(path), line=line)))
    approved = rules.approved_recipients
    if approved is not None and not approved:  # an empty list approves no one, and a passphrase is no way round it
        found.append(locate(path, text, ["rules", "approved_recipients"], "policy.dead_end_no_recipient"))
        return found
    if approved is None or not all(entry.startswith("age1") for entry in approved):
        return found  # names and key-set codes are matched through address books at export time: not decided here
    allowed = set(approved) | {check_code(entry) for entry in approved}
    for name, profile in profiles.items():
        for entry in profile.recipients:
            if not (entry.startswith("age1") or CHECK_CODE.fullmatch(entry)):
                continue  # a name: approved through the machine's address book, which is not read here
            if entry in allowed or (entry.startswith("age1") and check_code(entry) in allowed):
                continue
            line = value_line(text, ["profiles", name, "recipients"], entry)
            said = msg("policy.dead_end_profile_recipient", path=str(path), line=line, profile=name, entry=entry)
            found.append(PolicyError(said))
    return found
