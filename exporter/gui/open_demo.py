"""The Open window's picture for the README: a fresh key, a small export of invented residents, opened."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from exporter.gui.open_window import OpenWindow


def render(folder: Path, language: str) -> Path:
    """Make a small export to a fresh key, open it in the window and save ``folder/07-open.png``."""
    from exporter.envelope import X25519Identity, format_identity_file
    from exporter.gui.i18n import switch_language
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan
    from exporter.sample import sample_bytes

    app = QApplication.instance() or QApplication([])
    switch_language(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="exporter-demo-") as temp:
        work = Path(temp)
        identity = X25519Identity.generate()
        key_file = work / "my-key.txt"
        key_file.write_text(format_identity_file(identity, datetime.now().astimezone()), encoding="utf-8")
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
        window = OpenWindow()
        window.set_archive(plan.output)
        window.set_key_file(key_file)
        window.show()
        loop = QEventLoop()
        finished: list[bool] = []
        window.done.connect(lambda: (finished.append(True), loop.quit()))
        QTimer.singleShot(60_000, loop.quit)
        window.start_open()
        if not finished:
            loop.exec()
        window.fit_to_content()
        for _ in range(3):
            app.processEvents()
        target = folder / "07-open.png"
        window.grab().save(str(target))
        window.close()
        window.deleteLater()
    return target
