"""The IT policy's parts as loaded (:mod:`exporter.policy` reads and checks the file): the purpose profiles
(:class:`Profile`), the rules (:class:`Rules`) and the policy itself (:class:`Policy`), with what a policy does to a
plan (:meth:`Policy.apply`) and checks of it (:meth:`Policy.check`, in :mod:`exporter.policy_rules`).

Every name here is importable from :mod:`exporter.policy` as well, where it lived first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.messages import msg
from exporter.policy_file import ENVELOPES, PolicyError

if TYPE_CHECKING:
    from exporter.keys.settings import OfficeKey
    from exporter.plan import ExportPlan
    from exporter.policy_rules import Lock

__all__ = ["CHECK_CODE", "Policy", "Profile", "Rules"]

CHECK_CODE = re.compile(r"[0-9]{4}(?:-[0-9]{4}){4}")


@dataclass(frozen=True)
class Profile:
    """One purpose profile (``[profiles.NAME]``): what an export for this purpose may take and to whom.

    ``columns`` maps each allowed column (its name in the source) to the transform it must have (canonical text,
    ``keep`` when any is fine); ``where`` the row filter (groups ORed, conditions ANDed, ``--where`` syntax);
    ``recipients`` the approved recipients for this purpose (names, keys or check codes; empty: the policy's);
    ``max_delete_days`` the longest delete-by period in days from the day of the export (None: no limit)."""

    name: str
    version: str | int
    columns: Mapping[str, str]
    legal_basis: str = ""
    title: str = ""
    purpose: str = ""
    organisation: str = ""
    where: tuple[tuple[str, ...], ...] = ()
    recipients: tuple[str, ...] = ()
    max_delete_days: int | None = None


@dataclass(frozen=True)
class Rules:
    """``[rules]``: what every export must meet. ``approved_recipients`` None: any recipient; ``envelopes`` the
    allowed kinds of encryption (``age-x25519``: to keys, ``age-passphrase``: to one passphrase)."""

    never_export: tuple[str, ...] = ()
    approved_recipients: tuple[str, ...] | None = None
    office_key: str | None = None
    require_office_key: bool = False
    allow_passphrase: bool | None = None  # None: allowed unless approved_recipients is given
    min_passphrase_bits: float | None = None
    max_rows: int | None = None
    require_purpose: bool = False
    require_organisation: bool = False
    require_delete_by: bool = False
    require_profile: bool = False
    require_signature: bool = False  # the receiving side: open only archives a trusted office signed
    envelopes: tuple[str, ...] = ENVELOPES

    @property
    def passphrase_allowed(self) -> bool:
        """Whether an export may go to a passphrase: ``allow_passphrase`` when given, else only when recipients
        are not limited to an approved list (a passphrase is nobody's approved key)."""
        return self.allow_passphrase if self.allow_passphrase is not None else self.approved_recipients is None


@dataclass(frozen=True)
class Policy:
    """A loaded, checked policy file; ``sha256`` is the hex SHA-256 of its bytes (recorded in every manifest)."""

    path: Path
    sha256: str
    register_path: Path | None = None
    signing_key_path: Path | None = None
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    rules: Rules = Rules()
    source_columns: tuple[str, ...] = ()

    @property
    def require_signature(self) -> bool:
        """Whether archives are opened only when a trusted office signed them (``rules.require_signature``: the
        receiving side's rule; :func:`exporter.signature_check.required_by_policy`)."""
        return self.rules.require_signature

    def profile(self, name: str) -> Profile:
        """The profile called ``name``; :class:`PolicyError` naming the known profiles otherwise."""
        found = self.profiles.get(name)
        if found is None:
            known = ", ".join(self.profiles) if self.profiles else "-"
            raise PolicyError(msg("policy.unknown_profile", name=name, path=str(self.path), known=known))
        return found

    def office_key(self) -> OfficeKey | None:
        """The office key every export carries: the policy's ``rules.office_key``, else the user's settings'."""
        from exporter.keys.settings import OfficeKey, load_settings

        if self.rules.office_key is not None:
            return OfficeKey(self.rules.office_key, msg("policy.office_key_name").render())
        return load_settings().office_key

    def apply(self, plan: ExportPlan, today: date | None = None) -> ExportPlan:
        """The plan as the policy makes it. With ``plan.profile``: no columns chosen means the profile's columns;
        each kept column gets the transform the profile requires (where the plan has none); the profile's row
        filter is ANDed with the plan's; an empty purpose and organisation are filled from the profile; no
        delete-by date means ``today`` + the profile's longest period; no recipient means the profile's named ones.
        Always: the register and signing key paths (when the plan has those fields and none set). What the plan
        still breaks is left to :meth:`check` to refuse, never silently changed. Raises PolicyError for an
        unknown profile."""
        changes: dict[str, Any] = {}
        names = {item.name for item in fields(plan)}
        if "register" in names and getattr(plan, "register", None) is None and self.register_path is not None:
            changes["register"] = self.register_path
        if "signing_key" in names and getattr(plan, "signing_key", None) is None and self.signing_key_path:
            changes["signing_key"] = self.signing_key_path
        if plan.profile is not None:
            changes.update(_profile_changes(plan, self.profile(plan.profile), today or date.today()))
        return replace(plan, **changes) if changes else plan

    def check(self, plan: ExportPlan, header: Sequence[str], categories: Sequence[str]) -> None:
        """Refuse (:class:`PlanError` naming the rule and this file) a plan that breaks a rule, before any work.

        ``header``: column names of the source (at least the kept ones: run_export passes only those);
        ``categories``: their sensitivity categories (:class:`exporter.classify.Category` values), one each."""
        from exporter.policy_rules import check_plan

        check_plan(self, plan, header, categories)

    def check_rows(self, rows: int) -> None:
        """Refuse (PlanError naming ``rules.max_rows`` and this file) more rows than the policy allows."""
        from exporter.policy_rules import refused

        limit = self.rules.max_rows
        if limit is not None and rows > limit:
            raise refused(self, "rules.max_rows", msg("policy.too_many_rows", rows=rows, limit=limit))

    def locks(self, plan: ExportPlan, header: Sequence[str], categories: Sequence[str]) -> tuple[Lock, ...]:
        """What the wizard must show as locked for this plan and source, each with why (see
        :func:`exporter.policy_rules.locks`)."""
        from exporter.policy_rules import locks

        return locks(self, plan, header, categories)

    def manifest_entry(self, plan: ExportPlan) -> dict[str, Any]:
        """``{"sha256": ..., "profile": {"name", "version", "legal_basis"}}`` (profile only when one is used)."""
        entry: dict[str, Any] = {"sha256": self.sha256}
        if plan.profile is not None:
            profile = self.profile(plan.profile)
            entry["profile"] = {"name": profile.name, "version": profile.version, "legal_basis": profile.legal_basis}
        return entry


def _profile_changes(plan: ExportPlan, profile: Profile, today: date) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    columns = plan.columns or tuple(profile.columns)
    if not plan.columns:
        changes["columns"] = columns
    transforms = dict(plan.transforms)
    for column in columns:
        required = profile.columns.get(column, "keep")
        if required != "keep" and column not in transforms:
            transforms[column] = required
    if transforms != dict(plan.transforms):
        changes["transforms"] = transforms
    if profile.where:
        # (A1 or A2) and (P1 or P2) = A1P1 or A1P2 or A2P1 or A2P2: each group of the plan with each of the profile's
        groups = plan.where or ((),)
        changes["where"] = tuple(tuple(dict.fromkeys((*mine, *theirs))) for mine in groups for theirs in profile.where)
    if not plan.purpose and profile.purpose:
        changes["purpose"] = profile.purpose
    if not plan.recipient_organisation and profile.organisation:
        changes["recipient_organisation"] = profile.organisation
    if plan.delete_by is None and profile.max_delete_days is not None:
        changes["delete_by"] = today + timedelta(days=profile.max_delete_days)
    if not (plan.recipients or plan.to or plan.passphrase is not None) and profile.recipients:
        changes["to"] = tuple(name for name in profile.recipients if not _is_key_or_code(name))
        changes["recipients"] = tuple(name for name in profile.recipients if name.startswith("age1"))
    return changes


def _is_key_or_code(text: str) -> bool:
    return text.startswith("age1") or CHECK_CODE.fullmatch(text) is not None
