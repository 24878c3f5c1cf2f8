"""Text that came from an archive or a file, made safe to show on a terminal or in a window.

A manifest, a file name or a column name says whatever its maker wanted. Sent to a terminal as it is, an escape
sequence can move the cursor and rewrite the line above (a fake "verified"), set the window title or ring the
bell; bidi overrides and isolates reorder what a reader sees (Trojan Source, CVE-2021-42574); a line or
paragraph separator starts a new line in a window. :func:`safe_text` is the one place that turns every such
character into a visible stand-in, and the command line and the Open window both call it:

    C0 controls, DEL, C1 controls -> \\x1b, \\x07, \\x7f, \\x9b ... and \\t, \\n, \\r, as Python writes them
                                     (U+009B is a one-character CSI on some terminals)
    format characters (Unicode category Cf: bidi embeddings, overrides, isolates and marks, zero-width characters,
    the BOM, tag characters), line and paragraph separators (Zl, Zp), lone surrogates (Cs)
                                  -> \\u202e, \\u2028, \\U000e0041 (Python's notation)
    a byte a file name could not decode (Python's surrogateescape, U+DC80-U+DCFF) -> \\xNN, the byte itself

Everything else, Japanese included, passes unchanged. The stand-ins are plain ASCII, so every terminal and
every font can draw them (the Control Pictures such as U+241B are missing from most fonts, Windows' console and
the CJK fonts included, and would show as empty boxes). :func:`redact_secrets` is a second, independent guard for
what the command line prints: an age secret key never reaches a terminal even where a caller forgot.
"""

from __future__ import annotations

import re
import unicodedata

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ELLIPSIS = "…"
# age secret keys (Bech32: HRP "AGE-SECRET-KEY-" or a post-quantum or plugin relative, "1", data), in either case;
# the bare prefix that hints quote ("starts with AGE-SECRET-KEY-1") and the stand-in itself are left alone
_SECRET_KEY = re.compile(r"AGE-(?:SECRET-KEY|PLUGIN)-[A-Z0-9-]*1[A-Z0-9]{4,}", re.IGNORECASE)
SECRET_SHOWN_AS = "AGE-SECRET-KEY-…(hidden)"  # noqa: S105 - the stand-in, not a secret
HIDDEN = "(hidden)"
_REMEMBERED_MIN_CHARS = 8  # shorter texts would hide ordinary words; they are refused as passphrases anyway
_remembered: set[str] = set()


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _visible(char: str) -> str:
    code = ord(char)
    if code in _NAMED:
        return _NAMED[code]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe_text(text: str, *, max_chars: int | None = None, multiline: bool = False) -> str:
    """``text`` with every control, format and separator character replaced by a visible stand-in.

    ``max_chars`` cuts the text (before the stand-ins are added) and ends it with "…". With ``multiline`` a
    line feed stays a line break (for a message and its hint); any other line break is made visible.
    """
    if max_chars is not None and len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + _ELLIPSIS
    if not any(_unsafe(char) for char in text):
        return text
    return "".join(char if not _unsafe(char) or (multiline and char == "\n") else _visible(char) for char in text)


def is_safe(text: str) -> bool:
    """True when :func:`safe_text` would leave ``text`` as it is (ignoring any length limit)."""
    return first_unsafe(text) is None


def first_unsafe(text: str) -> str | None:
    """The first character :func:`safe_text` would replace (a control, format, surrogate, line or paragraph
    separator character), as ``U+XXXX``; ``None`` when there is none."""
    for char in text:
        if _unsafe(char):
            return f"U+{ord(char):04X}"
    return None


def safe_json(text: str) -> str:
    """A JSON document with every character :func:`safe_text` would replace written as a ``\\uXXXX`` escape.

    Such characters can only stand inside JSON strings, where the escape means the very same character (RFC 8259,
    section 7), so a program reading the output gets every value exactly while a terminal shows no control.
    """
    if is_safe(text):
        return text
    pieces = []
    for char in text:
        if not _unsafe(char):
            pieces.append(char)
            continue
        code = ord(char)
        if code > 0xFFFF:  # JSON escapes a character outside the BMP as a surrogate pair
            code -= 0x10000
            pieces.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            pieces.append(f"\\u{code:04x}")
    return "".join(pieces)


def remember_secret(secret: str) -> None:
    """Have :func:`redact_secrets` hide ``secret`` (a passphrase this process read) wherever it would appear."""
    if len(secret) >= _REMEMBERED_MIN_CHARS:
        _remembered.add(secret)


def redact_secrets(text: str) -> str:
    """``text`` with anything shaped like an age secret key (``AGE-SECRET-KEY-1...``), and every passphrase given
    to :func:`remember_secret`, replaced by a stand-in."""
    for secret in _remembered:
        if secret in text:
            text = text.replace(secret, HIDDEN)
    return _SECRET_KEY.sub(SECRET_SHOWN_AS, text)


def looks_like_secret_key(text: str) -> bool:
    """True when ``text`` holds an age secret key, or the start of one, anywhere in it."""
    return "AGE-SECRET-KEY-" in text.upper() or "AGE-PLUGIN-" in text.upper()


def terminal_line(text: str) -> str:
    """What the command line may print of a sentence that can hold file names or values: one safe line."""
    return safe_text(redact_secrets(text))
