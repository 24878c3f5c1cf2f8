"""The rules a workbook's sheet must meet before its cells pass on as Excel shows them (exporter/sources/workbook.py):
the header's names, the extent, rows hidden in Excel, merged cells, and the sentence for each cell that cannot pass.

- Header: every cell of the header row names its column, once. An empty header cell over a column that holds
  values is refused naming that header cell and the column's first value (a stray value far to the right, at
  ``XFD2``, is named there, not at the first empty header cell); an empty column without a name between named
  ones is refused naming its header cell.
- Extent: a sheet whose addresses reach past Excel's rows or lay out more cells than the limit (a stray value at
  ``XFD1048576`` in a tiny file) is refused before the reader lays it out.
- Hidden rows: a data row hidden in Excel (by hand, by an AutoFilter, by a collapsed group) is refused for the
  whole sheet, naming the first (``住民!5:5``): a clerk who narrowed the rows in Excel would otherwise send
  every row. Hidden columns are read like the others: columns are chosen by name in exporter.
- Merged cells: in the header refused at once; in the data refused when a column they cover is read, naming the
  range, since only the range's first cell holds the value Excel shows across it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import SourceError
from exporter.messages import CATALOGUE, Language, Message, language, msg
from exporter.sniff import ReadLimits
from exporter.sources.xlsx_parts import Problem, column_letters

if TYPE_CHECKING:
    import pyarrow as pa

# Sentences refused only when their column is read (export, filters), not by a whole-file check such as inspect.
COLUMN_READ_ONLY = frozenset({"workbook.number_format", "workbook.partial_date", "workbook.merged_data"})
HINTS = {
    "workbook.formula_not_calculated": "workbook.calculate_hint",
    "workbook.number_format": "workbook.number_format_hint",
    "workbook.partial_date": "workbook.partial_date_hint",
    "workbook.merged_data": "workbook.unmerge_data_hint",
}


@dataclass(frozen=True)
class NameList(Message):
    """Names listed as the language lists them: ``A, B`` in English, ``A、B`` in Japanese."""

    id: str = "workbook.list_separator"
    names: tuple[str, ...] = field(default=())

    def render(self, lang: Language | None = None) -> str:
        english, japanese = CATALOGUE[self.id]
        return (japanese if (lang or language()) == "ja" else english).join(self.names)


def cell_address(sheet: str, row: int, column: int) -> str:
    """Excel's address of a cell (0-based row and column): 住民!C1, 'My sheet'!C1 (quoted as Excel quotes)."""
    return f"{sheet_prefix(sheet)}{column_letters(column + 1)}{row + 1}"


def sheet_prefix(sheet: str) -> str:
    """``住民!`` or ``'My sheet'!``: the sheet's name as Excel writes it before a cell or a row."""
    plain = sheet and all(ch.isalnum() or ch == "_" for ch in sheet) and not sheet[0].isdigit()
    return (sheet if plain else "'" + sheet.replace("'", "''") + "'") + "!"


def header_names(cells: Sequence[object], row: int, first_column: int, sheet: str, path: Path) -> tuple[str, ...]:
    """The header row's names (an empty one as ""; :func:`check_empty_names` decides on those once the columns
    are read). Raises :class:`SourceError` for a name given twice."""
    from exporter.sources.cells import cell_text

    names = [cell_text(cell) for cell in cells]
    first_seen: dict[str, int] = {}
    for index, text in enumerate(names):
        if not text.strip():
            names[index] = ""
            continue
        if text in first_seen:
            first = cell_address(sheet, row, first_column + first_seen[text])
            raise SourceError(
                msg("workbook.header_twice", name=path.name, column=text, first=first,
                    cell=cell_address(sheet, row, first_column + index)),
                path=str(path),
                hint=msg("workbook.header_rename_hint"),
            )  # fmt: skip
        first_seen[text] = index
    return tuple(names)


