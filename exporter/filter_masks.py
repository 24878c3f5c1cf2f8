"""The rows a :class:`exporter.filters.RowFilter` keeps, computed with Arrow on each column's distinct values.

Each column is dictionary-encoded once per call; a condition is evaluated on the dictionary (its distinct cells,
normalised once: NFKC, spaces at the ends trimmed; parsed once as numbers, dates or ages when a condition needs
them) and spread back to the rows with ``take``. Nothing loops over rows in Python; the only Python loop is the
date parser's, over distinct values (:func:`exporter.dates.parse_dates`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import scalar, string_array
from exporter.dates import age_on, parse_dates

if TYPE_CHECKING:
    from exporter.filters import Condition, RowFilter

_NUMBER = r"^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$"


def normalized(values: pa.Array) -> pa.Array:
    """Cells as conditions compare them: Unicode NFKC, whitespace at both ends trimmed."""
    return pc.utf8_trim_whitespace(pc.utf8_normalize(values, "NFKC"))


class _Column:
    """One column's distinct cells and what the conditions derive from them, each computed at most once."""

    def __init__(self, values: pa.Array | pa.ChunkedArray) -> None:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            values = values.cast(pa.string())  # an all-null (or empty) array built without a type
        if values.null_count:
            values = values.fill_null(scalar("", values.type))
        encoded = pc.dictionary_encode(values)
        self.dictionary: pa.Array = encoded.dictionary
        self.indices: pa.Array = encoded.indices
        self._normal: pa.Array | None = None
        self._numbers: pa.Array | None = None
        self._dates: pa.Array | None = None
        self._ages: dict[date, pa.Array] = {}

    @property
    def normal(self) -> pa.Array:
        if self._normal is None:
            self._normal = normalized(self.dictionary)
        return self._normal

    @property
    def numbers(self) -> pa.Array:
        """The distinct cells that are numbers, as text without thousands commas; null for the others."""
        if self._numbers is None:
            numeric = pc.match_substring_regex(self.normal, _NUMBER)
            cleaned = pc.replace_substring(self.normal, ",", "")
            self._numbers = pc.if_else(numeric, cleaned, scalar(None, cleaned.type))
        return self._numbers

    def compared_numbers(self, bound: Decimal) -> tuple[pa.Array, pa.Scalar]:
        """The numbers and ``bound`` as exact decimals of one type (as many digits as the longest of them needs):
        a resident number of 16 digits or an amount of 0.1 compares exactly, unlike binary floating point. Past
        76 digits, each number's order against ``bound`` (-1, 0, 1) and 0, compared the same way."""
        text = pc.utf8_ltrim(self.numbers, "+-")
        point = pc.find_substring(text, ".")
        length = pc.utf8_length(text)
        has_point = pc.greater_equal(point, scalar(0, pa.int32()))
        fraction = pc.if_else(has_point, pc.subtract(pc.subtract(length, point), scalar(1, pa.int32())), length)
        fraction = pc.if_else(has_point, fraction, scalar(0, pa.int32()))
        whole = pc.if_else(has_point, point, length)
        exponent = int(bound.as_tuple().exponent)
        bound_fraction = max(0, -exponent)
        bound_whole = max(1, len(bound.as_tuple().digits) + exponent)
        scale = max(int(pc.max(fraction).as_py() or 0), bound_fraction)
        precision = max(int(pc.max(whole).as_py() or 0), bound_whole) + scale
        if precision > 76:  # beyond Arrow's decimals (no cell of a register): Python's, one distinct cell at a time
            exact = [None if text is None else Decimal(text) for text in self.numbers.to_pylist()]
            ranks = [None if number is None else (number > bound) - (number < bound) for number in exact]
            return _int8(ranks), scalar(0, pa.int8())
        kind = pa.decimal128(max(precision, 1), scale) if precision <= 38 else pa.decimal256(precision, scale)
        written = string_array([format(bound, "f")])
        return pc.cast(self.numbers, kind), pc.cast(written, kind)[0]

    @property
    def dates(self) -> pa.Array:
        if self._dates is None:
            self._dates = parse_dates(self.dictionary)
        return self._dates

    def ages(self, reference: date) -> pa.Array:
        """Completed years on ``reference``; null where the cell is no date or a birth date after ``reference``."""
        if reference not in self._ages:
            ages = age_on(self.dates, reference)
            self._ages[reference] = pc.if_else(pc.less(ages, scalar(0, pa.int32())), scalar(None, pa.int32()), ages)
        return self._ages[reference]


