"""The export wizard, driven like a clerk would: offscreen, on a small bundled sample, to a real archive."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from exporter.gui import tasks
from exporter.gui.wizard import ExportWizard, PageId
from exporter.messages import msg
from exporter.sample import SAMPLE_COLUMNS

KEPT = ("family_name", "given_name", "phone", "email", "postal_code", "address_line")
WAIT_MS = 60_000


def age_keypair(tmp_path: Path) -> tuple[Path, str]:
    if shutil.which("age-keygen") is None or shutil.which("age") is None:
        if os.environ.get("CI"):
            pytest.fail("Debian age is required in CI (apt-get install age)")
        pytest.skip("Debian age is not installed")
    key = tmp_path / "recipient.key"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True)
    return key, public.stdout.strip()


def load_sample(qtbot, wizard: ExportWizard) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    assert wizard.source_page.isComplete(), wizard.source_page.error.text()


def fill_up_to_review(qtbot, wizard: ExportWizard, recipient: str, output: Path) -> None:
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Reminder calls for the health check")
    wizard.purpose_page.organisation_edit.setText("Example Call Centre Ltd.")
    wizard.next()
    assert wizard.currentId() == PageId.COLUMNS
    wizard.columns_page.keep(KEPT)
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    wizard.set_destination(output)


def answer_close_question(wizard: ExportWizard, *, close: bool) -> list[str]:
    """Answer the question Cancel asks, once it shows (clicking Close or Keep working); returns its text, so a
    test can tell whether it was asked. Gives up after about two seconds, so a missing question cannot hang."""
    asked: list[str] = []

    def respond(tries: int = 200) -> None:
        box = wizard.close_question
        if box is None or not box.isVisible():
            if tries:
                QTimer.singleShot(10, lambda: respond(tries - 1))
            return
        asked.append(f"{box.text()} {box.informativeText()}")
        role = QMessageBox.ButtonRole.DestructiveRole if close else QMessageBox.ButtonRole.RejectRole
        wanted = next(button for button in box.buttons() if box.buttonRole(button) == role)
        wanted.click()

    QTimer.singleShot(0, respond)
    return asked


def next_enabled(wizard: ExportWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def decrypt_data_csv(archive: Path, key: Path, tmp_path: Path) -> list[list[str]]:
    plain = tmp_path / "opened.zip"
    subprocess.run(["age", "-d", "-i", str(key), "-o", str(plain), str(archive)], check=True, capture_output=True)
    with zipfile.ZipFile(plain) as opened:
        text = opened.read("data.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_sample_export_opens_with_age_to_exactly_the_kept_columns(qtbot, wizard, tmp_path):
    key, recipient = age_keypair(tmp_path)
    output = tmp_path / "out" / "residents.zip.age"
    output.parent.mkdir()
    fill_up_to_review(qtbot, wizard, recipient, output)
    assert wizard.source_page.preview_model.rowCount() > 0
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    result = wizard.export_page.result
    assert result is not None, wizard.export_page.message.text()
    assert result.rows == wizard.sample_rows
    assert result.manifest["purpose"] == "Reminder calls for the health check"
    assert result.manifest["recipient_organisation"] == "Example Call Centre Ltd."
    assert wizard.export_page.sha_label.text().replace(" ", "") == result.sha256
    rows = decrypt_data_csv(output, key, tmp_path)
    assert rows[0] == list(KEPT)
    assert len(rows) == wizard.sample_rows + 1
    with open(tasks.sample_path(wizard.sample_folder, wizard.sample_rows), encoding="utf-8", newline="") as source:
        original = list(csv.reader(source))
    positions = [original[0].index(name) for name in KEPT]
    assert rows[1:] == [[row[i] for i in positions] for row in original[1:]]


def hold_export_at_first_block(monkeypatch) -> threading.Event:
    """The export waits in its first progress report until it is cancelled: time to press Stop, never a race."""
    real_run_export = tasks.run_export
    reached = threading.Event()

    def run_export_that_waits(plan, *, progress, cancel):
        def held(fraction, message):
            reached.set()
            cancel.wait(timeout=30)
            progress(fraction, message)

        return real_run_export(plan, progress=held, cancel=cancel)

    monkeypatch.setattr(tasks, "run_export", run_export_that_waits)
    return reached


def export_held_at_first_block(qtbot, wizard: ExportWizard, tmp_path: Path, monkeypatch) -> Path:
    """Start an export into an empty folder and wait until it holds at its first block; returns the folder."""
    reached = hold_export_at_first_block(monkeypatch)
    output_folder = tmp_path / "out"
    output_folder.mkdir()
    fill_up_to_review(qtbot, wizard, _recipient(), output_folder / "r.zip.age")
    wizard.next()
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    return output_folder


def test_stop_during_export_ends_it_and_leaves_nothing(qtbot, wizard, tmp_path, monkeypatch):
    output_folder = export_held_at_first_block(qtbot, wizard, tmp_path, monkeypatch)
    page = wizard.export_page
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert page.result is None
    assert page.back_button.isVisible()
    assert list(output_folder.iterdir()) == []
    page.back_button.click()
    assert wizard.currentId() == PageId.REVIEW


def test_closing_the_window_during_export_stops_it_first_and_leaves_nothing(qtbot, wizard, tmp_path, monkeypatch):
    output_folder = export_held_at_first_block(qtbot, wizard, tmp_path, monkeypatch)
    asked = answer_close_question(wizard, close=True)
    with qtbot.waitSignal(wizard.rejected, timeout=WAIT_MS):
        wizard.reject()
    assert asked == ["Close the wizard? The export is running: it stops, and nothing is written."]
    assert not wizard.isVisible()
    assert list(output_folder.iterdir()) == []


def test_file_with_a_nul_byte_shows_the_core_sentence_and_next_stays_disabled(qtbot, wizard, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"name,phone\nAiko,0123\nBo\x00b,0456\n")
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(bad)
    error = wizard.source_page.error
    assert error.isVisible()
    assert "broken.csv line 3 contains a NUL byte" in error.text()
    assert not wizard.source_page.isComplete()
    assert not next_enabled(wizard)


def test_weak_typed_passphrase_is_refused_and_a_generated_one_is_accepted(qtbot, wizard):
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    wizard.columns_page.keep(["phone"])
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    page = wizard.protection_page
    page.passphrase_radio.click()
    qtbot.keyClicks(page.passphrase_edit, "password123")
    assert not page.isComplete()
    assert not next_enabled(wizard)
    assert page.passphrase_note.isVisible()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.isComplete()
    assert next_enabled(wizard)
    assert page.meter.value() == page.meter.maximum()
    wizard.next()
    assert wizard.draft.passphrase is not None
    assert wizard.draft.recipients == ()
    assert wizard.draft.passphrase.reveal() not in repr(wizard.draft)


def test_copied_passphrase_is_cleared_only_while_the_clipboard_still_holds_it(qtbot, wizard):
    page = wizard.protection_page
    page.generate_passphrase()
    page.copy_passphrase()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == page.passphrase_edit.text()
    page.clear_clipboard()
    assert clipboard.text() == ""
    page.copy_passphrase()
    clipboard.setText("something the clerk copied since")
    page.clear_clipboard()
    assert clipboard.text() == "something the clerk copied since"


def test_sensitive_columns_need_a_reason_each_and_an_explicit_confirmation(qtbot, wizard):
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Refunds")
    wizard.next()
    page = wizard.columns_page
    page.keep(["family_name"])
    assert page.isComplete()
    page.keep(["family_name", "account_number"])
    assert page.sensitive.isVisible()
    assert "account_number" in page.sensitive.warning.text()
    assert not page.isComplete()
    assert not next_enabled(wizard)
    page.confirm.click()
    assert not page.isComplete()  # confirmed, but no reason yet
    qtbot.keyClicks(page.sensitive.edits["account_number"], "Refund transfers")
    assert page.isComplete()
    page.keep(["family_name", "account_number", "my_number"])
    assert not page.confirm.isChecked()
    assert not page.isComplete()
    page.confirm.click()
    page.sensitive.set_reason("my_number", "   ")
    assert not page.isComplete()  # a reason of spaces is no reason
    page.sensitive.set_reason("my_number", "Matching with the tax office")
    assert page.isComplete()
    page.keep(["family_name"])
    assert not page.sensitive.isVisible()
    assert page.isComplete()


def test_nothing_is_kept_by_default_and_the_count_line_is_plural_aware(qtbot, wizard):
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    page = wizard.columns_page
    assert page.model.kept == ()
    assert not next_enabled(wizard)
    page.keep(["phone"])
    assert page.summary.text() == f"1 column of {len(SAMPLE_COLUMNS)} will leave the office."
    page.keep(KEPT)
    assert page.summary.text() == f"6 columns of {len(SAMPLE_COLUMNS)} will leave the office."


def test_kept_columns_can_be_reordered_and_searched(qtbot, wizard):
    load_sample(qtbot, wizard)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    page = wizard.columns_page
    page.keep(["phone", "email", "family_name"])
    page.kept_list.setCurrentRow(2)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert page.model.kept == ("family_name", "phone", "email")
    qtbot.keyClicks(page.search, "kana")
    assert page.proxy.rowCount() == 2
    qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    assert page.model.kept[-2:] == ("family_name_kana", "given_name_kana")
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.kept == ()


def test_review_suggests_a_zip_age_name_and_refuses_an_existing_file(qtbot, wizard, tmp_path):
    fill_up_to_review(qtbot, wizard, _recipient(), tmp_path / "unused.zip.age")
    page = wizard.review_page
    assert page._suggested_destination().name.endswith(".zip.age")
    assert "3,000 residents × 6 columns leave the office." in page.summary.text()
    taken = tmp_path / "taken.zip.age"
    taken.write_bytes(b"")
    wizard.set_destination(taken)
    assert page.destination_error.isVisible()
    assert not next_enabled(wizard)


def test_whole_export_can_be_done_from_the_keyboard(qtbot, wizard, tmp_path):
    key, recipient = age_keypair(tmp_path)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)

    def press(key_code, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(QApplication.focusWidget() or wizard, key_code, modifier)

    def alt(letter: str, *, until=None):
        """A mnemonic; a button's mnemonic clicks it after a short animation, so wait for its effect."""
        press(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
        if until is not None:
            qtbot.waitUntil(until, timeout=WAIT_MS)

    def on(page_id):
        return lambda: wizard.currentId() == page_id

    alt("s", until=lambda: wizard.source_page.isComplete())  # Use the bundled &sample
    alt("n", until=on(PageId.PURPOSE))
    alt("p")  # the &Purpose field
    QTest.keyClicks(QApplication.focusWidget(), "Health check reminders")
    alt("n", until=on(PageId.COLUMNS))
    page = wizard.columns_page
    alt("f")  # &Find
    QTest.keyClicks(QApplication.focusWidget(), "phone")
    alt("a", until=lambda: page.model.kept == ("phone",))  # Tick &all shown
    alt("f")
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "family_name")
    alt("t")  # the table (tick to keep): its first shown row becomes current
    press(Qt.Key.Key_Space)
    assert page.model.kept == ("phone", "family_name")
    alt("k")  # the kept list
    press(Qt.Key.Key_End)
    alt("u", until=lambda: page.model.kept == ("family_name", "phone"))  # Move &up
    alt("n", until=on(PageId.ROWS))
    alt("n", until=on(PageId.PROTECTION))
    alt("k", until=lambda: wizard.protection_page.key_radio.isChecked())  # The recipient's &key
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), recipient)
    assert wizard.protection_page.isComplete()
    alt("n", until=on(PageId.REVIEW))
    output = tmp_path / "keyboard.zip.age"
    wizard.set_destination(output)  # the Save dialog is the platform's; its keyboard use is not ours to test
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        alt("e")  # &Export
    assert wizard.export_page.result is not None, wizard.export_page.message.text()
    alt("f", until=lambda: wizard.result() == QWizard.DialogCode.Accepted)  # &Finish
    assert decrypt_data_csv(output, key, tmp_path)[0] == ["family_name", "phone"]


