"""The --where syntax: what parses to which condition, the one sentence for what does not, and canonical texts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.errors import PlanError
from exporter.filters import (
    OPERATORS,
    Condition,
    RowFilter,
    comparison_bound,
    condition_text,
    count_in_scope,
    parse_condition,
    parse_filter,
)
from exporter.messages import Message

HEADER = ["住民税区分", "生年月日", "care_level", "birth date", "x", "a=b", "備考 欄", "[x]", 'say "hi"', "age"]
REFERENCE = date(2026, 4, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住民税区分 = 非課税", Condition("住民税区分", "=", "非課税")),
        ("住民税区分=非課税", Condition("住民税区分", "=", "非課税")),
        ("  住民税区分   =   非課税  ", Condition("住民税区分", "=", "非課税")),
        ("住民税区分 ＝ 非課税", Condition("住民税区分", "=", "非課税")),
        ("住民税区分 == 非課税", Condition("住民税区分", "=", "非課税")),
        ("住民税区分 != 非課税", Condition("住民税区分", "!=", "非課税")),
        ("住民税区分 ≠ 非課税", Condition("住民税区分", "!=", "非課税")),
        ("住民税区分 ！＝ 非課税", Condition("住民税区分", "!=", "非課税")),
        ("生年月日 <= 1961-04-01", Condition("生年月日", "<=", "1961-04-01")),
        ("生年月日 ≦ 昭和36年4月1日", Condition("生年月日", "<=", "昭和36年4月1日")),
        ("生年月日 ＜ S36.4.1", Condition("生年月日", "<", "S36.4.1")),
        ("生年月日 > 1961/4/1", Condition("生年月日", ">", "1961/4/1")),
        ("生年月日 ≥ R1.5.1", Condition("生年月日", ">=", "R1.5.1")),
        ("x < 1,000,000", Condition("x", "<", "1,000,000")),
        ("x >= －５", Condition("x", ">=", "－５")),
        ("x>=3", Condition("x", ">=", "3")),
        ("age(生年月日) >= 65", Condition("生年月日", ">=", "65", age=True)),
        ("AGE( 生年月日 ) < ６５", Condition("生年月日", "<", "６５", age=True)),
        ("age([birth date]) = 70", Condition("birth date", "=", "70", age=True)),
        ("age >= 3", Condition("age", ">=", "3")),
        ("care_level in 要介護1, 要介護2", Condition("care_level", "in", ("要介護1", "要介護2"))),
        ("care_level IN 要介護1，要介護2", Condition("care_level", "in", ("要介護1", "要介護2"))),
        ("care_level not in 要支援1", Condition("care_level", "not in", ("要支援1",))),
        ("care_level Not  In a", Condition("care_level", "not in", ("a",))),
        ('x in "a, b", " c", d""e', Condition("x", "in", ("a, b", " c", 'd""e'))),
        ('x in ""', Condition("x", "in", ("",))),
        ("x contains 港町", Condition("x", "contains", "港町")),
        ("x CONTAINS  港 町 ", Condition("x", "contains", "港 町")),
        ('x = " padded "', Condition("x", "=", " padded ")),
        ('x = "say ""hi"""', Condition("x", "=", 'say "hi"')),
        ('x = a "b" c', Condition("x", "=", 'a "b" c')),
        ('x = "= b"', Condition("x", "=", "= b")),  # a value that begins with = is quoted
        ("x = in", Condition("x", "=", "in")),
        ("x is empty", Condition("x", "is empty")),
        ("x IS NOT EMPTY", Condition("x", "is not empty")),
        ("[備考 欄] is empty", Condition("備考 欄", "is empty")),
        ('"備考 欄" is empty', Condition("備考 欄", "is empty")),
        ("備考 欄 is not empty", Condition("備考 欄", "is not empty")),
        ("birth date >= 1961-04-01", Condition("birth date", ">=", "1961-04-01")),
        ("[a=b] = c", Condition("a=b", "=", "c")),
        ("a=b = c", Condition("a=b", "=", "c")),
        ("[[x]]] = 1", Condition("[x]", "=", "1")),
        ('"say ""hi""" = 1', Condition('say "hi"', "=", "1")),
    ],
)
def test_a_condition_parses_to_its_column_operator_and_value(text, expected):
    assert parse_condition(text, HEADER) == expected


