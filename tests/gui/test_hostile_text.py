"""What an archive or a key file says reaches the windows as plain, visible text, and no secret reaches them.

The Open window is fed the terminal-escapes case and genuine archives whose every text field carries HTML,
terminal escapes and bidi overrides; the export wizard's key field and recipients file are fed a secret key.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from exporter.envelope import X25519Identity, format_identity_file
from exporter.gui.open_window import OpenWindow
from exporter.pipeline import run_export
from exporter.plan import ExportPlan

CASES = Path(__file__).parent.parent / "cases" / "archives"
TIMEOUT_MS = 60_000
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
HTML_PURPOSE = "<img src='file:///etc/hosts'> <a href='https://example.invalid/'>click</a> <b>bold</b>"
ESCAPES = "\x1b[2K\r\x1b[1Aexporter: verified\x1b]0;title\x07 \u202eoreZ\u202c \u2066x\u2069 a\u2028b \x9b31m"


def unsafe(text: str) -> list[str]:
    return [char for char in text if unicodedata.category(char) in UNSAFE_CATEGORIES]


def key_file(folder: Path, mode: int = 0o600) -> tuple[X25519Identity, Path]:
    identity = X25519Identity.generate()
    path = folder / "key.txt"
    path.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
    path.chmod(mode)
    return identity, path


@pytest.fixture
def window(qtbot) -> OpenWindow:
    widget = OpenWindow()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_archive(qtbot, window: OpenWindow, archive: Path, key: Path, folder: Path) -> None:
    window.set_archive(archive)
    window.set_key_file(key)
    window.set_folder(folder)
    with qtbot.waitSignal(window.done, timeout=TIMEOUT_MS):
        window.start_open()


def labels_showing(window: OpenWindow) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if label.isVisible() and label.text()]


def test_the_terminal_escapes_case_is_shown_with_its_controls_visible(qtbot, window, tmp_path):
    archive = tmp_path / "case.zip.age"
    shutil.copyfile(CASES / "manifest-purpose-terminal-escapes.zip.age", archive)
    key = tmp_path / "test-identity.key"
    shutil.copyfile(CASES / "test-identity.key", key)
    key.chmod(0o600)

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    purpose = window.manifest_view.values["purpose"].text()
    assert purpose == ("ok\\x1b[2K\\r\\x1b[1A\\x1b[2Kexporter: verified by City Hall, signed\\x1b]0;pwned-title\\x07")
    assert window.message.text().startswith("Intact and complete")
    for label in labels_showing(window):
        assert unsafe(label.text()) == [], label.text()


@pytest.fixture
def hostile_archive(tmp_path: Path) -> tuple[Path, Path]:
    """A genuine archive with HTML and escapes in the purpose, organisation, column names and source file name."""
    identity, key = key_file(tmp_path)
    columns = ("<i>family_name</i>", "phone" + ESCAPES)
    source = tmp_path / "<u>residents<u>\x1b]0;t\x07.csv"
    source.write_text(f'"{columns[0]}","{columns[1]}"\r\n"架空","000"\r\n', encoding="utf-8")
    archive = tmp_path / "hostile.zip.age"
    run_export(
        ExportPlan(
            source=source,
            columns=columns,
            output=archive,
            recipients=(str(identity.recipient),),
            purpose=HTML_PURPOSE + " " + ESCAPES,
            recipient_organisation="<a href='https://example.invalid/'>Example</a>" + ESCAPES,
        )
    )
    return archive, key


def test_archive_text_is_never_rich_text_and_never_carries_a_control(qtbot, window, hostile_archive, tmp_path):
    archive, key = hostile_archive

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    assert window.manifest_view.isVisible()
    values = window.manifest_view.values
    assert values["purpose"].text().startswith(HTML_PURPOSE + " \\x1b[2K\\r")
    assert "\\u202eoreZ\\u202c \\u2066x\\u2069 a\\u2028b \\x9b31m" in values["purpose"].text()
    assert values["columns"].text().startswith("<i>family_name</i>, phone\\x1b[2K")
    assert values["source"].text().startswith("<u>residents<u>\\x1b]0;t\\x07.csv")
    for label in labels_showing(window):
        assert unsafe(label.text()) == [], label.text()
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
            assert label.toolTip() == ""


def test_an_error_naming_a_hostile_file_shows_its_controls_visible(qtbot, window, tmp_path):
    _, key = key_file(tmp_path)
    missing = tmp_path / "missing\x1b]0;title\x07\u202e.zip.age"

    open_archive(qtbot, window, missing, key, tmp_path / "out")

    text = window.message.text()
    assert "missing\\x1b]0;title\\x07\\u202e.zip.age" in text
    assert unsafe(text.replace("\n", "")) == []


def test_a_key_file_open_to_other_users_gets_a_warning(qtbot, window, hostile_archive, tmp_path):
    archive, key = hostile_archive
    key.chmod(0o644)

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    assert window.manifest_view.isVisible()  # a warning, not a refusal
    assert window.key_warning.isVisible()
    assert window.key_warning.text() == (
        f"{key} can be opened by other users of this computer (permissions 0644); "
        f"make it private with “chmod 600 {key}”."
    )


def test_a_private_key_file_gets_no_warning(qtbot, window, hostile_archive, tmp_path):
    archive, key = hostile_archive

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    assert not window.key_warning.isVisible()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "The identity file {key} is a device or socket, not a file."),
        (b"# comment\n" * 7000, "The identity file {key} is too large (the limit is 64 KiB)."),
        (b"AGE-SECRET-KEY-1\xff\xfe\n", "{key} is not a key file: it is not text."),
    ],
    ids=["device", "too large", "not UTF-8"],
)
def test_an_unusable_key_file_is_refused_with_a_sentence(qtbot, window, hostile_archive, tmp_path, content, expected):
    archive, _ = hostile_archive
    if content is None:
        key = Path("/dev/zero")
    else:
        key = tmp_path / "bad-key.txt"
        key.write_bytes(content)

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    assert window.message.text() == expected.format(key=key)
    assert not (tmp_path / "out").exists()


def test_a_damaged_secret_key_is_refused_without_quoting_it(qtbot, window, hostile_archive, tmp_path):
    archive, _ = hostile_archive
    secret = X25519Identity.generate().secret_text()
    broken = secret[:40] + ("Q" if secret[40] != "Q" else "P") + secret[41:]
    key = tmp_path / "broken.txt"
    key.write_text(broken + "\n", encoding="utf-8")
    key.chmod(0o600)

    open_archive(qtbot, window, archive, key, tmp_path / "out")

    text = window.message.text()
    assert text.startswith(f"{key}, line 1: this is not a valid age secret key.")
    assert not any(broken[i : i + 12].lower() in text.lower() for i in range(16, len(broken) - 11))


# ----------------------------------------------------------------------------------------------------
# The export wizard's key field and recipients file


def test_a_secret_key_pasted_as_recipient_says_so_and_advises_a_new_key(qtbot, wizard):
    page = wizard.protection_page
    secret = X25519Identity.generate().secret_text()

    page.key_edit.setPlainText(f"# the call centre's key\n{secret}")

    assert not page.isComplete()
    text = page.key_error.text()
    assert text.startswith("A secret key was given where the recipient's public key belongs.")
    assert "make a new key" in text
    shown = text + page.codes_label.text()
    assert not any(secret[i : i + 12].lower() in shown.lower() for i in range(16, len(secret) - 11))


def test_a_recipients_file_holding_a_secret_key_is_refused_with_its_line(qtbot, wizard, tmp_path):
    page = wizard.protection_page
    public = str(X25519Identity.generate().recipient)
    secret = X25519Identity.generate().secret_text()
    path = tmp_path / "keys.txt"
    path.write_text(f"{public}\n{secret}\n", encoding="utf-8")

    page.load_recipients_file(path)

    text = page.key_error.text()
    assert text.startswith("keys.txt, line 2: a secret key was given where the recipient's public key belongs.")
    assert not any(secret[i : i + 12].lower() in text.lower() for i in range(16, len(secret) - 11))


def test_a_recipients_file_over_its_limit_is_refused(qtbot, wizard, tmp_path):
    path = tmp_path / "keys.txt"
    path.write_bytes(b"# padding\n" * 110_000)

    wizard.protection_page.load_recipients_file(path)

    assert (
        wizard.protection_page.key_error.text() == f"The recipients file {path} is too large (the limit is 1024 KiB)."
    )


def test_the_open_window_says_which_rows_and_values_the_sender_changed(qtbot, window, tmp_path):
    """The recipient sees the filter and the transforms the manifest records, as `exporter decrypt` says them."""
    from exporter.sample import sample_bytes

    source = tmp_path / "residents.csv"
    source.write_bytes(sample_bytes(300, seed=2))
    identity, key = key_file(tmp_path)
    plan = ExportPlan(
        source=source, columns=("family_name", "birth_date"), output=tmp_path / "scoped.zip.age",
        recipients=(str(identity.recipient),), where=(("gender = 女",),), transforms={"birth_date": "year"},
    )  # fmt: skip
    run_export(plan)
    open_archive(qtbot, window, plan.output, key, tmp_path / "out")
    shown = window.manifest_view.values["scope"].text()
    assert "gender = 女" in shown
    assert "birth_date" in shown
    assert "year" in shown
    assert unsafe(shown.replace("\n", "")) == []  # one line each, no control inside
