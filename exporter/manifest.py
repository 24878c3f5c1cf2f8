"""The manifest of an archive (``manifest.json``): its schema, and reading one that came from outside.

The schema describes what :func:`exporter.pipeline.build_manifest` writes, as JSON Schema draft 4 checked with
``fastjsonschema`` (pure Python, compiled once to a plain function; draft 4 because it does not take 1.0 for an
integer). Each recipient may carry its ``check_code`` (:func:`exporter.keys.check_code`), its ``role``
(``recipient`` or ``office``) and, when it came from the address book, its ``name`` and ``organisation`` and
(since issue 11, when the recipient's key card carried one) its ``signing_key``, minisign's ``RW...`` line, which
the ``check_code`` then covers too (:func:`exporter.keys.check_code.key_set_check_code`);
``office_copy`` says whether the office key was added (absent when none was set). Archives made before these fields
existed lack them and open as before. Required are the fields the receiving side relies on: ``format``,
``format_version``, ``columns``, ``rows`` and ``data`` (``file``, ``sha256``, ``size``). Every other known field is
optional but typed and bounded.

``columns`` is data.csv's header, in order. ``source_columns`` (since exporter 0.2) names the same columns as the
source file called them, when the clerk renamed some for the recipient; an archive without it was made before
renaming existed, and its ``columns`` are the source's names too (:func:`source_names`). ``reasons`` maps a source
column name to why it left the office. ``columns_left_out`` are source names.

What was done to rows and values (since exporter 0.3): ``row_filter`` holds the ``--where`` conditions as written
in :mod:`exporter.filters`' syntax (``where``: groups ORed, conditions ANDed within one), ``rows_read`` (``rows``
is then the rows kept: data.csv's) and ``unreadable``: per column, the cells a date or number comparison could not
read (their rows never met it); ``transforms`` maps a source column name to its ``kind``, its ``argument``
(``mask:4``, ``age-band:5``) and, for pseudonyms, the ``key_id`` that names the office's key (never the key);
``reference_date`` is the day ages were counted on; ``risk`` how identifiable the rows are by their
quasi-identifiers (:mod:`exporter.risk`), or, when columns that name residents outright were kept, those
``direct_identifiers`` with the quasi-identifiers and rows and no group figures; ``source.sheet`` the workbook
sheet that was read.

``register`` (since issue 11) is the take-out register's state just before the export (:mod:`exporter.register`):
``head``, the SHA-256 of its last record's line (null when it was empty), and ``records``, their count.
Under an IT policy (:mod:`exporter.policy`), ``policy`` holds the policy file's ``sha256`` and, when a purpose
profile was used, its ``profile``: ``name``, ``version`` (text or a whole number) and ``legal_basis``.

Unknown keys are accepted and kept, at any level: a later exporter may add fields within format version 1, and
older receivers should still open its archives (a change they could misread gets a new ``format_version``, which
is refused with a hint to update). What bounds unknown content is the whole: at most 1 MiB of UTF-8, at most
:data:`MAX_DEPTH` levels of nesting, no key twice in one object, no NaN or Infinity, no text that is not valid
Unicode (lone surrogates), and no whole number longer than Python reads.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from exporter.archive import DATA_NAME, FORMAT_NAME, FORMAT_VERSION, MAX_MANIFEST_BYTES, manifest_bytes
from exporter.errors import DecryptionError, PlanError
from exporter.messages import msg
from exporter.plan import MAX_COLUMN_NAME, MAX_REASON
from exporter.schema_formats import DAY, FORMATS, UTC_SECOND

MAX_DEPTH = 16
MAX_TEXT = 4096  # characters of the purpose and the organisation
_TEXT = MAX_TEXT
_NAME = 1024
_MAX_COLUMNS = 2_000_000
_MAX_COUNT = 10**15
_MAX_SIZE = 2**63 - 1
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
MAX_GROUPS = 100  # groups of --where conditions (ORed)
MAX_CONDITIONS = 100  # conditions in one group (ANDed)
MAX_CONDITION_TEXT = MAX_COLUMN_NAME + MAX_TEXT  # characters of one condition: a column name and a value


def _text(limit: int = _TEXT, *, nullable: bool = False) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable else "string", "maxLength": limit}


def _count(limit: int = _MAX_COUNT) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "maximum": limit}


_NAMES = {"type": "array", "maxItems": _MAX_COLUMNS, "items": _text(MAX_COLUMN_NAME)}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "exporter manifest, format version 1",
    "type": "object",
    "required": ["format", "format_version", "columns", "rows", "data"],
    "properties": {
        "format": {"enum": [FORMAT_NAME]},
        "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
        "created_utc": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", "format": UTC_SECOND},
        "exporter_version": _text(64),
        "purpose": _text(),
        "recipient_organisation": _text(nullable=True),
        "delete_by": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": DAY},
        "source": {
            "type": "object",
            "properties": {
                "file_name": _text(_NAME),
                "sha256": _SHA256,
                "size": _count(_MAX_SIZE),
                "encoding": _text(64),
                "delimiter": _text(8),
                "rows": _count(),
                "columns": _count(_MAX_COLUMNS),
                "sheet": _text(_NAME),
            },
        },
        "columns": _NAMES,
        "source_columns": _NAMES,
        "reasons": {
            "type": "object",
            "maxProperties": _MAX_COLUMNS,
            "additionalProperties": _text(MAX_REASON),
        },
        "columns_left_out": _NAMES,
        "rows": _count(),
        "data": {
            "type": "object",
            "required": ["file", "sha256", "size"],
            "properties": {
                "file": {"enum": [DATA_NAME]},
                "sha256": _SHA256,
                "size": _count(_MAX_SIZE),
                "encoding": _text(64),
                "line_end": _text(16),
            },
        },
        "recipients": {
            "type": "array",
            "maxItems": 10_000,
            "items": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "type": _text(64),
                    "recipient": _text(_NAME),
                    "check_code": {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{4}){4}$"},
                    "role": _text(64),
                    "name": _text(_NAME),
                    "organisation": _text(_NAME),
                    "signing_key": {"type": "string", "pattern": "^RW[A-Za-z0-9+/]{54}$"},
                },
            },
        },
        "office_copy": {"type": "boolean"},
        "row_filter": {
            "type": "object",
            "required": ["where"],
            "properties": {
                "where": {
                    "type": "array",
                    "maxItems": MAX_GROUPS,
                    "items": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_CONDITIONS,
                        "items": _text(MAX_CONDITION_TEXT),
                    },
                },
                "rows_read": _count(),
                "unreadable": {"type": "object", "maxProperties": MAX_CONDITIONS, "additionalProperties": _count()},
            },
        },
        "transforms": {
            "type": "object",
            "maxProperties": _MAX_COLUMNS,
            "additionalProperties": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": _text(32),
                    "argument": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
                    "key_id": _text(64),
                },
            },
        },
        "reference_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": DAY},
        "policy": {
            "type": "object",
            "required": ["sha256"],
            "properties": {
                "sha256": _SHA256,
                "profile": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {
                        "name": _text(_NAME),
                        "version": {"type": ["string", "integer"], "maxLength": 64},
                        "legal_basis": _text(),
                    },
                },
            },
        },
        "risk": {
            "type": "object",
            "properties": {
                "quasi_identifiers": _NAMES,
                "direct_identifiers": _NAMES,
                "rows": _count(),
                "unique_rows": _count(),
                "unique_share": {"type": "number", "minimum": 0, "maximum": 1},
                "smallest_group": _count(),
                "groups": _count(),
                "max_unique_share": {"type": "number", "minimum": 0, "maximum": 1},
                "sampled_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            },
        },
        "register": {
            "type": "object",
            "required": ["head", "records"],
            "properties": {"head": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"}, "records": _count()},
        },
    },
}


def _check(manifest: Any) -> None:
    """Check a manifest against :data:`SCHEMA`; raises fastjsonschema's JsonSchemaValueException with the path and
    the rule of the first fault.

    Most manifests pass: they are checked by a validator compiled without the details of each fault (half the
    code, so half the 35 ms of compiling it at every export), and only one that fails is checked again by the
    detailed one, which says where."""
    import fastjsonschema

    try:
        _compiled(detailed=False)(manifest)
    except fastjsonschema.JsonSchemaValueException:
        _compiled(detailed=True)(manifest)  # raises the same fault with its path and rule
        raise


@functools.cache
def _compiled(*, detailed: bool) -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(SCHEMA, detailed_exceptions=detailed, formats=FORMATS)


class RepeatedKey(ValueError):
    """A JSON object names one field twice (:func:`strict_json`)."""


def strict_json(text: str) -> Any:
    """``text`` read as JSON (RFC 8259) strictly: an object naming a field twice raises :class:`RepeatedKey`, and
    NaN or Infinity (which Python's reader accepts) a ValueError, as any other invalid JSON; RecursionError for
    nesting deeper than Python reads. Used for everything an archive or a statement brings."""
    return json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constants)


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise RepeatedKey
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_manifest(raw: bytes, archive: str) -> dict[str, Any]:
    """The manifest as a dict, valid against :data:`SCHEMA` and the bounds in the module docstring.

    ``archive`` is the name the sentences use. Raises :class:`DecryptionError` with one sentence otherwise.
    """
    where = archive
    if len(raw) > MAX_MANIFEST_BYTES:
        raise DecryptionError(msg("decrypt.manifest_too_large", name=where))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DecryptionError(msg("decrypt.manifest_not_utf8", name=where)) from None
    try:
        manifest = strict_json(text)
    except RepeatedKey:
        raise DecryptionError(msg("decrypt.manifest_repeated_field", name=where)) from None
    except RecursionError:
        raise DecryptionError(msg("decrypt.manifest_nested", name=where)) from None
    except ValueError:  # JSONDecodeError, NaN/Infinity, a number longer than int() reads
        raise DecryptionError(msg("decrypt.manifest_not_json", name=where)) from None
    _check_shape(manifest, where)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise DecryptionError(msg("decrypt.not_exporter_manifest", name=archive))
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise DecryptionError(
            msg("decrypt.newer_format", name=archive, version=min(version, 10**6)), hint=msg("decrypt.update_hint")
        )
    import fastjsonschema

    try:
        _check(manifest)
    except fastjsonschema.JsonSchemaValueException as err:
        raise _schema_error(err, where) from None
    return manifest


def check_for_export(manifest: dict[str, Any]) -> None:
    """Refuse, before any work, a plan whose manifest the recipient's exporter would refuse (:data:`SCHEMA` and
    the size limit): one sentence naming what is too long, as :class:`PlanError`."""
    for field, too_long in (
        ("purpose", "plan.purpose_too_long"),
        ("recipient_organisation", "plan.organisation_too_long"),
    ):
        value = manifest.get(field) or ""
        if len(value) > MAX_TEXT:
            raise PlanError(msg(too_long, count=len(value), limit=MAX_TEXT), hint=msg("plan.fewer_words_hint"))
    for name in [
        *manifest.get("columns", ()),
        *manifest.get("source_columns", ()),
        *manifest.get("columns_left_out", ()),
    ]:
        if len(name) > MAX_COLUMN_NAME:
            raise PlanError(msg("plan.column_name_too_long", count=len(name), limit=MAX_COLUMN_NAME))
    size = len(manifest_bytes(manifest))
    if size > MAX_MANIFEST_BYTES:
        raise PlanError(
            msg(
                "plan.too_many_columns",
                count=len(manifest.get("columns_left_out", ())),
                size=size / (1 << 20),
                limit=MAX_MANIFEST_BYTES >> 20,
            ),
            hint=msg("plan.remove_columns_hint"),
        )
    import fastjsonschema

    try:
        _check(manifest)
    except fastjsonschema.JsonSchemaValueException as err:
        raise PlanError(msg("plan.description_invalid", field=_field(list(err.path[1:])) or "manifest")) from None


def source_names(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """``(name in data.csv, name in the source file)`` for each column of a manifest that :func:`parse_manifest`
    accepted; an older archive (no ``source_columns``, or a list of another length) had no renaming."""
    columns = [str(name) for name in manifest.get("columns", ())]
    sources = manifest.get("source_columns")
    if not isinstance(sources, list) or len(sources) != len(columns):
        return [(name, name) for name in columns]
    return [(name, str(source)) for name, source in zip(columns, sources, strict=True)]


def _check_shape(value: Any, where: str) -> None:
    """Nesting depth and valid Unicode everywhere (keys too), without recursion."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise DecryptionError(msg("decrypt.manifest_nested", name=where))
            if isinstance(item, dict):
                for key in item:
                    _check_text(key, where)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DecryptionError(msg("decrypt.manifest_bad_unicode", name=where)) from None


def _schema_error(err: Any, where: str) -> DecryptionError:
    path = list(err.path[1:])
    if err.rule == "required" and isinstance(err.value, dict):
        missing = next((name for name in err.rule_definition if name not in err.value), "")
        return DecryptionError(msg("decrypt.manifest_lacks", name=where, field=_field([*path, missing])))
    return DecryptionError(msg("decrypt.manifest_invalid", name=where, field=_field(path) or "manifest"))


def _field(path: list[Any]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int) or str(part).isdigit():  # schema keys are never digits: an array index
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


__all__ = [
    "MAX_COLUMN_NAME",
    "MAX_DEPTH",
    "MAX_TEXT",
    "SCHEMA",
    "check_for_export",
    "parse_manifest",
    "source_names",
]
