"""What the Open window shows once an archive verified: the manifest in plain words, and where data.csv went.

Manifest values come from the sender, so every label shows them as plain text (never rich text: QLabel would
otherwise guess that ``<img src=...>`` or ``<a href=...>`` in a purpose is HTML), with control, bidi and line
separator characters made visible by :func:`exporter.display.safe_text`, and long values shortened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from exporter.commands import scope_lines
from exporter.decrypt import OpenedArchive
from exporter.display import safe_text
from exporter.gui.check_codes import hash_value, shown_code
from exporter.gui.retranslate import Retranslating
from exporter.gui.widgets import MessageLabel, monospace_font
from exporter.keys.check_code import key_set_check_code
from exporter.messages import msg

MAX_TEXT = 500
MAX_COLUMNS_LISTED = 60
WARNING_STYLE = "background: #fdecea; color: #8e1b10; border: 2px solid #c62828; border-radius: 4px; padding: 6px;"


def delete_by_date(manifest: dict[str, Any]) -> QDate | None:
    value = manifest.get("delete_by")
    if not isinstance(value, str):
        return None
    day = QDate.fromString(value, Qt.DateFormat.ISODate)
    return day if day.isValid() else None


def delete_by_passed(manifest: dict[str, Any], today: QDate | None = None) -> bool:
    """True once the day after the delete-by date has begun (on the date itself the data may still be used)."""
    day = delete_by_date(manifest)
    return day is not None and (today or QDate.currentDate()) > day


def sender_time(manifest: dict[str, Any]) -> QDateTime | None:
    """``created_utc`` (2026-11-24T06:13:57Z) in the receiver's local time."""
    value = manifest.get("created_utc")
    if not isinstance(value, str):
        return None
    moment = QDateTime.fromString(value, Qt.DateFormat.ISODate)
    return moment.toLocalTime() if moment.isValid() else None


def zone_text(moment: QDateTime) -> str:
    """The zone of a local time as a person reads it: its abbreviation and its offset (``JST, UTC+09:00``)."""
    seconds = moment.offsetFromUtc()
    sign = "+" if seconds >= 0 else "-"
    offset = f"UTC{sign}{abs(seconds) // 3600:02d}:{abs(seconds) % 3600 // 60:02d}"
    abbreviation = moment.timeZoneAbbreviation()
    if not abbreviation or abbreviation.startswith(("UTC", "GMT+", "GMT-")) or abbreviation[0] in "+-":
        return offset
    return f"{abbreviation}, {offset}"


def recipient_check_code(entry: dict[str, Any]) -> str | None:
    """A manifest recipient's check code, computed from its key and, when the entry has one, its signing key (as
    the recipient's key card and the sender's address book show it; the code recorded beside it is the sender's
    word, and older archives have none); None for a passphrase entry."""
    key = entry.get("recipient")
    signing = entry.get("signing_key")
    if isinstance(key, str) and key.lower().startswith("age1"):
        return key_set_check_code(key, signing if isinstance(signing, str) else None)
    return None


def _short(value: object) -> str:
    """A manifest text as it may be shown: a string only, control characters visible, at most MAX_TEXT long."""
    return safe_text(value, max_chars=MAX_TEXT) if isinstance(value, str) else ""


