"""A key pasted on the Protection page that the address book already holds with a signing key IS that book entry:
it is chosen by its name, and the code shown to read on the phone is the key set's (the one on the recipient's
card), the same the export then records in the manifest; never the age key's own.

Codes are computed from hashlib (tests/key_tools.py), not with exporter's function."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

from key_tools import code_of, key_set_code_of

from exporter.envelope import X25519Identity
from exporter.gui import key_store
from exporter.gui.recipient_picker import Chosen, RecipientPicker
from exporter.keys import add_recipient, card_of
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_a_pasted_key_that_the_book_holds_shows_the_key_sets_code_that_the_export_records(qtbot, tmp_path: Path):
    card = card_of(X25519Identity.generate())
    assert card.signing_key is not None
    add_recipient("Call centre", card.public_key, signing_key=card.signing_key)
    picker = RecipientPicker()
    qtbot.addWidget(picker)
    picker.set_book(key_store.address_book())
    picker.key_edit.setPlainText(card.public_key)  # the age key alone, pasted from an e-mail

    code = key_set_code_of(card.public_key, card.signing_key)
    assert picker.chosen() == (Chosen(card.public_key, "Call centre", card.signing_key),)
    assert picker.addable_key() is None
    assert digits(code) in digits(picker.codes_label.text())
    assert digits(code_of(card.public_key)) not in digits(picker.codes_label.text())

    source = tmp_path / "residents.csv"
    source.write_bytes(sample_bytes(10, seed=3))
    result = run_export(
        ExportPlan(source=source, columns=("phone",), output=tmp_path / "out.zip.age", recipients=(card.public_key,))
    )
    (entry,) = result.manifest["recipients"]
    assert entry["check_code"] == code
    assert entry["signing_key"] == card.signing_key
