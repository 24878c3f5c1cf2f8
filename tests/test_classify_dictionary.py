"""Sensitive words written in half-width katakana stay sensitive: checked against a dictionary we did not write.

IPAdic (Debian's mecab-ipadic, the source CSVs of MeCab's dictionary) gives every common noun with its reading
in katakana. A header in kanji that the classifier calls sensitive (口座名義, 所得, 介護) must keep that category
when a legacy layout writes it in half-width katakana (ｺｳｻﾞﾒｲｷﾞ): under-flagging is what asks no confirmation.
A few readings are too often another word to be matched at all; they are listed with the word they collide with.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from exporter.classify import SENSITIVE_CATEGORIES, classify_column

IPADIC = Path("/usr/share/mecab/dic/ipadic")
COMMON_NOUNS = ("Noun.csv", "Noun.verbal.csv", "Noun.adjv.csv", "Noun.adverbal.csv")

# Kanji words whose reading is not matched, because the same reading is as often an ordinary word.
READING_TOO_AMBIGUOUS = {
    "信仰": "シンコウ is also 振興, 進行, 新興",
    "信条": "シンジョウ is also 心情, 身上, 真情",
    "信金": "シンキン is also 心筋 (and 信用金庫 is matched as ｼﾝﾖｳｷﾝｺ)",
    "刑事": "ケイジ is also 掲示, 計時, 軽自動車 (ｹｲｼﾞﾄﾞｳｼｬ)",
    "思想": "シソウ is also 志操, 歯槽, 詩想",
    "思想家": "as 思想",
    "所得顔": "read トコロエガオ, a different word that merely contains 所得",
    "賦課": "フカ is also 付加, 負荷, 不可 (賦課額 is matched as ﾌｶｶﾞｸ)",
    "障碍": "ショウゲ is a rare reading (障碍 as ｼｮｳｶﾞｲ is matched)",
}


def _is_kanji_word(text: str) -> bool:
    return len(text) >= 2 and all("\u4e00" <= char <= "\u9fff" or char == "々" for char in text)


def _half_width(katakana: str) -> str:
    """Full-width katakana as half-width, from the NFKC mapping of the half-width block."""
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in "ﾞﾟ":
            composed = unicodedata.normalize("NFKC", half + mark)
            if len(composed) == 1:
                table.setdefault(composed, half + mark)
    return "".join(table.get(char, char) for char in katakana)


def _common_nouns() -> dict[str, str]:
    """Kanji surface -> katakana reading of IPAdic's common nouns."""
    if not IPADIC.is_dir():
        pytest.fail(f"{IPADIC} is missing: install the Debian package mecab-ipadic (./dev test does)")
    nouns: dict[str, str] = {}
    for name in COMMON_NOUNS:
        with (IPADIC / name).open(encoding="euc_jp", newline="") as file:
            for row in csv.reader(file):
                surface, reading = row[0], row[11]
                if _is_kanji_word(surface) and reading != "*":
                    nouns.setdefault(surface, reading)
    return nouns


def test_sensitive_kanji_words_keep_their_category_in_half_width_katakana() -> None:
    nouns = _common_nouns()
    assert len(nouns) > 40_000, "IPAdic was read"
    checked = 0
    lost: dict[str, tuple[str, str, str]] = {}
    for surface, reading in nouns.items():
        category = classify_column(surface, [])
        if category not in SENSITIVE_CATEGORIES:
            continue
        checked += 1
        as_legacy_layout = _half_width(reading)
        found = classify_column(as_legacy_layout, [])
        if found is not category and surface not in READING_TOO_AMBIGUOUS:
            lost[surface] = (as_legacy_layout, category.value, found.value)
    assert checked > 100, "the dictionary holds a hundred sensitive words and more"
    assert lost == {}
