"""Who one export is for: keys given directly, names from the address book, and the office key.

:func:`resolve_recipients` is what the export entry point (:func:`exporter.pipeline.run_export`) calls, so the
command line and the wizard get the same result; the manifest records each recipient as

    {"type": "X25519", "recipient": "age1...", "check_code": "4817-...", "role": "recipient",
     "name": "北区コールセンター", "organisation": "株式会社サンプル",    # name and organisation: from the book
     "signing_key": "RW..."}                                          # when the book entry has one

with ``"role": "office"`` for the office key. ``check_code`` is the key set's code
(:func:`exporter.keys.check_code.key_set_check_code`) when there is a signing key, else the age key's own.
A key given twice (directly, by name, as the office) is encrypted to
once; what the book says about it is kept, and it is marked as the office when it is the office key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from exporter.envelope import X25519Recipient
from exporter.errors import ExporterError
from exporter.keys.book import AddressBook, BookEntry, load_book
from exporter.keys.check_code import key_set_check_code
from exporter.keys.settings import OfficeKey

ROLE_RECIPIENT = "recipient"
ROLE_OFFICE = "office"


@dataclass(frozen=True)
class PlannedRecipient:
    """One key an export is encrypted to, and what the manifest says about it."""

    recipient: X25519Recipient
    name: str = ""
    organisation: str = ""
    role: str = ROLE_RECIPIENT
    signing_key: str | None = None

    @property
    def key(self) -> str:
        return str(self.recipient)

    @property
    def check_code(self) -> str:
        """The key set's check code: the age key's own when there is no signing key."""
        return key_set_check_code(self.key, self.signing_key)

    def manifest_entry(self) -> dict[str, str]:
        """The manifest's record of this recipient (name, organisation and signing key only when known)."""
        entry = {"type": "X25519", "recipient": self.key, "check_code": self.check_code, "role": self.role}
        if self.name:
            entry["name"] = self.name
        if self.organisation:
            entry["organisation"] = self.organisation
        if self.signing_key:
            entry["signing_key"] = self.signing_key
        return entry


def resolve_recipients(
    keys: Sequence[X25519Recipient],
    names: Sequence[str],
    *,
    office: OfficeKey | None,
    book: AddressBook | None = None,
) -> list[PlannedRecipient]:
    """The recipients of an export: ``keys`` as given, then ``names`` looked up in ``book`` (default: the address
    book in use), then the office key. Duplicates are merged as the module says. A key given directly that the book
    holds IS that book entry: its name, organisation and signing key are recorded, so its check code is the key
    set's everywhere (the Review page, the output, the instructions, the manifest, the register), never the age
    key's own; a book that cannot be read then is passed over (a key alone needs no book).

    Raises :class:`exporter.keys.book.UnknownRecipient` (with "did you mean") for a name not in the book.
    """
    planned: dict[str, PlannedRecipient] = {}
    held = _book_for_keys(book) if keys else None
    for recipient in keys:
        in_book = None if held is None else held.by_key(str(recipient))
        planned.setdefault(str(recipient), PlannedRecipient(recipient) if in_book is None else _planned(in_book))
    if names:
        if book is None:
            book = held if held is not None else load_book()
        for name in names:
            entry = book.find(name)
            planned[entry.key] = _planned(entry)
    if office is not None:
        known = planned.get(office.key)
        if known is None:
            planned[office.key] = PlannedRecipient(X25519Recipient.parse(office.key), office.name, role=ROLE_OFFICE)
        else:
            planned[office.key] = replace(known, name=known.name or office.name, role=ROLE_OFFICE)
    return list(planned.values())


def _planned(entry: BookEntry) -> PlannedRecipient:
    """A recipient from its address-book entry (with its signing key when the entry has one)."""
    return PlannedRecipient(
        X25519Recipient.parse(entry.key), entry.name, entry.organisation, signing_key=entry.signing_key
    )


def _book_for_keys(book: AddressBook | None) -> AddressBook | None:
    """``book``, else the address book in use; None when that cannot be read (keys given directly need none)."""
    if book is not None:
        return book
    try:
        return load_book()
    except ExporterError:
        return None


__all__ = ["ROLE_OFFICE", "ROLE_RECIPIENT", "PlannedRecipient", "resolve_recipients"]
