"""The program's entry point, for ``python -m exporter``, the installed ``exporter`` command and the frozen
program: a Ctrl-C, SIGTERM or SIGHUP while Python loads the program's modules ends it with the usual sentence and
status 1, not a traceback or a silent death; further signals meanwhile are ignored, the work being over.

This module imports nothing slow at its top, and neither does the package: the guard is in place before anything
slow loads. Once the modules are loaded the defaults are back, and the command line puts its own handlers in place.
"""

import signal

_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Load the command line and run it (``sys.argv``); returns the exit status (1 when stopped while loading)."""
    previous = {sig: signal.signal(sig, _interrupt) for sig in _ENDING}
    try:
        from exporter.cli import main as run
    except KeyboardInterrupt:  # finish loading it, to say so in one sentence, deaf to further signals
        for sig in (signal.SIGINT, *_ENDING):
            signal.signal(sig, signal.SIG_IGN)
        from exporter.cli import cancelled_while_starting

        return cancelled_while_starting()
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    return run()
