"""The Open window: the receiving side opens an export made by the same core, and shows what it holds."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from exporter.envelope import X25519Identity, format_identity_file
from exporter.gui.i18n import remove_translators
from exporter.gui.open_demo import render as screenshot_demo
from exporter.gui.open_task import OpenRequest, default_folder
from exporter.gui.open_window import OpenWindow
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes

COLUMNS = ("family_name", "given_name", "phone", "postal_code")
PASSPHRASE = "plinth marigold quasar tundra oboe vellum zephyr"
TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    app = QApplication.instance()
    if app is not None:
        remove_translators(app)
    QLocale.setDefault(QLocale.system())


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "residents.csv"
    path.write_bytes(sample_bytes(40))
    return path


def write_key(folder: Path) -> tuple[X25519Identity, Path]:
    identity = X25519Identity.generate()
    key_file = folder / "key.txt"
    key_file.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
    key_file.chmod(0o600)  # as exporter keygen writes it
    return identity, key_file


def export(source: Path, output: Path, *, delete_by: date | None, recipient: str = "", passphrase: str = "") -> Path:
    plan = ExportPlan(
        source=source,
        columns=COLUMNS,
        output=output,
        recipients=(recipient,) if recipient else (),
        passphrase=Secret(passphrase) if passphrase else None,
        purpose="Reminder calls for the autumn health check",
        recipient_organisation="Example Call Centre Ltd.",
        delete_by=delete_by,
    )
    run_export(plan)
    return output


@pytest.fixture(scope="module")
def passphrase_archive(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("passphrase")
    return export(
        source, folder / "residents.zip.age", delete_by=date.today() + timedelta(days=30), passphrase=PASSPHRASE
    )


@pytest.fixture
def window(qtbot) -> OpenWindow:
    widget = OpenWindow()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_and_wait(qtbot, window: OpenWindow) -> None:
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert not window.busy


def test_archive_opens_with_its_key_file_and_shows_the_manifest(qtbot, window, source, tmp_path):
    identity, key_file = write_key(tmp_path)
    archive = export(
        source,
        tmp_path / "residents.zip.age",
        delete_by=date.today() + timedelta(days=30),
        recipient=str(identity.recipient),
    )
    window.set_archive(archive)
    window.set_key_file(key_file)
    assert window.form.folder_edit.text() == str(tmp_path / "residents")

    open_and_wait(qtbot, window)

    data = tmp_path / "residents" / "data.csv"
    text = data.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 41
    assert (tmp_path / "residents" / "manifest.json").exists()
    view = window.manifest_view
    assert view.isVisible()
    assert not view.warning.isVisible()
    assert view.values["purpose"].text() == "Reminder calls for the autumn health check"
    assert view.values["organisation"].text() == "Example Call Centre Ltd."
    assert all(name in view.values["columns"].text() for name in COLUMNS)
    assert "40" in view.values["size"].text()
    assert view.values["source"].text().startswith("residents.csv")
    assert view.values["written"].text() == str(data)
    assert view.open_folder_button.isVisible()
    assert window.message.text().startswith("Intact and complete: nothing was changed after the archive was")
    assert "This does not prove who made it." in window.message.text()
    assert not window.key_warning.isVisible()  # the key file is private


def test_sender_time_is_shown_in_local_time(qtbot, window, source, tmp_path):
    identity, key_file = write_key(tmp_path)
    archive = export(source, tmp_path / "a.zip.age", delete_by=None, recipient=str(identity.recipient))
    window.set_archive(archive)
    window.set_key_file(key_file)
    open_and_wait(qtbot, window)

    created = window.manifest_view.opened.manifest["created_utc"]
    local = datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone()
    assert local.strftime("%H:%M") in window.manifest_view.values["sent"].text()
    assert "ask the sender" in window.manifest_view.values["delete_by"].text()


def test_passed_delete_by_date_shows_the_warning(qtbot, window, source, tmp_path):
    identity, key_file = write_key(tmp_path)
    archive = export(
        source, tmp_path / "old.zip.age", delete_by=date.today() - timedelta(days=3), recipient=str(identity.recipient)
    )
    window.set_archive(archive)
    window.set_key_file(key_file)
    open_and_wait(qtbot, window)

    warning = window.manifest_view.warning
    assert warning.isVisible()
    assert warning.text() == "The delete-by date has passed: delete this data now."


def test_wrong_key_shows_one_sentence_and_writes_nothing(qtbot, window, source, tmp_path):
    sender_side, _ = write_key(tmp_path)
    archive = export(source, tmp_path / "x.zip.age", delete_by=None, recipient=str(sender_side.recipient))
    other = tmp_path / "other"
    other.mkdir()
    _, wrong_key = write_key(other)
    window.set_archive(archive)
    window.set_key_file(wrong_key)
    out = tmp_path / "out"
    window.set_folder(out)

    open_and_wait(qtbot, window)

    message = window.message.text()
    assert message.startswith("No key or passphrase given opens this archive.")
    assert "Traceback" not in message
    assert not window.manifest_view.isVisible()
    assert not out.exists() or list(out.iterdir()) == []


def test_passphrase_opens_a_passphrase_archive_and_is_cleared(qtbot, window, passphrase_archive, tmp_path):
    window.set_archive(passphrase_archive)
    window.set_passphrase(PASSPHRASE)
    window.set_folder(tmp_path / "opened")

    open_and_wait(qtbot, window)

    assert (tmp_path / "opened" / "data.csv").exists()
    assert window.manifest_view.isVisible()
    assert window.form.passphrase_edit.text() == ""


def test_wrong_passphrase_says_so_and_writes_nothing(qtbot, window, passphrase_archive, tmp_path):
    window.set_archive(passphrase_archive)
    window.set_passphrase("not the passphrase")
    window.set_folder(tmp_path / "opened")

    open_and_wait(qtbot, window)

    assert "check that it was typed exactly" in window.message.text()
    assert not (tmp_path / "opened").exists() or list((tmp_path / "opened").iterdir()) == []


def test_cancel_leaves_nothing_behind(qtbot, window, passphrase_archive, tmp_path):
    window.set_archive(passphrase_archive)
    window.set_passphrase(PASSPHRASE)
    window.set_folder(tmp_path / "opened")
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        window.start_open()
        assert window.cancel_button.isVisible()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)  # while scrypt still runs

    assert window.message.text() == "Cancelled: nothing was saved."
    assert not (tmp_path / "opened").exists() or list((tmp_path / "opened").iterdir()) == []


def test_missing_choices_are_named_before_anything_runs(qtbot, window, tmp_path):
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == "Choose the archive (.zip.age) first."
    assert window.worker is None

    window.set_archive(tmp_path / "a.zip.age")
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == "Choose your key file, or choose Passphrase and type it."


def test_a_folder_that_already_holds_data_csv_is_refused(qtbot, window, source, tmp_path):
    identity, key_file = write_key(tmp_path)
    archive = export(source, tmp_path / "r.zip.age", delete_by=None, recipient=str(identity.recipient))
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "data.csv").write_text("earlier", encoding="utf-8")
    window.set_archive(archive)
    window.set_key_file(key_file)

    open_and_wait(qtbot, window)

    assert "already exists" in window.message.text()
    assert (tmp_path / "r" / "data.csv").read_text(encoding="utf-8") == "earlier"


def test_manifest_text_is_shown_as_plain_text(qtbot, window, source, tmp_path):
    identity, key_file = write_key(tmp_path)
    plan = ExportPlan(
        source=source,
        columns=COLUMNS,
        output=tmp_path / "h.zip.age",
        recipients=(str(identity.recipient),),
        purpose="<b>bold</b> <img src='x'>",
    )
    run_export(plan)
    window.set_archive(plan.output)
    window.set_key_file(key_file)
    open_and_wait(qtbot, window)

    label = window.manifest_view.values["purpose"]
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>bold</b> <img src='x'>"


def test_dropped_files_become_archive_and_key(qtbot, window, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "in.zip.age")), QUrl.fromLocalFile(str(tmp_path / "key.txt"))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)

    assert window.form.archive_edit.text() == str(tmp_path / "in.zip.age")
    assert window.form.key_file_edit.text() == str(tmp_path / "key.txt")
    assert window.form.key_file_radio.isChecked()


@pytest.mark.parametrize(
    ("name", "folder"),
    [("residents.zip.age", "residents"), ("RESIDENTS.ZIP.AGE", "RESIDENTS"), ("x.age", "x"), ("odd", "odd-opened")],
)
def test_default_folder_sits_beside_the_archive(name, folder, tmp_path):
    assert default_folder(tmp_path / name) == tmp_path / folder


def test_controls_have_accessible_names_and_mnemonics(window):
    for edit in (
        window.form.archive_edit,
        window.form.key_file_edit,
        window.form.passphrase_edit,
        window.form.folder_edit,
    ):
        assert edit.accessibleName()
    buttons = (
        window.form.archive_button,
        window.form.key_file_button,
        window.form.folder_button,
        window.open_button,
        window.form.key_file_radio,
        window.form.passphrase_radio,
        window.manifest_view.open_folder_button,
    )
    letters = [button.text()[button.text().index("&") + 1].lower() for button in buttons]
    assert len(set(letters)) == len(letters)


def test_screenshot_demo_saves_the_opened_window(qtbot, tmp_path):
    path = screenshot_demo(tmp_path, "en")
    assert path == tmp_path / "07-open.png"
    assert path.stat().st_size > 10_000


def test_request_repr_hides_the_passphrase(tmp_path):
    request = OpenRequest(tmp_path / "a.zip.age", tmp_path / "a", None, PASSPHRASE)
    assert PASSPHRASE not in repr(request)


def test_closing_while_opening_stops_first_then_closes(qtbot, window, passphrase_archive, tmp_path):
    window.set_archive(passphrase_archive)
    window.set_passphrase(PASSPHRASE)
    window.set_folder(tmp_path / "opened")
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        window.start_open()
        window.close()
        assert window.isVisible()

    qtbot.waitUntil(lambda: not window.isVisible())
    assert not (tmp_path / "opened").exists() or list((tmp_path / "opened").iterdir()) == []


def test_an_archive_over_the_unpacked_size_limit_gets_advice_this_window_can_follow(qtbot, window, tmp_path):
    from exporter.gui.i18n import build_translations, switch_language, translations_need_build

    cases = Path(__file__).parent.parent / "cases" / "archives"
    archive, key = tmp_path / "one-gib-of-zeros.zip.age", tmp_path / "test-identity.key"
    for path in (archive, key):
        path.write_bytes((cases / path.name).read_bytes())
    key.chmod(0o600)
    window.set_archive(archive)
    window.set_key_file(key)

    open_and_wait(qtbot, window)

    assert window.message.text() == (
        "data.csv in one-gib-of-zeros.zip.age would unpack to 1.0 GB, 1,028 times the size of the archive; the "
        "limit is 100 times.\nIf you trust the archive, open it on the command line with “exporter decrypt "
        "--max-expansion 1028”."
    )
    assert not (tmp_path / "one-gib-of-zeros").exists()
    if translations_need_build():
        build_translations()
    switch_language(QApplication.instance(), "ja")
    qtbot.waitUntil(lambda: "コマンドライン" in window.message.text(), timeout=TIMEOUT_MS)
    assert window.message.text().split("\n")[1] == (
        "このファイルを信頼できる場合は、コマンドラインで「exporter decrypt --max-expansion 1028」"
        "を使って開いてください。"
    )


def test_the_open_window_says_who_signed_or_warns_that_an_archive_is_unsigned(qtbot, window, source, tmp_path):
    """A trusted office's signature is named with its key's check code; an unsigned archive gets a plain warning."""
    from exporter.keys.signers import add_signer
    from exporter.signing import create_signing_key

    passphrase = "kettle mosaic umber quokka lantern fjord sesame"
    office = create_signing_key(tmp_path / "office.key", passphrase, comment="架空市 市民課", work_factor=10)
    add_signer(office.minisign_text(), "架空市 市民課")
    identity, key_file = write_key(tmp_path)
    signed = tmp_path / "signed.zip.age"
    run_export(
        ExportPlan(
            source=source, columns=COLUMNS, output=signed, recipients=(str(identity.recipient),), purpose="Calls",
            signing_key=tmp_path / "office.key", signing_passphrase=Secret(passphrase),
        )
    )  # fmt: skip
    window.set_archive(signed)
    window.set_key_file(key_file)
    open_and_wait(qtbot, window)
    shown = window.manifest_view.values["signature"].text()
    assert "架空市 市民課" in shown
    assert office.check_code() in shown

    unsigned = export(source, tmp_path / "unsigned.zip.age", delete_by=None, recipient=str(identity.recipient))
    window.set_archive(unsigned)
    window.form.folder_edit.setText(str(tmp_path / "unsigned-out"))
    open_and_wait(qtbot, window)
    label = window.manifest_view.values["signature"]
    assert "not signed" in label.text()
    assert "#8d4b00" in label.styleSheet()  # the warning colour
