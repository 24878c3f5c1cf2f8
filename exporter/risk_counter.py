"""Counting the groups of quasi-identifier values over batches of rows, in bounded memory (:class:`RiskCounter`).

Each row becomes one *key* for the combination of its values (:func:`keys`), and keys are counted with pyarrow's
``value_counts`` kernel. Memory is bounded twice:

* keys wait until :data:`COMPACT_BYTES` of them (or half as many bytes as the groups' keys, if more) have come,
  then are folded into the groups, so the rows never accumulate;
* the groups themselves are counted exactly while their keys take at most :data:`MAX_GROUP_BYTES` (the 460,000
  residents of the sample take about 10 MiB by postal code and address, 17 MiB by birth date, gender and postal
  code). Beyond it the counter keeps only a *sample of the combinations* (distinct sampling: Gibbons, "Distinct
  sampling for highly-accurate answers to distinct values queries and event reports", VLDB 2001): a combination
  is kept when the first ``level`` bits of a 64-bit BLAKE2b hash of its key are zero. Each time the groups pass
  the cap the level goes up by one and about half of them are dropped. A kept combination is counted with *all*
  its rows, so the sizes of the sampled groups are exact, and the shares measured on them estimate the shares of
  the whole (:attr:`exporter.risk.Risk.sample_level` says so, and the sentences and the manifest say "about").

That is what DESIGN.md's "Scale" asks: a national register (125 million rows) goes through the same export in the
memory of a few hundred thousand combinations (about 80 MiB of Arrow memory at most, folding included). Only compute
kernels are used: ``Table.group_by`` would need pyarrow's dataset and acero modules, which the packaged program
leaves out (and which import pandas whenever it is installed). No pandas here; the tests use it as the oracle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import int_scalar, text_scalar
from exporter.risk import Risk

__all__ = ["COMPACT_BYTES", "MAX_GROUP_BYTES", "RiskCounter", "keys"]

# Bytes of keys held before they are folded into the groups (at least; never fewer than half what the groups' keys
# take, so the work of folding stays proportional to what is added: each key is hashed about three times).
COMPACT_BYTES = 4 << 20
# Bytes of the groups' keys (text and offsets) counted exactly; beyond, a sample of them (module docstring).
MAX_GROUP_BYTES = 12 << 20

_SEPARATOR = "\x00\x02"  # between a row's values in its key; no CSV cell holds a NUL (the reader refuses them)
_ESCAPED_NUL = "\x00\x01"  # a NUL in a value (:func:`keys`)


class RiskCounter:
    """Counts the groups of quasi-identifier values over batches of rows; :meth:`result` gives the
    :class:`exporter.risk.Risk`.

    ``columns``: the quasi-identifier columns (names for the Risk). ``compact_bytes``: bytes of keys held before
    they are folded into the groups; ``max_group_bytes``: bytes of the groups' keys counted exactly before the
    counter samples them (both for tests; the defaults are :data:`COMPACT_BYTES` and :data:`MAX_GROUP_BYTES`). The
    result does not depend on how the rows were split into batches.
    """

    def __init__(
        self,
        columns: Sequence[str],
        *,
        compact_bytes: int = COMPACT_BYTES,
        max_group_bytes: int | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self._compact_bytes = max(1, compact_bytes)
        self._max_bytes = max(1, MAX_GROUP_BYTES if max_group_bytes is None else max_group_bytes)
        self._level = 0  # combinations kept: those whose hash starts with this many zero bits
        self._rows = 0
        self._groups: tuple[pa.Array, pa.Array] | None = None  # distinct keys, and their counts (int64)
        self._pending: list[pa.Array] = []
        self._pending_bytes = 0
        self._group_bytes = 0

    def add(self, arrays: Sequence[pa.Array | pa.ChunkedArray], *, rows: int | None = None) -> None:
        """Add one batch: one array per column (in ``columns`` order), all the same length, string or
        large_string (dictionary arrays of strings are decoded). ``rows`` is the batch's length; it is needed
        only when the counter has no column. Raises ValueError when the arrays do not fit the columns (a bug).
        """
        if len(arrays) != len(self.columns):
            raise ValueError(f"{len(arrays)} arrays for {len(self.columns)} columns")
        lengths = {len(array) for array in arrays}
        if rows is not None:
            lengths.add(rows)
        if len(lengths) > 1:
            raise ValueError(f"a batch's arrays differ in length: {sorted(lengths)}")
        if not lengths:
            raise ValueError("a counter without columns needs the batch's number of rows")
        count = lengths.pop()
        if not count:
            return
        self._rows += count
        if not self.columns:
            return
        batch_keys = keys(arrays)
        if self._level:
            batch_keys = _sampled(batch_keys, self._level)
        self._pending.append(batch_keys)
        self._pending_bytes += _size(batch_keys)
        if self._pending_bytes >= max(self._compact_bytes, self._group_bytes // 2):
            self._compact()

    def result(self) -> Risk:
        """The risk of all rows added so far (the counter can go on counting afterwards). Exact while the
        combinations stay within the cap; else estimated from the sampled ones (``Risk.sample_level`` > 0)."""
        if not self.columns or not self._rows:
            return Risk(
                columns=self.columns,
                rows=self._rows,
                unique=1 if self._rows == 1 else 0,
                smallest_group=self._rows,
                groups=1 if self._rows else 0,
            )
        self._compact()
        assert self._groups is not None  # rows were added, so there are groups (a sample keeps at least one)
        counts = self._groups[1]
        unique = int(pc.sum(pc.equal(counts, int_scalar(1, pa.int64()))).as_py() or 0)
        smallest = int(pc.min(counts).as_py())
        if not self._level:
            return Risk(self.columns, self._rows, unique, smallest, len(counts))
        sampled_rows = int(pc.sum(counts).as_py())
        return Risk(
            columns=self.columns,
            rows=self._rows,
            unique=round(unique * self._rows / sampled_rows),
            smallest_group=smallest,
            groups=min(self._rows, len(counts) << self._level),
            sample_level=self._level,
        )

    def _compact(self) -> None:
        """Fold the waiting keys into the groups; sample the groups more sparsely while they are over the cap."""
        if not self._pending:
            return
        old = self._groups
        chunks = [*([old[0]] if old is not None else []), *self._pending]
        self._pending = []
        self._pending_bytes = 0
        self._group_bytes = 0
        counted = pc.value_counts(pa.chunked_array(chunks, type=pa.string()))
        del chunks
        values, counts = counted.field("values"), counted.field("counts")
        if old is not None and len(old[0]):
            size = len(old[0])
            head = values.slice(0, size)
            if head.type != old[0].type or not pc.all(pc.equal(head, old[0])).as_py():
                self._groups = _merged_by_sorting(values, counts, old)
            else:
                again = pc.add(pc.subtract(counts.slice(0, size), int_scalar(1, pa.int64())), old[1])
                self._groups = (values, pa.concat_arrays([again, counts.slice(size)]))
        else:
            self._groups = (values, counts)
        self._group_bytes = _size(self._groups[0])
        # The fold's hash table and copies are freed now: hand their pages back before the next batches arrive,
        # or Arrow's allocator keeps them and the export's peak grows by them (about 30 MiB on the sample).
        pa.default_memory_pool().release_unused()
        while self._group_bytes > self._max_bytes:
            kept = _selected(self._groups[0], self._level + 1)
            if not pc.any(kept).as_py():  # a sample must keep a combination (only ever with a tiny cap)
                break
            self._level += 1
            self._groups = (pc.filter(self._groups[0], kept), pc.filter(self._groups[1], kept))
            self._group_bytes = _size(self._groups[0])


def keys(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> pa.Array:
    """One key per row for the combination of its values (a string array): the value itself for one column, else
    the values joined by NUL and STX (``a\\x00\\x02b``). No cell of a CSV file holds a NUL; should a cell hold one
    (a workbook can write it as ``_x0000_``), its NULs are written NUL SOH, so no two combinations share a key, and
    a combination gets the same key in every batch."""
    texts = [_text(array) for array in arrays]
    if len(texts) == 1:
        return texts[0]
    separator = text_scalar(_SEPARATOR, pa.string())
    joined = pc.binary_join_element_wise(*texts, separator)
    if (pc.sum(pc.count_substring(joined, "\x00")).as_py() or 0) == len(joined) * (len(texts) - 1):
        return joined  # only the separators' NULs: no value holds one
    texts = [pc.replace_substring(text, "\x00", _ESCAPED_NUL) for text in texts]
    return pc.binary_join_element_wise(*texts, separator)


def _text(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The values as one string array (not large_string: hashing and sorting those is slower), dictionary arrays
    decoded; a null (which the reader never gives) counts as the empty cell."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    text = array if array.type == pa.string() else array.cast(pa.string())
    return pc.fill_null(text, text_scalar("", pa.string())) if text.null_count else text


def _selected(distinct: pa.Array, level: int) -> pa.Array:
    """Boolean array: True for each key (of distinct keys) whose 64-bit BLAKE2b hash starts with ``level`` zero
    bits, that is, one key in ``2 ** level``, always the same ones."""
    limit = 1 << (64 - level)
    flags = bytes(
        int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") < limit
        for key in distinct.cast(pa.binary()).to_pylist()
    )
    as_bytes = pa.Array.from_buffers(pa.uint8(), len(flags), [None, pa.py_buffer(flags)])
    return pc.not_equal(as_bytes, int_scalar(0, pa.uint8()))


def _sampled(batch_keys: pa.Array, level: int) -> pa.Array:
    """The keys of a batch whose combination the sample keeps (:func:`_selected`), hashing each distinct key once."""
    encoded = pc.dictionary_encode(batch_keys)
    kept = pc.take(_selected(encoded.dictionary, level), encoded.indices)
    return pc.filter(batch_keys, kept)


def _size(array: pa.Array) -> int:
    """Bytes of a string array's keys: their text and 4 bytes of offset each (a slice counting only its part)."""
    return 4 * len(array) + int(pc.sum(pc.binary_length(array)).as_py() or 0)


