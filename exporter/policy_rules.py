"""What a plan must meet under a policy (:class:`exporter.policy.Policy`), rule by rule.

Each refusal is a :class:`PlanError` with one sentence: the policy file, the rule (its key in the file, such as
``rules.never_export`` or ``profiles.call_centre.columns``) and what in the plan breaks it. :func:`locks` gives
the same decisions ahead of time, for the wizard to show choices as locked and say why.

The rules, in the order they are checked:

- ``rules.require_profile``: a profile must be chosen; a chosen profile must exist.
- ``rules.never_export``: no kept column whose name (NFKC, case folded) or category is listed.
- ``my_number`` (always, under any policy): a column of the My Number category only under a profile that cites a
  ``legal_basis`` and lists the column.
- ``profiles.NAME.columns``: only the profile's columns, each with the transform it requires.
- ``profiles.NAME.where``: every group of the plan's row filter holds all conditions of one of the profile's groups
  (so the plan keeps no row the profile's filter would not).
- ``rules.require_purpose`` / ``require_organisation`` / ``require_delete_by``; ``profiles.NAME.max_delete_days``.
- ``rules.envelopes``, ``rules.allow_passphrase``, ``rules.min_passphrase_bits`` (zxcvbn's estimate, or 131.8 bits
  for a generated passphrase), ``rules.require_office_key`` (an office key is set and the export carries it).
- ``rules.approved_recipients`` and ``profiles.NAME.recipients``: each recipient (a key given, or a name from the
  address book, resolved to its key) matches an approved entry: the same key, its check code, or an address-book
  name whose key it is. The office key is always allowed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import PlanError
from exporter.messages import Message, msg

if TYPE_CHECKING:
    from exporter.keys.book import AddressBook
    from exporter.plan import ExportPlan
    from exporter.policy import Policy, Profile

MY_NUMBER = "my_number"


@dataclass(frozen=True)
class Lock:
    """A choice the policy decides: ``kind`` is ``column``, ``transform``, ``recipients``, ``passphrase``,
    ``office_key``, ``purpose``, ``organisation`` or ``delete_by``; ``subject`` the column (or "" for the others);
    ``rule`` the rule's key in the policy; ``reason`` the sentence to show."""

    kind: str
    subject: str
    rule: str
    reason: Message


def refused(policy: Policy, rule: str, reason: Message) -> PlanError:
    """The refusal of a plan by ``rule`` of ``policy``: one sentence naming the rule and the file."""
    return PlanError(msg("policy.refused", path=str(policy.path), rule=rule, reason=reason))


def check_plan(policy: Policy, plan: ExportPlan, header: Sequence[str], categories: Sequence[str]) -> None:
    """Raise the first refusal of :func:`locks`-style rules for ``plan`` (module docstring: the order)."""
    rules = policy.rules
    if plan.profile is None and rules.require_profile:
        raise refused(policy, "rules.require_profile", msg("policy.no_profile", known=", ".join(policy.profiles)))
    profile = None if plan.profile is None else policy.profile(plan.profile)
    category_of = dict(zip(header, categories, strict=False))
    for lock in column_locks(policy, profile, plan.columns, category_of):
        raise refused(policy, lock.rule, lock.reason)
    if profile is not None:
        _check_transforms(policy, profile, plan)
        _check_where(policy, profile, plan)
        _check_reference_date(policy, profile, plan)
    signing = policy.signing_key_path
    if signing is not None and plan.signing_key is not None and Path(plan.signing_key).resolve() != signing.resolve():
        raise refused(policy, "signing.key", msg("policy.other_signing_key", path=str(policy.signing_key_path)))
    if rules.require_purpose and not plan.purpose.strip():
        raise refused(policy, "rules.require_purpose", msg("policy.purpose_missing"))
    if rules.require_organisation and not plan.recipient_organisation.strip():
        raise refused(policy, "rules.require_organisation", msg("policy.organisation_missing"))
    _check_delete_by(policy, profile, plan)
    if plan.passphrase is not None:
        _check_passphrase(policy, profile, plan)
    else:
        _check_keys(policy, profile, plan)


def column_locks(
    policy: Policy, profile: Profile | None, columns: Sequence[str], category_of: dict[str, str]
) -> list[Lock]:
    """The column locks for ``columns`` whose categories ``category_of`` gives: ``rules.never_export`` (by name or
    category), ``my_number`` (only under a profile with a legal basis that lists the column), the profile's
    columns."""
    never = {_folded(entry) for entry in policy.rules.never_export}
    found: list[Lock] = []
    for column in columns:
        category = category_of.get(column, "")
        if _folded(column) in never or (category and category in never):
            said = (
                msg("policy.never_export", column=column)
                if _folded(column) in never
                else msg("policy.never_export_category", column=column, category=category)
            )
            found.append(Lock("column", column, "rules.never_export", said))
        elif category == MY_NUMBER and not (profile and profile.legal_basis and column in profile.columns):
            found.append(Lock("column", column, MY_NUMBER, msg("policy.my_number", column=column)))
        elif profile is not None and column not in profile.columns:
            rule = f"profiles.{profile.name}.columns"
            found.append(
                Lock("column", column, rule, msg("policy.not_in_profile", column=column, profile=profile.name))
            )
    return found


