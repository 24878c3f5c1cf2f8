"""``exporter --screenshots DIR``: walk the wizard over a small sample and save one picture per page.

01-06 are the wizard's pages, 07 the Open window after an archive verified, 08 the Source page refusing a file
(a stray quote on line 3), 09 the Open window refusing a damaged archive, 10-14 the hand-over's dialogs, 15 the
Columns page asking a reason for a sensitive column (with a free-text column kept), 16 the Rows page with its
conditions and live count, and 17 the Columns page with values transformed (a pseudonym with its key file).
The pictures go into the README; they are also how a person checks the layout at a glance (cut-off text,
overlapping widgets, missing glyphs, English left on a Japanese screen) in both languages.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from exporter.gui import key_screens, open_demo

if TYPE_CHECKING:
    from exporter.gui.pages.columns import ColumnsPage
    from exporter.gui.pages.rows import RowsPage

SCREENSHOT_ROWS = 2000
KEPT = ("family_name", "given_name", "phone", "email", "postal_code", "address_line")
TRANSFORMS = {"resident_number": "pseudonym", "phone": "mask:4", "postal_code": "postal-area",
              "address_line": "address-town"}  # fmt: skip


def take_screenshots(folder: Path, language: str) -> int:
    from exporter.envelope import X25519Identity
    from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard, PageId

    folder.mkdir(parents=True, exist_ok=True)
    rows = int(os.environ.get("EXPORTER_SAMPLE_ROWS", SCREENSHOT_ROWS))
    # On Windows a file still open cannot be deleted: a leftover in the temp folder must not fail the walk.
    with tempfile.TemporaryDirectory(prefix="exporter-demo-", ignore_cleanup_errors=True) as work:
        # The walk makes keys, books and settings of its own: never in the user's real folders (unless named)
        for variable in ("EXPORTER_CONFIG_DIR", "EXPORTER_DATA_DIR"):
            os.environ.setdefault(variable, str(Path(work) / variable.lower()))
        wizard = ExportWizard(sample_rows=rows)
        wizard.resize(DEFAULT_SIZE)  # what a clerk gets on any screen of 1366 x 768 or more, whatever this one is
        wizard.show()
        wait_until(lambda: wizard.isVisible())
        source = wizard.source_page
        source.use_sample()
        wait_until(lambda: source.isComplete() or not source.busy)
        if not source.isComplete():
            raise SystemExit(f"exporter: error: the sample could not be loaded: {source.error.text()}")
        save(wizard, folder / "01-source.png")

        wizard.next()
        purpose = wizard.purpose_page
        if language == "ja":
            purpose.purpose_edit.setText("秋の健康診断の受診勧奨電話")
            purpose.organisation_edit.setText("株式会社サンプルコールセンター")
        else:
            purpose.purpose_edit.setText("Reminder calls for the autumn health check")
            purpose.organisation_edit.setText("Example Call Centre Ltd.")
        save(wizard, folder / "02-purpose.png")

        wizard.next()
        columns = wizard.columns_page
        columns.keep((*KEPT, "my_number", "notes"))
        columns.confirm.setChecked(True)
        columns.sensitive.set_reason("my_number", "国保の資格確認" if language == "ja" else "Health insurance checks")
        save(wizard, folder / "15-columns-sensitive.png")
        columns.keep(KEPT)
        columns.rename("phone", "電話番号" if language == "ja" else "Phone number")
        columns.kept_list.setCurrentRow(KEPT.index("phone"))
        save(wizard, folder / "03-columns.png")
        transformed(columns, Path(work))
        save(wizard, folder / "17-columns-transforms.png")

        wizard.next()
        rows = wizard.rows_page
        in_scope(rows)
        wait_until(lambda: rows.counted is not None and not rows.live.busy, timeout=120)
        save(wizard, folder / "16-rows.png")

        wizard.next()
        wizard.protection_page.set_recipients([str(X25519Identity.generate().recipient)])
        save(wizard, folder / "04-protection.png")

        wizard.next()
        wizard.set_destination(Path(work) / f"residents-{time.strftime('%Y%m%d')}.zip.age")
        review = wizard.review_page
        wait_until(lambda: not review.busy, timeout=120)  # the risk, measured on a worker
        save(wizard, folder / "05-review.png")

        wizard.next()
        export = wizard.export_page
        wait_until(lambda: not export.busy and wizard.currentId() == PageId.EXPORT, timeout=300)
        wait_until(lambda: export.result is not None or export.back_button.isVisible(), timeout=30)
        save(wizard, folder / "06-done.png")
        wizard.close()
        refused_source(folder / "08-source-refused.png", Path(work))
    open_demo.render(folder, language)
    open_demo.render_damaged(folder, language)
    key_screens.render(folder, language)  # 10-14: the hand-over's dialogs and the address book
    from exporter.gui import recipient_demo

    recipient_demo.render(folder, language)  # 30-34: receipt, Delete now, reminders, statements imported
    from exporter.gui import policy_demo

    policy_demo.render(folder, language)  # policy-04, policy-07: what an IT policy locks, an archive passed on
    return 0


def transformed(columns: ColumnsPage, work: Path) -> None:
    """The resident number as a pseudonym (a key made for the picture), the phone masked, the postal code cut to
    its area, the address to its town."""
    columns.keep(("resident_number", *KEPT))
    for name, transform in TRANSFORMS.items():
        columns.chooser.set_transform(name, transform)
    columns.notes.create_key_file(work / "pseudonym.key")
    columns.kept_list.setCurrentRow(0)


def in_scope(rows: RowsPage) -> None:
    """The issue's example: residents exempt from resident tax aged 65 or over, or anyone with a care level."""
    group = rows.add_group()
    group.rows[0].set_spec("resident_tax", "equals", "0")
    group.add_condition().set_spec("birth_date", "age-at-least", "65")
    rows.add_group().rows[0].set_spec("care_level", "not-empty")


STRAY_QUOTE_FILE = (  # invented residents; line 3 holds "メゾン"101号室, a quoted value with more text after it
    '氏名,住所,電話番号\r\n架空 一郎,東京都千代田区架空町1-1,03-0000-0001\r\n架空 花子,"メゾン"101号室,03-0000-0002\r\n'
)


def refused_source(target: Path, work: Path) -> None:
    """The Source page as a clerk sees it when a file is refused: a stray quote on line 3."""
    from exporter.gui.wizard import DEFAULT_SIZE, ExportWizard

    path = work / "residents-stray-quote.csv"
    path.write_text(STRAY_QUOTE_FILE, encoding="utf-8", newline="")
    wizard = ExportWizard(sample_rows=SCREENSHOT_ROWS, sample_folder=work / "cache")
    wizard.resize(DEFAULT_SIZE)
    wizard.show()
    source = wizard.source_page
    source.load_file(path)
    wait_until(lambda: not source.busy and source.error.isVisible(), timeout=30)
    save(wizard, target)
    wizard.close()


def save(widget: QWidget, path: Path) -> None:
    settle()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"exporter: error: {path} could not be saved.")


def settle(milliseconds: int = 150) -> None:
    """Let layouts, queued signals and painting catch up."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("exporter: error: the screenshot walk timed out.")
        settle(20)
