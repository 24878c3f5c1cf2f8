"""The address book of recipients: names a clerk picks instead of pasting keys.

One TOML file (``recipients.toml`` in the config folder, or the file the settings name with
``address_book = "..."``, which is how IT staff will point every PC to one locked book):

    locked = true                      # optional: exporter then refuses to change it
    [[recipient]]
    name = "北区コールセンター"
    organisation = "株式会社サンプル"     # optional
    key = "age1..."
    signing = "RW..."                  # optional: their signing key, from a key card made since issue 11
    confirmed = 2026-11-30             # optional: the day the check code was read back on the phone
    confirmed_code = "1454-5235-9590-8258-2074"   # written with it: the code that was read back

The check code shown is always derived from the keys: the key set's code
(:func:`exporter.keys.check_code.key_set_check_code`) when the entry has a signing key, else the age key's own.
``recipients confirm`` stores the day and the code that was confirmed (``confirmed_code = "dddd-..."``); an entry
whose keys no longer have that code (or that has no stored code, as books written before it was stored) reads as
not confirmed.
Names are compared after NFKC and case folding (``ＡＢＣ`` finds ``abc``); an unknown name gets the closest
names as "did you mean". The file is read and changed by :mod:`exporter.keys.store` (under a lock, comments and
layout kept, atomic replace, read-only when locked).
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from exporter.display import is_safe, looks_like_secret_key
from exporter.envelope import X25519Recipient
from exporter.envelope.x25519 import EXPOSED_KEY_ADVICE
from exporter.errors import EncryptionError, PlanError
from exporter.keyfiles import ADDRESS_BOOK_FILE
from exporter.keys.check_code import key_set_check_code
from exporter.keys.store import read_only_reason, read_toml, update_toml
from exporter.messages import Message, msg

MAX_NAME = 200
_HEADING = (
    "exporter's address book of recipients: change it with “exporter recipients add|remove” or in the wizard.\n"
    "IT staff can lock it with a line locked = true (or by taking away write permission)."
)


@dataclass(frozen=True)
class BookEntry:
    """One recipient: a name people use, the organisation, the public key, when its code was confirmed, and the
    signing key from their key card (``RW...``; None for cards made before it existed)."""

    name: str
    key: str
    organisation: str = ""
    confirmed: date | None = None
    signing_key: str | None = None

    @property
    def check_code(self) -> str:
        """The check code of the key and the signing key (derived, never stored)."""
        return key_set_check_code(self.key, self.signing_key)

    def as_json(self) -> dict[str, str | None]:
        """The entry as ``recipients list --json`` prints it (``signing_key`` only when it has one)."""
        shown = {
            "name": self.name,
            "organisation": self.organisation,
            "key": self.key,
            "check_code": self.check_code,
            "confirmed": self.confirmed.isoformat() if self.confirmed else None,
        }
        return shown if self.signing_key is None else {**shown, "signing_key": self.signing_key}


class UnknownRecipient(PlanError):
    """A name that is not in the address book; ``suggestions`` are the closest names in it (maybe none)."""

    def __init__(self, name: str, suggestions: list[str], book: Path) -> None:
        hint: Message = (
            msg("keys.did_you_mean", names="、".join(suggestions))
            if suggestions
            else msg("keys.unknown_name_hint", path=str(book))
        )
        super().__init__(msg("keys.unknown_name", name=name), hint=hint)
        self.name = name
        self.suggestions = suggestions


@dataclass(frozen=True)
class AddressBook:
    """The entries of one book file, in the order they were added; ``read_only`` says why it cannot be changed."""

    path: Path
    entries: tuple[BookEntry, ...] = ()
    read_only: Message | None = None

    def get(self, name: str) -> BookEntry | None:
        """The entry called ``name`` (NFKC, case folded), or None."""
        wanted = fold_name(name)
        return next((entry for entry in self.entries if fold_name(entry.name) == wanted), None)

    def find(self, name: str) -> BookEntry:
        """The entry called ``name``; raises :class:`UnknownRecipient` with the closest names otherwise."""
        _refuse_secret_key(name)
        entry = self.get(name)
        if entry is None:
            if name.strip().lower().startswith("age1"):  # a key where a name belongs: say where keys go
                raise PlanError(msg("keys.key_as_name"), hint=msg("keys.key_as_name_hint"))
            raise UnknownRecipient(name, self.closest(name), self.path)
        return entry

    def closest(self, name: str, count: int = 3) -> list[str]:
        """Up to ``count`` names of the book that look like ``name`` (similar spelling, or containing it)."""
        folded = {fold_name(entry.name): entry.name for entry in self.entries}
        wanted = fold_name(name)
        close = difflib.get_close_matches(wanted, list(folded), n=count, cutoff=0.6)
        containing = [key for key in folded if wanted and (wanted in key or key in wanted)]
        return [folded[key] for key in dict.fromkeys([*close, *containing])][:count]

    def by_key(self, key: str) -> BookEntry | None:
        """The entry with the public key ``key``, or None."""
        return next((entry for entry in self.entries if entry.key == key), None)


def fold_name(name: str) -> str:
    """How names are compared: NFKC (full-width letters and digits become half-width), case folded, outer and
    repeated spaces removed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def book_path() -> Path:
    """The address book in use: the settings' ``address_book`` if set, else ``recipients.toml`` in the config
    folder."""
    return _location(None)[0]


