"""The sentences a clerk sees when an archive cannot be opened, kept in one place so they stay consistent.

Like Fernet's single ``InvalidToken``, they say that something is wrong and what to try, never which internal
check failed beyond what age itself reports, and never a key, passphrase or file key.
"""

from __future__ import annotations

from exporter.errors import DecryptionError

ASK_FOR_NEW_COPY = "Ask the sender for a fresh copy of the archive."


def damaged(detail: str) -> DecryptionError:
    """An archive that was cut short, corrupted or tampered with; ``detail`` is a short lower-case clause."""
    return DecryptionError(f"The archive is damaged or was altered: {detail}.", hint=ASK_FOR_NEW_COPY)


def malformed_header() -> DecryptionError:
    return damaged("its header is malformed")


def malformed_armor() -> DecryptionError:
    return damaged("its text (ASCII armor) encoding is malformed")


def not_an_archive() -> DecryptionError:
    return DecryptionError(
        "This file is not an age-encrypted archive.",
        hint="Choose the .age file you received, not the key file or an already opened copy.",
    )


def unsupported_version() -> DecryptionError:
    return DecryptionError(
        "This archive was made with a newer age format version that this program does not understand.",
        hint="Ask the sender to encrypt it with age version 1 (age-encryption.org/v1).",
    )
