"""The recipient's signing key in the windows (issue 11, section 4): a key card pasted whole on the Protection page
goes into the address book with its signing key, and the Open window shows the same code as the book.

Codes are computed from hashlib (tests/key_tools.py), not with exporter's function.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from datetime import datetime
from pathlib import Path

from key_tools import code_of, key_set_code_of
from PySide6.QtCore import Qt

from exporter.envelope import X25519Identity, format_identity_file
from exporter.gui import key_store
from exporter.gui.book_dialog import AddRecipientDialog
from exporter.gui.open_window import OpenWindow
from exporter.gui.recipient_picker import RecipientPicker
from exporter.keys import KeyCard, add_recipient, card_of, load_book
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

TIMEOUT_MS = 60_000


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_a_key_card_pasted_whole_is_added_with_its_signing_key_and_then_shows_the_cards_code(qtbot):
    card = card_of(X25519Identity.generate())
    assert card.signing_key is not None
    picker = RecipientPicker()
    qtbot.addWidget(picker)
    picker.key_edit.setPlainText(card.file_text().replace("\r\n", "\n"))  # as copied from an e-mail

    assert picker.chosen() == (
        type(picker.chosen()[0])(card.public_key),
    )  # one pasted key; the card's text is no error
    assert not picker.key_error.text()
    assert picker.addable_key() == card.public_key
    assert picker.pasted_signing_key(card.public_key) == card.signing_key
    assert digits(code_of(card.public_key)) in digits(picker.codes_label.text())  # what the export would record now
    assert "address book" in picker.codes_label.text()  # and why it differs from the card's code until it is added

    dialog = AddRecipientDialog(card.public_key, signing_key=picker.pasted_signing_key(card.public_key))
    qtbot.addWidget(dialog)
    assert dialog.signing_field.text() == card.signing_key
    assert digits(key_set_code_of(card.public_key, card.signing_key)) in digits(dialog.code_label.text())
    dialog.name_edit.setText("Call centre")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    entry = load_book().find("Call centre")
    assert (entry.key, entry.signing_key) == (card.public_key, card.signing_key)
    picker.set_book(key_store.address_book())
    picker.added("Call centre", card.public_key)
    assert picker.key_edit.toPlainText() == ""
    assert picker.ticked_names() == ["Call centre"]
    code = key_set_code_of(card.public_key, card.signing_key)
    assert digits(picker.book.topLevelItem(0).text(2)) == digits(code)
    assert digits(code) in digits(picker.codes_label.text())


def test_a_pasted_card_with_a_malformed_signing_key_is_not_taken(qtbot):
    card = card_of(X25519Identity.generate())
    picker = RecipientPicker()
    qtbot.addWidget(picker)
    picker.key_edit.setPlainText(card.render("en").replace(card.signing_key or "", "RWnot-a-key"))

    assert picker.chosen() is None
    assert picker.key_error.text().splitlines()[0] == (
        "The pasted text has a signing key line (starting with RW) that is not written correctly."
    )
    assert not picker.add_button.isEnabled()


def test_the_open_window_shows_the_books_code_for_a_recipient_with_a_signing_key(qtbot, tmp_path: Path):
    identity = X25519Identity.generate()
    key_file = tmp_path / "key.txt"
    key_file.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
    key_file.chmod(0o600)
    card = card_of(identity)
    entry = add_recipient("Call centre", card.public_key, signing_key=card.signing_key)
    old = X25519Identity.generate()
    add_recipient("Old clinic", str(old.recipient))
    (tmp_path / "residents.csv").write_bytes(sample_bytes(20))
    archive = tmp_path / "residents.zip.age"
    run_export(
        ExportPlan(
            source=tmp_path / "residents.csv", columns=("phone",), output=archive, to=("Call centre", "Old clinic")
        )
    )
    window = OpenWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_archive(archive)
    window.set_key_file(key_file)
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)

    shown = window.manifest_view.values["recipients"].text()
    assert entry.check_code == KeyCard(card.public_key, card.signing_key).check_code
    assert f"{entry.check_code}  Call centre" in shown
    assert f"{code_of(str(old.recipient))}  Old clinic" in shown  # no signing key: the code as before
    assert window.manifest_view.opened.manifest["recipients"][0]["signing_key"] == card.signing_key
