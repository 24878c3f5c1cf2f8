"""The command line of signed exports: ``signing-key create`` (the office), ``signers add|list|remove`` (the
recipient), the ``export`` options that sign and the ``decrypt`` lines that say who signed.

The work is in :mod:`exporter.signing`, :mod:`exporter.keys.signers` and :mod:`exporter.signature_check`; these
functions only turn arguments into calls and results into lines. What a script wants (the public key) goes to
stdout; status lines go to stderr as ``exporter: ...``. Passphrases are read without echo or from a file and never
appear in any output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.display import safe_json, terminal_line
from exporter.errors import OutputError, PlanError
from exporter.messages import Message, msg

if TYPE_CHECKING:
    from exporter.plan import ExportPlan
    from exporter.signature_check import SignatureCheck


def add_signing_key_parser(sub: Any) -> None:
    """``exporter signing-key create --output FILE --name OFFICE [--passphrase-file F]``."""
    parser = sub.add_parser("signing-key", help=str(msg("help.signing_key")))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=str(msg("help.signing_key.create")))
    create.add_argument(
        "--output", type=Path, required=True, metavar="FILE", help=str(msg("help.signing_key.create.output"))
    )
    create.add_argument("--name", required=True, metavar="OFFICE", help=str(msg("help.signing_key.create.name")))
    create.add_argument(
        "--passphrase-file", type=Path, metavar="FILE", help=str(msg("help.protecting_passphrase_file"))
    )
    create.set_defaults(run=signing_key_create)


def add_signers_parser(sub: Any) -> None:
    """``exporter signers add FILE_OR_TEXT --name NAME``, ``signers list [--json]``, ``signers remove NAME``."""
    parser = sub.add_parser("signers", help=str(msg("help.signers")))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=str(msg("help.signers.add")))
    add.add_argument("key", metavar="FILE_OR_TEXT")
    add.add_argument("--name", required=True, metavar="NAME", help=str(msg("help.signers.add.name")))
    add.set_defaults(run=signers_add)
    listing = actions.add_parser("list", help=str(msg("help.signers.list")))
    listing.add_argument("--json", action="store_true", help=str(msg("help.json")))
    listing.set_defaults(run=signers_list)
    remove = actions.add_parser("remove", help=str(msg("help.signers.remove")))
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(run=signers_remove)


def add_export_options(export: argparse.ArgumentParser) -> None:
    """``export``'s ``--signing-key FILE`` and ``--signing-passphrase-file F``."""
    export.add_argument(
        "--signing-key",
        type=Path,
        metavar="FILE",
        help=str(msg("help.export.signing_key")),
    )
    export.add_argument(
        "--signing-passphrase-file",
        type=Path,
        metavar="FILE",
        help=str(msg("help.export.signing_passphrase_file")),
    )


def add_decrypt_options(decrypt: argparse.ArgumentParser) -> None:
    """``decrypt``'s ``--require-signature``."""
    decrypt.add_argument(
        "--require-signature",
        action="store_true",
        help=str(msg("help.decrypt.require_signature")),
    )


def signing_key_create(args: argparse.Namespace, cancel: threading.Event) -> int:
    """``exporter signing-key create``: the key (mode 0600), FILE.pub beside it, and the key card."""
    from exporter.commands import _require_text, read_passphrase_file
    from exporter.key_commands import _ask, _interactive
    from exporter.signing import checked_office_name, create_signing_key

    _require_text("--name", args.name)
    name = checked_office_name(args.name)
    public_path = Path(f"{args.output}.pub")
    if os.path.lexists(public_path):  # before the key is made, not after
        raise OutputError(msg("signing.cli_public_exists", path=str(public_path)))
    if args.passphrase_file is not None:
        passphrase = read_passphrase_file(args.passphrase_file)
    elif _interactive():
        passphrase = _ask(msg("signing.cli_prompt_new"))
        if _ask(msg("keys.cli_prompt_again")) != passphrase:
            raise PlanError(msg("signing.cli_passphrases_differ"))
    else:
        raise PlanError(msg("signing.cli_no_terminal"), hint=msg("signing.cli_no_terminal_hint"))
    public = create_signing_key(args.output, passphrase, comment=name)
    _write_public(public_path, public.minisign_text())
    print(public.minisign_text(), end="")
    for line in card_lines(name, public.check_code()):
        _say(line)
    _say(msg("signing.cli_wrote_key", path=str(args.output)))
    _say(msg("signing.cli_wrote_public", path=str(public_path)))
    return 0


