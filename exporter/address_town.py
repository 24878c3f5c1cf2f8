"""Japanese addresses cut to the town, and postal codes cut to their area: the ``address-town`` and ``postal-area``
transforms of :mod:`exporter.transforms`.

**address-town** keeps an address up to its town (町・丁目) and drops the block, house and building. The value is
cut at the first of:

- a *number*: a run of digits (any script's, full-width ``０-９``, circled ``①``-``㊿``, parenthesized ``⑴``,
  Roman ``Ⅱ``...), or of kanji numerals (〇零一二三四五六七八九十百千壱弐参拾) that is followed by 丁目, 番地, 番
  (but not 番町, a town's name), 号, の/之/ノ and a number, or by anything that cannot continue a name (a dash or
  ``ｰ``, ``〜``, ``／``, ``・``, ``、``, a bracket, a space, the end of the address); or 第, kanji numerals and
  地割 (Iwate's 第二地割). Kanji numerals in names, followed by a kanji or kana (四条, 三田, 一番町, 八王子,
  三軒茶屋), are not numbers. When the
  number is followed by 丁目 (東難波町5丁目, 港町４丁目, 三田二丁目), the cut comes after 丁目: the 丁目 is
  part of the town;
- a space (half- or full-width), which in a Japanese address starts a building name;
- a 字 (or 小字) that is not part of 大字, does not begin the address and is not followed by 町, 村 or 通 (十文字町
  and 十字町 are names): a 小字 is smaller than a town (an address that begins with 字, as rural and Okinawan
  addresses do, names its 字 as the town: 字大原１２３ -> 字大原).

What is cut off goes, together with separators left at the end (dashes, ``ー``, ``の``, ``,``, ``、``, ``・``,
``／``).
When the meaning of a number is unsure the cut falls before it, so less leaves the building::

    港町４丁目１９番７号            -> 港町４丁目
    東難波町5丁目12-3              -> 東難波町5丁目
    松原３－２０－４                -> 松原
    城東４０８番地 コスモ住吉６０４   -> 城東
    大字上野字前田１２３番地          -> 大字上野
    字大原１２３                     -> 字大原
    四条通烏丸東入長刀鉾町２０        -> 四条通烏丸東入長刀鉾町   (Kyoto: the street directions and the town)
    札幌市中央区北１条西２丁目        -> 札幌市中央区北          (Sapporo's 条: unsure, cut before the number)

An address that keeps nothing (``１２３番地``) cannot be handled: :func:`towns` reports its position.

**postal-area** gives the first three digits of a Japanese postal code: seven digits, with or without a hyphen
(``-``, ``‐``, ``−``, ``ー`` and full-width forms), optionally after 〒 and spaces, full-width digits read (NFKC);
three digits alone (already an area) are kept. Anything else cannot be handled.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import first_true, is_blank, string_array, text_scalar

# Decimal digits of any script (\d: ASCII, full-width...), and the numbers Unicode writes as one character: circled
# ①-⑳ ㉑-㉟ ㊱-㊿ ⓪-⓿ ❶-➓, parenthesized ⑴-⒇ ㈠-㈩, with a full stop ⒈-⒛, circled ideographs ㊀-㊉, Roman Ⅰ-ↈ.
_DIGITS = "\\d\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\u3220-\u3229\u3280-\u3289\u2160-\u2188"
_KANJI_NUMERALS = "〇零一二三四五六七八九十百千壱弐参拾"
_NUMBER_AFTER = f"[{_DIGITS}{_KANJI_NUMERALS}]"
# Dashes and long-vowel marks as addresses separate numbers with them (ｰ is the half-width ー), and the wave dash.
_DASHES = "\\-－‐‑‒−–—―ーｰ﹣〜～"
# Kanji numerals are a number before 丁目, 番地, 番, 号, の and a number, or anything but a letter of a name (a
# dash, a slash, a dot, a comma, a bracket, a space, the end); in a name a kanji or a kana follows (四条, 八王子).
_KANJI_NUMBER = rf"[{_KANJI_NUMERALS}]+(?=丁目|番地|番(?!町)|号|[の之ノ]{_NUMBER_AFTER}|[{_DASHES}]|[^\w]|$)"
_CUT = re.compile(
    rf"(?P<number>[{_DIGITS}]+|第[{_KANJI_NUMERALS}]+(?=地割)|{_KANJI_NUMBER})"
    r"(?P<chome>丁目)?"
    r"|(?P<space>\s)"
    r"|(?<!大)(?<=.)(?P<aza>小?字)(?![町村通])"
)
_TRAILING = re.compile(rf"[\s{_DASHES}の,，、・･／/]+$")

_POSTAL = r"^(\d{3})(?:[-‐‑−–—―ー]?\d{4})?$"
_POSTAL_DECORATION = r"^\s*〒?\s*|\s+$"


def town(address: str) -> str | None:
    """The town part of one address (rules in the module docstring): "" for "", None when nothing would be kept."""
    text = address.strip()
    if not text:
        return ""
    found = _CUT.search(text)
    if found is None:
        return text
    end = found.end() if found.group("chome") else found.start()
    kept = _TRAILING.sub("", text[:end])
    return kept or None


def towns(values: pa.Array) -> tuple[pa.Array, int | None]:
    """:func:`town` of every value of a string array, once per distinct value: the results, and the index of the
    first value that keeps nothing (None when every value was handled)."""
    encoded = pc.dictionary_encode(values)
    made = [town(value) for value in encoded.dictionary.to_pylist()]
    result = pc.take(string_array(made), encoded.indices)
    return _without_nulls(result)


def postal_areas(values: pa.Array) -> tuple[pa.Array, int | None]:
    """The area (first three digits, ASCII) of every postal code of a string array, vectorised: the results, and
    the index of the first value that is not a postal code (None when every value was one). "" stays ""."""
    folded = pc.replace_substring_regex(pc.utf8_normalize(values, "NFKC"), _POSTAL_DECORATION, "")
    valid = pc.match_substring_regex(folded, _POSTAL)
    areas = pc.replace_substring_regex(folded, _POSTAL, r"\1")
    nothing, null = text_scalar("", values.type), text_scalar(None, values.type)
    result = pc.if_else(pc.or_(valid, is_blank(values)), pc.if_else(valid, areas, nothing), null)
    return _without_nulls(result)


def _without_nulls(result: pa.Array) -> tuple[pa.Array, int | None]:
    return result, (first_true(pc.is_null(result)) if result.null_count else None)
