"""The long pieces of work the wizard hands to the worker: plain functions over the core, no Qt.

Each returns a ``task(progress, cancel)`` closure for :class:`exporter.gui.worker.Worker`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.classify import Category, classify_columns
from exporter.messages import Message
from exporter.pipeline import ExportResult, run_export
from exporter.plan import ExportPlan
from exporter.progress import Progress
from exporter.sources import AnySource, open_source

if TYPE_CHECKING:
    import pyarrow as pa

    from exporter.filters import RowFilter
    from exporter.shaping import ScopePreview

    Columns = dict[str, pa.Array]

SAMPLE_ROWS = 460_000
SAMPLE_SEED = 0
SAMPLES_PER_COLUMN = 3


@dataclass(frozen=True)
class LoadedSource:
    """A resident file that was read to the end without error: what the Source and Columns pages show."""

    source: AnySource  # a CSV file, or a workbook's sheet (its ``sheet`` and ``sheets``)
    rows: int
    categories: tuple[Category, ...]
    samples: tuple[tuple[str, ...], ...]  # a few distinct non-empty values per column


def sample_rows() -> int:
    """Rows of the bundled sample: 460,000 unless EXPORTER_SAMPLE_ROWS says otherwise (tests, screenshots)."""
    try:
        return max(int(os.environ.get("EXPORTER_SAMPLE_ROWS", SAMPLE_ROWS)), 1)
    except ValueError:
        return SAMPLE_ROWS


def sample_path(folder: Path, rows: int, seed: int = SAMPLE_SEED) -> Path:
    suffix = "" if seed == SAMPLE_SEED else f"-seed{seed}"
    return folder / f"sample-residents-{rows}{suffix}.csv"


def load(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
) -> Callable[[Progress, threading.Event], LoadedSource]:
    """Read a CSV file or a workbook's sheet (``sheet``; None: the first) to the end (:func:`sources.open_source`)."""

    def task(progress: Progress, cancel: threading.Event) -> LoadedSource:
        return _load(path, encoding, delimiter, progress, cancel, sheet)

    return task


def load_sample(
    folder: Path, rows: int, seed: int = SAMPLE_SEED
) -> Callable[[Progress, threading.Event], LoadedSource]:
    """Write the synthetic register once into ``folder`` (keyed by rows and seed), then load it."""

    def task(progress: Progress, cancel: threading.Event) -> LoadedSource:
        path = sample_path(folder, rows, seed)
        if not path.exists():
            _write_sample(path, rows, seed, _share(progress, 0.0, 0.7), cancel)
            progress = _share(progress, 0.7, 1.0)
        return _load(path, None, None, progress, cancel, None)

    return task


def export(plan: ExportPlan) -> Callable[[Progress, threading.Event], ExportResult]:
    def task(progress: Progress, cancel: threading.Event) -> ExportResult:
        return run_export(plan, progress=progress, cancel=cancel)

    return task


def _load(
    path: Path,
    encoding: str | None,
    delimiter: str | None,
    progress: Progress,
    cancel: threading.Event,
    sheet: str | None = None,
) -> LoadedSource:
    source = open_source(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    categories = tuple(classify_columns(source.header, source.head_rows))
    samples = tuple(_samples(source, index) for index in range(len(source.header)))
    digest = source.count_rows(progress=progress, cancel=cancel)
    return LoadedSource(source, digest.rows, categories, samples)


def _samples(source: AnySource, index: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for row in source.head_rows:
        value = row[index].replace("\r", " ").replace("\n", " ").strip() if index < len(row) else ""
        if value:
            seen.setdefault(value, None)
            if len(seen) == SAMPLES_PER_COLUMN:
                break
    return tuple(seen)


def _write_sample(path: Path, rows: int, seed: int, progress: Progress, cancel: threading.Event) -> None:
    from exporter.sample import write_sample

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        with open(partial, "wb") as out:
            write_sample(out, rows, seed=seed, progress=progress, cancel=cancel)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


_KINDS = {"progress.rows_read": "rows", "progress.rows_exported": "rows", "progress.sample_rows": "sample"}


def progress_count(message: Message) -> tuple[str, int | None]:
    """The kind of a core progress report ("rows" read or exported, "sample" rows written, else "") and its count
    of rows, read from the message's id and fields; the page words it in the user's language."""
    kind = _KINDS.get(message.id, "")
    rows = message.fields.get("rows")
    return kind, rows if kind and isinstance(rows, int) else None


def _share(progress: Progress, start: float, end: float) -> Progress:
    """Give a sub-step its share of the bar, as Orange's ``wrap_callback`` does."""

    def report(fraction: float, message: Message) -> None:
        progress(start + (end - start) * fraction, message)

    return report


def read_columns(source: AnySource, columns: tuple[str, ...]) -> Callable[[Progress, threading.Event], Columns]:
    """The whole of some columns, read once for the Rows page's live count: name -> one pyarrow string array.
    Raises what :func:`exporter.sources.read_columns` raises (SourceError, ExportCancelled)."""

    def task(progress: Progress, cancel: threading.Event) -> Columns:
        import exporter.filters  # noqa: F401 - imported here, off the GUI thread, before the first count needs it
        from exporter.sources import read_columns

        table = read_columns(source, columns, progress=progress, cancel=cancel)
        return {name: table.column(name).combine_chunks() for name in columns}

    return task


def count_in_scope(
    generation: int, columns: Columns, row_filter: RowFilter
) -> Callable[[Progress, threading.Event], tuple[int, int, dict[str, int]]]:
    """``(generation, rows kept, unreadable cells per column)`` of the filter over the cached columns: the live
    count, off the GUI thread. Unreadable cells are those a range or age() condition cannot read as a date or number
    (:func:`exporter.filter_masks.unreadable_cells`): their rows are never in scope."""

    def task(progress: Progress, cancel: threading.Event) -> tuple[int, int, dict[str, int]]:
        import pyarrow as pa

        from exporter.filter_masks import unreadable_cells
        from exporter.filters import count_in_scope

        names = list(row_filter.columns)  # Table.from_arrays: pa.table() of a dict looks for pandas first
        table = pa.Table.from_arrays([columns[name] for name in names], names=names)
        unreadable = {name: cells for name, cells in unreadable_cells(row_filter, columns).items() if cells}
        return generation, count_in_scope(table, row_filter), unreadable

    return task


def scope_preview(plan: ExportPlan, source: AnySource) -> Callable[[Progress, threading.Event], ScopePreview]:
    """Rows in scope and the re-identification risk of what is about to leave (:func:`exporter.shaping.preview`:
    one pass over the columns needed), for the Review page."""

    def task(progress: Progress, cancel: threading.Event) -> ScopePreview:
        from exporter.shaping import preview

        return preview(plan, source, progress=progress, cancel=cancel)

    return task
