"""Which encoding a resident file without a byte order mark is written in: UTF-8, CP932 (Shift_JIS) or EUC-JP.

Japanese municipal files are one of the first two; older Unix-based systems still write EUC-JP. UTF-8 Japanese
text almost never decodes as CP932, but short CP932 text can decode as UTF-8: two half-width katakana whose bytes
happen to form a UTF-8 sequence (ﾅｶ is C5 B6, which UTF-8 reads as Ŷ). General detectors are fooled by exactly
that (charset-normalizer 3.5 and chardet 7.7 both call the three-line file ``0001,ﾅｶﾆｼ ﾃｽ,1000`` Slovak UTF-8),
so the decision here uses what such files contain:

1. Evidence is gathered where the file has non-ASCII bytes, not only in its first MiB: an ASCII head is skipped
   (at memory speed) to the first non-ASCII byte, and up to :data:`EVIDENCE_BYTES` from there are decoded both ways.
2. If only one encoding decodes the evidence, it is that one. If neither does, the one that reads far further
   is taken (its bad bytes are then refused with their line), else the file is refused as neither.
3. If both do, the readings are weighed by their odd characters. In the UTF-8 reading: a Latin letter with a
   diacritic outside a word of ASCII letters (``Müller``, ``José``, ``Nguyễn`` are natural, ``Ŷƻ ý`` between
   commas is not); a Greek or Cyrillic letter outside a word of three letters of its script (``Иван`` is
   natural, ``зб`` is not); a letter of any other script; a symbol that neither Latin-1 nor CP932 has, or one that
   stands alone rather than beside a word or a number (``36.5°`` is natural, ``¦`` between commas is not). In the
   CP932 reading: half-width katakana that touch ASCII letters (``Mﾃｼller``) or full-width characters
   (``ﾐ漢ｲ``), and ､ ･ ｡ ｢ ｣ making up a fifth of the half-width characters (EUC-JP kana read as CP932). In the
   EUC-JP reading: kanji of JIS level 2 and symbols of its rows 2 to 8 (what CP932 half-width katakana become).
   Fewer odd characters wins; a tie goes to UTF-8, then CP932.

Bytes further on that contradict the choice are refused by the reader with their line, and the hint says how
to give the encoding explicitly.
"""

from __future__ import annotations

import codecs
from pathlib import Path

EVIDENCE_BYTES = 8 << 20
_SCAN_BLOCK = 1 << 20
_MIN_REACH = 16  # bytes of text one reading must get through, where the others fail at once
_WEIGHED_CHARS = 1 << 16  # both readings weighed over their first 64 Ki characters


CANDIDATES = ("utf-8", "cp932", "euc_jp")  # in the order that wins a tie


def detect(path: Path, head: bytes) -> str | None:
    """``"utf-8"``, ``"cp932"`` or ``"euc_jp"`` for a file with no BOM whose first bytes are ``head``; None if none
    of them decodes it. Reads further into the file at ``path`` when the head holds no non-ASCII text.
    """
    evidence, complete = _evidence(path, head)
    if not evidence:
        return "utf-8"  # ASCII only: every candidate reads it the same way
    readings = {codec: _decode(evidence, codec, complete) for codec in CANDIDATES}
    decoded = {codec: text[:_WEIGHED_CHARS] for codec, text in readings.items() if text is not None}
    if not decoded:
        return _longest_reading(evidence)
    if len(decoded) == 1:
        return next(iter(decoded))
    odd = {codec: _ODD[codec](text) for codec, text in decoded.items()}
    return min(decoded, key=lambda codec: (odd[codec], CANDIDATES.index(codec)))


def _evidence(path: Path, head: bytes) -> tuple[bytes, bool]:
    """Up to EVIDENCE_BYTES from the first non-ASCII byte on (starting at a character), and whether it ends the file."""
    with open(path, "rb") as file:
        block = head
        file.seek(len(head))
        while block.isascii():
            block = file.read(_SCAN_BLOCK)
            if not block:
                return b"", True
        start = _first_non_ascii(block)
        # Begin at the line holding the first non-ASCII byte: every byte before it is ASCII, so it starts a character.
        line_start = max(block.rfind(b"\n", 0, start), block.rfind(b"\r", 0, start)) + 1
        evidence = bytearray(block[line_start : line_start + EVIDENCE_BYTES])
        while len(evidence) < EVIDENCE_BYTES:
            more = file.read(min(_SCAN_BLOCK, EVIDENCE_BYTES - len(evidence)))
            if not more:
                return bytes(evidence), True
            evidence += more
        return bytes(evidence), not file.read(1)