def _int8(values: list[int | None]) -> pa.Array:
    """An int8 array of -1, 0, 1 and nulls, made from buffers (``pa.array`` imports pandas when it is there)."""
    data = bytes((value or 0) & 0xFF for value in values)
    valid = bytearray((len(values) + 7) // 8)
    for index, value in enumerate(values):
        if value is not None:
            valid[index // 8] |= 1 << (index % 8)
    return pa.Array.from_buffers(pa.int8(), len(values), [pa.py_buffer(bytes(valid)), pa.py_buffer(data)])


_COMPARE = {
    "=": pc.equal,
    "!=": pc.not_equal,
    "<": pc.less,
    "<=": pc.less_equal,
    ">": pc.greater,
    ">=": pc.greater_equal,
}


def _text(value: str, kind: pa.DataType) -> pa.Scalar:
    return normalized(string_array([value]).cast(kind))[0]


def _on_distinct(condition: Condition, column: _Column, reference: date | None) -> pa.Array:
    """The condition over the column's distinct cells (boolean, may hold nulls = no match)."""
    from exporter.filters import comparison_bound

    op, value, kind = condition.op, condition.value, column.dictionary.type
    if condition.age:
        if reference is None:
            raise ValueError("an age condition needs the filter's reference date")
        assert isinstance(value, str)
        years = int(unicodedata.normalize("NFKC", value).strip())
        return _COMPARE[op](column.ages(reference), scalar(years, pa.int32()))
    if op == "is empty":
        return pc.equal(column.normal, scalar("", kind))
    if op == "is not empty":
        return pc.not_equal(column.normal, scalar("", kind))
    if op in ("in", "not in"):
        assert isinstance(value, tuple)
        found = pc.is_in(column.normal, value_set=normalized(string_array(list(value)).cast(kind)))
        return found if op == "in" else pc.invert(found)
    assert isinstance(value, str)
    if op == "contains":
        return pc.match_substring(column.normal, _text(value, kind).as_py())
    if op in ("=", "!="):
        return _COMPARE[op](column.normal, _text(value, kind))
    bound = comparison_bound(value)
    if bound is None:
        raise ValueError(f"{value!r} is neither a date nor a number")
    if isinstance(bound, date):
        return _COMPARE[op](column.dates, scalar(bound, pa.date32()))
    numbers, compared = column.compared_numbers(bound)
    return _COMPARE[op](numbers, compared)


def filter_mask(
    row_filter: RowFilter,
    arrays: Mapping[str, pa.Array | pa.ChunkedArray],
    unreadable: dict[str, int] | None = None,
) -> pa.Array:
    """Boolean array (never null): True for each row the filter keeps; see :meth:`RowFilter.mask`. With
    ``unreadable``, also adds to it the cells that date and number conditions could not read, per column."""
    if not row_filter:
        if not arrays:
            raise ValueError("no column given to take the number of rows from")
        length = len(next(iter(arrays.values())))
        return pa.nulls(length, pa.bool_()).fill_null(scalar(True, pa.bool_()))
    columns = {name: _Column(arrays[name]) for name in row_filter.columns}
    if unreadable is not None:
        _count_unreadable(row_filter, columns, unreadable)
    kept: pa.Array | None = None
    for group in row_filter.groups:
        group_kept: pa.Array | None = None
        for condition in group:
            column = columns[condition.column]
            on_distinct = pc.fill_null(
                _on_distinct(condition, column, row_filter.reference_date), scalar(False, pa.bool_())
            )
            rows = on_distinct.take(column.indices)
            group_kept = rows if group_kept is None else pc.and_(group_kept, rows)
        assert group_kept is not None
        kept = group_kept if kept is None else pc.or_(kept, group_kept)
    assert kept is not None
    return kept


def _count_unreadable(row_filter: RowFilter, columns: Mapping[str, _Column], into: dict[str, int]) -> None:
    """Add to ``into``, per column that a range or ``age()`` condition compares as dates or numbers, how many of its
    cells are neither empty nor readable as such: those rows never meet the condition (the clerk is told)."""
    from exporter.filters import comparison_bound

    counted: set[str] = set()
    for group in row_filter.groups:
        for condition in group:
            if condition.column in counted or not (condition.age or condition.op in ("<", "<=", ">", ">=")):
                continue
            counted.add(condition.column)
            column = columns[condition.column]
            assert isinstance(condition.value, str)
            if condition.age and row_filter.reference_date is not None:
                parsed = column.ages(row_filter.reference_date)  # a birth after the reference date: no age
            elif condition.age or isinstance(comparison_bound(condition.value), date):
                parsed = column.dates
            else:
                parsed = column.numbers
            blank = pc.equal(column.normal, scalar("", column.normal.type))
            bad_distinct = pc.and_(pc.is_null(parsed), pc.invert(blank))
            cells = int(pc.sum(bad_distinct.take(column.indices)).as_py() or 0)
            into[condition.column] = into.get(condition.column, 0) + cells


def unreadable_cells(row_filter: RowFilter, arrays: Mapping[str, pa.Array | pa.ChunkedArray]) -> dict[str, int]:
    """Per column that a range or ``age()`` condition compares as dates or numbers, how many of its cells are
    neither empty nor readable as such (their rows never meet it): the wizard's Rows page says so under the count.
    The export counts the same while it filters (:func:`filter_mask`'s ``unreadable``)."""
    found: dict[str, int] = {}
    _count_unreadable(row_filter, {name: _Column(arrays[name]) for name in row_filter.columns}, found)
    return found
