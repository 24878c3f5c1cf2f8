"""The screenshot mode's pictures of the hand-over (``exporter --screenshots DIR``): the recipient's key card, the
Create my key dialog, the key's passphrase dialog, the Settings dialog with an office key, and the Protection
page choosing a recipient by name from the address book.

Everything shown is invented: the keys are made for the picture, and the address book and settings live in a
temporary folder for the duration (EXPORTER_CONFIG_DIR, EXPORTER_DATA_DIR), so the user's own are neither shown
nor changed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PICTURES = ("10-key-card", "11-create-key", "12-key-passphrase", "13-settings", "14-protection-book")
WAIT_SECONDS = 120.0


def render(folder: Path, language: str) -> list[Path]:
    """Save the hand-over pictures into ``folder`` in ``language``; returns their paths."""
    from exporter.gui.i18n import switch_language

    app = QApplication.instance() or QApplication([])
    switch_language(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with demo_folders() as work:
        saved.append(_key_card(folder / "10-key-card.png"))
        saved.append(_create_key(folder / "11-create-key.png"))
        saved.append(_key_passphrase(folder / "12-key-passphrase.png"))
        names = _demo_book(language)
        saved.append(_settings(folder / "13-settings.png"))
        saved.append(_protection(folder / "14-protection-book.png", work, names[0]))
    return saved


@contextlib.contextmanager
def demo_folders() -> Iterator[Path]:
    """Empty settings and data folders in a temporary folder, while the block runs (the demo's own keys, book and
    office key; the user's are neither read nor changed)."""
    names = ("EXPORTER_CONFIG_DIR", "EXPORTER_DATA_DIR")
    before = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="exporter-demo-keys-") as temp:
        work = Path(temp)
        os.environ["EXPORTER_CONFIG_DIR"] = str(work / "config")
        os.environ["EXPORTER_DATA_DIR"] = str(work / "data")
        try:
            yield work
        finally:
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _demo_book(language: str) -> list[str]:
    """Two invented recipients in the address book and an office key; returns the recipients' names."""
    from exporter.envelope import X25519Identity
    from exporter.keys import add_recipient, set_office_key

    japanese = language == "ja"
    entries = (
        ("みらいコールセンター" if japanese else "Mirai Call Centre", "株式会社みらいコールセンター" if japanese
         else "Mirai Call Centre Ltd.", date.today() - timedelta(days=12)),
        ("健診センター北" if japanese else "Health Check Centre North", "一般財団法人 北健康協会" if japanese
         else "North Health Association", None),
    )  # fmt: skip
    for name, organisation, confirmed in entries:
        add_recipient(name, str(X25519Identity.generate().recipient), organisation=organisation, confirmed=confirmed)
    set_office_key(
        str(X25519Identity.generate().recipient), "北市 市民課" if japanese else "Kita City, Citizens Division"
    )
    return [name for name, _, _ in entries]


def _key_card(target: Path) -> Path:
    from exporter.envelope import X25519Identity
    from exporter.gui.key_card import KeyCardDialog
    from exporter.keys import card_of, default_identity_path

    dialog = KeyCardDialog(card_of(X25519Identity.generate()), default_identity_path())  # with its signing key
    return _save(dialog, target)


def _create_key(target: Path) -> Path:
    from exporter.gui.key_dialogs import CreateKeyDialog

    dialog = CreateKeyDialog()
    dialog.first.setText("plinth marigold quasar tundra oboe vellum")  # hidden: dots, and a strength verdict
    dialog.second.setText("plinth marigold quasar tundra oboe vellum")
    return _save(dialog, target)


def _key_passphrase(target: Path) -> Path:
    from exporter.gui.key_dialogs import KeyPassphraseDialog
    from exporter.keys import default_identity_path

    dialog = KeyPassphraseDialog(default_identity_path())
    dialog.field.setText("plinth marigold quasar")
    return _save(dialog, target)


def _settings(target: Path) -> Path:
    from exporter.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    return _save(dialog, target)


def _protection(target: Path, work: Path, name: str) -> Path:
    """The Protection page at the wizard's default size, the first address-book entry ticked."""
    from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard

    wizard = ExportWizard(sample_rows=int(os.environ.get("EXPORTER_SAMPLE_ROWS", 2000)), sample_folder=work / "cache")
    wizard.resize(DEFAULT_SIZE)
    wizard.show()
    source = wizard.source_page
    source.use_sample()
    _wait_until(lambda: source.isComplete() or not source.busy)
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("—")
    wizard.next()
    wizard.columns_page.keep(("family_name", "given_name", "phone"))
    wizard.next()
    wizard.next()  # Rows: no condition, every row
    page = wizard.protection_page
    page.choose_by_name([name])
    _settle()
    wizard.grab().save(str(target))
    wizard.close()
    wizard.deleteLater()
    return target


def _save(widget: QWidget, target: Path) -> Path:
    widget.show()
    widget.adjustSize()
    _settle()
    if not widget.grab().save(str(target)):
        raise SystemExit(f"exporter: error: {target} could not be saved.")
    widget.close()
    widget.deleteLater()
    return target


def _settle(milliseconds: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _wait_until(condition: Callable[[], bool], timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("exporter: error: the screenshot walk timed out.")
        _settle(20)
