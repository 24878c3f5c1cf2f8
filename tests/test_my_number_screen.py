"""The My Number scan's batch screen (one regex search over a batch's long values joined by NUL) changes nothing:
for any values, the counts are those of the search value by value, and no match spans two values."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter import my_number_scan
from exporter.my_number_scan import ColumnCount, _count

# digits (ASCII and full-width), every separator the shape allows, letters, kana, and a space: values that come
# close to the shape, straddle it, or hold it with a prefix
ALPHABET = "0123456789０１２３４５６７８９ -－ー‐−　aNo.番号："
valued = st.text(alphabet=ALPHABET, max_size=30)


def counted(values: list[str], *, screened: bool) -> list[tuple[int, int, int, set[str]]]:
    """The counts for ``values`` as string and as large_string; without the batch screen when ``screened`` is
    False (every batch then goes to the search value by value)."""
    real = my_number_scan._any_screened
    results = []
    try:
        if not screened:
            my_number_scan._any_screened = lambda _values: True  # type: ignore[assignment]
        for kind in (pa.string(), pa.large_string()):
            count = ColumnCount()
            _count(pa.array(values, type=kind), count, lambda i: i + 1)
            results.append((count.shaped, count.valid, count.first_row, count.different))
    finally:
        my_number_scan._any_screened = real  # type: ignore[assignment]
    return results


@settings(max_examples=300, deadline=None)
@given(st.lists(valued, max_size=40))
def test_the_batch_screen_counts_what_the_search_value_by_value_counts(values):
    assert counted(values, screened=True) == counted(values, screened=False)


def test_no_match_spans_two_values():
    # joined, "…1234" + NUL + "5678 9012…" would be the shape if the NUL were a separator
    values = pa.array(["番号 1234", "5678 9012", "abc"])
    assert not my_number_scan._any_screened(values)
    assert my_number_scan._any_screened(pa.array(["番号 1234", "1234 5678 9012"]))
    assert my_number_scan._any_screened(pa.array(["x", "１２３４－５６７８－９０１８"]))


def test_nulls_fall_back_to_the_search_value_by_value():
    assert my_number_scan._any_screened(pa.array(["abc", None]))
