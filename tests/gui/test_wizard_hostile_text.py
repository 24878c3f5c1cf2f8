"""Text from the resident file reaches the export wizard as plain, visible text on every page.

A resident file whose name, header names and values hold HTML (``<b>``, ``<img src=...>``), a right-to-left
override, terminal escapes and a zero-width space is walked through the whole wizard to a real archive, in English
and in Japanese. On every page, every text a clerk can see (labels, buttons, tooltips, table cells and headers,
list items, line edits, combo boxes, titles) is read as Qt would render it: no control, bidi or invisible
character survives, rich text carries only the wizard's own tags, and the hostile names are shown as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from test_wizard import WAIT_MS, _recipient

from exporter.display import safe_text
from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build
from exporter.gui.wizard import ExportWizard, PageId

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
WIZARD_TAGS = {"p", "b", "br", "table", "tr", "td", "span"}  # what the wizard's own rich text uses
BOLD = "<b>x</b>"
IMAGE = "<img src='file:///etc/hosts'>"
RTL = "\u202eevil.exe"
ESCAPE = "esc\x1b[31mred\x1b]0;title\x07"
ZERO_WIDTH = "氏\u200b名"
SENSITIVE = "<i>口座番号</i>\u2066"  # a bank account column: its warning names it too
HEADER = (BOLD, IMAGE, RTL, ESCAPE, ZERO_WIDTH, SENSITIVE, "phone")
VALUES = ("<u>v</u>", "<img src=x>", "\u202ecba", "\x1b[2Kcleared", "架\u200b空", "1234567", "090\u2028-0000")
FILE_NAME = "<img src=x><b>住民\x1b[31m\u202etxt.csv"  # no "/": it would be a folder


def rendered(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for ``text``: rich text (declared, or guessed as labels and tooltips do) is laid out first."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)
    )
    if not rich:
        return text
    tags = {tag.lower() for tag in re.findall(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)", text)}
    assert tags <= WIZARD_TAGS, (tags, text)
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def unsafe(text: str) -> list[str]:
    """Characters that would reorder, hide or control what is shown (a line break between sentences is fine)."""
    return [char for char in text if unicodedata.category(char) in UNSAFE_CATEGORIES and char != "\n"]


def shown_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """Every text of ``window`` a clerk can see now, as rendered, with where it is."""
    yield "window title", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = type(widget).__name__
        if widget.toolTip():
            yield f"{name} tooltip", rendered(widget.toolTip())
        if isinstance(widget, QLabel) and widget.text():
            yield f"{name} {widget.text()[:30]!r}", rendered(widget.text(), widget.textFormat())
        # a line edit the clerk types into shows what was typed; a read-only one shows what the wizard put there
        elif isinstance(widget, QAbstractButton) or (isinstance(widget, QLineEdit) and widget.isReadOnly()):
            yield f"{name} text", widget.text()
        elif isinstance(widget, QComboBox):
            yield from ((f"{name} item", widget.itemText(index)) for index in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from model_texts(widget)


def model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield from as_shown(f"header {column}", role, model.headerData(column, Qt.Orientation.Horizontal, role))
        for row in range(model.rowCount(QModelIndex())):
            for role in roles:
                yield from as_shown(f"cell {row},{column}", role, model.index(row, column).data(role))


def as_shown(where: str, role: Qt.ItemDataRole, value: object) -> Iterator[tuple[str, str]]:
    """Views draw their items as plain text; a tooltip is shown by QToolTip, which guesses rich text."""
    if isinstance(value, str):
        yield where, rendered(value) if role == Qt.ItemDataRole.ToolTipRole else value


def assert_all_shown_safely(window: QWidget) -> list[str]:
    texts = list(shown_texts(window))
    for where, text in texts:
        assert unsafe(text) == [], (where, text)
    return [text for _, text in texts]


@pytest.fixture(params=["en", "ja"])
def language(request, qapp: QApplication):
    if translations_need_build():
        build_translations()
    assert install_translators(qapp, request.param) == request.param
    yield request.param
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / FILE_NAME
    quoted = lambda fields: ",".join('"' + field.replace('"', '""') + '"' for field in fields)  # noqa: E731
    path.write_text(f"{quoted(HEADER)}\r\n{quoted(VALUES)}\r\n{quoted(VALUES)}\r\n", encoding="utf-8")
    return path


def test_hostile_names_and_values_are_plain_visible_text_on_every_page(language, qtbot, tmp_path, hostile_file):
    wizard = ExportWizard(sample_rows=10, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    wizard.resize(920, 700)
    wizard.show()
    source = wizard.source_page
    with qtbot.waitSignal(source.workEnded, timeout=WAIT_MS):
        source.load_file(hostile_file)
    assert source.isComplete(), source.error.text()

    shown = assert_all_shown_safely(wizard)
    assert source.file_label.textFormat() == Qt.TextFormat.PlainText
    assert source.file_label.text() == "<img src=x><b>住民\\x1b[31m\\u202etxt.csv"
    assert rendered(source.file_label.toolTip()) == safe_text(str(hostile_file))
    preview = source.preview_model
    assert [preview.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [BOLD, IMAGE, "\\u202eevil.exe"]
    assert rendered(preview.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)) == IMAGE
    assert preview.index(0, 3).data() == "\\x1b[2Kcleared"
    assert preview.index(0, 6).data() == "090\\u2028-0000"
    assert rendered(preview.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == "<u>v</u>"
    assert "esc\\x1b[31mred\\x1b]0;title\\x07" in shown

    wizard.next()
    wizard.purpose_page.purpose_edit.setText("<b>calls</b>\u202e")
    wizard.purpose_page.organisation_edit.setText("<a href='https://example.invalid/'>Example</a>")
    assert_all_shown_safely(wizard)

    wizard.next()
    columns = wizard.columns_page
    columns.keep(HEADER)
    assert columns.sensitive.isVisible()  # the bank account column asks for a reason and a confirmation
    columns.confirm.click()
    for name in columns.model.kept_sensitive():
        columns.sensitive.set_reason(name, "<b>refunds</b>\u202e")
    assert not columns.isComplete()  # a reason holding a bidi override is refused on the page, naming it
    assert "U+202E" in columns.rename_error.text()
    for name in columns.model.kept_sensitive():
        columns.sensitive.set_reason(name, "<b>refunds</b>")
    assert columns.isComplete()
    shown = assert_all_shown_safely(wizard)
    assert "<i>口座番号</i>\\u2066" in columns.sensitive.warning.text()
    assert "2. <img src='file:///etc/hosts'>" in shown
    assert "氏\\u200b名" in shown

    wizard.next()
    assert wizard.currentId() == PageId.ROWS
    group = wizard.rows_page.add_group()
    for index in range(len(HEADER)):  # every column name, shown in the column picker
        group.rows[0].column_combo.setCurrentIndex(index)
        assert_all_shown_safely(wizard)
    wizard.rows_page.clear()
    wizard.next()
    wizard.protection_page.set_recipients([_recipient()])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    review = wizard.review_page
    assert unsafe(review._suggested_destination().name) == []
    wizard.set_destination(tmp_path / "out.zip.age")
    summary = rendered(review.summary.text(), review.summary.textFormat())
    comma = "、" if language == "ja" else ", "  # the list separator of the window's language
    assert comma.join((BOLD, IMAGE, "\\u202eevil.exe", "esc\\x1b[31mred\\x1b]0;title\\x07")) in summary
    assert "<b>calls</b>\\u202e" in summary
    assert "<a href='https://example.invalid/'>Example</a>" in summary
    assert "<img src=x><b>住民\\x1b[31m\\u202etxt.csv" in summary
    assert_all_shown_safely(wizard)

    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()
    result = wizard.export_page.result
    assert result is not None, wizard.export_page.message.text()
    assert result.manifest["columns"] == list(HEADER)  # shown safely, exported exactly
    assert_all_shown_safely(wizard)


def test_a_refused_file_with_a_hostile_name_is_named_with_its_controls_visible(qtbot, wizard, tmp_path):
    bad = tmp_path / "<img src=x>\x1b]0;t\x07\u202e.csv"
    bad.write_bytes(b"name,phone\r\nAiko,0123\r\nBo\x00b,0456\r\n")

    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.load_file(bad)

    error = wizard.source_page.error
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert error.text().startswith("<img src=x>\\x1b]0;t\\x07\\u202e.csv line 3 contains a NUL byte")
    assert_all_shown_safely(wizard)
