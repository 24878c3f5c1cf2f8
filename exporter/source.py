"""Read a resident file as a stream of text columns, exactly as written, or refuse it with the line at fault.

    file -> text_blocks (hash, BOM and sep= line dropped, decoded to UTF-8)
         -> RecordSplitter (cut at record ends, every quote checked as csv.reader(strict=True) would)
         -> one chunk at a time: UTF-8 checked, parsed by pyarrow as a single block -> record batches

Each chunk is parsed by pyarrow on the calling thread (``use_threads=False``), as one block larger than the chunk,
so pyarrow never meets a block boundary inside a record (where it is not exact) and never runs a thread of its own
that calls back into Python: nothing of the reader is left running when a command ends, which is what made the
interpreter abort at exit (SIGABRT) and hang in earlier versions. Every column is read as a string and empty cells
stay empty strings, so nothing is ever turned into a number, a date or a NaN.
"""

from __future__ import annotations

import codecs
import csv
import io
import stat
import sys
import threading
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from exporter import text_blocks as _text_blocks
from exporter.errors import PlanError, SourceError
from exporter.messages import Message, msg
from exporter.prefetch import Prefetch
from exporter.progress import Progress
from exporter.records import Chunk, RecordSplitter, count_lines
from exporter.sniff import DEFAULT_LIMITS, Head, ReadLimits, SourceFormat, read_head
from exporter.text_blocks import PASS_THROUGH, RawDigest, line_finder, text_blocks

if TYPE_CHECKING:
    import pyarrow as pa

_PARSERS = 2  # chunks parsed at once, on threads of their own
_MOST_UTF8_PER_BYTE = 3  # UTF-8 bytes one byte of any encoding read becomes at most (a katakana, U+FF61-U+FF9F)
_HELD_BYTES = 4  # at most what a decoder holds of a character cut by the block before
try:
    csv.field_size_limit(sys.maxsize)  # values are bounded by ReadLimits, not by the csv module's 128 KiB
except OverflowError:  # Windows: the limit is a C long, 32 bits there
    csv.field_size_limit(2**31 - 1)


@dataclass
class SourceDigest:
    """What the stream saw of the original bytes; complete once a full read has ended."""

    sha256: str = ""
    size: int = 0
    rows: int = 0


@dataclass(frozen=True)
class Source:
    """A resident file whose format and header are known; reading it streams batches of text columns."""

    path: Path
    format: SourceFormat
    header: tuple[str, ...]
    head_rows: tuple[tuple[str, ...], ...] = field(repr=False)
    limits: ReadLimits = DEFAULT_LIMITS

    @property
    def name(self) -> str:
        return self.path.name

    def column_indexes(self, columns: Sequence[str]) -> list[int]:
        """Positions of the asked-for columns; an unknown or repeated name is refused with the closest names."""
        return column_indexes(self.name, self.header, columns)

    def batches(
        self,
        columns: Sequence[str],
        digest: SourceDigest,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Generator[pa.RecordBatch, None, None]:
        """Yield record batches of UTF-8 string columns, ``columns`` in the given order, checking every row.

        ``digest`` is filled in as the file is read and is complete when the iterator ends without error.
        Raises :class:`SourceError` (file and line) for anything a strict RFC 4180 reader would refuse, a row
        with the wrong number of fields, bytes that are not in the file's encoding, a NUL byte, or a row over
        ``limits.max_row_bytes``; :class:`ExportCancelled` once ``cancel`` is set.
        """
        self.column_indexes(columns)
        raw = RawDigest()
        splitter = RecordSplitter(
            self.format.delimiter,
            name=self.name,
            path=str(self.path),
            max_record=self.limits.max_header_bytes,
            line_at=line_finder(self.path, self.format),
            what="header",
        )
        # Reading, hashing and decoding run one step ahead on a thread of their own (joined in ``finally``). A
        # read block, once in UTF-8, is never longer than a row or the header may be: a record that arrives whole
        # in one block is then within the limits, and only a record longer than a block is ever measured
        # (RecordSplitter). Decoding makes at most three bytes of one (CP932's half-width katakana), plus the few
        # bytes of a character the decoder held from the block before.
        limit = min(self.limits.max_row_bytes, self.limits.max_header_bytes)
        growth = 1 if self.format.encoding in PASS_THROUGH else _MOST_UTF8_PER_BYTE
        block = min(_text_blocks.BLOCK_BYTES, limit // growth - _HELD_BYTES)
        blocks = Prefetch(
            text_blocks(self.path, self.format, digest=raw, cancel=cancel, block_bytes=block),
            name="exporter-reader",
            cancel=cancel,
        )
        parser = _ChunkParser(self, columns)
        total = max(self.path.stat().st_size, 1)
        rows = 0
        chunks = splitter.split(blocks)
        # Chunks after the header are parsed two at a time (pyarrow releases the GIL), and handed on in order.
        pool = ThreadPoolExecutor(max_workers=_PARSERS, thread_name_prefix="exporter-parser")
        pending: deque[Future[pa.RecordBatch | None]] = deque()
        try:
            finished = False
            while not finished:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    finished = True
                except SourceError:
                    for earlier in pending:  # a fault of an earlier chunk (a row's field count) is named first
                        earlier.result()
                    raise
                else:
                    if not parser.header_seen:  # the header's chunk, here and in order
                        done: Future[pa.RecordBatch | None] = Future()
                        done.set_result(parser.parse_header_chunk(chunk))
                        pending.append(done)
                        if parser.header_seen:
                            splitter.max_record, splitter.what = self.limits.max_row_bytes, "row"
                    else:
                        pending.append(pool.submit(parser.parse, chunk))
                while pending and (finished or len(pending) > _PARSERS or pending[0].done()):
                    batch = pending.popleft().result()
                    if batch is not None and batch.num_rows:
                        rows += batch.num_rows
                        if progress is not None:
                            progress(min(raw.size / total, 1.0), msg("progress.rows_read", rows=rows, total=None))
                        yield batch
        finally:  # each step even when the one before raised (a second Ctrl-C lands in it)
            for future in pending:
                future.cancel()
            try:
                pool.shutdown(wait=True)  # no parser thread outlives the read
            finally:
                try:
                    chunks.close()
                finally:
                    blocks.close()
        digest.sha256 = raw.sha256.hexdigest()
        digest.size = raw.size
        digest.rows = rows

    def count_rows(self, *, progress: Progress | None = None, cancel: threading.Event | None = None) -> SourceDigest:
        """Read the whole file once, checking every row, and return its digest with the row count."""
        digest = SourceDigest()
        with closing(self.batches(self.header[:1], digest, progress=progress, cancel=cancel)) as batches:
            for _ in batches:  # closed by the with, where an error in its clean-up reaches the caller
                pass
        return digest


def open_source(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    preview_rows: int = 1000,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Source:
    """Sniff a resident file and read its header; the body is checked when it is read."""
    path = Path(path)
    if not path.exists():
        raise SourceError(msg("reader.missing", path=str(path)), path=str(path))
    if path.is_dir():
        raise SourceError(msg("reader.folder", path=str(path)), path=str(path))
    if not stat.S_ISREG(path.stat().st_mode):  # a pipe or device would block, or be gone when read again
        raise SourceError(
            msg("reader.not_regular", name=path.name),
            path=str(path),
            hint=msg("reader.save_as_file_hint"),
        )
    try:
        head: Head = read_head(path, encoding=encoding, delimiter=delimiter, max_rows=preview_rows, limits=limits)
    except PermissionError:
        raise SourceError(msg("reader.permission_denied", name=path.name), path=str(path)) from None
    except OSError as error:
        raise SourceError(
            msg("reader.os_error", name=path.name, reason=error.strerror or str(error)), path=str(path)
        ) from None
    return Source(path, head.format, head.header, head.rows, limits)


class _ChunkParser:
    """Parses chunks of whole records with pyarrow, each as a single block; the first row seen is the header."""

    def __init__(self, source: Source, columns: Sequence[str]) -> None:
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        # While it parses, pyarrow installs a SIGINT handler of its own that turns Ctrl-C into ArrowCancelled (or
        # swallows it). Ctrl-C and SIGTERM belong to the command line's handler, which sets the cancel flag.
        pa.enable_signal_handlers(False)
        self._source = source
        self._columns = list(columns)
        self.header_seen = False
        self._parse_options = pa_csv.ParseOptions(
            delimiter=source.format.delimiter,
            quote_char='"',
            double_quote=True,
            escape_char=False,
            newlines_in_values=True,
            ignore_empty_lines=True,
        )
        self._convert_options = pa_csv.ConvertOptions(
            column_types=dict.fromkeys(source.header, pa.string()),
            include_columns=self._columns,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=False,  # checked for the whole chunk, every column, before parsing
        )

    def _check_header_unchanged(self, chunk: Chunk) -> None:
        """The header this read meets must be the one the file had when it was opened: a file replaced in between
        by one with the same columns in another order would otherwise export one column under another's name."""
        text = chunk.data.decode("utf-8")
        records = csv.reader(io.StringIO(text, newline=""), delimiter=self._source.format.delimiter)
        first = next((record for record in records if record), None)
        if first is not None and tuple(first) != self._source.header:
            raise SourceError(
                msg("reader.header_changed", name=self._source.name),
                path=str(self._source.path),
                hint=msg("reader.not_being_written_hint"),
            )

    def parse_header_chunk(self, chunk: Chunk) -> pa.RecordBatch | None:
        """A chunk read before the header was met: checks that the header is the one sniffed, drops it."""
        if self._source.format.encoding in PASS_THROUGH:
            _check_utf8(chunk, self._source)
        self._check_header_unchanged(chunk)
        table = self._table(chunk)
        if table.num_rows:
            self.header_seen = True
            table = table.slice(1)
        return _batch(table)

    def parse(self, chunk: Chunk) -> pa.RecordBatch | None:
        """The kept columns of a chunk after the header (thread-safe: parsers run two at a time)."""
        return _batch(self._table(chunk))

    def _table(self, chunk: Chunk) -> pa.Table:
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        buffer = _arrow_copy(chunk.data)
        if self._source.format.encoding in PASS_THROUGH:  # decoded and encoded again by Python: UTF-8 for sure
            _check_utf8(chunk, self._source)
        read_options = pa_csv.ReadOptions(
            use_threads=False,
            block_size=len(chunk.data) + 1,
            column_names=list(self._source.header),
        )
        try:
            return pa_csv.read_csv(
                pa.BufferReader(buffer),
                read_options=read_options,
                parse_options=self._parse_options,
                convert_options=self._convert_options,
            )
        except pa.ArrowInvalid:
            raise _locate_in_chunk(self._source, chunk) from None


def _batch(table: pa.Table) -> pa.RecordBatch | None:
    if table.num_rows == 0:
        return None
    return table.combine_chunks().to_batches()[0]


def _arrow_copy(data: bytes) -> pa.Buffer:
    """The chunk copied into memory that Arrow owns, so that no Python object is ever released by Arrow.

    pyarrow drops a UTF-8 BOM at the start of what it parses: a chunk whose first value starts with U+FEFF gets an
    empty line in front (which the parser skips), so that the character stays part of the value.
    """
    import pyarrow as pa

    prefix = b"\n" if data.startswith(codecs.BOM_UTF8) else b""
    buffer = pa.allocate_buffer(len(prefix) + len(data))
    view = memoryview(buffer).cast("B")
    view[: len(prefix)] = prefix
    view[len(prefix) :] = data
    return buffer


def _check_utf8(chunk: Chunk, source: Source) -> None:
    """Every byte of the chunk, kept columns or not, must be UTF-8: else the encoding was guessed wrong."""
    import pyarrow as pa

    offsets = pa.py_buffer((0).to_bytes(4, "little") + len(chunk.data).to_bytes(4, "little"))
    try:
        pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(chunk.data)]).validate(full=True)
    except pa.ArrowInvalid:
        try:
            chunk.data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = line_finder(source.path, source.format)(chunk.offset + error.start)
            encoding = source.format.encoding
            raise SourceError(
                msg("reader.undecodable", name=source.name, line=line, encoding=encoding),
                path=str(source.path),
                line=line,
                hint=msg("reader.give_encoding_hint"),
            ) from None


def _locate_in_chunk(source: Source, chunk: Chunk) -> SourceError:
    """The first record of the chunk with the wrong number of fields, found by the exact reader.

    pyarrow's own message quotes the row, which holds personal data: it is never shown.
    """
    expected = len(source.header)
    reader = csv.reader(io.StringIO(chunk.data.decode("utf-8"), newline=""), delimiter=source.format.delimiter)
    first = line_finder(source.path, source.format)(chunk.offset)
    start = first
    for record in reader:
        if record and len(record) != expected:
            return SourceError(
                msg(
                    "reader.field_count_one" if len(record) == 1 else "reader.field_count",
                    name=source.name,
                    line=start,
                    count=len(record),
                    expected=expected,
                ),
                path=str(source.path),
                line=start,
                hint=msg("reader.delimiter_or_quote_hint"),
            )
        start = first + reader.line_num
    last = first + max(count_lines(chunk.data) - 1, 0)
    return SourceError(msg("reader.lines_unreadable", name=source.name, first=first, last=last), path=str(source.path))


def column_indexes(name: str, header: Sequence[str], columns: Sequence[str]) -> list[int]:
    """Positions in ``header`` of the asked-for ``columns`` of the file ``name`` (a CSV file or a workbook's sheet);
    raises :class:`PlanError` for an unknown name (hinting the closest names) or one asked for twice."""
    positions = {column: index for index, column in enumerate(header)}
    seen: set[str] = set()
    for column in columns:
        if column not in positions:
            raise PlanError(msg("reader.no_such_column", name=name, column=column), hint=_closest_hint(column, header))
        if column in seen:
            raise PlanError(msg("reader.column_twice", column=column))
        seen.add(column)
    return [positions[column] for column in columns]


def _closest_hint(column: str, header: Sequence[str]) -> Message:
    import difflib

    close = difflib.get_close_matches(column, header, n=3, cutoff=0.5)
    if close:
        return msg(f"reader.did_you_mean_{len(close)}", **dict(zip("abc", close, strict=False)))
    return msg("reader.see_columns_hint")


def iter_rows(source: Source, columns: Sequence[str]) -> Iterator[list[str]]:
    """Every row of ``columns`` as Python strings: for tests and small files, not for the export path."""
    digest = SourceDigest()
    for batch in source.batches(columns, digest):
        yield from (list(row) for row in zip(*(column.to_pylist() for column in batch.columns), strict=True))


__all__ = ["ReadLimits", "Source", "SourceDigest", "SourceFormat", "iter_rows", "open_source"]
