"""Key cards with the recipient's signing key (issue 11, section 4): the card, the address book, the manifest and
the register all carry it, and the check code read on the phone covers it.

Codes are computed here from hashlib, as the documentation states the rule (SHA-256 of ``age1...``, LF, ``RW...``),
not with exporter's function; archives are opened with Debian ``age`` and with ``exporter decrypt``.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from key_tools import code_of, exporter, key_set_code_of
from oracle_tools import age_decrypt, require_tool

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.keys import KeyCard, load_book
from exporter.keys.card import parse_card_text
from exporter.keys.recipient_signing import recipient_signing_public
from exporter.register import records
from exporter.sample import sample_bytes


@pytest.fixture
def recipient(tmp_path: Path) -> dict[str, object]:
    """A recipient's key file, its public key, its derived signing key line and its card file (from keygen)."""
    made = exporter("keygen", "--output", "recipient.key", "--no-protect", "--card", "card.txt", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    public = made.stdout.strip()
    signing = made.stderr.splitlines()[1].removeprefix("exporter: ")
    return {"key_file": tmp_path / "recipient.key", "public": public, "signing": signing, "card": tmp_path / "card.txt"}


def test_a_card_holds_both_keys_and_the_key_set_code_in_both_languages():
    identity = X25519Identity.generate()
    public, signing = str(identity.recipient), recipient_signing_public(identity).minisign_line()
    card = KeyCard(public, signing)
    text = card.file_text()
    japanese, english = card.lines("ja"), card.lines("en")

    assert card.check_code == key_set_code_of(public, signing) != code_of(public)
    assert japanese[1:4] == [public, "署名確認用の公開鍵（受領書と削除の報告を確かめるためのものです）：", signing]
    assert english[1:4] == [public, "Your signing key (for receipts and deletion statements):", signing]
    assert f"確認コード：{card.check_code}" in japanese
    assert f"Check code: {card.check_code}" in english
    assert text.count(public) == text.count(signing) == 2
    assert text.index("確認コード") < text.index("Check code")


def test_a_card_without_a_signing_key_is_the_old_card_with_the_old_code():
    public = str(X25519Identity.generate().recipient)
    card = KeyCard(public)

    assert card.check_code == code_of(public)
    assert card.lines("en")[1:3] == [public, f"Check code: {code_of(public)}"]
    assert "RW" not in card.file_text()


def test_a_pasted_card_gives_back_its_keys_and_a_bad_signing_line_is_one_sentence(sentences_in_english):
    identity = X25519Identity.generate()
    card = KeyCard(str(identity.recipient), recipient_signing_public(identity).minisign_line())

    assert parse_card_text(card.render("ja") + "\n" + card.render("en")) == card
    assert parse_card_text(card.public_key) == KeyCard(card.public_key)
    damaged = card.file_text().replace(card.signing_key or "", (card.signing_key or "")[:-4])  # cut short
    with pytest.raises(PlanError) as refused:
        parse_card_text(damaged, "card.txt")
    assert str(refused.value) == (
        "The key card card.txt has a signing key line (starting with RW) that is not written correctly."
    )
    with pytest.raises(PlanError) as secret:
        parse_card_text(card.render("en") + "\n" + identity.secret_text())
    assert identity.secret_text()[20:40] not in str(secret.value)


def test_keygen_and_key_card_give_the_same_card_for_the_same_key(recipient, tmp_path):
    again = exporter("key-card", "--identity", "recipient.key", "--card", "again.txt", cwd=tmp_path)

    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == recipient["public"]
    assert (tmp_path / "again.txt").read_bytes() == Path(str(recipient["card"])).read_bytes()
    assert f"exporter: Check code: {key_set_code_of(str(recipient['public']), str(recipient['signing']))}" in (
        again.stderr.splitlines()
    )


def test_book_add_from_a_card_file_stores_the_signing_key_and_the_key_set_code(config, recipient, tmp_path):
    code = key_set_code_of(str(recipient["public"]), str(recipient["signing"]))
    added = exporter(
        "recipients", "add", "Call centre", "--card", recipient["card"], "--check-code", code, cwd=tmp_path
    )

    assert added.returncode == 0, added.stderr
    assert code in added.stderr
    text = (config / "recipients.toml").read_text(encoding="utf-8")
    assert f'signing = "{recipient["signing"]}"' in text
    entry = load_book().find("Call centre")
    assert (entry.key, entry.signing_key, entry.check_code) == (recipient["public"], recipient["signing"], code)
    assert entry.confirmed is not None  # the code read back matched: confirmed today
    listed = json.loads(exporter("recipients", "list", "--json", cwd=tmp_path).stdout)
    assert listed["recipients"][0]["signing_key"] == recipient["signing"]
    assert listed["recipients"][0]["check_code"] == code


def test_book_add_with_a_signing_key_given_beside_the_key(config, recipient, tmp_path):
    added = exporter(
        "recipients", "add", "Call centre", "--key", recipient["public"], "--signing-key", recipient["signing"],
        cwd=tmp_path,
    )  # fmt: skip

    assert added.returncode == 0, added.stderr
    entry = load_book().find("Call centre")
    assert entry.signing_key == recipient["signing"]
    assert entry.check_code == key_set_code_of(str(recipient["public"]), str(recipient["signing"]))
    assert entry.confirmed is None


def test_a_card_piped_on_stdin_is_read_as_a_card_file(config, recipient, tmp_path):
    import subprocess
    import sys

    piped = subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", "recipients", "add", "Call centre", "--card", "-"],
        input=Path(str(recipient["card"])).read_text(encoding="utf-8-sig"), capture_output=True, text=True,
        cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip

    assert piped.returncode == 0, piped.stderr
    assert load_book().find("Call centre").signing_key == recipient["signing"]


def test_a_wrong_check_code_is_refused_and_nothing_is_added(config, recipient, tmp_path):
    age_only = code_of(str(recipient["public"]))  # the code an old card would show: not this key set's
    refused = exporter(
        "recipients", "add", "Call centre", "--card", recipient["card"], "--check-code", age_only, cwd=tmp_path
    )

    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"exporter: error: The check code {age_only} is not this key card's code; nothing was added. Read the code "
        "again with the recipient."
    )
    assert load_book().entries == ()


