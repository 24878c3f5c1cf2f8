"""What the IT policy, the take-out register and the office's signing key add to an export (issue 11), kept out of
:mod:`exporter.pipeline` so that its stream stays readable: the policy in force, the register's entry in the
manifest and the record appended before the archive is committed, the warning for a signing key others may open."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from exporter.errors import PlanError
from exporter.messages import Message, msg
from exporter.plan import ExportPlan

if TYPE_CHECKING:
    from exporter.atomic import AtomicFile
    from exporter.policy import Policy
    from exporter.shaping import Shaper
    from exporter.sources import AnySource


def signing_key_exposure(plan: ExportPlan) -> tuple[Message, ...]:
    """The warning for a signing key file that other users may open (as for identity files, ssh's test)."""
    if plan.signing_key is None:
        return ()
    from exporter.keyfiles import exposure_warning, permission_bits

    found = exposure_warning(plan.signing_key, permission_bits(plan.signing_key))
    return () if found is None else (found,)


def register_entry(plan: ExportPlan) -> dict[str, Any]:
    """The manifest's ``register`` field (the head before this export), or nothing without a register; a register
    that cannot be read or written is refused here, before any work."""
    if plan.register is None:
        return {}
    from exporter.register import check_appendable, check_writable, manifest_entry

    check_writable(plan.register)
    check_appendable(plan.register)
    return {"register": manifest_entry(plan.register)}


def record(plan: ExportPlan, manifest: dict[str, Any], target: AtomicFile) -> int | None:
    """Append the export's record to the register (the archive complete, not yet under its name); its number."""
    if plan.register is None:
        return None
    from exporter.register import append, export_record

    return append(plan.register, export_record(plan, manifest, plan.output.name, target.sha256, target.size)).number


def policy_for(plan: ExportPlan) -> Policy | None:
    """The IT policy in force (:mod:`exporter.policy`), or None; a profile without a policy is refused."""
    from exporter.policy import policy_in_force

    policy = policy_in_force()
    if policy is None and plan.profile is not None:
        raise PlanError(msg("policy.profile_without_policy", name=plan.profile), hint=msg("policy.no_policy_hint"))
    return policy


def categories(source: AnySource, names: Sequence[str]) -> list[str]:
    """The sensitivity category of the source's columns ``names``, in order
    (:func:`exporter.shaping.column_categories`)."""
    from exporter.shaping import column_categories

    classified = column_categories(source, names)
    return [classified[name] for name in names]


def check_my_numbers(policy: Policy | None, plan: ExportPlan, shaper: Shaper, source: AnySource) -> None:
    """Refuse (:class:`PlanError`, one sentence naming the column and a line of the file) an export whose values
    hold My Numbers in a column not classified as such (:mod:`exporter.my_number_scan` has the rule). Under a policy
    the column is judged as a ``my_number`` column by the policy's rules (``rules.never_export``, or ``my_number``:
    only under a profile that cites a legal basis and lists the column), and the refusal names that rule; without a
    policy it is refused, since no profile can give a legal basis."""
    found = shaper.my_numbers.found()
    if not found:
        return
    from exporter.shaping import line_of_row

    for column, count in found:
        fields = {"column": column, "matches": count.valid, "name": source.name}
        if policy is None:
            line = line_of_row(source, count.first_row)
            raise PlanError(msg("policy.hidden_my_numbers", line=line, **fields), hint=msg("policy.hidden_hint"))
        from exporter.policy_rules import column_locks, refused

        profile = None if plan.profile is None else policy.profile(plan.profile)
        for lock in column_locks(policy, profile, [column], {column: "my_number"}):
            line = line_of_row(source, count.first_row)
            said = "policy.hidden_never_export" if lock.rule == "rules.never_export" else "policy.hidden_my_numbers"
            raise refused(policy, lock.rule, msg(said, line=line, **fields))
