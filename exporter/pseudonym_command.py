"""``exporter pseudonym-key --output FILE``: a new key for keyed pseudonyms (:mod:`exporter.pseudonym`).

Prints the key's public identifier (the key id the manifest records) on stdout, for scripts, and a status line on
stderr; the key itself is only ever written to FILE (mode 0600, never over an existing file).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from exporter.display import terminal_line
from exporter.messages import msg


def add_pseudonym_key_parser(sub: Any) -> None:
    """Add ``pseudonym-key --output FILE`` to the command line's sub-commands."""
    parser = sub.add_parser(
        "pseudonym-key",
        help=str(msg("help.pseudonym_key")),
    )
    parser.add_argument(
        "--output", type=Path, required=True, metavar="FILE", help=str(msg("help.pseudonym_key.output"))
    )
    parser.set_defaults(run=pseudonym_key)


def pseudonym_key(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Write a new pseudonym key to ``args.output``; print its key id."""
    from exporter.pseudonym import PseudonymKey

    key = PseudonymKey.create(args.output)
    print(key.key_id)
    line = msg("transforms.cli_wrote_key", path=str(args.output), key_id=key.key_id)
    print(f"exporter: {terminal_line(str(line))}", file=sys.stderr)
    return 0
