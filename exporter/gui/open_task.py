"""Opening an archive off the GUI thread: what the Open window asks for, as a plain task for the worker (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporter.decrypt import OpenedArchive, decrypt_archive
from exporter.progress import Progress


@dataclass(frozen=True)
class OpenRequest:
    archive: Path
    folder: Path
    key_file: Path | None
    passphrase: str | None = field(default=None, repr=False)  # never in a log or a traceback
    key_passphrase: str | None = field(default=None, repr=False)  # what protects the key file, if it is protected


def default_folder(archive: Path) -> Path:
    """``residents.zip.age`` opens into ``residents`` beside it."""
    name = archive.name
    for suffix in (".zip.age", ".age"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return archive.with_name(name[: -len(suffix)])
    return archive.with_name(name + "-opened")


def open_task(request: OpenRequest) -> Callable[[Progress, threading.Event], OpenedArchive]:
    """``task(progress, cancel)`` for the worker: read the key (unlocking it with its passphrase when it is
    protected), then decrypt and verify into the folder."""

    def task(progress: Progress, cancel: threading.Event) -> OpenedArchive:
        from exporter.gui import key_store
        from exporter.passphrase import passphrase_identity

        identities: list[Any]
        if request.key_file is not None:
            identities = list(key_store.load_identities(request.key_file, request.key_passphrase))
        else:
            identities = [passphrase_identity(request.passphrase or "")]  # normalised as on the export side
        return decrypt_archive(request.archive, request.folder, identities, progress=progress, cancel=cancel)

    return task
