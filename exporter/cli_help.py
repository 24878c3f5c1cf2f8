"""``--help`` in the user's language: argparse's own words from the catalogue (``help.*``) and Japanese wrapped by
display width.

argparse says "usage:", "positional arguments", "options" and "show this help message and exit" through gettext,
for which Python ships no Japanese; :func:`localise` sets them on every parser of the tree instead of touching
gettext. argparse wraps help at spaces and counts characters, and Japanese has no spaces and characters two
columns wide: :class:`HelpFormatter` wraps such text itself, breaking between wide characters but never before a
closing mark (、。）) or after an opening one (（「).
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable

from exporter.messages import msg

_NO_LINE_START = frozenset("、。，．,.:;)]}）」』】〕〉》・ー～：；！？%％ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
_NO_LINE_END = frozenset("([{（「『【〔〈《")


def display_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` (runs of white space made one space) in lines of at most ``columns`` display columns; a run of
    narrow characters without a space (a word, an option name) is never cut."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if line and display_width(line + piece.rstrip()) > columns:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: after a space, and before and after a wide character, but not inside
    a quoted example ('住民税区分 = 非課税')."""
    pieces: list[str] = []
    quoted = False
    for char in text:
        if pieces and (
            quoted
            or char in _NO_LINE_START
            or pieces[-1][-1] in _NO_LINE_END
            or (not _is_wide(char) and char != " " and pieces[-1][-1] != " " and not _is_wide(pieces[-1][-1]))
        ):
            pieces[-1] += char
        else:
            pieces.append(char)
        if char == "'" and (quoted or len(pieces[-1]) == 1 or not pieces[-1][-2].isalnum()):
            quoted = not quoted
    return pieces


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, with the usage prefix from the catalogue and text holding wide characters wrapped by
    display width (text without them is wrapped exactly as argparse does)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not any(_is_wide(char) for char in text):
            return super()._split_lines(text, width)
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not any(_is_wide(char) for char in text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        if prefix is None:
            prefix = str(msg("help.usage_prefix"))
        # argparse aligns the usage's continuation lines by the prefix's length in characters: it lays them out
        # with a stand-in as wide as the prefix on screen, which is then put back.
        stand_in = "u" * display_width(prefix)
        text = super()._format_usage(usage, actions, groups, stand_in)
        return prefix + text.removeprefix(stand_in)


def localise(parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` and every sub-command's parser below it the formatter, group headings and -h line of the
    current language."""
    parser.formatter_class = HelpFormatter
    parser._positionals.title = str(msg("help.positionals"))
    parser._optionals.title = str(msg("help.options"))
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = str(msg("help.help"))
        elif isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                localise(command)
