"""Re-identification risk (exporter/risk.py): the counter against pandas' groupby as the oracle, the sentences a
clerk reads, which columns count, and the --max-unique-share limit."""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter import sample
from exporter.classify import classify_columns
from exporter.errors import PlanError
from exporter.risk import (
    Risk,
    check_unique_share,
    direct_identifiers,
    direct_sentence,
    percent,
    quasi_identifiers,
    unique_share_limit,
)
from exporter.risk_counter import RiskCounter

# unique_share_limit's refusals are rendered in the current language
pytestmark = pytest.mark.usefixtures("sentences_in_english")

# Few values, so that groups of every size occur; the empty cell, look-alikes that must stay apart (full-width and
# ASCII digits, a trailing space, kana widths), text that a naive join would merge ("a,b" + "" vs "a" + "b") and the
# characters that the counter's keys use to join values.
VALUES = [
    "",
    "\x00",
    "\x00\x02",
    "\x02",
    "1",
    "１",
    "1 ",
    "a",
    "a,b",
    "b",
    "ｱ",
    "ア",
    "昭和24年5月8日",
    "女",
    "男",
    "464-9081",
]


def pandas_risk(columns: list[str], rows: list[tuple[str, ...]]) -> tuple[int, int, int, int]:
    """rows, unique rows, smallest group and groups, as pandas counts them."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if not len(frame):
        return 0, 0, 0, 0
    sizes = frame.groupby(columns, dropna=False, sort=False).size()
    return len(frame), int((sizes == 1).sum()), int(sizes.min()), len(sizes)


def figures(risk: Risk) -> tuple[int, int, int, int]:
    return risk.rows, risk.unique, risk.smallest_group, risk.groups


def count_in_batches(
    columns: list[str], rows: list[tuple[str, ...]], cuts: list[int], *, compact_bytes: int, large: list[bool]
) -> Risk:
    counter = RiskCounter(columns, compact_bytes=compact_bytes)
    bounds = [0, *sorted(cut % (len(rows) + 1) for cut in cuts), len(rows)]
    for index, (start, stop) in enumerate(itertools.pairwise(bounds)):
        kind = pa.large_string() if large[index % len(large)] else pa.string()
        part = rows[start:stop]
        counter.add([pa.array([row[i] for row in part], kind) for i in range(len(columns))])
    return counter.result()


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, ...]]]:
    width = draw(st.integers(1, 4))
    columns = [f"col{i}" for i in range(width)]
    value = st.sampled_from(VALUES) | st.text(max_size=3)
    rows = draw(st.lists(st.tuples(*[value] * width), max_size=80))
    return columns, rows


@settings(max_examples=300, deadline=None)
@given(
    tables(),
    st.lists(st.integers(0, 1000), max_size=8),
    st.integers(1, 40),
    st.lists(st.booleans(), min_size=1, max_size=4),
)
def test_counting_in_any_batches_gives_pandas_group_sizes(table, cuts, compact_bytes, large):
    columns, rows = table
    risk = count_in_batches(columns, rows, cuts, compact_bytes=compact_bytes, large=large)
    assert figures(risk) == pandas_risk(columns, rows)
    assert risk.columns == tuple(columns)


def test_no_rows_have_no_groups_and_k_zero():
    counter = RiskCounter(["birth_date", "gender"])
    counter.add([pa.array([], pa.string()), pa.array([], pa.string())])
    risk = counter.result()
    assert figures(risk) == (0, 0, 0, 0)
    assert risk.unique_share == 0.0
    assert RiskCounter(["birth_date"]).result() == risk.__class__(("birth_date",), 0, 0, 0, 0)


def test_rows_that_all_agree_form_one_group_of_all_of_them():
    rows = [("昭和24年5月8日", "女", "464-9081")] * 1000
    risk = count_in_batches(["b", "g", "p"], rows, [10, 500, 999], compact_bytes=7, large=[False])
    assert figures(risk) == (1000, 0, 1000, 1)


def test_rows_that_all_differ_are_all_unique():
    rows = [(str(i), "女") for i in range(5000)]
    risk = count_in_batches(["b", "g"], rows, [1, 2, 4000], compact_bytes=300, large=[True, False])
    assert figures(risk) == (5000, 5000, 1, 5000)
    assert risk.unique_share == 1.0


def test_empty_cells_are_a_value_that_residents_share():
    rows = [("", "女"), ("", "女"), ("", "男"), ("1960-01-01", "")]
    risk = count_in_batches(["b", "g"], rows, [], compact_bytes=100, large=[False])
    assert figures(risk) == pandas_risk(["b", "g"], rows) == (4, 2, 1, 3)


def test_one_column_counts_its_values():
    rows = [("a",), ("b",), ("a",), ("c",), ("a",)]
    risk = count_in_batches(["gender"], rows, [2], compact_bytes=1, large=[False])
    assert figures(risk) == (5, 2, 1, 3)


def test_without_quasi_identifiers_every_row_is_in_one_group():
    counter = RiskCounter([])
    counter.add([], rows=3)
    counter.add([], rows=0)
    counter.add([], rows=4)
    assert figures(counter.result()) == (7, 0, 7, 1)
    one = RiskCounter([])
    one.add([], rows=1)
    assert figures(one.result()) == (1, 1, 1, 1)


def test_a_counter_without_columns_needs_the_number_of_rows():
    with pytest.raises(ValueError, match="number of rows"):
        RiskCounter([]).add([])


def test_arrays_that_do_not_fit_the_columns_are_a_bug():
    counter = RiskCounter(["a", "b"])
    with pytest.raises(ValueError, match="2 columns"):
        counter.add([pa.array(["x"])])
    with pytest.raises(ValueError, match="differ in length"):
        counter.add([pa.array(["x"]), pa.array(["x", "y"])])


def test_chunked_and_dictionary_arrays_count_like_plain_ones():
    values = ["a", "b", "a", "c"]
    counter = RiskCounter(["x", "y"])
    counter.add([pa.chunked_array([values[:1], values[1:]]), pa.array(values).dictionary_encode()])
    assert figures(counter.result()) == (4, 2, 1, 3)


def test_counting_can_go_on_after_a_result():
    counter = RiskCounter(["x"], compact_bytes=2)
    counter.add([pa.array(["a", "b"])])
    assert figures(counter.result()) == (2, 2, 1, 2)
    counter.add([pa.array(["a"])])
    assert figures(counter.result()) == (3, 1, 1, 2)


def test_memory_holds_the_combinations_not_the_rows():
    """200 batches of 2,000 rows with 12 combinations: what the counter holds does not grow with the rows."""
    genders = pa.array(["女", "男", ""] * 666 + ["女", "男"])
    bands = pa.array(["0～4", "5～9", "10～14", "15～19"] * 500)
    counter = RiskCounter(["gender", "band"], compact_bytes=4_000)
    held = []
    for batch in range(200):
        counter.add([genders, bands])
        if batch % 20 == 19:
            held.append(pa.total_allocated_bytes())
    assert figures(counter.result()) == (400_000, 0, 33_200, 12)
    # genders and bands themselves stay allocated; what the counter adds stays under the buffer of 4,000 rows
    assert max(held) - min(held) < 256 * 1024, held


def test_the_sample_residents_counted_in_batches_match_pandas():
    data = sample.sample_bytes(3000, seed=7).decode("utf-8-sig").splitlines()
    header = data[0].split(",")
    rows = [line.split(",") for line in data[1:]]
    picked = [header.index(name) for name in ("birth_date", "gender", "postal_code")]
    table = [tuple(row[i] for i in picked) for row in rows if len(row) == len(header)]
    risk = count_in_batches(
        ["birth_date", "gender", "postal_code"], table, [1000, 2000], compact_bytes=500, large=[False]
    )
    assert figures(risk) == pandas_risk(["b", "g", "p"], table)


# which columns count


def test_birth_dates_ages_gender_and_addresses_of_the_sample_are_quasi_identifiers():
    data = sample.sample_bytes(300, seed=3).decode("utf-8-sig").splitlines()
    header = data[0].split(",")
    header_ja = [*header, "年齢", "性別"]
    rows = [[*line.split(","), "67", "女"] for line in data[1:]]
    categories = classify_columns(header_ja, rows)
    kept = quasi_identifiers(header_ja, categories)
    assert kept == ("gender", "birth_date", "postal_code", "prefecture", "city", "address_line", "年齢", "性別")
    direct = direct_identifiers(header_ja, categories)
    for name in ("resident_number", "my_number", "family_name", "given_name_kana", "phone", "email"):
        assert name in direct
    assert not set(direct) & set(kept)


def test_a_pseudonym_or_a_mask_no_longer_names_a_resident():
    columns = ["氏名", "住民番号", "電話番号"]
    categories = ["name", "identifier", "contact"]
    assert direct_identifiers(columns, categories) == ("氏名", "住民番号", "電話番号")
    transforms = {"住民番号": "pseudonym", "電話番号": "mask:4", "氏名": "formula-safe"}
    assert direct_identifiers(columns, categories, transforms) == ("氏名",)


@pytest.mark.parametrize("kept", [5, 8, 12, 20])
def test_a_mask_that_keeps_more_than_four_characters_still_names_a_resident(kept):
    """mask:12 of a phone number keeps all of it but the leading 0: it is still a direct identifier."""
    transforms = {"電話番号": f"mask:{kept}"}
    assert direct_identifiers(["電話番号"], ["contact"], transforms) == ("電話番号",)
    assert direct_identifiers(["電話番号"], ["contact"], {"電話番号": "mask:4"}) == ()


def test_columns_and_categories_must_pair_up():
    with pytest.raises(ValueError, match="categories"):
        quasi_identifiers(["a", "b"], ["birth"])
    with pytest.raises(ValueError, match="categories"):
        direct_identifiers(["a"], [])


# the sentences


def test_unique_residents_are_counted_with_their_share_and_the_columns_by_name():
    risk = Risk(("生年月日", "性別", "郵便番号"), rows=58_214, unique=12_345, smallest_group=1, groups=30_000)
    english = risk.sentence().render("en")
    assert english.startswith(
        "12,345 of 58,214 residents (21.2%) are the only one with their 生年月日, 性別 and 郵便番号"
    )
    japanese = risk.sentence().render("ja")
    assert "58,214 人のうち 12,345 人（21.2%）" in japanese
    assert "生年月日、性別、郵便番号 の組み合わせ" in japanese


def test_one_unique_resident_is_said_in_the_singular():
    risk = Risk(("birth_year",), rows=460_000, unique=1, smallest_group=1, groups=100)
    assert (
        risk.sentence()
        .render("en")
        .startswith("1 of 460,000 residents (under 0.001%) is the only one with their birth_year:")
    )
    assert "1 人（0.001% 未満）は、birth_year の値が" in risk.sentence().render("ja")


def test_k_anonymous_rows_say_that_nobody_stands_alone_and_give_k():
    risk = Risk(("age_band", "gender"), rows=1000, unique=0, smallest_group=5, groups=40)
    english = risk.sentence().render("en")
    assert "None of the 1,000 residents is the only one with their age_band and gender" in english
    assert "at least 4 others" in english
    assert "(k = 5)" in english
    assert "ほかに 4 人以上" in risk.sentence().render("ja")


def test_no_quasi_identifier_and_no_rows_have_their_own_sentences():
    none_kept = Risk((), rows=300, unique=0, smallest_group=300, groups=1).sentence()
    assert "300 residents" in none_kept.render("en")
    assert "生年月日・年齢・性別・郵便番号・住所がない" in none_kept.render("ja")
    nobody = Risk(("gender",), rows=0, unique=0, smallest_group=0, groups=0).sentence()
    assert nobody.render("en") == "No resident is in scope, so nobody can be picked out."


def test_direct_identifiers_are_named_in_the_sentence():
    sentence = direct_sentence(("family_name", "given_name", "phone"))
    assert sentence is not None
    assert "(family_name, given_name and phone)" in sentence.render("en")
    assert "family_name、given_name、phone があり" in sentence.render("ja")
    assert direct_sentence(()) is None


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.0, "0%"),
        (1.0, "100%"),
        (0.05, "5%"),
        (0.2123, "21.2%"),
        (0.000423, "0.042%"),
        (1e-7, "under 0.001%"),
        (0.99996, "over 99.9%"),
    ],
)
def test_shares_read_as_percentages_that_never_round_to_none_or_all(share, shown):
    text = percent(share)
    assert (text if isinstance(text, str) else text.render("en")) == shown


def test_the_manifest_entry_holds_the_figures():
    risk = Risk(("birth_date", "gender"), rows=3, unique=1, smallest_group=1, groups=2)
    assert risk.manifest_entry() == {
        "quasi_identifiers": ["birth_date", "gender"],
        "rows": 3,
        "unique_rows": 1,
        "unique_share": 0.333333,
        "smallest_group": 1,
        "groups": 2,
    }


# --max-unique-share


def test_a_unique_share_above_the_limit_is_refused_with_a_hint():
    risk = Risk(("birth_date", "gender", "postal_code"), rows=200, unique=20, smallest_group=1, groups=190)
    with pytest.raises(PlanError) as refused:
        check_unique_share(risk, 0.05)
    assert refused.value.message.render("en") == (
        "20 of 200 residents (10%) are the only one with their birth_date, gender and postal_code, more than the "
        "limit of 5%."
    )
    assert "postal-area" in refused.value.hint.render("en")
    assert "上限の 5% を超えています" in refused.value.message.render("ja")


def test_a_share_at_the_limit_or_no_limit_passes():
    risk = Risk(("gender",), rows=100, unique=5, smallest_group=1, groups=10)
    check_unique_share(risk, 0.05)
    check_unique_share(risk, None)
    check_unique_share(Risk(("gender",), rows=100, unique=0, smallest_group=2, groups=10), 0.0)
    with pytest.raises(PlanError):
        check_unique_share(risk, 0.0)


def test_without_quasi_identifiers_the_limit_refuses_nothing():
    counter = RiskCounter([])
    counter.add([], rows=1)
    check_unique_share(counter.result(), 0.0)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.05", 0.05), ("5%", 0.05), (" 5 % ", 0.05), ("５％", 0.05), ("0", 0.0), ("1", 1.0), ("100%", 1.0), (".5", 0.5)],
)
def test_the_limit_is_a_share_or_a_percentage(text, value):
    assert unique_share_limit(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["5", "1.5", "-0.1", "101%", "nan", "inf"])
def test_a_limit_outside_zero_to_one_is_refused_rather_than_guessed(text):
    with pytest.raises(argparse.ArgumentTypeError, match="between 0 and 1"):
        unique_share_limit(text)


def test_a_limit_that_is_no_number_is_refused_by_the_command_line_parser(capsys):
    parser = argparse.ArgumentParser(prog="exporter")
    parser.add_argument("--max-unique-share", type=unique_share_limit)
    with pytest.raises(SystemExit) as usage:
        parser.parse_args(["--max-unique-share", "five"])
    assert usage.value.code == 2
    assert "'five' is not a share (write it as 0.05 or 5%)" in capsys.readouterr().err


def test_the_risk_module_does_not_load_pandas():
    code = "import sys, exporter.risk; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_groups_merged_by_sorting_when_value_counts_order_cannot_be_relied_on():
    """The fallback of RiskCounter's compaction: the old groups' keys counted again out of order, then added up."""
    from exporter.arrow_text import string_array
    from exporter.risk_counter import _merged_by_sorting

    def int64(values):
        import pyarrow as pa

        return pa.Array.from_buffers(
            pa.int64(), len(values), [None, pa.py_buffer(b"".join(v.to_bytes(8, "little") for v in values))]
        )

    # value_counts over old keys [a, b] followed by new rows [c, a, b] (here given in another order)
    keys, sums = _merged_by_sorting(
        string_array(["b", "c", "a"]), int64([2, 1, 2]), (string_array(["a", "b"]), int64([5, 1]))
    )
    assert dict(zip(keys.to_pylist(), sums.to_pylist(), strict=True)) == {"a": 6, "b": 2, "c": 1}


def test_a_share_just_above_the_limit_is_told_apart_from_it():
    from exporter.errors import PlanError
    from exporter.risk import Risk, check_unique_share

    risk = Risk(columns=("birth_date",), rows=1000, unique=947, smallest_group=1, groups=950)
    with pytest.raises(PlanError) as refused:
        check_unique_share(risk, 0.9466)
    text = refused.value.message.render("en")
    assert "(94.70%)" in text
    assert "limit of 94.66%" in text


# beyond the cap: a sample of the combinations (exporter/risk_counter.py)


def sampled_oracle(columns: list[str], rows: list[tuple[str, ...]], cap: int) -> Risk:
    """What the sampling counter must report, worked out from pandas' full group sizes: the fewest leading zero
    bits of each combination's 64-bit BLAKE2b hash that leave at most ``cap`` bytes of keys (stopping before a
    level that would leave none), the sampled groups' exact sizes, and the estimates scaled up from them."""
    import hashlib

    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    sizes = frame.groupby(columns, dropna=False, sort=False).size()

    def zeros(values: object) -> int:
        key = "\x00\x02".join(values if isinstance(values, tuple) else (values,)).encode()
        number = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
        return 64 - number.bit_length()

    def size(values: object) -> int:  # a key's bytes as the counter measures them: its text and a 4-byte offset
        return 4 + len("\x00\x02".join(values if isinstance(values, tuple) else (values,)).encode())

    leading = [zeros(values) for values in sizes.index]
    bytes_of = [size(values) for values in sizes.index]
    level = 0
    while sum(b for b, z in zip(bytes_of, leading, strict=True) if z >= level) > cap and any(
        z >= level + 1 for z in leading
    ):
        level += 1
    kept = [int(size) for size, z in zip(sizes, leading, strict=True) if z >= level]
    if not level:
        return Risk(tuple(columns), len(rows), kept.count(1), min(kept), len(kept))
    return Risk(
        tuple(columns),
        len(rows),
        round(kept.count(1) * len(rows) / sum(kept)),
        min(kept),
        min(len(rows), len(kept) << level),
        sample_level=level,
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["女", "男", ""])), min_size=1, max_size=300),
    st.lists(st.integers(0, 1000), max_size=6),
    st.integers(1, 800),
    st.integers(1, 400),
)
def test_over_the_cap_the_counter_samples_combinations_as_the_oracle_does(values, cuts, cap, compact_bytes):
    """Whatever the batches and the moments of folding, the sample is the same combinations, counted exactly."""
    rows = [(f"1950-01-{day:02d}", gender) for day, gender in values]
    counter = RiskCounter(["birth_date", "gender"], compact_bytes=compact_bytes, max_group_bytes=cap)
    bounds = [0, *sorted(cut % (len(rows) + 1) for cut in cuts), len(rows)]
    for start, stop in itertools.pairwise(bounds):
        part = rows[start:stop]
        counter.add([pa.array([row[0] for row in part]), pa.array([row[1] for row in part])])
    assert counter.result() == sampled_oracle(["birth_date", "gender"], rows, cap)


def test_the_sampled_estimate_is_near_the_exact_figures():
    """20,000 residents: 6,000 alone in their group, the others in pairs and fours; counted with a cap of 10,000
    bytes of keys (about 1,000 combinations) the shares come out within a few points of the exact ones, and k (1)
    exactly."""
    keys = [f"u{i}" for i in range(6_000)] + [f"p{i // 2}" for i in range(8_000)] + [f"q{i // 4}" for i in range(6_000)]
    exact, sampled = (
        RiskCounter(["postal_code"]),
        RiskCounter(["postal_code"], max_group_bytes=10_000, compact_bytes=5_000),
    )
    for start in range(0, len(keys), 3_000):
        for counter in (exact, sampled):
            counter.add([pa.array(keys[start : start + 3_000])])
    truth, estimate = exact.result(), sampled.result()
    assert (truth.unique, truth.groups, truth.estimated) == (6_000, 11_500, False)
    assert estimate.estimated
    assert estimate.sample_level >= 4
    assert abs(estimate.unique_share - truth.unique_share) < 0.05
    assert abs(estimate.groups - truth.groups) < 0.15 * truth.groups
    assert estimate.smallest_group == 1
    assert estimate.rows == 20_000


def test_memory_stays_within_the_cap_of_combinations_when_every_row_is_unique():
    counter = RiskCounter(["resident"], max_group_bytes=24_000, compact_bytes=12_000)
    for start in range(0, 200_000, 5_000):
        counter.add([pa.array([f"{i:08d}" for i in range(start, start + 5_000)])])
        assert counter._groups is None or len(counter._groups[0]) <= 2_000  # 12 bytes a key
    risk = counter.result()
    assert risk.rows == 200_000
    assert risk.unique == 200_000
    assert risk.unique_share == 1.0
    assert 150_000 < risk.groups <= 200_000


