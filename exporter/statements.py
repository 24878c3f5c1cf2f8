"""Receipts and deletion statements: what a recipient signs and sends back to the office (issue 11, section 4).

One file, so it can be mailed or carried on a USB stick; UTF-8 with LF line ends, named ``*.statement.txt`` so
that Notepad opens it. Exactly five lines:

    line 1      the statement: one compact JSON object (non-ASCII kept as it is)
    lines 2-5   a minisign signature (:mod:`exporter.signing`) of line 1 with its LF: untrusted comment,
                signature line, trusted comment, global signature

so that a tool we did not write checks it: ``head -n 1 F > m; tail -n +2 F > m.minisig; minisign -Vm m -P RW...``
(the ``RW...`` key is the recipient's, from their key card). The JSON object (format ``exporter-statement-v1``):

    {"format": "exporter-statement-v1", "kind": "receipt" | "deletion",
     "archive": {"name": <file name of the .age file>, "sha256": <hex of the .age file>},
     "created_utc": <the manifest's created_utc, "" when it has none>, "rows": <the manifest's rows>,
     "recipient": {"check_code": <key-set code>, "signing_key": "RW...", "name": <optional, as the signer typed>},
     "time_utc": "YYYY-MM-DDTHH:MM:SSZ", "time_local": <ISO 8601 with offset>, "exporter_version": "...",
     "deleted": {"files": [<file names>], "replaced": [<file names>], "method": "unlinked"}}  (deletion only)

``deleted.files`` names every file exporter deleted; ``deleted.replaced`` (optional, absent when empty) those of
them that were no longer the file exporter wrote when they were deleted (saved over by Excel, say), so the office
sees that the recipient's copy had been changed. It holds only the three names exporter writes (``data.csv``,
``manifest.json``, ``manifest.json.minisig``), each at most once, each also in ``deleted.files``.

No value from the data and no folder (file names only). The trusted comment is
``statement:<kind>\\tarchive:<sha256>\\ttime:<time_utc>``. :func:`read_statement` accepts exactly this: the size
limit, the five lines, the schema (no field it does not know), the trusted comment matching the statement, and
the signature made by the key the statement names. Whether that key is the recipient's is the office's question
(:mod:`exporter.register_import`): the key set's check code needs the age key too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter import __version__
from exporter.archive import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from exporter.display import is_safe
from exporter.errors import PlanError
from exporter.keyfiles import FileKind, read_small_data
from exporter.messages import msg
from exporter.schema_formats import FORMATS, MOMENT, UTC_SECOND
from exporter.signing import SignatureError, SigningKey, SigningPublicKey, parse_public_key, parse_signature, sign
from exporter.signing import verify as verify_signature

if TYPE_CHECKING:
    from exporter.decrypt import OpenedArchive

FORMAT = "exporter-statement-v1"
KINDS = ("receipt", "deletion")
SUFFIX = ".statement.txt"
MAX_STATEMENT_BYTES = 64 << 10  # a real one is about 1 KiB
MAX_NAME = 200  # characters of the signer's name
MAX_FILE_NAME = 255
MAX_FILES = 64
STATEMENT_FILE = FileKind("statement file", MAX_STATEMENT_BYTES)
_TIME_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
_NO_CONTROLS = r"^[^\x00-\x1f\x7f]*$"
_WRITTEN = (DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME)  # the files exporter writes: all "replaced" may name
_FILE_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_FILE_NAME, "pattern": r"^[^\x00-\x1f\x7f/\\]+$"}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "exporter statement, format exporter-statement-v1",
    "type": "object",
    "required": ["format", "kind", "archive", "created_utc", "rows", "recipient", "time_utc", "time_local"],
    "additionalProperties": False,
    "properties": {
        "format": {"enum": [FORMAT]},
        "kind": {"enum": list(KINDS)},
        "archive": {
            "type": "object",
            "required": ["name", "sha256"],
            "additionalProperties": False,
            "properties": {"name": _FILE_NAME, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
        },
        "created_utc": {"type": "string", "anyOf": [{"enum": [""]}, {"pattern": _TIME_UTC, "format": UTC_SECOND}]},
        "rows": {"type": "integer", "minimum": 0, "maximum": 10**15},
        "recipient": {
            "type": "object",
            "required": ["check_code", "signing_key"],
            "additionalProperties": False,
            "properties": {
                "check_code": {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{4}){4}$"},
                "signing_key": {"type": "string", "pattern": "^RW[A-Za-z0-9+/]{54}$"},
                "name": {"type": "string", "maxLength": MAX_NAME, "pattern": _NO_CONTROLS},
            },
        },
        "time_utc": {"type": "string", "pattern": _TIME_UTC, "format": UTC_SECOND},
        "time_local": {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$",
            "format": MOMENT,
        },
        "exporter_version": {"type": "string", "maxLength": 64, "pattern": _NO_CONTROLS},
        "deleted": {
            "type": "object",
            "required": ["files", "method"],
            "additionalProperties": False,
            "properties": {
                "files": {"type": "array", "minItems": 1, "maxItems": MAX_FILES, "items": _FILE_NAME},
                "replaced": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": len(_WRITTEN),
                    "uniqueItems": True,
                    "items": {"enum": list(_WRITTEN)},
                },
                "method": {"enum": ["unlinked"]},
            },
        },
    },
}


class StatementError(PlanError):
    """A statement file that cannot be read, is not a statement, or whose signature does not verify; or one the
    register refuses (:mod:`exporter.register_import`). One sentence that names the file."""


@dataclass(frozen=True)
class OpenedFacts:
    """What a statement says about the archive it answers: its file name, the SHA-256 (hex) of the .age file, and
    the manifest's ``created_utc`` ("" when it has none) and ``rows``."""

    archive_name: str
    archive_sha256: str
    created_utc: str
    rows: int

    @classmethod
    def of(cls, opened: OpenedArchive) -> OpenedFacts:
        """The facts of an archive :func:`exporter.decrypt.decrypt_archive` just opened."""
        created = opened.manifest.get("created_utc")
        rows = opened.manifest.get("rows")
        return cls(
            opened.archive_name,
            opened.archive_sha256,
            created if isinstance(created, str) else "",
            rows if isinstance(rows, int) and not isinstance(rows, bool) else 0,
        )


