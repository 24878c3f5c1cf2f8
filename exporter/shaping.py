"""The rows and values that leave: one step of the export between reading a batch and writing its CSV rows.

    batch of the columns read (kept + those the filter needs)
        -> row filter (exporter.filters: an Arrow mask) -> transforms of kept columns (exporter.transforms)
        -> re-identification risk counted on the kept quasi-identifiers (exporter.risk) -> kept columns, in order

The same :class:`Shaper` runs inside the export and in :func:`preview` (the wizard's Review page): what the clerk is
shown is computed by the code that makes the archive. Nothing here needs the whole table; the risk counter holds
one count per distinct combination of quasi-identifiers.
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from exporter.errors import PlanError
from exporter.messages import Message, msg
from exporter.plan import ExportPlan
from exporter.progress import Progress

if TYPE_CHECKING:
    import pyarrow as pa

    from exporter.filters import RowFilter
    from exporter.my_number_scan import MyNumberScan
    from exporter.risk import Risk
    from exporter.risk_counter import RiskCounter
    from exporter.transforms import Transform, TransformContext, TransformRefused


GATHER_ROWS = 1 << 15  # rows shaped at once (:meth:`Shaper.gathered`)
GATHER_BYTES = 64 << 20  # at most this much of them


class ShapedSource(Protocol):
    """What the shaper needs of a source (a CSV :class:`exporter.source.Source` or a workbook)."""

    @property
    def name(self) -> str: ...
    @property
    def header(self) -> tuple[str, ...]: ...
    @property
    def head_rows(self) -> tuple[tuple[str, ...], ...]: ...


@dataclass(frozen=True)
class ScopePreview:
    """What an export of the plan would take out, measured before it is made: rows read and kept, the risk (None
    when no quasi-identifier is kept) and the kept columns that name residents outright
    (:func:`exporter.risk.direct_identifiers`: names, contact details, numbers not made pseudonyms or masked)."""

    rows_read: int
    rows_kept: int
    risk: Risk | None
    direct_identifiers: tuple[str, ...] = ()  # kept columns (output names) that name residents outright


class Shaper:
    """The plan's row filter, transforms and risk count, ready to run over batches of ``read_columns``.

    Raises :class:`PlanError` (one sentence) for a filter that does not parse or names an unknown column, a
    transform for a column that is not kept or a kind that does not exist, a ``pseudonym`` transform without
    ``plan.pseudonym_key`` (or a key file that cannot be read), and a ``max_unique_share`` outside 0..1.
    ``columns``: the kept columns to produce (default: the plan's; :func:`preview` asks for fewer).
    """

    def __init__(
        self,
        plan: ExportPlan,
        source: ShapedSource,
        *,
        columns: Sequence[str] | None = None,
        today: date | None = None,
    ) -> None:
        from exporter.filters import parse_filter
        from exporter.transforms import TransformContext, needs_pseudonym_key, parse_transform

        self._source = source
        self.reference_date = plan.reference_date or today or date.today()
        self.kept = tuple(plan.columns if columns is None else columns)
        self.row_filter: RowFilter = parse_filter(plan.where, source.header, reference_date=self.reference_date)
        transforms: dict[str, Transform] = {}
        for column, text in plan.transforms.items():
            if column not in plan.columns:
                raise PlanError(
                    msg("shaping.transform_not_kept", column=column), hint=msg("shaping.transform_not_kept_hint")
                )
            transform = parse_transform(text)
            if transform.kind != "keep":
                transforms[column] = transform
        key = None
        if needs_pseudonym_key(transforms.values()):
            if plan.pseudonym_key is None:
                raise PlanError(msg("shaping.pseudonym_needs_key"), hint=msg("shaping.pseudonym_key_hint"))
            from exporter.pseudonym import PseudonymKey

            key = PseudonymKey.from_file(plan.pseudonym_key)
        self.transforms = transforms
        self.warnings: tuple[Message, ...] = () if key is None or key.exposure is None else (key.exposure,)
        self._limit = plan.max_unique_share
        _check_filter_size(plan.where)
        if plan.max_unique_share is not None and not 0 <= plan.max_unique_share <= 1:
            raise PlanError(msg("shaping.unique_share_range", limit=plan.max_unique_share))
        self.context: TransformContext = TransformContext(reference_date=self.reference_date, pseudonym_key=key)
        self.read_columns = tuple(dict.fromkeys([*self.kept, *self.row_filter.columns]))
        output = {column: plan.output_names.get(column, column) for column in plan.columns}
        self.header = tuple(output[column] for column in self.kept)
        self._output = output  # each planned column's output name
        # each column the plan names, classified once (about 1 ms a column of 1,000 rows)
        classified = column_categories(source, [*plan.columns, *self.row_filter.columns])
        _check_no_my_numbers_written(self.row_filter, classified)
        from exporter.my_number_scan import MyNumberScan, scanned_columns

        # the export's own values are looked at for My Numbers the head rows did not show (not in a preview)
        self._my_numbers = MyNumberScan(
            () if columns is not None else scanned_columns(self.kept, classified, transforms)
        )
        categories = [classified[column] for column in plan.columns]
        self.quasi_identifiers = _quasi_identifiers(plan, categories)
        self.direct_identifiers = _direct_identifiers(plan, categories)
        from exporter.risk import check_direct_limit

        check_direct_limit(self.direct_identifiers, plan.max_unique_share)
        self._risk: RiskCounter | None = None
        # Kept direct identifiers name every row's resident: the groups of quasi-identifiers then measure nothing
        # more (ARX analyses only data whose identifying attributes were removed), so they are not counted and
        # the clerk, the CLI and the manifest say which columns name the residents instead (exporter.risk).
        if self.quasi_identifiers and not self.direct_identifiers:
            from exporter.risk_counter import RiskCounter

            self._risk = RiskCounter([output[column] for column in self.quasi_identifiers])
        from exporter.ordered_worker import OrderedWorker

        self._counting = OrderedWorker(name="exporter-counting")  # the scan and the risk count, beside the export
        self.rows_read = 0
        self.rows_kept = 0
        self.unreadable: dict[str, int] = {}  # cells a range or age() condition could not read, per column

    @property
    def growth(self) -> int:
        """The most bytes of data.csv one byte of the file can become (0: no more than passing through): a
        pseudonym makes a whole token of a one-byte value (:func:`exporter.archive.data_csv_bound`)."""
        from exporter.pseudonym import TOKEN_LENGTH

        if any(transform.kind == "pseudonym" for transform in self.transforms.values()):
            return TOKEN_LENGTH + 2
        return 0

    def gathered(self, batches: Iterable[pa.RecordBatch]) -> Generator[pa.RecordBatch, None, None]:
        """``batches`` joined into batches of at least :data:`GATHER_ROWS` rows when there is a filter or a
        transform: each works on a batch's distinct values, so a few large batches cost much less than many small
        ones (the reader's are about 4,000 rows). Without one they pass as they come (joining them for the risk
        count alone saved 0.1 s but took the plain export's peak over its 300 MiB budget). Memory stays bounded: a
        batch is at most :data:`GATHER_BYTES` of columns, or one of the reader's when that alone is more."""
        if not self.row_filter and not self.transforms:
            yield from batches
            return
        waiting: list[pa.RecordBatch] = []
        rows = size = 0
        for batch in batches:
            if waiting and size + batch.nbytes > GATHER_BYTES:  # long values: joined text stays far below 2 GiB
                yield _joined(waiting)
                waiting, rows, size = [], 0, 0
            waiting.append(batch)
            rows += batch.num_rows
            size += batch.nbytes
            if rows >= GATHER_ROWS:
                yield _joined(waiting)
                waiting, rows, size = [], 0, 0
        if waiting:
            yield _joined(waiting)

    def apply(self, batch: pa.RecordBatch) -> pa.RecordBatch | None:
        """The kept rows of one batch of ``read_columns`` (in that order), transformed, as a batch of the kept
        columns named by their output names; None when no row of it is kept.

        Raises :class:`PlanError` naming the file, the line and the column of a cell a transform refuses."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from exporter.transforms import TransformRefused, apply_transform

        first = self.rows_read
        self.rows_read += batch.num_rows
        arrays = dict(zip(self.read_columns, batch.columns, strict=True))
        positions: pa.Array | None = None  # the kept rows' positions in the batch, to name a refused cell's line
        if self.row_filter:
            from exporter.filter_masks import filter_mask

            compared = {column: arrays[column] for column in self.row_filter.columns}
            mask = filter_mask(self.row_filter, compared, self.unreadable)
            positions = pc.indices_nonzero(mask)
            if len(positions) == 0:
                return None
            arrays = {column: pc.filter(arrays[column], mask) for column in self.kept}
        for column, transform in self.transforms.items():
            if column not in arrays:
                continue
            try:
                arrays[column] = apply_transform(transform, arrays[column], self.context)
            except TransformRefused as refused:
                index = refused.index if positions is None else int(positions[refused.index].as_py())
                raise self._refused(column, refused, first + index + 1) from None
        if self._my_numbers.counts or self._risk is not None:
            self._counting.submit(self._count, arrays, first, positions)
        kept_rows = len(arrays[self.kept[0]]) if self.kept else 0
        self.rows_kept += kept_rows
        return pa.RecordBatch.from_arrays([arrays[column] for column in self.kept], names=list(self.header))

    def _count(self, arrays: dict[str, pa.Array], first: int, positions: pa.Array | None) -> None:
        """On the counting worker: one batch's kept values into the My Number scan and the risk counter."""
        if self._my_numbers.counts:
            self._my_numbers.add(arrays, lambda i: first + 1 + (i if positions is None else int(positions[i].as_py())))
        if self._risk is not None:
            self._risk.add([arrays[column] for column in self.quasi_identifiers])

    @property
    def my_numbers(self) -> MyNumberScan:
        """The My Number scan of the rows shaped so far (once the counting worker has caught up)."""
        self._counting.wait()
        return self._my_numbers

    def risk(self) -> Risk | None:
        """The risk of the rows shaped so far (complete once every batch went through ``apply``)."""
        self._counting.wait()
        return None if self._risk is None else self._risk.result()

    def manifest_fields(self) -> dict[str, Any]:
        """What the manifest records of the shaping: the filter in the ``--where`` syntax and the rows it kept, each
        transformed column's transform (kind and argument, the pseudonym key's public id, never the key), the day
        ages were counted on, and the risk. Fields are left out when there is nothing to record."""
        fields: dict[str, Any] = {}
        if self.row_filter:
            fields["row_filter"] = {"where": self.row_filter.texts(), "rows_read": self.rows_read}
            if any(self.unreadable.values()):
                fields["row_filter"]["unreadable"] = {k: v for k, v in self.unreadable.items() if v}
        if self.transforms:
            entries: dict[str, dict[str, Any]] = {}
            for column, transform in self.transforms.items():
                entry: dict[str, Any] = {"kind": transform.kind}
                if transform.argument is not None:
                    entry["argument"] = transform.argument
                if transform.kind == "pseudonym" and self.context.pseudonym_key is not None:
                    entry["key_id"] = self.context.pseudonym_key.key_id
                entries[column] = entry
            fields["transforms"] = entries
        ages = any(condition.age for group in self.row_filter.groups for condition in group)
        if ages or any(transform.kind == "age-band" for transform in self.transforms.values()):
            fields["reference_date"] = self.reference_date.isoformat()
        risk = self.risk()
        if risk is not None:
            fields["risk"] = risk.manifest_entry()
        elif self.direct_identifiers:  # not counted: the rows name their residents (see __init__)
            from exporter.risk import direct_manifest_entry

            fields["risk"] = direct_manifest_entry(
                self.direct_identifiers, self._quasi_identifier_names(), self.rows_kept
            )
        if "risk" in fields and self._limit is not None:
            fields["risk"]["max_unique_share"] = self._limit
        return fields

    def _quasi_identifier_names(self) -> tuple[str, ...]:
        """The kept quasi-identifiers by their output names."""
        return tuple(self._output[column] for column in self.quasi_identifiers)

    def _refused(self, column: str, refused: TransformRefused, row: int) -> PlanError:
        """The refusal of a cell, naming the file, its line and the column (never the value), with a hint that
        fits the reason."""
        line = line_of_row(self._source, row)
        kind = refused.transform.kind.replace("-", "_")
        if refused.reason.id == "transforms.born_after_reference":
            hint = msg("shaping.reference_date_hint", column=column)
        else:
            hint = msg(f"shaping.refused_hint_{kind}", column=column)
        return PlanError(refused.located(self._source.name, line, column), hint=hint)


def _check_no_my_numbers_written(row_filter: RowFilter, categories: dict[str, str]) -> None:
    """Refuse a condition that compares a My Number column with values: the conditions are written into the
    manifest the recipient reads, and My Numbers (特定個人情報) never leave through it. ``is empty`` and
    ``is not empty`` write no value and pass; ``categories`` holds each condition column's category."""
    from exporter.filters import EMPTY_OPERATORS

    for condition in (condition for group in row_filter.groups for condition in group):
        if condition.op not in EMPTY_OPERATORS and not condition.age and categories[condition.column] == "my_number":
            raise PlanError(
                msg("shaping.my_number_condition", condition=condition.text(), column=condition.column),
                hint=msg("shaping.my_number_condition_hint"),
            )


def _check_filter_size(where: Sequence[Sequence[str]]) -> None:
    """Refuse, in plain words, more groups or conditions, or a longer condition, than the manifest records."""
    from exporter.manifest import MAX_CONDITION_TEXT, MAX_CONDITIONS, MAX_GROUPS

    if len(where) > MAX_GROUPS or any(len(group) > MAX_CONDITIONS for group in where):
        raise PlanError(msg("shaping.too_many_conditions", groups=MAX_GROUPS, conditions=MAX_CONDITIONS))
    for group in where:
        for condition in group:
            if len(condition) > MAX_CONDITION_TEXT:
                raise PlanError(msg("shaping.condition_too_long", length=len(condition), limit=MAX_CONDITION_TEXT))


def _joined(batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    """One batch of the rows of ``batches`` (which share their schema), in order."""
    import pyarrow as pa

    if len(batches) == 1:
        return batches[0]
    return pa.Table.from_batches(batches).combine_chunks().to_batches()[0]


def check_unique_share(plan: ExportPlan, risk: Risk | None) -> None:
    """Refuse (:class:`PlanError`) when ``plan.max_unique_share`` is set and the share of unique rows is above it.
    With no quasi-identifier kept there is no share to measure, and nothing is refused."""
    if plan.max_unique_share is None or risk is None:
        return
    from exporter.risk import check_unique_share as check

    check(risk, plan.max_unique_share)


def preview(
    plan: ExportPlan,
    source: Any,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ScopePreview:
    """One pass over only the columns the filter and the quasi-identifiers need: the rows an export of ``plan``
    would keep and its risk, computed by the same :class:`Shaper` as the export. Raises what the export would for
    the same plan and file (:class:`PlanError`, :class:`SourceError`), and :class:`ExportCancelled`."""
    from exporter.source import SourceDigest

    quasi = _quasi_identifiers(plan, _categories(plan, source))
    shaper = Shaper(plan, source, columns=quasi or plan.columns[:1])
    batches = source.batches(shaper.read_columns, SourceDigest(), progress=progress, cancel=cancel)
    for batch in shaper.gathered(batches):
        shaper.apply(batch)
    return ScopePreview(shaper.rows_read, shaper.rows_kept, shaper.risk(), shaper.direct_identifiers)


def _categories(plan: ExportPlan, source: ShapedSource) -> list[str]:
    """The kept columns' sensitivity categories, in kept order."""
    classified = column_categories(source, plan.columns)
    return [classified[column] for column in plan.columns]


def column_categories(source: ShapedSource, names: Sequence[str]) -> dict[str, str]:
    """The sensitivity category (:func:`exporter.classify.classify_column`, from the name and the head rows) of
    each of the source's columns ``names``; only those are classified."""
    from exporter.classify import classify_column

    found: dict[str, str] = {}
    for name in dict.fromkeys(names):
        place = source.header.index(name)
        found[name] = str(classify_column(name, [row[place] if place < len(row) else "" for row in source.head_rows]))
    return found


def _quasi_identifiers(plan: ExportPlan, categories: Sequence[str]) -> tuple[str, ...]:
    """The kept columns (source names) that are quasi-identifiers, from their categories (in kept order)."""
    from exporter.risk import quasi_identifiers

    return tuple(quasi_identifiers(plan.columns, categories))


def _direct_identifiers(plan: ExportPlan, categories: Sequence[str]) -> tuple[str, ...]:
    """The kept columns, by their output names, that name residents outright after their transforms."""
    from exporter.risk import direct_identifiers

    found = direct_identifiers(plan.columns, categories, plan.transforms)
    return tuple(plan.output_names.get(column, column) for column in found)


def line_of_row(source: Any, row: int) -> int:
    """The line of the source on which data row ``row`` (1 = the first row after the header) starts; a workbook
    gives its sheet's row number. Only for naming a fault: a CSV file is read again from the start."""
    own = getattr(source, "line_of_row", None)
    if own is not None:
        return int(own(row))
    reader = csv.reader(_physical_lines(source), delimiter=source.format.delimiter, strict=False)
    records = 0
    start = 1
    for record in reader:
        if record:
            if records == row:
                return start + int(source.format.first_line) - 1
            records += 1
        start = reader.line_num + 1
    return start + int(source.format.first_line) - 1


def _physical_lines(source: Any) -> Iterator[str]:
    """The source's text (after BOM and ``sep=`` line) as lines ending in CR, LF or CRLF, as csv.reader counts."""
    from exporter.text_blocks import text_blocks

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    for block in text_blocks(source.path, source.format):
        pending += decoder.decode(block)
        lines = io.StringIO(pending, newline="").readlines()
        pending = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        yield from lines
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending
