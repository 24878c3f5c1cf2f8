"""The Open window's summary names the IT policy's purpose profile an archive was made under (name, version, legal
basis, the policy's hash value), and warns in both languages, as ``exporter decrypt`` does, when the archive was not
made for the key that opened it: a recipient took the inner ZIP out and encrypted it again for someone else (with
Debian's age, a tool we did not write)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from exporter import messages
from exporter.envelope import X25519Identity, format_identity_file
from exporter.gui.check_codes import hash_value
from exporter.gui.open_window import OpenWindow
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

TIMEOUT_MS = 60_000
needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="Debian's age is installed by ./dev")


def write_key(path: Path) -> X25519Identity:
    identity = X25519Identity.generate()
    path.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
    path.chmod(0o600)
    return identity


def export_to(tmp_path: Path, recipient: X25519Identity, *, profile: str | None = None) -> Path:
    source = tmp_path / "residents.csv"
    source.write_bytes(sample_bytes(20, seed=5))
    output = tmp_path / "sent.zip.age"
    plan = ExportPlan(
        source=source,
        columns=("family_name", "gender"),
        output=output,
        recipients=(str(recipient.recipient),),
        purpose="Calls about the relief payment",
        delete_by=date.today() + timedelta(days=10),
        profile=profile,
    )
    run_export(plan)
    return output


def open_in_window(qtbot, archive: Path, key_file: Path) -> OpenWindow:
    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_archive(archive)
    window.set_key_file(key_file)
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.manifest_view.opened is not None, window.message.text()
    return window


def test_the_summary_names_the_purpose_profile_its_version_legal_basis_and_the_policy_hash(
    qtbot, tmp_path, monkeypatch
):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'[register]\npath = "{(tmp_path / "register.jsonl").as_posix()}"\n\n'
        '[profiles.call_centre]\nversion = 3\nlegal_basis = "Municipal ordinance 12"\n'
        'columns = { family_name = "keep", gender = "keep" }\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("EXPORTER_POLICY", str(policy))
    identity = write_key(tmp_path / "key.txt")
    archive = export_to(tmp_path, identity, profile="call_centre")
    monkeypatch.delenv("EXPORTER_POLICY")  # the receiving side has no policy of its own

    view = open_in_window(qtbot, archive, tmp_path / "key.txt").manifest_view

    shown = view.values["profile"].text()
    assert shown.splitlines()[0] == "call_centre, version 3"
    assert "Legal basis: Municipal ordinance 12" in shown
    assert hash_value(hashlib.sha256(policy.read_bytes()).hexdigest()) in shown
    assert view.values["profile"].isVisible()
    assert not view.forwarded.isVisible()  # opened with the key it was made for


def test_without_a_policy_the_profile_line_is_not_shown(qtbot, tmp_path):
    identity = write_key(tmp_path / "key.txt")
    archive = export_to(tmp_path, identity)

    view = open_in_window(qtbot, archive, tmp_path / "key.txt").manifest_view

    assert view.values["profile"].text() == ""
    assert not view.values["profile"].isVisible()


@needs_age
def test_an_archive_encrypted_again_for_another_key_shows_the_forwarded_warning_in_both_languages(qtbot, tmp_path):
    first = write_key(tmp_path / "first.txt")
    other = write_key(tmp_path / "other.txt")
    archive = export_to(tmp_path, first)
    inner, passed = tmp_path / "inner.zip", tmp_path / "passed.zip.age"
    subprocess.run(["age", "-d", "-i", str(tmp_path / "first.txt"), "-o", str(inner), str(archive)], check=True)
    subprocess.run(["age", "-r", str(other.recipient), "-o", str(passed), str(inner)], check=True)

    window = open_in_window(qtbot, passed, tmp_path / "other.txt")
    view = window.manifest_view

    assert view.forwarded.isVisible()
    assert view.forwarded.text() == str(messages.msg("decrypt.made_for_others"))
    assert view.forwarded.text().startswith("This archive was not made for your key")
    messages.set_language("ja")
    view.retranslate_ui()
    assert view.forwarded.text().startswith("このファイルはあなたの鍵あてに作られたものではありません。")
    assert view.forwarded.isVisible()


def test_the_same_archive_opened_with_the_key_it_was_made_for_shows_no_forwarded_warning(qtbot, tmp_path):
    first = write_key(tmp_path / "first.txt")
    archive = export_to(tmp_path, first)

    view = open_in_window(qtbot, archive, tmp_path / "first.txt").manifest_view

    assert not view.forwarded.isVisible()
    assert view.forwarded.text() == ""