@dataclass(frozen=True)
class Statement:
    """A statement that :func:`read_statement` accepted: its kind, the archive it answers, when it was signed, the
    signer's key-set check code and signing key as the statement states them, the JSON object (``fields``), the
    whole file (``data``), the SHA-256 (hex) of the whole file, and ``signed_sha256``: that of line 1 with its LF,
    the signed statement itself (``head -n 1 F | sha256sum``). Two files are the same statement when their
    ``signed_sha256`` is the same: the untrusted comment is not signed, and base64 has spare bits."""

    kind: str
    archive_name: str
    archive_sha256: str
    time_utc: str
    check_code: str
    signing_key: SigningPublicKey
    fields: dict[str, Any]
    data: bytes
    sha256: str
    signed_sha256: str


def make_statement(
    kind: str,
    opened: OpenedFacts,
    key: SigningKey,
    *,
    check_code: str,
    deleted_files: Sequence[str] = (),
    replaced_files: Sequence[str] = (),
    name: str = "",
    now: datetime | None = None,
) -> bytes:
    """The bytes of a statement file of ``kind`` (``receipt`` or ``deletion``) about ``opened``, signed with
    ``key`` (the recipient's, :func:`exporter.keys.recipient_signing.recipient_signing_key`). ``check_code`` is the
    signer's key-set code; ``deleted_files`` (file names, deletion only) the files removed, ``replaced_files`` those
    of them that were not the files exporter wrote (saved over); ``name`` who signs, as
    they typed it (optional); ``now`` the signing time (default: the clock).

    Raises PlanError when ``name`` is longer than :data:`MAX_NAME` characters or holds a control character;
    ValueError for an unknown kind or a file name with a folder (bugs of the caller)."""
    if kind not in KINDS:
        raise ValueError(f"unknown statement kind {kind!r}")
    if kind == "receipt" and deleted_files:
        raise ValueError("a receipt lists no deleted files")
    if kind == "deletion" and not deleted_files:  # a statement says only what exporter itself deleted
        raise PlanError(msg("statements.nothing_deleted", name=opened.archive_name))
    if any(Path(file).name != file or "\\" in file for file in deleted_files):
        raise ValueError("deleted files are named without their folder")
    if not set(replaced_files) <= set(deleted_files):
        raise ValueError("a replaced file is one of the deleted files")
    name = name.strip()
    if len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("statements.name_invalid", limit=MAX_NAME))
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    time_utc = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    recipient: dict[str, str] = {"check_code": check_code, "signing_key": key.public.minisign_line()}
    if name:
        recipient["name"] = name
    fields: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "archive": {"name": _file_name(opened.archive_name), "sha256": opened.archive_sha256},
        "created_utc": opened.created_utc,
        "rows": opened.rows,
        "recipient": recipient,
        "time_utc": time_utc,
        "time_local": moment.astimezone().isoformat(timespec="seconds"),
        "exporter_version": __version__,
    }
    if kind == "deletion":
        fields["deleted"] = {"files": list(deleted_files), "method": "unlinked"}
        if replaced_files:
            fields["deleted"]["replaced"] = list(replaced_files)
    _validator()(fields)  # what is written is what read_statement accepts
    signed = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    return signed + sign(signed, key, trusted_comment=_trusted_comment(fields))


