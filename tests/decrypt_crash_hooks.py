"""Run ``exporter decrypt`` and stop it (SIGSTOP) at one named moment, so a test can look and then SIGKILL it.

    python decrypt_crash_hooks.py MOMENT unnamed|sealed -- decrypt ARCHIVE --output DIR --identity KEY

Only timing is added: each hook lets the real method run, then stops the process where the moment is. The
moments, in the order a decrypt reaches them:

    inner-zip-written-half   the sealed scratch copy of the inner ZIP holds more than half the archive
    data-unpacked-half       data.csv's scratch file holds more than half of data.csv
    data-verified            everything verified, nothing has a name yet
    final-copy-half          (sealed path only) the hidden plaintext copy of data.csv is half written
    manifest-released        manifest.json has its name, data.csv not yet
"""

from __future__ import annotations

import os
import signal
import sys

from exporter import staging
from exporter.cli import main

MOMENTS = ("inner-zip-written-half", "data-unpacked-half", "data-verified", "final-copy-half", "manifest-released")


def stop() -> None:
    sys.stderr.write("stopped\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSTOP)


def install(moment: str, archive_size: int, data_size: int) -> None:
    roles: dict[int, str] = {}
    created = [0]
    init, write, publish = staging.ScratchFile.__init__, staging.ScratchFile.write, staging.ScratchFile.publish

    def new_init(self: staging.ScratchFile, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        final = bool(kwargs.get("_final_copy"))
        roles[id(self)] = "final" if final else ("inner", "data", "manifest")[min(created[0], 2)]
        if not final:
            created[0] += 1

    def new_write(self: staging.ScratchFile, data: bytes) -> None:
        before = self.size
        write(self, data)
        role = roles.get(id(self))
        half = archive_size // 2 if role == "inner" else data_size // 2
        if before <= half < self.size and (
            (moment == "inner-zip-written-half" and role == "inner")
            or (moment == "data-unpacked-half" and role == "data")
            or (moment == "final-copy-half" and role == "final")
        ):
            stop()

    published = [0]

    def new_publish(self: staging.ScratchFile, target: object) -> None:
        if roles.get(id(self)) != "final":
            if moment == "data-verified" and published[0] == 0:
                stop()
            if moment == "manifest-released" and published[0] == 1:
                stop()
            published[0] += 1
        publish(self, target)  # type: ignore[arg-type]

    staging.ScratchFile.__init__ = new_init  # type: ignore[method-assign]
    staging.ScratchFile.write = new_write  # type: ignore[method-assign]
    staging.ScratchFile.publish = new_publish  # type: ignore[method-assign]


if __name__ == "__main__":
    moment, kind, sizes, separator, *arguments = sys.argv[1:]
    assert moment in MOMENTS, moment
    assert kind in ("unnamed", "sealed"), kind
    assert separator == "--", separator
    staging.UNNAMED_FILES = kind == "unnamed"
    archive_size, data_size = map(int, sizes.split(","))
    install(moment, archive_size, data_size)
    sys.exit(main(arguments))
