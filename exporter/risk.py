"""Re-identification risk of the rows about to leave: how many residents their quasi-identifiers single out.

A *quasi-identifier* is a detail that does not name a person but that others can know or look up: birth date
(or what a transform leaves of it: year, age band), age, gender, postal code, address. Rows that agree on every
kept quasi-identifier form one *group* (ARX's equivalence class). Two figures are reported, with ARX's definitions
(``org.deidentifier.arx.risk``, prosecutor attacker model, no population model: the rows exported are all the
recipient has):

* **unique rows** and their **share**: rows alone in their group, over all rows. This is ARX's *sample
  uniqueness* (``RiskModelSampleUniqueness.getFractionOfUniqueRecords``, the ``SampleUniqueness`` criterion's
  "fraction of tuples in classes of size 1"); it equals ARX's prosecutor "records at risk" for a threshold of one
  half. ``--max-unique-share`` compares against it.
* **k**, the smallest group's size (k-anonymity): ARX's highest prosecutor risk is ``1 / k``. ``k`` is 0 when
  there are no rows; with no quasi-identifier at all every row is in one group (``k == rows``).

Also ``groups`` (the number of distinct combinations; ARX's average prosecutor risk is ``groups / rows``).
Values are compared exactly as text, the empty cell being one more value (as ARX treats a missing value when it
is not suppressed): two residents without a postal code agree on it.

Names, kana, phone numbers, e-mail addresses, resident, household and My Numbers are *direct* identifiers, not
quasi-identifiers: with one of them kept each row names its resident outright and counting groups measures
nothing more, so :func:`direct_identifiers` lists them separately and :func:`direct_sentence` says so to the
clerk. A pseudonym (or a mask) of such a column is neither: it tells residents apart without saying who they are.

:class:`RiskCounter` takes the quasi-identifier columns batch by batch (after the row filter and the transforms)
and counts them with pyarrow's ``value_counts`` kernel, compacting as it goes, so memory is bounded by the number of
distinct combinations (plus a buffer of :data:`COMPACT_ROWS` rows), not by the rows. No pandas here: it is kept
out of the program (size and start-up); the tests use it as the oracle.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from exporter.arrow_text import int_scalar, text_scalar
from exporter.errors import PlanError
from exporter.messages import Message, msg

__all__ = [
    "COMPACT_ROWS",
    "DIRECT_IDENTIFIER_CATEGORIES",
    "QUASI_IDENTIFIER_CATEGORIES",
    "Risk",
    "RiskCounter",
    "check_unique_share",
    "direct_identifiers",
    "direct_sentence",
    "percent",
    "quasi_identifiers",
    "unique_share_limit",
]

# classify.Category values. "birth" covers birth dates and ages (classify puts 年齢 there), "address" postal codes,
# prefectures, cities and address lines.
QUASI_IDENTIFIER_CATEGORIES = ("birth", "gender", "address")
DIRECT_IDENTIFIER_CATEGORIES = ("my_number", "identifier", "name", "contact")
# Transforms after which a direct identifier no longer names anyone (transforms.KINDS).
_UNNAMING_KINDS = ("pseudonym", "mask")

# Rows held before they are folded into the groups (at least; never fewer than the groups already counted, so the
# work of folding stays proportional to what is added).
COMPACT_ROWS = 1 << 19


def quasi_identifiers(columns: Sequence[str], categories: Sequence[str]) -> tuple[str, ...]:
    """The kept columns that are quasi-identifiers, in their order.

    ``columns`` are the kept columns (the names the caller wants back: output names for the Review page and the
    manifest) and ``categories`` their :class:`exporter.classify.Category` values, one each. A transformed column
    keeps its source's category (a birth date as an age band is still a quasi-identifier, only coarser).
    Raises ValueError when the two sequences differ in length (a bug).
    """
    if len(columns) != len(categories):
        raise ValueError(f"{len(columns)} columns but {len(categories)} categories")
    return tuple(
        name for name, category in zip(columns, categories, strict=True) if category in QUASI_IDENTIFIER_CATEGORIES
    )


def direct_identifiers(
    columns: Sequence[str], categories: Sequence[str], transforms: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The kept columns that name a resident outright (names, contact details, resident and My Numbers), in order.

    ``transforms`` maps a column (as named in ``columns``) to its transform text ``KIND[:ARG]``; a column made a
    pseudonym or masked is left out. Raises ValueError when ``columns`` and ``categories`` differ in length.
    """
    if len(columns) != len(categories):
        raise ValueError(f"{len(columns)} columns but {len(categories)} categories")
    transforms = transforms or {}
    return tuple(
        name
        for name, category in zip(columns, categories, strict=True)
        if category in DIRECT_IDENTIFIER_CATEGORIES
        and transforms.get(name, "keep").split(":")[0] not in _UNNAMING_KINDS
    )


