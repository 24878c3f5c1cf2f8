"""Write text columns as the CSV that Japanese Excel opens: UTF-8 with a BOM, CRLF, RFC 4180 quoting.

Rows are built column-wise with pyarrow compute kernels, so the per-row work happens in C++ rather than in a
Python loop: a value is quoted only when it holds a comma, a quote or a line break (or when it is the empty
value of a one-column file, which would otherwise read back as a blank line).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

BOM = "\ufeff".encode()
LINE_END = "\r\n"
_NEEDS_QUOTES = (b",", b'"', b"\n", b"\r")


def header_line(columns: Sequence[str]) -> bytes:
    """The BOM and the header row."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow(columns)
    return BOM + buffer.getvalue().encode("utf-8")


def encode_rows(batch: pa.RecordBatch) -> memoryview:
    """The rows of ``batch`` as CSV bytes, without copying the joined result out of Arrow's buffer.

    The reader hands on UTF-8 string columns; binary columns work too, giving CSV in their own encoding, as long as
    the comma, quote, CR and LF bytes never occur inside one of its characters.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if batch.num_rows == 0:
        return memoryview(b"")
    kind = batch.schema.field(0).type
    columns = [_quoted(column, single=batch.num_columns == 1) for column in batch.columns]
    columns[-1] = pc.binary_join_element_wise(columns[-1], _text("", kind), _text(LINE_END, kind))
    lines = pc.binary_join_element_wise(*columns, _text(",", kind)) if len(columns) > 1 else columns[0]
    assert isinstance(lines, pa.StringArray | pa.BinaryArray)  # 32-bit offsets, then the joined bytes
    offsets = lines.buffers()[1]
    data = lines.buffers()[2]
    first, last = _offset(offsets, lines.offset), _offset(offsets, lines.offset + len(lines))
    return memoryview(data)[first:last]


def _offset(offsets: pa.Buffer, index: int) -> int:
    return int.from_bytes(memoryview(offsets)[index * 4 : index * 4 + 4], "little", signed=True)


def _quoted(column: pa.Array, *, single: bool) -> pa.Array:
    import pyarrow.compute as pc

    data = column.buffers()[2]
    raw = bytes(data) if data is not None else b""
    if single:
        from exporter.arrow_text import is_empty

        needs = pc.or_(pc.match_substring_regex(column, r'[,"\r\n]'), is_empty(column))
    elif any(mark in raw for mark in _NEEDS_QUOTES):
        needs = pc.match_substring_regex(column, r'[,"\r\n]')
    else:
        return column
    quote = _text('"', column.type)
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(column, '"', '""'), quote, _text("", column.type))
    return pc.if_else(needs, quoted, column)


def _text(value: str, kind: pa.DataType) -> pa.Scalar:
    """A literal of the columns' own type: compute kernels do not mix string and binary. Made from a buffer, not
    with ``pa.scalar``, which imports pandas whenever it is installed (:mod:`exporter.arrow_text`)."""
    from exporter.arrow_text import text_scalar

    return text_scalar(value, kind)
