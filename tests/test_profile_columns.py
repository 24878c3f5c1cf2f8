"""``exporter export --profile NAME`` takes its columns from the profile when no --column is given, as the wizard
does; without a profile --column (and --output) stay required, said as a usage error."""

from __future__ import annotations

from pathlib import Path

from exporter.sample import sample_bytes
from tests.oracle_tools import age_keygen, require_tool
from tests.test_policy_cli import opened, run


def test_a_profile_without_column_options_exports_the_profiles_columns_in_its_order(tmp_path):
    require_tool("age")
    identity = tmp_path / "centre.key"
    key = age_keygen(identity)
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(40, seed=4))
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[profiles.relief]\nversion = 1\n[profiles.relief.columns]\ngiven_name = "keep"\nfamily_name = "keep"\n'
        'birth_date = "year"\n',
        encoding="utf-8",
    )
    archive = tmp_path / "relief.zip.age"
    made = run("export", residents, "--profile", "relief", "--recipient", key, "--output", archive, policy=policy)
    assert made.returncode == 0, made.stderr
    manifest, rows = opened(archive, identity)
    assert rows[0] == ["given_name", "family_name", "birth_date"]
    assert manifest["transforms"] == {"birth_date": {"kind": "year"}}
    assert len(rows) == 41


def test_without_a_profile_column_is_still_required_as_a_usage_error(tmp_path):
    given = run("export", tmp_path / "x.csv", "--output", tmp_path / "o.zip.age", "--recipient", "age1x")
    assert given.returncode == 2
    assert given.stderr.splitlines()[-1].endswith("the following arguments are required: --column")


def test_a_profile_without_columns_and_without_a_policy_says_there_is_no_policy(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(5, seed=4))
    given = run("export", residents, "--profile", "relief", "--output", tmp_path / "o.zip.age", "--recipient", "age1x")
    assert given.returncode == 1
    assert "no IT policy is in force" in given.stderr
    assert not Path(tmp_path / "o.zip.age").exists()