def _longest_reading(evidence: bytes) -> str | None:
    """None decodes all the evidence: the one that reads at least twice as far as any other and 16 bytes or more
    (the reader then names the line of its bad bytes), else None."""
    reach = {}
    for codec in CANDIDATES:
        try:
            evidence.decode(codec)
        except UnicodeDecodeError as error:
            reach[codec] = error.start
    best, runner_up = sorted(reach, key=lambda codec: reach[codec], reverse=True)[:2]
    return best if reach[best] >= max(2 * reach[runner_up], _MIN_REACH) else None


def _first_non_ascii(block: bytes) -> int:
    """The index of the first byte >= 0x80 in a block that has one, by halving (isascii runs at memory speed)."""
    low, high = 0, len(block)  # block[:low] is ASCII, block[:high] is not
    while high - low > 1:
        middle = (low + high) // 2
        if block[low:middle].isascii():
            low = middle
        else:
            high = middle
    return low


def _decode(data: bytes, codec: str, complete: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)().decode(data, final=complete)
    except UnicodeError:
        return None


def _is_japanese(char: str) -> bool:
    """Kana, kanji, full-width and half-width forms, CJK punctuation and the symbols JIS X 0208 holds."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x33FF  # CJK punctuation, hiragana, katakana, enclosed CJK, CJK compatibility (㍻ ㈱)
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs (and extension A)
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs (﨑)
        or 0xFF00 <= code <= 0xFFEF  # full-width forms and half-width katakana
        or 0x2000 <= code <= 0x27FF  # punctuation, symbols, arrows, maths, box drawing, shapes, ①...
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later (𠮷)
    )


def _odd_in_utf8(text: str) -> int:
    odd = 0
    for index, char in enumerate(text):
        if char.isascii() or _is_japanese(char):
            continue
        code = ord(char)
        if char.isalpha():
            if 0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF:  # Latin: natural inside a word of ASCII letters
                natural = _ascii_letter_at(text, index - 1) or _ascii_letter_at(text, index + 1)
            elif 0x370 <= code <= 0x4FF:  # Greek, Cyrillic: natural in a word of three or more letters of that script
                natural = _run_in_block(text, index) >= 3
            else:
                natural = False
        else:  # a symbol next to a word or a number (36.5°, © 2026, 100 £), not one alone between delimiters
            near_text = any(_ascii_alnum_or_space_at(text, neighbour) for neighbour in (index - 1, index + 1))
            natural = near_text and (code < 0x100 or _in_cp932(char))
        odd += not natural
    return odd


def _ascii_alnum_or_space_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and (text[index].isalnum() or text[index] == " ")


def _run_in_block(text: str, index: int) -> int:
    """The length of the run of letters around ``text[index]`` from its 256-character block (Greek, Cyrillic)."""
    block = ord(text[index]) >> 8
    start = end = index
    while start > 0 and text[start - 1].isalpha() and ord(text[start - 1]) >> 8 == block:
        start -= 1
    while end + 1 < len(text) and text[end + 1].isalpha() and ord(text[end + 1]) >> 8 == block:
        end += 1
    return end - start + 1


def _in_cp932(char: str) -> bool:
    try:
        char.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def _odd_in_cp932(text: str) -> int:
    odd = 0
    half_width = punctuation = 0
    for index, char in enumerate(text):
        if not 0xFF61 <= ord(char) <= 0xFF9F:
            continue
        half_width += 1
        punctuation += 0xFF61 <= ord(char) <= 0xFF65  # ｡｢｣､･
        for neighbour in (index - 1, index + 1):
            if _ascii_letter_at(text, neighbour) or _full_width_at(text, neighbour):
                odd += 1
                break
    # EUC-JP hiragana and katakana (A4xx, A5xx) read as CP932 put ､ or ･ before every other character.
    if punctuation * 5 > half_width:
        odd += punctuation
    return odd


def _odd_in_euc_jp(text: str) -> int:
    """In an EUC-JP reading, the rare kanji of JIS level 2 and symbols of its rows 2 to 8 (Greek, Cyrillic, box
    drawing) are what CP932 half-width katakana turn into; a resident register mostly holds level-1 kanji and kana."""
    odd = 0
    for char in text:
        if char.isascii() or 0x3040 <= ord(char) <= 0x30FF:
            continue
        try:
            lead = char.encode("euc_jp")[0]
        except UnicodeEncodeError:
            continue
        odd += lead >= 0xD0 or (0xA2 <= lead <= 0xA8 and lead not in (0xA4, 0xA5))
    return odd


_ODD = {"utf-8": _odd_in_utf8, "cp932": _odd_in_cp932, "euc_jp": _odd_in_euc_jp}


def _ascii_letter_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalpha()


def _full_width_at(text: str, index: int) -> bool:
    if not 0 <= index < len(text):
        return False
    code = ord(text[index])
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


__all__ = ["EVIDENCE_BYTES", "detect"]
