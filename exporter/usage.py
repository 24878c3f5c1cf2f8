"""argparse's usage errors in the user's language, without values that could be secrets.

argparse words its errors in English through gettext, for which Python ships no Japanese; the few kinds a person
meets (a required option left out, an unknown option, a missing value, two options that exclude each other, a
value not among the choices) are recognised by their English shape and said from the catalogue
(``cli.usage_*``). Any other is kept in English inside a Japanese sentence. A value given to an unknown option
could be a passphrase typed after a misspelt option, so :func:`unrecognised` shows option names only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
)


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
