"""The Open window's pictures for the README: a small export of invented residents to a fresh key, opened as it
arrived (07-open.png) and with one byte changed on the way (09-open-damaged.png)."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from exporter.gui.key_screens import demo_folders
from exporter.gui.open_window import OpenWindow

WAIT_MS = 60_000


def render(folder: Path, language: str) -> Path:
    """Make a small export to a fresh key, open it in the window and save ``folder/07-open.png``."""
    return _render(folder / "07-open.png", language, damaged=False)


def render_damaged(folder: Path, language: str) -> Path:
    """The same export with one byte of its encrypted content changed, refused: ``folder/09-open-damaged.png``."""
    return _render(folder / "09-open-damaged.png", language, damaged=True)


def _render(target: Path, language: str, *, damaged: bool) -> Path:
    from exporter.gui.i18n import switch_language

    app = QApplication.instance() or QApplication([])
    switch_language(app, language)
    target.parent.mkdir(parents=True, exist_ok=True)
    # demo settings: the user's office key stays out of the demo export, and the demo key file is not remembered
    with demo_folders(), tempfile.TemporaryDirectory(prefix="exporter-demo-") as temp:
        archive, key_file = _demo_archive(Path(temp), language)
        if damaged:
            data = bytearray(archive.read_bytes())
            data[len(data) // 2] ^= 0x01  # inside the encrypted payload: its chunk no longer authenticates
            archive.write_bytes(bytes(data))
        window = OpenWindow()
        window.set_archive(archive)
        window.set_key_file(key_file)
        window.show()
        loop = QEventLoop()
        finished: list[bool] = []
        window.done.connect(lambda: (finished.append(True), loop.quit()))
        QTimer.singleShot(WAIT_MS, loop.quit)
        window.start_open()
        if not finished:
            loop.exec()
        window.fit_to_content()
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(target))
        window.close()
        window.deleteLater()
    return target


def _demo_archive(work: Path, language: str) -> tuple[Path, Path]:
    """An archive of 200 invented residents for a fresh key, and that key's file (private, as keygen makes it)."""
    from exporter.envelope import X25519Identity, format_identity_file
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan
    from exporter.sample import sample_bytes

    identity = X25519Identity.generate()
    key_file = work / "my-key.txt"
    key_file.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
    key_file.chmod(0o600)  # a key file others may read gets a warning, which the picture is not about
    source = work / "residents.csv"
    source.write_bytes(sample_bytes(200))
    japanese = language == "ja"
    plan = ExportPlan(
        source=source,
        columns=("family_name", "given_name", "family_name_kana", "given_name_kana", "phone", "postal_code"),
        output=work / "residents.zip.age",
        recipients=(str(identity.recipient),),
        purpose="特定健診の受診勧奨の電話連絡" if japanese else "Phone reminders for the annual health check",
        recipient_organisation="株式会社みらいコールセンター" if japanese else "Mirai Call Centre Ltd.",
        delete_by=date.today() + timedelta(days=30),
    )
    run_export(plan)
    return plan.output, key_file
