"""Dates as registers write them: value tables, every era boundary, round trips, and japanera as an oracle."""

from __future__ import annotations

import unicodedata
import warnings
from datetime import date, timedelta

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.dates import ERAS, age_on, parse_date, parse_dates
from exporter.sample import era_date

FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("2026/4/1", date(2026, 4, 1)),
        ("2026.4.1", date(2026, 4, 1)),
        ("2026年4月1日", date(2026, 4, 1)),
        ("2026 年 4 月 1 日", date(2026, 4, 1)),
        ("20260401", date(2026, 4, 1)),
        ("令和8年4月1日", date(2026, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("R8.4.1", date(2026, 4, 1)),
        ("R08.04.01", date(2026, 4, 1)),
        ("r8/4/1", date(2026, 4, 1)),
        ("R8-4-1", date(2026, 4, 1)),
        ("R8年4月1日", date(2026, 4, 1)),
        ("令和8.4.1", date(2026, 4, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("S45.3.2", date(1970, 3, 2)),
        ("s45.3.2", date(1970, 3, 2)),
        ("昭和45年3月2日", date(1970, 3, 2)),
        ("昭和 45年 3月 2日", date(1970, 3, 2)),
        ("T5.6.7", date(1916, 6, 7)),
        ("M44.1.1", date(1911, 1, 1)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("２０２６－０４－０１", date(2026, 4, 1)),
        ("２０２６／４／１", date(2026, 4, 1)),
        ("令和８年４月１日", date(2026, 4, 1)),
        ("Ｒ８．４．１", date(2026, 4, 1)),
        ("ｓ４５．３．２", date(1970, 3, 2)),
        ("  2026-04-01\u3000", date(2026, 4, 1)),
        ("2026‐04‐01", date(2026, 4, 1)),
        ("2026ー04ー01", date(2026, 4, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        ("平成12年2月29日", date(2000, 2, 29)),
    ],
)
def test_a_date_in_a_supported_form_is_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2026-02-29",
        "2026-13-01",
        "2026-04-31",
        "2026-00-10",
        "2026/4-1",
        "2026.4/1",
        "26/4/1",
        "2026-4-1-",
        "12345678",
        "2026041",
        "202604011",
        "0000-01-01",
        "令和0年1月1日",
        "令和00.01.01",
        "平成31年5月1日",
        "H31.5.1",
        "昭和64年1月8日",
        "令和元年4月30日",
        "明治46年1月1日",
        "大正16年1月1日",
        "明治5年12月31日",
        "明治元年10月23日",
        "昭和四十五年三月二日",
        "昭和45年3月2",
        "R8.4.1x",
        "X8.4.1",
        "R123.4.1",
        "٢٠٢٦-٠٤-٠١",
        "2026-04-01 00:00:00",
        "昭和45年3月2日（月）",
        "1" * 100,
        "null",
    ],
)
def test_text_that_is_not_a_date_gives_none(text):
    assert parse_date(text) is None


# Each era change: the first day written in the new era, the day before it written in the new era, the last day
# written in the old era, and the day after it written in the old era.
BOUNDARIES = [
    ("明治5年12月2日", None),  # the lunisolar calendar: not counted as Gregorian
    ("明治5年12月3日", None),  # never existed: 12月3日 became 明治6年1月1日
    ("明治6年1月1日", date(1873, 1, 1)),
    ("M6.1.1", date(1873, 1, 1)),
    ("明治45年7月29日", date(1912, 7, 29)),
    ("明治45年7月30日", date(1912, 7, 30)),  # the day the era changed: both names were written
    ("明治45年7月31日", None),
    ("大正元年7月29日", None),
    ("大正元年7月30日", date(1912, 7, 30)),
    ("T1.7.30", date(1912, 7, 30)),
    ("大正15年12月24日", date(1926, 12, 24)),
    ("大正15年12月25日", date(1926, 12, 25)),  # the day the era changed: both names were written
    ("大正15年12月26日", None),
    ("昭和元年12月24日", None),
    ("昭和元年12月25日", date(1926, 12, 25)),
    ("S1.12.25", date(1926, 12, 25)),
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("S64.1.7", date(1989, 1, 7)),
    ("昭和64年1月8日", None),
    ("平成元年1月7日", None),
    ("平成元年1月8日", date(1989, 1, 8)),
    ("H1.1.8", date(1989, 1, 8)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("平成31年5月1日", None),
    ("令和元年4月30日", None),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("R1.5.1", date(2019, 5, 1)),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDARIES)
def test_every_era_boundary_day(text, expected):
    assert parse_date(text) == expected


# Writers of every supported form. An era form is written in each era that covers the day.
def _eras_of(day: date):
    return [era for era in ERAS if era.first <= day and (era.last is None or day <= era.last)]


def _year_in_era(era, day: date, gannen: bool) -> str:
    number = day.year - era.first_year + 1
    return "元" if number == 1 and gannen else str(number)


def _gregorian_forms(day: date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    return [
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}.{m:02}.{d:02}",
        f"{y}年{m}月{d}日",
        f"{y:04}{m:02}{d:02}",
    ]


def _era_forms(day: date) -> list[str]:
    forms = []
    for era in _eras_of(day):
        m, d = day.month, day.day
        for gannen in (True, False):
            year = _year_in_era(era, day, gannen)
            forms.append(f"{era.name}{year}年{m}月{d}日")
            forms.append(f"{era.name} {year}年 {m}月 {d}日")
            forms.append(f"{era.initial}{year}年{m}月{d}日")
        number = day.year - era.first_year + 1
        forms += [
            f"{era.initial}{number}.{m}.{d}",
            f"{era.initial}{number:02}.{m:02}.{d:02}",
            f"{era.initial.lower()}{number}/{m}/{d}",
            f"{era.name}{number}-{m}-{d}",
        ]
    return forms


DAYS = st.dates(min_value=date(1873, 1, 1), max_value=date(2117, 12, 31))  # era years have two digits: 令和99年


@settings(max_examples=400, deadline=None)
@given(day=DAYS, data=st.data())
def test_a_date_written_in_every_supported_form_reads_back_as_itself(day, data):
    forms = _gregorian_forms(day) + _era_forms(day)
    for form in forms:
        written = form.translate(FULL_WIDTH) if data.draw(st.booleans()) else form
        padded = data.draw(st.sampled_from(["", " ", "\u3000", "\t"])) + written + data.draw(st.sampled_from(["", " "]))
        assert parse_date(padded) == day, padded


@settings(deadline=None)
@given(day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_four_digit_gregorian_year_reads_back(day):
    for form in _gregorian_forms(day):
        assert parse_date(form) == day


@settings(deadline=None)
@given(text=st.text(max_size=30))
def test_parse_date_never_raises_and_ignores_what_nfkc_does_to_the_text(text):
    assert parse_date(text) == parse_date(unicodedata.normalize("NFKC", text))


def test_the_sample_generators_era_dates_read_back_for_every_day_it_writes():
    day = date(1912, 7, 30)
    while day <= date(2030, 12, 31):
        assert parse_date(era_date(day)) == day
        day += timedelta(days=1)


# japanera (PyPI) parses era dates with its own era table; it is the independent oracle for the era forms.
MODERN = {era.name for era in ERAS}


def _japanera(text: str, pattern: str) -> set[date]:
    from japanera import EraDate, EraType

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = EraDate.strptime(text, pattern)
    except ValueError:
        return set()
    return {date(d.year, d.month, d.day) for d in found if d.era.era_type == EraType.GENERAL and d.era.kanji in MODERN}


def _known_difference(era_name: str, year: int, month: int, day: int) -> bool:
    """Where we part from japanera on purpose: Meiji before 1873, and the two days an era changed, which japanera
    gives to the new era only."""
    return (era_name == "明治" and year < 6) or (era_name, year, month, day) in {
        ("明治", 45, 7, 30),
        ("大正", 15, 12, 25),
    }


@settings(max_examples=600, deadline=None)
@given(
    era=st.sampled_from(ERAS),
    year=st.integers(1, 70),  # japanera reads year 0 as the first year; our tables cover 0
    month=st.integers(0, 13),
    day=st.integers(0, 32),
    gannen=st.booleans(),
)
def test_era_dates_agree_with_japanera(era, year, month, day, gannen):
    if _known_difference(era.name, year, month, day):
        return
    year_text = "元" if year == 1 and gannen else str(year)
    kanji = _japanera(f"{era.name}{year_text}年{month}月{day}日", "%-K%-y年%m月%d日")
    initial = _japanera(f"{era.initial}{year}.{month}.{day}", "%-h%-y.%m.%d")
    ours = parse_date(f"{era.name}{year_text}年{month}月{day}日")
    assert ours == parse_date(f"{era.initial}{year}.{month}.{day}")
    assert {ours} - {None} == kanji
    assert {ours} - {None} == initial


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31)))  # japanera: two-digit era years
def test_japanera_reads_what_we_write_as_the_same_day(day):
    for era in _eras_of(day):
        number = day.year - era.first_year + 1
        if _known_difference(era.name, number, day.month, day.day):
            continue
        assert _japanera(f"{era.name}{number}年{day.month}月{day.day}日", "%-K%-y年%m月%d日") == {day}


def test_japanera_and_we_part_only_where_documented():
    assert parse_date("明治45年7月30日") == parse_date("大正元年7月30日") == date(1912, 7, 30)
    assert _japanera("明治45年7月30日", "%-K%-y年%m月%d日") == set()
    assert parse_date("明治5年1月1日") is None
    assert _japanera("明治5年1月1日", "%-K%-y年%m月%d日") == {date(1872, 1, 1)}


# parse_dates: the whole-array form.
CELLS = st.one_of(
    st.sampled_from(["", " ", "昭和45年3月2日", "R8.4.1", "平成31年5月1日", "2026-02-29", "２０２６－０４－０１", "x"]),
    DAYS.map(lambda d: d.isoformat()),
    DAYS.map(lambda d: (_era_forms(d) or [d.isoformat()])[0]),
    st.text(max_size=12),
)


@settings(deadline=None)  # the first call may import pandas (pyarrow looks for it when converting Python values)
@given(cells=st.lists(CELLS, max_size=60), large=st.booleans(), chunks=st.integers(1, 3))
def test_parse_dates_agrees_with_parse_date_cell_by_cell(cells, large, chunks):
    kind = pa.large_string() if large else pa.string()
    step = max(1, len(cells) // chunks)
    pieces = [cells[i : i + step] for i in range(0, len(cells), step)] or [[]]
    values = (
        pa.chunked_array([pa.array(piece, kind) for piece in pieces], kind) if chunks > 1 else pa.array(cells, kind)
    )
    result = parse_dates(values)
    assert result.type == pa.date32()
    assert len(result) == len(cells)
    assert result.to_pylist() == [parse_date(cell) for cell in cells]


COMMON_FORMS = st.one_of(
    st.builds(
        lambda era, year, month, day: f"{era.name}{year}年{month}月{day}日",
        st.sampled_from(ERAS),
        st.one_of(st.just("元"), st.integers(0, 99).map(str), st.integers(0, 9).map(lambda n: f"0{n}")),
        st.integers(0, 99),
        st.integers(0, 99),
    ),
    st.builds(
        lambda year, first, second, month, day: f"{year:04}{first}{month}{second}{day}",
        st.integers(0, 9999),
        st.sampled_from("-/."),
        st.sampled_from("-/."),
        st.one_of(st.integers(0, 99).map(str), st.integers(0, 9).map(lambda n: f"0{n}")),
        st.one_of(st.integers(0, 99).map(str), st.integers(0, 9).map(lambda n: f"0{n}")),
    ),
    DAYS.map(lambda d: f"{d.year}-{d.month:02}-{d.day:02}"),
    DAYS.flatmap(lambda d: st.sampled_from(_era_forms(d) or [d.isoformat()])),
)


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(COMMON_FORMS, max_size=40))
def test_parse_dates_reads_the_forms_registers_print_exactly_as_parse_date(cells):
    assert parse_dates(pa.array(cells, pa.string())).to_pylist() == [parse_date(cell) for cell in cells]


def test_parse_dates_keeps_null_cells_null():
    assert parse_dates(pa.array([None, "R8.4.1", None])).to_pylist() == [None, date(2026, 4, 1), None]


# age_on: completed years on the reference date.
@pytest.mark.parametrize(
    ("birth", "reference", "age"),
    [
        (date(1961, 4, 1), date(2026, 3, 31), 64),
        (date(1961, 4, 1), date(2026, 4, 1), 65),
        (date(1961, 4, 2), date(2026, 4, 1), 64),
        (date(2000, 2, 29), date(2018, 2, 28), 17),  # a common year: the birthday is on 1 March
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(2000, 2, 29), date(2020, 2, 28), 19),
        (date(2000, 2, 29), date(2020, 2, 29), 20),  # a leap year: on the day itself
        (date(2000, 3, 1), date(2001, 2, 28), 0),
        (date(2026, 4, 1), date(2026, 4, 1), 0),
        (date(2026, 4, 2), date(2026, 4, 1), -1),
        (date(1900, 1, 1), date(2026, 12, 31), 126),
    ],
)
def test_age_on_counts_completed_years(birth, reference, age):
    result = age_on(parse_dates(pa.array([birth.isoformat()])), reference)
    assert result.type == pa.int32()
    assert result.to_pylist() == [age]


def _plain_age(birth: date, reference: date) -> int:
    """Count the birthdays from birth up to reference (birth <= reference), one by one (29 Feb -> 1 Mar in
    common years)."""
    age = 0
    year = birth.year + 1
    while True:
        try:
            birthday = birth.replace(year=year)
        except ValueError:
            birthday = date(year, 3, 1)
        if birthday > reference:
            return age
        age += 1
        year += 1


@settings(deadline=None)
@given(
    births=st.lists(st.dates(min_value=date(1880, 1, 1), max_value=date(2030, 12, 31)), max_size=30),
    reference=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
)
def test_age_on_agrees_with_counting_birthdays_one_by_one(births, reference):
    result = age_on(parse_dates(pa.array([b.isoformat() for b in births], pa.string())), reference).to_pylist()
    for birth, age in zip(births, result, strict=True):
        if birth <= reference:
            assert age == _plain_age(birth, reference)
        else:
            assert age < 0


def test_age_on_keeps_null_births_null():
    births = parse_dates(pa.array(["", "not a date", "S45.3.2"]))
    assert age_on(births, date(2026, 4, 1)).to_pylist() == [None, None, 56]