def _concatenated(arrays: list[pa.Array]) -> pa.Array:
    """Arrays of keys as one; as large_string when their text passes what 32-bit offsets hold (2 GiB)."""
    total = sum(array.nbytes for array in arrays)
    if total >= 2**31 - 1:
        arrays = [array.cast(pa.large_string()) for array in arrays]
    return pa.concat_arrays(arrays)


def _merged_by_sorting(values: pa.Array, counts: pa.Array, old: tuple[pa.Array, pa.Array]) -> tuple[pa.Array, pa.Array]:
    """The groups from ``value_counts`` of the old keys and the new ones (``values``, ``counts``) when its order
    could not be relied on: every key of the old groups was counted once too many, so its old count less one is
    added, after sorting the keys and adding up the counts of equal neighbours."""
    all_keys = _concatenated([values, old[0]])
    weights = pa.concat_arrays([counts, pc.subtract(old[1], int_scalar(1, pa.int64()))])
    order = pc.sort_indices(all_keys)
    all_keys, weights = pc.take(all_keys, order), pc.take(weights, order)
    size = len(all_keys)
    # The first key starts a run of equal keys, as does each key unlike the one before it.
    starts_mask = pa.concat_arrays([_true(), pc.not_equal(all_keys.slice(1), all_keys.slice(0, size - 1))])
    starts = pc.cast(pc.indices_nonzero(starts_mask), pa.int64())
    ends = pa.concat_arrays([pc.subtract(starts.slice(1), int_scalar(1, pa.int64())), _int64(size - 1)])
    running = pc.cumulative_sum(weights)
    sums = pc.add(pc.subtract(pc.take(running, ends), pc.take(running, starts)), pc.take(weights, starts))
    return pc.take(all_keys, starts), sums


def _true() -> pa.Array:
    """A boolean array of one True (made from a buffer: ``pa.array`` imports pandas whenever it is installed)."""
    return pa.Array.from_buffers(pa.bool_(), 1, [None, pa.py_buffer(b"\x01")])


def _int64(value: int) -> pa.Array:
    return pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(value.to_bytes(8, "little", signed=True))])