def direct_sentence(columns: Sequence[str]) -> Message | None:
    """The sentence that the rows name residents directly through ``columns`` (from :func:`direct_identifiers`),
    or None when there is none."""
    return msg("risk.direct", columns=_joined(columns)) if columns else None


@dataclass(frozen=True)
class Risk:
    """How identifiable the rows are from their quasi-identifiers (definitions in the module docstring).

    ``columns``: the quasi-identifier columns measured (output names), ``rows``: rows measured, ``unique``: rows
    alone in their group, ``smallest_group``: k (0 when there are no rows), ``groups``: distinct combinations.
    """

    columns: tuple[str, ...]
    rows: int
    unique: int
    smallest_group: int
    groups: int

    @property
    def unique_share(self) -> float:
        """``unique / rows`` between 0 and 1 (0 when there are no rows)."""
        return self.unique / self.rows if self.rows else 0.0

    @property
    def average_risk(self) -> float:
        """ARX's average prosecutor risk, ``groups / rows`` (0 when there are no rows)."""
        return self.groups / self.rows if self.rows else 0.0

    def manifest_entry(self) -> dict[str, object]:
        """The figures for manifest.json: quasi-identifier columns, rows, unique rows, their share (rounded to 6
        decimals; ``unique_rows / rows`` is exact), k and the number of groups."""
        return {
            "quasi_identifiers": list(self.columns),
            "rows": self.rows,
            "unique_rows": self.unique,
            "unique_share": round(self.unique_share, 6),
            "smallest_group": self.smallest_group,
            "groups": self.groups,
        }

    def sentence(self) -> Message:
        """The figures in plain words for the clerk (the Review page and the command line), naming the columns."""
        if not self.rows:
            return msg("risk.no_rows")
        if not self.columns:
            return msg("risk.no_quasi_identifier", rows=self.rows)
        columns = _subject(self.columns)
        if self.unique == 1:
            return msg("risk.unique_one", rows=self.rows, share=percent(self.unique_share), columns=columns)
        if self.unique:
            return msg(
                "risk.unique", unique=self.unique, rows=self.rows, share=percent(self.unique_share), columns=columns
            )
        return msg(
            "risk.k_anonymous", rows=self.rows, k=self.smallest_group, others=self.smallest_group - 1, columns=columns
        )