def _check_transforms(policy: Policy, profile: Profile, plan: ExportPlan) -> None:
    from exporter.transforms import parse_transform

    for column in plan.columns:
        required = profile.columns.get(column, "keep")
        given = plan.transforms.get(column)
        actual = "keep" if given is None else parse_transform(given).text()
        if required != "keep" and actual != required:
            raise refused(
                policy,
                f"profiles.{profile.name}.columns",
                msg("policy.transform_required", column=column, transform=required, given=actual),
            )


def _check_where(policy: Policy, profile: Profile, plan: ExportPlan) -> None:
    if not profile.where:
        return
    groups = plan.where or ((),)
    for group in groups:
        have = {_folded(condition) for condition in group}
        if not any({_folded(condition) for condition in wanted} <= have for wanted in profile.where):
            conditions = " / ".join(" AND ".join(wanted) for wanted in profile.where)
            raise refused(policy, f"profiles.{profile.name}.where", msg("policy.where_required", where=conditions))


def _check_reference_date(policy: Policy, profile: Profile, plan: ExportPlan) -> None:
    """A profile whose row filter counts ages counts them on the day of the export: another reference date
    (``--reference-date 2200-01-01``) would let everyone in."""
    ages = any("age(" in condition.replace(" ", "") for group in profile.where for condition in group)
    if ages and plan.reference_date is not None and plan.reference_date != date.today():
        rule = f"profiles.{profile.name}.where"
        raise refused(policy, rule, msg("policy.reference_date_fixed", profile=profile.name))


def _check_delete_by(policy: Policy, profile: Profile | None, plan: ExportPlan) -> None:
    days = None if profile is None else profile.max_delete_days
    if plan.delete_by is None and (policy.rules.require_delete_by or days is not None):
        rule = "rules.require_delete_by" if days is None else f"profiles.{profile.name}.max_delete_days"  # type: ignore[union-attr]
        raise refused(policy, rule, msg("policy.delete_by_missing"))
    if days is not None and plan.delete_by is not None:
        latest = date.today() + timedelta(days=days)
        if plan.delete_by > latest:
            raise refused(
                policy,
                f"profiles.{profile.name}.max_delete_days",  # type: ignore[union-attr]
                msg("policy.delete_by_too_late", date=plan.delete_by.isoformat(), days=days, latest=latest.isoformat()),
            )


def _check_passphrase(policy: Policy, profile: Profile | None, plan: ExportPlan) -> None:
    rules = policy.rules
    if rules.allow_passphrase is False:
        raise refused(policy, "rules.allow_passphrase", msg("policy.passphrase_forbidden"))
    if rules.allow_passphrase is None and rules.approved_recipients is not None:  # a passphrase is nobody's key
        raise refused(policy, "rules.approved_recipients", msg("policy.passphrase_not_approved"))
    if "age-passphrase" not in rules.envelopes:
        raise refused(policy, "rules.envelopes", msg("policy.envelope_forbidden", envelope="age-passphrase"))
    if rules.require_office_key:
        raise refused(policy, "rules.require_office_key", msg("policy.office_key_with_passphrase"))
    if profile is not None and profile.recipients:
        raise refused(policy, f"profiles.{profile.name}.recipients", msg("policy.passphrase_not_for_profile"))
    if rules.min_passphrase_bits is not None and plan.passphrase is not None:
        bits = passphrase_bits(plan.passphrase.reveal())
        if bits is not None and bits < rules.min_passphrase_bits:
            raise refused(
                policy,
                "rules.min_passphrase_bits",
                msg("policy.passphrase_weak", bits=int(bits), least=rules.min_passphrase_bits),
            )


def passphrase_bits(typed: str) -> float | None:
    """The strength in bits of a passphrase as :mod:`exporter.passphrase` judges it (a generated one: 131.8; any
    other: zxcvbn's estimate); None when it is a mistyped generated one (the export refuses that itself)."""
    from exporter.passphrase import GENERATED_BITS, estimate, is_generated, normalise

    try:
        canonical = normalise(typed)
    except PlanError:
        return None
    return GENERATED_BITS if is_generated(canonical) else estimate(canonical).bits


