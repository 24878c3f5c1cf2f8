"""The command line's key commands: ``keygen``, asking for a key's passphrase, and ``recipients`` (the address book
and the office key). Separate from :mod:`exporter.commands` so each stays small; the work is in
:mod:`exporter.keys`, these only turn arguments into calls and results into lines.

Status lines go to stderr as ``exporter: ...``; what a script wants (the public key of ``keygen``, the listing of
``recipients list``) goes to stdout. Passphrases are read without echo from the terminal (getpass) or from a
file; they never appear in any output.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

from exporter.display import remember_secret, safe_json, terminal_line
from exporter.errors import PlanError
from exporter.messages import Message, msg

_TRIES = 3  # a wrong key passphrase typed on a terminal may be typed again, as sudo allows


def keygen(args: argparse.Namespace, cancel: threading.Event) -> int:
    """``exporter keygen``: a new key, protected unless --no-protect; prints the public key, then the card (the
    signing key derived from the new key, the key set's check code, the advice)."""
    from exporter.commands import read_passphrase_file
    from exporter.keys import create_identity, write_card
    from exporter.keys.identity import check_card_place

    if args.card is not None:  # before the key is made, not after
        check_card_place(args.card, args.output)
    passphrase: str | None
    if args.no_protect:
        passphrase = None
    elif args.passphrase_file is not None:
        passphrase = read_passphrase_file(args.passphrase_file)
    elif _interactive():
        passphrase = _ask_new_passphrase()
    else:
        raise PlanError(msg("keys.cli_keygen_no_terminal"), hint=msg("keys.cli_keygen_no_terminal_hint"))
    created = create_identity(args.output, passphrase=passphrase)
    print(created.card.public_key)
    for line in created.card.lines()[2:]:
        _say(line)
    wrote = "keys.cli_wrote_key" if created.protected else "keys.cli_wrote_plain_key"
    _say(msg(wrote, path=str(created.path)))
    if args.card is not None:
        write_card(args.card, created.card)
        _say(msg("keys.cli_wrote_card", path=str(args.card)))
    return 0


def identities_for(path: Path, passphrase_file: Path | None) -> list[Any]:
    """The secret keys of the identity file ``path``: its passphrase from ``passphrase_file``, or asked on the
    terminal (up to three tries) when the file is protected. Without either: one sentence saying how."""
    from exporter.commands import read_passphrase_file
    from exporter.keyfiles import IDENTITY_FILE, read_small_data
    from exporter.keys.identity import KeyPassphraseNeeded, WrongKeyPassphrase, identities_from_bytes

    passphrase = None if passphrase_file is None else read_passphrase_file(passphrase_file)
    data = read_small_data(path, IDENTITY_FILE).data  # read once: it may be a pipe
    try:
        try:
            return identities_from_bytes(data, path, passphrase)
        except KeyPassphraseNeeded:
            if not _interactive():
                raise PlanError(
                    msg("keys.cli_decrypt_no_terminal", path=str(path)), hint=msg("keys.cli_decrypt_no_terminal_hint")
                ) from None
        for attempt in range(1, _TRIES + 1):
            typed = _ask(msg("keys.cli_prompt_key", path=str(path)))
            try:
                return identities_from_bytes(data, path, typed)
            except WrongKeyPassphrase as wrong:
                if attempt == _TRIES:
                    raise
                _say(wrong.message)
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        data[:] = bytes(len(data))


def add_keygen_parser(sub: Any) -> None:
    """``exporter keygen [--output FILE] [--passphrase-file F | --no-protect] [--card FILE]``."""
    parser = sub.add_parser(
        "keygen",
        help=str(msg("help.keygen")),
    )
    parser.add_argument("--output", type=Path, metavar="IDENTITY_FILE", help=str(msg("help.keygen.output")))
    protect = parser.add_mutually_exclusive_group()
    protect.add_argument(
        "--passphrase-file", type=Path, metavar="FILE", help=str(msg("help.protecting_passphrase_file"))
    )
    protect.add_argument("--no-protect", action="store_true", help=str(msg("help.keygen.no_protect")))
    parser.add_argument("--card", type=Path, metavar="FILE", help=str(msg("help.keygen.card")))
    parser.set_defaults(run=keygen)
    from exporter.key_cards import add_key_card_parser

    add_key_card_parser(sub)  # beside keygen: the card of a key made before, remade with its signing key


def add_recipients_parser(sub: Any) -> None:
    """``exporter recipients add|list|remove`` and ``exporter recipients office set|show|clear``."""
    recipients = sub.add_parser("recipients", help=str(msg("help.recipients")))
    actions = recipients.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help=str(msg("help.recipients.add")))
    add.add_argument("name", metavar="NAME")
    given = add.add_mutually_exclusive_group(required=True)
    given.add_argument("--key", metavar="age1...", help=str(msg("help.recipients.add.key")))
    given.add_argument("--card", metavar="FILE", help=str(msg("help.recipients.add.card")))
    add.add_argument("--signing-key", metavar="RW...", help=str(msg("help.recipients.add.signing_key")))
    add.add_argument(
        "--check-code",
        metavar="CODE",
        help=str(msg("help.recipients.add.check_code")),
    )
    add.add_argument("--organisation", default="", metavar="ORG")
    add.add_argument("--confirmed", type=_date, metavar="YYYY-MM-DD", help=str(msg("help.recipients.add.confirmed")))
    add.set_defaults(run=recipients_add)

    listing = actions.add_parser("list", help=str(msg("help.recipients.list")))
    listing.add_argument("--json", action="store_true", help=str(msg("help.json")))
    listing.set_defaults(run=recipients_list)

    confirm = actions.add_parser("confirm", help=str(msg("help.recipients.confirm")))
    confirm.add_argument("name", metavar="NAME")
    confirm.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help=str(msg("help.recipients.confirm.on")))
    confirm.set_defaults(run=recipients_confirm)

    remove = actions.add_parser("remove", help=str(msg("help.recipients.remove")))
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(run=recipients_remove)

    office = actions.add_parser("office", help=str(msg("help.recipients.office")))
    office_actions = office.add_subparsers(dest="office_action", metavar="ACTION", required=True)
    office_set = office_actions.add_parser("set", help=str(msg("help.recipients.office.set")))
    office_set.add_argument("key", metavar="age1...")
    office_set.add_argument("--name", default="", metavar="NAME", help=str(msg("help.recipients.office.set.name")))
    office_set.set_defaults(run=office_set_command)
    office_actions.add_parser("show", help=str(msg("help.recipients.office.show"))).set_defaults(run=office_show)
    office_actions.add_parser("clear", help=str(msg("help.recipients.office.clear"))).set_defaults(run=office_clear)


