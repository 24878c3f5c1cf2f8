"""What a clerk sees of the wizard's frame: its size when it opens, and headers that are never cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem

from exporter.gui.i18n import build_translations, install_translators, remove_translators, translations_need_build
from exporter.gui.models import ColumnModel
from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard, PageId


@pytest.fixture(params=["ja", "en"])
def language(request, qapp: QApplication):
    if translations_need_build():
        build_translations()
    assert install_translators(qapp, request.param) == request.param
    yield request.param
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def every_subtitle(wizard: ExportWizard) -> list[str]:
    """The subtitle of every page, the Export page's in each of its phases."""
    texts = [wizard.page(page_id).subTitle() for page_id in PageId]
    export = wizard.export_page
    for phase in ("done", "failed", "cancelled", "running"):
        export._phase = phase
        export._show_phase()
        texts.append(export.subTitle())
    export._phase = "idle"
    return texts


def test_the_wizard_opens_large_enough_to_read_the_preview(qtbot, tmp_path):
    wizard = ExportWizard(sample_rows=300, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    available = wizard.screen().availableGeometry().size()

    size = wizard.size()

    if available.width() >= 1000 and available.height() >= 780:
        assert size == DEFAULT_SIZE
    assert size.width() <= available.width()
    assert size.height() <= available.height()
    assert size.width() >= min(DEFAULT_SIZE.width(), available.width() - 40)


def test_no_subtitle_is_cut_at_the_narrowest_width_the_window_allows(language, qtbot, tmp_path):
    wizard = ExportWizard(sample_rows=300, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.source_page

    for subtitle in every_subtitle(wizard):
        page.setSubTitle(subtitle)  # the header shows the current page's subtitle: show each one there
        wizard.resize(wizard.minimumWidth(), DEFAULT_SIZE.height())
        qtbot.waitUntil(lambda: wizard.width() == wizard.minimumWidth())
        QApplication.processEvents()
        label = next(label for label in wizard.findChildren(QLabel) if label.text() == subtitle and label.isVisible())
        assert needed_height(label) <= label.height(), (language, subtitle, wizard.minimumWidth())


def needed_height(label: QLabel) -> int:
    """The height ``label``'s text needs at its width (the header's own label keeps room for two lines of Latin
    text, less than two lines of kanji, whatever it needs)."""
    same = QLabel(label.text())
    same.setFont(label.font())
    same.setWordWrap(True)
    return same.heightForWidth(label.width())


def test_the_columns_page_shows_every_kind_of_data_at_the_default_size_even_beside_a_long_name(
    language, qtbot, tmp_path
):
    long_name = "resident_address_line_as_registered_in_the_basic_resident_register_" * 3
    path = tmp_path / "wide.csv"
    path.write_text(f"{long_name},phone,notes\nx,03-0000-0001,電話連絡不可\n", encoding="utf-8")
    wizard = ExportWizard(sample_rows=300, sample_folder=tmp_path / "cache")
    qtbot.addWidget(wizard)
    wizard.resize(DEFAULT_SIZE)
    wizard.show()
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=60_000):
        wizard.source_page.load_file(path)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("x")
    wizard.next()
    QApplication.processEvents()
    table = wizard.columns_page.table

    right = table.columnViewportPosition(ColumnModel.CATEGORY) + table.columnWidth(ColumnModel.CATEGORY)
    assert right <= table.viewport().width(), language
    for row in range(3):
        index = table.model().index(row, ColumnModel.CATEGORY)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        needed = table.itemDelegateForColumn(ColumnModel.CATEGORY).sizeHint(option, index).width()
        assert table.columnWidth(ColumnModel.CATEGORY) >= needed, index.data()  # the whole badge