class RiskCounter:
    """Counts the groups of quasi-identifier values over batches of rows; :meth:`result` gives the :class:`Risk`.

    Each row becomes one key for the combination of its values (:func:`_keys`: each value with its length in
    front, so that no two combinations share a key). Keys wait until :data:`COMPACT_ROWS` of them (or as many as
    there are groups, if more) have come, then are folded into the groups with one
    ``pyarrow.compute.value_counts`` over the groups' keys followed by the waiting ones: the groups' keys come out
    first, in their order, so each group's count is its old count plus the new count minus one (checked; should a
    pyarrow ever order them otherwise, the counts are added up by sorting instead). Memory is bounded by the
    distinct combinations plus the waiting keys; the result does not depend on how the rows were split into
    batches. Only compute kernels are used: ``Table.group_by`` would need pyarrow's dataset and acero modules,
    which the packaged program leaves out (and which import pandas whenever it is installed).
    """

    def __init__(self, columns: Sequence[str], *, compact_rows: int = COMPACT_ROWS) -> None:
        self.columns = tuple(columns)
        self._compact_rows = max(1, compact_rows)
        self._rows = 0
        self._groups: tuple[pa.Array, pa.Array] | None = None  # distinct keys, and their counts (int64)
        self._pending: list[pa.Array] = []
        self._pending_rows = 0

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
        self._pending.append(_keys(arrays))
        self._pending_rows += count
        if self._pending_rows >= max(self._compact_rows, len(self._groups[0]) if self._groups else 0):
            self._compact()

    def result(self) -> Risk:
        """The risk of all rows added so far (the counter can go on counting afterwards)."""
        if not self.columns or not self._rows:
            return Risk(
                columns=self.columns,
                rows=self._rows,
                unique=1 if self._rows == 1 else 0,
                smallest_group=self._rows,
                groups=1 if self._rows else 0,
            )
        self._compact()
        assert self._groups is not None  # rows were added, so there are groups
        counts = self._groups[1]
        return Risk(
            columns=self.columns,
            rows=self._rows,
            unique=int(pc.sum(pc.equal(counts, int_scalar(1, pa.int64()))).as_py() or 0),
            smallest_group=int(pc.min(counts).as_py()),
            groups=len(counts),
        )

    def _compact(self) -> None:
        """Fold the waiting keys into the groups."""
        if not self._pending:
            return
        old = self._groups
        keys = _concatenated([*([old[0]] if old is not None else []), *self._pending])
        self._pending = []
        self._pending_rows = 0
        counted = pc.value_counts(keys)
        values, counts = counted.field("values"), counted.field("counts")
        if old is not None:
            size = len(old[0])
            head = values.slice(0, size)
            if head.type != old[0].type or not pc.all(pc.equal(head, old[0])).as_py():
                self._groups = _merged_by_sorting(values, counts, old)
                return
            again = pc.add(pc.subtract(counts.slice(0, size), int_scalar(1, pa.int64())), old[1])
            counts = pa.concat_arrays([again, counts.slice(size)])
        self._groups = (values, counts)


def check_unique_share(risk: Risk, limit: float | None) -> None:
    """Raise PlanError (with a hint on how to coarsen) when ``risk.unique_share`` is above ``limit`` (0..1);
    ``None`` means no limit. A limit of 0 refuses any row that is unique. Without a quasi-identifier nothing is
    measured and nothing is refused (a single row is its own group then, but no detail of it singles it out)."""
    if limit is None or not risk.columns or risk.unique_share <= limit:
        return
    share, shown_limit = percent(risk.unique_share), percent(limit)
    if str(share) == str(shown_limit):  # both round alike (94.7% above 94.7%): as many decimals as tell them apart
        digits = next((d for d in range(2, 10) if f"{risk.unique_share * 100:.{d}f}" != f"{limit * 100:.{d}f}"), 9)
        share, shown_limit = f"{risk.unique_share * 100:.{digits}f}%", f"{limit * 100:.{digits}f}%"
    raise PlanError(
        msg(
            "risk.above_limit",
            unique=risk.unique,
            rows=risk.rows,
            share=share,
            columns=_subject(risk.columns),
            limit=shown_limit,
        ),
        hint=msg("risk.above_limit_hint"),
    )


def unique_share_limit(text: str) -> float:
    """argparse type of ``--max-unique-share``: a share from 0 to 1 (``0.05``) or a percentage from 0% to 100%
    (``5%``, ``5 %``, full-width ``５％``). A bare number above 1 is refused rather than read as a percentage, so
    that ``5`` is not taken silently for 5 % or for 500 %."""
    folded = unicodedata.normalize("NFKC", text).strip()
    percentage = folded.endswith("%")
    number = folded.removesuffix("%").strip()
    try:
        value = float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("risk.value_not_share", text=text))) from None
    if percentage:
        value /= 100
    if not 0 <= value <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(str(msg("risk.value_share_range")))
    return value


