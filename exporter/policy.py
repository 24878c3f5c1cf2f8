"""The IT policy (``policy.toml``) and its purpose profiles: one file IT staff deploy and clerks cannot change.

Where it lives (:func:`policy_path`): ``$EXPORTER_POLICY`` when set, else ``/etc/exporter/policy.toml`` (POSIX) or
``%PROGRAMDATA%\\exporter\\policy.toml`` (Windows) when it exists. Without one, exporter behaves as it always did.
The format (README.md, "IT policy (policy.toml)", has a full example) is checked by :mod:`exporter.policy_file`;
what a plan must meet is checked by :mod:`exporter.policy_rules`. A refusal is a :class:`PlanError` whose one
sentence names the rule (its key in the file, e.g. ``rules.never_export``) and the policy file.

The command line and the wizard call :func:`policy_in_force`, then :meth:`Policy.apply` (the profile fills the
plan); :func:`exporter.pipeline.run_export` calls :meth:`Policy.check` and :meth:`Policy.check_rows` itself, so no
client can skip them, and records :meth:`Policy.manifest_entry` in the manifest.
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from exporter.messages import msg
from exporter.policy_file import ENVELOPES, PolicyError, locate, read_policy_toml, schema_problems_and_rest

# The loaded policy's parts live in exporter.policy_model; they stay importable from here.
from exporter.policy_model import CHECK_CODE, Policy, Profile, Rules

__all__ = [
    "ENVELOPES",
    "POLICY_ENV",
    "Policy",
    "PolicyError",
    "Profile",
    "Rules",
    "load_policy",
    "policy_in_force",
    "policy_path",
    "policy_problems",
]

POLICY_ENV = "EXPORTER_POLICY"


def system_policy_path() -> Path:
    """Where IT deploys the policy: ``/etc/exporter/policy.toml`` on POSIX, ``%PROGRAMDATA%\\exporter\\
    policy.toml`` on Windows."""
    if sys.platform == "win32":
        data = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(data) / "exporter" / "policy.toml"
    return Path("/etc/exporter/policy.toml")


def policy_path() -> Path | None:
    """The policy file in force: the deployed one (:func:`system_policy_path`) when it exists, whatever the
    environment says, so that no clerk can set it aside; else ``$EXPORTER_POLICY`` if set (tests and machines
    without a deployed policy; even if the file is missing: then :func:`load_policy` refuses); else None."""
    deployed = system_policy_path()
    if os.path.lexists(deployed):
        return deployed
    named = os.environ.get(POLICY_ENV)
    return Path(named) if named else None


def policy_in_force() -> Policy | None:
    """:func:`load_policy` of :func:`policy_path`, or None when there is no policy. A policy in force that cannot
    be used raises its PolicyError with a hint (when it has none) that the IT policy is broken, nothing is exported
    under it until IT staff mend it, and ``exporter policy check`` lists every problem."""
    path = policy_path()
    if path is None:
        return None
    try:
        return load_policy(path)
    except PolicyError as err:
        if err.hint is None:
            err.hint = msg("policy.in_force_broken_hint", path=str(path))
        raise


def load_policy(path: Path) -> Policy:
    """Read and check the policy file ``path`` (:mod:`exporter.policy_file` has the format's checks).

    Raises :class:`PolicyError` with one sentence naming the file and the line (the first of
    :func:`policy_problems`): not readable, not TOML, an unknown key, a wrong type or value, a transform that does
    not exist, a key that is not an ``age1...`` key, a profile column not among ``[source] columns`` or forbidden by
    ``rules.never_export``, a row filter that does not parse."""
    problems, policy = _read(path)
    if policy is None:
        raise problems[0]
    return policy


def policy_problems(path: Path) -> list[PolicyError]:
    """Every problem of the policy file ``path`` that can be found at once (``exporter policy check``), in the
    order of the file's checks; empty for a valid file. A TOML syntax error is the only one then (tomllib stops at
    it); otherwise each schema error, then each rule and profile that does not hold."""
    return _read(path)[0]


def _read(path: Path) -> tuple[list[PolicyError], Policy | None]:
    try:
        data, text, original = read_policy_toml(path)
    except PolicyError as err:
        return [err], None
    problems, document = schema_problems_and_rest(path, text, original)
    if document is None:
        return problems, None
    from exporter.policy_lint import never_export_problems, where_problems

    table = document.get("rules", {})
    rules = _rules(path, text, table, problems)
    source_columns = tuple(document.get("source", {}).get("columns", ()))
    problems.extend(never_export_problems(path, text, rules.never_export, source_columns or None))
    profiles: dict[str, Profile] = {}
    checked: dict[str, Profile] = {}  # every profile read, with problems or not: its recipients are checked too
    for name, table in document.get("profiles", {}).items():
        given = original.get("profiles", {}).get(name)
        if not isinstance(given, dict) or not given.get("columns"):
            continue  # said by the schema; its stand-in columns are not checked (a missing version's stand-in is)
        before = len(problems)
        profile = checked[name] = _profile(path, text, name, table, rules, source_columns, problems)
        problems.extend(where_problems(path, text, name, profile.where, source_columns or None))
        if len(problems) == before:
            profiles[name] = profile
    from exporter.policy_lint import dead_end_problems

    problems.extend(dead_end_problems(path, text, rules, checked))
    if rules.require_profile and not document.get("profiles"):
        problems.append(locate(path, text, ["rules", "require_profile"], "policy.profile_required_but_none"))
    if problems:
        return problems, None
    return [], Policy(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        register_path=_path(path, document.get("register", {}).get("path")),
        signing_key_path=_path(path, document.get("signing", {}).get("key")),
        profiles=profiles,
        rules=rules,
        source_columns=source_columns,
    )


def _rules(path: Path, text: str, table: Mapping[str, Any], problems: list[PolicyError]) -> Rules:
    """``[rules]``; each bad key (``office_key``, ``approved_recipients``) is added to ``problems``."""
    try:
        office_key = _office_key(path, text, table.get("office_key"))
    except PolicyError as err:
        problems.append(err)
        office_key = None
    return Rules(
        never_export=tuple(table.get("never_export", ())),
        approved_recipients=_recipients(path, text, ["rules", "approved_recipients"], table, problems),
        office_key=office_key,
        require_office_key=table.get("require_office_key", False),
        allow_passphrase=table.get("allow_passphrase"),
        min_passphrase_bits=table.get("min_passphrase_bits"),
        max_rows=table.get("max_rows"),
        require_purpose=table.get("require_purpose", False),
        require_organisation=table.get("require_organisation", False),
        require_delete_by=table.get("require_delete_by", False),
        require_profile=table.get("require_profile", False),
        require_signature=table.get("require_signature", False),
        envelopes=tuple(table.get("envelopes", ENVELOPES)),
    )


def _path(policy: Path, text: str | None) -> Path | None:
    """A path from the policy: ``~`` expanded, relative to the policy file's folder."""
    if text is None:
        return None
    return policy.parent / Path(text).expanduser()


