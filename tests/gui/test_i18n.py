"""Translations: built with lrelease, Qt's own buttons and ours in Japanese, and the .ts files complete."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale
from PySide6.QtWidgets import QApplication, QWizard

from exporter.errors import DecryptionError
from exporter.gui import i18n
from exporter.gui.i18n import (
    build_translations,
    install_translators,
    remove_translators,
    resource_path,
    switch_language,
    translation_sources,
    translations_need_build,
    update_sources,
)
from exporter.gui.open_window import OpenWindow
from exporter.gui.widgets import error_text
from exporter.messages import msg

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%L?n|%p%")


@pytest.fixture(scope="session", autouse=True)
def _built() -> None:
    if translations_need_build():
        build_translations()


@pytest.fixture
def app(qapp: QApplication):
    yield qapp
    remove_translators(qapp)
    QLocale.setDefault(QLocale.system())


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def keys(ts: Path) -> set[tuple[str, str, str]]:
    return {
        (context, message.findtext("source") or "", message.findtext("comment") or "")
        for context, message in messages(ts)
    }


def translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_qtbase_japanese_ships_with_pyside6():
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_ja.qm").stat().st_size > 10_000


def test_japanese_makes_qwizard_buttons_and_our_strings_japanese(app, qtbot):
    assert install_translators(app, "ja") == "ja"
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "次へ(&N) >"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< 戻る(&B)"
    window = OpenWindow()
    qtbot.addWidget(window)
    assert window.open_button.text() == "検証して開く(&V)"
    assert window.windowTitle() == "受け取ったファイルを開く"


def test_english_plurals_come_from_the_english_catalogue(app, qtbot):
    install_translators(app, "en")
    window = OpenWindow()
    qtbot.addWidget(window)
    view = window.manifest_view
    assert view.tr("%Ln row(s)", "", 1) == "1 row"
    assert view.tr("%Ln row(s)", "", 460_000) == "460,000 rows"


def test_switching_language_retranslates_open_windows(app, qtbot):
    install_translators(app, "en")
    window = OpenWindow()
    qtbot.addWidget(window)
    assert window.open_button.text() == "&Verify and open"

    assert switch_language(app, "ja") == "ja"
    qtbot.waitUntil(lambda: window.open_button.text() == "検証して開く(&V)")
    assert window.manifest_view.open_folder_button.text() == "フォルダーを開く(&O)"

    switch_language(app, "en")
    qtbot.waitUntil(lambda: window.open_button.text() == "&Verify and open")
    assert len(i18n.installed_translators()) <= 2


def test_unknown_language_falls_back_to_english(app):
    assert install_translators(app, "xx") == "en"


def test_core_errors_follow_the_wizards_language(app):
    error = DecryptionError(msg("envelope.no_match"), hint=msg("envelope.no_match_keys_hint"))
    at_line = DecryptionError(msg("envelope.at_line", name="key.txt", line=3, message=msg("envelope.invalid_identity")))
    try:
        install_translators(app, "ja")
        assert error_text(error) == (
            "指定された鍵または合言葉では、このファイルを開けません。\n"
            "このファイルは公開鍵で暗号化されています。そのどれかに対応する鍵ファイルを選んでください。"
        )
        assert error_text(at_line) == "key.txt の 3 行目：秘密鍵として正しくありません。"
        switch_language(app, "en")
        assert error_text(at_line) == "key.txt, line 3: this is not a valid age secret key."
    finally:
        remove_translators(app)
    unknown = DecryptionError("Something new the core says.")
    assert error_text(unknown) == "Something new the core says."


def test_every_message_is_translated_with_its_placeholders_and_mnemonic():
    sources = translation_sources()
    assert {ts.name for ts in sources} >= {"exporter_ja.ts", "exporter_en.ts"}
    for ts in sources:
        forms_needed = 1 if ts.stem.endswith("_ja") else 2
        for context, message in messages(ts):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") is None, f"{ts.name}: {context}: {source!r} is {translation.get('type')}"
            texts = translations(message)
            if message.get("numerus") == "yes":
                assert len(texts) == forms_needed, f"{ts.name}: {source!r}"
            for text in texts:
                assert text.strip(), f"{ts.name}: {context}: {source!r} is empty"
                assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)), source
                assert set(PLACEHOLDER.findall(source)) - {"%n", "%Ln"} <= set(PLACEHOLDER.findall(text)), source
                assert source.count("&") - source.count("&&") == text.count("&") - text.count("&&"), source


def test_lupdate_finds_no_string_missing_from_the_ts_files(tmp_path):
    for ts in translation_sources():
        copy = tmp_path / ts.name
        shutil.copyfile(ts, copy)
        update_sources([copy])
        added = keys(copy) - keys(ts)
        assert not added, f"{ts.name} lacks {sorted(added)}: run python -m exporter.gui.i18n --update and translate"


def test_build_writes_a_qm_beside_every_ts():
    built = build_translations()
    assert {qm.stem for qm in built} == {ts.stem for ts in translation_sources()}
    assert all(qm.parent == resource_path("i18n") and qm.stat().st_size > 0 for qm in built)


def test_resources_are_found_inside_a_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("i18n", "exporter_ja.qm") == tmp_path / "resources" / "i18n" / "exporter_ja.qm"


def test_resources_are_found_in_the_source_checkout():
    assert resource_path("i18n", "exporter_ja.ts").is_file()
