"""My Numbers hidden in kept columns, counted during the export itself (issue 11, section 1).

A column's category (:mod:`exporter.classify`) is guessed from its header and its first rows, so My Numbers under a
header that says nothing (項目003) leave unnoticed when they are mixed with other text (未取得 every third row),
start after the first rows, or carry a prefix (``No.``). The export therefore looks at every value that leaves, in
the kept columns that could carry one (:func:`scanned_columns`), and counts:

- *shaped*: values holding 12 digits in groups of four, alone or with a space or a hyphen between the groups,
  full-width digits too (NFKC), not part of a longer run of digits (``No.1234 5678 9018``, ``個人番号：１２３４…``);
- *valid*: shaped values whose 12th digit is the My Number check digit (:func:`exporter.classify.is_valid_my_number`).

The rule (:func:`holds_my_numbers`): a column holds My Numbers when at least :data:`MIN_VALID` *different* values
are valid and the valid values are at least :data:`MIN_SHARE_PERCENT` % of the shaped ones (one 12-digit amount or
code repeated on many rows is one number, however often it passes the check). Why: a 12-digit number that is not a
My Number passes the check digit by chance about 1 time in 10 (at most 2 in 11, when its last digit is always 0), so
single values prove nothing (one valid number among phone numbers is not refused), but 10 valid of at most 12 shaped
has a chance below 5 in a million even at 2 in 11, and a real My Number column is nearly all valid. Measured
(bench/RESULTS.md): no column of ``exporter sample`` and no column of random 12-digit strings is refused.

Cheap and streaming: each batch's column is screened by length (12 bytes at least), then with one Arrow regex for
the shape (full-width forms included), searched first once over the long values joined (most batches stop there),
then value by value; only the values it finds are normalised (NFKC, invisible characters removed) and matched;
the check digit is computed with Arrow arithmetic, no Python loop per value.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from exporter.transforms import Transform

MIN_VALID = 10
_JOIN_LIMIT = 1 << 30  # bytes of values joined into one string for the screen (a string holds under 2 GiB)
MIN_SHARE_PERCENT = 80

_SEPARATOR = r"[ \-ー‐‑‒–—―−﹣]?"
# the shape before NFKC (full-width digits, hyphen and space too), to screen the values cheaply
_SCREEN = r"[0-9０-９]{4}[ 　\-－ー‐‑‒–—―−﹣]?[0-9０-９]{4}[ 　\-－ー‐‑‒–—―−﹣]?[0-9０-９]{4}"
_SHAPE = rf"(?:^|[^0-9])(?P<a>[0-9]{{4}}){_SEPARATOR}(?P<b>[0-9]{{4}}){_SEPARATOR}(?P<c>[0-9]{{4}})(?:[^0-9]|$)"
_INVISIBLE = r"\p{Cf}"
# the check digit's weight for each of the first 11 digits, from the left (Q_n = 2..7, 2..6 counted from the right)
_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


@dataclass
class ColumnCount:
    """What was found in one column: values of the My Number shape, those with a valid check digit, and the data
    row (1 = the first row after the header) of the first valid one (0: none yet)."""

    shaped: int = 0
    valid: int = 0
    first_row: int = 0
    different: set[str] = field(default_factory=set)  # valid values seen, up to MIN_VALID of them (no more needed)


def holds_my_numbers(count: ColumnCount) -> bool:
    """The rule (module docstring): at least :data:`MIN_VALID` different valid values, and at least
    :data:`MIN_SHARE_PERCENT` % of the shaped values valid."""
    return len(count.different) >= MIN_VALID and count.valid * 100 >= count.shaped * MIN_SHARE_PERCENT


def scanned_columns(
    kept: Sequence[str], categories: Mapping[str, str], transforms: Mapping[str, Transform]
) -> tuple[str, ...]:
    """The kept columns whose values are looked at: not already of the ``my_number`` category (the policy's rules
    decide those), and not made into something that cannot be a My Number (a pseudonym, ``mask:N`` with N ≤ 4,
    a year, an age band, a postal area or a town)."""
    found = []
    for column in kept:
        transform = transforms.get(column)
        kind = "keep" if transform is None else transform.kind
        if categories.get(column) == "my_number":
            continue
        if kind in ("keep", "formula-safe") or (kind == "mask" and (transform.argument or 0) > 4):  # type: ignore[union-attr]
            found.append(column)
    return tuple(found)


class MyNumberScan:
    """Counts per column (:class:`ColumnCount`) over the batches of an export, for the ``columns`` given."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.counts = {column: ColumnCount() for column in columns}

    def add(self, arrays: Mapping[str, pa.Array], row_of: Callable[[int], int]) -> None:
        """Count the values of one batch; ``arrays`` maps (at least) each scanned column to its values as they
        leave; ``row_of(i)`` is the data row of the batch's ``i``-th value."""
        for column, count in self.counts.items():
            _count(arrays[column], count, row_of)

    def found(self) -> list[tuple[str, ColumnCount]]:
        """The columns that hold My Numbers by :func:`holds_my_numbers`, in the order given."""
        return [(column, count) for column, count in self.counts.items() if holds_my_numbers(count)]


