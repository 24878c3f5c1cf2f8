"""argparse's usage errors in the user's language, without values that could be secrets.

argparse words its errors in English through gettext, for which Python ships no Japanese; the few kinds a person
meets (a required option left out, an unknown option, a missing value, two options that exclude each other, a
value not among the choices) are recognised by their English shape and said from the catalogue
(``cli.usage_*``). Any other is kept in English inside a Japanese sentence. A value given to an unknown option
could be a passphrase typed after a misspelt option, so :func:`unrecognised` shows option names only.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import date

from exporter.display import looks_like_secret_key
from exporter.messages import Language, Message, msg

_SHAPES = (
    (re.compile(r"the following arguments are required: (?P<names>.+)", re.DOTALL), "cli.usage_required"),
    (re.compile(r"one of the arguments (?P<names>.+) is required", re.DOTALL), "cli.usage_one_of"),
    (re.compile(r"argument (?P<option>\S+): expected one argument"), "cli.usage_expected_one"),
    (
        re.compile(r"argument (?P<option>\S+): not allowed with argument (?P<other>\S+)"),
        "cli.usage_not_together",
    ),
    (
        re.compile(r"argument (?P<option>\S+): invalid choice: .*?\(choose from (?P<choices>.+)\)", re.DOTALL),
        "cli.usage_invalid_choice",
    ),
    (re.compile(r"argument (?P<option>\S+): (?P<detail>.+)", re.DOTALL), "cli.usage_argument"),
)
DELIMITER_WORDS = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|"}


def usage_error(message: str | Message) -> Message:
    """The sentence for one of argparse's error texts (or for one of ours, already a :class:`Message`)."""
    if isinstance(message, Message):
        return message
    for shape, message_id in _SHAPES:
        if match := shape.fullmatch(message):
            return msg(message_id, **match.groupdict())
    return msg("cli.usage_other", detail=message)


def unrecognised(arguments: Sequence[str]) -> Message:
    """argparse's "unrecognized arguments" without the values: option names are shown (up to any ``=``) and
    the rest only counted."""
    shown = " ".join(
        arg.split("=", 1)[0] for arg in arguments if arg.startswith("-") and not looks_like_secret_key(arg)
    )
    hidden = sum(1 for arg in arguments if not arg.startswith("-") or looks_like_secret_key(arg))
    if not hidden:
        return msg("cli.usage_unrecognised", names=shown)
    values = msg("cli.usage_one_value") if hidden == 1 else msg("cli.usage_values", count=hidden)
    if not shown:
        return msg("cli.usage_unrecognised_values", values=values)
    return msg("cli.usage_unrecognised_and_values", names=shown, values=values)


def language_asked(argv: Sequence[str]) -> Language | None:
    """The language given with ``--lang`` anywhere in ``argv`` (the last one wins), before argparse reads it, so
    that argparse's own errors are already said in it."""
    asked: Language | None = None
    for position, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and position + 1 < len(argv):
            value = argv[position + 1]
        if value == "ja":
            asked = "ja"
        elif value == "en":
            asked = "en"
    return asked


# The types of option values: each refuses a value with a sentence from the catalogue, which argparse puts after
# the option's name ("argument --max-row-size: ...").


def mebibytes(text: str) -> int:
    """A size in MiB between 1 and 1024 (``--max-row-size``), in bytes."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("cli.value_not_mib", text=text))) from None
    # Below 1 MiB the reader's blocks (never longer than the limit) would be slow to read; above 1 GiB pyarrow
    # cannot parse a row.
    if not 1 <= value <= 1024:
        raise argparse.ArgumentTypeError(str(msg("cli.value_mib_range")))
    return int(value * (1 << 20))


def delimiter(text: str) -> str:
    """One character, or its name (comma, tab, semicolon, pipe)."""
    value = DELIMITER_WORDS.get(text.lower(), text)
    if len(value) != 1:
        raise argparse.ArgumentTypeError(str(msg("cli.value_not_one_character", text=text)))
    return value


def expansion(text: str) -> float:
    """A factor of at least 1 (``--max-expansion``); thousands separators are allowed."""
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("cli.value_not_number", text=text))) from None
    if not 1 <= value < float("inf"):
        raise argparse.ArgumentTypeError(str(msg("cli.value_at_least_one")))
    return value


def pair(text: str) -> tuple[str, str]:
    """``COLUMN=VALUE``, split at the first ``=``."""
    column, equals, value = text.partition("=")
    if not equals or not column:
        raise argparse.ArgumentTypeError(str(msg("cli.value_not_pair", text=text)))
    return column, value


def count(text: str) -> int:
    """A whole number of rows, 0 or more; thousands separators are allowed."""
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("cli.value_not_whole_number", text=text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(str(msg("cli.value_negative_rows")))
    return value


def a_date(text: str) -> date:
    """A date in any form exporter reads (:func:`exporter.dates.parse_date`: ISO, 2026/4/1, 令和8年4月1日, R8.4.1)."""
    from exporter.dates import parse_date

    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(str(msg("shaping.value_not_date", text=text)))
    return day


def share(text: str) -> float:
    """``--max-unique-share``: a share from 0 to 1 or a percentage (:func:`exporter.risk.unique_share_limit`)."""
    from exporter.risk import unique_share_limit

    return unique_share_limit(text)
