"""The program's entry point, for ``python -m exporter``, the installed ``exporter`` command and the frozen
program: a Ctrl-C while Python loads the program's modules ends it with the usual sentence, not a traceback.

This module imports nothing at its top, and neither does the package: the guard is in place before anything slow
loads.
"""


def main() -> int:
    """Load the command line and run it (``sys.argv``); returns the exit status (1 when cancelled while loading)."""
    try:
        from exporter.cli import main as run
    except KeyboardInterrupt:  # finish loading it, to say so in one sentence
        from exporter.cli import cancelled_while_starting

        return cancelled_while_starting()
    return run()
