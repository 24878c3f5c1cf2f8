"""The wizard refuses the made-up digit-group passphrases the core refuses (one rule: require_strong), and the
Create-my-key dialog does too."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from test_handover import load_sample, open_window  # noqa: F401  (a fixture)

ZEROS = "-".join(["000000"] * 8)
REPEATED = "-".join(["123453", "654324"] * 4)


def test_the_protection_page_refuses_a_made_up_generated_shape_passphrase_and_takes_a_generated_one(qtbot, wizard):
    load_sample(qtbot, wizard)
    page = wizard.protection_page
    page.passphrase_radio.setChecked(True)
    for made_up in (ZEROS, REPEATED, ZEROS.replace("-", "\u3000")):
        page.passphrase_field.setText(made_up)
        assert not page.isComplete()
        assert page.passphrase_note.isVisible()
        assert "easy to guess" in page.passphrase_note.text()
    page.generate_passphrase()
    assert page.isComplete()


def test_the_create_key_dialog_refuses_a_made_up_generated_shape_passphrase(qtbot, open_window):  # noqa: F811
    open_window.form.create_key_button.click()
    dialog = open_window.create_dialog
    dialog.first.setText(ZEROS)
    dialog.second.setText(ZEROS)
    assert not dialog.create_button.isEnabled()
    assert "easy to guess" in dialog.note.text()