def _count(values: pa.Array, count: ColumnCount, row_of: Callable[[int], int]) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    from exporter.arrow_text import first_true, int_scalar, scalar, text_scalar

    # Every constant is an Arrow scalar: a Python value given to a compute function goes through pa.scalar, which
    # imports pandas whenever it is installed (tests/test_no_pandas.py).
    if len(values) == 0 or (not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type)):
        return
    no = scalar(False, pa.bool_())
    lengths = pc.binary_length(values)
    places = pc.indices_nonzero(pc.fill_null(pc.greater_equal(lengths, int_scalar(12, lengths.type)), no))
    if len(places) == 0:  # names, postal codes, dates: shorter than 12 bytes, no regex needed
        return
    if len(places) < len(values):
        values = pc.take(values, places)
    if not _any_screened(values):  # the common case (addresses, e-mail, phones): one regex search, not one a value
        return
    found = pc.indices_nonzero(pc.fill_null(pc.match_substring_regex(values, _SCREEN), no))
    if len(found) == 0:
        return
    screened, places = pc.take(values, found), pc.take(places, found)
    cleaned = pc.replace_substring_regex(pc.utf8_normalize(screened, "NFKC"), _INVISIBLE, "")
    groups = pc.extract_regex(cleaned, _SHAPE)
    shaped = pc.is_valid(groups)
    groups, places = pc.filter(groups, shaped), pc.filter(places, shaped)
    if len(groups) == 0:
        return
    first = pc.struct_field(groups, "a")
    digits = pc.binary_join_element_wise(
        first, pc.struct_field(groups, "b"), pc.struct_field(groups, "c"), text_scalar("", first.type)
    )
    total = None
    for place, weight in enumerate(_WEIGHTS):
        digit = pc.cast(pc.utf8_slice_codeunits(digits, place, place + 1), pa.int32())
        digit = pc.multiply(digit, int_scalar(weight))
        total = digit if total is None else pc.add(total, digit)
    eleven = int_scalar(11)
    remainder = pc.subtract(total, pc.multiply(pc.divide(total, eleven), eleven))
    check = pc.if_else(pc.less_equal(remainder, int_scalar(1)), int_scalar(0), pc.subtract(eleven, remainder))
    last = pc.cast(pc.utf8_slice_codeunits(digits, 11, 12), pa.int32())
    valid = pc.equal(check, last)
    count.shaped += len(groups)
    matches = int(pc.sum(valid).as_py() or 0)
    where = first_true(valid)
    if matches and not count.first_row and where is not None:
        count.first_row = row_of(int(places[where].as_py()))
    if matches and len(count.different) < MIN_VALID:
        for number in pc.unique(pc.filter(digits, valid)).to_pylist()[:MIN_VALID]:
            count.different.add(number)
    count.valid += matches


def _any_screened(values: pa.Array) -> bool:
    """Whether any of ``values`` (string or large_string) may hold the My Number shape: the screen searched once
    over all of them joined by NUL (a NUL is neither a digit nor a separator, so no match spans two values), which
    costs a fraction of one search per value (each search has its own set-up). True when they cannot be joined
    (nulls, which the reader never gives, or more text than one string holds): the search per value decides."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from exporter.arrow_text import text_scalar

    if values.null_count or values.nbytes >= _JOIN_LIMIT:
        return True
    offsets = pa.Array.from_buffers(pa.int32(), 2, [None, pa.py_buffer(array("i", [0, len(values)]))])
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, values), text_scalar("\x00", values.type))
    return bool(pc.match_substring_regex(joined, _SCREEN)[0].as_py())
