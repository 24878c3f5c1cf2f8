"""The Source page over the exact reader: encodings, Excel's sep= line, quoted line breaks, refusals, and counts.

Each file's preview and row count are checked against Python's csv reader (strict) over the file decoded by the
codec the page shows; the counts the page words come from the core's own progress texts.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from test_wizard import WAIT_MS

from exporter import text_blocks
from exporter.gui import tasks
from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build
from exporter.gui.models import shown_name, shown_value
from exporter.gui.wizard import ExportWizard
from exporter.messages import Message
from exporter.sample import sample_bytes

CASES = Path(__file__).parent.parent / "cases" / "reader"
SEP_NOTE = "(from the file's sep= line)"


def reference_table(data: bytes, codec: str, delimiter: str, sep_line: bool) -> list[list[str]]:
    """The file as Python's strict csv reader reads it: header first, blank lines skipped."""
    text = data.decode(codec)  # utf-8-sig and utf-16 drop their BOM
    if sep_line:
        first_line = re.match(r"[^\r\n]*(\r\n|\r|\n)", text)
        assert first_line is not None
        assert first_line.group().startswith("sep=")
        text = text[first_line.end() :]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return [row for row in reader if row]


def cp932_sample() -> bytes:
    return sample_bytes(400, seed=7, encoding="cp932")


def utf16_sample() -> bytes:
    return sample_bytes(400, seed=8).decode("utf-8").encode("utf-16")