def test_estimated_figures_are_said_to_be_estimates_in_both_languages():
    unique = Risk(("birth_date", "gender"), 1_380_000, 690_123, 1, 1_000_000, sample_level=2)
    text = unique.sentence().render("en")
    assert text.startswith("About 690,123 of 1,380,000 residents (about 50%)")
    assert "1 in 4 of the combinations" in text
    assert "約 690,123 人" in unique.sentence().render("ja")
    assert "4 分の 1" in unique.sentence().render("ja")
    shared = Risk(("birth_date",), 1_380_000, 0, 3, 200_000, sample_level=1)
    assert "the smallest counted is shared by 3" in shared.sentence().render("en")
    assert "k may be smaller" in shared.sentence().render("en")
    assert shared.manifest_entry()["sampled_share"] == 0.5
    assert "sampled_share" not in Risk(("b",), 10, 1, 1, 9).manifest_entry()
    with pytest.raises(PlanError) as refused:
        check_unique_share(unique, 0.1)
    assert refused.value.message.render("en").startswith("About 690,123 of 1,380,000 residents (about 50%, estimated")


def test_a_cell_holding_a_nul_character_cannot_merge_two_combinations():
    """A plain join would give ("a\\0\\2", "b") and ("a", "\\2b") one key; a NUL in a cell is written apart."""
    counter = RiskCounter(["x", "y"], compact_bytes=1)
    counter.add([pa.array(["a\x00\x02", "a", "c"]), pa.array(["b", "\x02b", "d"])])
    counter.add([pa.array(["a"]), pa.array(["\x02b"])])
    counter.add([pa.array(["c", "a\x00\x02"]), pa.array(["d", "b"])])
    assert figures(counter.result()) == (6, 0, 2, 3)


def test_an_estimated_share_over_99_9_percent_is_not_said_about_over():
    risk = Risk(("birth_date",), 712_097, 712_065, 1, 712_080, sample_level=1)
    assert "(over 99.9%)" in risk.sentence().render("en")
    assert "about over" not in risk.sentence().render("en")
    assert "約 99.9% 超" not in risk.sentence().render("ja")
    assert "(about 50%)" in Risk(("b",), 1000, 500, 1, 700, sample_level=1).sentence().render("en")


def test_one_column_reads_naturally_in_both_languages():
    risk = Risk(("birth_date",), 1000, 10, 1, 500)
    assert "anyone who knows a person's birth_date can find that person's row" in risk.sentence().render("en")
    assert "ある住民の birth_date の値を知っている人には" in risk.sentence().render("ja")
