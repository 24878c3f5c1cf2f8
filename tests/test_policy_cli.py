"""The IT policy end to end: ``exporter export`` (a real subprocess) with ``EXPORTER_POLICY`` pointing to a file in
the test's folder; archives are opened with Debian's ``age``; refusals name the rule and leave nothing behind."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exporter.policy import POLICY_ENV
from exporter.sample import sample_bytes
from tests.oracle_tools import age_decrypt, age_keygen, require_tool


def run(*args: object, policy: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop(POLICY_ENV, None)
    if policy is not None:
        environment[POLICY_ENV] = str(policy)
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(60, seed=11))
    return path


@pytest.fixture
def recipient(tmp_path: Path) -> tuple[Path, str]:
    require_tool("age")
    identity = tmp_path / "centre.key"
    return identity, age_keygen(identity)


def opened(archive: Path, identity: Path) -> tuple[dict[str, object], list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(age_decrypt(archive, identity))) as inner:
        manifest = json.loads(inner.read("manifest.json"))
        rows = list(csv.reader(io.StringIO(inner.read("data.csv").decode("utf-8-sig"))))
    return manifest, rows


def test_an_export_under_a_profile_follows_it_and_records_the_policy(tmp_path, residents, recipient):
    identity, key = recipient
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f"""
[rules]
never_export = ["my_number", "financial"]
approved_recipients = ["{key}"]
require_purpose = true

[profiles.relief]
title = "給付金の案内"
version = 4
legal_basis = "条例第12条"
purpose = "給付金の案内電話"
max_delete_days = 60
where = ["gender = 女"]

[profiles.relief.columns]
family_name = "keep"
phone = "keep"
birth_date = "age-band:10"
""",
        encoding="utf-8",
    )
    archive = tmp_path / "relief.zip.age"
    made = run(
        "export", residents, "--column", "family_name", "--column", "phone", "--column", "birth_date",
        "--recipient", key, "--output", archive, "--profile", "relief", policy=policy,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    manifest, rows = opened(archive, identity)
    assert manifest["policy"] == {
        "sha256": hashlib.sha256(policy.read_bytes()).hexdigest(),
        "profile": {"name": "relief", "version": 4, "legal_basis": "条例第12条"},
    }
    assert manifest["purpose"] == "給付金の案内電話"
    assert manifest["transforms"] == {"birth_date": {"kind": "age-band", "argument": 10}}
    assert manifest["row_filter"]["where"] == [["gender = 女"]]
    assert manifest["delete_by"] is not None
    source = list(csv.DictReader(io.StringIO(residents.read_text(encoding="utf-8"))))
    women = [row for row in source if row["gender"] == "女"]
    assert rows[0] == ["family_name", "phone", "birth_date"]
    assert [row[0] for row in rows[1:]] == [row["family_name"] for row in women]
    assert all(row[2] == "" or (row[2].endswith("9") and "～" in row[2]) for row in rows[1:])


def test_a_profile_with_recipients_needs_no_recipient_on_the_command_line(tmp_path, residents, recipient):
    identity, key = recipient
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f"""
[rules]
approved_recipients = ["{key}"]

[profiles.calls]
version = 1
purpose = "案内電話"
recipients = ["{key}"]

