"""The wizard imports receipts and deletion statements dropped on it into the IT policy's register: a real export
recorded in a real register, statements signed by the recipient's derived key (and one by another key), dropped
as a file manager drops them, on the Source page that otherwise loads any file dropped on it.

Until the key-card part of issue 11 section 4 is merged, an export to a bare ``age1...`` key records no signing key,
so the register's export record is given the fields that part writes (``recipients[i].signing_key`` and the key
set's ``check_code``, as the contract fixes them), rebuilt with ``register.append`` so its chain is real."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.keys.check_code import check_code, key_set_check_code
from exporter.keys.recipient_signing import recipient_signing_key
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.register import append, records
from exporter.sample import sample_bytes
from exporter.statements import OpenedFacts, make_statement, write_statement

pytest.importorskip("exporter.register_import")  # part B of issue 11 section 4; merged by the lead

TIMEOUT_MS = 60_000


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    register = str(tmp_path / "register.jsonl").replace("\\", "\\\\")
    (tmp_path / "policy.toml").write_text(f'[register]\npath = "{register}"\n', encoding="utf-8")
    monkeypatch.setenv("EXPORTER_POLICY", str(tmp_path / "policy.toml"))
    return tmp_path


def exported(office: Path, identity: X25519Identity) -> Path:
    plan = ExportPlan(
        source=office / "residents.csv",
        columns=("family_name", "phone"),
        output=office / "out.zip.age",
        recipients=(str(identity.recipient),),
        purpose="架空の委託",
        register=office / "register.jsonl",
    )
    run_export(plan)
    return plan.output


def with_signing_key(register: Path, identity: X25519Identity) -> str:
    """The export record as the key-card part writes it; returns the key set's check code."""
    line = recipient_signing_key(identity).public.minisign_line()
    code = key_set_check_code(str(identity.recipient), line)
    found = records(register)
    register.unlink()
    for record in found:
        for entry in record.get("recipients", []) if record.get("kind") == "export" else []:
            if entry.get("check_code") == check_code(str(identity.recipient)):
                entry.update(signing_key=line, check_code=code)
        append(register, {key: value for key, value in record.items() if key not in ("number", "previous")})
    return code


def statement(path: Path, kind: str, facts: OpenedFacts, signer: X25519Identity, code: str) -> Path:
    files = ("manifest.json", "data.csv") if kind == "deletion" else ()
    write_statement(
        path, make_statement(kind, facts, recipient_signing_key(signer), check_code=code, deleted_files=files)
    )
    return path


def drop(widget, paths: list[Path]) -> bool:
    """Drag ``paths`` over ``widget`` and drop them, as a file manager does; whether the drag was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    actions, button, modifiers = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(10, 10), actions, mime, button, modifiers)
    enter.setAccepted(False)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDropEvent(QPointF(10, 10), actions, mime, button, modifiers))
    return True


@pytest.fixture
def wizard(qtbot, office: Path, tmp_path: Path):
    from exporter.gui.wizard import ExportWizard

    window = ExportWizard(sample_rows=500, sample_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.source_page.stop()


def test_statements_dropped_on_the_source_page_are_imported_and_a_forged_one_refused(qtbot, office, wizard):
    recipient, stranger = X25519Identity.generate(), X25519Identity.generate()
    archive = exported(office, recipient)
    code = with_signing_key(office / "register.jsonl", recipient)
    facts = OpenedFacts.of(decrypt_archive(archive, office / "opened", [recipient]))
    receipt = statement(office / "out.receipt.statement.txt", "receipt", facts, recipient, code)
    deletion = statement(office / "out.deletion.statement.txt", "deletion", facts, recipient, code)
    forged = statement(office / "forged.deletion.statement.txt", "deletion", facts, stranger, code)

    assert drop(wizard.source_page, [receipt, deletion, forged])
    qtbot.waitUntil(lambda: wizard.statement_drops.box is not None and wizard.statement_drops.box.isVisible())
    box = wizard.statement_drops.box
    assert box.text() == "Not every statement could be added to the take-out register."
    first, second, third = box.informativeText().split("\n\n", 2)
    assert first == "out.receipt.statement.txt: added to the register as record 2, the receipt for export 1."
    assert (
        second == "out.deletion.statement.txt: added to the register as record 3, the deletion statement for export 1."
    )
    assert str(forged) in third
    assert [record["kind"] for record in records(office / "register.jsonl")] == ["export", "receipt", "deletion"]
    assert wizard.draft.source is None  # the Source page did not try to read a statement as a resident file
    box.accept()

    assert drop(wizard, [receipt])
    qtbot.waitUntil(lambda: wizard.statement_drops.box is not box and wizard.statement_drops.box.isVisible())
    again = wizard.statement_drops.box
    assert again.text() == "The statements were added to the take-out register."
    assert again.informativeText() == (
        "out.receipt.statement.txt: already in the register as record 2 (receipt); nothing was added."
    )
    assert len(records(office / "register.jsonl")) == 3


def test_other_files_are_not_taken_for_statements(qtbot, office, wizard):
    assert not drop(wizard.purpose_page, [office / "residents.csv"])
    assert wizard.statement_drops.box is None


def test_without_a_register_in_the_policy_the_drop_says_how_to_import(qtbot, office, tmp_path, monkeypatch):
    from exporter.gui.wizard import ExportWizard

    (office / "policy.toml").write_text('[rules]\nnever_export = ["my_number"]\n', encoding="utf-8")
    window = ExportWizard(sample_rows=500, sample_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    (office / "x.receipt.statement.txt").write_text("anything", encoding="utf-8")
    assert drop(window, [office / "x.receipt.statement.txt"])
    box = window.statement_drops.box
    assert box is not None
    assert box.isVisible()
    assert box.informativeText().startswith("No take-out register is set up (the IT policy names none)")
