"""Header matching and value shapes behind :mod:`exporter.classify`.

Kept apart from the decision logic so the vocabulary (:mod:`exporter.classify_vocabulary`) can grow (a city's
own column names, another vendor's export layout) without touching the precedence rules. Categories are named
by their string values here, so this module imports no category type. Only stdlib ``re``;
patterns are compiled on first use, so importing stays cheap for commands that never classify.

Values handed to the predicates must already be normalised with :func:`normalise_value`.
"""

from __future__ import annotations

import functools
import re

from exporter.classify_text import clean_text, fold_kana
from exporter.classify_vocabulary import HEADER_VOCABULARY


@functools.cache
def _regex(source: str) -> re.Pattern[str]:
    """Compile on first use, so importing costs no compilation (several ms for all of them)."""
    return re.compile(source)


# --- headers ------------------------------------------------------------------------------------------

# Separators are dropped so `My Number`, `my_number`, `my-number` and `ＭｙＮｕｍｂｅｒ` (after NFKC) agree.
_HEADER_SEPARATORS = r"[\s_\-‐‑‒–—―−・.,:;/\\|#*\"'`()\[\]{}<>【】「」『』〈〉《》〔〕]+"
_CAMEL_BOUNDARY = r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"
_LETTER_DIGIT_BOUNDARY = r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])"


def normalise_header(name: str) -> tuple[str, frozenset[str]]:
    """Return the header folded for matching without separators, and its set of words.

    Folded means: invisible characters removed, NFKC, spaces unified and trimmed (:func:`clean_text`),
    camelCase split, lower-case, kana folded (:func:`fold_kana`: ｼﾞﾕｳｼﾖ is ｼﾞｭｳｼｮ). Japanese vocabulary is
    matched as substrings of the first (Japanese has no word breaks); short English words such as ``age`` or
    ``tel`` are matched as whole words so `page` or `hotel` do not count.
    """
    text = _regex(_CAMEL_BOUNDARY).sub(" ", clean_text(name)).lower()
    text = fold_kana(_regex(_LETTER_DIGIT_BOUNDARY).sub(" ", text))
    words = [word for word in _regex(_HEADER_SEPARATORS).split(text) if word]
    return "".join(words), frozenset(words)


# (category value, regex searched in the folded compact header, whole words)
HeaderRule = tuple[str, re.Pattern[str], frozenset[str]]


@functools.cache
def header_rules() -> tuple[HeaderRule, ...]:
    """The vocabulary compiled in its order of precedence; every term folded as headers are."""
    rules: list[HeaderRule] = []
    for entry in HEADER_VOCABULARY:
        terms = f"{entry.japanese} {entry.kana} {entry.latin}".split()
        folded = sorted({normalise_header(term)[0] for term in terms}, key=len, reverse=True)
        alternatives = [re.escape(term) for term in folded if term] + list(entry.patterns)
        words = frozenset(normalise_header(word)[0] for word in entry.words.split())
        rules.append((entry.category, re.compile("|".join(alternatives)), words))
    return tuple(rules)


def header_category(name: str) -> str | None:
    """Return the category value the header names, or None for a header that says nothing (項目003, col7)."""
    compact, words = normalise_header(name)
    if not compact:
        return None
    for category, pattern, whole_words in header_rules():
        if pattern.search(compact) or not whole_words.isdisjoint(words):
            return category
    return None


# --- values -------------------------------------------------------------------------------------------

# Japanese data often writes hyphens as ー or − (neither is changed by NFKC); between digits they are hyphens.
_DASH_BETWEEN_DIGITS = r"(?<=[0-9])[ー‐‑‒–—―−﹣](?=[0-9])"


def normalise_value(value: str) -> str:
    """Return a comparison copy of a cell: :func:`clean_text` (no invisible characters, NFKC so full-width
    digits become ASCII, single spaces, trimmed), then dashes between digits unified."""
    cleaned = clean_text(value)
    return cleaned if cleaned.isascii() else _regex(_DASH_BETWEEN_DIGITS).sub("-", cleaned)


_MY_NUMBER_SHAPE = r"([0-9]{4})[ -]?([0-9]{4})[ -]?([0-9]{4})"


def my_number_digits(value: str) -> str | None:
    """The 12 digits of a value shaped like a My Number (also 1234 5678 9018), else None; no check digit."""
    match = _regex(_MY_NUMBER_SHAPE).fullmatch(value)
    return None if match is None else "".join(match.groups())


_PHONE_SHAPE = r"\+?[0-9][0-9 ()-]{8,16}[0-9]"
# Landlines are 0 + area code (never 00) in 10 digits; 11 digits are 020/050/060/070/080/090 numbers.
_PHONE_DIGITS = r"0[1-9][0-9]{8}|0[2-9]0[0-9]{8}"


def is_phone(value: str) -> bool:
    """0X-XXXX-XXXX, 0X0-XXXX-XXXX, 10-11 digits starting with 0 (or +81 and the number without its 0)."""
    if not _regex(_PHONE_SHAPE).fullmatch(value):
        return False
    digits = "".join(char for char in value if char.isdigit())
    if value.startswith("+"):
        digits = "0" + digits[2:] if digits.startswith("81") else ""
    return _regex(_PHONE_DIGITS).fullmatch(digits) is not None


_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"


def is_email(value: str) -> bool:
    return _regex(_EMAIL).fullmatch(value) is not None


# A bare 7-digit number is left to the account-number shape: it is the more sensitive reading.
_POSTAL_CODE = r"〒?\s*[0-9]{3}-[0-9]{4}|〒\s*[0-9]{7}"


def is_postal_code(value: str) -> bool:
    return _regex(_POSTAL_CODE).fullmatch(value) is not None