# Each refusal: the message id, and the part of the condition its sentence must name.
@pytest.mark.parametrize(
    ("text", "message_id", "part"),
    [
        ("", "filters.empty_condition", None),
        ("   ", "filters.empty_condition", None),
        ("= 5", "filters.no_column", "= 5"),
        ("住民税 = 非課税", "filters.unknown_column", "住民税"),
        ("[備考] is empty", "filters.unknown_column", "備考"),
        ("[備考 欄 is empty", "filters.unclosed_column", "["),
        ('"備考 欄 is empty', "filters.unclosed_column", '"'),
        ("age(生年月日 >= 65", "filters.unclosed_age", "age("),
        ("x", "filters.missing_operator", "x"),
        ("x ~ 3", "filters.no_operator", "~"),
        ("x equals 3", "filters.no_operator", "equals"),
        ("x ! 3", "filters.no_operator", "!"),
        ("x = = b", "filters.operator_typo", "=="),
        ("x !== 非課税", "filters.operator_typo", "!=="),
        ("x => 3", "filters.operator_typo", "=>"),
        ("x =< 3", "filters.operator_typo", "=<"),
        ("x =! 3", "filters.operator_typo", "=!"),
        ("x <> 3", "filters.operator_typo", "<>"),
        ("x >< 3", "filters.operator_typo", "><"),
        ("x ＝＝＝ 3", "filters.operator_typo", "=＝"),
        ("x =", "filters.no_value", "="),
        ("x contains   ", "filters.no_value", "contains"),
        ("x in", "filters.no_value", "in"),
        ("x is empty please", "filters.text_after_empty", "please"),
        ('x = "abc', "filters.unclosed_quote", '"abc'),
        ('x = "abc" d', "filters.text_after_quote", "d"),
        ('x in "a" b, c', "filters.text_after_quote", "b, c"),
        ("x in a,,b", "filters.empty_list_item", "in"),
        ("x in a,", "filters.empty_list_item", "in"),
        ("x in , a", "filters.empty_list_item", "in"),
        ("生年月日 <= 1961-13-01", "filters.not_a_date", "1961-13-01"),
        ("生年月日 <= 平成31年5月1日", "filters.not_a_date", "平成31年5月1日"),
        ("生年月日 > R8.2.30", "filters.not_a_date", "R8.2.30"),
        ("x < abc", "filters.not_date_or_number", "abc"),
        ("x >= 1e3", "filters.not_date_or_number", "1e3"),
        ("x >= ¥1,000", "filters.not_date_or_number", "¥1,000"),
        ("age(生年月日) >= 6.5", "filters.age_not_whole_number", "6.5"),
        ("age(生年月日) >= sixty", "filters.age_not_whole_number", "sixty"),
        ("age(生年月日) in 65, 66", "filters.age_operator", "age(生年月日) in 65, 66"),
        ("age(生年月日) is empty", "filters.age_operator", "age(生年月日) is empty"),
        ("age(年齢) >= 65", "filters.unknown_column", "年齢"),
    ],
)
def test_a_condition_that_does_not_parse_is_refused_with_one_sentence_naming_the_part(text, message_id, part):
    with pytest.raises(PlanError) as raised:
        parse_condition(text, HEADER)
    message = raised.value.message
    assert isinstance(message, Message)
    assert message.id == message_id
    for lang in ("en", "ja"):
        sentence = message.render(lang)
        if part is not None:
            assert part in sentence
        if text.strip():
            assert text.strip() in sentence
        ending = "." if lang == "en" else "。"
        assert sentence.endswith(ending)
        inner = sentence.replace(text.strip(), "").replace(part or "", "")
        assert inner.count(ending) == 1, sentence