def _check_keys(policy: Policy, profile: Profile | None, plan: ExportPlan) -> None:
    from exporter.envelope import X25519Recipient
    from exporter.errors import ExporterError
    from exporter.keys import load_book

    rules = policy.rules
    if "age-x25519" not in rules.envelopes:
        raise refused(policy, "rules.envelopes", msg("policy.envelope_forbidden", envelope="age-x25519"))
    office = policy.office_key()
    if rules.require_office_key and office is None:
        raise refused(policy, "rules.require_office_key", msg("policy.office_key_not_set"))
    if rules.require_office_key and plan.without_office_key:
        raise refused(policy, "rules.require_office_key", msg("policy.office_key_left_out"))
    if rules.approved_recipients is None and (profile is None or not profile.recipients):
        return
    book = load_book() if plan.to else None  # the clerk's book: what the names they chose stand for
    trusted, distrust = machine_book(policy) if _names(rules.approved_recipients, profile) else (None, None)
    wanted: list[tuple[str, str, str | None]] = []  # (as the clerk named it, key, its key set's code)
    for text in plan.recipients:
        try:
            wanted.append((text, str(X25519Recipient.parse(text)), None))
        except ExporterError:
            continue  # not a key: the export refuses it itself, naming it
    for name in plan.to:
        entry = None if book is None else book.get(name)
        if entry is not None:  # the key set's code binds the key: no other key has it, whoever wrote the book
            wanted.append((name, entry.key, entry.check_code))
    if office is not None and rules.office_key is None and not plan.without_office_key:
        # the office key from the clerk's own settings is added to every export: it must be approved like any key
        wanted.append((office.name or office.key, office.key, None))
    for shown, key, code in wanted:
        refusal = _recipient_refusal(policy, profile, (shown, key, code), book, (trusted, distrust))
        if refusal is not None:
            raise refusal


def recipient_refusal(
    policy: Policy, profile_name: str | None, key: str, *, shown: str = "", code: str | None = None
) -> PlanError | None:
    """Why ``policy`` refuses the public ``key`` as a recipient under the profile ``profile_name`` (None: no
    profile), by ``rules.approved_recipients`` or ``profiles.NAME.recipients`` exactly as :func:`check_plan` does
    for each recipient of a plan; None when it is approved or no list applies. ``shown`` names it in the sentence
    (an address-book name; "" for the key's start) and ``code`` is the key set's code of the address-book entry
    chosen (None: a key pasted). For the wizard, to lock a choice before the Review page refuses it. Raises
    PlanError for an unknown profile."""
    from exporter.keys import load_book

    rules = policy.rules
    profile = None if profile_name is None else policy.profile(profile_name)
    if rules.approved_recipients is None and (profile is None or not profile.recipients):
        return None
    try:
        book = load_book() if code is not None else None
    except PlanError:
        book = None  # a broken book: names the clerk chose cannot be read from it anyway
    machine = machine_book(policy) if _names(rules.approved_recipients, profile) else (None, None)
    return _recipient_refusal(policy, profile, (shown or key, key, code), book, machine)


def _recipient_refusal(
    policy: Policy,
    profile: Profile | None,
    recipient: tuple[str, str, str | None],
    book: AddressBook | None,
    machine: tuple[AddressBook | None, Message | None],
) -> PlanError | None:
    """The refusal of one ``recipient`` (as the clerk named it, its key, its key set's code) by the approved lists
    (module docstring); ``book`` the clerk's address book, ``machine`` :func:`machine_book`'s answer."""
    from exporter.keys import load_book

    rules = policy.rules
    shown, key, code = recipient
    trusted, distrust = machine
    office = policy.office_key()
    if office is not None and rules.office_key is not None and key == office.key:
        return None  # the policy's own office key
    lists = [
        (
            "rules.approved_recipients",
            rules.approved_recipients,
            msg("policy.recipient_not_approved", who=_shown(shown)),
        )
    ]
    if profile is not None and profile.recipients:
        said = msg("policy.recipient_not_for_profile", who=_shown(shown), profile=profile.name)
        lists.append((f"profiles.{profile.name}.recipients", profile.recipients, said))
    for rule, entries, said in lists:
        if entries is None or approved(key, entries, trusted, code=code):
            continue
        if distrust is not None and approved(key, entries, load_book(machine_book_path(policy))):
            said = distrust
        elif book is not None and approved(key, entries, book):
            said = msg("policy.book_not_machine", who=_shown(shown), path=str(machine_book_path(policy)))
        return refused(policy, rule, said)
    return None


def approved(key: str, entries: Sequence[str], book: AddressBook | None, *, code: str | None = None) -> bool:
    """Whether the public ``key`` matches one of ``entries``: the key itself, its check code, ``code`` (the key set's
    code of the entry the clerk chose, covering its signing key too: no other age key has it, whoever wrote the
    entry) or the key set's code of ``book``'s entry with that key, or the name of an entry of ``book`` with that
    key. Pass only a book the clerk cannot change (:func:`machine_book`) for names to count: in one they can, the
    key behind an approved name could be anyone's, ``locked = true`` or not."""
    from exporter.keys.check_code import check_code

    held = None if book is None else book.by_key(key)
    codes = {check_code(key), key} | ({held.check_code} if held is not None else set()) | ({code} if code else set())
    for entry in entries:
        if entry in codes:
            return True
        found = None if book is None else book.get(entry)
        if found is not None and found.key == key:
            return True
    return False


