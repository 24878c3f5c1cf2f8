"""The text files people keep keys in: age's recipients files and age-keygen's identity files.

Errors name the file and the line, as every user-facing error in this program does, and never quote a line,
because a secret key pasted into the wrong file must not end up in a log.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from exporter.envelope.x25519 import X25519Identity, X25519Recipient
from exporter.errors import DecryptionError, EncryptionError, ExporterError
from exporter.messages import Message, msg


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, stripped line) for every line that is neither blank nor a ``#`` comment."""
    lines = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines.append((number, stripped))
    return lines


def _at_line(error: ExporterError, source: str, number: int) -> Message:
    return msg("envelope.at_line", name=source, line=number, message=error.message)


def parse_recipients_file(text: str, source: str) -> list[X25519Recipient]:
    """One ``age1...`` recipient per line; blank lines and ``#`` comments are skipped."""
    recipients = []
    for number, line in _content_lines(text):
        try:
            recipients.append(X25519Recipient.parse(line))
        except EncryptionError as error:
            raise EncryptionError(_at_line(error, source, number), hint=error.hint) from None
    if not recipients:
        raise EncryptionError(
            msg("envelope.no_recipient_in_file", name=source), hint=msg("envelope.no_recipient_in_file_hint")
        )
    return recipients


def parse_identity_file(text: str, source: str) -> list[X25519Identity]:
    """Every ``AGE-SECRET-KEY-1...`` line of an age-keygen style file; comments and blank lines skipped."""
    identities = []
    for number, line in _content_lines(text):
        try:
            identities.append(X25519Identity.parse(line))
        except DecryptionError as error:
            raise DecryptionError(_at_line(error, source, number), hint=error.hint) from None
    if not identities:
        raise DecryptionError(
            msg("envelope.no_identity_in_file", name=source), hint=msg("envelope.no_identity_in_file_hint")
        )
    return identities


def _rfc3339(moment: datetime) -> str:
    """Go's time.RFC3339 layout, as age-keygen writes it: seconds, and ``Z`` for a zero offset."""
    moment = moment.astimezone() if moment.tzinfo is None else moment
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if moment.utcoffset() == timedelta(0) else text


def format_identity_file(identity: X25519Identity, created: datetime) -> str:
    """The file age-keygen writes: creation time, public key, secret key (a naive time counts as local)."""
    return f"# created: {_rfc3339(created)}\n# public key: {identity.recipient}\n{identity.secret_text()}\n"