def test_exporter_without_a_command_opens_the_wizard(monkeypatch):
    from exporter import cli
    from exporter.gui import app

    seen = {}

    def fake_run(options):
        seen.update(lang=options.lang, sample=options.sample, screenshots=options.screenshots)
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    assert cli.main(["--lang", "ja", "--sample"]) == 0
    assert seen == {"lang": "ja", "sample": True, "screenshots": None}


def test_worker_reports_progress_at_most_twenty_times_a_second(qtbot, monkeypatch):
    from exporter.gui import worker as worker_module

    clock = iter(i * 0.001 for i in range(1_000_000))  # each reading is 1 ms later than the one before
    monkeypatch.setattr(worker_module.time, "monotonic", lambda: next(clock))

    def task(progress, cancel):
        for step in range(1000):  # one simulated second
            progress(step / 1000, msg("progress.rows_read", rows=step, total=None))
        progress(1.0, msg("progress.rows_read", rows=1000, total=None))
        return "done"

    job = worker_module.Worker(task)
    reports = []
    job.signals.progress.connect(lambda fraction, message: reports.append(fraction))
    with qtbot.waitSignal(job.signals.finished, timeout=WAIT_MS):
        job.start()
    qtbot.waitUntil(lambda: bool(reports) and reports[-1] == 1.0)
    assert len(reports) <= 21


