"""Asking for a secret on the terminal (getpass: no echo), ended at once by the first Ctrl-C or SIGTERM.

The command line's own handler (:func:`exporter.cli._cancel_on_signals`) only sets a cancel flag on the first
signal, so that long work stops at its next check and cleans up. A prompt has no next check: Python restarts the
interrupted read (PEP 475), so the person would have to press Ctrl-C twice. While :func:`ask_secret` waits, the
cancel signals therefore raise at once: the prompt ends with :class:`PromptCancelled` (a general "the work was
cancelled; nothing was written", exit status 128 + the signal: 130 for Ctrl-C, 143 for SIGTERM, as a shell
reports a process a signal ended), and getpass puts the terminal's echo back on its way out. Ctrl-D (end of input)
is one sentence too (:class:`NoPassphraseTyped`). The handlers in place before are restored after the prompt.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from exporter.errors import ExportCancelled, PlanError
from exporter.messages import Message, msg

SIGNAL_EXIT_BASE = 128  # a shell's status for a process ended by signal N is 128 + N
_CANCEL_SIGNAL_NAMES = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT")


class PromptCancelled(ExportCancelled):
    """A prompt ended by a signal; ``exit_status`` is 128 + the signal's number (130 for Ctrl-C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(msg("passphrase.prompt_cancelled"))
        self.exit_status = SIGNAL_EXIT_BASE + signum


class NoPassphraseTyped(PlanError):
    """The input ended (Ctrl-D, or a closed terminal) before a passphrase was typed."""

    def __init__(self) -> None:
        super().__init__(msg("passphrase.prompt_eof"))


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def ask_secret(prompt: Message | str) -> str:
    """What the person types after ``prompt`` (rendered in the current language), without echo.

    Raises :class:`PromptCancelled` on the first cancel signal (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) and
    :class:`NoPassphraseTyped` at the end of input. The typed text is never part of an error."""
    import getpass

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Signalled(signum)

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for name in _CANCEL_SIGNAL_NAMES:
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, stop)
    cancelled: int | None = None
    ended = False
    typed = ""
    try:
        typed = getpass.getpass(str(prompt))
    except _Signalled as signalled:
        cancelled = signalled.signum
    except EOFError:
        ended = True
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if cancelled is not None:
        print(file=sys.stderr)  # the cursor was left after the prompt
        raise PromptCancelled(cancelled)
    if ended:
        print(file=sys.stderr)
        raise NoPassphraseTyped
    return typed


__all__ = ["NoPassphraseTyped", "PromptCancelled", "ask_secret"]
