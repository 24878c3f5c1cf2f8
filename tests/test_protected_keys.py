"""The recipient's key, protected by a passphrase in age's own format, made and used as a recipient would.

Run through the real command line (subprocesses, a pseudo-terminal where a passphrase is typed) and checked
against Debian's age, which must open archives with a key exporter protected, and whose own ``age -p`` protected
keys exporter must read. Keys made by ``exporter keygen`` use age's work factor (18, about a second each), so the
module makes its key once; core tests use a low work factor.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from oracle_tools import age_encrypt_passphrase, age_keygen, require_tool, run_in_pty

from exporter.envelope import X25519Identity, encrypt, format_identity_file
from exporter.errors import DecryptionError, OutputError, PlanError
from exporter.keys import (
    KeyPassphraseNeeded,
    WrongKeyPassphrase,
    create_identity,
    identity_file_is_protected,
    load_identities,
)
from exporter.keys.recipient_signing import recipient_signing_public
from exporter.sample import sample_bytes

PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth"
OTHER = "Gazebo-lantern-9-Walrus-cobalt-ember"
LOW = 10  # scrypt work factor for keys made by the core in tests: milliseconds
RUN = 12  # no run of this many characters of a secret may appear in any output
TIMEOUT = 120
EXPORTER_IN_ENGLISH = ["env", "LC_ALL=C.UTF-8", sys.executable, "-m", "exporter"]


pytestmark = pytest.mark.usefixtures("sentences_in_english")


def exporter(*arguments: object, cwd: Path, stdin: bytes | None = b"") -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment["PYTHONIOENCODING"] = "utf-8"
    environment["LC_ALL"] = "C.UTF-8"  # the sentences below are the English ones
    return subprocess.run(
        [*EXPORTER_IN_ENGLISH, *(str(argument) for argument in arguments)],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def no_run_of(secret: str, *texts: str) -> bool:
    runs = {secret[start : start + RUN].lower() for start in range(len(secret) - RUN + 1)}
    return not any(part in text.lower() for text in texts for part in runs)


def write_secret(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A key made by ``exporter keygen --passphrase-file`` with a card, and an archive exported to it."""
    folder = tmp_path_factory.mktemp("protected")
    write_secret(folder / "passphrase.txt", PASSPHRASE)
    (folder / "residents.csv").write_bytes(sample_bytes(20))
    keygen = exporter(
        "keygen", "--output", "callcentre.key", "--passphrase-file", "passphrase.txt", "--card", "card.txt", cwd=folder
    )
    assert keygen.returncode == 0, keygen.stderr
    public = keygen.stdout.decode().strip()
    export = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", public, "--output", "relief.zip.age", cwd=folder
    )
    assert export.returncode == 0, export.stderr
    return {"folder": folder, "public": public, "keygen": keygen}


def test_keygen_protects_the_key_by_default_in_a_private_file(made):
    key = made["folder"] / "callcentre.key"

    assert key.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert identity_file_is_protected(key)
    assert str(load_identities(key, PASSPHRASE)[0].recipient) == made["public"]


@pytest.mark.oracle
def test_debian_age_opens_an_archive_with_the_protected_key_after_asking_its_passphrase(made):
    require_tool("age")
    folder = made["folder"]

    run = run_in_pty(
        ["age", "-d", "-i", folder / "callcentre.key", folder / "relief.zip.age"],
        [(b"Enter passphrase", PASSPHRASE)],
        timeout=TIMEOUT,
    )

    assert run.returncode == 0, run.transcript
    assert "identity file" in run.transcript  # age recognised the key file as protected and asked for its passphrase
    with zipfile.ZipFile(io.BytesIO(run.stdout)) as inner:
        assert sorted(inner.namelist()) == ["data.csv", "manifest.json"]


