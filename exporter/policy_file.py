"""Reading ``policy.toml``: TOML (stdlib :mod:`tomllib`), then its shape checked against a JSON Schema (draft 4,
compiled with ``fastjsonschema`` as the manifest's is), then what a schema cannot say (transforms, keys, filters,
column names), each refusal naming the file and the line.

tomllib reports the line of a syntax error itself. For a key that is unknown, of the wrong type or holds a bad
value, the line is found in the text (:func:`key_line`): table headers (``[profiles.call_centre]``,
``[profiles.call_centre.columns]``) and ``key = value`` lines are read with their keys (bare, ``"basic"`` or
``'literal'``, dotted), and the line of the longest known part of the key's path is given (a value inside an inline
table or an array gets its key's line).
"""

from __future__ import annotations

import copy
import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from exporter.errors import ExporterError
from exporter.keyfiles import FileKind, read_small_data
from exporter.messages import Message, msg

POLICY_FILE = FileKind("policy file", 1024 * 1024)
ENVELOPES = ("age-x25519", "age-passphrase")
MAX_DELETE_DAYS = 36_500
_TEXT = {"type": "string", "minLength": 1, "maxLength": 4096}
_TEXTS = {"type": "array", "items": _TEXT, "maxItems": 10_000}
_FLAG = {"type": "boolean"}

_PROFILE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "columns"],
    "properties": {
        "title": _TEXT,
        "version": {"type": ["string", "integer"], "minLength": 1, "maxLength": 64, "minimum": 0},
        "legal_basis": _TEXT,
        "purpose": _TEXT,
        "organisation": _TEXT,
        "columns": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string", "maxLength": 64}},
        "where": {"type": "array", "maxItems": 100, "items": {"type": ["string", "array"], "items": _TEXT}},
        "recipients": _TEXTS,
        "max_delete_days": {"type": "integer", "minimum": 1, "maximum": MAX_DELETE_DAYS},
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "exporter IT policy (policy.toml)",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "register": {
            "type": "object",
            "additionalProperties": False,
            "required": ["path"],
            "properties": {"path": _TEXT},
        },
        "signing": {"type": "object", "additionalProperties": False, "required": ["key"], "properties": {"key": _TEXT}},
        "source": {"type": "object", "additionalProperties": False, "properties": {"columns": _TEXTS}},
        "rules": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "never_export": _TEXTS,
                "approved_recipients": _TEXTS,
                "office_key": _TEXT,
                "require_office_key": _FLAG,
                "allow_passphrase": _FLAG,
                "min_passphrase_bits": {"type": "number", "minimum": 0, "maximum": 256},
                "max_rows": {"type": "integer", "minimum": 1},
                "require_purpose": _FLAG,
                "require_organisation": _FLAG,
                "require_delete_by": _FLAG,
                "require_profile": _FLAG,
                "require_signature": _FLAG,
                "envelopes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(ENVELOPES)}},
            },
        },
        "profiles": {"type": "object", "additionalProperties": _PROFILE},
    },
}

_TYPE_WORDS = {
    "string": "policy.type_text",
    "integer": "policy.type_integer",
    "number": "policy.type_number",
    "boolean": "policy.type_boolean",
    "array": "policy.type_list",
    "object": "policy.type_table",
}
_STAND_INS: dict[str, Any] = {"version": 1, "columns": {"-": "keep"}}  # for a missing key, to look on
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class PolicyError(ExporterError):
    """A policy file that cannot be used: one sentence naming the file (and the line where there is one)."""


@functools.cache
def _validator() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(SCHEMA)


def read_policy_document(path: Path) -> tuple[bytes, str, dict[str, Any]]:
    """The bytes, the text and the checked table of the policy file ``path`` (at most 1 MiB of UTF-8 TOML).

    Raises :class:`PolicyError` naming the file (and the line) when it cannot be read, is not TOML, or breaks the
    schema (the first of :func:`schema_problems`)."""
    data, text, document = read_policy_toml(path)
    problems = schema_problems(path, text, document)
    if problems:
        raise problems[0]
    return data, text, document


