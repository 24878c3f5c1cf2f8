"""Opening an archive off the GUI thread: what the Open window asks for, as a plain task for the worker (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporter.decrypt import OpenedArchive, decrypt_archive
from exporter.errors import ExporterError
from exporter.progress import Progress


@dataclass(frozen=True)
class OpenRequest:
    archive: Path
    folder: Path
    key_file: Path | None
    passphrase: str | None = field(default=None, repr=False)  # never in a log or a traceback
    key_passphrase: str | None = field(default=None, repr=False)  # what protects the key file, if it is protected


@dataclass(frozen=True)
class OpenOutcome:
    """What a successful open gives the window: the archive opened (``opened``), where the .age file is, the
    record of the opening (None when it could not be remembered: ``unremembered`` says why) and the signing key
    derived from the identity that opened it (None: a passphrase opened it), for a receipt or Delete now while the
    window shows this archive."""

    opened: OpenedArchive
    archive: Path
    opening: Any = None  # exporter.openings.Opening
    unremembered: ExporterError | None = None
    signer: Any = field(default=None, repr=False)  # exporter.signing.SigningKey: a secret
    forwarded: bool = False  # not made for the key that opened it (exporter.decrypt.made_for_others): passed on


def default_folder(archive: Path) -> Path:
    """``residents.zip.age`` opens into ``residents`` beside it."""
    name = archive.name
    for suffix in (".zip.age", ".age"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return archive.with_name(name[: -len(suffix)])
    return archive.with_name(name + "-opened")


def open_task(request: OpenRequest) -> Callable[[Progress, threading.Event], OpenOutcome]:
    """``task(progress, cancel)`` for the worker: read the key (unlocking it with its passphrase when it is
    protected), decrypt and verify into the folder, then remember the opening (:mod:`exporter.openings`)."""

    def task(progress: Progress, cancel: threading.Event) -> OpenOutcome:
        from exporter.gui import key_store
        from exporter.passphrase import passphrase_identity

        identities: list[Any]
        if request.key_file is not None:
            identities = list(key_store.load_identities(request.key_file, request.key_passphrase))
        else:
            identities = [passphrase_identity(request.passphrase or "")]  # normalised as on the export side
        opened = decrypt_archive(request.archive, request.folder, identities, progress=progress, cancel=cancel)
        from exporter.gui.open_signing import remembered

        return remembered(opened, request.archive, identities)

    return task
