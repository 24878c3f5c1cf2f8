"""The export wizard: seven pages that fill one draft plan, then one call to the core's ``run_export``.

Source -> Purpose -> Columns -> Rows -> Protection -> Review -> Export (progress, then done)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton, QWidget, QWizard

from exporter.classify import Category
from exporter.gui import tasks
from exporter.gui.conditions import ConditionSpec
from exporter.gui.i18n import LANGUAGE_NAMES, current_language, switch_language
from exporter.gui.policy_view import read_policy
from exporter.gui.retranslate import Retranslating
from exporter.plan import ExportPlan, Secret
from exporter.sources import AnySource

if TYPE_CHECKING:
    from exporter.errors import ExporterError
    from exporter.gui.open_window import OpenWindow
    from exporter.policy import Policy


# The size the wizard opens at: the preview shows eight columns, the Columns page a dozen rows, and every subtitle
# fits on one line in Japanese and English (QWizard's header does not grow for a second line: it would be cut).
DEFAULT_SIZE = QSize(920, 700)
SCREEN_MARGIN = QSize(40, 60)  # room for the window frame and a task bar on a small screen (1366 x 768)
SUBTITLE_MARGIN = 96  # QWizard's header around its subtitle: the indent, the margins and a little air


class PageId(IntEnum):
    SOURCE = 0
    PURPOSE = 1
    COLUMNS = 2
    ROWS = 3
    PROTECTION = 4
    REVIEW = 5
    EXPORT = 6


@dataclass
class Draft:
    """What the pages have filled in so far; :meth:`plan` freezes it into the core's ExportPlan."""

    loaded: tasks.LoadedSource | None = None
    encoding: str | None = None  # None: as detected
    delimiter: str | None = None
    sheet: str | None = None  # a workbook's sheet; None: the first (exporter.sources)
    purpose: str = ""
    organisation: str = ""
    delete_by: date | None = None
    columns: tuple[str, ...] = ()
    output_names: dict[str, str] = field(default_factory=dict)  # kept column -> its name for the recipient
    reasons: dict[str, str] = field(default_factory=dict)  # sensitive kept column -> why it leaves
    transforms: dict[str, str] = field(default_factory=dict)  # kept column -> "KIND[:ARG]" ("keep" or absent: as is)
    pseudonym_key: Path | None = None  # the office's key file for the pseudonym transform
    # the Rows page's: the conditions as picked (for words), the same in the --where syntax, and the live count
    conditions: tuple[tuple[ConditionSpec, ...], ...] = ()
    where: tuple[tuple[str, ...], ...] = ()
    rows_in_scope: int | None = None  # None: not counted (yet)
    reference_date: date | None = None  # the day ages are counted on (age conditions, age bands); None: export day
    recipients: tuple[str, ...] = ()
    passphrase: Secret | None = field(default=None, repr=False)
    output: Path | None = None
    # the Protection page's: address-book names of the recipients ("" for a pasted key), whether the office key
    # is added, and the instructions beside the archive (with the purpose or without)
    recipient_names: tuple[str, ...] = ()
    office: bool = False
    office_key: str = ""  # the office key whose check code the Review page showed
    without_office_key: bool = False
    instructions: bool = True
    instructions_purpose: bool = False
    # the IT policy in force (exporter.policy), read when the wizard opens, or why it could not be read; the purpose
    # profile chosen on the Purpose page
    policy: Policy | None = None
    policy_error: ExporterError | None = None
    profile: str | None = None

    @property
    def source(self) -> AnySource | None:
        return self.loaded.source if self.loaded else None

    @property
    def categories(self) -> dict[str, Category]:
        if self.loaded is None:
            return {}
        return dict(zip(self.loaded.source.header, self.loaded.categories, strict=True))

    def plan(self) -> ExportPlan:
        if self.loaded is None or self.output is None:
            raise ValueError("the draft has no source or no destination yet")
        plan = ExportPlan(
            source=self.loaded.source.path,
            columns=self.columns,
            output=self.output,
            recipients=tuple(key for key, name in zip(self.recipients, self._names(), strict=True) if not name),
            to=tuple(name for name in self._names() if name),  # from the address book: the manifest names them
            passphrase=self.passphrase,
            purpose=self.purpose,
            recipient_organisation=self.organisation,
            delete_by=self.delete_by,
            instructions=self.instructions,
            instructions_purpose=self.instructions_purpose,
            without_office_key=self.without_office_key,
            shown_keys=(*self.recipients, *((self.office_key,) if self.office and self.office_key else ())),
            encoding=self.encoding,
            delimiter=self.delimiter,
            sheet=self.sheet,
            output_names={column: name for column, name in self.output_names.items() if column in self.columns},
            reasons={column: reason for column, reason in self.reasons.items() if column in self.columns},
            where=self.where,
            transforms=self.kept_transforms(),
            pseudonym_key=self.pseudonym_key if self.needs_pseudonym_key() else None,
            reference_date=self.reference_date,
            profile=self.profile,
        )
        return plan if self.policy is None else self.policy.apply(plan)

    def kept_transforms(self) -> dict[str, str]:
        """The transform of each kept column that is not kept as it is, in the kept order."""
        return {
            column: self.transforms[column] for column in self.columns if self.transforms.get(column, "keep") != "keep"
        }

    def needs_pseudonym_key(self) -> bool:
        return any(text.split(":")[0] == "pseudonym" for text in self.kept_transforms().values())

    def _names(self) -> tuple[str, ...]:
        """The address-book name of each of ``recipients`` ("" for a pasted key)."""
        if len(self.recipient_names) == len(self.recipients):
            return self.recipient_names
        return ("",) * len(self.recipients)