def test_worker_is_running_until_its_result_has_reached_the_gui_thread(qtbot):
    """A page is complete when its result has arrived and busy while its worker runs; between the two there
    must be no moment when it is neither (the screenshot walk once stopped in that gap)."""
    from PySide6.QtCore import QThreadPool

    from exporter.gui import worker as worker_module

    results = []
    job = worker_module.Worker(lambda progress, cancel: "loaded")
    job.signals.succeeded.connect(results.append)
    job.signals.finished.connect(lambda: results.append(f"finished, running={job.running}"))
    job.start()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)  # the task has returned; no event processed yet
    assert job.running
    assert results == []
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    assert results == ["loaded", "finished, running=False"]


def _recipient() -> str:
    from exporter.envelope import X25519Identity

    return str(X25519Identity.generate().recipient)


def test_every_page_is_in_japanese_when_japanese_is_chosen(qtbot, qapp, tmp_path):
    from PySide6.QtCore import QLocale

    from exporter.gui.i18n import install_translators, remove_translators

    assert install_translators(qapp, "ja") == "ja"
    try:
        wizard = ExportWizard(sample_rows=300, sample_folder=tmp_path / "cache")
        qtbot.addWidget(wizard)
        wizard.show()
        load_sample(qtbot, wizard)
        wizard.next()
        wizard.purpose_page.purpose_edit.setText("健診の案内")
        wizard.next()
        wizard.columns_page.keep(KEPT)
        wizard.next()
        wizard.next()  # Rows: no condition, every row
        wizard.protection_page.set_recipients([_recipient()])
        wizard.next()
        wizard.set_destination(tmp_path / "ja.zip.age")
        assert wizard.currentId() == PageId.REVIEW
        assert "300 人 × 6 列を庁外に持ち出します。" in wizard.review_page.summary.text()
        english = {"Resident file", "Purpose", "Columns", "Rows", "Protection", "Review", "Export"}
        for page_id in PageId:
            title = wizard.page(page_id).title()
            assert title not in english, (page_id, title)
            assert any(ord(char) > 0x3000 for char in title), (page_id, title)
        assert wizard.columns_page.summary.text() == "24 列のうち 6 列を庁外に持ち出します。"
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == "次へ(&N) >"
    finally:
        remove_translators(qapp)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