def test_decrypt_reads_the_key_passphrase_from_a_file(made, tmp_path):
    folder = made["folder"]

    result = exporter(
        "decrypt", folder / "relief.zip.age", "--identity", folder / "callcentre.key",
        "--identity-passphrase-file", folder / "passphrase.txt", "--output", tmp_path / "opened", cwd=folder,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "opened" / "data.csv").read_bytes().startswith(b"\xef\xbb\xbfphone\r\n")


def test_decrypt_asks_for_the_key_passphrase_on_a_terminal_without_echo(made, tmp_path):
    folder = made["folder"]

    run = run_in_pty(
        [*EXPORTER_IN_ENGLISH, "decrypt", folder / "relief.zip.age", "--identity",
         folder / "callcentre.key", "--output", tmp_path / "opened"],
        [(b"Passphrase for the key file", PASSPHRASE)],
        timeout=TIMEOUT,
    )  # fmt: skip

    assert run.returncode == 0, run.transcript
    assert (tmp_path / "opened" / "data.csv").exists()
    assert "***" not in run.transcript  # the typed passphrase never came back to the terminal


def test_a_wrong_key_passphrase_typed_three_times_is_refused(made, tmp_path):
    folder = made["folder"]

    run = run_in_pty(
        [*EXPORTER_IN_ENGLISH, "decrypt", folder / "relief.zip.age", "--identity",
         folder / "callcentre.key", "--output", tmp_path / "opened"],
        [(b"Passphrase for the key file", OTHER)] * 3,
        timeout=TIMEOUT,
    )  # fmt: skip

    assert run.returncode == 1
    assert run.transcript.count("The passphrase does not open the key file") == 3
    assert run.transcript.count("exporter: error:") == 1
    assert not (tmp_path / "opened").exists()


def test_a_protected_key_without_a_terminal_or_passphrase_file_says_how(made, tmp_path):
    folder = made["folder"]

    result = exporter(
        "decrypt", folder / "relief.zip.age", "--identity", folder / "callcentre.key", "--output", tmp_path / "o",
        cwd=folder, stdin=None,
    )  # fmt: skip

    lines = result.stderr.decode().splitlines()
    assert result.returncode == 1
    assert lines[0].startswith("exporter: error: The key file ")
    assert "there is no terminal" in lines[0]
    assert lines[1] == "exporter: hint: Give a file that holds the passphrase with --identity-passphrase-file."


def test_a_wrong_key_passphrase_from_a_file_is_one_sentence_and_writes_nothing(made, tmp_path):
    folder = made["folder"]
    wrong = write_secret(tmp_path / "wrong.txt", OTHER)

    result = exporter(
        "decrypt", folder / "relief.zip.age", "--identity", folder / "callcentre.key",
        "--identity-passphrase-file", wrong, "--output", tmp_path / "opened", cwd=folder,
    )  # fmt: skip

    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"exporter: error: The passphrase does not open the key file {folder / 'callcentre.key'}.",
        "exporter: hint: Type the passphrase chosen when the key was made, exactly (capital and small letters differ).",
    ]
    assert not (tmp_path / "opened").exists()
    assert no_run_of(OTHER, result.stdout.decode(), result.stderr.decode())


def test_keygen_prints_the_key_card_with_its_signing_key_and_nothing_secret(made):
    keygen = made["keygen"]
    public = made["public"]
    identity = load_identities(made["folder"] / "callcentre.key", PASSPHRASE)[0]
    secret = identity.secret_text()
    signing = recipient_signing_public(identity).minisign_line()
    key_set = f"{public}\n{signing}".encode()
    expected_digits = f"{int.from_bytes(hashlib.sha256(key_set).digest(), 'big') % 10**20:020d}"
    expected = "-".join(expected_digits[i : i + 4] for i in range(0, 20, 4))
    err = keygen.stderr.decode()

    assert keygen.stdout.decode() == public + "\n"  # R=$(exporter keygen ...) still gets just the public key
    assert err.splitlines()[:3] == [
        "exporter: Your signing key (for receipts and deletion statements):",
        f"exporter: {signing}",
        f"exporter: Check code: {expected}",
    ]
    assert "Send only these two public keys." in err
    assert no_run_of(PASSPHRASE, keygen.stdout.decode(), err)
    assert no_run_of(secret.removeprefix("AGE-SECRET-KEY-1"), keygen.stdout.decode(), err)