def _office_key(path: Path, text: str, key: str | None) -> str | None:
    if key is None:
        return None
    return _checked_key(path, text, ["rules", "office_key"], key)


def _checked_key(path: Path, text: str, keys: list[str], key: str) -> str:
    from exporter.display import looks_like_secret_key
    from exporter.envelope import X25519Recipient
    from exporter.errors import ExporterError

    if looks_like_secret_key(key):  # never repeated: it is a secret
        raise locate(path, text, keys, "policy.secret_key")
    try:
        return str(X25519Recipient.parse(key))
    except ExporterError as err:
        raise locate(path, text, keys, "policy.bad_key", key=".".join(keys), reason=err.message) from None


def _recipients(
    path: Path, text: str, keys: list[str], table: Mapping[str, Any], problems: list[PolicyError]
) -> tuple[str, ...] | None:
    """Approved recipients at ``keys`` (its last part is the key in ``table``): names stay as written; ``age1...``
    keys are checked (each bad one added to ``problems``); check codes are NFKC-folded. None when not given."""
    name = keys[-1]
    if name not in table:
        return None
    found: list[str] = []
    for entry in table[name]:
        folded = unicodedata.normalize("NFKC", entry).strip()
        if folded.lower().startswith("age1") or "SECRET-KEY" in folded.upper():
            try:
                found.append(_checked_key(path, text, keys, folded))
            except PolicyError as err:
                problems.append(err)
        elif CHECK_CODE.fullmatch(folded):
            found.append(folded)
        else:
            found.append(entry)
    return tuple(found)


def _profile(
    path: Path,
    text: str,
    name: str,
    table: Mapping[str, Any],
    rules: Rules,
    source_columns: Sequence[str],
    problems: list[PolicyError],
) -> Profile:
    """The profile ``name``; each problem of it (name, columns, transforms, the shape of ``where``, keys) is added
    to ``problems``. The row filter's conditions are checked by :func:`exporter.policy_lint.where_problems`."""
    from exporter.errors import PlanError
    from exporter.transforms import parse_transform

    base = ["profiles", name]
    if not name.strip() or any(unicodedata.category(char)[0] == "C" for char in name):
        problems.append(locate(path, text, base, "policy.bad_profile_name"))
    never = {_folded(entry) for entry in rules.never_export}
    columns: dict[str, str] = {}
    for column, transform in table["columns"].items():
        at = [*base, "columns", column]
        try:
            columns[column] = parse_transform(transform).text()
        except PlanError as err:
            problems.append(locate(path, text, at, "policy.bad_transform", column=column, reason=err.message))
        if source_columns and column not in source_columns:
            problems.append(locate(path, text, at, "policy.unknown_column", column=column, profile=name))
        if _folded(column) in never:
            problems.append(locate(path, text, at, "policy.column_never_exported", column=column, profile=name))
    written = table.get("where", [])
    # a list of conditions: all must hold (as repeated --where); a list of lists: groups, any of which may hold
    where: tuple[tuple[str, ...], ...] = ()
    if all(isinstance(condition, str) for condition in written):
        where = (tuple(written),) if written else ()
    elif all(isinstance(group, list) and group for group in written):
        where = tuple(tuple(group) for group in written)
    else:
        problems.append(locate(path, text, [*base, "where"], "policy.where_shape", profile=name))
    return Profile(
        name=name,
        version=table["version"],
        columns=columns,
        legal_basis=table.get("legal_basis", ""),
        title=table.get("title", ""),
        purpose=table.get("purpose", ""),
        organisation=table.get("organisation", ""),
        where=where,
        recipients=_recipients(path, text, [*base, "recipients"], table, problems) or (),
        max_delete_days=table.get("max_delete_days"),
    )


def _folded(name: str) -> str:
    """As :func:`exporter.policy_rules._folded`: NFKC, case folded, no spaces or invisible characters."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(char for char in folded if not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc"))
