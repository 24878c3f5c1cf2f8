"""What the windows read from and hand to the core's keys: the address book, the office key, the recipient's own
key (created protected, unlocked with its passphrase) and the key file the Open window remembers.

A thin layer, without Qt, so the pages and dialogs do not each know the core's names; every call reads the files
again (IT staff or the command line may have changed them while the window was open).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol


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


def address_book() -> Sequence[BookEntry]:
    """The address book's entries in the order the core lists them."""
    return ()


def office_key() -> tuple[str, str] | None:
    """The office's (name, public key) when an office key is configured, else None."""
    return None


def set_office_key(key: str, name: str) -> None:
    raise NotImplementedError


def clear_office_key() -> None:
    raise NotImplementedError


def create_key(passphrase: str, folder: Path | None = None) -> tuple[Path, str]:
    raise NotImplementedError


def card_text(public_key: str) -> str:
    raise NotImplementedError


def load_identities(key_file: Path, passphrase: str | None) -> Sequence[Any]:
    """The identities in ``key_file``, within the identity file's size limit and never quoted in an error."""
    from exporter.envelope import parse_identity_file
    from exporter.keyfiles import IDENTITY_FILE, read_small_file

    text = read_small_file(key_file, IDENTITY_FILE).text
    return list(parse_identity_file(text, key_file.name))


def is_protected(key_file: Path) -> bool:
    """Whether ``key_file`` is passphrase-protected (an age file), so its passphrase must be asked first."""
    return False


def my_key_file() -> Path | None:
    """The recipient's own key in the user's data folder, or None when they have none yet."""
    return None


def public_key_of(key_file: Path) -> str | None:
    """The public key that belongs to ``key_file`` without its passphrase, or None when it cannot be told."""
    return None


def remembered_key_file() -> Path | None:
    """The key file the Open window used last (a plain setting: the path only, never a passphrase)."""
    return None


def remember_key_file(key_file: Path) -> None:
    """Remember ``key_file`` for the next time the Open window opens."""
