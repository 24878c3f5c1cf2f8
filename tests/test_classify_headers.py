"""Header spellings that must not under-flag a column: invisible characters, odd spaces, half-width katakana.

Legacy host and 全銀協-style bank-transfer layouts name their items in half-width katakana (ｺｳｻﾞﾒｲｷﾞ), often
without small kana (ｼﾞﾕｳｼﾖ); headers pasted from the web carry zero-width spaces and no-break spaces. Each
spelling here must give the category its plain form gives. All header names are invented or taken from public
record layouts; every value is synthetic.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.classify import Category, classify_column, classify_columns
from exporter.classify_text import fold_kana
from exporter.classify_vocabulary import HEADER_VOCABULARY

CASES = Path(__file__).parent / "cases"


def _half_width_table() -> dict[str, str]:
    """Full-width katakana (also voiced ones) -> half-width, from the NFKC mapping of the half-width block."""
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in "ﾞﾟ":
            composed = unicodedata.normalize("NFKC", half + mark)
            if len(composed) == 1:
                table.setdefault(composed, half + mark)
    return table


HALF_WIDTH = _half_width_table()


def to_half_width(text: str) -> str:
    return "".join(HALF_WIDTH.get(char, char) for char in text)


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" else char for char in text)


def test_the_half_width_helper_gives_what_legacy_layouts_write() -> None:
    assert to_half_width("コウザメイギ") == "ｺｳｻﾞﾒｲｷﾞ"
    assert to_half_width("キンユウキカンコード") == "ｷﾝﾕｳｷｶﾝｺｰﾄﾞ"
    assert to_half_width("ポイント") == "ﾎﾟｲﾝﾄ"


# Half-width katakana item names of registry exports and bank-transfer layouts, one row per category.
HALF_WIDTH_TABLE: dict[Category, tuple[str, ...]] = {
    Category.MY_NUMBER: ("ｺｼﾞﾝﾊﾞﾝｺﾞｳ", "ﾏｲﾅﾝﾊﾞｰ", "ｺｼﾞﾝﾊﾞﾝｺﾞｳ(ﾏｲﾅﾝﾊﾞｰ)", "ﾄｸﾃｲｺｼﾞﾝｼﾞｮｳﾎｳ"),
    Category.IDENTIFIER: (
        "ｼﾞｭｳﾐﾝｺｰﾄﾞ", "ｼﾞｭｳﾐﾝﾊﾞﾝｺﾞｳ", "ｼﾞｭｳﾐﾝﾋｮｳｺｰﾄﾞ", "ｾﾀｲﾊﾞﾝｺﾞｳ", "ｾﾀｲｺｰﾄﾞ", "ｱﾃﾅｺｰﾄﾞ", "ｱﾃﾅﾊﾞﾝｺﾞｳ",
        "ｺｼﾞﾝｺｰﾄﾞ", "ﾋﾎｹﾝｼｬﾊﾞﾝｺﾞｳ", "ｺｷｬｸﾊﾞﾝｺﾞｳ", "ｺｷｬｸｺｰﾄﾞ1", "ｼﾞｭｷｭｳｼｬﾊﾞﾝｺﾞｳ", "ｾｲﾘﾊﾞﾝｺﾞｳ",
        "ｷｿﾈﾝｷﾝﾊﾞﾝｺﾞｳ", "ｻﾞｲﾘｭｳｶｰﾄﾞﾊﾞﾝｺﾞｳ", "ﾘｮｹﾝﾊﾞﾝｺﾞｳ",
    ),
    Category.NAME: (
        "ｼﾒｲ", "ｶﾅｼﾒｲ", "ｼﾒｲｶﾅ", "ｼﾒｲ(ｶﾅ)", "ﾌﾘｶﾞﾅ", "ｾｲ", "ﾒｲ", "ｾｲﾒｲ", "ｾｲ(ｶﾝｼﾞ)", "ﾒｲ(ｶﾅ)", "ﾅﾏｴ",
        "ｾﾀｲﾇｼ", "ｾﾀｲﾇｼﾒｲ", "ｷｭｳｾｲ", "ﾂｳｼｮｳﾒｲ", "ﾐｮｳｼﾞ", "ｿｳﾌｻｷｼﾒｲ",
    ),
    Category.GENDER: ("ｾｲﾍﾞﾂ", "ｾｲﾍﾞﾂｺｰﾄﾞ", "ﾀﾞﾝｼﾞｮ"),
    Category.BIRTH: ("ｾｲﾈﾝｶﾞｯﾋﾟ", "ｾｲﾈﾝｶﾞｯﾋﾟ(ﾜﾚｷ)", "ﾈﾝﾚｲ", "ﾏﾝﾈﾝﾚｲ", "ﾀﾝｼﾞｮｳﾋﾞ", "ｼｭｯｾｲﾋﾞ"),
    Category.ADDRESS: (
        "ｼﾞｭｳｼｮ", "ｼﾞｭｳｼｮ1", "ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ", "ｿｳﾌｻｷ", "ｿｳﾌｻｷｼﾞｭｳｼｮ", "ｶﾀｶﾞｷ", "ﾊﾞﾝﾁ", "ﾄﾄﾞｳﾌｹﾝ",
        "ｼｸﾁｮｳｿﾝ", "ﾎﾝｾｷ", "ﾁｮｳﾒｲ", "ｼｮｻﾞｲﾁ", "ｱﾃｻｷ",
    ),
    Category.CONTACT: ("ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ", "ﾚﾝﾗｸｻｷ", "ﾒｰﾙ", "ﾒｰﾙｱﾄﾞﾚｽ", "ｹｲﾀｲ", "ｹｲﾀｲﾃﾞﾝﾜ", "ﾌｧｯｸｽ", "ﾚﾝﾗｸｻｷｼﾞｭｳｼｮ"),
    Category.FINANCIAL: (
        "ｷﾝﾕｳｷｶﾝｺｰﾄﾞ", "ｷﾝﾕｳｷｶﾝﾒｲ", "ｷﾞﾝｺｳｺｰﾄﾞ", "ｷﾞﾝｺｳﾒｲ", "ｼﾃﾝｺｰﾄﾞ", "ｼﾃﾝﾒｲ", "ｼﾃﾝﾊﾞﾝｺﾞｳ", "ﾖｷﾝｼｭﾓｸ",
        "ｺｳｻﾞﾊﾞﾝｺﾞｳ", "ｺｳｻﾞﾒｲｷﾞ", "ｺｳｻﾞﾒｲｷﾞｶﾅ", "ｳｹﾄﾘﾆﾝﾒｲ", "ﾌﾘｺﾐｷﾝｶﾞｸ", "ﾋｼﾑｹｷﾞﾝｺｳﾊﾞﾝｺﾞｳ", "ﾋｼﾑｹｼﾃﾝﾒｲ",
        "ﾃｶﾞﾀｺｳｶﾝｼｮﾊﾞﾝｺﾞｳ", "ﾖｷﾝｼｬﾒｲ", "ﾋｷｵﾄｼｷﾞﾝｺｳﾊﾞﾝｺﾞｳ", "ﾋｷｵﾄｼｷﾝｶﾞｸ", "ﾌﾘｶｴｹｯｶｺｰﾄﾞ", "ﾌﾘｺﾐｸﾌﾞﾝ",
        "ﾃﾝﾊﾞﾝ", "ﾒｲｷﾞﾆﾝ", "ｼﾝﾖｳｷﾝｺ", "ﾕｳﾁｮｷｺﾞｳ",
    ),
    Category.TAX: (
        "ｾﾞｲｶﾞｸ", "ｼｮﾄｸ", "ｶｾﾞｲ", "ｶｾﾞｲｼｮﾄｸ", "ｼﾞｭｳﾐﾝｾﾞｲ", "ｼﾐﾝｾﾞｲｶﾞｸ", "ｺｳｼﾞｮｶﾞｸ", "ｷｭｳﾖｼｭｳﾆｭｳ", "ｷｭｳﾖ",
        "ﾈﾝｼｭｳ", "ﾉｳﾌｶﾞｸ", "ﾀｲﾉｳｶﾞｸ", "ﾌｶｶﾞｸ", "ﾄｸﾍﾞﾂﾁｮｳｼｭｳｾﾞｲｶﾞｸ",
    ),
    Category.SPECIAL: (
        "ｶｲｺﾞ", "ﾖｳｶｲｺﾞﾄﾞ", "ﾖｳｶｲｺﾞｼﾞｮｳﾀｲｸﾌﾞﾝ", "ﾖｳｼｴﾝ", "ｼｮｳｶﾞｲ", "ｼｮｳｶﾞｲｼｬﾃﾁｮｳ", "ﾘｮｳｲｸﾃﾁｮｳ",
        "ｾｲｶﾂﾎｺﾞ", "ﾋﾎｺﾞｼｬ", "ﾋﾞｮｳﾒｲ", "ﾋﾞｮｳﾚｷ", "ｼｯﾍﾟｲ", "ｹﾝｺｳｼﾞｮｳﾀｲ", "ﾆｭｳｲﾝ", "ﾊﾝｻﾞｲﾚｷ", "ｼｭｳｷｮｳ",
        "ｶｲｺﾞﾎｹﾝﾋﾎｹﾝｼｬﾊﾞﾝｺﾞｳ", "ｼｴﾝｿﾁ", "ﾖｳﾊｲﾘｮ",
    ),
    Category.FREE_TEXT: ("ﾋﾞｺｳ", "ﾒﾓ", "ｺﾒﾝﾄ", "ﾃｷﾖｳ", "ﾄｯｷｼﾞｺｳ", "ﾓｳｼｵｸﾘ", "ﾚﾝﾗｸｼﾞｺｳ"),
    Category.OTHER: (
        "ﾂﾂﾞｷｶﾞﾗ", "ｾﾀｲﾇｼﾄﾉﾂﾂﾞｷｶﾞﾗ", "ｿﾞｸｶﾞﾗ", "ｲﾄﾞｳﾈﾝｶﾞｯﾋﾟ", "ﾄｳﾛｸﾋﾞ", "ﾃﾝﾆｭｳﾋﾞ", "ﾃﾞｰﾀｸﾌﾞﾝ", "ｼﾝｷｺｰﾄﾞ",
        "ｼｭﾍﾞﾂｺｰﾄﾞ", "ｲﾗｲﾆﾝｺｰﾄﾞ", "ｺｰﾄﾞ", "ｷﾝｶﾞｸ", "ｹﾝｽｳ", "ﾀﾞﾐｰ",
    ),
}  # fmt: skip

HALF_WIDTH_ROWS = [(header, category) for category, headers in HALF_WIDTH_TABLE.items() for header in headers]


def _disguises(header: str) -> dict[str, str]:
    """The ways the same header reaches us: full-width, with invisible characters, with surrounding spaces."""
    middle = len(header) // 2
    return {
        "as written": header,
        "full-width": unicodedata.normalize("NFKC", header),
        "zero-width space inside": header[:middle] + "\u200b" + header[middle:],
        "word joiners between every character": "\u2060".join(header),
        "BOM and soft hyphen": "\ufeff" + header[:middle] + "\u00ad" + header[middle:],
        "bidi isolate": "\u2068" + header + "\u2069",
        "trailing NBSP": header + "\u00a0",
        "leading ideographic space": "\u3000" + header,
        "tab and spaces": "\t " + header + "  ",
    }


@pytest.mark.parametrize(("header", "expected"), HALF_WIDTH_ROWS)
def test_half_width_katakana_item_names_get_their_category_however_they_are_disguised(
    header: str, expected: Category
) -> None:
    found = {label: classify_column(disguised, []) for label, disguised in _disguises(header).items()}
    assert found == dict.fromkeys(found, expected)


@pytest.mark.parametrize(
    ("header", "expected"),
    [(header, category) for header, category in HALF_WIDTH_ROWS if any("ｧ" <= char <= "ｯ" for char in header)],
)
def test_legacy_spellings_without_small_kana_get_the_same_category(header: str, expected: Category) -> None:
    large = header.translate(str.maketrans("ｧｨｩｪｫｬｭｮｯ", "ｱｲｳｴｵﾔﾕﾖﾂ"))
    assert large != header
    assert classify_column(large, []) is expected, large


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ﾒ-ﾙ", Category.CONTACT), ("ﾒ-ﾙｱﾄﾞﾚｽ", Category.CONTACT), ("ｼﾞｭｳﾐﾝｺ-ﾄﾞ", Category.IDENTIFIER),
        ("ｷﾝﾕｳｷｶﾝｺ-ﾄﾞ", Category.FINANCIAL), ("ﾏｲﾅﾝﾊﾞ-", Category.MY_NUMBER), ("ｷ゛ﾝｺｳｺ-ﾄﾞ", Category.FINANCIAL),
    ],
)  # fmt: skip
def test_legacy_hyphens_and_spacing_sound_marks_read_as_the_kana_they_stand_for(
    header: str, expected: Category
) -> None:
    assert classify_column(header, []) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [(header, category) for header, category in HALF_WIDTH_ROWS if category is not Category.OTHER],
)
def test_hiragana_spellings_of_the_item_names_get_the_same_category(header: str, expected: Category) -> None:
    hiragana = to_hiragana(unicodedata.normalize("NFKC", header))
    assert classify_column(hiragana, []) is expected, hiragana


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bank_code", Category.FINANCIAL), ("BankCode", Category.FINANCIAL), ("branch-name", Category.FINANCIAL),
        ("accountHolderKana", Category.FINANCIAL), ("payee", Category.FINANCIAL), ("PAYEE_NAME", Category.FINANCIAL),
        ("KOZA_MEIGI", Category.FINANCIAL), ("kouzaNo", Category.FINANCIAL), ("GINKO_CD", Category.FINANCIAL),
        ("myNumber", Category.MY_NUMBER), ("KOJIN_BANGO", Category.MY_NUMBER),
        ("residentId", Category.IDENTIFIER), ("customer_no", Category.IDENTIFIER),
        ("SHIMEI", Category.NAME), ("shimei_kana", Category.NAME), ("familyName", Category.NAME),
        ("JUSHO", Category.ADDRESS), ("yubin_bango", Category.ADDRESS), ("postalCode", Category.ADDRESS),
        ("DENWA", Category.CONTACT), ("phoneNumber", Category.CONTACT),
        ("SEINENGAPPI", Category.BIRTH), ("birthDate", Category.BIRTH), ("SEIBETSU", Category.GENDER),
        ("ZEIGAKU", Category.TAX), ("residentTax", Category.TAX), ("KAIGO_DO", Category.SPECIAL),
        ("careLevel", Category.SPECIAL), ("dv_flag", Category.SPECIAL), ("BIKOU", Category.FREE_TEXT),
        ("remarksText", Category.FREE_TEXT),
    ],
)  # fmt: skip
def test_latin_snake_camel_and_romaji_headers(header: str, expected: Category) -> None:
    assert classify_column(header, []) is expected
    assert classify_column("\u200b" + header + "\u00a0", []) is expected


# Short kana words (ｾｲ 姓, ﾒｲ 名) and words that fold together must not match inside longer ones, in both
# directions: the short word alone is found, and the longer word keeps its own category.
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ｾｲ", Category.NAME), ("ｾｲﾍﾞﾂ", Category.GENDER), ("ｾｲﾈﾝｶﾞｯﾋﾟ", Category.BIRTH),
        ("ｾｲﾘﾊﾞﾝｺﾞｳ", Category.IDENTIFIER), ("ｾｲｶﾂﾎｺﾞ", Category.SPECIAL), ("ｾｲﾋﾝ", Category.OTHER),
        ("ｾｲｷｭｳｶﾞｸ", Category.OTHER),
        ("ﾒｲ", Category.NAME), ("ｺｳｻﾞﾒｲｷﾞ", Category.FINANCIAL), ("ｼﾃﾝﾒｲ", Category.FINANCIAL),
        ("ｷﾝﾕｳｷｶﾝﾒｲ", Category.FINANCIAL), ("ﾁｮｳﾒｲ", Category.ADDRESS), ("ｼｮｳﾋﾝﾒｲ", Category.OTHER),
        ("ﾒｲｼｮｳ", Category.OTHER), ("ｶﾞｯｺｳﾒｲ", Category.OTHER),
        ("ｺｳｼﾞｮｶﾞｸ", Category.TAX), ("ｺｳｼﾞｮｳﾒｲ", Category.OTHER),
        ("ｷｭｳﾖ", Category.TAX), ("ｷｭｳﾖｳ", Category.OTHER),
        ("ﾃｷﾖｳ", Category.FREE_TEXT), ("ﾃｷﾖｳｶｲｼﾋﾞ", Category.OTHER),
        ("ｹｲﾀｲ", Category.CONTACT), ("ｼｭｳﾛｳｹｲﾀｲ", Category.OTHER),
        ("ｿｳﾌｻｷ", Category.ADDRESS), ("ｿｳﾌｻｷｼﾒｲ", Category.NAME), ("送付先氏名", Category.NAME),
        ("ｺｼﾞﾝﾊﾞﾝｺﾞｳ", Category.MY_NUMBER), ("ｺｼﾞﾝｺｰﾄﾞ", Category.IDENTIFIER),
        ("ｼﾞｭｳﾐﾝｾﾞｲ", Category.TAX), ("ｼﾞｭｳﾐﾝｺｰﾄﾞ", Category.IDENTIFIER),
    ],
)  # fmt: skip
def test_short_kana_words_are_not_found_inside_longer_ones(header: str, expected: Category) -> None:
    assert classify_column(header, []) is expected


# Found by reading every common noun of IPAdic in katakana (tests/test_classify_dictionary.py does the other
# direction): words that fold to an item name, or contain one, but are something else.
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ｺｳｻﾞﾝ", Category.OTHER), ("ｺｳｻﾞｲ", Category.OTHER), ("ｼﾃﾝﾉｳ", Category.OTHER),
        ("ﾕｳﾁｮｳ", Category.OTHER), ("ﾘｭｳﾁｮｳ", Category.OTHER), ("ﾄｸﾃﾝﾊﾞﾝ", Category.OTHER),
        ("ｾﾞｲﾀｸ", Category.OTHER), ("ｺｳｼﾞｮﾘｮｳｿﾞｸ", Category.OTHER), ("ｶｲｺﾞｳ", Category.OTHER),
        ("ﾀｲﾎｳ", Category.OTHER), ("ﾘﾝｷｵｳﾍﾝ", Category.OTHER), ("ｼﾞｭｳｼｮｸ", Category.OTHER),
        ("ｼﾞｭｳｼｮｳ", Category.OTHER), ("ﾀｯｷｭｳﾋﾞﾝ", Category.OTHER), ("ﾁｮｳﾒﾝ", Category.OTHER),
        ("ｼﾀﾃﾓﾉ", Category.OTHER), ("ﾊﾞﾝﾁｮｳ", Category.OTHER), ("ｲﾁﾊﾞﾝ", Category.OTHER),
        ("ﾀﾞﾝｼﾞｮｳ", Category.OTHER), ("ｻｶﾅ", Category.OTHER), ("ｶﾅﾓﾉ", Category.OTHER),
        ("ﾐｮｳｼﾞﾝ", Category.OTHER), ("ﾒﾓﾘ", Category.OTHER), ("ﾖﾋﾞｺｳ", Category.OTHER),
        ("ｲｯｼｮｹﾝﾒｲ", Category.OTHER), ("ﾏﾒﾙｲ", Category.OTHER), ("ﾒﾝｷｮｼｮｳﾊﾞﾝｺﾞｳ", Category.IDENTIFIER),
        ("ｺｸｾﾞｲ", Category.TAX), ("ｶﾝｾﾞｲ", Category.TAX), ("ｾﾞｲﾘﾂ", Category.TAX), ("ｺｳｼﾞｮ", Category.TAX),
        ("ｷｵｳｼｮｳ", Category.SPECIAL), ("ｾﾞﾝｶ", Category.SPECIAL), ("ﾀｲﾎﾚｷ", Category.SPECIAL),
        ("ﾁﾊﾞﾝ", Category.ADDRESS), ("ﾀﾃﾓﾉﾒｲ", Category.ADDRESS), ("ﾐｮｳｼﾞ", Category.NAME),
        ("ｶﾅ", Category.NAME), ("ｾｲｶﾅ", Category.NAME), ("ｶﾅﾒｲ2", Category.NAME), ("ｿｳﾌｻｷｶﾅ", Category.NAME),
    ],
)  # fmt: skip
def test_kana_words_that_only_sound_like_an_item_name_keep_their_own_category(header: str, expected: Category) -> None:
    assert classify_column(header, []) is expected


def test_the_more_sensitive_kind_wins_when_a_kana_header_names_two() -> None:
    assert classify_column("ｺｳｻﾞﾒｲｷﾞ", []) is Category.FINANCIAL  # not a name
    assert classify_column("ｳｹﾄﾘﾆﾝﾒｲ", []) is Category.FINANCIAL  # the payee of a transfer holds the account
    assert classify_column("ｶｲｺﾞﾎｹﾝﾋﾎｹﾝｼｬﾊﾞﾝｺﾞｳ", []) is Category.SPECIAL  # not only an identifier
    assert classify_column("ｾｲｶﾂﾎｺﾞﾌﾘｺﾐｺｳｻﾞ", []) is Category.SPECIAL
    assert classify_column("ｺｼﾞﾝﾊﾞﾝｺﾞｳｶｰﾄﾞｺｳﾌﾋﾞ", []) is Category.MY_NUMBER


# --- whole layouts ------------------------------------------------------------------------------------------

ZENGIN_TRANSFER: list[tuple[str, list[str], Category]] = [
    ("ﾃﾞｰﾀｸﾌﾞﾝ", ["2"] * 3, Category.OTHER),
    ("ﾋｼﾑｹｷﾞﾝｺｳﾊﾞﾝｺﾞｳ", ["0001", "0005", "0009"], Category.FINANCIAL),
    ("ﾋｼﾑｹｷﾞﾝｺｳﾒｲ", ["ﾄｳｻﾞｲｷﾞﾝｺｳ", "ﾔﾏｶﾜｼﾝｷﾝ", "ﾐﾎﾝｷﾞﾝｺｳ"], Category.FINANCIAL),
    ("ﾋｼﾑｹｼﾃﾝﾊﾞﾝｺﾞｳ", ["001", "123", "456"], Category.FINANCIAL),
    ("ﾋｼﾑｹｼﾃﾝﾒｲ", ["ｴｷﾏｴ", "ﾎﾝﾃﾝ", "ﾁｭｳｵｳ"], Category.FINANCIAL),
    ("ﾃｶﾞﾀｺｳｶﾝｼｮﾊﾞﾝｺﾞｳ", ["0000"] * 3, Category.FINANCIAL),
    ("ﾖｷﾝｼｭﾓｸ", ["1", "2", "1"], Category.FINANCIAL),
    ("ｺｳｻﾞﾊﾞﾝｺﾞｳ", ["0012345", "1234567", "7654321"], Category.FINANCIAL),
    ("ｳｹﾄﾘﾆﾝﾒｲ", ["ｶｸｳ ﾀﾛｳ", "ﾐﾎﾝ ﾊﾅｺ", "ｼｹﾝ ｲﾁﾛｳ"], Category.FINANCIAL),
    ("ﾌﾘｺﾐｷﾝｶﾞｸ", ["0000010000", "0000250000", "0000003000"], Category.FINANCIAL),
    ("ｼﾝｷｺｰﾄﾞ", ["0"] * 3, Category.OTHER),
    ("ｺｷｬｸｺｰﾄﾞ1", ["0000000001", "0000000002", "0000000003"], Category.IDENTIFIER),
]

REGISTRY_EXPORT: list[tuple[str, list[str], Category]] = [
    ("ｼﾞｭｳﾐﾝﾋｮｳｺｰﾄﾞ", ["12345678901", "23456789012", "34567890123"], Category.IDENTIFIER),
    ("ｱﾃﾅﾊﾞﾝｺﾞｳ", ["0000100001", "0000100002", "0000100003"], Category.IDENTIFIER),
    ("ｾﾀｲﾊﾞﾝｺﾞｳ", ["0000200001", "0000200001", "0000200002"], Category.IDENTIFIER),
    ("ｼﾒｲ", ["架空 太郎", "見本 花子", "試験 一郎"], Category.NAME),
    ("ｼﾒｲｶﾅ", ["ｶｸｳ ﾀﾛｳ", "ﾐﾎﾝ ﾊﾅｺ", "ｼｹﾝ ｲﾁﾛｳ"], Category.NAME),
    ("ｾｲﾍﾞﾂ", ["1", "2", "1"], Category.GENDER),
    ("ｾｲﾈﾝｶﾞﾂﾋﾟ", ["S450302", "H031120", "S520113"], Category.BIRTH),
    ("ﾂﾂﾞｷｶﾞﾗ", ["世帯主", "妻", "子"], Category.OTHER),
    ("ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ", ["1000001", "5300001", "0600001"], Category.ADDRESS),
    ("ｼﾞﾕｳｼﾖ", ["架空県試験市桜町1-2-3", "架空県試験市桜町2-3-4", "架空県見本町5-6"], Category.ADDRESS),
    ("ｶﾀｶﾞｷ", ["メゾン桜101", "", "見本荘2号"], Category.ADDRESS),
    ("ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ", ["03-1234-5678", "090-0000-1111", ""], Category.CONTACT),
    ("ﾖｳｶｲｺﾞｼﾞﾖｳﾀｲｸﾌﾞﾝ", ["21", "", "13"], Category.SPECIAL),
    ("ｼﾞﾕｳﾐﾝｾﾞｲｶﾞｸ", ["120000", "0", "56000"], Category.TAX),
    ("ﾋﾞｺｳ", ["", "転入手続き済み、要確認", ""], Category.FREE_TEXT),
]


@pytest.mark.parametrize("layout", [ZENGIN_TRANSFER, REGISTRY_EXPORT], ids=["zengin transfer", "registry export"])
def test_every_column_of_a_half_width_legacy_layout_gets_its_category(
    layout: list[tuple[str, list[str], Category]],
) -> None:
    header = [name for name, _, _ in layout]
    rows = [list(row) for row in zip(*(values for _, values, _ in layout), strict=True)]
    found = dict(zip(header, classify_columns(header, rows), strict=True))
    assert found == {name: expected for name, _, expected in layout}


# --- values -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["ﾄｳｻﾞｲｷﾞﾝｺｳ", "ﾔﾏｶﾜｼﾝｷﾝ", "ﾕﾒﾉｳｷﾖｳ", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ ｴｷﾏｴｼﾃﾝ"] * 5, Category.FINANCIAL),
        (["ｴｷﾏｴｼﾃﾝ", "ﾎﾝﾃﾝｴｲｷﾞｮｳﾌﾞ", "ｼﾔｸｼﾖｼﾕﾂﾁﾖｳｼﾖ", "ﾁｭｳｵｳｼﾃﾝ"] * 5, Category.FINANCIAL),
        (["\u200b03-1234-5678", "090-0000-1111\u00a0", "\ufeff0312345678"] * 5, Category.CONTACT),
        (["架空\u3000太郎", "見本\u200b 花子", "試験  一郎"] * 5, Category.NAME),
        (["100\u200b-0001", "〒\u00a0530-0001"] * 5, Category.ADDRESS),
    ],
)
def test_values_decide_through_invisible_characters_and_kana_bank_names(values: list[str], expected: Category) -> None:
    assert classify_column("項目003", values) is expected


def test_my_numbers_with_invisible_characters_are_still_my_numbers() -> None:
    numbers = ["123456789018", "000000000019"]
    assert classify_column("項目003", [f"\u200b{n[:6]}\u2060{n[6:]}\ufeff" for n in numbers] * 10) is (
        Category.MY_NUMBER
    )


def test_cells_of_invisible_characters_only_count_as_empty() -> None:
    values = ["\u200b", "\ufeff", "\u00a0", "\u2060\u3000"] * 50 + ["03-1234-5678"] * 10
    assert classify_column("項目003", values) is Category.CONTACT


# --- the vocabulary itself ----------------------------------------------------------------------------------

# Every term of the vocabulary, and the item names above that only its patterns match (ｼﾞｭｳｼｮ, ｾｲ, ｺｳｻﾞ...)
TERMS = sorted(
    {term for entry in HEADER_VOCABULARY for term in f"{entry.japanese} {entry.kana} {entry.latin}".split()}
    | {header for header, _ in HALF_WIDTH_ROWS}
)


def test_every_vocabulary_term_names_its_own_kind_unless_a_more_sensitive_one_claims_it() -> None:
    claimed = {}
    for entry in HEADER_VOCABULARY:
        for term in f"{entry.japanese} {entry.kana} {entry.latin} {entry.words}".split():
            for spelling in {term, to_half_width(term)}:
                found = classify_column(spelling, [])
                if found != entry.category:
                    claimed[spelling] = (entry.category, found.value)
    # 個人番号 is one of the identifier prefixes x suffixes, and the Individual Number itself
    assert claimed == {
        "個人番号": ("identifier", "my_number"),
        "コジンバンゴウ": ("identifier", "my_number"),
        "ｺｼﾞﾝﾊﾞﾝｺﾞｳ": ("identifier", "my_number"),
    }


def test_vocabulary_patterns_are_written_folded_as_headers_are() -> None:
    for entry in HEADER_VOCABULARY:
        for pattern in entry.patterns:
            assert fold_kana(pattern) == pattern, pattern
            assert pattern == pattern.lower(), pattern


SPACES = st.text(st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\u2002", "\u202f", "\u205f", "\n"]), max_size=3)
INVISIBLE = st.sampled_from(
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u2066", "\u2069", "\u202a",
     "\ufe0f", "\U000e0100", "\u180e", "\u061c", "\u034f", "\x07"]
)  # fmt: skip


@st.composite
def disguised_terms(draw: st.DrawFn) -> tuple[str, str]:
    term = draw(st.sampled_from(TERMS))
    if draw(st.booleans()):
        term = to_half_width(term)
    elif draw(st.booleans()):
        term = unicodedata.normalize("NFKC", term)
    disguised = term
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(disguised)))
        disguised = disguised[:position] + draw(INVISIBLE) + disguised[position:]
    return term, draw(SPACES) + disguised + draw(SPACES)


@settings(max_examples=300)
@given(disguised_terms())
def test_invisible_characters_and_surrounding_spaces_never_change_a_category(pair: tuple[str, str]) -> None:
    term, disguised = pair
    assert classify_column(disguised, []) is classify_column(term, [])


# --- the case file, through the command line ----------------------------------------------------------------


def test_header_spellings_case_gives_categories_as_if_the_invisible_characters_were_absent() -> None:
    path = CASES / "headers" / "header-spellings.csv"
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "inspect", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    columns = json.loads(result.stdout)["columns"]
    in_file = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert [column["name"] for column in columns] == in_file  # names exactly as written, invisible ones too
    assert "氏\u200b名" in in_file
    assert [column["category"] for column in columns] == [
        classify_column(name.replace("\u200b", "").strip(), []).value for name in in_file
    ]
    assert [column["category"] for column in columns] == [
        "financial", "contact", "name", "birth", "address", "name", "free_text",
    ]  # fmt: skip
