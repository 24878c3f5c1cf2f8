"""What the take-out register's records say (:mod:`exporter.register` keeps the chain): the fields of an export's
record (:func:`export_record`), and, read from the records, the exports past their delete-by date that no deletion
statement settles (:func:`overdue`, :func:`deletion_codes`, :func:`recipients_of`, :func:`still_waiting`).

Every name here is importable from :mod:`exporter.register` as well, where it lived first.
"""

from __future__ import annotations

import getpass
import os
import platform
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.messages import Message, msg

if TYPE_CHECKING:
    from exporter.plan import ExportPlan

_KINDS_WITH_ARCHIVE = ("deletion",)  # record kinds that settle an export (section 4 of issue 11)


def overdue(path: Path, today: date) -> list[dict[str, Any]]:
    """The export records whose delete-by date is before ``today`` and that are not settled, in file order. An
    export is settled when the register holds a deletion statement (a later ``deletion`` record naming its
    ``archive.sha256``) from every recipient it was made for, each known by its check code (the office's own key
    excepted: the office keeps its copy under its own rules). One recipient's statement does not settle an export
    that others received too; a recipient who cannot sign one (a passphrase, a key card without a signing key)
    leaves it overdue, for the officer to follow up."""
    from exporter.register import records

    found = records(path)
    deleted = deletion_codes(found)
    late = []
    for record in found:
        day = record.get("delete_by")
        if record.get("kind") != "export" or not isinstance(day, str):
            continue
        try:
            passed = date.fromisoformat(day) < today
        except ValueError:
            continue
        if passed and not _settled(record, deleted.get(_archive_hash(record) or "", set())):
            late.append(record)
    return late


def deletion_codes(found: list[dict[str, Any]]) -> dict[str, set[str]]:
    """For each archive (SHA-256 hex), the check codes of the recipients whose deletion statement ``found`` (every
    record of the register, in file order) holds; a deletion record whose statement does not hold up
    (:func:`exporter.register_check.statement_problems`) counts for nothing."""
    from exporter.register_check import without_bad_statements

    deleted: dict[str, set[str]] = {}
    for record in without_bad_statements(found):
        archive = _archive_hash(record)
        if record.get("kind") in _KINDS_WITH_ARCHIVE and archive is not None:
            recipient = record.get("recipient")
            code = recipient.get("check_code") if isinstance(recipient, dict) else None
            deleted.setdefault(archive, set()).add(code if isinstance(code, str) else "")
    return deleted


def still_waiting(late: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[Message]:
    """For each export of ``late`` (:func:`overdue`) that some of its recipients settled and others did not, the
    sentence naming those whose deletion statement is still missing; ``found``: every record of the register."""
    deleted = deletion_codes(found)
    sentences = []
    for record in late:
        codes = deleted.get(_archive_hash(record) or "", set())
        expected = recipients_of(record)
        waiting = [entry for entry in expected if entry.get("check_code") not in codes]
        if 0 < len(waiting) < len(expected):
            who = ", ".join(str(entry.get("name") or entry.get("check_code")) for entry in waiting)
            sentences.append(msg("register.overdue_waiting_for", number=record.get("number"), who=who))
    return sentences


def recipients_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The recipients an export record was made for, the office's own key excepted."""
    entries = record.get("recipients")
    listed = entries if isinstance(entries, list) else []
    return [entry for entry in listed if isinstance(entry, dict) and entry.get("role") != "office"]


def _settled(record: dict[str, Any], codes: set[str]) -> bool:
    needed = [entry.get("check_code") for entry in recipients_of(record)]
    if not needed:
        return bool(codes)
    return all(isinstance(code, str) and code in codes for code in needed)


def export_record(
    plan: ExportPlan, manifest: dict[str, Any], archive_name: str, archive_sha256: str, archive_size: int
) -> dict[str, Any]:
    """The fields of an export's record: time (UTC and local), the manifest's ``created_utc`` (what statements
    are compared with), OS user, machine, profile (name, version) or purpose, the recipient organisation, columns
    with their transforms, filters (the ``--where`` texts), rows, the recipients' check codes, delete-by date, the
    archive's name, size (bytes) and SHA-256 hex, the exporter's version, the source file's name and hash, and the
    policy's hash when the manifest has one. Nothing from the rows, nothing secret (a recipient's public key is not
    recorded; its check code names it)."""
    now = datetime.now(UTC)
    policy = manifest.get("policy") if isinstance(manifest.get("policy"), dict) else None
    profile = policy.get("profile") if policy is not None else None
    columns = []
    for source, name in zip(plan.columns, plan.header(), strict=True):
        column = {"name": name} if name == source else {"name": name, "source": source}
        if plan.transforms.get(source):
            column["transform"] = plan.transforms[source]
        columns.append(column)
    recipients = [
        {
            key: entry[key]
            for key in ("type", "check_code", "role", "name", "organisation", "signing_key")
            if key in entry
        }
        for entry in manifest.get("recipients", ())
    ]
    source = manifest.get("source", {})
    record: dict[str, Any] = {
        "kind": "export",
        "time_utc": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "time_local": now.astimezone().isoformat(timespec="seconds"),
        "created_utc": manifest.get("created_utc"),
        "user": _os_user(),
        "machine": platform.node(),
        "profile": {"name": profile.get("name"), "version": profile.get("version")} if profile else None,
        "purpose": plan.purpose,
        "recipient_organisation": plan.recipient_organisation,
        "columns": columns,
        "where": [list(group) for group in plan.where],
        "rows": manifest.get("rows"),
        "recipients": recipients,
        "delete_by": plan.delete_by.isoformat() if plan.delete_by else None,
        "archive": {"name": archive_name, "size": archive_size, "sha256": archive_sha256},
        "source": {"file_name": source.get("file_name"), "sha256": source.get("sha256")},
        "exporter_version": manifest.get("exporter_version"),
    }
    if policy is not None:
        record["policy_sha256"] = policy.get("sha256")
    return record


def _archive_hash(record: dict[str, Any]) -> str | None:
    archive = record.get("archive")
    value = archive.get("sha256") if isinstance(archive, dict) else None
    return value if isinstance(value, str) else None


def _os_user() -> str:
    """The account the process runs as, from the operating system (POSIX: the password database entry of the real
    user id), not from USER or LOGNAME, which anyone can set; on Windows the logon name."""
    try:
        if os.name == "posix":
            import pwd

            return pwd.getpwuid(os.getuid()).pw_name
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no passwd entry for the user id
        return str(os.getuid()) if hasattr(os, "getuid") else ""


__all__ = ["deletion_codes", "export_record", "overdue", "recipients_of", "still_waiting"]