def write_statement(path: Path, data: bytes) -> None:
    """Write a statement file atomically (it appears whole or not at all), never over an existing file; the
    temporary files of the same statement left by a killed exporter are removed first.

    Raises OutputError naming the file (it exists, its folder is missing or not writable)."""
    from exporter.atomic import AtomicFile, remove_stale_temporaries

    remove_stale_temporaries(path)  # left by an exporter killed while writing this statement
    with AtomicFile(path) as target:
        target.write(data)
        target.commit()


def statement_name(kind: str, archive_name: str) -> str:
    """The suggested file name of a statement: ``<archive stem>.<kind>.statement.txt``, the stem being the archive's
    name without ``.age`` and ``.zip`` (``residents.zip.age`` -> ``residents.receipt.statement.txt``)."""
    stem = Path(archive_name).name
    for suffix in (".age", ".zip"):
        if stem.lower().endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
    return f"{stem}.{kind}{SUFFIX}"


def read_statement(path: Path) -> Statement:
    """Read and check the statement file ``path`` as the module docstring says.

    Raises StatementError with one sentence naming the file: it cannot be read, is larger than
    :data:`MAX_STATEMENT_BYTES`, is not UTF-8, was changed by an editor (CR line ends, a byte order mark), has not
    exactly five lines, its first line is not a JSON object of this format, a field is missing or wrong, lines 2 to
    5 are not a minisign signature, the trusted comment does not match the statement, or the signature does not
    verify with the statement's own signing key."""
    try:
        read = read_small_data(path, STATEMENT_FILE)
    except PlanError as err:
        raise StatementError(err.message, hint=err.hint) from None
    return parse_statement(bytes(read.data), str(path))


