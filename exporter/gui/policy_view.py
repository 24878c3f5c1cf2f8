"""The IT policy as the wizard shows it: read once when the wizard opens, the purpose profiles offered on the Purpose
page, kept columns the policy does not allow named on the Columns page, recipients it does not approve and the
passphrase it does not allow locked on the Protection page, and the whole plan checked on the Review page, by the
core's own rules (:mod:`exporter.policy`, :mod:`exporter.policy_rules`); ``run_export`` checks it again, so no page
can skip it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import ExporterError
from exporter.plan import ExportPlan

if TYPE_CHECKING:
    from exporter.gui.pages.columns import ColumnsPage
    from exporter.gui.pages.protection import ProtectionPage
    from exporter.gui.wizard import Draft
    from exporter.policy import Policy, Profile


def read_policy(draft: Draft) -> None:
    """Put the policy in force into ``draft`` (``policy``), or why it cannot be read (``policy_error``): then
    nothing may leave, as the command line refuses every export under a broken policy."""
    from exporter.policy import policy_in_force

    try:
        draft.policy, draft.policy_error = policy_in_force(), None
    except ExporterError as err:
        draft.policy, draft.policy_error = None, err


def profiles(policy: Policy | None) -> list[Profile]:
    """The purpose profiles to offer, in the policy file's order."""
    return [] if policy is None else list(policy.profiles.values())


def profile_label(profile: Profile) -> str:
    """How a profile is listed: its title (or name) and version."""
    return f"{profile.title or profile.name} (v{profile.version})"


def column_problems(draft: Draft, kept: tuple[str, ...]) -> list[str]:
    """The sentences of the policy's locks on ``kept`` columns (never exported, My Numbers without a legal basis,
    not in the chosen profile), each naming the rule; empty when the policy allows them all."""
    policy, loaded = draft.policy, draft.loaded
    if policy is None or loaded is None or not kept:
        return []
    header = loaded.source.header
    categories = [str(category) for category in loaded.categories]
    plan = ExportPlan(source=Path(), columns=kept, output=Path(), profile=draft.profile)
    try:
        locks = policy.locks(plan, header, categories)
    except ExporterError as err:  # an unknown profile: said as it is
        return [str(err)]
    return [
        f"{lock.subject}: {lock.reason} ({lock.rule})"
        for lock in locks
        if lock.kind == "column" and lock.subject in kept
    ]


def plan_problem(draft: Draft) -> ExporterError | None:
    """The policy's refusal of the plan as it stands (the first rule broken, naming the rule and the file), the
    policy file's own fault, or None."""
    if draft.policy_error is not None:
        return draft.policy_error
    policy, loaded = draft.policy, draft.loaded
    if policy is None or loaded is None or draft.output is None:
        return None
    try:
        plan = draft.plan()
        categories = draft.categories
        policy.check(plan, plan.columns, [str(categories.get(column, "other")) for column in plan.columns])
    except ExporterError as err:  # a PlanError naming the rule, or the policy's own fault
        return err
    return None


def use_profile(page: ColumnsPage) -> None:
    """Keep the chosen profile's columns (those the file has) with the transforms it requires, once each time a
    profile is chosen; the clerk may then leave some out."""
    draft = page.draft
    name = draft.profile
    if name == page.profile_used or draft.policy is None or draft.loaded is None:
        return
    page.profile_used = name
    if name is None:
        return
    profile = draft.policy.profile(name)
    columns = [column for column in profile.columns if column in draft.loaded.source.header]
    page.keep(columns)
    for column in columns:
        if profile.columns[column] != "keep":
            page.chooser.set_transform(column, profile.columns[column])


def show_column_problems(page: ColumnsPage) -> None:
    """Say under the summary which kept columns the policy does not allow, and why (Next waits)."""
    problems = column_problems(page.draft, page.model.kept)
    if problems:
        page.policy_error.show_message("\n".join(problems), "error")
    else:
        page.policy_error.clear_message()