def _location(path: Path | None) -> tuple[Path, Message]:
    """The book file to use and its name in sentences. A book the settings name must exist (PlanError naming it):
    an empty book in its place would hide every entry IT staff put there, and adding to it would start another."""
    from exporter.keys.settings import load_settings

    configured = load_settings().address_book if path is None else None
    where = path if path is not None else configured or _default_path()
    if configured is not None and not os.path.lexists(configured):
        raise PlanError(msg("keys.book_missing", path=str(configured)), hint=msg("keys.book_missing_hint"))
    return where, msg("keys.book_name", path=str(where))


def load_book(path: Path | None = None) -> AddressBook:
    """The address book at ``path`` (default :func:`book_path`); an empty book when the file does not exist (and it
    is not one the settings name: that is a PlanError).

    An entry whose stored ``confirmed_code`` is not its key's check code (or that has none: books written before
    codes were stored) reads as not confirmed. Raises PlanError with one sentence naming the file (and the entry)
    when it is not a valid book.
    """
    where, what = _location(path)
    data = read_toml(where, ADDRESS_BOOK_FILE, what)
    return AddressBook(where, tuple(_entries(data, what)), read_only_reason(where, data))


def _entries(data: dict[str, Any], what: Message) -> list[BookEntry]:
    raw = data.get("recipient", [])
    if not isinstance(raw, list):
        raise PlanError(msg("keys.book_invalid", what=what))
    entries: list[BookEntry] = []
    for number, item in enumerate(raw, start=1):
        entry = _entry(item, what, number)
        if any(fold_name(other.name) == fold_name(entry.name) for other in entries):
            raise PlanError(msg("keys.book_entry_twice", what=what, number=number))
        entries.append(entry)
    return entries


def add_recipient(
    name: str,
    key: str,
    *,
    organisation: str = "",
    confirmed: date | None = None,
    path: Path | None = None,
    signing_key: str | None = None,
) -> BookEntry:
    """Add a recipient to the book (default :func:`book_path`) and return the entry as stored; ``signing_key`` is
    the ``RW...`` line of their key card, when it has one (stored as ``signing = "RW..."``).

    Refused with one sentence (PlanError, or EncryptionError for a key that is not ``age1...``): an empty or overlong
    name or organisation, a malformed signing key, a name or key already in the book, a confirmation date in the
    future, a read-only book.
    """
    from exporter.keys.card import checked_signing_key

    entry = BookEntry(
        _checked_name(name),
        _parsed_key(key),
        _checked_organisation(organisation),
        _checked_date(confirmed),
        None if signing_key is None else checked_signing_key(signing_key),
    )

    def change(document: Any, entries: list[BookEntry], where: Path) -> None:
        if (same := next((e for e in entries if fold_name(e.name) == fold_name(entry.name)), None)) is not None:
            raise PlanError(msg("keys.name_taken", name=same.name), hint=msg("keys.name_taken_hint", name=same.name))
        if (same := next((e for e in entries if e.key == entry.key), None)) is not None:
            raise PlanError(msg("keys.key_taken", name=same.name))
        import tomlkit

        if not isinstance(document.get("recipient"), tomlkit.items.AoT):  # none yet, or written "recipient = []"
            if "recipient" in document:
                del document["recipient"]
            document.append("recipient", tomlkit.aot())
        document["recipient"].append(_table(entry))

    _update(path, change)
    return entry


def confirm_recipient(name: str, on: date | None = None, *, path: Path | None = None) -> BookEntry:
    """Record that the check code of ``name`` was read back and matched, ``on`` a day (default today): the date and
    the code confirmed are stored, so the confirmation ends when the key is changed. Returns the updated entry.
    Unknown name: :class:`UnknownRecipient`; a day in the future or a read-only book: PlanError."""
    _refuse_secret_key(name)
    day = _checked_date(date.today() if on is None else on)
    done: list[BookEntry] = []

    def change(document: Any, entries: list[BookEntry], where: Path) -> None:
        index = _index(entries, name, where)
        table = document["recipient"][index]
        table["confirmed"] = day
        table["confirmed_code"] = entries[index].check_code
        done.append(replace(entries[index], confirmed=day))

    _update(path, change)
    return done[0]


def remove_recipient(name: str, *, path: Path | None = None) -> BookEntry:
    """Remove the recipient called ``name`` and return what was removed; unknown name: :class:`UnknownRecipient`;
    read-only book: PlanError."""
    _refuse_secret_key(name)
    done: list[BookEntry] = []

    def change(document: Any, entries: list[BookEntry], where: Path) -> None:
        index = _index(entries, name, where)
        del document["recipient"][index]
        if not document["recipient"]:  # tomlkit would write an empty list at the top: nothing is clearer
            del document["recipient"]
        done.append(entries[index])

    _update(path, change)
    return done[0]