def parse_statement(data: bytes, where: str) -> Statement:
    """The checks of :func:`read_statement` on a statement file's bytes (``statement.text`` of a register record,
    say); ``where`` names it in the sentence of the StatementError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refused("statements.not_text", where) from None
    if "\r" in text or text.startswith("\ufeff"):
        raise StatementError(msg("statements.edited", path=where), hint=msg("statements.edited_hint"))
    lines = text.split("\n")
    if lines[-1] != "" or len(lines) != 6:
        raise _refused("statements.lines", where, count=len(lines) - 1 if lines[-1] == "" else len(lines))
    fields = _parse_line(lines[0], where)
    signed = (lines[0] + "\n").encode("utf-8")
    key = _public_key(fields, where)
    try:
        parsed = parse_signature("\n".join(lines[1:]).encode("utf-8"))
    except SignatureError:
        raise _refused("statements.not_signed", where) from None
    if parsed.trusted_comment != _trusted_comment(fields):
        raise _refused("statements.comment_mismatch", where)
    try:
        signed_by = verify_signature(signed, "\n".join(lines[1:]).encode("utf-8"), [key])
    except SignatureError:
        signed_by = None
    if signed_by is None:
        raise StatementError(msg("statements.does_not_verify", path=where), hint=msg("statements.does_not_verify_hint"))
    return Statement(
        kind=fields["kind"],
        archive_name=fields["archive"]["name"],
        archive_sha256=fields["archive"]["sha256"],
        time_utc=fields["time_utc"],
        check_code=fields["recipient"]["check_code"],
        signing_key=key,
        fields=fields,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        signed_sha256=hashlib.sha256(signed).hexdigest(),
    )


def replaced_in(text: str) -> list[str]:
    """The ``deleted.replaced`` names of a statement file's text (one :func:`read_statement` accepted, as the
    register keeps it); [] when it lists none or the text is not a statement."""
    from exporter.manifest import strict_json

    try:
        replaced = strict_json(text.split("\n", 1)[0])["deleted"]["replaced"]
    except (ValueError, RecursionError, TypeError, KeyError):
        return []
    return [str(name) for name in replaced] if isinstance(replaced, list) else []


def _file_name(name: str) -> str:
    """An archive's file name as a statement may hold it: without a folder, control characters and slashes made
    ``_`` (a name on disk may hold them; the statement names the archive by its hash value anyway)."""
    cleaned = re.sub(r"[\x00-\x1f\x7f/\\]", "_", name.rsplit("/", 1)[-1])[:MAX_FILE_NAME]
    return cleaned or "archive"


def _trusted_comment(fields: dict[str, Any]) -> str:
    return f"statement:{fields['kind']}\tarchive:{fields['archive']['sha256']}\ttime:{fields['time_utc']}"


def _parse_line(line: str, where: str) -> dict[str, Any]:
    """The statement's JSON object, checked against :data:`SCHEMA` (StatementError naming the file otherwise)."""
    import fastjsonschema

    try:
        from exporter.manifest import strict_json

        fields = strict_json(line)
    except (ValueError, RecursionError):
        fields = None
    if not isinstance(fields, dict):
        raise _refused("statements.not_json", where)
    if fields.get("format") != FORMAT:
        raise StatementError(msg("statements.unknown_format", path=where), hint=msg("statements.update_hint"))
    if fields.get("kind") not in KINDS:
        raise StatementError(msg("statements.unknown_kind", path=where), hint=msg("statements.update_hint"))
    try:
        _validator()(fields)
    except fastjsonschema.JsonSchemaValueException as err:
        raise _refused("statements.invalid", where, field=_field(err)) from None
    if (fields["kind"] == "deletion") != ("deleted" in fields):
        raise _refused("statements.invalid", where, field="deleted")
    deleted = fields.get("deleted", {})
    if not set(deleted.get("replaced", ())) <= set(deleted.get("files", ())):
        raise _refused("statements.invalid", where, field="deleted.replaced")
    return fields


def _public_key(fields: dict[str, Any], where: str) -> SigningPublicKey:
    try:
        return parse_public_key(fields["recipient"]["signing_key"])
    except PlanError:
        raise _refused("statements.invalid", where, field="recipient.signing_key") from None


def _field(err: Any) -> str:
    path = [str(part) for part in list(err.path)[1:]]
    if err.rule == "required" and isinstance(err.value, dict):
        path.append(next((str(name) for name in err.rule_definition if name not in err.value), ""))
    if err.rule == "additionalProperties" and isinstance(err.value, dict):
        known = err.definition.get("properties", {})
        path.append(next((str(name) for name in err.value if name not in known), ""))
    return ".".join(part for part in path if part) or "statement"


def _refused(message_id: str, where: str, **fields: object) -> StatementError:
    return StatementError(msg(message_id, path=where, **fields))


@functools.cache
def _validator() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(SCHEMA, formats=FORMATS)


__all__ = [
    "FORMAT",
    "KINDS",
    "MAX_STATEMENT_BYTES",
    "SCHEMA",
    "SUFFIX",
    "OpenedFacts",
    "Statement",
    "StatementError",
    "make_statement",
    "parse_statement",
    "read_statement",
    "replaced_in",
    "statement_name",
    "write_statement",
]