def test_a_malformed_signing_key_line_is_refused_with_one_sentence(config, recipient, tmp_path):
    card = Path(str(recipient["card"]))
    bad = tmp_path / "bad card.txt"
    bad.write_text(card.read_text(encoding="utf-8-sig").replace(str(recipient["signing"]), "RWthis-is-not-a-key"))
    from_card = exporter("recipients", "add", "Call centre", "--card", bad, cwd=tmp_path)
    given = exporter(
        "recipients", "add", "Call centre", "--key", recipient["public"], "--signing-key", "RWnot+a+key", cwd=tmp_path
    )

    assert from_card.returncode == given.returncode == 1
    assert from_card.stderr.splitlines()[0] == (
        f"exporter: error: The key card {bad} has a signing key line (starting with RW) that is not written correctly."
    )
    assert given.stderr.splitlines()[0] == (
        "exporter: error: This is not a signing key: it is one line starting with RW, 56 characters long."
    )
    assert "Traceback" not in from_card.stderr + given.stderr
    assert load_book().entries == ()


@pytest.fixture
def exported(config, recipient, tmp_path):
    """An export by CLI, under a policy with a register, to a book entry with a signing key and one without."""
    old = X25519Identity.generate()
    (tmp_path / "residents.csv").write_bytes(sample_bytes(30, seed=4))
    (tmp_path / "policy.toml").write_text(f'[register]\npath = "{tmp_path / "register.jsonl"}"\n', encoding="utf-8")
    for arguments in (
        ("Call centre", "--card", recipient["card"]),
        ("Old clinic", "--key", str(old.recipient)),
    ):
        assert exporter("recipients", "add", *arguments, cwd=tmp_path).returncode == 0
    import os

    os.environ["EXPORTER_POLICY"] = str(tmp_path / "policy.toml")
    try:
        made = exporter(
            "export", "residents.csv", "--column", "phone", "--to", "Call centre", "--to", "Old clinic",
            "--output", "out.zip.age", "--purpose", "test", cwd=tmp_path,
        )  # fmt: skip
    finally:
        del os.environ["EXPORTER_POLICY"]
    assert made.returncode == 0, made.stderr
    return {"old": old, "archive": tmp_path / "out.zip.age", "register": tmp_path / "register.jsonl"}