def recipients_add(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.key_cards import card_code_matches, card_for_book
    from exporter.keys import add_recipient

    _require_text("NAME", args.name)
    _require_text("--organisation", args.organisation)
    card = card_for_book(key=args.key, card=args.card, signing_key=args.signing_key)
    confirmed = args.confirmed
    if args.check_code is not None:
        card_code_matches(card, args.check_code)
        confirmed = confirmed or date.today()
    entry = add_recipient(
        args.name,
        card.public_key,
        organisation=args.organisation,
        confirmed=confirmed,
        signing_key=card.signing_key,
    )
    who = _who(entry.name, entry.organisation)
    _say(msg("keys.cli_added_signing" if entry.signing_key else "keys.cli_added", name=who, code=entry.check_code))
    if entry.signing_key is None and args.card is not None:  # an old card: receipts from them cannot be checked
        _say(msg("keys.cli_no_signing_key", name=who))
    elif entry.signing_key is None:  # a bare key: the same, and how to add the signing key
        _say(msg("keys.cli_no_signing_key_given", name=who))
    return 0


def recipients_list(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import load_book, load_settings

    book = load_book()
    office = load_settings().office_key
    if args.json:
        document = {
            "address_book": str(book.path),
            "read_only": book.read_only is not None,
            "recipients": [entry.as_json() for entry in book.entries],
            "office": None
            if office is None
            else {"name": office.name, "key": office.key, "check_code": office.check_code},
        }
        print(safe_json(json.dumps(document, ensure_ascii=False)))
        return 0
    if not book.entries:
        _say(msg("keys.cli_book_empty", path=str(book.path)))
    else:
        headings = [msg(f"keys.cli_column_{name}").render() for name in ("name", "organisation", "code", "confirmed")]
        rows = [
            [
                terminal_line(entry.name),
                terminal_line(entry.organisation),
                entry.check_code,
                entry.confirmed.isoformat() if entry.confirmed else "-",
            ]
            for entry in book.entries
        ]
        _print_table([headings, *rows])
    if book.read_only is not None:
        _say(msg("keys.read_only", what=msg("keys.book_name", path=str(book.path)), reason=book.read_only))
    if office is not None:
        _say(msg("keys.cli_office_show", name=_office_name(office.name), key=office.key, code=office.check_code))
    return 0


def recipients_confirm(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import confirm_recipient

    entry = confirm_recipient(args.name, args.on)
    confirmed = entry.confirmed.isoformat() if entry.confirmed else ""
    _say(msg("keys.cli_confirmed", name=_who(entry.name, entry.organisation), code=entry.check_code, date=confirmed))
    return 0


def unconfirmed_warnings(names: list[str]) -> list[str]:
    """A warning line for each address-book entry named in ``names`` whose check code is not confirmed for its key
    (once per entry, however it was written; the export still runs: the clerk may be on the phone right now).

    Called after a finished export, so it never raises for a file: no names, no reading of the book; a book that
    cannot be read now gives one warning line saying so."""
    from exporter.errors import ExporterError
    from exporter.keys import load_book

    if not names:
        return []
    try:
        book = load_book()
    except ExporterError as error:
        return [terminal_line(msg("keys.cli_unconfirmed_unknown", reason=error.message).render())]
    lines = []
    entries = {id(entry): entry for entry in (book.get(name) for name in names) if entry is not None}
    for entry in entries.values():
        if entry.confirmed is None:
            lines.append(terminal_line(msg("keys.cli_unconfirmed", name=entry.name, code=entry.check_code).render()))
    return lines


def recipients_remove(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import remove_recipient

    entry = remove_recipient(args.name)
    _say(msg("keys.cli_removed", name=_who(entry.name, entry.organisation)))
    return 0


def office_set_command(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import set_office_key

    _require_text("--name", args.name)
    office = set_office_key(args.key, args.name)
    _say(msg("keys.cli_office_set", name=_office_name(office.name), code=office.check_code))
    return 0


def office_show(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import load_settings

    office = load_settings().office_key
    if office is None:
        _say(msg("keys.cli_office_none"))
        return 0
    print(office.key)
    _say(msg("keys.cli_office_show", name=_office_name(office.name), key=office.key, code=office.check_code))
    return 0


def office_clear(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.keys import clear_office_key

    _say(msg("keys.cli_office_cleared" if clear_office_key() else "keys.cli_office_was_none"))
    return 0


def recipient_lines(entries: object) -> list[str]:
    """One line per key recipient of a manifest (or an export): who, the check code computed from the key itself
    (never the one the manifest states; with the entry's signing key when it has one, as the recipient's key card
    shows it), and whether it is the office copy. Values come from the archive's maker: anything that is not the
    expected type is skipped."""
    from exporter.keys.check_code import key_set_check_code

    lines = []
    for entry in entries if isinstance(entries, list) else []:
        key = entry.get("recipient") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not key.startswith("age1") or len(key) > 200:
            continue
        name, organisation = entry.get("name"), entry.get("organisation")
        who = _who(
            name if isinstance(name, str) and name else key, organisation if isinstance(organisation, str) else ""
        )
        line = "keys.cli_office_line" if entry.get("role") == "office" else "keys.cli_recipient_line"
        signing = entry.get("signing_key")
        code = key_set_check_code(key, signing if isinstance(signing, str) and len(signing) <= 200 else None)
        lines.append(terminal_line(msg(line, who=who, code=code).render()))
    return lines


def _office_name(name: str) -> str:
    return terminal_line(name) if name else msg("keys.cli_office_unnamed").render()


def _who(name: str, organisation: str) -> str:
    shown = terminal_line(name[:200])
    return f"{shown} ({terminal_line(organisation[:200])})" if organisation else shown


def _print_table(rows: list[list[str]]) -> None:
    import unicodedata

    def width(text: str) -> int:  # a kanji takes two columns of a terminal
        return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)

    widths = [max(width(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [cell + " " * (widths[column] - width(cell)) for column, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


def _ask_new_passphrase() -> str:
    first = _ask(msg("keys.cli_prompt_new"))
    second = _ask(msg("keys.cli_prompt_again"))
    if first != second:
        raise PlanError(msg("keys.cli_passphrases_differ"))
    return first


def _ask(prompt: Message) -> str:
    from exporter.prompt import ask_secret  # the first Ctrl-C or SIGTERM ends the prompt; Ctrl-D is one sentence

    typed = ask_secret(prompt.render())
    remember_secret(typed)
    return typed


def _interactive() -> bool:
    """Whether a passphrase can be asked for: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _say(line: str | Message) -> None:
    print(f"exporter: {terminal_line(str(line))}", file=sys.stderr)


def _date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date is written YYYY-MM-DD, for example 2026-11-30") from None


def _require_text(option: str, value: str) -> None:
    from exporter.commands import _require_text as require

    require(option, value)