def read_policy_toml(path: Path) -> tuple[bytes, str, dict[str, Any]]:
    """The bytes, the text and the table of the TOML file ``path``, its shape not checked yet. Raises
    :class:`PolicyError` naming the file (and the line of a syntax error: tomllib stops at the first)."""
    import os
    import stat

    from exporter.errors import PlanError

    try:
        if os.path.lexists(path) and not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            # a pipe or a device would read as an empty, valid policy: no rule at all
            raise PolicyError(msg("policy.not_a_file", path=str(path)))
    except OSError:
        pass  # read_small_data says why in one sentence
    try:
        data = bytes(read_small_data(path, POLICY_FILE).data)
    except PlanError as err:
        raise PolicyError(err.message, hint=err.hint) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise PolicyError(msg("policy.not_utf8", path=str(path))) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = _TOML_LINE.search(str(err))
        line = int(found.group(1)) if found else max(1, len(text.splitlines()))  # "at end of document"
        reason = _TOML_LINE.sub("", str(err)).strip()
        written = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        hint = msg("policy.quote_names_hint") if not written.partition("=")[0].isascii() else None
        raise PolicyError(msg("policy.not_toml", path=str(path), line=line, reason=reason), hint=hint) from None
    return data, text, document


def schema_problems(path: Path, text: str, document: dict[str, Any], most: int = 50) -> list[PolicyError]:
    """Every place (up to ``most``) where ``document`` breaks the schema, in the order found, each a
    :class:`PolicyError` naming the file and the line. fastjsonschema stops at the first error, so each one's key
    is taken out of a copy and the copy checked again."""
    return schema_problems_and_rest(path, text, document, most)[0]


def schema_problems_and_rest(
    path: Path, text: str, document: dict[str, Any], most: int = 50
) -> tuple[list[PolicyError], dict[str, Any] | None]:
    """:func:`schema_problems`, and the copy of ``document`` without the keys they name (a missing ``version`` or
    ``columns`` stood in for) when that copy meets the schema, so that the rest can be checked in the same run;
    None when it does not."""
    import fastjsonschema

    left = copy.deepcopy(document)
    found: list[PolicyError] = []
    while len(found) < most:
        try:
            _validator()(left)
            return found, left
        except fastjsonschema.JsonSchemaValueException as err:
            problem, remove = _problem(path, text, left, err)
            found.append(problem)
            if remove:
                container = _at(left, remove[:-1])
                del container[int(remove[-1]) if isinstance(container, list) else remove[-1]]
            elif err.rule != "required":
                break
    return found, None


def _problem(path: Path, text: str, document: dict[str, Any], err: Any) -> tuple[PolicyError, list[Any]]:
    """The sentence for one schema error, and the path of what to take out to look for the next one."""
    at = list(err.path[1:])
    keys = [str(part) for part in at]
    if err.rule == "additionalProperties":
        known = _known_keys(keys)
        unknown = sorted(set(_at(document, at)) - set(known))[0]
        line = key_line(text, [*keys, unknown])
        hint = msg("policy.known_keys", keys=", ".join(known)) if known else None
        if keys:
            sentence = msg("policy.unknown_key", path=str(path), line=line, key=unknown, table=".".join(keys))
        else:
            sentence = msg("policy.unknown_top_key", path=str(path), line=line, key=unknown)
        return PolicyError(sentence, hint=hint), [*at, unknown]
    keys_only = at[: _keys_before_a_list(document, at)]  # fastjsonschema names list items by their index as text
    line = key_line(text, keys_only)
    name = ".".join(keys_only)
    # an item of a list that is wrong goes, not the list, so its other items are still checked in the same run (the
    # list goes when it was the only one: an empty list would be said wrong again)
    remove = keys_only
    if len(keys_only) < len(at) and err.rule != "required" and len(_at(document, keys_only)) > 1:
        remove = at[: len(keys_only) + 1]
    if err.rule == "type":
        wanted = err.rule_definition if isinstance(err.rule_definition, list) else [err.rule_definition]
        words = [msg(_TYPE_WORDS[kind]) for kind in wanted if kind in _TYPE_WORDS]
        kind = words[0] if len(words) == 1 else msg("policy.type_either", first=words[0], second=words[-1])
        return PolicyError(msg("policy.wrong_type", path=str(path), line=line, key=name, kind=kind)), remove
    if err.rule == "required":
        table = _at(document, at)
        missing = next(key for key in err.rule_definition if key not in table)
        if name:
            sentence = msg("policy.missing_key", path=str(path), line=line, key=missing, table=name)
        else:
            sentence = msg("policy.missing_top_key", path=str(path), key=missing)
        if missing in _STAND_INS:  # to look on for the table's other problems
            table[missing] = copy.deepcopy(_STAND_INS[missing])
            return PolicyError(sentence), []
        return PolicyError(sentence), remove
    said = _rule_words(err.rule or "", err.rule_definition)
    return PolicyError(msg("policy.bad_value", path=str(path), line=line, key=name, rule=said)), remove


