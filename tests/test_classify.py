"""Column categories from headers and values: what the wizard's badges and `inspect --json` promise.

Every value here is invented; My Numbers are built with the check digit computed by `_with_check_digit`, an
implementation written straight from the ordinance's wording so it does not share code with the module.
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys

import pytest

from exporter.classify import (
    SENSITIVE_CATEGORIES,
    Category,
    classify_column,
    classify_columns,
    is_valid_my_number,
)

GENERIC_HEADERS = ("項目003", "col7", "field_12", "列1", "", "Unnamed: 3")


def _with_check_digit(first11: str) -> str:
    """P_n is the n-th digit from the right, Q_n = n+1 (n <= 6) else n-5; check = 11 - r, or 0 if r <= 1."""
    total = 0
    for n in range(1, 12):
        p_n = int(first11[11 - n])
        q_n = n + 1 if n <= 6 else n - 5
        total += p_n * q_n
    remainder = total % 11
    return first11 + str(0 if remainder <= 1 else 11 - remainder)


def _my_numbers(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [_with_check_digit(f"{rng.randrange(10**11):011d}") for _ in range(count)]


def _wrong_check_digit(number: str) -> str:
    return number[:11] + str((int(number[11]) + 1) % 10)


def _to_full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})


# --- the check digit ----------------------------------------------------------------------------------------


def test_published_example_my_number_is_valid_and_its_neighbours_are_not() -> None:
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number("123456789019")


@pytest.mark.parametrize(
    "text", ["12345678901", "1234567890180", "1234-5678-9018", "１２３４５６７８９０１８", "12345678901a", ""]
)
def test_my_number_check_accepts_only_twelve_ascii_digits(text: str) -> None:
    assert not is_valid_my_number(text)


def test_my_number_check_agrees_with_the_ordinance_formula_on_random_numbers() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        first11 = f"{rng.randrange(10**11):011d}"
        valid = _with_check_digit(first11)
        assert is_valid_my_number(valid)
        assert not is_valid_my_number(_wrong_check_digit(valid))


def test_my_number_check_agrees_with_the_sample_generator_when_it_has_one() -> None:
    sample = pytest.importorskip("exporter.sample")
    other_check = getattr(sample, "is_valid_my_number", None)
    if other_check is None or other_check is is_valid_my_number:
        pytest.skip("exporter.sample has no check of its own")
    rng = random.Random(6)
    for _ in range(2000):
        number = f"{rng.randrange(10**12):012d}"
        assert other_check(number) == is_valid_my_number(number), number


# --- headers ------------------------------------------------------------------------------------------------

HEADER_TABLE: dict[Category, tuple[str, ...]] = {
    Category.MY_NUMBER: (
        "my_number", "My Number", "ＭｙＮｕｍｂｅｒ", "MyNumber", "マイナンバー", "個人番号",
        "個人番号(マイナンバー)", "個人番号（マイナンバー）", "特定個人情報",
    ),
    Category.IDENTIFIER: (
        "resident_number", "ResidentID", "household_number", "住民番号", "住民票コード", "宛名番号",
        "世帯番号", "個人コード", "id", "基礎年金番号", "旅券番号", "在留カード番号", "passport_no",
    ),
    Category.NAME: (
        "name", "family_name", "given_name", "family_name_kana", "given_name_kana", "氏名", "姓", "名",
        "フリガナ", "カナ氏名", "氏名カナ", "世帯主", "名（カナ）", "姓(漢字)",
    ),
    Category.ADDRESS: (
        "address", "address_line", "postal_code", "zip", "ZipCode", "prefecture", "city", "住所", "住所1",
        "郵便番号", "都道府県", "市区町村", "方書", "番地",
    ),
    Category.CONTACT: (
        "phone", "tel", "TEL1", "mobile", "email", "E-mail", "電話番号", "携帯", "携帯電話番号", "メール",
        "メールアドレス",
    ),
    Category.BIRTH: ("birth_date", "dob", "age", "DateOfBirth", "生年月日", "生年月日（和暦）", "年齢"),
    Category.GENDER: ("gender", "sex", "Sex", "性別", "性"),
    Category.FINANCIAL: (
        "bank_name", "branch_name", "account_type", "account_number", "account_holder", "金融機関",
        "金融機関名", "銀行", "支店", "口座", "預金種目", "口座番号", "口座名義", "口座名義カナ",
    ),
    Category.TAX: (
        "taxable_income", "resident_tax", "income", "所得", "課税", "税額", "住民税", "市民税", "住民税額",
    ),
    Category.SPECIAL: (
        "health", "disability", "care_level", "welfare", "criminal_record", "religion", "creed", "race",
        "要介護度", "介護", "障害", "障がい", "病歴", "健康", "生活保護", "犯罪", "信条", "人種",
    ),
    Category.FREE_TEXT: ("notes", "remarks", "memo", "comment", "備考", "摘要", "メモ", "特記事項"),
    Category.OTHER: (
        "続柄", "世帯主との続柄", "登録日", "異動年月日", "page", "hotel", "stage", *GENERIC_HEADERS,
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("header", "expected"),
    [(header, category) for category, headers in HEADER_TABLE.items() for header in headers],
)
def test_header_alone_decides_an_empty_column(header: str, expected: Category) -> None:
    assert classify_column(header, []) is expected
    assert classify_column(header, ["", "  ", "　"]) is expected


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@pytest.mark.parametrize(
    ("header", "expected"),
    [(header, category) for category, headers in HEADER_TABLE.items() for header in headers if header],
)
def test_header_disguised_by_invisible_characters_spaces_or_full_width_keeps_its_category(
    header: str, expected: Category
) -> None:
    middle = len(header) // 2
    for disguised in (
        header[:middle] + "\u200b" + header[middle:],
        "\ufeff" + header + "\u00a0",
        "\u3000" + "\u2060".join(header) + " \t",
        "\u2067" + header[:middle] + "\u00ad" + header[middle:] + "\u2069",
        _full_width(header),
    ):
        assert classify_column(disguised, []) is expected, repr(disguised)


def test_sensitive_categories_are_the_four_that_need_confirmation() -> None:
    assert {
        Category.MY_NUMBER,
        Category.FINANCIAL,
        Category.TAX,
        Category.SPECIAL,
    } == SENSITIVE_CATEGORIES


def test_category_values_are_the_names_in_inspect_json() -> None:
    assert [c.value for c in Category] == [
        "my_number", "identifier", "name", "address", "contact", "birth", "gender", "financial", "tax",
        "special", "free_text", "other",
    ]  # fmt: skip
    assert Category("free_text") == "free_text"


# --- values under a header that says nothing ----------------------------------------------------------------

VALUE_TABLE: list[tuple[str, list[str], Category]] = [
    ("my numbers", _my_numbers(50), Category.MY_NUMBER),
    ("my numbers in groups", [f"{n[:4]} {n[4:8]} {n[8:]}" for n in _my_numbers(50)], Category.MY_NUMBER),
    ("account numbers", ["0012345", "1234567", "0765432", "5550001", "0000123"] * 10, Category.FINANCIAL),
    ("deposit types", ["普通", "当座", "普通", "ﾌﾂｳ", "普通預金"] * 10, Category.FINANCIAL),
    ("bank names", ["東西銀行", "山川信用金庫", "ゆめ農業協同組合", "サンプル銀行 駅前支店"] * 10,
     Category.FINANCIAL),
    ("branches", ["駅前支店", "本店営業部", "市役所出張所", "中央支店"] * 10, Category.FINANCIAL),
    ("phones", ["03-1234-5678", "090-0000-1111", "0312345678", "08011112222", "045(123)4567",
                "+81-90-1234-5678"] * 10, Category.CONTACT),
    ("emails", ["taro@example.jp", "hanako.s@example.com", "x_y+z@mail.example.org"] * 10, Category.CONTACT),
    ("era dates", ["昭和45年3月2日", "平成3年11月20日", "令和元年5月1日", "S45.3.2", "H3.11.20", "R2.1.5",
                   "大正15年1月1日", "明治45年7月29日", "㍼50年1月2日"] * 5, Category.BIRTH),
    ("western dates", ["1970-03-02", "1970/3/2", "19700302", "1985年12月31日", "2001-01-01 00:00:00"] * 10,
     Category.BIRTH),
    ("postal codes", ["100-0001", "〒530-0001", "〒0600001", "９８０－８６７１"] * 10, Category.ADDRESS),
    ("prefectures", ["東京都", "北海道", "大阪府", "京都府", "神奈川県", "沖縄県"] * 10, Category.ADDRESS),
    ("municipalities", ["架空市", "千代田区", "桜町", "花見村", "横浜市中区"] * 10, Category.ADDRESS),
    ("address lines", ["桜町1丁目2番3号", "中央3-2-1 メゾン桜101", "本町２－５", "緑が丘10番地"] * 10,
     Category.ADDRESS),
    ("care levels", ["要介護1", "要支援2", "要介護5", "非該当"] * 10, Category.SPECIAL),
    ("gender words", ["男", "女", "男性", "女性", "M", "F", "male", "female"] * 5, Category.GENDER),
    ("half-width kana names", ["ﾔﾏﾀﾞ ﾀﾛｳ", "ｻﾄｳ ﾊﾅｺ", "ｽｽﾞｷ ｲﾁﾛｳ"] * 10, Category.NAME),
    ("kanji names", ["山田 太郎", "佐藤 花子", "山﨑 一郎"] * 10, Category.NAME),
    ("free text", ["転入手続き済み、要確認", "留守, 不在票投函済み",
                   "本人より電話あり。「口座変更したい」とのこと", "郵便物返戻あり\n再送付は窓口受取",
                   "外国人住民、通称名あり", "DV等支援措置対象（閲覧制限）"] * 5, Category.FREE_TEXT),
    ("short japanese remarks", ["世帯分離の相談あり", "成年後見人選任済み", "備考欄参照 \"至急\"",
                                "マイナンバーカード交付済み", "転出予定, 新住所未定"] * 5,
     Category.FREE_TEXT),
    ("ten digits after 00 are no phone", ["0000560147", "0000560158", "0000561234"] * 10, Category.OTHER),
    ("gender codes alone are too weak", ["1", "2", "2", "1", "9"] * 10, Category.OTHER),
    ("small counts", ["3", "12", "0", "7"] * 10, Category.OTHER),
    ("wrong check digits", [_wrong_check_digit(n) for n in _my_numbers(50)], Category.OTHER),
]  # fmt: skip


@pytest.mark.parametrize(("label", "values", "expected"), VALUE_TABLE, ids=[row[0] for row in VALUE_TABLE])
@pytest.mark.parametrize("header", GENERIC_HEADERS)
def test_values_decide_under_a_generic_header(header: str, label: str, values: list[str], expected: Category) -> None:
    assert classify_column(header, values) is expected, label


def test_twelve_digits_with_a_wrong_check_digit_are_not_my_numbers_even_under_notes() -> None:
    wrong = [_wrong_check_digit(n) for n in _my_numbers(100)]
    assert classify_column("項目003", wrong) is not Category.MY_NUMBER
    assert classify_column("備考", wrong) is Category.FREE_TEXT


def test_full_width_digits_are_recognised_without_changing_the_values() -> None:
    my_numbers = [_to_full_width(n) for n in _my_numbers(30)]
    phones = [_to_full_width("090-1234-5678"), "０３ー１２３４ー５６７８", "03−1111−2222"] * 10
    accounts = [_to_full_width("0012345"), "１２３４５６７"] * 10
    kept = [list(my_numbers), list(phones), list(accounts)]
    assert classify_column("項目003", my_numbers) is Category.MY_NUMBER
    assert classify_column("項目004", phones) is Category.CONTACT
    assert classify_column("項目005", accounts) is Category.FINANCIAL
    assert [my_numbers, phones, accounts] == kept


def test_empty_cells_are_ignored_when_counting_the_majority() -> None:
    values = [""] * 900 + _my_numbers(20)
    assert classify_column("項目003", values) is Category.MY_NUMBER


def test_four_in_five_values_are_a_majority_and_fewer_are_not() -> None:
    assert classify_column("col1", ["03-1234-5678"] * 16 + ["不明"] * 4) is Category.CONTACT
    assert classify_column("col1", ["03-1234-5678"] * 15 + ["不明"] * 5) is Category.OTHER


def test_only_the_first_200_non_empty_values_are_read() -> None:
    values = ["", "03-1234-5678"] * 200 + ["不明"] * 5000
    assert classify_column("col1", values) is Category.CONTACT


# --- header and values together -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        ("備考", _my_numbers(20), Category.MY_NUMBER),
        ("remarks", _my_numbers(20), Category.MY_NUMBER),
        ("口座番号", _my_numbers(20), Category.MY_NUMBER),
        ("住民番号", _my_numbers(20), Category.MY_NUMBER),
        ("氏名", ["要介護1", "要介護3", "要支援2"] * 5, Category.SPECIAL),
        ("備考", ["東西銀行", "山川信用金庫", "駅前支店"] * 5, Category.FINANCIAL),
    ],
)
def test_unmistakable_sensitive_values_win_over_a_less_sensitive_header(
    header: str, values: list[str], expected: Category
) -> None:
    assert classify_column(header, values) is expected


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        ("住民番号", ["0012345", "1234567", "7654321"] * 10, Category.IDENTIFIER),
        ("税額", ["1234567", "2345678", "0100000"] * 10, Category.TAX),
        ("備考", ["0012345", "1234567", "7654321"] * 10, Category.FREE_TEXT),
        ("account_holder", ["ﾔﾏﾀﾞ ﾀﾛｳ", "ｻﾄｳ ﾊﾅｺ"] * 10, Category.FINANCIAL),
        ("要介護度", ["男", "女"] * 10, Category.SPECIAL),
        ("gender", ["1", "2", "2", "1"] * 10, Category.GENDER),
        ("性別", ["1", "2", "2", "1"] * 10, Category.GENDER),
        ("登録日", ["昭和45年3月2日", "平成3年11月20日"] * 10, Category.OTHER),
        ("email", ["03-1234-5678"] * 10, Category.CONTACT),
        ("所得", ["東西銀行"] * 10, Category.TAX),
    ],
)
def test_a_specific_header_wins_over_weak_or_less_sensitive_values(
    header: str, values: list[str], expected: Category
) -> None:
    assert classify_column(header, values) is expected


# --- whole tables -------------------------------------------------------------------------------------------

EXPECTED_SAMPLE_CATEGORIES: dict[str, Category] = {
    "resident_number": Category.IDENTIFIER,
    "my_number": Category.MY_NUMBER,
    "family_name": Category.NAME,
    "given_name": Category.NAME,
    "family_name_kana": Category.NAME,
    "given_name_kana": Category.NAME,
    "gender": Category.GENDER,
    "birth_date": Category.BIRTH,
    "postal_code": Category.ADDRESS,
    "prefecture": Category.ADDRESS,
    "city": Category.ADDRESS,
    "address_line": Category.ADDRESS,
    "phone": Category.CONTACT,
    "email": Category.CONTACT,
    "household_number": Category.IDENTIFIER,
    "taxable_income": Category.TAX,
    "resident_tax": Category.TAX,
    "bank_name": Category.FINANCIAL,
    "branch_name": Category.FINANCIAL,
    "account_type": Category.FINANCIAL,
    "account_number": Category.FINANCIAL,
    "account_holder": Category.FINANCIAL,
    "care_level": Category.SPECIAL,
    "notes": Category.FREE_TEXT,
}


def _synthetic_register(rows: int, seed: int = 3) -> tuple[list[str], list[list[str]]]:
    """A made-up register with the sample generator's 24 columns; nobody in it exists."""
    rng = random.Random(seed)
    my_numbers = _my_numbers(rows, seed)
    family = [("架空", "カクウ"), ("試験", "シケン"), ("見本", "ミホン"), ("仮名", "カリナ")]
    given = [("太郎", "タロウ"), ("花子", "ハナコ"), ("一二三", "ヒフミ"), ("例子", "レイコ")]
    notes = [
        "転入手続き済み、要確認",
        "留守, 不在票投函済み",
        "本人より電話あり。",
        "外国人住民、通称名あり",
        "",
    ]
    table: list[list[str]] = []
    for index in range(rows):
        family_kanji, family_kana = rng.choice(family)
        given_kanji, given_kana = rng.choice(given)
        table.append([
            f"{1000000 + index:08d}",
            my_numbers[index],
            family_kanji, given_kanji, family_kana, given_kana,
            rng.choice(["1", "2"]),
            f"昭和{rng.randint(1, 63)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}",
            rng.choice(["架空県", "東京都", "見本府"]),
            rng.choice(["試験市", "見本町", "仮村"]),
            f"桜町{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
            rng.choice([
                f"03-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}",
                f"0{rng.randint(11, 99)}-{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}",
                f"090{rng.randint(0, 99999999):08d}",
            ]),
            f"user{index}@example.jp",
            f"{rng.randint(0, 9999999):07d}",
            str(rng.randint(0, 9_000_000)),
            str(rng.randint(0, 500_000)),
            rng.choice(["東西銀行", "山川信用金庫"]),
            rng.choice(["駅前支店", "本店営業部"]),
            rng.choice(["普通", "当座"]),
            f"{rng.randint(0, 9999999):07d}",
            f"ｶｸｳ {rng.choice(['ﾀﾛｳ', 'ﾊﾅｺ'])}",
            rng.choice(["", "", "要介護1", "要支援2"]),
            rng.choice(notes),
        ])  # fmt: skip
    return list(EXPECTED_SAMPLE_CATEGORIES), table