def _index(entries: list[BookEntry], name: str, where: Path) -> int:
    """The position of the entry called ``name``; :class:`UnknownRecipient` when there is none."""
    wanted = fold_name(name)
    for index, entry in enumerate(entries):
        if fold_name(entry.name) == wanted:
            return index
    raise UnknownRecipient(name, AddressBook(where, tuple(entries)).closest(name), where)


def _update(path: Path | None, change: Any) -> None:
    """Run ``change(document, entries, where)`` on the book under its lock (:func:`exporter.keys.store.update_toml`):
    ``entries`` are read under the lock, so a change made meanwhile by another program is seen, not lost."""
    where, what = _location(path)

    def on_document(document: Any, data: dict[str, Any]) -> None:
        change(document, _entries(data, what), where)

    update_toml(where, ADDRESS_BOOK_FILE, what, heading=_HEADING, change=on_document)


def _table(entry: BookEntry) -> Any:
    import tomlkit

    table = tomlkit.table()
    table["name"] = entry.name
    if entry.organisation:
        table["organisation"] = entry.organisation
    table["key"] = entry.key
    if entry.signing_key is not None:
        table["signing"] = entry.signing_key
    if entry.confirmed is not None:
        table["confirmed"] = entry.confirmed
        table["confirmed_code"] = entry.check_code
    return table


def _entry(item: object, what: Message, number: int) -> BookEntry:
    if not isinstance(item, dict):
        raise PlanError(msg("keys.book_entry_invalid", what=what, number=number))
    name, key = item.get("name"), item.get("key")
    organisation, confirmed = item.get("organisation", ""), item.get("confirmed")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="name"))
    if not isinstance(organisation, str) or len(organisation) > MAX_NAME or not is_safe(organisation):
        raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="organisation"))
    if confirmed is not None and (not isinstance(confirmed, date) or hasattr(confirmed, "hour")):
        raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="confirmed"))
    if confirmed is not None and confirmed > date.today():  # as the command line refuses it
        raise PlanError(msg("keys.book_entry_future", what=what, number=number, date=confirmed.isoformat()))
    confirmed_code = item.get("confirmed_code")
    if confirmed_code is not None and not isinstance(confirmed_code, str):
        raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="confirmed_code"))
    try:
        parsed = str(X25519Recipient.parse(key)) if isinstance(key, str) else None
    except EncryptionError:
        parsed = None
    if parsed is None:
        raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="key"))
    signing = _entry_signing_key(item.get("signing"), what, number)
    if confirmed is not None and confirmed_code != key_set_check_code(parsed, signing):
        confirmed = None  # confirmed for other keys, or before codes were stored: not confirmed for these
    return BookEntry(name.strip(), parsed, organisation.strip(), confirmed, signing)


def _entry_signing_key(value: object, what: Message, number: int) -> str | None:
    """An entry's ``signing`` (the ``RW...`` line), or None when it has none; PlanError naming the entry when it is
    not a signing key."""
    from exporter.keys.card import checked_signing_key

    if value is None:
        return None
    if isinstance(value, str):
        try:
            return checked_signing_key(value)
        except PlanError:
            pass
    raise PlanError(msg("keys.book_entry_field", what=what, number=number, field="signing"))


def _refuse_secret_key(name: str) -> None:
    """A secret key typed where a name belongs: refused without repeating it (it would be shown or stored)."""
    if looks_like_secret_key(name):
        raise PlanError(msg("keys.secret_key_as_name"), hint=EXPOSED_KEY_ADVICE)


def _checked_name(name: str) -> str:
    _refuse_secret_key(name)
    name = name.strip()
    if not name:
        raise PlanError(msg("keys.name_empty"))
    if len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("keys.name_invalid", limit=MAX_NAME))
    return name


def _checked_organisation(organisation: str) -> str:
    organisation = organisation.strip()
    if len(organisation) > MAX_NAME or not is_safe(organisation):
        raise PlanError(msg("keys.organisation_invalid", limit=MAX_NAME))
    return organisation


def _checked_date(confirmed: date | None) -> date | None:
    if confirmed is not None and confirmed > date.today():
        raise PlanError(msg("keys.confirmed_in_future", date=confirmed.isoformat()))
    return confirmed


def _parsed_key(key: str) -> str:
    return str(X25519Recipient.parse(key))  # EncryptionError, never repeating the text (it may be a secret key)


def _default_path() -> Path:
    from exporter.keys.paths import default_book_path

    return default_book_path()


__all__ = [
    "AddressBook",
    "BookEntry",
    "UnknownRecipient",
    "add_recipient",
    "book_path",
    "confirm_recipient",
    "fold_name",
    "load_book",
    "remove_recipient",
]
