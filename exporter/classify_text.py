"""Comparison copies of header names and cell values for :mod:`exporter.classify`.

A resident file's header can carry characters nobody sees: a zero-width space pasted from a web page inside
氏名, a byte order mark in the middle of a row, a no-break space after 口座番号, a variation selector after a
kanji. Legacy host and bank-transfer layouts write their item names in half-width katakana (ｺｳｻﾞﾒｲｷﾞ), often
without small kana (ｼﾞﾕｳｼﾖ for ｼﾞｭｳｼｮ). The classifier must see through all of that, so it matches against
a *copy* made here; the names and values themselves are never changed (they stay exactly as in the file for
``--column`` and data.csv).

The copy is made in this order (the order matters: a zero-width space between ｼ and ﾞ must go before NFKC
composes them into ジ):

1. the spacing sound marks ゛ ゜ become the combining ones, so NFKC joins them to the kana before them;
2. invisible characters are removed: every Default_Ignorable_Code_Point of Unicode (DerivedCoreProperties.txt:
   zero-width space, joiners, word joiner, BOM U+FEFF anywhere, soft hyphen, bidi marks, embeddings and
   isolates, variation selectors, Hangul fillers, tags), every other format character (category Cf) and every
   control character that is not white space (category Cc);
3. NFKC (Unicode Standard Annex #15): half-width katakana and full-width Latin letters and digits become
   ordinary ones, ㈱ becomes (株);
4. every kind of white space (NBSP, ideographic space, tab, line breaks; ``str.isspace``) becomes one space,
   runs of spaces become one, and surrounding spaces are dropped.

For matching header names, :func:`fold_kana` then writes hiragana as katakana, small kana as large ones and a
hyphen after katakana as ー, so ｼﾞｭｳｼｮ, ｼﾞﾕｳｼﾖ, じゅうしょ and ジュウショ are one word, and so are
ｾｲﾈﾝｶﾞｯﾋﾟ and ｾｲﾈﾝｶﾞﾂﾋﾟ, ﾒｰﾙ and ﾒ-ﾙ. Only ``re`` and ``unicodedata`` from the standard library.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "fold_kana", "is_invisible", "strip_invisible"]

# Default_Ignorable_Code_Point (Unicode 15.0, DerivedCoreProperties.txt) that are not category Cf: the
# variation selectors, the Mongolian free variation selectors, the combining grapheme joiner, the Khmer inherent
# vowels, the Hangul fillers and the reserved code points set aside as ignorable. Ranges are inclusive.
_IGNORABLE_NOT_FORMAT: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)

# ASCII control characters that are not white space: a table for str.translate on the all-ASCII fast path.
_ASCII_CONTROLS = {code: None for code in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F)}

# The spacing sound marks decompose to a space and a combining mark under NFKC (゛ -> " ゙"), which would leave
# キ゛ as "キ ゙": made combining first, NFKC composes キ + ゙ into ギ as it does for the half-width ｷﾞ.
_SPACING_SOUND_MARKS = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})


def is_invisible(char: str) -> bool:
    """True for one character that shows nothing and means nothing to a reader of a header or a value.

    That is a Default_Ignorable_Code_Point, a format character (Cf) or a control character (Cc) that is not
    white space; white space is kept (it separates words) and handled by :func:`clean_text`.
    """
    category = unicodedata.category(char)
    if category == "Cf" or (category == "Cc" and not char.isspace()):
        return True
    code = ord(char)
    return any(first <= code <= last for first, last in _IGNORABLE_NOT_FORMAT)


# The ignorable characters that str.isprintable() lets through (marks and letters, not Cc/Cf/Cn): one search
# finds them, so text without any non-printable character skips the character-by-character test.
_PRINTABLE_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_WHITE_SPACE = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Return `text` without its invisible characters (see :func:`is_invisible`)."""
    if text.isascii():
        return text.translate(_ASCII_CONTROLS)
    if text.isprintable():
        return _PRINTABLE_IGNORABLE.sub("", text)
    return "".join(char for char in text if not is_invisible(char))


def clean_text(text: str) -> str:
    """Return the comparison copy of a header name or cell: no invisible characters, NFKC, single spaces, trimmed.

    An all-ASCII text skips NFKC (it changes nothing there). The result is never shown or written anywhere.
    """
    if text.isascii():
        cleaned = text.translate(_ASCII_CONTROLS)
    else:
        # White space first, so a value with an ideographic space (山田　太郎) is printable and takes the fast path.
        spaced = _WHITE_SPACE.sub(" ", text.translate(_SPACING_SOUND_MARKS))
        cleaned = unicodedata.normalize("NFKC", strip_invisible(spaced))
    if cleaned.isprintable() and "  " not in cleaned:
        return cleaned.strip(" ")
    return " ".join(cleaned.split())


_SMALL_TO_LARGE = {
    **dict(zip(map(ord, "ァィゥェォッャュョヮヵヶ"), map(ord, "アイウエオツヤユヨワカケ"), strict=True)),
    # the small katakana of the Katakana Phonetic Extensions block (ㇰ..ㇿ)
    **dict(zip(range(0x31F0, 0x3200), map(ord, "クシストヌハヒフヘホムラリルレロ"), strict=True)),
}
_KANA_FOLDING = str.maketrans(
    {
        # hiragana ぁ..ゖ as katakana (small ones as large katakana), the iteration marks ゝゞ as ヽヾ
        **{code: _SMALL_TO_LARGE.get(code + 0x60, code + 0x60) for code in range(0x3041, 0x3097)},
        0x309D: 0x30FD,
        0x309E: 0x30FE,
        **_SMALL_TO_LARGE,
    }
)
# Legacy data without the prolonged sound mark writes a hyphen for it (ﾒ-ﾙ, ｺ-ﾄﾞ, ﾏｲﾅﾝﾊﾞ-): a dash after a
# katakana and before another one or the end is ー. Elsewhere a dash separates words.
_DASH_AS_PROLONGED_SOUND_MARK = re.compile("(?<=[\u30a1-\u30fa])[-\u2010-\u2015\u2212\ufe63](?=[\u30a1-\u30fa]|$)")


def fold_kana(text: str) -> str:
    """Hiragana as katakana, small kana as large, a dash after katakana as ー: how headers are compared.

    Expects a :func:`clean_text` copy (half-width katakana already made full-width by NFKC). Two spellings
    that fold alike are one word here (ｼﾞｭｳｼｮ / ｼﾞﾕｳｼﾖ); so are a few different words (控除 コウジョ and
    工場 コウジョウ both start コウジヨ), which is why some vocabulary entries are patterns with a guard.
    """
    return _DASH_AS_PROLONGED_SOUND_MARK.sub("ー", text.translate(_KANA_FOLDING))