def test_an_unknown_column_hints_at_the_closest_names():
    with pytest.raises(PlanError) as raised:
        parse_condition("住民税 = 非課税", HEADER)
    assert "住民税区分" in raised.value.hint_text()
    with pytest.raises(PlanError) as raised:
        parse_condition("ＣＡＲＥ_ＬＥＶＥＬ = 1", HEADER)
    assert "care_level" in raised.value.hint_text()


def test_a_date_that_is_not_a_date_hints_at_the_date_forms():
    with pytest.raises(PlanError) as raised:
        parse_condition("生年月日 <= 1961-13-01", HEADER)
    assert "令和8年4月1日" in raised.value.hint_text()


def test_groups_and_columns_of_a_filter():
    row_filter = parse_filter(
        [["住民税区分 = 非課税", "age(生年月日) >= 65"], ["care_level is not empty", "住民税区分 != 課税"]],
        HEADER,
        reference_date=REFERENCE,
    )
    assert row_filter
    assert row_filter.columns == ("住民税区分", "生年月日", "care_level")
    assert row_filter.texts() == [
        ["住民税区分 = 非課税", "age(生年月日) >= 65"],
        ["care_level is not empty", "住民税区分 != 課税"],
    ]
    assert row_filter.reference_date == REFERENCE


def test_no_condition_is_an_empty_filter_that_keeps_every_row():
    for groups in ([], [[]]):
        row_filter = parse_filter(groups, HEADER, reference_date=REFERENCE)
        assert not row_filter
        assert row_filter.texts() == []
        assert row_filter.mask({"x": pa.array(["a", "", "b"])}).to_pylist() == [True, True, True]
        assert count_in_scope(pa.table({"x": ["a", "b"]}), row_filter) == 2


def test_an_empty_group_between_others_is_refused():
    with pytest.raises(PlanError) as raised:
        parse_filter([["x = 1"], [], ["x = 2"]], HEADER, reference_date=REFERENCE)
    assert raised.value.message.id == "filters.empty_group"
    assert "2" in str(raised.value)


def test_the_first_condition_that_does_not_parse_is_the_one_refused():
    with pytest.raises(PlanError) as raised:
        parse_filter([["x = 1", "y = 2"], ["x ~ 3"]], HEADER, reference_date=REFERENCE)
    assert raised.value.message.fields["column"] == "y"


def test_digits_alone_are_a_number_not_a_date():
    table = pa.table({"x": ["19610401", "19700101", "1961-04-01"]})
    row_filter = parse_filter([["x <= 19650101"]], ["x"], reference_date=REFERENCE)
    assert row_filter.mask({"x": table.column("x")}).to_pylist() == [True, False, False]


@pytest.mark.parametrize(
    ("column", "op", "value", "text"),
    [
        ("住民税区分", "=", "非課税", "住民税区分 = 非課税"),
        ("備考 欄", "is empty", None, "[備考 欄] is empty"),
        ("[x]", "=", "1", "[[x]]] = 1"),
        ("a=b", "contains", " c ", '[a=b] contains " c "'),
        ("x", "in", ["a, b", "c", 'd"'], 'x in "a, b", c, d"'),
        ("x", "in", "a", "x in a"),
        ("x", "=", '"q"', 'x = """q"""'),
        ("x", "=", "", 'x = ""'),
        ("age", ">=", "3", "age >= 3"),
        ("age(x)", ">=", "3", "[age(x)] >= 3"),
    ],
)
def test_condition_text_quotes_only_what_needs_it(column, op, value, text):
    assert condition_text(column, op, value) == text


def test_condition_text_of_an_age():
    assert condition_text("生年月日", ">=", "65", age=True) == "age(生年月日) >= 65"
    assert condition_text("birth date", "<", "18", age=True) == "age([birth date]) < 18"


def test_condition_text_refuses_what_is_not_a_condition():
    for args in (("x", "like", "a"), ("x", "=", None), ("x", "in", []), ("x", "=", ["a", "b"])):
        with pytest.raises(ValueError, match=r"operator|list"):
            condition_text(*args)