def protection_locks(draft: Draft) -> dict[str, str]:
    """The Protection page's locks under the policy in force, by kind (``recipients``, ``passphrase``): the
    sentence to show above the choice, naming the rule and the policy file (:func:`exporter.policy_rules.locks`);
    empty without a policy."""
    policy = draft.policy
    if policy is None:
        return {}
    plan = ExportPlan(source=Path(), columns=(), output=Path(), profile=draft.profile)
    try:
        locks = policy.locks(plan, [], [])
    except ExporterError as err:  # an unknown profile: said as it is (the Review page refuses the plan too)
        return {"recipients": str(err)}
    found: dict[str, str] = {}
    for lock in locks:
        if lock.kind in ("recipients", "passphrase") and lock.kind not in found:
            found[lock.kind] = _locked_sentence(str(lock.reason), lock.rule, str(policy.path))
    return found


def _locked_sentence(reason: str, rule: str, path: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("policy_view", "{reason} Rule {rule} of the policy {path}.").format(
        reason=reason, rule=rule, path=path
    )


def recipient_refusal(draft: Draft, key: str, name: str = "", code: str | None = None) -> str | None:
    """Why the policy in force refuses ``key`` (an address-book entry ``name`` with its key set's ``code``, or a
    key pasted: "" and None) as a recipient: the core's own sentence, naming the rule and the policy file, as the
    Review page and the command line give it (:func:`exporter.policy_rules.recipient_refusal`); None when it may
    be chosen."""
    from exporter.policy_rules import recipient_refusal as refusal_of

    if draft.policy is None:
        return None
    try:
        refusal = refusal_of(draft.policy, draft.profile, key, shown=name, code=code)
    except ExporterError as err:  # an unknown profile, or the machine's book unreadable: refused, and why
        return str(err)
    return None if refusal is None else str(refusal)


def show_protection_locks(page: ProtectionPage) -> None:
    """Lock on the Protection ``page`` what the policy decides: address-book entries it does not approve greyed
    with its sentence, a key pasted that it does not approve refused at once (:func:`recipient_refusal`), and the
    passphrase locked with its reason when the policy allows none. run_export checks the plan again."""
    from functools import partial

    locks = protection_locks(page.draft)
    refusal = partial(recipient_refusal, page.draft) if "recipients" in locks else None
    page.picker.set_policy(locks.get("recipients"), refusal)
    locked = locks.get("passphrase")
    page.passphrase_radio.setEnabled(locked is None)
    page.passphrase_radio.setToolTip(locked or "")
    if locked is None:
        page.passphrase_lock.clear_message()
    else:
        page.passphrase_lock.show_message(locked, "note")
        page.key_radio.setChecked(True)


def office_in_force(draft: Draft) -> tuple[str, str] | None:
    """The office key every export carries, as (name, key): the policy's ``rules.office_key`` when it sets one,
    else the clerk's settings' (:meth:`exporter.policy.Policy.office_key`, as ``run_export`` takes it); None when
    there is none. Raises ExporterError when the settings cannot be read."""
    from exporter.gui import key_store

    if draft.policy is None:
        return key_store.office_key()
    office = draft.policy.office_key()
    return None if office is None else (office.name, office.key)


def office_fixed(draft: Draft) -> str | None:
    """When the policy sets the office key itself: the sentence saying so (naming the rule and the policy file),
    for the Settings dialog, where the clerk's own office key then has no effect; else None."""
    from exporter.messages import msg

    policy = draft.policy
    if policy is None or policy.rules.office_key is None:
        return None
    return _locked_sentence(str(msg("policy.lock_office_key_fixed")), "rules.office_key", str(policy.path))


def office_refusal(draft: Draft, office: tuple[str, str] | None) -> str | None:
    """Why the policy refuses the office key of the clerk's settings (``office``, as :func:`office_in_force` gives
    it) as a recipient, as the Review page and the command line would; None when it is approved, when there is
    none, or when it is the policy's own office key."""
    if office is None or draft.policy is None or draft.policy.rules.office_key is not None:
        return None
    name, key = office
    return recipient_refusal(draft, key, name)