def machine_book_path(policy: Policy) -> Path:
    """The machine-wide address book: ``recipients.toml`` beside the policy file, deployed by IT staff with it
    (``/etc/exporter/recipients.toml``, ``%PROGRAMDATA%\\exporter\\recipients.toml``)."""
    return policy.path.parent / "recipients.toml"


def machine_book(policy: Policy) -> tuple[AddressBook | None, Message | None]:
    """The book through which approved recipients named by name resolve (:func:`machine_book_path`), and why it
    is not used when it is not: None and a sentence when this account could change it (the file or its folder
    writable by a user other than the administrator), None and None when there is none. A clerk's own book never
    counts: they can write it, and ``locked = true`` in it is a line they can delete."""
    import os

    from exporter.keys import load_book

    path = machine_book_path(policy)
    if not os.path.isfile(path):
        return None, None
    administrator = getattr(os, "geteuid", lambda: -1)() == 0
    if not administrator and (os.access(path, os.W_OK) or os.access(path.parent, os.W_OK)):
        return None, msg("policy.machine_book_writable", path=str(path))
    return load_book(path), None


def _names(entries: Sequence[str] | None, profile: Profile | None) -> bool:
    every = [*(entries or ()), *(() if profile is None else profile.recipients)]
    return any(not entry.startswith("age1") for entry in every)


def _shown(who: str) -> str:
    """A recipient as a sentence may name it: a key shortened to its start (a name as it is)."""
    return who[:12] + "…" if who.startswith("age1") else who


def locks(policy: Policy, plan: ExportPlan, header: Sequence[str], categories: Sequence[str]) -> tuple[Lock, ...]:
    """The choices this policy decides for ``plan`` over a source with ``header`` and ``categories``: every
    column of the header that may not be kept (and why), the transforms a profile requires, and the options the
    policy fixes (recipients, passphrase, office key, purpose, organisation, delete-by). For the wizard: a locked
    choice is shown locked with its ``reason``."""
    rules = policy.rules
    profile = None if plan.profile is None else policy.profile(plan.profile)
    found = column_locks(policy, profile, header, dict(zip(header, categories, strict=False)))
    if profile is not None:
        for column, transform in profile.columns.items():
            if transform != "keep":
                reason = msg("policy.lock_transform", column=column, transform=transform, profile=profile.name)
                found.append(Lock("transform", column, f"profiles.{profile.name}.columns", reason))
        if profile.recipients:
            reason = msg("policy.lock_profile_recipients", profile=profile.name)
            found.append(Lock("recipients", "", f"profiles.{profile.name}.recipients", reason))
        if profile.max_delete_days is not None:
            reason = msg("policy.lock_delete_by", days=profile.max_delete_days, profile=profile.name)
            found.append(Lock("delete_by", "", f"profiles.{profile.name}.max_delete_days", reason))
    if rules.approved_recipients is not None:
        found.append(Lock("recipients", "", "rules.approved_recipients", msg("policy.lock_approved_recipients")))
    if not rules.passphrase_allowed or "age-passphrase" not in rules.envelopes or rules.require_office_key:
        rule = "rules.allow_passphrase" if not rules.passphrase_allowed else "rules.envelopes"
        rule = "rules.require_office_key" if rules.require_office_key else rule
        found.append(Lock("passphrase", "", rule, msg("policy.lock_passphrase")))
    elif profile is not None and profile.recipients:  # the profile's data goes only to its recipients' keys
        rule = f"profiles.{profile.name}.recipients"
        found.append(Lock("passphrase", "", rule, msg("policy.passphrase_not_for_profile")))
    if rules.require_office_key:
        found.append(Lock("office_key", "", "rules.require_office_key", msg("policy.lock_office_key")))
    if rules.require_purpose:
        found.append(Lock("purpose", "", "rules.require_purpose", msg("policy.lock_purpose")))
    if rules.require_organisation:
        found.append(Lock("organisation", "", "rules.require_organisation", msg("policy.lock_organisation")))
    return tuple(found)


def _folded(text: str) -> str:
    """A column name as the rules compare it: NFKC, case folded, without spaces and invisible (format and control)
    characters, so that ``e\u200bmail`` or ``no tes`` is still ``email`` or ``notes``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc"))


def folded(text: str) -> str:
    """A column name as the rules compare it (NFKC, case folded, no spaces or invisible characters)."""
    return _folded(text)
