"""How keys and archives are named on screen: check codes with their Japanese readings, the archive's hash value
computed while it is opened, and the sender's time in the recipient's own zone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import subprocess
import sys

from PySide6.QtCore import QLocale

from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.gui.check_codes import SPOKEN_JA, code_html, shown_code, spoken_japanese
from exporter.gui.key_card import KeyCardDialog
from exporter.keys import check_code
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes


def test_check_code_is_read_group_by_group_with_phone_readings_of_each_digit():
    code = check_code(str(X25519Identity.generate().recipient))

    reading = spoken_japanese(code)

    groups = reading.split("、")
    assert len(groups) == 5
    for group, digits in zip(groups, code.split("-"), strict=True):
        assert group.split(" ") == [SPOKEN_JA[digit] for digit in digits]
    assert SPOKEN_JA["4"] == "よん"  # never し (death) or a reading that sounds like another digit
    assert SPOKEN_JA["7"] == "なな"
    assert shown_code(code) == code


def test_japanese_screens_add_the_reading_and_english_ones_do_not(qapp):
    code = check_code(str(X25519Identity.generate().recipient))
    QLocale.setDefault(QLocale(QLocale.Language.Japanese))
    try:
        japanese = code_html(code)
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English))
    english = code_html(code)

    assert spoken_japanese(code) in japanese
    assert spoken_japanese(code) not in english
    assert shown_code(code) in english


def test_opening_an_archive_reports_the_sha256_of_the_file_as_it_was_read(tmp_path):
    source = tmp_path / "residents.csv"
    source.write_bytes(sample_bytes(30))
    identity = X25519Identity.generate()
    archive = tmp_path / "r.zip.age"
    result = run_export(
        ExportPlan(source=source, columns=("family_name",), output=archive, recipients=(str(identity.recipient),))
    )

    opened = decrypt_archive(archive, tmp_path / "out", [identity])

    assert opened.archive_sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert opened.archive_sha256 == result.sha256


def test_sender_time_is_shown_in_the_recipients_zone_with_its_offset(tmp_path):
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from exporter.gui.manifest_view import sender_time, zone_text\n"
        "moment = sender_time({'created_utc': '2026-11-24T06:13:57Z'})\n"
        "print(moment.time().toString('HH:mm'), zone_text(moment))\n"
    )
    env = {**os.environ, "TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "offscreen"}
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()

    assert shown[0] == "15:13"  # 06:13 UTC is 15:13 in Tokyo
    assert shown[-1] == "UTC+09:00"


def test_exporter_open_starts_the_gui_and_says_so_when_there_is_no_display():
    env = {name: value for name, value in os.environ.items() if name not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                                             "QT_QPA_PLATFORM")}  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "exporter", "open"], env=env, capture_output=True, text=True, timeout=60
    )

    assert run.returncode == 1
    assert run.stderr.startswith("exporter: error: ")
    assert "display" in run.stderr


def test_an_open_key_card_turns_japanese_with_the_window_and_says_to_send_only_the_public_key(qtbot, qapp):
    from exporter.gui.i18n import remove_translators, switch_language

    public_key = str(X25519Identity.generate().recipient)
    card = KeyCardDialog(public_key)
    qtbot.addWidget(card)
    assert card.warning.text().startswith("Send only this public key.")

    switch_language(qapp, "ja")
    try:
        qtbot.waitUntil(lambda: card.windowTitle() == "あなたの鍵カード")  # LanguageChange arrives queued
        send_only = "この公開鍵だけを送ってください。秘密鍵（鍵ファイル）は送らないでください。"
        assert card.warning.text().startswith(send_only)
        assert spoken_japanese(check_code(public_key)) in card.code_label.text()
    finally:
        remove_translators(qapp)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def _plain(rich_text: str) -> str:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


def test_every_window_shows_the_check_code_as_the_command_line_writes_it_and_copying_gives_that_string(qtbot):
    """One form everywhere (1454-5235-9590-8258-2074): the key card, the address book's table on the Protection
    page, the Review summary and the Open window; the large form's spacing is drawing only, so a selection copied
    from the key card is the canonical string."""
    from exporter.gui.check_codes import recipients_html
    from exporter.gui.manifest_view import ManifestView
    from exporter.gui.recipient_picker import RecipientPicker
    from exporter.keys.book import BookEntry

    key = str(X25519Identity.generate().recipient)
    code = check_code(key)
    assert len(code) == 24
    assert code.count("-") == 4

    card = KeyCardDialog(key)
    qtbot.addWidget(card)
    assert _plain(card.code_label.text()).splitlines()[0] == code
    card.code_label.setSelection(0, len(code))
    assert card.code_label.selectedText() == code
    assert code in card.card_text()

    picker = RecipientPicker()
    qtbot.addWidget(picker)
    picker.set_book([BookEntry(name="Call centre", key=key, organisation="Minato")])
    assert picker.book.topLevelItem(0).text(2) == code

    assert _plain(recipients_html([("Call centre", key)], compact=True)) == f"Call centre: {code}"
    assert _plain(recipients_html([("Call centre", key)])).splitlines()[1] == code

    view = ManifestView()
    qtbot.addWidget(view)
    shown = view._recipients_text({"recipients": [{"type": "X25519", "recipient": key, "name": "Call centre"}]})
    assert shown == f"{code}  Call centre"
