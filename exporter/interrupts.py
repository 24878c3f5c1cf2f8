"""A second Ctrl-C (or SIGTERM): held back while a temporary file is being removed, and never a traceback.

The command line's first signal only asks the work to stop; a second one raises KeyboardInterrupt wherever the
main thread is, to end a call that never returns (exporter/cli.py). Raised in the middle of removing a temporary
file, it would leave the file behind while the sentence says nothing was written. :func:`deferred` marks such a
short, non-blocking step: a second signal inside it is held and raised when it ends.

Raised where Python cannot pass an exception on (a finalizer, a weak reference's callback run by the garbage
collector), Python would print "Exception ignored" and a traceback and go on: :func:`unraisable` (installed as
``sys.unraisablehook`` while the handler is) takes such a KeyboardInterrupt quietly and :func:`swallowed` says it
was asked for; the work, whose cancel flag is set, stops all the same.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_held = {"depth": 0, "pending": False, "swallowed": False}


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a second signal's KeyboardInterrupt until the block ends (on the main thread, where signal handlers
    run; elsewhere this does nothing). Keep the block short: it cannot be interrupted."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held["depth"] += 1
    try:
        yield
    finally:
        _held["depth"] -= 1
        if not _held["depth"] and _held["pending"]:
            _held["pending"] = False
            raise KeyboardInterrupt


def interrupt_now() -> bool:
    """For the signal handler: True to raise KeyboardInterrupt now; False inside :func:`deferred`, where it is
    recorded and raised when the block ends."""
    if _held["depth"]:
        _held["pending"] = True
        return False
    return True


def unraisable(report: sys.UnraisableHookArgs) -> None:
    """``sys.unraisablehook``: a KeyboardInterrupt that Python cannot raise is remembered, not printed; anything
    else goes to Python's own hook."""
    if isinstance(report.exc_value, KeyboardInterrupt):
        _held["swallowed"] = True
        return
    sys.__unraisablehook__(report)


def forget() -> None:
    """Start afresh (a command run in a process that ran one before): no interrupt held or swallowed."""
    _held.update(pending=False, swallowed=False)


def swallowed() -> bool:
    """Whether a second signal's KeyboardInterrupt was raised where Python could not pass it on."""
    return bool(_held["swallowed"])
