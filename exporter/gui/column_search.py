"""Finding a column on the Columns page by its name, the kind of data it holds, or a value, in Japanese or English.

A clerk looking for the phone numbers types 電話, でんわ, TEL or phone; for the kana readings カナ, フリガナ or
kana. The search text is compared, after NFKC (full-width letters and half-width katakana read as usual) and
case folding, with the column's name, its name for the recipient, its sample values and the words for its kind
of data in both languages. A word of the search that belongs to a group below also finds the other words of
that group in names (電話 finds a column named ``phone``, ``kana`` one named フリガナ), not in values. Every word
of the search must match (an AND); nothing typed shows every column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from exporter.classify import Category
from exporter.gui.widgets import category_label

# The words for each kind of data, in English and Japanese, besides the label the window shows.
CATEGORY_WORDS: dict[Category, tuple[str, ...]] = {
    Category.MY_NUMBER: ("my number", "マイナンバー", "個人番号", "特定個人情報"),
    Category.IDENTIFIER: ("identifier", "id", "number", "識別番号", "番号", "宛名番号", "住民番号", "世帯番号"),
    Category.NAME: ("name", "氏名", "名前"),
    Category.ADDRESS: ("address", "住所", "所在地"),
    Category.CONTACT: ("contact", "連絡先"),
    Category.BIRTH: ("birth date", "birthday", "生年月日", "誕生日", "年齢"),
    Category.GENDER: ("gender", "sex", "性別"),
    Category.FINANCIAL: ("bank account", "bank", "account", "口座", "口座情報", "銀行", "金融機関", "支店"),
    Category.TAX: ("tax", "income", "税", "税情報", "所得", "課税"),
    Category.SPECIAL: (
        *("special care", "health", "disability", "care"),
        *("要配慮個人情報", "要配慮", "介護", "障害", "健康"),
    ),
    Category.FREE_TEXT: ("free text", "notes", "remarks", "自由記述", "備考", "メモ", "特記事項"),
    Category.OTHER: ("other", "その他"),
}

# Words that mean the same to a clerk; a search word found in one of them also searches for all the others.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("電話", "でんわ", "phone", "tel", "telephone", "携帯", "mobile"),
    ("メール", "mail", "email", "e-mail"),
    ("カナ", "かな", "kana", "フリガナ", "ふりがな", "読み", "よみ", "yomi"),
    ("氏名", "名前", "name", "なまえ"),
    ("住所", "じゅうしょ", "address"),
    ("郵便番号", "郵便", "〒", "postal", "zip", "postcode"),
    ("生年月日", "誕生日", "birth", "birthday"),
    ("性別", "gender", "sex"),
    ("口座", "account", "bank", "銀行"),
    ("マイナンバー", "個人番号", "my_number", "mynumber"),
    ("世帯", "household"),
    ("備考", "notes", "note", "remarks", "memo", "メモ"),
    ("税", "tax"),
    ("介護", "care"),
)


def normalised(text: str) -> str:
    """Text as the search compares it: NFKC (ｶﾅ -> カナ, ＴＥＬ -> TEL), case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


_GROUPS: tuple[tuple[str, ...], ...] = tuple(tuple(normalised(word) for word in group) for group in SYNONYMS)


def expanded(word: str) -> set[str]:
    """``word`` with every word of the synonym groups it is part of (電話 -> phone, tel, ...)."""
    found = {word}
    for group in _GROUPS:
        if any(word == member or (len(word) >= 2 and word in member) for member in group):
            found.update(group)
    return found


def category_words(category: Category) -> str:
    """The kind of data in words, English and Japanese and as the window names it now, for matching."""
    return " ".join((category.value, category_label(category), *CATEGORY_WORDS[category]))


def matches(query: str, names: Iterable[str], values: Iterable[str] = ()) -> bool:
    """Whether every word of ``query`` occurs in ``names`` (a column's names and the words for its kind of data),
    it or one of its synonyms, or as typed in ``values`` (its sample values: a note that mentions 携帯 is not a
    phone number)."""
    named = "\n".join(normalised(text) for text in names)
    valued = "\n".join(normalised(text) for text in values)
    return all(word in valued or any(term in named for term in expanded(word)) for word in normalised(query).split())


class ColumnFilter(QSortFilterProxyModel):
    """Shows the rows of a :class:`exporter.gui.models.ColumnModel` that :func:`matches` the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = text
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._query.strip():
            return True
        model = self.sourceModel()
        texts = getattr(model, "search_texts", None)
        if texts is None:
            return True
        names, values = texts(source_row)
        return matches(self._query, names, values)
