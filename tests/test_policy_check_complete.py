"""``exporter policy check`` finds what it used to miss: a profile's row filter that does not parse (by the parser of
--where, with or without a source), a ``never_export`` entry that forbids nothing (a misspelt category, or with
--source anything that is neither a category nor a column), and every problem at once, each with its line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.policy import POLICY_ENV, load_policy, policy_problems
from exporter.sample import sample_bytes


def run(*args: object) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop(POLICY_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_lines(stderr: str) -> list[int]:
    return [int(found.group(1)) for found in re.finditer(r"exporter: error: .*?, line (\d+):", stderr)]


@pytest.mark.parametrize(
    "condition",
    ["gender >< 3", "age(birth_date >= 65", "birth_date >= 去年", "[氏名 = x", "gender 女", "gender ="],
)
def test_a_profile_filter_that_does_not_parse_is_named_with_its_line_without_a_source(tmp_path, condition):
    path = written(
        tmp_path,
        f'[profiles.a]\nversion = 1\nwhere = [\n  "gender = 女",\n  {condition!r},\n]\n'
        '[profiles.a.columns]\nfamily_name = "keep"\n',
    )
    checked = run("policy", "check", path)
    assert checked.returncode == 1, checked.stdout
    assert error_lines(checked.stderr) == [5]
    assert "a row filter of the profile a is not valid" in checked.stderr


def test_valid_filters_with_spaced_quoted_and_age_columns_pass_without_a_source(tmp_path):
    path = written(
        tmp_path,
        "[profiles.a]\nversion = 1\n"
        'where = [["住民税 区分 = 非課税", "age(生年月日) >= 65"], ["[性 別] in (女, 男)"]]\n'
        '[profiles.a.columns]\n"氏名" = "keep"\n',
    )
    assert policy_problems(path) == []
    assert load_policy(path).profiles["a"].where[0] == ("住民税 区分 = 非課税", "age(生年月日) >= 65")


def test_with_a_source_a_filter_on_a_column_the_file_lacks_is_named(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(20, seed=1))
    path = written(
        tmp_path, '[profiles.a]\nversion = 1\nwhere = ["sex = 女"]\n[profiles.a.columns]\nfamily_name = "keep"\n'
    )
    assert run("policy", "check", path).returncode == 0
    checked = run("policy", "check", path, "--source", residents)
    assert checked.returncode == 1
    assert error_lines(checked.stderr) == [3]
    assert "sex" in checked.stderr


def test_a_misspelt_category_in_never_export_is_named_with_its_line(tmp_path):
    path = written(tmp_path, '[rules]\nnever_export = [\n  "my_number",\n  "finacial",\n  "口座番号",\n]\n')
    checked = run("policy", "check", path)
    assert checked.returncode == 1
    assert error_lines(checked.stderr) == [4]
    assert "finacial" in checked.stderr
    assert "did you mean financial" in checked.stderr


def test_with_a_source_a_never_export_entry_that_is_neither_category_nor_column_is_named(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(20, seed=1))
    path = written(tmp_path, '[rules]\nnever_export = ["my_number", "account_number", "口座番号", "Notes"]\n')
    assert run("policy", "check", path).returncode == 0  # without the file, 口座番号 may be one of its columns
    checked = run("policy", "check", path, "--source", residents)
    assert checked.returncode == 1
    assert error_lines(checked.stderr) == [2]
    assert "口座番号" in checked.stderr
    assert "account_number" not in checked.stderr  # a column of the file
    assert "Notes" not in checked.stderr  # compared as the rules compare names


def test_every_problem_is_reported_at_once_each_with_its_line(tmp_path):
    path = written(
        tmp_path,
        "[rules]\n"
        'never_export = ["finacial"]\n'  # 2
        'office_key = "age1notakey"\n'  # 3
        "colour = 1\n"  # 4
        "[profiles.a]\n"
        "version = 1\n"
        'recipients = ["age1qqqq"]\n'  # 7
        'where = ["gender >< 女"]\n'  # 8
        "[profiles.a.columns]\n"
        'x = "scramble"\n'  # 10
        'y = "mask:999"\n',  # 11
    )
    checked = run("policy", "check", path)
    assert checked.returncode == 1
    assert sorted(error_lines(checked.stderr)) == [2, 3, 4, 7, 8, 10, 11]


def test_with_a_source_every_missing_profile_column_is_named(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(20, seed=1))
    path = written(
        tmp_path, '[profiles.a]\nversion = 1\n[profiles.a.columns]\nfamily_name = "keep"\nx = "keep"\ny = "keep"\n'
    )
    checked = run("policy", "check", path, "--source", residents)
    assert checked.returncode == 1
    assert error_lines(checked.stderr) == [5, 6]
