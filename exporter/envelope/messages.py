"""The sentences a clerk sees when an archive cannot be opened, kept in one place so they stay consistent.

Like Fernet's single ``InvalidToken``, they say that something is wrong and what to try, never which internal
check failed beyond what age itself reports, and never a key, passphrase or file key. Their wording lives in the
catalogue (:mod:`exporter.messages.envelope`).
"""

from __future__ import annotations

from typing import Literal

from exporter.errors import DecryptionError
from exporter.messages import msg

Damage = Literal["header", "armor", "header_mac", "content", "cut_short", "trailing_data", "empty_last_chunk"]


def damaged(what: Damage) -> DecryptionError:
    """An archive that was cut short, corrupted or tampered with; ``what`` names the check that failed."""
    return DecryptionError(msg(f"envelope.damaged_{what}"), hint=msg("envelope.fresh_copy_hint"))


def malformed_header() -> DecryptionError:
    return damaged("header")


def malformed_armor() -> DecryptionError:
    return damaged("armor")


def not_an_archive() -> DecryptionError:
    return DecryptionError(msg("envelope.not_an_archive"), hint=msg("envelope.not_an_archive_hint"))


def unsupported_version() -> DecryptionError:
    return DecryptionError(msg("envelope.unsupported_version"), hint=msg("envelope.unsupported_version_hint"))
