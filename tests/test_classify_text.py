"""The comparison copies the classifier matches against: invisible characters, spaces, NFKC and kana folding.

The Unicode Character Database of Debian's `unicode-data` package is the reference for which characters are
default-ignorable and which are white space, so the set is checked against a table we did not write.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.classify_text import clean_text, fold_kana, is_invisible, strip_invisible

UCD = Path("/usr/share/unicode")


def _ucd_code_points(file: str, property_name: str) -> set[int]:
    """Every code point the UCD file lists with `property_name` (ranges expanded)."""
    path = UCD / file
    if not path.exists():
        pytest.fail(f"{path} is missing: install the Debian package unicode-data (./dev test does)")
    points: set[int] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [field.strip() for field in line.split("#", 1)[0].split(";")]
        if len(fields) == 2 and fields[1] == property_name:
            first, _, last = fields[0].partition("..")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    assert points, f"no {property_name} in {path}"
    return points


def test_every_default_ignorable_code_point_of_unicode_is_invisible() -> None:
    ignorable = _ucd_code_points("DerivedCoreProperties.txt", "Default_Ignorable_Code_Point")
    assert 0x200B in ignorable  # the table was read
    assert sorted(hex(code) for code in ignorable if not is_invisible(chr(code))) == []


def test_every_format_and_non_space_control_character_is_invisible() -> None:
    missed = [
        hex(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cf", "Cc") and not chr(code).isspace() and not is_invisible(chr(code))
    ]
    assert missed == []


def test_white_space_is_never_invisible_but_becomes_one_space() -> None:
    white_space = _ucd_code_points("PropList.txt", "White_Space")
    for code in white_space:
        char = chr(code)
        assert not is_invisible(char), hex(code)
        assert clean_text(f"口座{char}番号") == "口座 番号", hex(code)
        assert clean_text(f"{char}住所{char}{char}") == "住所", hex(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("氏\u200b名", "氏名"),  # zero-width space
        ("氏\u200c名\u200d", "氏名"),  # zero-width non-joiner and joiner
        ("\ufeff口座\ufeff番号", "口座番号"),  # byte order marks anywhere
        ("住\u2060所", "住所"),  # word joiner
        ("電話\u00ad番号", "電話番号"),  # soft hyphen
        ("\u2067備考\u2069", "備考"),  # a right-to-left isolate around the name
        ("\u200e生年月日\u200f", "生年月日"),  # bidi marks
        ("\u202e性別\u202c", "性別"),  # override and pop
        ("葛\U000e0100飾区", "葛飾区"),  # an ideographic variation selector
        ("辻\ufe00", "辻"),  # a standardised variation selector
        ("口座番号\u00a0", "口座番号"),  # no-break space
        ("\u3000氏名\u3000", "氏名"),  # ideographic spaces
        ("\t住所 \r\n", "住所"),
        ("山田\u3000\u3000太郎", "山田 太郎"),
        ("ｺｳｻﾞﾒｲｷﾞ", "コウザメイギ"),  # NFKC: half-width katakana are full-width
        ("ｼ\u200bﾞﾒｲ", "ジメイ"),  # invisible characters go before NFKC joins the sound mark
        ("キ゛ンコウ", "ギンコウ"),  # the spacing sound mark of legacy data
        ("ホ゜イント", "ポイント"),
        ("ＭｙＮｕｍｂｅｒ", "MyNumber"),
        ("col\x007", "col7"),
        ("", ""),
        ("\u200b\u00a0\ufeff", ""),
    ],
)
def test_clean_text_removes_invisible_characters_and_unifies_spaces(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("spellings", "folded"),
    [
        (["ｼﾞｭｳｼｮ", "ｼﾞﾕｳｼﾖ", "じゅうしょ", "ジュウショ", "じゆうしよ"], "ジユウシヨ"),
        (["ｾｲﾈﾝｶﾞｯﾋﾟ", "ｾｲﾈﾝｶﾞﾂﾋﾟ", "せいねんがっぴ"], "セイネンガツピ"),
        (["ﾒｰﾙ", "メール", "めーる", "ﾒ-ﾙ", "メ−ル"], "メール"),
        (["ﾏｲﾅﾝﾊﾞｰ", "ﾏｲﾅﾝﾊﾞ-"], "マイナンバー"),
        (["ｷｬｯｼｭ", "キヤツシユ"], "キヤツシユ"),
        (["ヵヶ", "ゕゖ"], "カケ"),
        (["ㇰㇱㇳ"], "クシト"),
    ],
)
def test_kana_folding_makes_legacy_and_modern_spellings_one(spellings: list[str], folded: str) -> None:
    assert {fold_kana(clean_text(spelling)) for spelling in spellings} == {folded}


def test_kana_folding_leaves_kanji_latin_digits_and_separating_dashes_alone() -> None:
    assert fold_kana("口座番号 Account 0123") == "口座番号 Account 0123"
    assert fold_kana("コード-1 電話-番号 a-b") == "コード-1 電話-番号 a-b"


VISIBLE = st.characters(categories=["L", "N", "P", "S", "M"]).filter(lambda char: not is_invisible(char))


@given(st.text(VISIBLE, max_size=30))
def test_no_visible_character_is_ever_removed(text: str) -> None:
    assert strip_invisible(text) == text
    assert clean_text(text) == " ".join(unicodedata.normalize("NFKC", text.translate(_SPACING)).split())


_SPACING = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
INVISIBLE = st.one_of(
    st.characters(categories=["Cf"]),
    st.characters(categories=["Cc"]).filter(lambda char: not char.isspace()),
    st.sampled_from(["\u034f", "\u115f", "\u3164", "\ufe0f", "\uffa0", "\U000e0101", "\u180b", "\u17b4"]),
)


@given(st.text(VISIBLE, max_size=20), st.lists(st.tuples(st.integers(0, 20), INVISIBLE), max_size=6))
def test_invisible_characters_anywhere_leave_the_same_copy(text: str, insertions: list[tuple[int, str]]) -> None:
    disguised = text
    for position, char in insertions:
        disguised = disguised[:position] + char + disguised[position:]
    assert clean_text(disguised) == clean_text(text)


def test_the_ignorable_marks_list_matches_the_characters_it_names() -> None:
    # _PRINTABLE_IGNORABLE lists the ignorable characters str.isprintable() accepts; any other one is caught
    # by the non-printable path. Both paths must agree with is_invisible on every ignorable code point.
    ignorable = _ucd_code_points("DerivedCoreProperties.txt", "Default_Ignorable_Code_Point")
    printable = sorted(code for code in ignorable if chr(code).isprintable())
    assert printable, "some ignorable characters are printable"
    for code in printable:
        assert strip_invisible(f"氏{chr(code)}名") == "氏名", hex(code)
    assert clean_text("".join(map(chr, printable))) == ""
