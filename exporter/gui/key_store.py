"""What the windows read from the core's key files: the address book, the office key, the remembered key file.

A thin layer so the pages do not each know the core's names; every call reads the files again (IT staff or the
command line may have changed them while the window was open).
"""

from __future__ import annotations

from collections.abc import Sequence

from exporter.gui.recipient_picker import BookEntry


def address_book() -> Sequence[BookEntry]:
    """The address book's entries in the order the core lists them (empty until the core has one)."""
    return ()


def office_key() -> tuple[str, str] | None:
    """The office's (name, public key) when an office key is configured, else None."""
    return None
