"""Page 5: what leaves the office, in plain words, and where the archive is saved."""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWizard,
)

from exporter.classify import Category
from exporter.display import is_safe, safe_text
from exporter.errors import ExporterError
from exporter.gui import tasks
from exporter.gui.check_codes import recipients_html
from exporter.gui.models import shown_name
from exporter.gui.pages.base import Page, number
from exporter.gui.pages.transform_panel import transform_label
from exporter.gui.widgets import MessageLabel, category_label, chosen_file, english_plural, file_dialog

if TYPE_CHECKING:
    from exporter.gui.wizard import ExportWizard
    from exporter.risk import Risk

SUFFIX = ".zip.age"
EXCEL_ROWS = 1_048_576  # rows of an Excel sheet, the header row included


class ReviewPage(Page):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidget(self.summary)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.destination_edit = QLineEdit()  # what is typed here is where the archive is written
        self.destination_edit.textEdited.connect(self._typed)
        self.destination_label = QLabel()
        self.destination_label.setBuddy(self.destination_edit)
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self._choose_destination)
        row = QHBoxLayout()
        row.addWidget(self.destination_label)
        row.addWidget(self.destination_edit, 1)
        row.addWidget(self.change_button)
        self.destination_error = MessageLabel()
        self.excel_note = MessageLabel()  # more rows than Excel shows
        self.policy_error = MessageLabel()  # the IT policy's refusal of the plan, naming the rule and the file
        self.policy_problem: ExporterError | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.policy_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.excel_note)
        layout.addLayout(row)
        layout.addWidget(self.destination_error)
        self.setTabOrder(self.destination_edit, self.change_button)
        self._shown = False  # the summary is made once the page is reached
        self.risk: Risk | None = None  # measured on the rows and columns about to leave
        self.rows_kept: int | None = None  # rows in scope, from the same pass
        self.risk_problem: ExporterError | None = None
        self.direct: tuple[str, ...] = ()  # kept columns that name residents outright
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("Check what leaves the office, then choose where to save the archive."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Export"))
        self.summary.setAccessibleName(self.tr("Summary of the export"))
        self.destination_edit.setAccessibleName(self.tr("Archive file"))
        self.destination_label.setText(self.tr("Save &as:"))
        self.change_button.setText(self.tr("&Change…"))
        self.change_button.setAccessibleName(self.tr("Choose where to save the archive"))
        if self._shown:
            self.summary.setText(self._summary_html())
            self._show_destination_problem()
            self._show_excel_note()

    def initializePage(self) -> None:
        self._shown = True
        if self.draft.output is None:
            self.set_destination(self._suggested_destination())
        else:
            self.set_destination(self.draft.output)
        self._check_policy()
        self.measure_risk()
        self.summary.setText(self._summary_html())
        self._show_excel_note()

    def _check_policy(self) -> None:
        """The IT policy's verdict on the whole plan, before the export is asked for (run_export checks again)."""
        from exporter.gui.policy_view import plan_problem

        self.policy_problem = plan_problem(self.draft)
        if self.policy_problem is None:
            self.policy_error.clear_message()
        else:
            self.policy_error.show_error(self.policy_problem)
        self.completeChanged.emit()

    def measure_risk(self) -> None:
        """Measure the re-identification risk of what is about to leave (rows in scope, transformed kept columns)
        on a worker: one pass over the columns needed (:func:`exporter.shaping.preview`)."""
        self.risk, self.rows_kept, self.risk_problem, self.direct = None, None, None, ()
        source = self.draft.source
        if source is None or self.draft.output is None:
            return
        self.start_worker(
            tasks.scope_preview(self.draft.plan(), source),
            progress=lambda _fraction, _message: None,
            succeeded=self._measured,
            failed=self._not_measured,
            cancelled=lambda: None,
        )

    def show_risk(self, risk: Risk | None, rows_kept: int | None = None, direct: tuple[str, ...] = ()) -> None:
        """Show ``risk`` (and the rows in scope counted with it, and the kept columns that name residents
        outright) in the summary."""
        self.risk = risk
        self.direct = direct
        if rows_kept is not None:
            self.rows_kept = rows_kept
            self.draft.rows_in_scope = rows_kept
        if self._shown:
            self.summary.setText(self._summary_html())

    def _measured(self, preview: object) -> None:
        from exporter.shaping import ScopePreview

        if isinstance(preview, ScopePreview):
            self.show_risk(preview.risk, preview.rows_kept, preview.direct_identifiers)

    def _not_measured(self, err: object) -> None:
        self.risk_problem = err if isinstance(err, ExporterError) else None
        if self._shown:
            self.summary.setText(self._summary_html())

    def isComplete(self) -> bool:
        return self.draft.output is not None and self.destination_problem() is None and self.policy_problem is None

    def set_destination(self, path: Path) -> None:
        self.draft.output = path
        self.destination_edit.setText(safe_text(str(path)))
        self._show_destination_problem()
        self.completeChanged.emit()

    def _typed(self, text: str) -> None:
        """The path typed is the path used: the export writes exactly there, once it passes the checks."""
        typed = text.strip()
        self.draft.output = Path(os.path.expanduser(typed)) if typed else None
        self._show_destination_problem()
        self.completeChanged.emit()

    def destination_problem(self) -> str | None:
        """Why the archive cannot be written where the box says, in one sentence; None when it can."""
        path = self.draft.output
        if path is None:
            return self.tr("Type where to save the archive, or choose it with Change….")
        if not path.is_absolute():
            return self.tr("Give the whole path, starting with the drive or folder, or choose it with Change….")
        if not path.name.endswith(SUFFIX) or path.name == SUFFIX:
            return self.tr("The file name must end in .zip.age, so that the recipient's program knows it.")
        if path.exists():
            return self.tr("A file of this name already exists there. Choose another name; nothing is overwritten.")
        if not path.parent.is_dir():
            return self.tr("This folder does not exist.")
        return None

    def _show_destination_problem(self) -> None:
        problem = self.destination_problem() if self.draft.output is not None or self._shown else None
        if problem is None:
            self.destination_error.clear_message()
        else:
            self.destination_error.show_message(problem, "error")

    def _show_excel_note(self) -> None:
        loaded = self.draft.loaded
        if loaded is None or loaded.rows < EXCEL_ROWS:
            self.excel_note.clear_message()
            return
        self.excel_note.show_message(
            self.tr(
                "Excel shows at most {limit} rows, the header included: the recipient can open only the first "
                "{shown} of these {rows} rows in Excel. All of them are in the archive; tell the recipient."
            ).format(limit=number(EXCEL_ROWS), shown=number(EXCEL_ROWS - 1), rows=number(loaded.rows)),
            "warning",
        )

    def _choose_destination(self) -> None:
        start = str(self.draft.output or self._suggested_destination())
        name = chosen_file(
            file_dialog(
                self, self.tr("Save the archive as"), start, self.tr("Encrypted archive (*.zip.age)"), save=True
            )
        )
        if name:
            path = Path(name)
            if not path.name.endswith(SUFFIX):
                path = path.with_name(path.name.removesuffix(".zip").removesuffix(".age") + SUFFIX)
            self.set_destination(path)

    def _suggested_destination(self) -> Path:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        source = self.draft.source
        # named after the resident file, without the control or invisible characters its name may hold
        stem = "".join(char if is_safe(char) else "_" for char in source.path.stem) if source is not None else "export"
        base = f"{stem}-{date.today():%Y%m%d}"
        candidate = folder / f"{base}{SUFFIX}"
        counter = 2
        while candidate.exists():
            candidate = folder / f"{base}-{counter}{SUFFIX}"
            counter += 1
        return candidate

    # -- the summary ---------------------------------------------------------------------------------------

    def _summary_html(self) -> str:
        draft = self.draft
        loaded = draft.loaded
        if loaded is None:
            return ""
        categories = draft.categories
        kept = list(draft.columns)
        left_out = [name for name in loaded.source.header if name not in kept]
        in_scope = self._rows_in_scope()
        columns = english_plural(self.tr("%n column(s)", "", len(kept)), len(kept))
        if in_scope is None:
            headline = self.tr("The residents in scope × {columns} leave the office.").format(columns=columns)
        else:
            residents = english_plural(self.tr("%Ln resident(s)", "", in_scope), in_scope)
            headline = self.tr("{residents} × {columns} leave the office.").format(residents=residents, columns=columns)
        if draft.passphrase is not None:
            protection = html.escape(
                self.tr("a passphrase. Tell it to the recipient by phone or in person, not with the file.")
            )
            if draft.without_office_key:
                protection += "<br>" + html.escape(self.tr("Not for our office: the office cannot reopen it."))
        else:
            protection = self._recipients_html()
        delete_by = (
            QLocale().toString(QDate(draft.delete_by), QLocale.FormatType.LongFormat) if draft.delete_by else "–"
        )
        renamed = {name: draft.output_names[name] for name in kept if name in draft.output_names}
        comma = self.tr(", ")  # the list separator: 、 in Japanese
        kept_text = comma.join(
            shown_name(name) + (f" → {shown_name(renamed[name])}" if name in renamed else "") for name in kept
        )
        reasons = "<br>".join(
            self.tr("{column}: {reason}").format(column=_escape(name), reason=_escape(draft.reasons[name]))
            for name in kept
            if name in draft.reasons
        )
        rows = [
            (self.tr("Rows in scope"), html.escape(self._scope_text(in_scope))),
            *self._conditions_rows(),
            (self.tr("Kept, in this order"), html.escape(kept_text) or "–"),
            *self._transform_rows(),
            (self.tr("Re-identification risk"), self._risk_html()),
            (self.tr("Kept, by kind"), self._grouped(kept, categories)),
            *([(self.tr("Reasons for sensitive columns"), reasons)] if reasons else []),
            (english_plural(self.tr("Left out (%n column(s))", "", len(left_out)), len(left_out)),
             self._grouped(left_out, categories) or "–"),
            (self.tr("Purpose"), _escape(draft.purpose)),
            (self.tr("Receiving organisation"), _escape(draft.organisation) or "–"),
            (self.tr("Delete by"), html.escape(delete_by)),
            (self.tr("Protected with"), protection),
            (self.tr("Instructions"), html.escape(self._instructions_text())),
            (self.tr("From the file"), _escape(loaded.source.name)),
        ]  # fmt: skip
        cells = "".join(
            f"<tr><td style='padding:3px 12px 3px 0; white-space:nowrap'><b>{html.escape(label)}</b></td>"
            f"<td style='padding:3px 0'>{value}</td></tr>"
            for label, value in rows
        )
        return f"<p style='font-size:large'><b>{html.escape(headline)}</b></p><table>{cells}</table>"

    def _rows_in_scope(self) -> int | None:
        """Rows that leave: counted with the risk, else by the Rows page; every row when there is no condition."""
        if self.rows_kept is not None:
            return self.rows_kept
        if not self.draft.where:
            return self.draft.loaded.rows if self.draft.loaded else None
        return self.draft.rows_in_scope

    def _scope_text(self, in_scope: int | None) -> str:
        total = self.draft.loaded.rows if self.draft.loaded else 0
        if not self.draft.where:
            return english_plural(self.tr("every row (%Ln resident(s))", "", total), total)
        shown = "…" if in_scope is None else number(in_scope)
        return english_plural(self.tr("{rows} of {total} resident(s)"), total).format(rows=shown, total=number(total))

    def _conditions_rows(self) -> list[tuple[str, str]]:
        groups = [group for group in self.draft.conditions if group]
        if not groups:
            return []
        joiner = "<br><b>" + html.escape(self.tr("or")) + "</b><br>"
        text = joiner.join(
            html.escape(self.tr(" and ").join(safe_text(spec.words()) for spec in group if spec.complete))
            for group in groups
        )
        return [(self.tr("Conditions"), text)]

    def _transform_rows(self) -> list[tuple[str, str]]:
        changed = self.draft.kept_transforms()
        if not changed:
            return [(self.tr("Values"), html.escape(self.tr("all as they are in the file")))]
        lines = "<br>".join(
            html.escape(
                self.tr("{column}: {transform}").format(column=shown_name(name), transform=transform_label(text))
            )
            for name, text in changed.items()
        )
        rows = [(self.tr("Values changed"), lines)]
        if self.draft.needs_pseudonym_key() and self.draft.pseudonym_key is not None:
            rows.append((self.tr("Pseudonym key"), _escape(self.draft.pseudonym_key.name)))
        return rows

    def _risk_html(self) -> str:
        if self.risk is not None or self.direct:
            from exporter.risk import direct_sentence

            sentences = [self.risk.sentence()] if self.risk is not None else []
            direct = direct_sentence([safe_text(name) for name in self.direct])
            return "<br>".join(html.escape(str(sentence)) for sentence in (*sentences, *([direct] if direct else [])))
        if self.risk_problem is not None:
            return html.escape(str(self.risk_problem))
        if self.busy:
            return html.escape(self.tr("Measuring…"))
        return "–"

    def _recipients_html(self) -> str:
        """Each recipient by name (or as a pasted key) with its check code, and the office when it is added."""
        from exporter.gui import key_store

        draft = self.draft
        names = draft.recipient_names or ("",) * len(draft.recipients)
        signing = key_store.book_signing_keys() if any(names) else {}  # a name's code covers its signing key
        labelled = [
            (safe_text(name) if name else self.tr("Pasted key {start}…").format(start=key[:12]), key,
             signing.get(key) if name else None)
            for name, key in zip(names, draft.recipients, strict=False)
        ]  # fmt: skip
        text = html.escape(self.tr("the recipients' keys (check code beside each name):")) + "<br>"
        text += recipients_html(labelled, compact=True)
        office = self._office()
        if office is not None:
            name, key = office
            label = self.tr("Also for our office ({name})").format(name=safe_text(name) or self.tr("office key"))
            text += "<br>" + recipients_html([(label, key)], compact=True)
        return text

    def _office(self) -> tuple[str, str] | None:
        from exporter.gui.policy_view import office_in_force

        office = office_in_force(self.draft) if self.draft.office else None
        self.draft.office_key = office[1] if office else ""  # the export is refused if it differs by then
        return office

    def _instructions_text(self) -> str:
        draft = self.draft
        if not draft.instructions:
            return self.tr("none")
        if draft.instructions_purpose:
            return self.tr("written beside the archive, with the purpose")
        return self.tr("written beside the archive, without the purpose")

    def _grouped(self, names: list[str], categories: dict[str, Category]) -> str:
        """One line per kind of data: its name, then the columns of that kind."""
        groups: dict[Category, list[str]] = {}
        for name in names:
            groups.setdefault(categories[name], []).append(name)
        comma = self.tr(", ")
        return "<br>".join(
            html.escape(
                self.tr("{kind}: {columns}").format(
                    kind=category_label(category), columns=comma.join(shown_name(name) for name in members)
                )
            )
            for category, members in groups.items()
        )


def _escape(text: str) -> str:
    """Text from the file or typed by the clerk, for the rich-text summary: controls visible, then HTML-escaped."""
    return html.escape(safe_text(text))