def tab_sample() -> bytes:
    rows = list(csv.reader(io.StringIO(sample_bytes(300, seed=9).decode("utf-8"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return out.getvalue().replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode("utf-8")


# (file name, bytes or None for the case file, codec shown, delimiter, sep= line)
FILES = [
    ("cp932-short-halfwidth-kana.csv", None, "cp932", ",", False),
    ("excel-sep-line.csv", None, "utf-8", ";", True),
    ("excel-sep-line-with-bom.csv", None, "utf-8-sig", ",", True),
    ("quoted-crlf-across-1mib-block.csv", None, "utf-8", ",", False),
    ("quoted-crlf-across-1mib-block-cp932.csv", None, "cp932", ",", False),
    ("sample-cp932.csv", cp932_sample, "cp932", ",", False),
    ("sample-utf16.csv", utf16_sample, "utf-16", ",", False),
    ("sample-tab-crlf.tsv", tab_sample, "utf-8", "\t", False),
]


def load(qtbot, wizard: ExportWizard, path: Path) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(path)


@pytest.mark.parametrize(("name", "make", "codec", "delimiter", "sep_line"), FILES, ids=[f[0] for f in FILES])
def test_preview_and_count_match_a_strict_reader(qtbot, wizard, tmp_path, name, make, codec, delimiter, sep_line):
    path = tmp_path / name
    if make is None:
        shutil.copyfile(CASES / name, path)
    else:
        path.write_bytes(make())
    expected = reference_table(path.read_bytes(), codec, delimiter, sep_line)
    page = wizard.source_page

    load(qtbot, wizard, path)

    assert page.isComplete(), page.error.text()
    assert page.encoding_box.currentData() == codec
    assert page.delimiter_box.currentData() == delimiter
    assert page.sep_note.isVisible() == sep_line
    if sep_line:
        assert page.sep_note.text() == SEP_NOTE
    loaded = wizard.draft.loaded
    assert list(loaded.source.header) == expected[0]
    head = [list(row) for row in loaded.source.head_rows]
    assert head
    assert head == expected[1 : 1 + len(head)]
    assert loaded.rows == len(expected) - 1
    model = page.preview_model
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == [
        shown_name(name) for name in expected[0]
    ]
    for row in range(min(model.rowCount(), 20)):
        assert [model.index(row, column).data() for column in range(model.columnCount())] == [
            shown_value(value) for value in expected[row + 1]
        ]
    assert f"{loaded.rows:,} resident" in page.size_label.text()
    assert page.status.text() == "Every row was read without a problem."


def test_a_line_break_inside_a_quoted_value_is_shown_as_one_mark(qtbot, wizard, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b'name,note\r\nAiko,"first\r\nsecond\nthird\rfourth"\r\n')

    load(qtbot, wizard, path)

    model = wizard.source_page.preview_model
    assert model.index(0, 1).data() == "first⏎second⏎third⏎fourth"
    assert wizard.draft.loaded.source.head_rows[0][1] == "first\r\nsecond\nthird\rfourth"


def test_choosing_another_delimiter_for_a_sep_line_file_says_it_was_chosen_here(qtbot, wizard, tmp_path):
    path = tmp_path / "excel-sep-line.csv"
    shutil.copyfile(CASES / path.name, path)
    page = wizard.source_page
    load(qtbot, wizard, path)
    assert page.sep_note.text() == SEP_NOTE

    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(path, encoding="utf-8", delimiter=",")
    assert page.isComplete(), page.error.text()
    assert wizard.draft.loaded.source.header == ("氏名;電話番号;郵便番号",)  # the sep= line is still not the header
    assert page.sep_note.text() == "(chosen here instead of the file's sep= line)"

    with qtbot.waitSignal(page.workEnded, timeout=WAIT_MS):
        page.load_file(path, encoding="utf-8", delimiter=";")  # as the encoding box does: both boxes' choices
    assert page.sep_note.text() == SEP_NOTE

    plain = tmp_path / "plain.csv"
    plain.write_bytes(b"a,b\r\n1,2\r\n")
    load(qtbot, wizard, plain)
    assert not page.sep_note.isVisible()


def test_a_sep_line_naming_an_uncommon_delimiter_is_shown_in_the_box(qtbot, wizard, tmp_path):
    path = tmp_path / "colon.csv"
    path.write_bytes(b"sep=:\r\nname:phone\r\nAiko:0123\r\n")
    page = wizard.source_page

    load(qtbot, wizard, path)

    assert page.isComplete(), page.error.text()
    assert page.delimiter_box.currentData() == ":"
    assert page.delimiter_box.currentText() == "Other ( : )"
    assert wizard.draft.loaded.source.header == ("name", "phone")


@pytest.fixture
def japanese(qapp: QApplication):
    if translations_need_build():
        build_translations()
    assert install_translators(qapp, "ja") == "ja"
    yield qapp
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.parametrize(
    ("name", "english", "japanese_text"),
    [
        (
            "stray-quotes-inside-value.csv",
            "stray-quotes-inside-value.csv line 3 has a quoted value followed by more text before the next "
            "delimiter (column 3).",
            "stray-quotes-inside-value.csv の 3 行目：3 列目の引用符で囲んだ値の後、次の区切り文字までに余分な文字が"
            "あります。",
        ),
        (
            "stray-opening-quotes.csv",
            "stray-opening-quotes.csv line 2 has a quoted value followed by more text before the next delimiter "
            "(column 2, closed on line 3).",
            "stray-opening-quotes.csv の 2 行目：2 列目の引用符で囲んだ値が 3 行目で閉じた後、次の区切り文字までに"
            "余分な文字があります。",
        ),
    ],
)
def test_bad_quoting_is_refused_with_its_line_in_both_languages(qtbot, wizard, tmp_path, name, english, japanese_text):
    path = tmp_path / name
    shutil.copyfile(CASES / name, path)
    page = wizard.source_page

    load(qtbot, wizard, path)
    assert not page.isComplete()
    assert page.error.text().split("\n")[0] == english
    assert page.preview_model.rowCount() == 0

    if translations_need_build():
        build_translations()
    install_translators(QApplication.instance(), "ja")
    try:
        qtbot.waitUntil(lambda: page.error.text().split("\n")[0] == japanese_text, timeout=WAIT_MS)
    finally:
        remove_translators(QApplication.instance())
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_the_counts_the_page_shows_come_from_the_readers_progress(qtbot, wizard, tmp_path, monkeypatch):
    """Small blocks make the reader report many times; every report carries the rows read so far."""
    monkeypatch.setattr(text_blocks, "BLOCK_BYTES", 4096)
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(3000, seed=3))
    reports: list[tuple[float, Message]] = []

    loaded = tasks.load(path)(lambda fraction, message: reports.append((fraction, message)), threading.Event())

    counts = [tasks.progress_count(message) for _, message in reports]
    assert len(counts) > 20
    assert all(kind == "rows" and count is not None for kind, count in counts)
    numbers = [count for _, count in counts]
    assert numbers == sorted(numbers)
    assert numbers[-1] == loaded.rows == 3000
    fractions = [fraction for fraction, _ in reports]
    assert fractions == sorted(fractions)
    assert 0 < fractions[-1] <= 1.0

    page = wizard.source_page
    for fraction, message in reports[:: len(reports) // 5]:
        page._progress(fraction, message)
        count = tasks.progress_count(message)[1]
        assert page.status.text() == f"Checking every row: {count:,} rows read…"


def test_making_the_sample_reports_rows_written_then_rows_read(tmp_path):
    reports: list[Message] = []

    loaded = tasks.load_sample(tmp_path, 2500)(lambda _fraction, message: reports.append(message), threading.Event())

    kinds = [tasks.progress_count(message) for message in reports]
    written = [count for kind, count in kinds if kind == "sample"]
    read = [count for kind, count in kinds if kind == "rows"]
    assert written
    assert written == sorted(written)
    assert written[-1] == 2500
    assert read
    assert read[-1] == loaded.rows == 2500
    assert kinds.index(("rows", read[0])) > kinds.index(("sample", written[-1]))


def test_the_sep_line_note_is_japanese_on_a_japanese_screen(japanese, qtbot, wizard, tmp_path):
    path = tmp_path / "excel-sep-line-with-bom.csv"
    shutil.copyfile(CASES / path.name, path)

    load(qtbot, wizard, path)

    assert wizard.source_page.sep_note.text() == "（ファイルの sep= 行による指定）"
    assert wizard.source_page.delimiter_box.currentText() == "カンマ（ , ）"
