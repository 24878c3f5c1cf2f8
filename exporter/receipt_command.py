"""``exporter decrypt ... --receipt FILE [--receipt-name NAME]``: after a successful open, a signed receipt.

The receipt (:mod:`exporter.statements`) is signed by the Ed25519 key derived from the identity that opened the
archive (:mod:`exporter.keys.recipient_signing`), so the identity's passphrase is asked once for both. Its check
code is the key set's (:func:`exporter.keys.check_code.key_set_check_code`): the code the office confirmed for the
new key card. A receipt needs an identity (a passphrase opens the archive but signs nothing), and is refused before
the archive is opened when its file already exists or its folder is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exporter.display import terminal_line
from exporter.errors import OutputError, PlanError
from exporter.messages import msg


def add_receipt_options(decrypt: argparse.ArgumentParser) -> None:
    """``decrypt``'s ``--receipt FILE`` and ``--receipt-name NAME``."""
    decrypt.add_argument(
        "--receipt",
        type=Path,
        metavar="FILE",
        help=str(msg("help.decrypt.receipt")),
    )
    decrypt.add_argument("--receipt-name", default="", metavar="NAME", help=str(msg("help.decrypt.receipt_name")))


def check_receipt(args: argparse.Namespace) -> None:
    """Refuse, before the archive is opened, a receipt that could not be made or written: no identity file (a
    passphrase, or ``--raw``), an existing file, a missing folder (PlanError or OutputError naming it)."""
    path: Path | None = getattr(args, "receipt", None)
    if path is None:
        return
    if args.identity is None or args.raw:
        raise PlanError(msg("statements.receipt_needs_key"))
    if path.exists() or path.is_symlink():
        raise OutputError(msg("output.exists", path=str(path)), hint=msg("output.other_name_hint"))
    if not path.parent.is_dir():
        raise OutputError(msg("output.no_folder", path=str(path.parent)))
    from exporter.display import is_safe
    from exporter.statements import MAX_NAME

    name = args.receipt_name.strip()
    if len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("statements.name_invalid", limit=MAX_NAME))


def write_receipt(args: argparse.Namespace, identities: Sequence[Any], opened: Any) -> None:
    """Write the receipt for ``opened`` (:class:`exporter.decrypt.OpenedArchive`) when ``--receipt`` was given,
    signed by the identity among ``identities`` that the archive was made for, and say so on stderr."""
    path: Path | None = getattr(args, "receipt", None)
    if path is None:
        return
    from exporter.keys.check_code import key_set_check_code
    from exporter.keys.recipient_signing import recipient_signing_key
    from exporter.statements import OpenedFacts, make_statement, write_statement

    identity = opening_identity(identities, opened.manifest)
    key = recipient_signing_key(identity, name=args.receipt_name.strip())
    code = key_set_check_code(str(identity.recipient), key.public.minisign_line())
    data = make_statement("receipt", OpenedFacts.of(opened), key, check_code=code, name=args.receipt_name)
    write_statement(path, data)
    print(f"exporter: {terminal_line(str(msg('statements.wrote_receipt', path=str(path))))}", file=sys.stderr)


def opening_identity(identities: Sequence[Any], manifest: dict[str, Any]) -> Any:
    """The X25519 identity among ``identities`` whose public key the manifest lists as a recipient (the one that
    opened the archive); the first X25519 identity when the manifest does not list keys (an older archive)."""
    from exporter.envelope import X25519Identity

    keys = [entry for entry in identities if isinstance(entry, X25519Identity)]
    if not keys:
        raise PlanError(msg("statements.receipt_needs_key"))
    listed = manifest.get("recipients")
    entries = [entry for entry in (listed if isinstance(listed, list) else ()) if isinstance(entry, dict)]
    named = {str(entry.get("recipient", "")).lower() for entry in entries}
    return next((key for key in keys if str(key.recipient).lower() in named), keys[0])


__all__ = ["add_receipt_options", "check_receipt", "opening_identity", "write_receipt"]
