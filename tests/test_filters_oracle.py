"""RowFilter.mask against a reference evaluator written plainly, row by row, from the documented meaning."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.dates import parse_date
from exporter.filters import Condition, condition_text, count_in_scope, parse_filter

REFERENCE = date(2026, 4, 1)
COLUMNS = ["区分", "birth date", "income"]


# ---- the reference evaluator: one row at a time, in plain Python --------------------------------------------------
def cell_text(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).strip()


def as_number(text: str) -> Decimal | None:
    normal = cell_text(text)
    if re.fullmatch(r"[-+]?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.[0-9]+)?", normal):
        return Decimal(normal.replace(",", ""))
    return None


def completed_years(birth: date, on: date) -> int:
    years = on.year - birth.year
    birthday_this_year = (birth.month, birth.day)
    if birthday_this_year > (on.month, on.day):
        years -= 1
    return years


def holds(condition: Condition, cell: str) -> bool:
    text = cell_text(cell)
    op, value = condition.op, condition.value
    if condition.age:
        birth = parse_date(cell)
        if birth is None or birth > REFERENCE:  # no date, or born after the reference date: no age at all
            return False
        return compare(op, completed_years(birth, REFERENCE), int(cell_text(value)))
    if op == "is empty":
        return text == ""
    if op == "is not empty":
        return text != ""
    if op == "in":
        return text in [cell_text(item) for item in value]
    if op == "not in":
        return text not in [cell_text(item) for item in value]
    if op == "contains":
        return cell_text(value) in text
    if op == "=":
        return text == cell_text(value)
    if op == "!=":
        return text != cell_text(value)
    bound = as_number(value)
    if bound is not None:
        number = as_number(cell)
        return number is not None and compare(op, number, bound)  # exactly, as decimals
    bound_day = parse_date(value)
    day = parse_date(cell)
    return day is not None and compare(op, day, bound_day)


def compare(op: str, left, right) -> bool:
    return {
        "=": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[op]


def reference_mask(groups, rows) -> list[bool]:
    return [
        any(all(holds(condition, row[condition.column]) for condition in group) for group in groups) for row in rows
    ]


# ---- random tables and filters -----------------------------------------------------------------------------------
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))


def _era(day: date) -> str:
    for name, first, start_year in (("令和", date(2019, 5, 1), 2019), ("平成", date(1989, 1, 8), 1989)):
        if day >= first:
            return f"{name}{day.year - start_year + 1}年{day.month}月{day.day}日"
    if day >= date(1926, 12, 25):
        return f"S{day.year - 1925}.{day.month}.{day.day}"
    return day.isoformat()


DATE_TEXTS = st.one_of(
    DAYS.map(date.isoformat),
    DAYS.map(lambda d: f"{d.year}/{d.month}/{d.day}"),
    DAYS.map(_era),
    DAYS.map(lambda d: d.isoformat().translate(FULL_WIDTH)),
)
NUMBER_TEXTS = st.one_of(
    st.integers(-(10**9), 10**9).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.integers(0, 10**6).map(lambda n: f"{n:,}".translate(FULL_WIDTH)),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False).map(str),
    # beyond what binary floating point holds exactly: 16 to 40 digits, neighbours of 2**53, tenths
    st.integers(10**15, 10**40).map(str),
    st.integers(2**53 - 2, 2**53 + 2).map(str),
    st.decimals(min_value=0, max_value=1, places=17, allow_nan=False).map(lambda d: format(d, "f")),
)
WORDS = st.sampled_from(
    ["非課税", "課税", "均等割のみ", "ｶﾅ", "カナ", "要介護１", "要介護1", "ABC", "abc", "a,b", '"q"']
)
CELLS = st.one_of(
    WORDS,
    DATE_TEXTS,
    NUMBER_TEXTS,
    st.sampled_from(["", " ", "\u3000", " 非課税 ", "x"]),
    st.text(max_size=6),
)


@st.composite
def conditions(draw, column_cells):
    column = draw(st.sampled_from(COLUMNS))
    pool = column_cells[column] or [""]
    op = draw(
        st.sampled_from(
            ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "is empty", "is not empty", "age"]
        )
    )
    if op == "age":
        return Condition(
            column, draw(st.sampled_from(["=", "!=", "<", "<=", ">", ">="])), str(draw(st.integers(0, 130))), age=True
        )
    if op in ("is empty", "is not empty"):
        return Condition(column, op)
    if op in ("in", "not in"):
        items = draw(st.lists(st.one_of(st.sampled_from(pool), WORDS), min_size=1, max_size=3))
        return Condition(column, op, tuple(items))
    if op in ("<", "<=", ">", ">="):
        bound = draw(st.one_of(DATE_TEXTS, NUMBER_TEXTS, st.sampled_from(pool).filter(_comparable)))
        return Condition(column, op, bound)
    value = draw(st.one_of(st.sampled_from(pool), WORDS, st.text(min_size=1, max_size=3)))
    if op == "contains" and not cell_text(value):
        value = "非"
    return Condition(column, op, value)


def _comparable(text: str) -> bool:
    return as_number(text) is not None or parse_date(text) is not None


@st.composite
def tables_and_filters(draw):
    rows = draw(st.integers(0, 25))
    column_cells = {name: draw(st.lists(CELLS, min_size=rows, max_size=rows)) for name in COLUMNS}
    groups = draw(st.lists(st.lists(conditions(column_cells), min_size=1, max_size=3), min_size=1, max_size=3))
    return column_cells, groups


@settings(max_examples=300, deadline=None)
@given(case=tables_and_filters(), large=st.booleans())
def test_mask_agrees_with_the_row_by_row_reference(case, large):
    column_cells, groups = case
    kind = pa.large_string() if large else pa.string()
    texts = [[condition.text() for condition in group] for group in groups]
    row_filter = parse_filter(texts, COLUMNS, reference_date=REFERENCE)
    assert [list(group) for group in row_filter.groups] == groups
    table = pa.table({name: pa.array(cells, kind) for name, cells in column_cells.items()})
    rows = table.to_pylist()
    expected = reference_mask(groups, rows)
    mask = row_filter.mask({name: table.column(name) for name in row_filter.columns})
    assert mask.type == pa.bool_()
    assert mask.null_count == 0
    assert mask.to_pylist() == expected
    assert count_in_scope(table, row_filter) == sum(expected)


@settings(max_examples=50, deadline=None)
@given(case=tables_and_filters(), chunk=st.integers(1, 5))
def test_mask_of_a_chunked_column_is_the_mask_of_the_whole(case, chunk):
    column_cells, groups = case
    row_filter = parse_filter([[c.text() for c in group] for group in groups], COLUMNS, reference_date=REFERENCE)
    whole = {name: pa.array(cells) for name, cells in column_cells.items()}
    chunked = {
        name: pa.chunked_array([cells[i : i + chunk] for i in range(0, len(cells), chunk)] or [[]], pa.string())
        for name, cells in column_cells.items()
    }
    assert row_filter.mask(chunked).to_pylist() == row_filter.mask(whole).to_pylist()


def test_the_clerks_examples_on_a_small_register():
    table = pa.table(
        {
            "住民税区分": ["非課税", "課税", "非課税", " 非課税", "", "非課税"],
            "生年月日": ["昭和20年1月1日", "S20.1.1", "昭和36年4月2日", "1961-04-01", "1950-01-01", "不明"],
            "care_level": ["", "要介護１", "要支援1", "", "要介護2", ""],
        }
    )
    exempt_elderly = parse_filter(
        [["住民税区分 = 非課税", "age(生年月日) >= 65"]], table.column_names, reference_date=REFERENCE
    )
    # 昭和36年4月2日 turns 65 on 2026-04-02; 1961-04-01 on the reference date itself; 不明 is not a date
    assert exempt_elderly.mask(dict(zip(table.column_names, table.columns, strict=True))).to_pylist() == [
        True,
        False,
        False,
        True,
        False,
        False,
    ]
    either = parse_filter(
        [["住民税区分 = 非課税", "生年月日 <= 昭和36年4月1日"], ["care_level in 要介護1, 要介護2"]],
        table.column_names,
        reference_date=REFERENCE,
    )
    assert count_in_scope(table, either) == 4
    text = condition_text("care_level", "in", ["要介護1", "要介護2"])
    assert parse_filter([[text]], table.column_names, reference_date=REFERENCE).texts() == [[text]]


def test_full_width_digits_typed_for_a_number_range_match_half_width_cells():
    table = pa.table({"income": ["999,999", "1,000,000", "1000001", "１，５００，０００", "", "n/a"]})
    row_filter = parse_filter([["income >= １，０００，０００"]], ["income"], reference_date=REFERENCE)
    assert row_filter.mask({"income": table.column("income")}).to_pylist() == [False, True, True, True, False, False]


def test_numbers_compare_exactly_where_binary_floating_point_would_not():
    """2**53 + 1 and 2**53 are one float; 0.1 + 0.2 written out is not 0.3; a 20-digit code is not a float."""
    cells = ["9007199254740993", "9007199254740992", "0.30000000000000001", "0.3", "12345678901234567891", "-0"]
    table = pa.table({"n": cells})

    def kept(condition: str) -> list[str]:
        mask = parse_filter([[condition]], ["n"], reference_date=REFERENCE).mask({"n": table.column("n")})
        return [cell for cell, keep in zip(cells, mask.to_pylist(), strict=True) if keep]

    assert kept("n > 9007199254740992") == ["9007199254740993", "12345678901234567891"]
    assert kept("n <= 0.3") == ["0.3", "-0"]
    assert kept("n >= 12345678901234567890.5") == ["12345678901234567891"]
    assert kept("n < 0.000000000000000000000000000000000000001") == ["-0"]


def test_numbers_of_more_than_76_digits_compare_exactly_too():
    big = "1" + "0" * 80
    cells = [big, str(int(big) + 1), "-" + big, "5", "abc"]
    table = pa.table({"n": cells})
    for condition, kept in [
        (f"n > {big}", [str(int(big) + 1)]),
        (f"n >= {big}", [big, str(int(big) + 1)]),
        (f"n < {big}", ["-" + big, "5"]),
        ("n <= 5", ["-" + big, "5"]),
        (f"n > {big}.5", [str(int(big) + 1)]),
    ]:
        mask = parse_filter([[condition]], ["n"], reference_date=REFERENCE).mask({"n": table.column("n")})
        assert [cell for cell, keep in zip(cells, mask.to_pylist(), strict=True) if keep] == kept, condition


def test_a_birth_date_after_the_reference_date_has_no_age_and_is_counted_as_unreadable():
    from exporter.filter_masks import unreadable_cells

    table = pa.table({"born": ["2030-01-01", "2020-01-01", "1950-01-01", "", "不明"]})
    row_filter = parse_filter([["age(born) < 18"]], ["born"], reference_date=REFERENCE)
    assert row_filter.mask({"born": table.column("born")}).to_pylist() == [False, True, False, False, False]
    assert unreadable_cells(row_filter, {"born": table.column("born")}) == {"born": 2}