def test_every_column_of_a_synthetic_register_gets_its_category() -> None:
    header, rows = _synthetic_register(300)
    assert dict(zip(header, classify_columns(header, rows), strict=True)) == EXPECTED_SAMPLE_CATEGORIES


def test_every_column_of_the_generated_sample_gets_its_category() -> None:
    sample = pytest.importorskip("exporter.sample")
    if not hasattr(sample, "sample_bytes"):
        pytest.skip("exporter.sample has no sample_bytes yet")
    text = sample.sample_bytes(2000).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert dict(zip(header, classify_columns(header, rows), strict=True)) == EXPECTED_SAMPLE_CATEGORIES


def test_values_alone_classify_the_synthetic_register_with_generic_headers() -> None:
    header, rows = _synthetic_register(300)
    generic = [f"項目{index:03d}" for index in range(len(header))]
    found = dict(zip(header, classify_columns(generic, rows), strict=True))
    assert found["my_number"] is Category.MY_NUMBER
    assert found["account_number"] is Category.FINANCIAL
    assert found["bank_name"] is Category.FINANCIAL
    assert found["birth_date"] is Category.BIRTH
    assert found["postal_code"] is Category.ADDRESS
    assert found["phone"] is Category.CONTACT
    assert found["email"] is Category.CONTACT
    assert found["care_level"] is Category.SPECIAL


def test_short_rows_count_as_empty_cells() -> None:
    header = ["氏名", "項目002", "項目003"]
    rows = [["架空 太郎", "03-1234-5678"], ["見本 花子"], ["試験 一郎", "090-1111-2222", "余分"]]
    assert classify_columns(header, rows) == [Category.NAME, Category.CONTACT, Category.OTHER]


def test_no_header_gives_no_categories() -> None:
    assert classify_columns([], [["a", "b"]]) == []


def test_importing_classify_pulls_in_neither_qt_nor_dataframes() -> None:
    code = "import sys, exporter.classify; print(sorted({'PySide6', 'pandas', 'pyarrow'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