@pytest.mark.oracle
def test_an_export_to_a_card_with_a_signing_key_records_it_and_debian_age_still_opens_it(exported, recipient):
    require_tool("age")
    opened = age_decrypt(exported["archive"], Path(str(recipient["key_file"])))
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(opened)).read("manifest.json"))
    book = {entry.name: entry for entry in load_book().entries}
    by_name = {entry["name"]: entry for entry in manifest["recipients"]}
    new, old = by_name["Call centre"], by_name["Old clinic"]

    assert new["signing_key"] == recipient["signing"]
    assert new["check_code"] == book["Call centre"].check_code == key_set_code_of(new["recipient"], new["signing_key"])
    assert old == {  # an entry without a signing key: as before
        "type": "X25519",
        "recipient": str(exported["old"].recipient),
        "check_code": code_of(str(exported["old"].recipient)),
        "role": "recipient",
        "name": "Old clinic",
    }
    record = records(exported["register"])[0]
    assert record["recipients"] == [
        {"type": "X25519", "check_code": new["check_code"], "role": "recipient", "name": "Call centre",
         "signing_key": recipient["signing"]},
        {"type": "X25519", "check_code": old["check_code"], "role": "recipient", "name": "Old clinic"},
    ]  # fmt: skip


def test_decrypt_reads_a_manifest_with_a_signing_key_and_says_the_books_code(exported, recipient, tmp_path):
    opened = exporter(
        "decrypt", exported["archive"], "--identity", recipient["key_file"], "--output", tmp_path / "opened",
        cwd=tmp_path,
    )  # fmt: skip

    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "opened" / "data.csv").exists()
    code = load_book().find("Call centre").check_code
    assert any("Call centre" in line and code in line for line in opened.stderr.splitlines())
    assert code_of(str(exported["old"].recipient)) in opened.stderr


def test_a_policy_approving_the_key_set_code_approves_that_book_entry(config, recipient, tmp_path):
    import os

    code = key_set_code_of(str(recipient["public"]), str(recipient["signing"]))
    assert exporter("recipients", "add", "Call centre", "--card", recipient["card"], cwd=tmp_path).returncode == 0
    (tmp_path / "residents.csv").write_bytes(sample_bytes(10, seed=2))
    (tmp_path / "policy.toml").write_text(f'[rules]\napproved_recipients = ["{code}"]\n', encoding="utf-8")
    other = X25519Identity.generate()
    os.environ["EXPORTER_POLICY"] = str(tmp_path / "policy.toml")
    try:
        approved = exporter(
            "export", "residents.csv", "--column", "phone", "--to", "Call centre", "--output", "a.zip.age", cwd=tmp_path
        )
        refused = exporter(
            "export", "residents.csv", "--column", "phone", "--recipient", other.recipient, "--output", "b.zip.age",
            cwd=tmp_path,
        )  # fmt: skip
    finally:
        del os.environ["EXPORTER_POLICY"]

    assert approved.returncode == 0, approved.stderr
    assert refused.returncode == 1
    assert "rules.approved_recipients" in refused.stderr
