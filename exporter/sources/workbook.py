"""An Excel workbook (.xlsx/.xlsm) as a source: one sheet, every cell as the text Excel shows for it.

    file bytes (hashed) -> parts checked within ReadLimits (xlsx_parts) -> python-calamine (Rust calamine, the
    engine pandas.read_excel(engine="calamine") calls; pandas itself is not needed) -> cells as text (cells.py)
    -> one pyarrow table of string columns, held in memory while the source lives

The sheet is held in memory, as Arrow strings (about 20 MB for 100,000 residents of 24 columns; the peak while
reading is in bench/RESULTS.md). Rules:
- The sheet: ``sheet`` by name; by default the first visible worksheet (what Excel shows on opening).
- The header is the first row that is not empty, from the first column that is not empty (a title above it with
  an empty row between is taken as the header and refused by the rules below: delete the title rows). Every
  header cell must hold a name, once; a header cell merged with others is refused.
- Rows that are entirely empty are skipped, as empty lines of a CSV file are.
- A formula without a cached result (a file written by a program that does not calculate, never saved by Excel)
  and an error cell (#N/A, #DIV/0!...) are refused when their column is read, with the cell's address: the first
  is not a value at all, and the second shows a failure, not data; passing "#N/A" on as if it were data, or an
  empty cell in its place, would both mislead the recipient.
- Rows hidden in Excel among the data rows refuse the sheet; merged cells below the header, and dates under formats
  that show only part of the date, are refused when their column is read (:mod:`exporter.sources.workbook_checks`,
  :mod:`exporter.sources.number_formats`).
- Cell addresses in sentences are Excel's: 住民!C1, 'My sheet'!C1.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from array import array
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter.errors import ExportCancelled, PlanError, SourceError
from exporter.messages import Message, msg
from exporter.progress import Progress
from exporter.sizes import file_size
from exporter.sniff import DEFAULT_LIMITS, ReadLimits, SourceFormat
from exporter.source import SourceDigest, column_indexes
from exporter.sources.cells import string_array, text_columns
from exporter.sources.number_formats import changing_styles, formatted_numbers
from exporter.sources.sheet_scan import SheetScan, scan_sheet
from exporter.sources.workbook_checks import (
    COLUMN_READ_ONLY,
    HINTS,
    NameList,
    cell_address,
    check_empty_names,
    check_extent,
    check_hidden,
    header_names,
    merged_ranges,
    problem_error,
)
from exporter.sources.xlsx_parts import (
    Problem,
    SheetEntry,
    TooMuchText,
    WorkbookDamaged,
    WorkbookZip,
)

if TYPE_CHECKING:
    import pyarrow as pa

WORKBOOK_FORMAT = SourceFormat(encoding="xlsx", delimiter="")  # what the manifest's source records for a workbook
BATCH_ROWS = 65_536
STYLES_PART = "xl/styles.xml"
CHUNK_ROWS = 8_192  # rows taken out of the reader at a time, as Python objects


@dataclass(frozen=True)
class WorkbookSource:
    """One sheet of a workbook, read whole: the same surface as :class:`exporter.source.Source`, plus ``sheet``
    (the sheet read) and ``sheets`` (the workbook's sheets with tables, in workbook order)."""

    path: Path
    sheet: str
    sheets: tuple[str, ...]
    header: tuple[str, ...]
    head_rows: tuple[tuple[str, ...], ...] = field(repr=False)
    limits: ReadLimits = DEFAULT_LIMITS
    table: pa.Table = field(repr=False, default=None)
    sha256: str = ""
    size: int = 0
    problems: tuple[tuple[int, str, Message], ...] = field(repr=False, default=())  # (column, address, sentence)
    row_numbers: array[int] = field(repr=False, default_factory=lambda: array("I"))  # each data row's sheet row

    format: SourceFormat = WORKBOOK_FORMAT

    @property
    def name(self) -> str:
        return self.path.name

    def line_of_row(self, row: int) -> int:
        """The sheet's row number (as Excel shows it) of data row ``row`` (1 = the first row under the header):
        empty rows are skipped when reading, so the two differ (:func:`exporter.shaping.line_of_row`)."""
        return self.row_numbers[row - 1] + 1

    def column_indexes(self, columns: Sequence[str]) -> list[int]:
        """Positions of the asked-for columns; an unknown or repeated name is refused with the closest names."""
        return column_indexes(self.name, self.header, columns)

    def _check_cells(self, indexes: Sequence[int], *, formats: bool = True) -> None:
        wanted = set(indexes)
        for column, _address, sentence in self.problems:
            if column in wanted and (formats or sentence.id not in COLUMN_READ_ONLY):
                hint = msg(HINTS.get(sentence.id, "workbook.fix_error_hint"))
                raise SourceError(sentence, path=str(self.path), hint=hint)

    def batches(
        self,
        columns: Sequence[str],
        digest: SourceDigest,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Generator[pa.RecordBatch, None, None]:
        """Record batches of the asked-for columns in that order (``BATCH_ROWS`` rows each); ``digest`` is filled
        in (the workbook's SHA-256 and size as read, the data rows) once the last batch was handed out. Raises
        :class:`SourceError` (the cell's address) for a formula without a result or an error cell in a column
        read, :class:`ExportCancelled` once ``cancel`` is set."""
        indexes = self.column_indexes(columns)
        self._check_cells(indexes)
        table = self.table.select(indexes)
        total = max(table.num_rows, 1)
        for start in range(0, table.num_rows, BATCH_ROWS):
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            batch = table.slice(start, BATCH_ROWS).combine_chunks().to_batches()
            if batch:
                done = min(start + BATCH_ROWS, table.num_rows)
                if progress is not None:
                    progress(done / total, msg("progress.rows_read", rows=done, total=None))
                yield batch[0]
        digest.sha256, digest.size, digest.rows = self.sha256, self.size, self.table.num_rows

    def count_rows(self, *, progress: Progress | None = None, cancel: threading.Event | None = None) -> SourceDigest:
        """The digest with the data rows; every cell was checked when the sheet was read (a problem cell in any
        column is refused here, as a whole-file check). A number shown through a number format is refused only
        when its column is exported (:mod:`exporter.sources.number_formats`): amounts written ``#,##0`` are common,
        and the other columns of such a sheet can still leave."""
        self._check_cells(range(len(self.header)), formats=False)
        if cancel is not None and cancel.is_set():
            raise ExportCancelled()
        if progress is not None:
            progress(1.0, msg("progress.rows_read", rows=self.table.num_rows, total=None))
        return SourceDigest(sha256=self.sha256, size=self.size, rows=self.table.num_rows)


def open_workbook(
    path: Path,
    data: bytes,
    *,
    stamp: tuple[int, int],
    sheet: str | None = None,
    preview_rows: int = 1000,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> WorkbookSource:
    """Read one sheet of the workbook whose bytes are ``data``, read from ``path`` when its size and time of change
    were ``stamp``. Raises :class:`SourceError` (one sentence, the cell's address where there is one) or
    :class:`PlanError` (no such sheet)."""
    name = path.name
    try:
        parts = WorkbookZip(data, limits)
        entries = parts.sheets()
        entry = _chosen(entries, sheet, name)
        _read_others(parts, entry, entries)
        xml, scan, opened = _scanned_while_opening(parts, entry.part, path)
        try:
            check_extent(entry.name, name, scan.last_row, scan.last_column, limits)
            styles = parts.read(STYLES_PART) if STYLES_PART in parts.names else None
            unrendered, rendered = formatted_numbers(xml, changing_styles(styles), exact=scan.exact)
        except BaseException:
            if opened[0] is not None:
                opened[0].close()
            raise
        problems = [*scan.problems, *unrendered]
    except WorkbookDamaged as damaged:
        raise SourceError(
            msg("workbook.damaged", name=name, part=damaged.part), path=str(path), hint=msg("workbook.resave_hint")
        ) from None
    except TooMuchText as big:
        raise SourceError(
            msg("workbook.too_much_text", name=name, part=str(big), limit=file_size(limits.max_workbook_bytes)),
            path=str(path),
            hint=msg("workbook.save_as_csv_hint"),
        ) from None
    del xml, parts
    found = _load_sheet(path, stamp, entry.name, opened)
    return _build(path, data, entry, [e.name for e in entries if e.worksheet], found, problems, rendered,
                  set(scan.hidden), preview_rows, limits)  # fmt: skip


def _chosen(entries: Sequence[SheetEntry], sheet: str | None, name: str) -> SheetEntry:
    tables = [entry for entry in entries if entry.worksheet]
    listed = NameList(names=tuple(entry.name for entry in tables))
    if sheet is None:
        visible = [entry for entry in tables if entry.visible] or tables
        if not visible:
            raise SourceError(msg("workbook.no_table_sheet", name=name))
        return visible[0]
    for entry in entries:
        if entry.name == sheet:
            if not entry.worksheet:
                raise PlanError(msg("workbook.not_a_table_sheet", name=name, sheet=sheet, sheets=listed))
            return entry
    raise PlanError(msg("workbook.no_such_sheet", name=name, sheet=sheet, sheets=listed))


def _read_others(parts: WorkbookZip, entry: SheetEntry, entries: Sequence[SheetEntry]) -> None:
    """Inflate and count every part calamine may read besides the sheet (shared strings, styles, ...): all XML
    parts but the other sheets'. Raises WorkbookDamaged or TooMuchText."""
    others = {e.part for e in entries if e.part != entry.part}
    for part in sorted(parts.names):
        if part.endswith((".xml", ".rels")) and part not in others and not part.startswith("xl/worksheets/_rels/"):
            parts.read(part)
            parts.read_parts.pop(part, None)  # counted and checked; not kept


Opened = tuple[Any, tuple[int, int], Exception | None]  # python-calamine's workbook, the file's stamp, an error


def _scanned_while_opening(parts: WorkbookZip, part: str, path: Path) -> tuple[bytes, SheetScan, Opened]:
    """The sheet's XML (inflated and counted) and its scan, made on a thread of their own while python-calamine
    opens the workbook on this one (:func:`_open_workbook`): calamine reads the other parts, checked before
    (:func:`_read_others`), never the sheet, which it lays out only once the scan has passed. isal's inflate,
    pyarrow's regex passes and calamine's ``from_path`` all leave the GIL, so on two cores they overlap."""
    done: list[tuple[bytes, SheetScan]] = []
    failed: list[BaseException] = []

    def scan() -> None:
        try:
            xml = parts.read(part)
            done.append((xml, scan_sheet(xml, part)))
        except BaseException as error:  # WorkbookDamaged, TooMuchText, MemoryError: raised on this thread
            failed.append(error)

    worker = threading.Thread(target=scan, name="sheet-scan", daemon=True)
    worker.start()
    try:
        opened = _open_workbook(path)
    finally:
        worker.join()
    if failed:
        if opened[0] is not None:
            opened[0].close()
        raise failed[0]
    return *done[0], opened


def _open_workbook(path: Path) -> Opened:
    """python-calamine's workbook (its shared strings, styles and sheet list read; no sheet yet), the size and time
    of change of the file before it was opened, and the error that stopped it (raised once the sheet's checks
    passed: theirs come first)."""
    import python_calamine

    try:
        before = path.stat()
        return python_calamine.CalamineWorkbook.from_path(path), (before.st_size, before.st_mtime_ns), None
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        return None, (0, 0), error


def _load_sheet(path: Path, stamp: tuple[int, int], sheet: str, opened: Opened) -> Any:
    """calamine's sheet, its cells laid out in Rust memory, read from the file that was checked (its size and time
    of change ``stamp`` when its bytes were read): refused when it changed meanwhile (replaced, being written).
    ``opened``: what :func:`_open_workbook` gave."""
    import python_calamine

    name = path.name
    workbook, before, error = opened
    try:
        if error is not None:
            raise error
        with workbook:
            found = workbook.get_sheet_by_name(sheet)
        after = path.stat()
    except python_calamine.PasswordError:
        raise SourceError(msg("workbook.encrypted", name=name), hint=msg("workbook.remove_password_hint")) from None
    except (python_calamine.CalamineError, ValueError, OSError):  # its text may quote cells: never shown
        raise SourceError(
            msg("workbook.unreadable_sheet", name=name, sheet=sheet), path=str(path), hint=msg("workbook.resave_hint")
        ) from None
    if not before == (after.st_size, after.st_mtime_ns) == stamp:
        raise SourceError(msg("workbook.changed", name=name), path=str(path), hint=msg("reader.not_being_written_hint"))
    return found


def _rows(found: Any) -> tuple[int, Iterator[list[object]]]:
    """The sheet's rows, empty ones included, and the 0-based row number in the sheet of the first.

    python-calamine's ``iter_rows`` gives the used columns only, but its rows from the sheet's first row (0.9) or
    from the first used one: the first row of the used range (``start``) always holds a value, so an empty first
    row means the rows are counted from the top of the sheet."""
    first_row = (found.start or (0, 0))[0]
    rows = iter(found.iter_rows())
    first = next(rows, None)
    if first is None:
        return 0, iter(())
    offset = 0 if first_row and first.count("") == len(first) else first_row
    return offset, itertools.chain([first], rows)


def _build(
    path: Path,
    data: bytes,
    entry: SheetEntry,
    sheets: list[str],
    found: Any,
    problems: list[Problem],
    rendered: dict[int, dict[int, str]],
    hidden: set[int],
    preview_rows: int,
    limits: ReadLimits,
) -> WorkbookSource:
    import pyarrow as pa

    name, sheet = path.name, entry.name
    first_column = (found.start or (0, 0))[1]
    number, rows = _rows(found)
    header_row, header_cells = -1, []
    for row in rows:  # the first row that is not empty
        if row.count("") != len(row):
            header_row, header_cells = number, row
            break
        number += 1
    _shown(rendered.get(header_row), header_cells, first_column)
    if header_row < 0:
        raise SourceError(msg("workbook.empty_sheet", name=name, sheet=sheet), path=str(path))
    merged = merged_ranges(found.merged_cell_ranges or (), header_row, first_column, len(header_cells), sheet, path)
    for problem in problems:
        if problem.row <= header_row:
            raise problem_error(problem, sheet, path)
    header = header_names(header_cells, header_row, first_column, sheet, path)
    # Python objects for CHUNK_ROWS rows at a time: the table is built from Arrow columns, chunk by chunk.
    chunks: list[pa.Table] = []
    row_numbers = array("I")  # each data row's place in the sheet, to name the line of a refused cell
    blank = [""] * len(header_cells)  # calamine's rows are as wide as the sheet's used range
    number = header_row + 1
    while chunk := list(islice(rows, CHUNK_ROWS)):
        numbers: Sequence[int] = range(number, number + len(chunk))
        number += len(chunk)
        if blank in chunk or set(map(len, chunk)) != {len(blank)}:  # C-level tests: most chunks pass both
            # rows entirely empty are skipped
            kept = [(at, row) for at, row in zip(numbers, chunk, strict=True) if row.count("") != len(row)]
            numbers, chunk = [at for at, _ in kept], [row for _, row in kept]
            if not chunk:
                continue
        row_numbers.extend(numbers)
        check_hidden(hidden, numbers, sheet, path)
        if rendered:
            for at, row in zip(numbers, chunk, strict=True):
                _shown(rendered.get(at), row, first_column)
        chunks.append(pa.Table.from_arrays(text_columns(chunk, len(header)), names=list(header)))
    del found, rows
    empty = pa.Table.from_arrays([string_array([]) for _ in header], names=list(header))
    table = pa.concat_tables(chunks) if chunks else empty
    check_empty_names(header, table, row_numbers, header_row, first_column, sheet, path)
    seen: set[int] = set()
    located: list[tuple[int, str, Message]] = []
    for problem in problems:
        column = problem.column - first_column
        if 0 <= column < len(header) and column not in seen:
            seen.add(column)
            error = problem_error(problem, sheet, path)
            located.append((column, cell_address(sheet, problem.row, problem.column), error.message))  # type: ignore[arg-type]
    located.extend(merged)
    head = table.slice(0, preview_rows).to_pylist()
    return WorkbookSource(
        path=path,
        sheet=sheet,
        sheets=tuple(sheets),
        header=header,
        head_rows=tuple(tuple(row[column] for column in header) for row in head),
        limits=limits,
        table=table,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        problems=tuple(located),
        row_numbers=row_numbers,
    )


def _shown(texts: dict[int, str] | None, row: list[object], first_column: int) -> None:
    """Put into ``row`` (cells from ``first_column`` on) the texts Excel shows for its formatted numbers."""
    for column, text in (texts or {}).items():
        if 0 <= column - first_column < len(row):
            row[column - first_column] = text