def card_lines(name: str, code: str) -> list[Message]:
    """The public key card's sentences (the key itself is printed on its own)."""
    return [
        msg("signing.card_title", name=name),
        msg("signing.card_check_code", code=code),
        msg("signing.card_read_aloud"),
    ]


def signers_add(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.commands import _require_text
    from exporter.keys.signers import add_signer

    _require_text("--name", args.name)
    entry = add_signer(_key_text(args.key), args.name)
    _say(msg("signing.cli_signer_added", name=entry.name, code=entry.check_code))
    return 0


def signers_list(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.key_commands import _print_table
    from exporter.keys.signers import load_signers

    signers = load_signers()
    if args.json:
        document = {
            "signers_file": str(signers.path),
            "read_only": signers.read_only is not None,
            "signers": [
                {
                    "name": entry.name,
                    "key": entry.key.minisign_line(),
                    "key_id": entry.key.key_id_text,
                    "check_code": entry.check_code,
                    "added": entry.added.isoformat() if entry.added else None,
                }
                for entry in signers.entries
            ],
        }
        print(safe_json(json.dumps(document, ensure_ascii=False)))
        return 0
    if not signers.entries:
        _say(msg("signing.cli_signers_empty", path=str(signers.path)))
        return 0
    headings = [msg(f"signing.cli_column_{name}").render() for name in ("name", "code", "key_id", "added")]
    rows = [
        [
            terminal_line(entry.name),
            entry.check_code,
            entry.key.key_id_text,
            entry.added.isoformat() if entry.added else "-",
        ]
        for entry in signers.entries
    ]
    _print_table([headings, *rows])
    return 0


def signers_remove(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys.signers import remove_signer

    entry = remove_signer(args.name)
    _say(msg("signing.cli_signer_removed", name=entry.name))
    return 0


def with_signing_passphrase(plan: ExportPlan, args: argparse.Namespace) -> ExportPlan:
    """The plan with its signing key's passphrase: from ``--signing-passphrase-file`` (whether or not the plan names
    a key yet: the policy may add its key later), else asked on the terminal when the plan is to be signed (by
    ``--signing-key`` or the policy's key: call this after the policy is applied). Without either the pipeline
    refuses the plan before any work."""
    from dataclasses import replace

    from exporter.commands import read_passphrase_file
    from exporter.key_commands import _ask, _interactive
    from exporter.plan import Secret

    if plan.signing_passphrase is not None:
        return plan
    if args.signing_passphrase_file is not None:
        return replace(plan, signing_passphrase=Secret(read_passphrase_file(args.signing_passphrase_file)))
    if plan.signing_key is not None and _interactive():
        from exporter.signing_key_path import check_signing_key_path

        check_signing_key_path(plan.signing_key)  # no passphrase asked for a file that is not there
        typed = _ask(msg("signing.cli_prompt_key", path=str(plan.signing_key)))
        return replace(plan, signing_passphrase=Secret(typed))
    return plan


def export_lines(signed_by: Any) -> list[str]:
    """What ``export`` says about the signature it made (nothing for an unsigned archive)."""
    if signed_by is None:
        return []
    return [terminal_line(str(msg("signing.cli_signed", name=signed_by.comment, code=signed_by.check_code())))]


def print_signature(check: SignatureCheck) -> None:
    """``decrypt``'s line about who signed: ``exporter: Signed by ...`` or ``exporter: warning: ...`` and a hint."""
    if check.trusted:
        _say(check.sentence())
        return
    print(f"exporter: warning: {terminal_line(str(check.sentence()))}", file=sys.stderr)
    if (advice := check.advice()) is not None:
        print(f"exporter: hint: {terminal_line(str(advice))}", file=sys.stderr)


def _key_text(given: str) -> str:
    """The public key's text: the file ``given`` names when it exists, else ``given`` itself (the RW... line)."""
    from exporter.keyfiles import FileKind, read_small_file

    if not given.strip():
        raise PlanError(msg("signing.cli_key_text_missing"))
    if given.strip().startswith("RW") or "\n" in given:
        return given
    return read_small_file(Path(given), FileKind("public key file", 64 * 1024)).text


def _write_public(path: Path, text: str) -> None:
    from exporter.atomic import AtomicFile

    with AtomicFile(path) as out:
        out.write(text.encode("utf-8"))
        out.commit()


def _say(line: str | Message) -> None:
    print(f"exporter: {terminal_line(str(line))}", file=sys.stderr)
