"""What the Open window asks of the core for receipts and Delete now, without Qt (run on the worker or directly).

The signing key is always derived from the identity that opened the archive (:mod:`exporter.keys.recipient_signing`)
and checked against the key-set code the opening recorded, so a statement is never signed by another key.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exporter.errors import ExporterError, PlanError
from exporter.gui.open_task import OpenOutcome
from exporter.messages import msg
from exporter.openings import Opening


def remembered(opened: Any, archive: Path, identities: Sequence[Any]) -> OpenOutcome:
    """After a successful open: remember the opening (a failure becomes ``unremembered``, a warning: the archive is
    open all the same, and the opening is still offered in this window) and derive the signing key of the identity
    that opened it; ``forwarded`` when the manifest's recipients do not list that key (as ``exporter decrypt``
    warns: someone passed the archive on)."""
    from dataclasses import replace

    from exporter import openings
    from exporter.decrypt import made_for_others

    forwarded = made_for_others(identities, opened.manifest)

    code = openings.key_set_code(identities, opened.manifest)
    signer = signer_from(identities, code)
    try:
        opening = openings.remember(opened, check_code=code)
    except ExporterError as err:
        warning = ExporterError(msg("openings.not_remembered", reason=err.message), hint=err.hint)
        outcome = OpenOutcome(opened, archive, openings.opening_of(opened, check_code=code), warning, signer)
        return replace(outcome, forwarded=forwarded)
    return OpenOutcome(opened, archive, opening, None, signer, forwarded)


def signer_from(identities: Sequence[Any], check_code: str) -> Any:
    """The signing key derived from the identity among ``identities`` whose key-set code is ``check_code``; None
    when none is (or the code is empty: a passphrase opened the archive)."""
    from exporter.keys.recipient_signing import recipient_signing_key
    from exporter.openings import key_set_code

    if not check_code:
        return None
    for identity in identities:
        if key_set_code([identity], {}) == check_code:
            return recipient_signing_key(identity)
    return None


def load_signer(key_file: Path, passphrase: str | None, opening: Opening) -> Any:
    """The signing key for ``opening`` from ``key_file`` (slow when protected: on the worker). PlanError when the
    key file is not the key that opened it; the key file's own sentences otherwise."""
    from exporter.gui import key_store

    signer = signer_from(key_store.load_identities(key_file, passphrase), opening.check_code)
    if signer is None:
        raise PlanError(msg("openings.other_key", path=str(key_file), name=opening.archive_name))
    return signer


def write_receipt(path: Path, opening: Opening, signer: Any, name: str = "") -> None:
    """Sign and write the receipt for ``opening`` at ``path`` (never over a file: OutputError naming it)."""
    from exporter.openings import facts
    from exporter.statements import make_statement, write_statement

    write_statement(path, make_statement("receipt", facts(opening), signer, check_code=opening.check_code, name=name))


def write_deletion(path: Path, opening: Opening, signer: Any, name: str = "") -> None:
    """Sign and write the deletion statement for ``opening`` (its files deleted) at ``path``: it lists only the
    files exporter itself deleted (:func:`exporter.openings.gone_files`)."""
    from exporter.openings import deletion_statement, gone_files, replaced_files
    from exporter.statements import write_statement

    data = deletion_statement(opening, signer, deleted=gone_files(opening), replaced=replaced_files(opening), name=name)
    write_statement(path, data)


def statement_folder(opening: Opening, archive: Path | None) -> Path:
    """Where a statement's save dialog starts: beside the archive when known, else beside the data's folder (or
    the folder above it, when exporter's folder is gone), else the home folder."""
    candidates = [archive.parent] if archive is not None else []
    folder = Path(opening.folder)
    candidates += [folder.parent, *folder.parents]
    return next((path for path in candidates if path.is_dir()), Path.home())


def statement_path(kind: str, opening: Opening, archive: Path | None) -> Path:
    """The suggested statement file: ``<archive stem>.<kind>.statement.txt`` in :func:`statement_folder`."""
    from exporter.statements import statement_name

    return statement_folder(opening, archive) / statement_name(kind, opening.archive_name)


def present_files(opening: Opening) -> list[str]:
    """The opening's files that are still in its folder (what Delete now will remove)."""
    from exporter.openings import gone_files

    gone = gone_files(opening)
    return [name for name in opening.files if name not in gone]