def percent(share: float) -> str | Message:
    """A share (0..1) as a percentage for a sentence: one decimal at most ("21.2%", "5%"), two significant digits
    below 0.1 % ("0.042%"), "under 0.001%" below that and "over 99.9%" short of 100 %, so that a few unique rows
    never read as 0 % and a few shared ones never as 100 %."""
    value = share * 100
    if value == 0:
        return "0%"
    if 99.95 <= value < 100:
        return msg("risk.share_over", limit="99.9%")
    if value >= 0.1:
        return f"{value:.1f}".rstrip("0").rstrip(".") + "%"
    if value >= 0.001:
        return f"{value:.2g}%"
    return msg("risk.share_under", limit="0.001%")


def _joined(columns: Sequence[str]) -> str | Message:
    """Column names as one phrase in the reader's language: "a", "a and b", "a, b and c"."""
    if len(columns) <= 1:
        return "".join(columns)
    if len(columns) == 2:
        return msg("risk.columns_pair", first=columns[0], second=columns[1])
    return msg("risk.columns_more", first=columns[0], rest=_joined(columns[1:]))


def _subject(columns: Sequence[str]) -> Message:
    """What residents share or not, as the subject of a sentence: "birth_date" / "生年月日 の値", "birth_date and
    gender" / "生年月日、性別 の組み合わせ"."""
    if len(columns) == 1:
        return msg("risk.subject_one", column=columns[0])
    return msg("risk.subject_many", columns=_joined(columns))


def _text(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The values as one string array (not large_string: hashing and sorting those is slower), dictionary arrays
    decoded; a null (which the reader never gives) counts as the empty cell."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    text = array if array.type == pa.string() else array.cast(pa.string())
    return pc.fill_null(text, text_scalar("", pa.string())) if text.null_count else text


def _keys(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> pa.Array:
    """One key per row for the combination of its values: the value itself for one column, else each value's
    length in bytes, ``:`` and the value, one after another (``3:abc1:x``), which no other combination gives."""
    texts = [_text(array) for array in arrays]
    if len(texts) == 1:
        return texts[0]
    colon, nothing = text_scalar(":", pa.string()), text_scalar("", pa.string())
    parts = [pc.binary_join_element_wise(pc.cast(pc.binary_length(text), pa.string()), text, colon) for text in texts]
    return pc.binary_join_element_wise(*parts, nothing)


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
    keys = _concatenated([values, old[0]])
    weights = pa.concat_arrays([counts, pc.subtract(old[1], int_scalar(1, pa.int64()))])
    order = pc.sort_indices(keys)
    keys, weights = pc.take(keys, order), pc.take(weights, order)
    size = len(keys)
    # The first key starts a run of equal keys, as does each key unlike the one before it.
    starts_mask = pa.concat_arrays([_true(), pc.not_equal(keys.slice(1), keys.slice(0, size - 1))])
    starts = pc.cast(pc.indices_nonzero(starts_mask), pa.int64())
    ends = pa.concat_arrays([pc.subtract(starts.slice(1), int_scalar(1, pa.int64())), _int64(size - 1)])
    running = pc.cumulative_sum(weights)
    sums = pc.add(pc.subtract(pc.take(running, ends), pc.take(running, starts)), pc.take(weights, starts))
    return pc.take(keys, starts), sums


def _true() -> pa.Array:
    """A boolean array of one True (made from a buffer: ``pa.array`` imports pandas whenever it is installed)."""
    return pa.Array.from_buffers(pa.bool_(), 1, [None, pa.py_buffer(b"\x01")])


def _int64(value: int) -> pa.Array:
    return pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(value.to_bytes(8, "little", signed=True))])
