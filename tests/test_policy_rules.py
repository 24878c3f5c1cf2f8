"""Each rule of the IT policy refuses a plan that breaks it, with one sentence naming the rule and the policy file in
English and Japanese; what a profile fills in; what the wizard is told is locked."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.keys import add_recipient, set_office_key
from exporter.keys.check_code import check_code
from exporter.plan import ExportPlan, Secret
from exporter.policy import Policy, PolicyError, load_policy

GENERATED = "048290-713460-002541-961730-355234-810106-427702-093775"  # the module docstring's example
HEADER = ("住民番号", "個人番号", "氏名", "生年月日", "電話番号", "口座番号", "性別")
CATEGORIES = ("identifier", "my_number", "name", "birth", "contact", "financial", "gender")


def fixed_key(seed: int) -> str:
    """A public key that is the same in every pytest-xdist worker (test ids name it)."""
    return str(X25519Identity(X25519PrivateKey.from_private_bytes(bytes([seed]) * 32)).recipient)


APPROVED, OTHER, OFFICE = fixed_key(1), fixed_key(2), fixed_key(3)


def policy_from(tmp_path: Path, text: str) -> Policy:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def plan(**fields: object) -> ExportPlan:
    given: dict[str, object] = {"source": Path("residents.csv"), "columns": ("氏名",), "output": Path("out.zip.age")}
    given.update(fields)
    if "passphrase" not in given and "recipients" not in given and "to" not in given:
        given["recipients"] = (APPROVED,)
    return ExportPlan(**given)  # type: ignore[arg-type]


def refusal(policy: Policy, checked: ExportPlan) -> PlanError:
    with pytest.raises(PlanError) as caught:
        policy.check(checked, HEADER, CATEGORIES)
    return caught.value


PROFILE = """
[profiles.centre]
version = "2026-11"
legal_basis = "条例第12条"
max_delete_days = 30
where = ["性別 = 女"]
recipients = ["{approved}"]
[profiles.centre.columns]
"氏名" = "keep"
"生年月日" = "age-band:10"
"個人番号" = "keep"