def _rule_words(rule: str, definition: Any) -> Message:
    """What a schema rule asks for, in words."""
    if rule in ("minimum", "maximum"):
        return msg(f"policy.rule_{rule}", limit=definition)
    if rule in ("minLength", "minItems", "minProperties"):
        return msg("policy.rule_not_empty")
    if rule == "enum":
        return msg("policy.rule_one_of", values=", ".join(str(value) for value in definition))
    if rule == "uniqueItems":
        return msg("policy.rule_unique")
    return msg("policy.rule_too_long")


def _known_keys(keys: Sequence[str]) -> list[str]:
    """The keys the schema allows in the table at ``keys`` (a profile's name is any key of ``profiles``)."""
    schema = SCHEMA
    for depth, key in enumerate(keys):
        schema = _PROFILE if depth == 1 and keys[0] == "profiles" else schema.get("properties", {}).get(key, {})
    return list(schema.get("properties", {}))


def _at(document: Any, path: Sequence[Any]) -> Any:
    for part in path:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def _keys_before_a_list(document: Any, path: Sequence[Any]) -> int:
    """How many parts of ``path`` are table keys before the first list item."""
    for count, part in enumerate(path):
        if not isinstance(document, dict):
            return count
        document = document[part]
    return len(path)


def key_line(text: str, keys: Sequence[str]) -> int:
    """The line (1-based) of the key at ``keys`` in the TOML ``text``: where its table header or its ``key = ``
    stands; for a path not written as such (inside an inline table or an array), the line of its longest written
    prefix; 1 when none is found."""
    best, best_length = 1, 0
    table: list[str] = []
    target = list(keys)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("["):
            header = _read_keys(line.lstrip("[").strip())
            if header is not None:
                table = header[0]
                path = table
            else:
                continue
        else:
            found = _read_keys(line)
            if found is None or not found[1].startswith("="):
                continue
            path = table + found[0]
        common = _common(path, target)
        if common == len(path) and common > best_length:
            best, best_length = number, common
    return best


def _common(path: Sequence[str], target: Sequence[str]) -> int:
    count = 0
    for left, right in zip(path, target, strict=False):
        if left != right:
            break
        count += 1
    return count


def _read_keys(text: str) -> tuple[list[str], str] | None:
    """A dotted TOML key at the start of ``text`` and the rest after it (stripped), or None."""
    keys: list[str] = []
    rest = text
    while True:
        rest = rest.lstrip()
        if rest.startswith('"'):
            end = _closing_quote(rest)
            if end < 0:
                return None
            try:
                keys.append(tomllib.loads(f"k = {rest[: end + 1]}")["k"])
            except tomllib.TOMLDecodeError:
                return None
            rest = rest[end + 1 :]
        elif rest.startswith("'"):
            end = rest.find("'", 1)
            if end < 0:
                return None
            keys.append(rest[1:end])
            rest = rest[end + 1 :]
        else:
            bare = _BARE_KEY.match(rest)
            if bare is None:
                return None
            keys.append(bare.group())
            rest = rest[bare.end() :]
        rest = rest.lstrip()
        if rest.startswith("."):
            rest = rest[1:]
            continue
        return keys, rest


def _closing_quote(text: str) -> int:
    index = 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            return index
        index += 1
    return -1


def locate(path: Path, text: str, keys: Sequence[str], message_id: str, **fields: object) -> PolicyError:
    """A :class:`PolicyError` for the key at ``keys``: the sentence ``message_id`` with the file and its line."""
    return PolicyError(msg(message_id, path=str(path), line=key_line(text, keys), **fields))
