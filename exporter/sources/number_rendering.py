"""A number as Excel shows it through the number formats that registers use, or None for any other format.

Rendered: zero-padded codes (``0000000000`` shows 12 as ``0000000012``), codes with literal separators
(``000-0000``: ``464-9081``; ``"No."000``), thousands separators (``#,##0``: ``1,234``), fixed decimals
(``0.00``, ``#,##0.00``), currency signs (``¥#,##0``, ``[$¥-411]#,##0``) and colours (``[Red]0``), one section
only. Everything else returns None and the cell is refused as before (:mod:`exporter.sources.number_formats`):
several sections, percent, exponents, fractions, ``?`` and ``#`` after the decimal point, scaling commas, fill
(``*``) and space (``_``) characters, conditions and locale codes, text (``@``), letters outside quotes.

The format code's syntax is ECMA-376 Part 1, 18.8.31 (numFmt). The value is the cell's ``<v>`` text, read as a
decimal (never a binary float): rounded first to the 15 significant digits Excel displays, then half away from
zero to the format's decimals. A minus sign leads the text; a value that rounds to zero shows no sign. The tests
compare every rendering with the text LibreOffice Calc shows for the same cell.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["render"]

_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}
# Characters Excel shows as themselves without quotes (ECMA-376 18.8.31); any character outside ASCII too.
_PLAIN = set("$-+():!^&'~{}<>= ")
_DISPLAY_DIGITS = 15


@dataclass(frozen=True)
class _Format:
    prefix: str  # literal text before the first digit placeholder
    integer: tuple[str, ...]  # "0", "#" or literal text, left to right
    grouped: bool  # a thousands separator between the integer placeholders
    point: bool  # a decimal point is shown
    decimals: int  # "0" placeholders after the point
    suffix: str  # literal text after the last placeholder


def render(code: str, value: str) -> str | None:
    """The text Excel shows for the number written ``value`` (a cell's ``<v>`` text, such as ``4649081`` or
    ``-1.5E-3``) under the format ``code``; None when the format is not one of those rendered (module docstring)
    or the value is not a finite number."""
    compiled = _compiled(code)
    if compiled is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number:
        shift = number.adjusted() - (_DISPLAY_DIGITS - 1)
        number = number.quantize(Decimal(1).scaleb(shift), rounding=ROUND_HALF_UP)
    number = number.quantize(Decimal(1).scaleb(-compiled.decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    integer = _integer(compiled, "" if whole == "0" else whole)
    decimals = ("." + fraction.ljust(compiled.decimals, "0")) if compiled.point else ""
    return f"{sign}{compiled.prefix}{integer}{decimals}{compiled.suffix}"


def _integer(compiled: _Format, digits: str) -> str:
    """The integer digits laid into the placeholders from the right; digits left over go before the first."""
    if compiled.grouped:
        zeros = compiled.integer.count("0")
        padded = digits.rjust(zeros, "0")
        groups = []
        while len(padded) > 3:
            padded, last = padded[:-3], padded[-3:]
            groups.append(last)
        return ",".join([padded, *reversed(groups)]) if padded else ",".join(reversed(groups))
    pieces: list[str] = []
    remaining = digits
    placeholders = [index for index, item in enumerate(compiled.integer) if item in ("0", "#")]
    first = placeholders[0] if placeholders else len(compiled.integer)
    for index in range(len(compiled.integer) - 1, -1, -1):
        item = compiled.integer[index]
        if item not in ("0", "#"):
            pieces.append(item)
            continue
        if index == first:
            taken, remaining = remaining, ""
        else:
            taken, remaining = remaining[-1:], remaining[:-1]
        pieces.append(taken if taken else ("0" if item == "0" else ""))
    return "".join(reversed(pieces))


@functools.lru_cache(maxsize=256)
def _compiled(code: str) -> _Format | None:
    """The format's parts, or None when it is not one that :func:`render` renders."""
    items: list[tuple[str, str]] = []  # ("digit", "0"|"#"), ("point", "."), ("comma", ","), ("text", literal)
    index = 0
    while index < len(code):
        char = code[index]
        if char == '"':
            end = code.find('"', index + 1)
            if end < 0:
                return None
            items.append(("text", code[index + 1 : end]))
            index = end + 1
            continue
        if char == "\\":
            if index + 1 >= len(code):
                return None
            items.append(("text", code[index + 1]))
            index += 2
            continue
        if char == "[":
            end = code.find("]", index + 1)
            if end < 0:
                return None
            inside = code[index + 1 : end]
            if inside.startswith("$") and "-" in inside:  # [$¥-411]: a currency sign and its locale
                items.append(("text", inside[1 : inside.rindex("-")]))
            elif inside.lower() not in _COLOURS:
                return None
            index = end + 1
            continue
        if char in "0#":
            items.append(("digit", char))
        elif char == ".":
            items.append(("point", char))
        elif char == ",":
            items.append(("comma", char))
        elif char in _PLAIN or not char.isascii():
            items.append(("text", char))
        else:  # ; % E e ? / * _ @ letters (General, dates): not rendered here
            return None
        index += 1
    return _laid_out(items)


def _laid_out(items: list[tuple[str, str]]) -> _Format | None:
    digits = [index for index, (kind, _) in enumerate(items) if kind == "digit"]
    if not digits:
        return None
    first, last = digits[0], digits[-1]
    if any(kind in ("point", "comma") for kind, _ in items[:first]):
        return None
    points = [index for index, (kind, _) in enumerate(items) if kind == "point"]
    if len(points) > 1 or (points and points[0] < first):
        return None
    point = points[0] if points else None
    end_of_integer = point if point is not None else last + 1
    integer_items = items[first:end_of_integer]
    fraction_items = items[point + 1 : last + 1] if point is not None and point < last else []
    after = items[max(last, point if point is not None else last) + 1 :]
    if any(kind != "digit" or text != "0" for kind, text in fraction_items):
        return None  # '#' or literal text between the decimals
    if any(kind != "text" for kind, _ in after):
        return None  # a trailing comma scales by a thousand
    if point is not None and not fraction_items:
        return None  # "0.": Excel shows "12.", LibreOffice "12"
    commas = [index for index, (kind, _) in enumerate(integer_items) if kind == "comma"]
    literals = [text for kind, text in integer_items if kind == "text"]
    if commas and (literals or commas[-1] == len(integer_items) - 1):
        return None
    return _Format(
        prefix="".join(text for _, text in items[:first]),
        integer=tuple(text for kind, text in integer_items if kind != "comma"),
        grouped=bool(commas),
        point=point is not None,
        decimals=len(fraction_items),
        suffix="".join(text for _, text in after),
    )