_TIME_SUFFIX = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
_WESTERN_DATE = (
    r"(?:18|19|20)[0-9]{2}(?:([-/.])([0-9]{1,2})\1([0-9]{1,2})|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"
    r"|([0-9]{2})([0-9]{2}))" + _TIME_SUFFIX
)
# 明治/大正/昭和/平成/令和, their one-letter kanji and Latin abbreviations (S45.3.2, H3.11.20, R2.1.5), 元年.
_ERA_DATE = (
    r"(?:明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\s*(?:元|[0-9]{1,2})\s*"
    r"(?:年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日|([.\-/])([0-9]{1,2})\3([0-9]{1,2}))" + _TIME_SUFFIX
)


def is_date(value: str) -> bool:
    """A western (1970-03-02, 1970/3/2, 19700302, 1970年3月2日) or era date with a real month and day."""
    match = _regex(_WESTERN_DATE).fullmatch(value)
    if match:
        month, day = (
            match.group(2) or match.group(4) or match.group(6),
            match.group(3) or match.group(5) or match.group(7),
        )
    else:
        match = _regex(_ERA_DATE).fullmatch(value)
        if not match:
            return False
        month, day = match.group(1) or match.group(4), match.group(2) or match.group(5)
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31


_GENDER_WORDS = frozenset({"男", "女", "男性", "女性", "m", "f", "male", "female"})


def is_gender_word(value: str) -> bool:
    """Only words: codes such as 1/2 (ISO 5218) mean gender only under a gender header, which decides."""
    return value.lower() in _GENDER_WORDS


_CARE_LEVEL = r"(?:経過的)?要(?:介護|支援)度?\s*[1-5]|非該当|自立"


def is_care_level(value: str) -> bool:
    """要介護1-5 / 要支援1-2 (with 非該当, 自立): the care level is 要配慮個人情報."""
    return _regex(_CARE_LEVEL).fullmatch(value) is not None


_PREFECTURE_START = (
    r"北海道|東京都|京都府|大阪府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|"
    r"福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|"
    r"佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県"
)
_BLOCK_NUMBER = r"[0-9]+(?:丁目|番地|番|号)|[0-9]+-[0-9]+"


# Tested by comparison, not a regex class: a class spanning the CJK block takes milliseconds to compile.
def _is_kanji(char: str) -> bool:
    """CJK ideographs, the compatibility block (﨑 and the other IBM extensions) and 々〆ヶ."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char in "々〆ヶ"


def _is_japanese(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or _is_kanji(char)


def is_address(value: str) -> bool:
    """A prefecture at the start, a municipality (…市/区/町/村), or Japanese text with a block number."""
    if _regex(_PREFECTURE_START).match(value):
        return True
    if 2 <= len(value) <= 13 and value[-1] in "市区町村郡" and all(map(_is_japanese, value)):
        return True
    return _regex(_BLOCK_NUMBER).search(value) is not None and any(map(_is_japanese, value))


_BANK_OR_BRANCH = (
    r".*(?:銀行|信用金庫|信金|信用組合|労働金庫|農業協同組合|農協|漁業協同組合|漁協)(?:\s*\S*(?:支店|出張所|本店))?"
    r"|ゆうちょ.*|\S*(?:支店|出張所|本店|営業部)"
)
# The same in katakana as 全銀協 transfer records write them (ﾄｳｻﾞｲｷﾞﾝｺｳ ｴｷﾏｴｼﾃﾝ), folded (:func:`fold_kana`).
_KANA_BANK_OR_BRANCH = (
    r".*(?:ギンコウ|シンヨウキンコ|シンキン|シンヨウクミアイ|ロウドウキンコ|ロウキン|ノウキヨウ|ギヨキヨウ)"
    r"(?:\s*\S*(?:シテン|シユツチヨウシヨ|ホンテン))?|ユウチヨ.*|\S*(?:シテン|シユツチヨウシヨ|ホンテン|エイギヨウブ)"
)


def is_bank_or_branch(value: str) -> bool:
    """Bank and branch names are unmistakable, so they count even under a header that says something else."""
    if _regex(_BANK_OR_BRANCH).fullmatch(value) is not None:
        return True
    return not value.isascii() and _regex(_KANA_BANK_OR_BRANCH).fullmatch(fold_kana(value)) is not None


_ACCOUNT_NUMBER_OR_TYPE = r"[0-9]{7}|(?:普通|当座|貯蓄|総合)(?:預金)?|フツウ|トウザ|チヨチク|チョチク"


def is_account_number_or_type(value: str) -> bool:
    """7 digits (leading zeros kept) or a deposit type: financial only when the header says nothing else."""
    return _regex(_ACCOUNT_NUMBER_OR_TYPE).fullmatch(value) is not None


# Half-width katakana arrives here as full-width (NFKC); a kanji name needs the space between family and given
# name, or 山田 would be indistinguishable from any other word.
_KANA_NAME = r"[ァ-ヺぁ-ゖー・]{1,16}(?: [ァ-ヺぁ-ゖー・]{1,16})?"


def is_person_name(value: str) -> bool:
    if _regex(_KANA_NAME).fullmatch(value):
        return True
    parts = value.split(" ")
    return len(parts) == 2 and all(1 <= len(part) <= 5 and all(map(_is_kanji, part)) for part in parts)


_SENTENCE_MARK = r"[、。,.!?\"「」()]"
_HIRAGANA = r"[ぁ-ゖ]"


def is_prose(value: str) -> bool:
    """Text that reads like a sentence: long, punctuated, or Japanese with hiragana (の, あり, 済み)."""
    if len(value) >= 16:
        return True
    if len(value) >= 4 and _regex(_SENTENCE_MARK).search(value):
        return True
    return len(value) >= 8 and _regex(_HIRAGANA).search(value) is not None