[profiles.plain]
version = 1
[profiles.plain.columns]
"個人番号" = "keep"
"氏名" = "keep"
"""


@pytest.mark.parametrize(
    ("rules", "fields", "rule", "english", "japanese"),
    [
        (
            'never_export = ["口座番号"]',
            {"columns": ("氏名", "口座番号")},
            "rules.never_export",
            "口座番号 may never",
            "口座番号 は持ち出しが禁止",
        ),
        (
            'never_export = ["ＭＹ_NUMBER"]',
            {"columns": ("個人番号",)},
            "rules.never_export",
            "of the kind my_number",
            "（my_number）",
        ),
        (
            'never_export = ["financial"]',
            {"columns": ("口座番号",)},
            "rules.never_export",
            "kind financial",
            "financial",
        ),
        ("", {"columns": ("個人番号",)}, "my_number", "only under a profile that cites a legal basis", "法令上の根拠"),
        ("", {"columns": ("個人番号",), "profile": "plain"}, "my_number", "cites a legal basis", "法令上の根拠"),
        ("require_profile = true", {}, "rules.require_profile", "must use a purpose profile", "目的プロファイルを選ぶ"),
        (
            "",
            {"columns": ("電話番号",), "profile": "centre"},
            "profiles.centre.columns",
            "not among the columns",
            "持ち出せる列ではありません",
        ),
        (
            "",
            {
                "columns": ("生年月日",),
                "profile": "centre",
                "transforms": {"生年月日": "year"},
                "where": (("性別 = 女",),),
            },
            "profiles.centre.columns",
            "must be exported as age-band:10, not year",
            "year ではなく age-band:10",
        ),
        (
            "",
            {"profile": "centre", "delete_by": date.today()},
            "profiles.centre.where",
            "limited by the profile's conditions: 性別 = 女",
            "性別 = 女",
        ),
        (
            "",
            {"profile": "centre", "where": (("性別 = 女",),)},
            "profiles.centre.max_delete_days",
            "delete-by date must be given",
            "削除期限を指定",
        ),
        (
            "",
            {"profile": "centre", "where": (("性別 = 女",),), "delete_by": date.today() + timedelta(days=31)},
            "profiles.centre.max_delete_days",
            "more than 30 days away",
            "30 日より先",
        ),
        ("require_purpose = true", {}, "rules.require_purpose", "purpose must be given", "利用目的を書く"),
        (
            "require_organisation = true",
            {"purpose": "x"},
            "rules.require_organisation",
            "organisation must be given",
            "受取先の名前",
        ),
        ("require_delete_by = true", {}, "rules.require_delete_by", "delete-by date must be given", "削除期限を指定"),
        (
            "allow_passphrase = false",
            {"passphrase": Secret(GENERATED)},
            "rules.allow_passphrase",
            "passphrase",
            "合言葉での暗号化は禁止",
        ),
        (
            f'approved_recipients = ["{APPROVED}"]',
            {"passphrase": Secret(GENERATED)},
            "rules.approved_recipients",
            "a passphrase cannot be used",
            "合言葉は使えません",
        ),
        (
            'envelopes = ["age-x25519"]',
            {"passphrase": Secret(GENERATED)},
            "rules.envelopes",
            "age-passphrase is not among",
            "age-passphrase は許可されていません",
        ),
        (
            'envelopes = ["age-passphrase"]',
            {},
            "rules.envelopes",
            "age-x25519 is not among",
            "age-x25519 は許可されていません",
        ),
        (
            "min_passphrase_bits = 60",
            {"passphrase": Secret("Sunflower-Tokyo-1999")},
            "rules.min_passphrase_bits",
            "bits strong; at least 60",
            "ビット以上が必要",
        ),
        ("require_office_key = true", {}, "rules.require_office_key", "but none is set", "その鍵が設定されていません"),
        (
            "require_office_key = true",
            {"passphrase": Secret(GENERATED)},
            "rules.require_office_key",
            "a passphrase export cannot be",
            "合言葉ではそれができません",
        ),
        (
            f'require_office_key = true\noffice_key = "{OFFICE}"',
            {"without_office_key": True},
            "rules.require_office_key",
            "may not be left out",
            "外すことはできません",
        ),
        (
            f'approved_recipients = ["{APPROVED}"]',
            {"recipients": (APPROVED, OTHER)},
            "rules.approved_recipients",
            f"{OTHER[:12]}… is not on the approved list",
            "承認された受取人ではありません",
        ),
        (
            "",
            {"profile": "centre", "where": (("性別 = 女",),), "delete_by": date.today(), "recipients": (OTHER,)},
            "profiles.centre.recipients",
            "is not approved for the profile centre",
            "目的プロファイル centre の受取人",
        ),
        (
            "",
            {
                "profile": "centre",
                "where": (("性別 = 女",),),
                "delete_by": date.today(),
                "passphrase": Secret(GENERATED),
            },
            "profiles.centre.recipients",
            "not to a passphrase",
            "合言葉は使えません",
        ),
    ],
)
def test_every_rule_refuses_a_plan_naming_the_rule_and_the_policy_file_in_both_languages(
    tmp_path, rules, fields, rule, english, japanese
):
    policy = policy_from(tmp_path, f"[rules]\n{rules}\n" + PROFILE.replace("{approved}", APPROVED))
    error = refusal(policy, plan(**fields))
    assert not isinstance(error.message, str)
    in_english = error.message.render("en")
    in_japanese = error.message.render("ja")
    assert in_english.startswith(f"The policy {policy.path} does not allow this export (rule {rule}): ")
    assert english in in_english
    assert in_japanese.startswith(f"ポリシー {policy.path} の規則 {rule} により、この書き出しはできません：")
    assert japanese in in_japanese


def test_max_rows_refuses_more_rows_than_allowed_naming_the_rule(tmp_path):
    policy = policy_from(tmp_path, "[rules]\nmax_rows = 100\n")
    policy.check_rows(100)
    with pytest.raises(PlanError) as caught:
        policy.check_rows(101)
    assert "(rule rules.max_rows): the export holds 101 rows; at most 100 are allowed." in str(caught.value.message)
    assert "101 行あります。許可されているのは 100 行まで" in caught.value.message.render("ja")  # type: ignore[union-attr]


def test_a_plan_that_meets_every_rule_passes(tmp_path):
    policy = policy_from(
        tmp_path,
        f'[rules]\nnever_export = ["my_number", "口座番号"]\napproved_recipients = ["{check_code(APPROVED)}"]\n'
        "require_purpose = true\nmin_passphrase_bits = 60\n",
    )
    policy.check(plan(columns=("氏名", "電話番号"), purpose="給付金の案内"), HEADER, CATEGORIES)


def test_my_number_leaves_under_a_profile_with_a_legal_basis_unless_never_export_names_it(tmp_path):
    fields = {
        "columns": ("個人番号", "氏名"),
        "profile": "centre",
        "where": (("性別 = 女",),),
        "delete_by": date.today(),
    }
    allowed = policy_from(tmp_path, "[rules]\n" + PROFILE.replace("{approved}", APPROVED))
    allowed.check(plan(**fields), HEADER, CATEGORIES)
    (tmp_path / "never").mkdir()
    never = policy_from(tmp_path / "never", '[rules]\nnever_export = ["my_number"]\n')
    assert "rules.never_export" in str(refusal(never, plan(columns=("個人番号",))))


def test_approved_recipients_match_by_machine_book_name_key_or_check_code(tmp_path, config):
    add_recipient("北区コールセンター", APPROVED)
    add_recipient("よその会社", OTHER)
    by_name = policy_from(tmp_path, '[rules]\napproved_recipients = ["北区コールセンター"]\n')
    unlocked = refusal(by_name, plan(recipients=(), to=("北区コールセンター",)))
    assert "names count only in the address book IT staff deploy beside the policy" in str(unlocked)
    assert str(tmp_path / "recipients.toml") in str(unlocked)
    assert "利用者が書き換えられるアドレス帳" in unlocked.message.render("ja")  # type: ignore[union-attr]
    book = config / "recipients.toml"
    book.write_text("locked = true\n" + book.read_text(encoding="utf-8"), encoding="utf-8")  # the clerk's own lock
    still = refusal(by_name, plan(recipients=(), to=("北区コールセンター",)))
    assert "rules.approved_recipients" in str(still)
    assert "names count only in the address book IT staff deploy" in str(still)
    machine = tmp_path / "recipients.toml"  # as IT deploys it, beside the policy
    machine.write_text(f'[[recipient]]\nname = "北区コールセンター"\nkey = "{APPROVED}"\n', encoding="utf-8")
    by_name.check(plan(recipients=(), to=("北区コールセンター",)), HEADER, CATEGORIES)
    by_name.check(plan(recipients=(APPROVED,)), HEADER, CATEGORIES)
    assert "よその会社 is not on the approved list" in str(refusal(by_name, plan(recipients=(), to=("よその会社",))))
    by_code = policy_from(tmp_path, f'[rules]\napproved_recipients = ["{check_code(OTHER)}"]\n')
    by_code.check(plan(recipients=(), to=("よその会社",)), HEADER, CATEGORIES)
    assert "rules.approved_recipients" in str(refusal(by_code, plan()))


def test_the_office_key_is_always_allowed_and_the_policy_key_wins_over_the_settings(tmp_path, config):
    set_office_key(OTHER, "settings' office")
    policy = policy_from(tmp_path, f'[rules]\noffice_key = "{OFFICE}"\napproved_recipients = ["{APPROVED}"]\n')
    office = policy.office_key()
    assert office is not None
    assert office.key == OFFICE
    policy.check(plan(recipients=(APPROVED, OFFICE)), HEADER, CATEGORIES)
    plain = policy_from(tmp_path, "[rules]\nrequire_office_key = true\n")
    plain.check(plan(), HEADER, CATEGORIES)  # the settings' office key is set: the rule is met


def test_a_profile_fills_what_the_clerk_left_empty_and_ands_its_filter(tmp_path):
    policy = policy_from(
        tmp_path,
        "[register]\npath = 'register.jsonl'\n"
        + PROFILE.replace("{approved}", APPROVED).replace(
            'version = "2026-11"', 'version = "2026-11"\npurpose = "案内"\norganisation = "株式会社サンプル"'
        ),
    )
    today = date(2026, 11, 30)
    empty = ExportPlan(source=Path("r.csv"), columns=(), output=Path("o.age"), profile="centre")
    applied = policy.apply(empty, today=today)
    assert applied.columns == ("氏名", "生年月日", "個人番号")
    assert applied.transforms == {"生年月日": "age-band:10"}
    assert applied.where == (("性別 = 女",),)
    assert applied.purpose == "案内"
    assert applied.recipient_organisation == "株式会社サンプル"
    assert applied.delete_by == today + timedelta(days=30)
    assert applied.recipients == (APPROVED,)
    policy.check(replace(applied, delete_by=date.today()), HEADER, CATEGORIES)
    if hasattr(applied, "register"):
        assert applied.register == tmp_path / "register.jsonl"
    chosen = replace(empty, columns=("氏名",), where=(("生年月日 < 1960-01-01",), ("氏名 contains 山",)), purpose="別")
    mine = policy.apply(chosen, today=today)
    assert mine.where == (("生年月日 < 1960-01-01", "性別 = 女"), ("氏名 contains 山", "性別 = 女"))
    assert mine.purpose == "別"
    assert mine.columns == ("氏名",)


def test_apply_never_silently_changes_a_choice_against_the_profile(tmp_path):
    policy = policy_from(tmp_path, PROFILE.replace("{approved}", APPROVED))
    chosen = plan(columns=("生年月日",), profile="centre", transforms={"生年月日": "year"}, recipients=(OTHER,))
    applied = policy.apply(chosen)
    assert applied.transforms == {"生年月日": "year"}
    assert applied.recipients == (OTHER,)
    assert "profiles.centre.columns" in str(refusal(policy, replace(applied, delete_by=date.today())))


def test_an_unknown_profile_is_refused_naming_the_known_ones(tmp_path):
    policy = policy_from(tmp_path, PROFILE.replace("{approved}", APPROVED))
    with pytest.raises(PolicyError) as caught:
        policy.apply(plan(profile="centr"))
    assert "has no profile centr (its profiles: centre, plain)" in str(caught.value)


def test_the_manifest_entry_holds_the_hash_and_the_profile(tmp_path):
    policy = policy_from(tmp_path, PROFILE.replace("{approved}", APPROVED))
    assert policy.manifest_entry(plan()) == {"sha256": policy.sha256}
    assert policy.manifest_entry(plan(profile="centre")) == {
        "sha256": policy.sha256,
        "profile": {"name": "centre", "version": "2026-11", "legal_basis": "条例第12条"},
    }


def test_locks_tell_the_wizard_what_is_decided_and_why(tmp_path):
    policy = policy_from(
        tmp_path,
        '[rules]\nnever_export = ["financial"]\nrequire_office_key = true\nrequire_purpose = true\n'
        + PROFILE.replace("{approved}", APPROVED),
    )
    locks = policy.locks(plan(profile="centre"), HEADER, CATEGORIES)
    by_subject = {(lock.kind, lock.subject): lock for lock in locks}
    assert by_subject["column", "口座番号"].rule == "rules.never_export"
    assert by_subject["column", "電話番号"].rule == "profiles.centre.columns"
    assert ("column", "氏名") not in by_subject
    assert ("column", "個人番号") not in by_subject  # the profile cites a legal basis
    assert "age-band:10" in by_subject["transform", "生年月日"].reason.render("en")
    assert by_subject["passphrase", ""].rule == "rules.require_office_key"
    assert by_subject["recipients", ""].rule == "profiles.centre.recipients"
    assert "30 日以内" in by_subject["delete_by", ""].reason.render("ja")
    assert ("purpose", "") in by_subject
    without_profile = {(lock.kind, lock.subject) for lock in policy.locks(plan(), HEADER, CATEGORIES)}
    assert ("column", "個人番号") in without_profile
    assert ("column", "電話番号") not in without_profile


def test_an_office_key_from_the_clerks_own_settings_must_itself_be_approved(tmp_path, config):
    """A clerk who sets any key as the 'office key' must not get past the approved list with it."""
    set_office_key(OTHER, "my own key")
    policy = policy_from(tmp_path, f'[rules]\napproved_recipients = ["{APPROVED}"]\n')
    refused = refusal(policy, plan())
    assert "rules.approved_recipients" in str(refused)
    plan_without = plan(without_office_key=True)
    policy.check(plan_without, HEADER, CATEGORIES)
    approving = policy_from(tmp_path, f'[rules]\napproved_recipients = ["{APPROVED}", "{check_code(OTHER)}"]\n')
    approving.check(plan(), HEADER, CATEGORIES)


@pytest.mark.parametrize("header", ["e\u200bmail", "no tes", "E-MAIL", "ｅｍａｉｌ", "email\u2060"])
def test_never_export_by_name_sees_through_invisible_characters_spaces_and_widths(tmp_path, header):
    policy = policy_from(tmp_path, '[rules]\nnever_export = ["email", "notes", "e-mail"]\n')
    checked = plan(columns=(header,))
    with pytest.raises(PlanError) as caught:
        policy.check(checked, (header,), ("other",))
    assert "rules.never_export" in str(caught.value)


def test_a_profile_counting_ages_refuses_another_reference_date(tmp_path):
    from datetime import date

    policy = policy_from(
        tmp_path,
        '[profiles.senior]\nversion = 1\nwhere = ["age(生年月日) >= 65"]\n[profiles.senior.columns]\n"氏名" = "keep"\n',
    )
    later = plan(profile="senior", where=(("age(生年月日) >= 65",),), reference_date=date(2200, 1, 1))
    assert "profiles.senior.where" in str(refusal(policy, later))
    policy.check(plan(profile="senior", where=(("age(生年月日) >= 65",),)), HEADER, CATEGORIES)


def test_under_a_policy_signing_key_another_key_is_refused(tmp_path):
    policy = policy_from(tmp_path, '[signing]\nkey = "office.key"\n')
    assert "signing.key" in str(refusal(policy, plan(signing_key=tmp_path / "mine.key")))
    policy.check(plan(signing_key=tmp_path / "office.key"), HEADER, CATEGORIES)


def test_a_clerks_book_cannot_change_the_key_behind_an_approved_name(tmp_path, config):
    machine = tmp_path / "recipients.toml"
    machine.write_text(
        f'locked = true\n[[recipient]]\nname = "北区コールセンター"\nkey = "{APPROVED}"\n', encoding="utf-8"
    )
    add_recipient("北区コールセンター", OTHER)  # the clerk's own book: the same name, another key
    (config / "recipients.toml").write_text(
        "locked = true\n" + (config / "recipients.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    by_name = policy_from(tmp_path, '[rules]\napproved_recipients = ["北区コールセンター"]\n')
    said = str(refusal(by_name, plan(recipients=(), to=("北区コールセンター",))))
    assert "rules.approved_recipients" in said
    assert "does not give this key" in said
    by_name.check(plan(recipients=(APPROVED,)), HEADER, CATEGORIES)  # the key the machine book gives


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="the administrator may write anything")
def test_a_machine_book_this_account_can_write_approves_nobody_by_name(tmp_path, config):
    machine = tmp_path / "recipients.toml"
    machine.write_text(f'[[recipient]]\nname = "北区コールセンター"\nkey = "{APPROVED}"\n', encoding="utf-8")
    add_recipient("北区コールセンター", APPROVED)
    by_name = policy_from(tmp_path, '[rules]\napproved_recipients = ["北区コールセンター"]\n')
    said = str(refusal(by_name, plan(recipients=(), to=("北区コールセンター",))))
    assert "can be changed by this account" in said
