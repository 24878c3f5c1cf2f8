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


def test_the_japanese_strength_meter_says_strong_or_weak_without_bits(qapp, qtbot):
    from exporter.gui.i18n import install_translators, remove_translators
    from exporter.gui.widgets import StrengthMeter

    try:
        assert install_translators(qapp, "ja") == "ja"
        meter = StrengthMeter()
        qtbot.addWidget(meter)
        meter.set_bits(131.8, acceptable=True)
        strong = meter.format()
        meter.set_bits(20, acceptable=False)
        weak = meter.format()
    finally:
        remove_translators(qapp)
    assert strong == "十分に強い合言葉です"
    assert "推測" in weak
    assert "ビット" not in strong + weak


def test_the_done_page_says_the_size_as_the_command_line_does(qtbot, wizard, tmp_path):
    import re

    from test_handover import export

    from exporter.sizes import file_size

    load_sample(qtbot, wizard)
    wizard.protection_page.passphrase_radio.setChecked(True)
    wizard.protection_page.generate_passphrase()
    export(qtbot, wizard, tmp_path / "out.zip.age")
    shown = wizard.export_page.size_label.text()
    assert shown == str(file_size(wizard.export_page.result.size))
    assert re.fullmatch(r"[\d,]+\.\d (KB|MB)", shown), shown
