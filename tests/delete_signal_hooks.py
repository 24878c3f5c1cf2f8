"""Run ``exporter delete`` and stop it (SIGSTOP) at one named moment, so a test can signal it, kill it or look.

    python delete_signal_hooks.py MOMENT -- delete FOLDER --identity KEY ...

Only timing is added: each hook lets the real code run, then stops the process where the moment is. The moments,
in the order Delete now reaches them (:mod:`exporter.opening_delete`):

    noted             the record notes the files about to be deleted; none is deleted yet
    first-deleted     data.csv is deleted, manifest.json not yet, the record not told
    record-replacing  the record's final version is written whole to its temporary file, not yet renamed over
                      openings.json (the files are deleted)
    statement-naming  the files are deleted and recorded; the statement is written, not yet given its name
"""

from __future__ import annotations

import os
import signal
import sys

from exporter import atomic, opening_delete, openings_file
from exporter.cli import main

MOMENTS = ("noted", "first-deleted", "record-replacing", "statement-naming")


def stop() -> None:
    sys.stderr.write("stopped\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSTOP)


def install(moment: str) -> None:
    update, unlink, replace, commit = opening_delete.update, os.unlink, os.replace, atomic.AtomicFile.commit
    updates = [0]

    def new_update(*args: object, **kwargs: object) -> None:
        update(*args, **kwargs)  # type: ignore[arg-type]
        updates[0] += 1
        if moment == "noted" and updates[0] == 1:
            stop()

    def new_unlink(path: object, *args: object, **kwargs: object) -> None:
        unlink(path, *args, **kwargs)  # type: ignore[arg-type]
        if moment == "first-deleted" and str(path).endswith("data.csv"):
            stop()

    def new_replace(source: object, target: object, *args: object, **kwargs: object) -> None:
        if moment == "record-replacing" and str(target).endswith("openings.json") and updates[0] >= 1:
            stop()
        replace(source, target, *args, **kwargs)  # type: ignore[arg-type]

    def new_commit(self: atomic.AtomicFile) -> None:
        if moment == "statement-naming":
            stop()
        commit(self)

    opening_delete.update = new_update  # type: ignore[assignment]
    openings_file.os.replace = new_replace  # type: ignore[assignment]
    os.unlink = new_unlink  # type: ignore[assignment]
    atomic.AtomicFile.commit = new_commit  # type: ignore[method-assign]


if __name__ == "__main__":
    moment, separator, *arguments = sys.argv[1:]
    assert moment in MOMENTS, moment
    assert separator == "--", separator
    install(moment)
    sys.exit(main(arguments))