def test_the_card_file_holds_the_public_key_and_code_in_both_languages_for_notepad(made):
    raw = (made["folder"] / "card.txt").read_bytes()
    text = raw.decode("utf-8-sig")
    secret = load_identities(made["folder"] / "callcentre.key", PASSPHRASE)[0].secret_text()

    assert raw.startswith(b"\xef\xbb\xbf")
    assert text.count("\r\n") == text.count("\n")
    assert text.count(made["public"]) == 2
    assert text.count(recipient_signing_public(load_identities(made["folder"] / "callcentre.key", PASSPHRASE)[0])
                      .minisign_line()) == 2  # fmt: skip
    assert "署名確認用の公開鍵" in text
    assert "signing key (for receipts" in text
    assert "確認コード：" in text
    assert "Check code: " in text
    assert "送るのはこの 2 つの公開鍵だけです。" in text
    assert text.index("確認コード") < text.index("Check code")
    assert no_run_of(secret.removeprefix("AGE-SECRET-KEY-1"), text)


def test_keygen_asks_for_the_passphrase_twice_on_a_terminal(tmp_path):
    run = run_in_pty(
        [*EXPORTER_IN_ENGLISH, "keygen", "--output", tmp_path / "key.age"],
        [(b"Passphrase to protect the new key", PASSPHRASE), (b"The same passphrase again", PASSPHRASE)],
        timeout=TIMEOUT,
    )

    assert run.returncode == 0, run.transcript
    assert "***" not in run.transcript
    assert str(load_identities(tmp_path / "key.age", PASSPHRASE)[0].recipient) == run.stdout.decode().strip()


def test_keygen_refuses_two_different_passphrases_and_makes_no_key(tmp_path):
    run = run_in_pty(
        [*EXPORTER_IN_ENGLISH, "keygen", "--output", tmp_path / "key.age"],
        [(b"Passphrase to protect the new key", PASSPHRASE), (b"The same passphrase again", OTHER)],
        timeout=TIMEOUT,
    )

    assert run.returncode == 1
    assert "exporter: error: The two passphrases differ; no key was made." in run.transcript
    assert list(tmp_path.iterdir()) == []


def test_keygen_without_a_terminal_or_passphrase_file_says_how_and_makes_no_key(tmp_path):
    result = exporter("keygen", "--output", "key.age", cwd=tmp_path, stdin=None)

    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == (
        "exporter: error: There is no terminal on which to ask for the passphrase that protects the key."
    )
    assert "--passphrase-file" in result.stderr.decode().splitlines()[1]
    assert list(tmp_path.iterdir()) == []