NAMES = st.text(min_size=0, max_size=8).filter(lambda name: "\x00" not in name)
VALUES = st.text(max_size=10)


@settings(deadline=None)
@given(
    column=NAMES,
    op=st.sampled_from(OPERATORS),
    value=VALUES,
    items=st.lists(VALUES, min_size=1, max_size=4),
    other_columns=st.lists(NAMES, max_size=4),
)
def test_condition_text_parses_back_to_the_same_condition(column, op, value, items, other_columns):
    if op in ("in", "not in"):
        condition = Condition(column, op, tuple(items))
    elif op in ("is empty", "is not empty"):
        condition = Condition(column, op, None)
    else:
        condition = Condition(column, op, value)
    header = [*other_columns, column]
    text = condition.text()
    if op in ("<", "<=", ">", ">=") and comparison_bound(value) is None:
        # a comparison needs a date or a number: refused with the sentence for that
        with pytest.raises(PlanError) as refused:
            parse_condition(text, header)
        assert refused.value.message.id in ("filters.not_a_date", "filters.not_date_or_number")
        return
    if op == "contains" and not unicodedata.normalize("NFKC", value).strip():
        with pytest.raises(PlanError) as refused:  # nothing to look for: every row would meet it
            parse_condition(text, header)
        assert refused.value.message.id == "filters.contains_nothing"
        return
    parsed = parse_condition(text, header)
    assert parsed == condition
    assert parsed.text() == text


@settings(deadline=None)
@given(column=NAMES, op=st.sampled_from(("=", "!=", "<", "<=", ">", ">=")), years=st.integers(0, 150))
def test_an_age_condition_text_parses_back(column, op, years):
    condition = Condition(column, op, str(years), age=True)
    assert parse_condition(condition.text(), [column, "x"]) == condition


def test_a_filter_is_frozen_and_comparable():
    one = parse_filter([["x = 1"]], HEADER, reference_date=REFERENCE)
    assert one == parse_filter([["x  =  1"]], HEADER, reference_date=REFERENCE)
    assert isinstance(one, RowFilter)
    with pytest.raises(AttributeError):
        one.groups = ()  # type: ignore[misc]


def test_every_filter_message_is_one_sentence_in_both_languages():
    from exporter.messages.filters import CATALOGUE

    for key, (english, japanese) in CATALOGUE.items():
        assert english.endswith((".", "?")), key
        assert japanese.endswith("。"), key
        examples = ("住民税区分", "非課税", "令和8年4月1日")
        assert not re.search(r"[ぁ-んァ-ン一-龥]", re.sub("|".join(examples), "", english)), key


def test_filters_and_dates_work_without_pandas_and_numpy(tmp_path):
    """The frozen program leaves pandas and numpy out (build.spec); pyarrow must do every step without them."""
    import subprocess
    import sys

    code = """
import importlib.abc, sys
class LeftOut(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("pandas", "numpy"):
            raise ModuleNotFoundError(name, name=name)
sys.meta_path.insert(0, LeftOut())
from datetime import date
import pyarrow as pa
from exporter.filters import count_in_scope, parse_filter
table = pa.table(
    {"区分": ["非課税", "課税", "非課税"], "生年月日": ["S20.1.1", "2000-01-01", "x"], "所得": ["1,000", "5", ""]}
)
groups = [["区分 = 非課税", "age(生年月日) >= 65"], ["所得 < 10", "生年月日 >= 平成元年1月8日"], ["区分 in a, b"]]
print(count_in_scope(table, parse_filter(groups, table.column_names, reference_date=date(2026, 4, 1))))
print(sorted({"pandas", "numpy"} & set(sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["2", "[]"]


@pytest.mark.parametrize("text", ['k contains ""', 'k contains " "', 'k contains "　"'])
def test_contains_with_nothing_to_look_for_is_refused(text):
    with pytest.raises(PlanError) as refused:
        parse_filter([[text]], ["k"], reference_date=date(2026, 4, 1))
    assert "contains needs some text to look for" in refused.value.message.render("en")
