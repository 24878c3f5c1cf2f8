"""``policy.toml``: what a valid file means, and every refusal of a bad one naming the file and the line, in both
languages, through ``load_policy`` and ``exporter policy check`` (a real subprocess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.policy import POLICY_ENV, load_policy, policy_in_force, policy_path
from exporter.policy_file import PolicyError, key_line
from exporter.sample import sample_bytes

README = Path(__file__).resolve().parent.parent / "README.md"
MINIMAL = """\
[register]
path = "/var/lib/exporter/register.jsonl"

[rules]
never_export = ["my_number"]   # column names or categories
"""


def run(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop(POLICY_ENV, None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def written(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    return caught.value


def readme_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### IT policy (policy.toml)") :]
    section = section[: section.index("\n## ")]
    return re.findall(r"```toml\n(.*?)```", section, re.S)


def test_the_minimal_policy_of_the_issue_means_a_register_and_no_my_number(tmp_path):
    policy = load_policy(written(tmp_path, MINIMAL))
    assert policy.register_path == Path("/var/lib/exporter/register.jsonl")
    assert policy.rules.never_export == ("my_number",)
    assert policy.profiles == {}
    assert policy.rules.approved_recipients is None
    assert policy.rules.passphrase_allowed
    import hashlib

    assert policy.sha256 == hashlib.sha256(MINIMAL.encode()).hexdigest()


def test_the_readme_shows_the_minimal_policy_and_a_full_example_that_is_valid(tmp_path):
    blocks = readme_blocks()
    assert len(blocks) == 2
    assert blocks[0] == MINIMAL
    full = load_policy(written(tmp_path, blocks[1]))
    assert set(full.profiles) == {"call_centre", "my_number_match"}
    centre = full.profiles["call_centre"]
    assert centre.columns["生年月日"] == "age-band:10"
    assert centre.where == (("住民税区分 = 非課税", "age(生年月日) >= 65"),)
    assert full.profiles["my_number_match"].legal_basis
    assert full.rules.require_office_key
    assert full.rules.envelopes == ("age-x25519",)
    assert full.signing_key_path is not None
    assert full.register_path is not None
    checked = run("policy", "check", tmp_path / "policy.toml")
    assert checked.returncode == 0, checked.stderr
    assert "2 purpose profiles" in checked.stdout


@pytest.mark.parametrize(
    ("profiles", "said"),
    [
        ("", "(no purpose profile)"),
        ('[profiles.a]\nversion = 1\ncolumns = { "氏名" = "keep" }\n', "(1 purpose profile)"),
    ],
)
def test_policy_check_counts_its_profiles_in_words(tmp_path, profiles, said):
    written(tmp_path, '[rules]\nnever_export = ["my_number"]\n' + profiles)
    checked = run("policy", "check", tmp_path / "policy.toml")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.rstrip().endswith(f"is a valid policy {said}.")


@pytest.mark.parametrize(
    ("text", "line", "english", "japanese"),
    [
        ('[rules]\nnever_export = ["my_number"\n', 2, "not valid TOML", "TOML として正しくありません"),
        ("[rules]\nmax_rows = 5\nmax_rows = 6\n", 3, "not valid TOML", "TOML として正しくありません"),
        ("[rules]\nmax_rows = 10\ncolour = 1\n", 3, "colour is not a setting of [rules]", "colour は [rules] の"),
        (
            "[register]\npath = 'x'\n\n[reigster]\npath = 'y'\n",
            4,
            "reigster is not a section or setting",
            "reigster はポリシーファイルの節",
        ),
        (
            '[profiles.a]\nversion = 1\ncolumns = { "氏名" = "keep" }\nmax_delete = 3\n',
            4,
            "max_delete is not a setting of [profiles.a]",
            "max_delete は [profiles.a] の設定項目",
        ),
        ('[rules]\nmax_rows = "many"\n', 2, "rules.max_rows must be a whole number", "rules.max_rows は整数"),
        ('[rules]\n\nrequire_purpose = "yes"\n', 3, "must be true or false", "true か false"),
        ("[rules]\nmax_rows = 0\n", 2, "at least 1", "1 以上"),
        ('[rules]\nenvelopes = ["age-x25519", "7z"]\n', 2, "one of age-x25519, age-passphrase", "いずれか"),
        ('[profiles.a]\ncolumns = { x = "keep" }\n', 1, "[profiles.a] needs version", "version が必要"),
        (
            '[profiles.a]\nversion = 1\n\n[profiles.a.columns]\n"氏名" = "keep"\n"生年月日" = "age-band:7000"\n',
            6,
            "the column 生年月日 has a transform that does not exist",
            "列 生年月日 の変換方法が正しくありません",
        ),
        (
            '[profiles.a]\nversion = 1\n[profiles.a.columns]\n"住所" = "scramble"\n',
            4,
            "scramble",
            "scramble",
        ),
        (
            '[source]\ncolumns = ["氏名", "住所"]\n[profiles.a]\nversion = 1\n[profiles.a.columns]\n"氏名" = "keep"\n'
            '"電話" = "keep"\n',
            7,
            "names the column 電話, which is not among [source] columns",
            "列 電話 は [source] columns にありません",
        ),
        (
            '[rules]\nnever_export = ["口座番号"]\n[profiles.a]\nversion = 1\n[profiles.a.columns]\n'
            '"口座番号" = "mask:4"\n',
            6,
            "rules.never_export forbids",
            "rules.never_export で禁止",
        ),
        (
            '[source]\ncolumns = ["氏名", "年齢"]\n[profiles.a]\nversion = 1\nwhere = ["年令 >= 65"]\n'
            '[profiles.a.columns]\n"氏名" = "keep"\n',
            5,
            "a row filter of the profile a is not valid",
            "行の条件が正しくありません",
        ),
        ('[rules]\noffice_key = "age1notakey"\n', 2, "not a valid public key", "正しい公開鍵ではありません"),
        (
            '[profiles.a]\nversion = 1\nrecipients = ["age1qqqq"]\ncolumns = { x = "keep" }\n',
            3,
            "not a valid public key",
            "正しい公開鍵ではありません",
        ),
        ("[rules]\nrequire_profile = true\n", 2, "has no profile", "目的プロファイルが1つもありません"),
    ],
)
def test_a_bad_policy_is_refused_naming_the_file_and_the_line_in_both_languages(
    tmp_path, text, line, english, japanese
):
    path = written(tmp_path, text)
    error = refusal(path)
    assert not isinstance(error.message, str)
    assert f"{path}, line {line}: " in error.message.render("en")
    assert english in error.message.render("en")
    assert f"{path} の {line} 行目：" in error.message.render("ja")
    assert japanese in error.message.render("ja")
    checked = run("--lang", "ja", "policy", "check", path)
    assert checked.returncode == 1
    assert checked.stderr.startswith(f"exporter: error: {path} の {line} 行目：")
    assert checked.stdout == ""


def test_a_secret_key_in_the_policy_is_refused_without_being_repeated(tmp_path):
    secret = X25519Identity.generate().secret_text()
    path = written(tmp_path, f'[rules]\napproved_recipients = ["北区", "{secret}"]\n')
    checked = run("policy", "check", path)
    assert checked.returncode == 1
    assert "line 2: this is a secret key" in checked.stderr
    assert secret not in checked.stderr + checked.stdout
    assert secret.split("1", 1)[1][:10] not in checked.stderr


def test_an_unknown_key_names_the_settings_allowed_there(tmp_path):
    error = refusal(written(tmp_path, "[rules]\nmax_row = 5\n"))
    assert error.hint is not None
    assert "max_rows" in str(error.hint)


def test_japanese_names_without_quotes_get_a_hint_to_quote_them(tmp_path):
    bad = written(tmp_path, "[profiles.a]\nversion = 1\n[profiles.a.columns]\n氏名 = 'keep'\n")
    checked = run("policy", "check", bad)
    assert checked.returncode == 1
    assert "line 4" in checked.stderr
    assert "exporter: hint: Names in Japanese must be written in double quotes" in checked.stderr


def test_key_line_finds_tables_dotted_and_quoted_keys_and_falls_back_to_the_nearest():
    text = (
        "# comment\n"
        "[rules]\n"
        "max_rows = 5\n"
        '[profiles."call centre"]\n'
        "version = 1\n"
        "columns.'氏名' = 'keep'\n"
        "where = [\n"
        '  "a = 1",\n'
        "]\n"
    )
    assert key_line(text, ["rules", "max_rows"]) == 3
    assert key_line(text, ["profiles", "call centre"]) == 4
    assert key_line(text, ["profiles", "call centre", "columns", "氏名"]) == 6
    assert key_line(text, ["profiles", "call centre", "where", "0"]) == 7
    assert key_line(text, ["nothing"]) == 1


def test_policy_check_with_a_source_finds_a_profile_column_the_file_does_not_have(tmp_path):
    source = tmp_path / "residents.csv"
    source.write_bytes(sample_bytes(5, seed=1))
    good = written(tmp_path, '[profiles.a]\nversion = 1\n[profiles.a.columns]\nphone = "keep"\n', "good.toml")
    assert run("policy", "check", good, "--source", source).returncode == 0
    bad = written(tmp_path, '[profiles.a]\nversion = 1\n[profiles.a.columns]\nphone = "keep"\nfax = "keep"\n')
    checked = run("policy", "check", bad, "--source", source)
    assert checked.returncode == 1
    assert f"line 5: the profile a names the column fax, which {source} does not have" in checked.stderr


def test_policy_path_prefers_the_environment_even_when_the_file_is_missing(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere.toml"
    monkeypatch.setenv(POLICY_ENV, str(missing))
    assert policy_path() == missing
    with pytest.raises(PolicyError) as caught:
        policy_in_force()
    assert str(missing) in str(caught.value)
    monkeypatch.delenv(POLICY_ENV)
    expected = Path("/etc/exporter/policy.toml")
    assert policy_path() == (expected if expected.exists() else None)


def test_a_deployed_policy_cannot_be_set_aside_by_the_environment(tmp_path, monkeypatch):
    """A clerk who points EXPORTER_POLICY at an empty file still exports under the policy IT deployed."""
    import exporter.policy as policy_module

    deployed = written(tmp_path, '[rules]\nnever_export = ["my_number"]\n')
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setattr(policy_module, "system_policy_path", lambda: deployed)
    monkeypatch.setenv(POLICY_ENV, str(empty))
    assert policy_path() == deployed
    found = policy_in_force()
    assert found is not None
    assert found.rules.never_export == ("my_number",)


def test_relative_paths_are_relative_to_the_policy_file(tmp_path):
    policy = load_policy(written(tmp_path, '[register]\npath = "records/register.jsonl"\n[signing]\nkey = "o.key"\n'))
    assert policy.register_path == tmp_path / "records" / "register.jsonl"
    assert policy.signing_key_path == tmp_path / "o.key"


def test_policy_show_prints_the_policy_in_force_or_that_there_is_none(tmp_path):
    path = written(tmp_path, readme_blocks()[1])
    shown = run("policy", "show", env={POLICY_ENV: str(path)})
    assert shown.returncode == 0, shown.stderr
    assert f"IT policy: {path}" in shown.stdout
    assert "Never exported: 口座番号, 備考, financial, special" in shown.stdout
    assert "Purpose profile call_centre (臨時給付金 コールセンター委託), version 2026-11" in shown.stdout
    assert "column 生年月日: age-band:10" in shown.stdout
    assert "Passphrases: not allowed" in shown.stdout
    shown_ja = run("--lang", "ja", "policy", "show", env={POLICY_ENV: str(path)})
    assert "持ち出し禁止：口座番号, 備考, financial, special" in shown_ja.stdout
    assert "目的プロファイル call_centre" in shown_ja.stdout
    environment = {key: value for key, value in os.environ.items() if key != POLICY_ENV}
    none = subprocess.run(
        [sys.executable, "-m", "exporter", "policy", "show"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    if not Path("/etc/exporter/policy.toml").exists():
        assert none.returncode == 0
        assert "No IT policy is in force" in none.stdout


def test_policy_check_lists_every_problem_it_can_find_with_its_line(tmp_path):
    path = written(
        tmp_path,
        "[rules]\n"
        "max_rows = 0\n"  # 2: bad value
        "colour = 1\n"  # 3: unknown key
        'envelopes = ["7z"]\n'  # 4: bad value
        "[profiles.a]\n"
        "version = 1\n"
        "[profiles.a.columns]\n"
        '"氏名" = "scramble"\n'  # 8: no such transform
        "[profiles.b]\n"
        "version = 2\n"
        "colour = 3\n",  # 11: unknown key
    )
    checked = run("policy", "check", path)
    assert checked.returncode == 1
    errors = [line for line in checked.stderr.splitlines() if line.startswith("exporter: error: ")]
    lines = sorted(int(re.search(r", line (\d+):", line).group(1)) for line in errors)  # type: ignore[union-attr]
    assert lines == [2, 3, 4, 8, 9, 11]  # 9: [profiles.b] needs columns; 8: all at once, with the shape's problems
    fixed = path.read_text(encoding="utf-8").replace("max_rows = 0", "max_rows = 5").replace("colour = 1\n", "")
    fixed = fixed.replace('["7z"]', '["age-x25519"]').replace("colour = 3\n", "columns = { x = 'keep' }\n")
    path.write_text(fixed, encoding="utf-8")
    again = run("policy", "check", path)
    assert again.returncode == 1
    assert again.stderr.count("exporter: error: ") == 1
    assert "line 7: the column 氏名 has a transform that does not exist" in again.stderr  # colour = 1 went


def test_a_pipe_as_the_policy_file_is_refused_not_read_as_an_empty_policy(tmp_path):
    fifo = tmp_path / "policy.toml"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError) as caught:
        load_policy(fifo)
    assert "not a regular file" in str(caught.value)


def test_one_run_finds_the_problems_behind_a_bad_list_item_and_a_profile_without_version(tmp_path):
    """A wrong item of a list no longer hides the list's other items, and a profile without its version still has
    its columns and row filters checked: what used to take three runs of policy check is said in one."""
    path = written(
        tmp_path,
        "[rules]\n"
        'never_export = ["my_number", "finacial", 5]\n'  # 2: 5 is not text; finacial is no kind of data
        'envelopes = ["age-x25519", "rot13"]\n'  # 3: rot13 is not an envelope
        "[profiles.cc]\n"  # 4: needs version
        'where = ["foo = ", "age(birth_date) >= sixty"]\n'  # 5: two row filters that do not parse
        "[profiles.cc.columns]\n"
        '"phone" = "mask:200"\n'  # 7: mask's number out of range
        '"birth_date" = "age-band"\n',  # 8: age-band needs its width
    )
    checked = run("--lang", "en", "policy", "check", path)
    assert checked.returncode == 1
    errors = [line for line in checked.stderr.splitlines() if line.startswith("exporter: error: ")]
    said = "\n".join(errors)
    assert "rules.never_export must be text in quotes" in said
    assert "finacial, which is not a kind of data" in said
    assert "rules.envelopes is not allowed" in said
    assert "[profiles.cc] needs version" in said
    assert "“foo =” has no value" in said
    assert "“sixty” is not a whole number" in said
    assert "line 7: the column phone has a transform that does not exist" in said
    assert "line 8: the column birth_date has a transform that does not exist" in said
    assert len(errors) == 8


def test_policy_check_says_when_no_export_or_no_export_under_a_profile_is_possible(tmp_path):
    approved, other = (str(X25519Identity.generate().recipient) for _ in range(2))
    path = written(
        tmp_path,
        "[rules]\n"
        'envelopes = ["age-passphrase"]\n'  # 2: only a passphrase...
        "allow_passphrase = false\n"  # ... which is forbidden
        f'approved_recipients = ["{approved}"]\n'
        "[profiles.calls]\n"
        "version = 1\n"
        f'recipients = ["{other}", "{approved}"]\n'  # 7: other is not approved
        'columns = { "氏名" = "keep" }\n',
    )
    checked = run("--lang", "en", "policy", "check", path)
    assert checked.returncode == 1
    assert "line 2: rules.envelopes allows only a passphrase, which rules.allow_passphrase forbids" in checked.stderr
    assert f"line 7: the profile calls names the recipient {other}, which rules.approved_recipients" in checked.stderr
    assert checked.stderr.count("exporter: error: ") == 2

    office = written(tmp_path, '[rules]\nenvelopes = ["age-passphrase"]\nrequire_office_key = true\n', "office.toml")
    assert "cannot also be for the office key" in run("--lang", "en", "policy", "check", office).stderr

    profile = f'[profiles.calls]\nversion = 1\nrecipients = ["{approved}"]\ncolumns = {{ "氏名" = "keep" }}\n'
    fine = written(tmp_path, f'[rules]\napproved_recipients = ["{approved}"]\n' + profile, "fine.toml")
    assert run("policy", "check", fine).returncode == 0


def test_dead_ends_are_said_with_the_other_problems_and_an_empty_approved_list_is_one(tmp_path):
    approved, other = (str(X25519Identity.generate().recipient) for _ in range(2))
    path = written(
        tmp_path,
        "[rules]\n"
        'max_rows = "many"\n'  # 2: a problem of its own
        f'approved_recipients = ["{approved}"]\n'
        "[profiles.calls]\n"
        "version = 1\n"
        f'recipients = ["{other}"]\n'  # 6: not approved, said in the same run as line 2
        'columns = { "氏名" = "mask:200" }\n',  # 7: a problem of the profile itself
    )
    said = run("--lang", "en", "policy", "check", path).stderr
    assert "line 2: rules.max_rows must be a whole number" in said
    assert "line 7: the column 氏名 has a transform that does not exist" in said
    assert f"line 6: the profile calls names the recipient {other}" in said

    empty = written(tmp_path, "[rules]\napproved_recipients = []\n", "empty.toml")
    checked = run("--lang", "en", "policy", "check", empty)
    assert checked.returncode == 1
    assert "line 2: rules.approved_recipients is empty, so it approves no recipient" in checked.stderr

    no_columns = written(tmp_path, "[profiles.x]\nversion = 1\n[profiles.x.columns]\n", "no-columns.toml")
    assert "the column -" not in run("--lang", "en", "policy", "check", no_columns).stderr


def test_policy_show_lists_no_passphrase_encryption_when_passphrases_are_not_allowed(tmp_path):
    key = str(X25519Identity.generate().recipient)
    path = written(tmp_path, f'[rules]\napproved_recipients = ["{key}"]\n')  # an approved list: keys only
    shown = run("--lang", "en", "policy", "show", env={POLICY_ENV: str(path)}).stdout.splitlines()
    assert "Passphrases: not allowed" in [line.strip() for line in shown]
    assert any(line.strip() == "Allowed encryption: age-x25519" for line in shown), shown