def test_keygen_refuses_a_weak_protecting_passphrase(tmp_path):
    write_secret(tmp_path / "weak.txt", "password1234")

    result = exporter("keygen", "--output", "key.age", "--passphrase-file", "weak.txt", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == (
        "exporter: error: The passphrase protecting the key is too weak: it could be guessed."
    )
    assert not (tmp_path / "key.age").exists()
    assert no_run_of("password1234", result.stderr.decode())


@pytest.mark.oracle
def test_keygen_no_protect_writes_the_plain_file_age_keygen_writes(tmp_path):
    require_tool("age")
    result = exporter("keygen", "--output", "plain.key", "--no-protect", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "without a passphrase" in result.stderr.decode()
    assert stat.S_IMODE((tmp_path / "plain.key").stat().st_mode) == 0o600
    shown = subprocess.run(["age-keygen", "-y", tmp_path / "plain.key"], capture_output=True, check=True)
    assert shown.stdout.decode().strip() == result.stdout.decode().strip()


def test_keygen_by_default_writes_into_the_data_folder_and_never_over_a_key(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPORTER_DATA_DIR", str(tmp_path / "data"))
    write_secret(tmp_path / "passphrase.txt", PASSPHRASE)

    first = exporter("keygen", "--passphrase-file", "passphrase.txt", cwd=tmp_path)
    before = (tmp_path / "data" / "identity.age").read_bytes()
    second = exporter("keygen", "--passphrase-file", "passphrase.txt", cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert second.returncode == 1
    assert "a key file is never overwritten" in second.stderr.decode()
    assert (tmp_path / "data" / "identity.age").read_bytes() == before


@pytest.mark.oracle
def test_a_key_protected_by_debian_age_is_read_by_exporter(tmp_path):
    require_tool("age")
    public = age_keygen(tmp_path / "plain.key")
    protected = age_encrypt_passphrase((tmp_path / "plain.key").read_bytes(), PASSPHRASE)
    (tmp_path / "age-protected.key").write_bytes(protected)
    (tmp_path / "age-protected.key").chmod(0o600)
    write_secret(tmp_path / "passphrase.txt", PASSPHRASE)
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    exported = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", public, "--output", "a.zip.age", cwd=tmp_path
    )

    opened = exporter(
        "decrypt", "a.zip.age", "--identity", "age-protected.key", "--identity-passphrase-file", "passphrase.txt",
        "--output", "opened", cwd=tmp_path,
    )  # fmt: skip

    assert exported.returncode == 0, exported.stderr
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "opened" / "data.csv").exists()
    assert [str(identity.recipient) for identity in load_identities(tmp_path / "age-protected.key", PASSPHRASE)] == [
        public
    ]


def test_the_core_asks_for_a_passphrase_and_names_a_wrong_one(tmp_path):
    created = create_identity(tmp_path / "key.age", passphrase=PASSPHRASE, work_factor=LOW)

    with pytest.raises(KeyPassphraseNeeded) as needed:
        load_identities(created.path)
    with pytest.raises(WrongKeyPassphrase) as wrong:
        load_identities(created.path, OTHER)

    assert needed.value.path == created.path
    assert str(wrong.value) == f"The passphrase does not open the key file {created.path}."
    assert created.protected
    assert created.card.public_key == str(load_identities(created.path, PASSPHRASE)[0].recipient)


def test_the_core_never_writes_over_an_existing_file(tmp_path):
    existing = tmp_path / "key.age"
    existing.write_text("something else", encoding="utf-8")

    with pytest.raises(OutputError):
        create_identity(existing, passphrase=PASSPHRASE, work_factor=LOW)

    assert existing.read_text(encoding="utf-8") == "something else"


def test_the_core_refuses_a_weak_passphrase_before_writing(tmp_path):
    with pytest.raises(PlanError):
        create_identity(tmp_path / "key.age", passphrase="123456", work_factor=LOW)

    assert not (tmp_path / "key.age").exists()


def test_a_key_file_demanding_a_huge_scrypt_work_factor_is_refused_before_any_work(tmp_path):
    created = create_identity(tmp_path / "key.age", passphrase=PASSPHRASE, work_factor=LOW)
    data = created.path.read_bytes()
    costly = tmp_path / "costly.age"
    costly.write_bytes(data.replace(f" {LOW}\n".encode(), b" 40\n", 1))

    with pytest.raises(DecryptionError) as refused:
        load_identities(costly, PASSPHRASE)

    assert "demands more computing work than allowed" in str(refused.value)


def test_a_key_file_encrypted_to_a_key_instead_of_a_passphrase_is_refused_with_a_sentence(tmp_path):
    other = X25519Identity.generate()
    buffer = io.BytesIO()
    writer = encrypt(buffer, [other.recipient])
    writer.write(format_identity_file(X25519Identity.generate(), datetime.now(UTC)).encode())
    writer.close()
    odd = tmp_path / "odd.age"
    odd.write_bytes(buffer.getvalue())

    with pytest.raises(DecryptionError) as refused:
        load_identities(odd, PASSPHRASE)

    assert str(refused.value) == f"The key file {odd} is encrypted, but not with a passphrase, or it is damaged."


def test_the_key_card_is_japanese_in_a_japanese_locale(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", LC_ALL="ja_JP.UTF-8")

    result = subprocess.run(
        [sys.executable, "-m", "exporter", "keygen", "--output", "plain.key", "--no-protect"],
        cwd=tmp_path, env=environment, capture_output=True, timeout=TIMEOUT, check=False, encoding="utf-8",
    )  # fmt: skip

    public = result.stdout.strip()
    signing = result.stderr.splitlines()[1].removeprefix("exporter: ")
    key_set = (public + "\n" + signing).encode()
    digits = f"{int.from_bytes(hashlib.sha256(key_set).digest(), 'big') % 10**20:020d}"
    assert result.stderr.splitlines()[:4] == [
        "exporter: 署名確認用の公開鍵（受領書と削除の報告を確かめるためのものです）：",
        f"exporter: {signing}",
        "exporter: 確認コード：" + "-".join(digits[i : i + 4] for i in range(0, 20, 4)),
        "exporter: 送るのはこの 2 つの公開鍵だけです。鍵ファイル（秘密鍵）は誰にも送らないでください。",
    ]
    assert signing == recipient_signing_public(load_identities(tmp_path / "plain.key")[0]).minisign_line()


@pytest.mark.oracle
def test_pyrage_opens_a_protected_key_file_and_exporter_reads_one_pyrage_protected(tmp_path):
    require_tool("pyrage")
    import pyrage

    created = create_identity(tmp_path / "ours.age", passphrase=PASSPHRASE, work_factor=LOW)
    theirs_identity = X25519Identity.generate()
    theirs_text = format_identity_file(theirs_identity, datetime.now(UTC)).encode()
    (tmp_path / "theirs.age").write_bytes(pyrage.passphrase.encrypt(theirs_text, PASSPHRASE))

    opened = pyrage.passphrase.decrypt(created.path.read_bytes(), PASSPHRASE).decode()

    assert f"# public key: {created.card.public_key}\n" in opened
    assert [line for line in opened.splitlines() if line.startswith("AGE-SECRET-KEY-1")] == [
        load_identities(created.path, PASSPHRASE)[0].secret_text()
    ]
    assert [str(i.recipient) for i in load_identities(tmp_path / "theirs.age", PASSPHRASE)] == [
        str(theirs_identity.recipient)
    ]


def test_keygen_refuses_an_existing_card_file_before_making_a_key(tmp_path):
    (tmp_path / "card.txt").write_text("an earlier card", encoding="utf-8")

    result = exporter("keygen", "--output", "new.key", "--no-protect", "--card", "card.txt", cwd=tmp_path)

    assert result.returncode == 1
    assert "already exists" in result.stderr.decode()
    assert not (tmp_path / "new.key").exists()
    assert (tmp_path / "card.txt").read_text(encoding="utf-8") == "an earlier card"


def test_the_open_window_remembers_the_key_file_and_never_a_passphrase(tmp_path, monkeypatch):
    from exporter.keys import load_settings, remember_identity_file

    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    created = create_identity(tmp_path / "key.age", passphrase=PASSPHRASE, work_factor=LOW)

    remembered = remember_identity_file(created.path)
    settings_text = (tmp_path / "config" / "settings.toml").read_text(encoding="utf-8")
    remember_identity_file(None)

    assert remembered
    assert no_run_of(PASSPHRASE, settings_text)
    assert f'identity_file = "{created.path}"' in settings_text
    assert load_settings().identity_file is None
