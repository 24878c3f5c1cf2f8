"""The command line's key-card parts: ``exporter key-card`` (the card of a key the recipient already has, remade
with its signing key), and what ``exporter recipients add`` takes a card from (``--card FILE``, ``--key`` with
``--signing-key``, ``--check-code``). The work is in :mod:`exporter.keys.card`; these only turn arguments into calls.
"""

from __future__ import annotations

import argparse
import sys
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.errors import PlanError
from exporter.messages import msg

if TYPE_CHECKING:
    from exporter.keys.card import KeyCard

MAX_TYPED_CODE = 60  # more than any way of writing twenty digits


def card_for_book(*, key: str | None, card: str | None, signing_key: str | None) -> KeyCard:
    """The keys ``recipients add`` was given: a key card file (``-``: the card's text on standard input) or an
    ``age1...`` key, and a signing key given on its own (``--signing-key``), which must agree with the card's when
    the card has one. Raises PlanError (or EncryptionError for a bad ``age1...``) with one sentence."""
    from exporter.envelope import X25519Recipient
    from exporter.keys.card import KeyCard, checked_signing_key, parse_card_text, read_card_file

    if (key is None) == (card is None):
        raise PlanError(msg("keys.cli_card_or_key"))
    if card is not None:
        found = parse_card_text(sys.stdin.read()) if card == "-" else read_card_file(Path(card))
    else:
        found = KeyCard(str(X25519Recipient.parse(key or "")))
    if signing_key is None:
        return found
    given = checked_signing_key(signing_key)
    if found.signing_key is not None and found.signing_key != given:
        raise PlanError(msg("keys.cli_signing_key_differs"))
    return KeyCard(found.public_key, given)


def card_code_matches(card: KeyCard, typed: str) -> None:
    """Refuse (PlanError, one sentence) a check code read back on the phone that is not ``card``'s: digits are
    compared after NFKC (full-width digits count), whatever separates the groups."""
    digits = "".join(char for char in unicodedata.normalize("NFKC", typed[:MAX_TYPED_CODE]) if char.isdigit())
    if digits != card.check_code.replace("-", ""):
        from exporter.display import terminal_line

        raise PlanError(
            msg("keys.code_mismatch", code=terminal_line(typed.strip()[:MAX_TYPED_CODE])),
            hint=msg("keys.code_mismatch_hint"),
        )


def add_key_card_parser(sub: Any) -> None:
    """``exporter key-card [--identity FILE] [--identity-passphrase-file F] [--card FILE]``."""
    parser = sub.add_parser(
        "key-card",
        help=str(msg("help.key_card")),
    )
    parser.add_argument("--identity", type=Path, metavar="KEY", help=str(msg("help.key_card.identity")))
    parser.add_argument(
        "--identity-passphrase-file", type=Path, metavar="FILE", help=str(msg("help.key_card.identity_passphrase_file"))
    )
    parser.add_argument("--card", type=Path, metavar="FILE", help=str(msg("help.key_card.card")))
    parser.set_defaults(run=key_card)


def key_card(args: argparse.Namespace, cancel: threading.Event) -> int:
    """``exporter key-card``: opens the key (asking its passphrase on a terminal), prints its public key on stdout
    and the rest of its card (signing key, check code, advice) as ``exporter:`` lines; ``--card`` writes the card
    file too (never over another file)."""
    from exporter.key_commands import _say, identities_for
    from exporter.keys import card_of, default_identity_path, write_card
    from exporter.keys.identity import check_card_place

    identity_file = args.identity or default_identity_path()
    if args.card is not None:
        check_card_place(args.card, identity_file)
    card = card_of(identities_for(identity_file, args.identity_passphrase_file)[0])
    print(card.public_key)
    for line in card.lines()[2:]:
        _say(line)
    if args.card is not None:
        write_card(args.card, card)
        _say(msg("keys.cli_wrote_card", path=str(args.card)))
    return 0


__all__ = ["add_key_card_parser", "card_code_matches", "card_for_book", "key_card"]
