"""Signed exports from end to end: the office signs the manifest, the recipient is told who signed (or plainly warned),
an altered manifest or signature releases nothing, and tools we did not write (Debian age, unzip, minisign) agree."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hostile_archives import Key, seal, throwaway_key
from key_tools import code_of, exporter
from oracle_tools import age_decrypt, require_tool
from test_signing import LOW_WORK, PASSPHRASE, minisign, require_minisign

from exporter.archive import SIGNATURE_NAME
from exporter.decrypt import decrypt_archive
from exporter.envelope import ScryptIdentity
from exporter.envelope import decrypt as age_open
from exporter.errors import DecryptionError, PlanError
from exporter.keys.signers import add_signer, load_signers, remove_signer
from exporter.pipeline import ExportResult, run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes
from exporter.signing import SigningPublicKey, create_signing_key

OFFICE = "架空市 市民課"

pytestmark = pytest.mark.usefixtures("sentences_in_english")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    (tmp_path / "signing-passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    public = create_signing_key(tmp_path / "office.key", PASSPHRASE, comment=OFFICE, work_factor=LOW_WORK)
    (tmp_path / "office.pub").write_text(public.minisign_text(), encoding="utf-8")
    return tmp_path


@pytest.fixture
def key(work: Path) -> Key:
    return throwaway_key(work)


def office_public(work: Path) -> str:
    return (work / "office.pub").read_text(encoding="utf-8")


def export(work: Path, key: Key, *, signed: bool = True, name: str = "a.zip.age") -> ExportResult:
    plan = ExportPlan(
        source=work / "residents.csv",
        columns=("resident_number", "phone"),
        output=work / name,
        recipients=(str(key.identity.recipient),),
        purpose="架空の委託",
        signing_key=work / "office.key" if signed else None,
        signing_passphrase=Secret(PASSPHRASE) if signed else None,
    )
    return run_export(plan)


def inner_zip(archive: Path, key: Key) -> bytes:
    with archive.open("rb") as handle:
        return b"".join(age_open(handle, [key.identity]))


def resealed(work: Path, key: Key, entries: list[tuple[str, bytes]], name: str = "b.zip.age") -> Path:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in entries:
            archive.writestr(member, content)
    (work / name).write_bytes(seal(sink.getvalue(), key))
    return work / name


def members(archive: Path, key: Key) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(inner_zip(archive, key))) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_a_signed_archive_holds_the_signature_right_after_the_manifest_and_its_result_names_the_key(work, key):
    result = export(work, key)

    with zipfile.ZipFile(io.BytesIO(inner_zip(result.output, key))) as opened:
        assert opened.namelist() == ["data.csv", "manifest.json", SIGNATURE_NAME]
        signature = opened.read(SIGNATURE_NAME).decode()
    assert result.signed_by is not None
    assert result.signed_by.minisign_line() in office_public(work)
    trusted = signature.splitlines()[2]
    assert trusted.startswith("trusted comment: timestamp:")
    assert f"\toffice:{OFFICE}\t" in trusted
    assert trusted.endswith(f"\tcreated:{result.manifest['created_utc']}")


def test_debian_age_and_unzip_open_a_signed_archive_and_minisign_verifies_the_manifest(work, key):
    require_tool("age")
    require_minisign()
    if shutil.which("unzip") is None:
        pytest.skip("unzip is not installed")
    result = export(work, key)
    (work / "inner.zip").write_bytes(age_decrypt(result.output, key.path))

    tested = subprocess.run(["unzip", "-t", "inner.zip"], cwd=work, capture_output=True, text=True, check=False)
    (work / "out").mkdir()
    subprocess.run(["unzip", "-q", "../inner.zip"], cwd=work / "out", check=True)
    checked = minisign("-V", "-H", "-m", "manifest.json", "-p", "../office.pub", cwd=work / "out")

    assert tested.returncode == 0, tested.stdout
    assert sorted(path.name for path in (work / "out").iterdir()) == ["data.csv", "manifest.json", SIGNATURE_NAME]
    assert checked.returncode == 0, checked.stderr
    assert f"office:{OFFICE}" in checked.stdout


def test_decrypt_says_signed_by_the_trusted_office_with_its_check_code_and_keeps_the_signature(work, key):
    require_minisign()
    add_signer(office_public(work), "市民課（架空市）")
    result = export(work, key)

    opened = decrypt_archive(result.output, work / "out", [key.identity])

    assert opened.signature.status == "signed"
    assert opened.signature.signer == "市民課（架空市）"
    line = office_public(work).splitlines()[1]
    assert opened.signature.check_code == code_of(line.lower())
    assert str(opened.signature.sentence()).startswith("Signed by 市民課（架空市） (check code ")
    assert opened.signature_path == work / "out" / SIGNATURE_NAME
    assert minisign("-V", "-m", "manifest.json", "-p", "../office.pub", cwd=work / "out").returncode == 0


def test_an_unsigned_archive_still_opens_with_a_plain_warning(work, key):
    add_signer(office_public(work), OFFICE)
    result = export(work, key, signed=False)

    opened = decrypt_archive(result.output, work / "out", [key.identity])

    assert result.signed_by is None
    assert opened.signature.status == "unsigned"
    assert opened.signature_path is None
    assert "not signed" in str(opened.signature.sentence())
    assert sorted(path.name for path in (work / "out").iterdir()) == ["data.csv", "manifest.json"]


def test_an_archive_signed_by_a_key_not_in_the_list_opens_as_an_unknown_signer(work, key):
    result = export(work, key)

    opened = decrypt_archive(result.output, work / "out", [key.identity])

    assert opened.signature.status == "unknown"
    assert opened.signature.key_id == result.signed_by.key_id_text  # type: ignore[union-attr]
    assert "not in your list of trusted signers" in str(opened.signature.sentence())


def _retitled(manifest: bytes) -> bytes:
    return manifest.replace("架空の委託".encode(), "別の目的".encode())


def _comment_changed(signature: bytes) -> bytes:
    return signature.replace(f"office:{OFFICE}".encode(), "office:偽の課".encode())


def _signature_changed(signature: bytes) -> bytes:
    lines = signature.split(b"\n")
    lines[1] = lines[1][:-6] + (b"AAAAA=" if not lines[1].endswith(b"AAAAA=") else b"BBBBB=")
    return b"\n".join(lines)


@pytest.mark.parametrize(
    ("member", "change"),
    [
        pytest.param("manifest.json", _retitled, id="manifest"),
        pytest.param(SIGNATURE_NAME, _comment_changed, id="trusted-comment"),
        pytest.param(SIGNATURE_NAME, _signature_changed, id="signature"),
    ],
)
def test_an_altered_manifest_signature_or_trusted_comment_releases_nothing(work, key, member, change):
    add_signer(office_public(work), OFFICE)
    original = members(export(work, key).output, key)
    original[member] = change(original[member])
    tampered = resealed(work, key, list(original.items()))

    with pytest.raises(DecryptionError, match="cannot be trusted"):
        decrypt_archive(tampered, work / "out", [key.identity])
    assert not (work / "out").exists()


@pytest.mark.parametrize("extra", ["notes.txt", "data.csv.minisig"])
def test_a_member_other_than_the_signature_is_still_refused(work, key, extra):
    original = members(export(work, key).output, key)
    tampered = resealed(work, key, [*original.items(), (extra, b"x")])

    with pytest.raises(DecryptionError, match="other files"):
        decrypt_archive(tampered, work / "out", [key.identity])
    assert not (work / "out").exists()


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "unknown-signer"])
def test_requiring_a_signature_refuses_unsigned_and_unknown_archives_and_writes_nothing(work, key, signed):
    result = export(work, key, signed=signed)

    with pytest.raises(DecryptionError, match=r"not signed|not in your list") as refused:
        decrypt_archive(result.output, work / "out", [key.identity], require_signature=True)
    assert "exporter signers add" in str(refused.value.hint)
    assert not (work / "out").exists()
    add_signer(office_public(work), OFFICE)
    if signed:
        assert decrypt_archive(result.output, work / "out", [key.identity], require_signature=True).signature.trusted


def test_a_wrong_signing_passphrase_fails_before_any_work(work, key):
    plan = ExportPlan(
        source=work / "no-such-file.csv",  # the key is opened first: the source is not even looked at
        columns=("phone",),
        output=work / "a.zip.age",
        recipients=(str(key.identity.recipient),),
        signing_key=work / "office.key",
        signing_passphrase=Secret(PASSPHRASE + "x"),
    )

    with pytest.raises(DecryptionError, match="passphrase does not open the signing key"):
        run_export(plan)
    with pytest.raises(PlanError, match="none was given"):
        run_export(dataclasses.replace(plan, signing_passphrase=None))
    assert sorted(path.name for path in work.iterdir() if path.name.startswith(".") or "zip" in path.name) == []


def test_the_signers_list_keeps_names_and_keys_and_refuses_repeats(work):
    add_signer(office_public(work), OFFICE)
    other = create_signing_key(work / "other.key", PASSPHRASE, comment="別の課", work_factor=LOW_WORK)
    add_signer(other.minisign_line(), "別の課")

    with pytest.raises(PlanError, match="already trusted"):
        add_signer(office_public(work), "同じ鍵")
    with pytest.raises(PlanError, match="already a trusted signer"):
        add_signer(other.minisign_text(), OFFICE)
    listed = load_signers()
    assert [entry.name for entry in listed.entries] == [OFFICE, "別の課"]
    assert isinstance(listed.entries[1].key, SigningPublicKey)
    assert remove_signer("別の課").name == "別の課"
    with pytest.raises(PlanError, match="not in the list"):
        remove_signer("別の課")


def test_the_command_line_creates_the_key_signs_exports_and_says_who_signed_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(10))
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    recipient = throwaway_key(tmp_path)

    created = exporter(
        "signing-key", "create", "--output", "office.key", "--name", OFFICE, "--passphrase-file", "pass.txt",
        cwd=tmp_path,
    )  # fmt: skip
    again = exporter(
        "signing-key", "create", "--output", "office.key", "--name", OFFICE, "--passphrase-file", "pass.txt",
        cwd=tmp_path,
    )  # fmt: skip
    public = (tmp_path / "office.key.pub").read_text(encoding="utf-8")
    code = code_of(public.splitlines()[1].lower())
    added = exporter("signers", "add", "office.key.pub", "--name", OFFICE, cwd=tmp_path)
    listed = exporter("signers", "list", cwd=tmp_path)
    exported = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", recipient.identity.recipient,
        "--output", "a.zip.age", "--signing-key", "office.key", "--signing-passphrase-file", "pass.txt", cwd=tmp_path,
    )  # fmt: skip
    opened = {
        lang: exporter("decrypt", "a.zip.age", "--identity", recipient.path, "--output", lang, "--lang", lang,
                       cwd=tmp_path)
        for lang in ("en", "ja")
    }  # fmt: skip

    assert created.returncode == 0, created.stderr
    assert created.stdout == public
    assert f"Check code: {code}" in created.stderr
    assert PASSPHRASE not in created.stdout + created.stderr
    with (tmp_path / "office.key").open("rb") as sealed:  # the key file's own text, opened as age would open it
        plain = b"".join(age_open(sealed, [ScryptIdentity(PASSPHRASE)])).decode()
    secret = next(line for line in plain.splitlines() if line.startswith("secret: ")).removeprefix("secret: ")
    assert secret not in created.stdout + created.stderr + exported.stderr + added.stderr
    assert (tmp_path / "office.key").stat().st_mode & 0o777 == 0o600
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert added.returncode == 0
    assert code in added.stderr
    assert OFFICE in listed.stdout
    assert code in listed.stdout
    assert exported.returncode == 0, exported.stderr
    assert f"signed by {OFFICE} (check code {code})" in exported.stderr
    assert f"exporter: Signed by {OFFICE} (check code {code})" in opened["en"].stderr
    assert f"exporter: {OFFICE} の署名があり、正しいことを確認しました（確認コード：{code}）。" in opened["ja"].stderr


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "exporter: warning: This archive is not signed: it cannot show which office made it."),
        ("ja", "exporter: warning: このファイルには署名がありません。どの部署が作ったかを確かめられません。"),
    ],
)
def test_the_command_line_warns_plainly_about_an_unsigned_archive_and_can_refuse_it(work, key, lang, warning):
    export(work, key, signed=False)

    opened = exporter("decrypt", "a.zip.age", "--identity", key.path, "--output", "out", "--lang", lang, cwd=work)
    refused = exporter(
        "decrypt", "a.zip.age", "--identity", key.path, "--output", "refused", "--require-signature", "--lang", lang,
        cwd=work,
    )  # fmt: skip

    assert opened.returncode == 0, opened.stderr
    assert warning in opened.stderr.splitlines()
    assert refused.returncode == 1
    assert refused.stderr.startswith("exporter: error: ")
    assert not (work / "refused").exists()


def test_the_command_line_refuses_a_wrong_signing_passphrase_and_writes_nothing(work, key):
    (work / "wrong.txt").write_text("not the passphrase at all 123\n", encoding="utf-8")

    exported = exporter(
        "export", "residents.csv", "--column", "phone", "--recipient", key.identity.recipient, "--output", "a.zip.age",
        "--signing-key", "office.key", "--signing-passphrase-file", "wrong.txt", cwd=work,
    )  # fmt: skip

    assert exported.returncode == 1
    wrong = "exporter: error: The passphrase does not open the signing key office.key."
    assert exported.stderr.splitlines()[0] == wrong
    assert "not the passphrase" not in exported.stderr
    assert not (work / "a.zip.age").exists()


def test_on_a_terminal_the_signing_passphrases_are_asked_for(tmp_path, monkeypatch):
    import sys

    from oracle_tools import run_in_pty

    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    recipient = throwaway_key(tmp_path)
    command = [sys.executable, "-m", "exporter"]
    key = tmp_path / "office.key"

    created = run_in_pty(
        [*command, "signing-key", "create", "--output", key, "--name", OFFICE],
        [(b"signing key: ", PASSPHRASE), (b"again: ", PASSPHRASE)],
    )
    exported = run_in_pty(
        [*command, "export", tmp_path / "residents.csv", "--column", "phone", "--recipient",
         str(recipient.identity.recipient), "--output", tmp_path / "a.zip.age", "--signing-key", key],
        [(b"Passphrase for the signing key", PASSPHRASE)],
    )  # fmt: skip

    assert created.returncode == 0, created.transcript
    assert exported.returncode == 0, exported.transcript
    assert f"signed by {OFFICE}" in exported.transcript
    from exporter.signing import load_signing_key

    assert load_signing_key(key, PASSPHRASE).name == OFFICE  # the passphrase typed is the one that protects it


def test_requiring_a_signature_of_a_raw_decryption_is_a_usage_error(work, key):
    export(work, key)

    refused = exporter(
        "decrypt", "a.zip.age", "--raw", "--require-signature", "--identity", key.path, "--output", "x", cwd=work
    )

    assert refused.returncode == 2
    assert "--require-signature" in refused.stderr.splitlines()[-1]
    assert not (work / "x").exists()


def test_a_receiving_policy_with_require_signature_refuses_an_unsigned_archive(work, key, monkeypatch):
    policy = work / "receiving-policy.toml"
    policy.write_text("[rules]\nrequire_signature = true\n", encoding="utf-8")
    unsigned = export(work, key, signed=False, name="u.zip.age")
    monkeypatch.setenv("EXPORTER_POLICY", str(policy))
    with pytest.raises(DecryptionError):
        decrypt_archive(unsigned.output, work / "refused-out", [key.identity])
    assert not (work / "refused-out").exists()


def test_a_signing_key_file_other_users_may_open_is_warned_about(work, key):
    (work / "office.key").chmod(0o644)
    result = export(work, key, name="w.zip.age")
    assert any("can be opened by other users" in str(warning) for warning in result.warnings)
    (work / "office.key").chmod(0o600)
    assert not export(work, key, name="w2.zip.age").warnings
