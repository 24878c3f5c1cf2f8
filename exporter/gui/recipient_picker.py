"""Who the archive is for, on the Protection page: recipients ticked by name in the address book, keys pasted or
loaded from a file, and (when the office has a key) the office itself, locked on.

Under the choices, every chosen key's check code, so the clerk reads it to the recipient on the phone and the
recipient compares it with their key card. Names, organisations and keys come from files (the address book, a
recipients file), so they are shown as plain text with controls made visible.

An address-book entry with a signing key shows the key set's code (the one on the recipient's key card). A key card
pasted whole (both languages, or the age1… line with its RW… line under it) is read as its keys; its signing key is
kept when the recipient is added to the address book, which is what the export's code then covers.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.envelope import parse_recipients_file
from exporter.errors import ExporterError
from exporter.gui.check_codes import read_aloud_sentence, recipients_html, shown_code
from exporter.gui.key_store import BookEntry
from exporter.gui.office_row import OfficeRow
from exporter.gui.pasted_keys import about_signing_key, parse_pasted
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, error_text, monospace_font
from exporter.keys.check_code import key_set_check_code


@dataclass(frozen=True)
class Chosen:
    """One recipient of the archive: its key, its name in the address book ("" when pasted), and the signing key
    the address book has for it (None when pasted: a pasted card's signing key counts once it is in the book)."""

    key: str
    name: str = ""
    signing_key: str | None = None


class RecipientPicker(Retranslating, QWidget):
    """``changed`` fires whenever the chosen recipients (or the validity of the pasted text) change."""

    changed = Signal()
    add_requested = Signal(str)  # "Add to the address book" for this pasted key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[BookEntry] = []
        self._file_problem: Callable[[], str] | None = None
        self._pasted_signing: dict[str, str] = {}  # a pasted card's signing key, by its public key
        # under an IT policy: why a recipient is refused (key, book name, key set's code) -> sentence or None
        self._refusal: Callable[[str, str, str | None], str | None] | None = None
        self._refused: dict[str, str] = {}  # address-book entries the policy refuses, by name: the sentence

        self.policy_note = MessageLabel()  # above the list: the policy decides who may be chosen, and by what rule

        self.book_label = QLabel()
        self.book = QTreeWidget()
        self.book.setRootIsDecorated(False)
        self.book.setColumnCount(4)
        self.book.setUniformRowHeights(True)
        self.book.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.book.header().setStretchLastSection(True)
        self.book.itemChanged.connect(lambda *_: self._changed())
        self.book_label.setBuddy(self.book)
        self.book_empty = QLabel()
        self.book_empty.setWordWrap(True)
        self.book_error = MessageLabel()  # the address book or the settings could not be read
        self._problems: list[ExporterError] = []

        self.paste_label = QLabel()
        self.key_edit = QPlainTextEdit()
        self.key_edit.setTabChangesFocus(True)
        self.key_edit.setFont(monospace_font())
        self.key_edit.setFixedHeight(self.key_edit.fontMetrics().lineSpacing() * 2 + 14)
        self.key_edit.textChanged.connect(self._pasted_changed)
        self.paste_label.setBuddy(self.key_edit)
        self.file_button = QPushButton()
        self.file_button.clicked.connect(self._choose_recipients_file)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_clicked)
        self._book_locked: str | None = None

        self.office = OfficeRow()  # when the office has a key: locked on, or the policy's sentence refusing it
        self.office_box, self.office_note = self.office.office_box, self.office.office_note

        self.codes_label = QLabel()
        self.codes_label.setWordWrap(True)
        self.codes_label.setTextFormat(Qt.TextFormat.RichText)
        self.codes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_error = MessageLabel()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.policy_note, 0, 0, 1, 2)
        layout.addWidget(self.book_label, 1, 0, 1, 2)
        layout.addWidget(self.book, 2, 0, 1, 2)
        layout.addWidget(self.book_empty, 3, 0, 1, 2)
        layout.addWidget(self.book_error, 3, 0, 1, 2)
        layout.addWidget(self.paste_label, 4, 0, 1, 2)
        layout.addWidget(self.key_edit, 5, 0)
        buttons = QVBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons, 5, 1)
        layout.addWidget(self.office, 6, 0, 1, 2)
        layout.addWidget(self.codes_label, 7, 0, 1, 2)
        layout.addWidget(self.key_error, 8, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.book_label.setText(self.tr("Tick the recipients in the &address book:"))
        self.book.setHeaderLabels([self.tr("Name"), self.tr("Organisation"), self.tr("Check code"),
                                   self.tr("Code confirmed")])  # fmt: skip
        self.book.setAccessibleName(self.tr("Address book of recipients"))
        self.book_empty.setText(
            self.tr(
                "The address book is empty. Paste the recipient's public key below; IT staff can add recipients "
                "with “exporter recipients add”."
            )
        )
        self.paste_label.setText(self.tr("Or past&e a public key (age1…) or a key card, one key per line:"))
        self.key_edit.setPlaceholderText(self.tr("age1…"))
        self.key_edit.setAccessibleName(self.tr("Recipient's public key"))
        self.file_button.setText(self.tr("Load a recipients &file…"))
        self.add_button.setText(self.tr("A&dd to the address book…"))
        self._fill_book()
        self._show()

    # --- what is offered ------------------------------------------------------------------------------------

    def set_book(self, entries: Sequence[BookEntry]) -> None:
        """Offer ``entries`` (the address book) as ticked-off rows; what was ticked by name stays ticked."""
        ticked = set(self.ticked_names())
        self._entries = list(entries)
        self._fill_book(ticked)
        self._changed()

    def set_problems(self, problems: Sequence[ExporterError]) -> None:
        """Sentences about the address book or settings that could not be read (empty: none)."""
        self._problems = list(problems)
        self._show()

    def set_policy(self, note: str | None, refusal: Callable[[str, str, str | None], str | None] | None) -> None:
        """Under an IT policy that approves recipients: ``note`` says so above the list (naming the rule and the
        policy file) and ``refusal(key, name, code)`` gives the core's sentence refusing a recipient (None: it may
        be chosen). Entries refused are shown greyed and cannot be ticked, the sentence in their tooltip; a key
        pasted or loaded that is refused is said at once. None and None: no policy decides."""
        self._refusal = refusal
        if note:
            self.policy_note.show_message(note, "note")
        else:
            self.policy_note.clear_message()
        self._fill_book()
        self._changed()

    def refused_names(self) -> dict[str, str]:
        """The address-book entries the policy refuses, by name, with the sentence shown in their tooltip."""
        return dict(self._refused)

    def set_book_locked(self, reason: str | None) -> None:
        """Why the book cannot be changed here (None: it can): the Add button is then off, with the reason."""
        self._book_locked = reason
        self._show()

    def addable_key(self) -> str | None:
        """The one pasted key that is not in the address book yet, which the Add button would add."""
        pasted, _problem = self._parse_pasted()
        known = {entry.key.strip().lower() for entry in self._entries}
        new = [key for key in pasted or () if key.lower() not in known]
        return new[0] if len(new) == 1 else None

    def pasted_signing_key(self, key: str) -> str | None:
        """The signing key (RW…) pasted with ``key`` (a key card pasted whole), or None."""
        self._parse_pasted()
        return self._pasted_signing.get(key.strip().lower())

    def _add_clicked(self) -> None:
        key = self.addable_key()
        if key is not None:
            self.add_requested.emit(key)

    def added(self, name: str, key: str) -> None:
        """``key`` was added as ``name``: tick it by name, and take it (with its card) out of the pasted keys."""
        pasted, _problem = self._parse_pasted()
        if pasted == (key,) and self._pasted_signing.get(key.lower()) is not None:
            self.key_edit.clear()  # a key card pasted whole: all of it went into the book
        signing = self._pasted_signing.get(key.lower(), "")
        lines = [line for line in self.key_edit.toPlainText().splitlines()
                 if line.strip().lower() != key.lower() and (not signing or line.strip() != signing)]  # fmt: skip
        self.key_edit.setPlainText("\n".join(lines))
        self.tick([name])

    def set_office(self, office: tuple[str, str] | None, refusal: str | None = None, *, fixed: bool = False) -> None:
        """The office's (name, key), shown locked on; None when no office key is configured. ``refusal``: the
        policy's sentence when it does not approve that key (then nothing can be chosen until it is mended);
        ``fixed``: the policy sets the office key itself."""
        self.office.set_office(office, refusal, fixed=fixed)
        self._changed()

    def _fill_book(self, ticked: set[str] | None = None) -> None:
        if ticked is None:
            ticked = set(self.ticked_names())
        self.book.blockSignals(True)
        self.book.clear()
        self._refused = {}
        for entry in self._entries:
            confirmed = QLocale().toString(entry.confirmed, QLocale.FormatType.ShortFormat) if entry.confirmed else ""
            code = shown_code(key_set_check_code(entry.key, entry.signing_key))
            item = QTreeWidgetItem(
                [safe_text(entry.name), safe_text(entry.organisation), code, confirmed or self.tr("not yet")]
            )
            refusal = None
            if self._refusal is not None:
                refusal = self._refusal(entry.key, entry.name, key_set_check_code(entry.key, entry.signing_key))
            if refusal is None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if entry.name in ticked else Qt.CheckState.Unchecked)
            else:  # shown, greyed, never ticked: the policy's sentence says why
                self._refused[entry.name] = refusal
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled))
                item.setCheckState(0, Qt.CheckState.Unchecked)
                for column in range(self.book.columnCount()):
                    item.setToolTip(column, safe_text(refusal))
            item.setFont(2, monospace_font())
            item.setData(0, Qt.ItemDataRole.UserRole, entry.name)
            self.book.addTopLevelItem(item)
        self.book.blockSignals(False)
        has_entries = bool(self._entries)
        self.book.setVisible(has_entries)
        self.book_label.setVisible(has_entries)
        self.book_empty.setVisible(not has_entries)
        rows = min(max(len(self._entries), 2), 5)
        self.book.setFixedHeight(self.book.header().sizeHint().height() + rows * self.fontMetrics().lineSpacing()
                                 + rows * 6 + 6)  # fmt: skip

    # --- choosing -------------------------------------------------------------------------------------------

    def tick(self, names: Sequence[str]) -> None:
        """Tick the address-book entries called ``names`` (tests, screenshots)."""
        for index in range(self.book.topLevelItemCount()):
            item = self.book.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) in names and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(0, Qt.CheckState.Checked)

    def ticked_names(self) -> list[str]:
        names = []
        for index in range(self.book.topLevelItemCount()):
            item = self.book.topLevelItem(index)
            if item.checkState(0) == Qt.CheckState.Checked:
                names.append(str(item.data(0, Qt.ItemDataRole.UserRole)))
        return names

    def set_pasted(self, keys: Sequence[str]) -> None:
        self.key_edit.setPlainText("\n".join(keys))

    def chosen(self) -> tuple[Chosen, ...] | None:
        """The ticked and pasted recipients without repeats, or None while a pasted line is not a key or the
        policy refuses a pasted key or the office key."""
        pasted, _problem = self._parse_pasted()
        if pasted is None or self.pasted_refusal() is not None or self.office.refused is not None:
            return None
        by_name = {entry.name: entry for entry in self._entries}
        result: dict[str, Chosen] = {}
        for name in self.ticked_names():
            entry = by_name[name]
            result.setdefault(entry.key.strip().lower(), Chosen(entry.key.strip(), entry.name, entry.signing_key))
        for key in pasted:
            result.setdefault(key.lower(), self._in_book(key) or Chosen(key))  # a key in the book IS its entry
        return tuple(result.values())

    def pasted_refusal(self) -> str | None:
        """The policy's sentence refusing the first key pasted or loaded that it does not approve, or None."""
        pasted, _problem = self._parse_pasted()
        if self._refusal is None or not pasted:
            return None
        return next((said for key in pasted if (said := self._refusal(key, "", None)) is not None), None)

    def _parse_pasted(self) -> tuple[tuple[str, ...] | None, ExporterError | None]:
        """The pasted keys, or None and why the first line that is not a key was refused (never quoting it)
        (:func:`exporter.gui.pasted_keys.parse_pasted`). Sets :attr:`_pasted_signing`."""
        pasted = parse_pasted(self.key_edit.toPlainText())
        self._pasted_signing = pasted.signing
        return pasted.keys, pasted.problem

    def _pasted_changed(self) -> None:
        self._file_problem = None
        self._changed()

    def _changed(self) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        text = self.key_edit.toPlainText().strip()
        pasted, problem = self._parse_pasted()
        chosen = self.chosen()
        if pasted is None and problem is not None and "AGE-SECRET-KEY-" in text.upper():
            self.key_error.show_message(error_text(problem), "error")  # a secret key: say so, a new one is needed
        elif pasted is None and about_signing_key(problem):
            self.key_error.show_message(error_text(problem), "error")
        elif pasted is None:
            self.key_error.show_message(
                self.tr("This is not a recipient key. A key starts with age1 and is 62 characters long."), "error"
            )
        elif (refusal := self.pasted_refusal()) is not None:
            self.key_error.show_message(safe_text(refusal, multiline=True), "error")  # the rule and the policy file
        else:
            self.key_error.clear_message()
        if self._file_problem is not None:
            self.key_error.show_message(self._file_problem(), "error")
        if self._problems:
            self.book_error.show_message("\n".join(error_text(problem) for problem in self._problems), "error")
            self.book_empty.hide()
        else:
            self.book_error.clear_message()
        self.add_button.setEnabled(self._book_locked is None and self.addable_key() is not None)
        self.add_button.setToolTip(self._book_locked or "")
        if self.office.refused is not None:  # said in red beside the office key: nothing can leave until mended
            self.codes_label.setText("")
            return
        if not chosen:
            self.codes_label.setText(html.escape(self.tr("No recipient yet. Tick a name, or paste a public key.")))
            return
        labelled = [(self._label(recipient), recipient.key, recipient.signing_key) for recipient in chosen]
        text = html.escape(read_aloud_sentence()) + recipients_html(labelled)
        if any(not recipient.name and recipient.key in self._pasted_signing for recipient in chosen):
            note = self.tr(
                "The pasted key card also has a signing key. Add the recipient to the address book to keep it: the "
                "check code on their card covers both keys, so it matches only once they are in the book."
            )
            text += f"<p style='color:#6d3a00'>{html.escape(note)}</p>"
        self.codes_label.setText(text)

    def _in_book(self, key: str) -> Chosen | None:
        """The address-book entry whose key ``key`` is (pasted or loaded), chosen by its name with its signing key,
        so that its check code is the key set's, as on the recipient's card and in the manifest; None if none."""
        entry = next((entry for entry in self._entries if entry.key.strip().lower() == key.lower()), None)
        return None if entry is None else Chosen(entry.key.strip(), entry.name, entry.signing_key)

    def _label(self, recipient: Chosen) -> str:
        if recipient.name:
            return safe_text(recipient.name)
        return self.tr("Pasted key {start}…").format(start=recipient.key[:12])

    # --- a recipients file ----------------------------------------------------------------------------------

    def _choose_recipients_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a recipients file"))
        if name:
            self.load_recipients_file(Path(name))

    def load_recipients_file(self, path: Path) -> None:
        """Read a recipients file within its size limit (exporter.keyfiles); a refusal names the file and line."""
        from exporter.keyfiles import RECIPIENTS_FILE, read_small_file

        try:
            text = read_small_file(path, RECIPIENTS_FILE).text
            recipients = parse_recipients_file(text, path.name)
        except ExporterError as err:
            refused = err
            self._file_problem = lambda: safe_text(error_text(refused), multiline=True)
            self._show()
            self.changed.emit()
            return
        self.set_pasted([str(recipient) for recipient in recipients])
