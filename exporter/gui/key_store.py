"""What the windows read from and hand to the core's keys: the address book, the office key, the recipient's own
key (created protected, unlocked with its passphrase) and the key file the Open window remembers.

A thin layer, without Qt, so the pages and dialogs do not each know the core's names; every call reads the files
again (IT staff or the command line may have changed them while the window was open).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from exporter.messages import msg

if TYPE_CHECKING:
    from exporter.keys import KeyCard


class BookEntry(Protocol):
    """What the windows show of an address-book entry (the core's entry has these attributes)."""

    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def confirmed(self) -> date | None: ...
    @property
    def signing_key(self) -> str | None: ...


def address_book() -> Sequence[BookEntry]:
    """The address book's entries in the order the core lists them (PlanError when the book is broken)."""
    from exporter.keys import load_book

    return load_book().entries


def office_key() -> tuple[str, str] | None:
    """The office's (name, public key) when an office key is configured, else None."""
    from exporter.keys import office_key as configured

    office = configured()
    return None if office is None else (office.name, office.key)


def set_office_key(key: str, name: str) -> None:
    """Make ``key`` the office key (EncryptionError: not a public key; PlanError: the settings are locked)."""
    from exporter.keys import set_office_key as set_key

    set_key(key, name)


def clear_office_key() -> None:
    from exporter.keys import clear_office_key as clear

    clear()


def create_key(passphrase: str, path: Path | None = None, work_factor: int | None = None) -> tuple[Path, KeyCard]:
    """Create the recipient's key, protected by ``passphrase``, at ``path`` (default: :func:`new_key_path`, the
    user's data folder, beside any key already there, which is never overwritten); returns (key file, its key card
    with the signing key derived from it).
    Slow (scrypt, ``work_factor`` 18 unless a test asks for less): on the worker. A weak passphrase (PlanError) is
    refused with one sentence, as is an existing ``path`` given by the caller (OutputError); without ``path`` a file
    that appears meanwhile under the chosen name only moves the new key to the next free name."""
    from exporter.errors import OutputError
    from exporter.keys import DEFAULT_WORK_FACTOR, create_identity, default_identity_path

    for _attempt in range(_NEW_NAME_ATTEMPTS if path is None else 1):
        target = path or new_key_path()
        try:
            created = create_identity(
                None if target == default_identity_path() else target,  # None: the data folder is made if needed
                passphrase=passphrase,
                work_factor=work_factor or DEFAULT_WORK_FACTOR,
            )
        except OutputError:
            if path is None and os.path.lexists(target):
                continue  # made by someone else meanwhile: take the next free name
            raise
        return created.path, created.card
    raise OutputError(msg("keys.identity_exists", path=str(new_key_path())))


_NEW_NAME_ATTEMPTS = 5
_MAX_NUMBERED_KEYS = 10_000


def _numbered_keys() -> list[tuple[int, Path]]:
    """The recipient's keys in the data folder: ``identity.age`` (number 1), then ``identity-2.age``, ... as made
    by "Create a new key"; in the order they were made."""
    from exporter.keys import default_identity_path

    first = default_identity_path()
    found = [(1, first)] if os.path.lexists(first) else []
    for number in range(2, _MAX_NUMBERED_KEYS):
        path = first.with_name(f"{first.stem}-{number}{first.suffix}")
        if not os.path.lexists(path):
            break
        found.append((number, path))
    return found


def new_key_path() -> Path:
    """Where a new key of the recipient goes: ``identity.age`` in the data folder, or, when keys are already
    there, the next free ``identity-N.age`` beside them (the old keys stay: files sent to them still open)."""
    from exporter.keys import default_identity_path

    first = default_identity_path()
    keys = _numbered_keys()
    if not keys:
        return first
    number = keys[-1][0] + 1
    return first.with_name(f"{first.stem}-{number}{first.suffix}")


def card_text(card: KeyCard) -> str:
    """What Copy and Save put out: the key card in Japanese, then English (public keys and check code only)."""
    return card.file_text()


def save_card(path: Path, card: KeyCard) -> None:
    """Write the key card to ``path`` (UTF-8 with BOM, CRLF; never over an existing file: OutputError)."""
    from exporter.keys import write_card

    write_card(path, card)


def load_identities(key_file: Path, passphrase: str | None) -> Sequence[Any]:
    """The secret keys in ``key_file``, unlocked with ``passphrase`` when it is protected (KeyPassphraseNeeded,
    WrongKeyPassphrase, or one sentence naming the file). Slow for a protected key (scrypt): on the worker."""
    from exporter.keys import load_identities as load

    return load(key_file, passphrase)


def public_key_of(key_file: Path, passphrase: str | None) -> str:
    """The public key of the first identity in ``key_file`` (unlocked with ``passphrase`` when protected)."""
    return card_of_file(key_file, passphrase).public_key


def card_of_file(key_file: Path, passphrase: str | None) -> KeyCard:
    """The key card of the first identity in ``key_file`` (unlocked with ``passphrase`` when protected): its
    public key and the signing key derived from it. Slow for a protected key (scrypt): on the worker."""
    from exporter.keys import card_of

    return card_of(load_identities(key_file, passphrase)[0])


def is_protected(key_file: Path) -> bool:
    """Whether ``key_file`` is passphrase-protected, so its passphrase must be asked first. A file that cannot be
    read counts as not protected: opening it then says why in one sentence."""
    from exporter.errors import ExporterError
    from exporter.keys import identity_file_is_protected

    try:
        return identity_file_is_protected(key_file)
    except ExporterError:
        return False


def my_key_file() -> Path | None:
    """The recipient's own key in the user's data folder (the newest, when "Create a new key" made more than one),
    or None when they have none yet."""
    keys = [path for _number, path in _numbered_keys() if path.exists()]
    return keys[-1] if keys else None


def remembered_key_file() -> Path | None:
    """The key file the Open window used last (a plain setting: the path only, never a passphrase), if it still
    exists."""
    from exporter.errors import ExporterError
    from exporter.keys import load_settings

    try:
        path = load_settings().identity_file
    except ExporterError:  # broken settings: the Open window still opens; Settings and exports say why
        return None
    return path if path is not None and path.exists() else None


def remember_key_file(key_file: Path) -> None:
    """Remember ``key_file`` for the next time the Open window opens (nothing happens when settings are locked)."""
    from exporter.errors import ExporterError
    from exporter.keys import remember_identity_file

    with contextlib.suppress(ExporterError, OSError):
        remember_identity_file(key_file.resolve())


def add_to_book(
    name: str, key: str, organisation: str, confirmed: date | None, signing_key: str | None = None
) -> BookEntry:
    """Add a recipient to the address book, with the signing key of their key card when it has one (refused with
    one sentence: a name or key already there, a locked book, a date in the future, a malformed signing key)."""
    from exporter.keys import add_recipient

    return add_recipient(name, key, organisation=organisation, confirmed=confirmed, signing_key=signing_key)


def book_signing_keys() -> dict[str, str]:
    """The address book's signing keys by public key (entries without one are left out; an unreadable book gives
    none: the windows that show codes say why elsewhere)."""
    from exporter.errors import ExporterError

    try:
        return {entry.key: entry.signing_key for entry in address_book() if entry.signing_key}
    except ExporterError:
        return {}


def book_locked() -> str | None:
    """Why the address book cannot be changed here (IT locked it), or None when it can."""
    from exporter.errors import ExporterError
    from exporter.keys import load_book

    try:
        reason = load_book().read_only
    except ExporterError as err:
        return str(err)
    return None if reason is None else str(reason)


def remembered_pseudonym_key() -> Path | None:
    """The pseudonym key file the wizard used last (a plain setting: the path only), if it still exists."""
    from exporter.errors import ExporterError
    from exporter.keys.settings import load_settings

    try:
        path = load_settings().pseudonym_key
    except ExporterError:
        return None
    return path if path is not None and path.exists() else None


def remember_pseudonym_key(key_file: Path) -> None:
    """Remember ``key_file`` for the next export with pseudonyms (nothing happens when settings are locked)."""
    from exporter.errors import ExporterError
    from exporter.keys.settings import remember_pseudonym_key as remember

    with contextlib.suppress(ExporterError, OSError):
        remember(key_file.resolve())
