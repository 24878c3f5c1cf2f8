"""A bad ``--signing-key`` path (missing, a folder, a device, unreadable) is said in one sentence naming the path and
what to do, in both languages, before any passphrase is asked for or any work is done."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exporter.sample import sample_bytes
from tests.test_policy_cli import run

KEY = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"
CASES = {
    "missing": ("There is no signing key file at {path}: give the path", "{path} に署名用の鍵のファイルがありません"),
    "folder": ("{path} is a folder, not a signing key file", "{path} はフォルダーです。署名用の鍵のファイルそのもの"),
    "inside_a_file": ("There is no signing key file at {path}", "{path} に署名用の鍵のファイルがありません"),
    "device": ("{path} is not a regular file (a pipe or a device)", "{path} は通常のファイルではありません"),
}


def bad_path(tmp_path: Path, case: str) -> Path:
    if case == "missing":
        return tmp_path / "office-signing.key"
    if case == "folder":
        (tmp_path / "keys").mkdir()
        return tmp_path / "keys"
    if case == "inside_a_file":
        (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
        return tmp_path / "plain.txt" / "office.key"
    return Path("/dev/null")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("with_passphrase", [False, True])
def test_a_bad_signing_key_path_is_named_with_what_to_do_in_both_languages(tmp_path, case, with_passphrase):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(5, seed=1))
    key = bad_path(tmp_path, case)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("correct horse battery staple", encoding="utf-8")
    extra = ("--signing-passphrase-file", passphrase) if with_passphrase else ()
    for language, expected in zip(("en", "ja"), CASES[case], strict=True):
        done = run("--lang", language, "export", residents, "--column", "family_name", "--recipient", KEY,
                   "--output", tmp_path / "out.zip.age", "--signing-key", key, *extra)  # fmt: skip
        assert done.returncode == 1
        errors = [line for line in done.stderr.splitlines() if line.startswith("exporter: error: ")]
        assert len(errors) == 1, done.stderr
        assert expected.format(path=key) in errors[0]
        assert "passphrase" not in errors[0]
        assert "合言葉" not in errors[0]
        assert "identity" not in errors[0]
        assert not (tmp_path / "out.zip.age").exists()


def test_the_policys_signing_key_path_is_checked_the_same_way(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(5, seed=1))
    policy = tmp_path / "policy.toml"
    policy.write_text('[signing]\nkey = "keys/office.key"\n', encoding="utf-8")
    done = run("--lang", "en", "export", residents, "--column", "family_name", "--recipient", KEY,
               "--output", tmp_path / "out.zip.age", policy=policy)  # fmt: skip
    assert done.returncode == 1
    assert f"There is no signing key file at {tmp_path / 'keys' / 'office.key'}" in done.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_a_signing_key_this_account_cannot_read_is_named(tmp_path):
    residents = tmp_path / "residents.csv"
    residents.write_bytes(sample_bytes(5, seed=1))
    key = tmp_path / "office.key"
    key.write_text("x", encoding="utf-8")
    key.chmod(0)
    done = run("--lang", "en", "export", residents, "--column", "family_name", "--recipient", KEY,
               "--output", tmp_path / "out.zip.age", "--signing-key", key)  # fmt: skip
    assert done.returncode == 1
    assert f"The signing key file {key} cannot be read by this account" in done.stderr