def check_empty_names(
    header: Sequence[str], table: pa.Table, rows: Sequence[int], header_row: int, first_column: int, sheet: str,
    path: Path,
) -> None:  # fmt: skip
    """Refuse an empty header name: over a column holding values first (naming its first value, ``rows`` being
    each table row's 0-based sheet row), else over an empty column."""
    import pyarrow.compute as pc

    empty = [index for index, name in enumerate(header) if not name]
    for index in empty:
        lengths = pc.utf8_length(table.column(index).combine_chunks())
        filled = pc.indices_nonzero(lengths)
        if len(filled):
            raise SourceError(
                msg("workbook.empty_header", name=path.name, cell=cell_address(sheet, header_row, first_column + index),
                    value=cell_address(sheet, rows[filled[0].as_py()], first_column + index)),
                path=str(path),
                hint=msg("workbook.header_rename_hint"),
            )  # fmt: skip
    if empty:
        raise SourceError(
            msg("workbook.empty_column", name=path.name, cell=cell_address(sheet, header_row, first_column + empty[0])),
            path=str(path),
            hint=msg("workbook.empty_column_hint"),
        )


def check_extent(sheet: str, name: str, rows: int, columns: int, limits: ReadLimits) -> None:
    """Refuse a sheet whose addresses reach past the row limit or lay out more cells than the cell limit (a
    stray value at XFD1048576), before the reader lays it out; ``rows`` and ``columns`` are 1-based extents."""
    far = cell_address(sheet, max(rows, 1) - 1, max(columns, 1) - 1)
    if rows > limits.max_sheet_rows:
        raise SourceError(
            msg("workbook.too_many_rows", name=name, sheet=sheet, rows=rows, cell=far, limit=limits.max_sheet_rows),
            hint=msg("workbook.far_cells_hint"),
        )
    if rows * columns > limits.max_sheet_cells:
        raise SourceError(
            msg(
                "workbook.too_many_cells",
                name=name,
                sheet=sheet,
                rows=rows,
                columns=columns,
                cell=far,
                limit=limits.max_sheet_cells,
            ),
            hint=msg("workbook.far_cells_hint"),
        )


def check_hidden(hidden: set[int], rows: Sequence[int], sheet: str, path: Path) -> None:
    """Refuse the sheet when one of its data rows (``rows``, 0-based sheet rows) is hidden in Excel."""
    if hidden:
        first = next((row for row in rows if row in hidden), None)
        if first is not None:
            row = f"{sheet_prefix(sheet)}{first + 1}:{first + 1}"
            raise SourceError(
                msg("workbook.hidden_rows", name=path.name, sheet=sheet, row=row),
                path=str(path),
                hint=msg("workbook.hidden_rows_hint"),
            )


def merged_ranges(
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]], header_row: int, first_column: int, columns: int,
    sheet: str, path: Path,
) -> list[tuple[int, str, Message]]:  # fmt: skip
    """The merged ranges: one in the header row is refused here; one below it gives, for each table column it
    covers, (column, address, sentence) to refuse when that column is read."""
    found: list[tuple[int, str, Message]] = []
    for (top, left), (bottom, right) in merged:
        if right <= left and bottom <= top:
            continue
        first = cell_address(sheet, top, left)
        span = f"{first}:{column_letters(right + 1)}{bottom + 1}"
        if top <= header_row <= bottom:
            raise SourceError(
                msg("workbook.merged_header", name=path.name, cell=first, range=span),
                path=str(path),
                hint=msg("workbook.unmerge_hint"),
            )
        if bottom < header_row:
            continue
        sentence = msg("workbook.merged_data", name=path.name, range=span, cell=first)
        for column in range(max(left, first_column), min(right, first_column + columns - 1) + 1):
            found.append((column - first_column, first, sentence))
    return found


def problem_error(problem: Problem, sheet: str, path: Path) -> SourceError:
    """The sentence (and hint) for a cell that cannot pass (:class:`Problem`)."""
    address = cell_address(sheet, problem.row, problem.column)
    name = path.name
    if problem.kind == "formula":
        sentence = msg("workbook.formula_not_calculated", name=name, cell=address)
    elif problem.kind == "number_format":
        sentence = msg("workbook.number_format", name=name, cell=address, code=problem.text)
    elif problem.kind == "partial_date":
        sentence = msg("workbook.partial_date", name=name, cell=address, code=problem.text)
    else:
        sentence = msg("workbook.error_cell", name=name, cell=address, error=problem.text)
    return SourceError(sentence, path=str(path), hint=msg(HINTS.get(sentence.id, "workbook.fix_error_hint")))