class ExportWizard(Retranslating, QWizard):
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
        from exporter.gui.pages.rows import RowsPage
        from exporter.gui.pages.source import SourcePage

        super().__init__(parent)
        self.draft = Draft()
        read_policy(self.draft)
        self.sample_rows = sample_rows or tasks.sample_rows()
        cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        self.sample_folder = sample_folder or Path(cache or Path.home() / ".cache" / "exporter")
        self.open_window: OpenWindow | None = None
        self.close_question: QMessageBox | None = None
        self._ask_before_closing = True
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.source_page = SourcePage(self)
        self.purpose_page = PurposePage(self)
        self.columns_page = ColumnsPage(self)
        self.rows_page = RowsPage(self)
        self.protection_page = ProtectionPage(self)
        self.review_page = ReviewPage(self)
        self.export_page = ExportPage(self)
        for page_id, page in (
            (PageId.SOURCE, self.source_page),
            (PageId.PURPOSE, self.purpose_page),
            (PageId.COLUMNS, self.columns_page),
            (PageId.ROWS, self.rows_page),
            (PageId.PROTECTION, self.protection_page),
            (PageId.REVIEW, self.review_page),
            (PageId.EXPORT, self.export_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.SOURCE)
        from exporter.gui.statement_drop import StatementDrops

        self.statement_drops = StatementDrops(self)  # receipts and deletion statements dropped on the wizard
        self._add_language_button()
        self.retranslate_ui()
        self.resize(self.default_size())

    def keep_on_one_line(self, subtitle: str) -> None:
        """Keep the window wide enough for ``subtitle`` on one line: QWizard's header does not grow for a second
        line, which would be cut in half (a Japanese subtitle wrapped at Qt's own default width, 578 pixels)."""
        needed = self.fontMetrics().horizontalAdvance(subtitle) + SUBTITLE_MARGIN
        if needed > self.minimumWidth():
            self.setMinimumWidth(min(needed, self.screen().availableGeometry().width() - SCREEN_MARGIN.width()))

    def default_size(self) -> QSize:
        """DEFAULT_SIZE, or less on a screen too small for it (Qt's own guess, from the pages' size hints, is too
        small to read the preview: 578 x 512 pixels)."""
        screen = self.screen().availableGeometry().size() - SCREEN_MARGIN
        return DEFAULT_SIZE.boundedTo(screen).expandedTo(self.minimumSizeHint())

    def _add_language_button(self) -> None:
        """A button left of Back that offers each language by its own name; choosing one switches at once."""
        self.language_button = QPushButton()
        menu = QMenu(self.language_button)
        group = QActionGroup(menu)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            self.language_actions[code] = action
        self.language_button.setMenu(menu)
        self.setButton(QWizard.WizardButton.CustomButton1, self.language_button)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        B = QWizard.WizardButton
        self.setButtonLayout([B.CustomButton1, B.Stretch, B.BackButton, B.NextButton, B.CommitButton,
                              B.FinishButton, B.CancelButton])  # fmt: skip

    def set_language(self, language: str) -> None:
        """Switch the whole application; every window then receives QEvent.LanguageChange and retranslates."""
        app = QApplication.instance()
        if app is not None and language != current_language():
            switch_language(app, language)

    def show_open_window(self) -> OpenWindow:
        """The receiving side's window, on its own (it stays open when the wizard closes)."""
        from exporter.gui.open_window import OpenWindow

        if self.open_window is None:
            window = OpenWindow()
            window.fit_to_content()
            self.open_window = window
        self.open_window.show()
        self.open_window.raise_()
        self.open_window.activateWindow()
        return self.open_window

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export resident data"))
        # QWizard keeps its own copy of a custom button's text and puts it back on every page change
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Language / 言語"))
        self.language_button.setAccessibleName(self.tr("Language of the window"))
        self.language_actions[current_language()].setChecked(True)
        # QWizard words its own buttons only when it builds them: set Qt's translated texts again
        page = self.currentPage()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton):  # fmt: skip
            self.button(which).setText(page.buttonText(which) if page is not None else self.buttonText(which))

    def set_destination(self, path: Path) -> None:
        """Choose the archive's path without the Save dialog (tests, screenshots)."""
        self.review_page.set_destination(path)

    def reject(self) -> None:
        """Cancel (or Esc, or the window's close box) asks first when something would be lost; it then stops
        running work, and the window closes once the worker has cleaned up."""
        if self._ask_before_closing and self.would_lose_work() and not self.confirm_close():
            return
        if self.export_page.stop_for_close(self._close_after_stop):
            return
        self.source_page.stop()
        self.rows_page.stop()
        self.review_page.stop()
        super().reject()

    def would_lose_work(self) -> bool:
        """Whether closing throws work away: an export running, a file being read or read, anything typed or
        chosen on the pages. Not once the archive is saved, nor before anything was done."""
        if self.export_page.busy:
            return True
        if self.export_page.result is not None:
            return False
        typed = self.purpose_page.purpose_edit.text().strip() or self.purpose_page.organisation_edit.text().strip()
        return self.source_page.busy or self.draft.loaded is not None or bool(typed)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close box asks as Cancel does; ``close()`` called by the program (at log-out, by a test)
        closes without a question."""
        self._ask_before_closing = event.spontaneous()
        try:
            super().closeEvent(event)
        finally:
            self._ask_before_closing = True

    def confirm_close(self) -> bool:
        """Ask whether to close, naming what would be lost; True to close. The default answer keeps the window."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the wizard?"))
        box.setText(self.tr("Close the wizard?"))
        if self.export_page.busy:
            box.setInformativeText(self.tr("The export is running: it stops, and nothing is written."))
        else:
            box.setInformativeText(self.tr("The file you chose and what you entered are not kept."))
        close = box.addButton(self.tr("&Close"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.close_question = box  # tests answer it
        try:
            box.exec()
        finally:
            self.close_question = None
        return box.clickedButton() is close

    def _close_after_stop(self) -> None:
        self.source_page.stop()
        self.rows_page.stop()
        self.review_page.stop()
        super().reject()

    def done(self, result: int) -> None:
        self.source_page.stop()
        self.rows_page.stop()
        self.review_page.stop()
        self.protection_page.clear_clipboard()  # its 60 s timer dies with the window: empty the clipboard now
        super().done(result)
