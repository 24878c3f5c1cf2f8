"""The address book of recipients: names a clerk picks instead of pasting keys, through the core and the CLI.

Each test has its own config folder (EXPORTER_CONFIG_DIR), so books and settings never leak between tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from datetime import date, timedelta

import pytest
from key_tools import code_of, exporter

from exporter.envelope import X25519Identity
from exporter.errors import EncryptionError, PlanError
from exporter.keys import UnknownRecipient, add_recipient, confirm_recipient, load_book, remove_recipient
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

TIMEOUT = 120
CALL_CENTRE = X25519Identity.generate()
CLINIC = X25519Identity.generate()


pytestmark = pytest.mark.usefixtures("sentences_in_english")


def test_recipients_added_listed_and_removed_through_the_command_line(config, tmp_path):
    key = str(CALL_CENTRE.recipient)

    added = exporter(
        "recipients", "add", "北区コールセンター", "--key", key, "--organisation", "株式会社サンプル",
        "--confirmed", "2026-11-02", cwd=tmp_path,
    )  # fmt: skip
    listed = exporter("recipients", "list", "--json", cwd=tmp_path)
    table = exporter("recipients", "list", cwd=tmp_path)
    removed = exporter("recipients", "remove", "北区コールセンター", cwd=tmp_path)
    after = exporter("recipients", "list", "--json", cwd=tmp_path)

    assert added.returncode == 0, added.stderr
    assert f"check code {code_of(key)}" in added.stderr
    assert "has no signing key in the address book: receipts and deletion statements" in added.stderr
    assert json.loads(listed.stdout)["recipients"] == [
        {
            "name": "北区コールセンター",
            "organisation": "株式会社サンプル",
            "key": key,
            "check_code": code_of(key),
            "confirmed": "2026-11-02",
        }
    ]
    assert table.stdout.splitlines()[1].split() == [
        "北区コールセンター",
        "株式会社サンプル",
        code_of(key),
        "2026-11-02",
    ]
    assert removed.returncode == 0, removed.stderr
    assert json.loads(after.stdout)["recipients"] == []


def test_the_book_is_a_plain_toml_file_in_the_config_folder_with_the_code_that_was_confirmed(config):
    add_recipient("Clinic", str(CLINIC.recipient), confirmed=date(2026, 11, 1))

    stored = tomllib.loads((config / "recipients.toml").read_text(encoding="utf-8"))

    key = str(CLINIC.recipient)
    confirmed = {"confirmed": date(2026, 11, 1), "confirmed_code": code_of(key)}
    assert stored == {"recipient": [{"name": "Clinic", "key": key, **confirmed}]}


def test_names_are_found_whatever_the_width_and_case(config):
    add_recipient("Kita Call Centre 2", str(CALL_CENTRE.recipient))

    book = load_book()

    assert book.find("ｋｉｔａ  call centre ２").key == str(CALL_CENTRE.recipient)


def test_an_unknown_name_suggests_the_closest_names(config, tmp_path):
    add_recipient("北区コールセンター", str(CALL_CENTRE.recipient))
    add_recipient("南区診療所", str(CLINIC.recipient))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))

    with pytest.raises(UnknownRecipient) as unknown:
        load_book().find("北区コールセンタ")
    result = exporter(
        "export", "residents.csv", "--column", "phone", "--to", "北区コールセンタ", "--output", "a.age", cwd=tmp_path
    )

    assert unknown.value.suggestions == ["北区コールセンター"]
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "exporter: error: 北区コールセンタ is not in the address book.",
        "exporter: hint: Did you mean 北区コールセンター?",
    ]
    assert not (tmp_path / "a.age").exists()


def test_an_unknown_name_in_an_empty_book_says_how_to_add_one(config):
    with pytest.raises(UnknownRecipient) as unknown:
        load_book().find("誰か")

    assert unknown.value.suggestions == []
    assert "exporter recipients add" in unknown.value.hint_text()


def test_export_to_names_mixes_with_keys_and_records_name_and_organisation(config, tmp_path):
    add_recipient("北区コールセンター", str(CALL_CENTRE.recipient), organisation="株式会社サンプル")
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    direct = X25519Identity.generate()

    result = run_export(
        ExportPlan(
            source=tmp_path / "residents.csv",
            columns=("phone",),
            output=tmp_path / "a.zip.age",
            recipients=(str(direct.recipient),),
            to=("北区コールセンター",),
        )
    )

    assert result.manifest["recipients"] == [
        {"type": "X25519", "recipient": str(direct.recipient), "check_code": code_of(str(direct.recipient)),
         "role": "recipient"},
        {"type": "X25519", "recipient": str(CALL_CENTRE.recipient), "check_code": code_of(str(CALL_CENTRE.recipient)),
         "role": "recipient", "name": "北区コールセンター", "organisation": "株式会社サンプル"},
    ]  # fmt: skip
    assert "office_copy" not in result.manifest


def test_the_archive_sent_by_name_opens_with_that_recipients_key(config, tmp_path):
    add_recipient("Clinic", str(CLINIC.recipient))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    (tmp_path / "clinic.key").write_text(CLINIC.secret_text() + "\n", encoding="utf-8")
    (tmp_path / "clinic.key").chmod(0o600)

    exported = exporter(
        "export", "residents.csv", "--column", "phone", "--to", "Clinic", "--output", "a.age", cwd=tmp_path
    )
    opened = exporter("decrypt", "a.age", "--identity", "clinic.key", "--output", "opened", cwd=tmp_path)

    assert exported.returncode == 0, exported.stderr
    assert f"exporter: for Clinic: check code {code_of(str(CLINIC.recipient))}" in exported.stderr.splitlines()
    assert opened.returncode == 0, opened.stderr
    assert f"exporter: for Clinic: check code {code_of(str(CLINIC.recipient))}" in opened.stderr.splitlines()


@pytest.mark.parametrize("lock", ["content", "permissions"])
def test_a_locked_book_refuses_changes_but_still_serves_names(config, tmp_path, lock):
    add_recipient("Clinic", str(CLINIC.recipient))
    book_file = config / "recipients.toml"
    if lock == "content":
        book_file.write_text("locked = true\n" + book_file.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        book_file.chmod(0o444)
    before = book_file.read_bytes()

    with pytest.raises(PlanError) as refused_add:
        add_recipient("Other", str(CALL_CENTRE.recipient))
    refused_remove = exporter("recipients", "remove", "Clinic", cwd=tmp_path)

    assert str(refused_add.value).startswith(f"The address book {book_file} cannot be changed: ")
    assert refused_add.value.hint_text() == "Ask your IT staff to make the change."
    assert refused_remove.returncode == 1
    assert "cannot be changed" in refused_remove.stderr
    assert book_file.read_bytes() == before
    assert load_book().find("Clinic").key == str(CLINIC.recipient)
    assert load_book().read_only is not None


def test_the_settings_can_point_to_another_book(config, tmp_path):
    shared = tmp_path / "shared" / "book.toml"
    shared.parent.mkdir()
    shared.write_text(f'locked = true\n[[recipient]]\nname = "IT"\nkey = "{CLINIC.recipient}"\n', encoding="utf-8")
    config.mkdir()
    (config / "settings.toml").write_text(f'address_book = "{shared}"\n', encoding="utf-8")

    book = load_book()

    assert book.path == shared
    assert [entry.name for entry in book.entries] == ["IT"]
    assert book.read_only is not None


def test_a_name_or_a_key_already_in_the_book_is_refused(config):
    add_recipient("Clinic", str(CLINIC.recipient))

    with pytest.raises(PlanError) as same_name:
        add_recipient("ＣＬＩＮＩＣ", str(CALL_CENTRE.recipient))
    with pytest.raises(PlanError) as same_key:
        add_recipient("Another", str(CLINIC.recipient))

    assert str(same_name.value) == "Clinic is already in the address book."
    assert str(same_key.value) == "This key is already in the address book, as Clinic."


def test_a_secret_key_given_as_the_key_is_refused_without_repeating_it(config, tmp_path):
    secret = CALL_CENTRE.secret_text()

    result = exporter("recipients", "add", "Oops", "--key", secret, cwd=tmp_path)

    assert result.returncode == 1
    assert "A secret key was given where the recipient's public key belongs." in result.stderr
    assert secret[20:40].lower() not in (result.stderr + result.stdout).lower()
    assert not (config / "recipients.toml").exists()


def test_a_confirmation_date_in_the_future_or_malformed_is_refused(config, tmp_path):
    tomorrow = date.today() + timedelta(days=1)

    with pytest.raises(PlanError):
        add_recipient("Clinic", str(CLINIC.recipient), confirmed=tomorrow)
    malformed = exporter(
        "recipients", "add", "Clinic", "--key", str(CLINIC.recipient), "--confirmed", "30/11/2026", cwd=tmp_path
    )

    assert malformed.returncode == 2
    assert "YYYY-MM-DD" in malformed.stderr


def test_removing_an_unknown_name_is_refused_with_a_suggestion(config):
    add_recipient("Clinic", str(CLINIC.recipient))

    with pytest.raises(UnknownRecipient) as unknown:
        remove_recipient("Clinc")

    assert unknown.value.suggestions == ["Clinic"]
    assert [entry.name for entry in load_book().entries] == ["Clinic"]


def test_a_broken_book_names_the_file_and_line(config, tmp_path):
    config.mkdir()
    (config / "recipients.toml").write_text('[[recipient]]\nname = "A"\nkey = age1\n', encoding="utf-8")

    result = exporter("recipients", "list", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"exporter: error: The address book {config / 'recipients.toml'} cannot be read: line 3 is not written "
        "correctly."
    ]


def test_an_entry_with_an_invalid_key_is_named_by_its_number(config):
    config.mkdir()
    (config / "recipients.toml").write_text(
        f'[[recipient]]\nname = "A"\nkey = "{CLINIC.recipient}"\n[[recipient]]\nname = "B"\nkey = "age1nope"\n',
        encoding="utf-8",
    )

    with pytest.raises(PlanError) as refused:
        load_book()

    assert str(refused.value) == f"The address book {config / 'recipients.toml'}: entry 2 has an invalid key."


def test_a_key_that_is_not_a_key_is_refused_when_added(config):
    with pytest.raises(EncryptionError):
        add_recipient("A", "age1nope")


def test_the_listing_and_its_sentences_are_japanese_in_a_japanese_locale(config, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="ja_JP.UTF-8")

    def japanese(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "exporter", *arguments],
            cwd=tmp_path, env=environment, capture_output=True, timeout=TIMEOUT, check=False, encoding="utf-8",
        )  # fmt: skip

    empty = japanese("recipients", "list")
    added = japanese("recipients", "add", "南区診療所", "--key", str(CLINIC.recipient), "--organisation", "医療法人")
    listed = japanese("recipients", "list")
    unknown = japanese("recipients", "remove", "南区診療")

    assert empty.stderr == f"exporter: アドレス帳は空です（{config / 'recipients.toml'}）。\n"
    assert added.stderr == (
        f"exporter: 南区診療所 (医療法人) をアドレス帳に登録しました。確認コード：{code_of(str(CLINIC.recipient))}\n"
        "exporter: 南区診療所 (医療法人) には署名確認用の公開鍵が登録されていないため、受領書や削除証明書を"
        "確かめられません。鍵カードから登録するか（--card）、RW… の行を --signing-key で指定してください。\n"
    )
    assert listed.stdout.splitlines()[0].split() == ["名前", "組織", "確認コード", "確認日"]
    assert unknown.stderr.splitlines() == [
        "exporter: error: 南区診療 はアドレス帳にありません。",
        "exporter: hint: 南区診療所 のことですか？",
    ]


def test_a_recipient_is_confirmed_after_the_call_and_an_unconfirmed_one_is_warned_about(config, tmp_path):
    add_recipient("Clinic", str(CLINIC.recipient))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    code = code_of(str(CLINIC.recipient))

    before = exporter(
        "export", "residents.csv", "--column", "phone", "--to", "Clinic", "--output", "a.age", cwd=tmp_path
    )
    confirmed = exporter("recipients", "confirm", "clinic", "--on", "2026-11-02", cwd=tmp_path)
    after = exporter(
        "export", "residents.csv", "--column", "phone", "--to", "Clinic", "--output", "b.age", cwd=tmp_path
    )

    assert before.returncode == 0, before.stderr
    assert f"exporter: warning: the check code {code} of Clinic has not been confirmed yet" in before.stderr
    assert confirmed.stderr == f"exporter: recorded that the check code {code} of Clinic was confirmed on 2026-11-02\n"
    assert load_book().find("Clinic").confirmed == date(2026, 11, 2)
    assert after.returncode == 0, after.stderr
    assert "warning" not in after.stderr


def test_confirming_without_a_date_records_today(config):
    add_recipient("Clinic", str(CLINIC.recipient))

    entry = confirm_recipient("Clinic")

    assert entry.confirmed == date.today()
    assert load_book().find("Clinic") == entry