[profiles.calls.columns]
family_name = "keep"
""",
        encoding="utf-8",
    )
    archive = tmp_path / "calls.zip.age"
    made = run("export", residents, "--profile", "calls", "--output", archive, policy=policy)
    assert made.returncode == 0, made.stderr
    manifest, rows = opened(archive, identity)
    assert rows[0] == ["family_name"]
    assert [entry["recipient"] for entry in manifest["recipients"]] == [key]

    policy.write_text(policy.read_text(encoding="utf-8").replace(f'recipients = ["{key}"]\n', ""), "utf-8")
    refused = run("export", residents, "--profile", "calls", "--output", tmp_path / "none.zip.age", policy=policy)
    assert refused.returncode == 1
    assert "recipient" in refused.stderr
    assert not (tmp_path / "none.zip.age").exists()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_refused_export_names_the_rule_and_the_file_and_writes_nothing(tmp_path, residents, recipient, language):
    _, key = recipient
    policy = tmp_path / "policy.toml"
    policy.write_text('[rules]\nnever_export = ["my_number"]\nmax_rows = 10\n', encoding="utf-8")
    archive = tmp_path / "out.zip.age"
    refused = run(
        "--lang", language, "export", residents, "--column", "family_name", "--column", "my_number",
        "--recipient", key, "--output", archive, policy=policy,
    )  # fmt: skip
    assert refused.returncode == 1
    expected = {
        "en": f"exporter: error: The policy {policy} does not allow this export (rule rules.never_export): the "
        "column my_number may never leave the office.",
        "ja": f"exporter: error: ポリシー {policy} の規則 rules.never_export により、この書き出しはできません："
        "列 my_number は持ち出しが禁止されています。",
    }[language]
    assert refused.stderr.strip() == expected
    too_many = run(
        "--lang", language, "export", residents, "--column", "family_name", "--recipient", key, "--output", archive,
        policy=policy,
    )  # fmt: skip
    assert too_many.returncode == 1
    assert "rules.max_rows" in too_many.stderr
    assert str(policy) in too_many.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["centre.key", "policy.toml", "residents.csv"]


def test_the_minimal_policy_refuses_my_number_by_its_values_whatever_the_header(tmp_path, residents, recipient):
    _, key = recipient
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(residents.read_text(encoding="utf-8").replace("my_number", "項目003", 1), encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[register]\npath = "/var/lib/exporter/register.jsonl"\n\n[rules]\nnever_export = ["my_number"]\n',
        encoding="utf-8",
    )
    refused = run(
        "export", renamed, "--column", "項目003", "--recipient", key, "--output", tmp_path / "o.age", policy=policy
    )
    assert refused.returncode == 1
    assert "(rule rules.never_export): the column 項目003 holds data of the kind my_number" in refused.stderr


def test_a_profile_without_a_policy_is_refused_and_no_policy_exports_as_before(tmp_path, residents, recipient):
    identity, key = recipient
    archive = tmp_path / "plain.zip.age"
    asked = run("export", residents, "--column", "my_number", "--recipient", key, "--output", archive, "--profile", "x")
    assert asked.returncode == 1
    assert "The profile x was asked for, but no IT policy is in force." in asked.stderr
    if Path("/etc/exporter/policy.toml").exists():
        pytest.skip("this machine has a policy in force")
    made = run("export", residents, "--column", "my_number", "--recipient", key, "--output", archive)
    assert made.returncode == 0, made.stderr
    manifest, rows = opened(archive, identity)
    assert "policy" not in manifest
    assert len(rows) == 61


def test_a_broken_policy_stops_every_export_with_its_line(tmp_path, residents, recipient):
    _, key = recipient
    policy = tmp_path / "policy.toml"
    policy.write_text('[rules]\nnever_export = ["my_number"]\nmax_rows = -1\n', encoding="utf-8")
    refused = run("export", residents, "--column", "family_name", "--recipient", key, "--output", tmp_path / "o.age",
                  policy=policy)  # fmt: skip
    assert refused.returncode == 1
    assert f"exporter: error: {policy}, line 3: the value of rules.max_rows is not allowed" in refused.stderr


def test_the_policys_office_key_is_added_and_recorded_as_the_office(tmp_path, residents, recipient):
    _, key = recipient
    office_identity = tmp_path / "office.key"
    office = age_keygen(office_identity)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'[rules]\noffice_key = "{office}"\nrequire_office_key = true\napproved_recipients = ["{key}"]\n',
        encoding="utf-8",
    )
    archive = tmp_path / "o.zip.age"
    made = run("export", residents, "--column", "phone", "--recipient", key, "--output", archive, policy=policy)
    assert made.returncode == 0, made.stderr
    manifest, _ = opened(archive, office_identity)  # the office opens it with its own key
    roles = {entry["recipient"]: entry.get("role") for entry in manifest["recipients"]}  # type: ignore[attr-defined]
    assert roles[office] == "office"
    assert manifest["office_copy"] is True
    refused = run(
        "export", residents, "--column", "phone", "--generate-passphrase", "--no-office-key", "--output",
        tmp_path / "p.zip.age", policy=policy,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "rules." in refused.stderr
    assert not (tmp_path / "p.zip.age").exists()


def test_run_export_checks_the_policy_itself_so_no_client_can_skip_it(tmp_path, residents, monkeypatch):
    from exporter.envelope import X25519Identity
    from exporter.errors import PlanError
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan

    policy = tmp_path / "policy.toml"
    policy.write_text('[rules]\nnever_export = ["phone"]\n', encoding="utf-8")
    monkeypatch.setenv(POLICY_ENV, str(policy))
    archive = tmp_path / "wizard.zip.age"
    key = str(X25519Identity.generate().recipient)
    plan = ExportPlan(source=residents, columns=("family_name", "phone"), output=archive, recipients=(key,))
    with pytest.raises(PlanError) as caught:
        run_export(plan)  # as the wizard calls it: no apply() first
    assert "(rule rules.never_export): the column phone may never leave the office." in str(caught.value)
    assert not archive.exists()
    result = run_export(ExportPlan(source=residents, columns=("family_name",), output=archive, recipients=(key,)))
    assert result.manifest["policy"] == {"sha256": hashlib.sha256(policy.read_bytes()).hexdigest()}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_broken_policy_in_force_says_it_is_the_it_policy_and_to_ask_it_staff(tmp_path, residents, language):
    policy = tmp_path / "policy.toml"
    policy.write_text('[rules]\nmax_rows = "many"\n', encoding="utf-8")
    archive = tmp_path / "x.zip.age"
    key = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"
    made = run("--lang", language, "export", residents, "--column", "family_name", "--recipient", key, "--output",
               archive, policy=policy)  # fmt: skip
    assert made.returncode == 1
    error, hint = made.stderr.splitlines()[:2]
    assert error.startswith(f"exporter: error: {policy}")
    assert hint.startswith("exporter: hint: ")
    assert f"exporter policy check {policy}" in hint
    assert ("ask IT staff" if language == "en" else "IT 担当者に連絡") in hint
    assert not archive.exists()
