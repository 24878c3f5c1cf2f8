"""The export wizard: six pages that fill one draft plan, then one call to the core's ``run_export``.

Source -> Purpose -> Columns -> Protection -> Review -> Export (progress, then done)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget, QWizard

from exporter.classify import Category
from exporter.gui import tasks
from exporter.plan import ExportPlan, Secret
from exporter.source import Source


class PageId(IntEnum):
    SOURCE = 0
    PURPOSE = 1
    COLUMNS = 2
    PROTECTION = 3
    REVIEW = 4
    EXPORT = 5


@dataclass
class Draft:
    """What the pages have filled in so far; :meth:`plan` freezes it into the core's ExportPlan."""

    loaded: tasks.LoadedSource | None = None
    encoding: str | None = None  # None: as detected
    delimiter: str | None = None
    purpose: str = ""
    organisation: str = ""
    delete_by: date | None = None
    columns: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    passphrase: Secret | None = field(default=None, repr=False)
    output: Path | None = None

    @property
    def source(self) -> Source | None:
        return self.loaded.source if self.loaded else None

    @property
    def categories(self) -> dict[str, Category]:
        if self.loaded is None:
            return {}
        return dict(zip(self.loaded.source.header, self.loaded.categories, strict=True))

    def plan(self) -> ExportPlan:
        if self.loaded is None or self.output is None:
            raise ValueError("the draft has no source or no destination yet")
        return ExportPlan(
            source=self.loaded.source.path,
            columns=self.columns,
            output=self.output,
            recipients=self.recipients,
            passphrase=self.passphrase,
            purpose=self.purpose,
            recipient_organisation=self.organisation,
            delete_by=self.delete_by,
            encoding=self.encoding,
            delimiter=self.delimiter,
        )


class ExportWizard(QWizard):
    """``sample_rows`` and ``sample_folder`` choose the bundled sample's size and cache (tests use small ones)."""

    def __init__(
        self,
        *,
        sample_rows: int | None = None,
        sample_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from exporter.gui.pages.columns import ColumnsPage
        from exporter.gui.pages.export import ExportPage
        from exporter.gui.pages.protection import ProtectionPage
        from exporter.gui.pages.purpose import PurposePage
        from exporter.gui.pages.review import ReviewPage
        from exporter.gui.pages.source import SourcePage

        super().__init__(parent)
        self.draft = Draft()
        self.sample_rows = sample_rows or tasks.sample_rows()
        cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        self.sample_folder = sample_folder or Path(cache or Path.home() / ".cache" / "exporter")
        self.setWindowTitle(self.tr("Export resident data"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.source_page = SourcePage(self)
        self.purpose_page = PurposePage(self)
        self.columns_page = ColumnsPage(self)
        self.protection_page = ProtectionPage(self)
        self.review_page = ReviewPage(self)
        self.export_page = ExportPage(self)
        for page_id, page in (
            (PageId.SOURCE, self.source_page),
            (PageId.PURPOSE, self.purpose_page),
            (PageId.COLUMNS, self.columns_page),
            (PageId.PROTECTION, self.protection_page),
            (PageId.REVIEW, self.review_page),
            (PageId.EXPORT, self.export_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.SOURCE)

    def set_destination(self, path: Path) -> None:
        """Choose the archive's path without the Save dialog (tests, screenshots)."""
        self.review_page.set_destination(path)

    def reject(self) -> None:
        """Cancel stops running work first; the window closes once the worker has cleaned up."""
        if self.export_page.stop_for_close(self._close_after_stop):
            return
        self.source_page.stop()
        super().reject()

    def _close_after_stop(self) -> None:
        self.source_page.stop()
        super().reject()

    def done(self, result: int) -> None:
        self.source_page.stop()
        self.protection_page.clear_clipboard()  # its 60 s timer dies with the window: empty the clipboard now
        super().done(result)
