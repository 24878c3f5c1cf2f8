"""Every failure a user can cause, as one sentence.

    ExporterError                 base: ``str(err)`` is the sentence shown to the user
    ├── SourceError               the resident file cannot be read as a table (names the file and line)
    ├── PlanError                 the request does not fit the file (unknown column, no column, weak passphrase)
    ├── EncryptionError           recipients or the output file cannot be used
    ├── DecryptionError           the archive cannot be opened; one opaque reason, as Fernet does
    ├── OutputError               the output file or folder cannot be written (exists, no space, no permission)
    ├── RegisterError             the take-out register cannot be read or written, or it was altered (names the record)
    └── ExportCancelled           the user pressed Cancel or sent a signal; nothing was left behind

``hint`` is an optional second sentence that tells the user what to try. Messages never contain secrets.
Sentences are :class:`exporter.messages.Message` values (an id from the catalogue and its fields), rendered in the
user's language where they are shown; ``str(err)`` renders the sentence in the current language.
"""

from __future__ import annotations

from exporter.messages import Message, msg


class ExporterError(Exception):
    """Base of all errors meant for the user."""

    def __init__(self, message: str | Message, *, hint: str | Message | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return str(self.message)

    def hint_text(self) -> str | None:
        """The hint in the current language, or None."""
        return None if self.hint is None else str(self.hint)


class SourceError(ExporterError):
    """The resident file cannot be read; ``line`` is the 1-based physical line where the problem starts."""

    def __init__(
        self,
        message: str | Message,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | Message | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.line = line


class PlanError(ExporterError):
    """The export request does not fit the file or the rules."""


class EncryptionError(ExporterError):
    """Recipients, passphrase or output location cannot be used."""


class DecryptionError(ExporterError):
    """The archive cannot be opened with what was given, or it was altered."""


class OutputError(ExporterError):
    """The output cannot be written; nothing was left behind."""


class RegisterError(ExporterError):
    """The take-out register cannot be read or written, or its chain is broken (the sentence names the record)."""


class ExportCancelled(ExporterError):
    """Raised between chunks once the cancel event is set."""

    def __init__(self, message: str | Message | None = None) -> None:
        super().__init__(message if message is not None else msg("general.cancelled"))


def from_os_error(error: OSError) -> ExporterError:
    """One sentence for an operating-system error that reached the top without a sentence of its own: a name
    longer than the file system allows, a device that failed, a permission the checks did not foresee. These come
    from the environment, not from a bug, so they are never called internal errors."""
    import errno
    import os

    what = os.fsdecode(error.filename) if error.filename is not None else msg("output.a_file")
    reason = error.strerror or type(error).__name__
    if error.errno == errno.ENAMETOOLONG:
        return OutputError(msg("output.name_too_long", path=what), hint=msg("output.shorter_name_hint"))
    if error.errno == errno.ENOSPC:
        return OutputError(msg("output.disk_full"), hint=msg("output.free_space_retry_hint"))
    return OutputError(msg("output.cannot_use", path=what, reason=reason))


__all__ = [
    "DecryptionError",
    "EncryptionError",
    "ExportCancelled",
    "ExporterError",
    "OutputError",
    "PlanError",
    "RegisterError",
    "SourceError",
    "from_os_error",
]
