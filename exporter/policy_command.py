"""``exporter policy check FILE [--source SOURCE]`` and ``exporter policy show``: the IT policy for IT staff."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.display import terminal_line
from exporter.messages import Message, msg

if TYPE_CHECKING:
    from exporter.policy import Policy
    from exporter.policy_file import PolicyError


def add_policy_parser(sub: Any) -> None:
    """The ``policy`` command and its actions ``check`` and ``show``."""
    policy = sub.add_parser("policy", help=str(msg("help.policy")))
    actions = policy.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=str(msg("help.policy.check")))
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument(
        "--source",
        type=Path,
        metavar="SOURCE",
        help=str(msg("help.policy.check.source")),
    )
    check.set_defaults(run=check_command)
    show = actions.add_parser("show", help=str(msg("help.policy.show")))
    show.set_defaults(run=show_command)


def check_command(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Every problem of the file, one ``exporter: error: FILE, line N: ...`` line each (and its hint), exit 1; with
    ``--source``, also what :func:`_check_against` finds against that file's columns. A valid file: one sentence,
    exit 0."""
    from exporter.policy import load_policy, policy_problems
    from exporter.policy_file import PolicyError

    problems = policy_problems(args.file)
    if not problems and args.source is not None:
        try:
            problems.extend(_check_against(load_policy(args.file), args.source))
        except PolicyError as err:
            problems.append(err)
    if problems:
        for problem in problems:
            print(f"exporter: error: {terminal_line(str(problem))}", file=sys.stderr)
            if hint := problem.hint_text():
                print(f"exporter: hint: {terminal_line(hint)}", file=sys.stderr)
        return 1
    policy = load_policy(args.file)
    count = len(policy.profiles)
    said = "policy.check_ok_none" if not count else "policy.check_ok_one" if count == 1 else "policy.check_ok"
    print(terminal_line(str(msg(said, path=str(args.file), profiles=count))))
    return 0


def _check_against(policy: Policy, source_path: Path) -> list[PolicyError]:
    """Every problem of the policy with the columns of ``source_path``: a profile column the file does not have, a
    row filter that does not parse against its header, a ``never_export`` entry that is neither a kind of data nor
    one of its columns (:mod:`exporter.policy_lint`). Raises what opening the file raises."""
    from exporter.policy_file import PolicyError, key_line
    from exporter.policy_lint import never_export_problems, where_problems
    from exporter.sources import open_source

    source = open_source(source_path)
    text = policy.path.read_text(encoding="utf-8", errors="replace")
    header = set(source.header)
    found: list[PolicyError] = []
    found.extend(never_export_problems(policy.path, text, policy.rules.never_export, source.header))
    for profile in policy.profiles.values():
        for column in profile.columns:
            if column not in header:
                line = key_line(text, ["profiles", profile.name, "columns", column])
                said = msg(
                    "policy.unknown_column_in_source",
                    path=str(policy.path),
                    line=line,
                    profile=profile.name,
                    column=column,
                    source=str(source_path),
                )
                found.append(PolicyError(said))
        found.extend(where_problems(policy.path, text, profile.name, profile.where, source.header))
    return found


def show_command(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Print the policy in force (or that there is none), one fact a line."""
    from exporter.policy import policy_in_force, policy_path

    policy = policy_in_force()
    if policy is None:
        _say(msg("policy.show_none", where=str(policy_path() or _default_place())))
        return 0
    for line in describe(policy):
        _say(line)
    return 0


def _default_place() -> str:
    return r"%PROGRAMDATA%\exporter\policy.toml" if sys.platform == "win32" else "/etc/exporter/policy.toml"


def describe(policy: Policy) -> list[Message]:
    """The policy in plain words, one fact a sentence (what ``policy show`` prints; the wizard may show it too)."""
    from exporter.keys.check_code import check_code

    rules = policy.rules
    said = [msg("policy.show_file", path=str(policy.path), sha256=policy.sha256)]
    if policy.register_path is not None:
        said.append(msg("policy.show_register", path=str(policy.register_path)))
    if policy.signing_key_path is not None:
        said.append(msg("policy.show_signing", path=str(policy.signing_key_path)))
    if rules.never_export:
        said.append(msg("policy.show_never", items=", ".join(rules.never_export)))
    said.append(msg("policy.show_my_number"))
    if rules.approved_recipients is None:
        said.append(msg("policy.show_any_recipient"))
    else:
        said.append(msg("policy.show_approved", items=", ".join(map(_short, rules.approved_recipients)) or "-"))
    if rules.office_key is not None:
        said.append(msg("policy.show_office_key_given", code=check_code(rules.office_key)))
    if rules.require_office_key:
        said.append(msg("policy.show_office_key_required"))
    if not rules.passphrase_allowed or "age-passphrase" not in rules.envelopes:
        said.append(msg("policy.show_passphrase_no"))
    elif rules.min_passphrase_bits is not None:
        said.append(msg("policy.show_passphrase_min", bits=rules.min_passphrase_bits))
    usable = [item for item in rules.envelopes if item != "age-passphrase" or rules.passphrase_allowed]
    said.append(msg("policy.show_envelopes", items=", ".join(usable)))  # what a clerk can actually use
    if rules.max_rows is not None:
        said.append(msg("policy.show_max_rows", limit=rules.max_rows))
    required = [
        msg(word)
        for flag, word in (
            (rules.require_purpose, "policy.word_purpose"),
            (rules.require_organisation, "policy.word_organisation"),
            (rules.require_delete_by, "policy.word_delete_by"),
            (rules.require_profile, "policy.word_profile"),
        )
        if flag
    ]
    if required:
        said.append(msg("policy.show_required", items=", ".join(str(word) for word in required)))
    for profile in policy.profiles.values():
        said.append(msg("policy.show_profile", name=profile.name, title=profile.title or "-", version=profile.version))
        if profile.legal_basis:
            said.append(msg("policy.show_legal_basis", text=profile.legal_basis))
        if profile.purpose:
            said.append(msg("policy.show_purpose", text=profile.purpose))
        for column, transform in profile.columns.items():
            said.append(msg("policy.show_column", column=column, transform=transform))
        for group in profile.where:
            said.append(msg("policy.show_where", where=" AND ".join(group)))
        if profile.recipients:
            said.append(msg("policy.show_profile_recipients", items=", ".join(map(_short, profile.recipients))))
        if profile.max_delete_days is not None:
            said.append(msg("policy.show_delete_days", days=profile.max_delete_days))
    return said


def _short(entry: str) -> str:
    return entry[:16] + "…" if entry.startswith("age1") else entry


def _say(line: Message) -> None:
    print(terminal_line(str(line)))