def _count(value: object) -> int:
    """A count from the manifest, or 0 when it is not a whole number that Qt's %n can show (a C int)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31 else 0


class ManifestView(Retranslating, QGroupBox):
    """Purpose, receiving organisation, delete-by date (with a warning once past), columns, rows, sender's time."""

    open_folder_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opened: OpenedArchive | None = None
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.forwarded = QLabel()  # exporter decrypt's warning: not made for the key that opened it
        self.forwarded.setWordWrap(True)
        self.forwarded.setTextFormat(Qt.TextFormat.PlainText)
        self.forwarded.setStyleSheet(WARNING_STYLE)
        self.forwarded.hide()
        self._forwarded = False
        self._deleted = False  # Delete now removed the files of the archive shown
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        keys = ("signature", "profile", "purpose", "organisation", "delete_by", "size", "columns", "scope",
                "recipients", "sent", "hash", "source", "written")  # fmt: skip
        for key in keys:
            caption, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, so a screen reader reads it
            caption.setBuddy(value)
            self._captions[key], self.values[key] = caption, value
            self._form.addRow(caption, value)
        self.values["hash"].setFont(monospace_font())
        self.values["recipients"].setFont(monospace_font())
        self.hash_note = QLabel()
        self.hash_note.setWordWrap(True)
        self.open_folder_button = QPushButton()
        self.open_folder_button.clicked.connect(self._open_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.forwarded)
        layout.addWidget(self.warning)
        layout.addLayout(self._form)
        layout.addWidget(self.hash_note)
        layout.addLayout(buttons)
        self.retranslate_ui()

    @property
    def opened(self) -> OpenedArchive | None:
        return self._opened

    def show_archive(self, opened: OpenedArchive | None, *, forwarded: bool = False) -> None:
        """Show ``opened`` (None: nothing); ``forwarded``: it was not made for the key that opened it."""
        self._opened = opened
        self._forwarded = forwarded and opened is not None
        self._deleted = False
        self.open_folder_button.setEnabled(True)
        self.retranslate_ui()
        self.setVisible(opened is not None)

    def files_deleted(self, folder: str) -> None:
        """Delete now removed the files opened into ``folder``: when that is the archive shown, its folder is no
        longer offered."""
        if self._opened is not None and str(self._opened.folder) == folder:
            self.open_folder_button.setEnabled(False)
            self._deleted = True
            self.values["written"].setText(self._written_text(self._opened))

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("What you received"))
        captions = {
            "signature": self.tr("Signed by:"),
            "profile": self.tr("Purpose profile:"),
            "purpose": self.tr("Purpose:"),
            "organisation": self.tr("Receiving organisation:"),
            "delete_by": self.tr("Delete by:"),
            "size": self.tr("Residents and columns:"),
            "columns": self.tr("Columns:"),
            "scope": self.tr("Rows and values:"),
            "recipients": self.tr("Encrypted for:"),
            "sent": self.tr("Sent at:"),
            "hash": self.tr("Hash value (SHA-256):"),
            "source": self.tr("From the file:"),
            "written": self.tr("Saved in:"),
        }
        for key, text in captions.items():
            self._captions[key].setText(text)
            self.values[key].setAccessibleName(text.rstrip(":："))
        self.hash_note.setText(
            self.tr(
                "Compare the hash value with the one the sender gave you (on their screen or in the instructions "
                "file beside the archive): if they are the same, this is the file they sent."
            )
        )
        self.open_folder_button.setText(self.tr("&Open folder"))
        self.open_folder_button.setAccessibleName(self.tr("Open the folder that holds data.csv"))
        if self._opened is not None:
            self._fill(self._opened)

    def _fill(self, opened: OpenedArchive) -> None:
        manifest = opened.manifest
        not_given = self.tr("(not given)")
        self._show_signature(opened)
        self.forwarded.setText(str(msg("decrypt.made_for_others")) if self._forwarded else "")
        self.forwarded.setVisible(self._forwarded)
        profile = self._profile_text(manifest)
        self.values["profile"].setText(profile)
        self._form.setRowVisible(self.values["profile"], bool(profile))
        self.values["purpose"].setText(_short(manifest.get("purpose")) or not_given)
        self.values["organisation"].setText(_short(manifest.get("recipient_organisation")) or not_given)
        self.values["delete_by"].setText(self._delete_by_text(manifest))
        passed = delete_by_passed(manifest)
        self.warning.setText(self.tr("The delete-by date has passed: delete this data now.") if passed else "")
        self.warning.setVisible(passed)
        listed_columns = manifest.get("columns")
        columns = [name for name in listed_columns if isinstance(name, str)] if isinstance(listed_columns, list) else []
        rows = _count(manifest.get("rows"))
        self.values["size"].setText(
            self.tr("{rows} × {columns}").format(rows=self.tr("%Ln row(s)", "", rows), columns=self._columns(columns))
        )
        listed = [_short(name) for name in columns[:MAX_COLUMNS_LISTED]]
        more = len(columns) - len(listed)
        text = self.tr(", ").join(listed)
        if more > 0:
            text += " " + self.tr("and %n more", "", more)
        self.values["columns"].setText(text or not_given)
        scope = scope_lines(manifest)  # the filter and the transforms, as the manifest records them (core sentences)
        self.values["scope"].setText("\n".join(scope) or self.tr("Every row; every value as the sender's file has it."))
        moment = sender_time(manifest)
        self.values["sent"].setText(self._moment_text(moment) if moment else not_given)
        self.values["source"].setText(self._source_text(manifest) or not_given)
        self.values["hash"].setText(hash_value(opened.archive_sha256) if opened.archive_sha256 else not_given)
        self.values["recipients"].setText(self._recipients_text(manifest) or not_given)
        self.values["written"].setText(self._written_text(opened))

    def _written_text(self, opened: OpenedArchive) -> str:
        """Where the data was saved, or that Delete now removed it from there."""
        where = safe_text(str(opened.data))
        return self.tr("Deleted with Delete now (it was {path})").format(path=where) if self._deleted else where

    def _show_signature(self, opened: OpenedArchive) -> None:
        """Who signed the archive (a trusted office, with its key's check code), or a plain warning in the warning
        colour that it is unsigned or signed by a key not in the recipient's list, with what to do."""
        check = opened.signature
        label = self.values["signature"]
        advice = check.advice()
        label.setText(safe_text(" ".join(str(part) for part in (check.sentence(), advice) if part)))
        label.setStyleSheet("" if check.trusted else f"color: {MessageLabel.COLOURS['warning']};")

    def _profile_text(self, manifest: dict[str, Any]) -> str:
        """The IT policy's purpose profile the export was made under (name, version, legal basis) and the policy's
        hash value; "" when the manifest records no policy."""
        policy = manifest.get("policy")
        if not isinstance(policy, dict):
            return ""
        lines = []
        profile = policy.get("profile")
        if isinstance(profile, dict):
            version = profile.get("version")
            shown = _short(version) if isinstance(version, str) else str(_count(version))
            lines.append(self.tr("{name}, version {version}").format(name=_short(profile.get("name")), version=shown))
            if basis := _short(profile.get("legal_basis")):
                lines.append(self.tr("Legal basis: {basis}").format(basis=basis))
        else:
            lines.append(self.tr("None (made under an IT policy without a purpose profile)"))
        sha256 = policy.get("sha256")
        if isinstance(sha256, str):
            lines.append(self.tr("IT policy's hash value: {hash}").format(hash=hash_value(_short(sha256))))
        return "\n".join(lines)

    def _columns(self, columns: list[str]) -> str:
        return self.tr("%n column(s)", "", len(columns))

    def _delete_by_text(self, manifest: dict[str, Any]) -> str:
        day = delete_by_date(manifest)
        if day is None:
            return self.tr("No date was given; ask the sender when to delete the data.")
        shown = QLocale().toString(day, QLocale.FormatType.LongFormat)
        days = QDate.currentDate().daysTo(day)
        if days < 0:
            return self.tr("{date} (%n day(s) ago)", "", -days).format(date=shown)
        if days == 0:
            return self.tr("{date} (today)").format(date=shown)
        return self.tr("{date} (%n day(s) left)", "", days).format(date=shown)

    def _moment_text(self, moment: QDateTime) -> str:
        """The local date and time with the zone, e.g. 2026年11月24日, 15:13 (JST, UTC+09:00)."""
        day = QLocale().toString(moment.date(), QLocale.FormatType.LongFormat)
        return self.tr("{date}, {time} ({zone})").format(
            date=day, time=moment.time().toString("HH:mm"), zone=zone_text(moment)
        )

    def _recipients_text(self, manifest: dict[str, Any]) -> str:
        """One line per recipient in the manifest: its name (or the office) and its check code."""
        listed = manifest.get("recipients")
        if not isinstance(listed, list):
            return ""
        lines = []
        for entry in listed[:MAX_COLUMNS_LISTED]:
            if not isinstance(entry, dict):
                continue
            code = recipient_check_code(entry)
            if code is None:
                lines.append(self.tr("a passphrase (told to you separately)"))
                continue
            name = _short(entry.get("name"))
            if entry.get("role") == "office":
                name = self.tr("the sender's office") + (f" ({name})" if name else "")
            lines.append(f"{shown_code(code)}  {name}".rstrip())
        return "\n".join(lines)

    def _source_text(self, manifest: dict[str, Any]) -> str:
        source = manifest.get("source")
        if not isinstance(source, dict):
            return ""
        name = _short(source.get("file_name"))
        total = _count(source.get("columns"))
        columns = manifest.get("columns")
        kept = len(columns) if isinstance(columns, list) else 0
        if not total:
            return name
        return self.tr("{name} (kept {kept} of %Ln column(s))", "", total).format(name=name, kept=kept)

    def _open_folder(self) -> None:
        if self._opened is not None:
            self.open_folder_requested.emit(self._opened.folder)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._opened.folder)))
