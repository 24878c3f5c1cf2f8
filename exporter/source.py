"""Read a resident file as a stream of text columns, exactly as written, in bounded memory.

The fast path is pyarrow's multi-threaded CSV reader over a byte stream that we feed it ourselves: the stream
hashes the original bytes (for the manifest), transcodes legacy encodings to UTF-8, refuses NUL bytes and
counts quote characters. Every column is read as a string and empty cells stay empty strings, so nothing is
ever turned into a number, a date or a NaN. When pyarrow refuses the file, or the quotes do not pair up, the
exact standard-library reader looks for the first bad record to name its line: errors are rare, so that slow
scan only ever runs once something is already wrong.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import ExportCancelled, PlanError, SourceError
from exporter.progress import Progress
from exporter.sniff import Head, SourceFormat, read_head

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

BLOCK_BYTES = 1 << 20
_CP932_SAFE_DELIMITERS = frozenset(",;\t")


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

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def raw_encoding(self) -> str | None:
        """The encoding that :meth:`batches` leaves undecoded, handing out binary columns, or None.

        In CP932 every byte of a two-byte character is 0x40 or higher, so the comma, semicolon, tab, quote and
        line breaks are never part of one: the file can be split into fields as bytes, and only the kept
        columns need decoding afterwards. Python's CP932 decoder is slow; decoding a quarter of the bytes
        instead of all of them is most of the cost of a legacy file. (The pipe, 0x7C, can be a second byte.)
        """
        if self.format.encoding == "cp932" and self.format.delimiter in _CP932_SAFE_DELIMITERS:
            return "cp932"
        return None

    def column_indexes(self, columns: Sequence[str]) -> list[int]:
        """Positions of the asked-for columns; an unknown or repeated name is refused with the closest names."""
        positions = {name: index for index, name in enumerate(self.header)}
        seen: set[str] = set()
        for column in columns:
            if column not in positions:
                raise PlanError(f"{self.name} has no column named “{column}”.", hint=_closest_hint(column, self.header))
            if column in seen:
                raise PlanError(f"The column “{column}” is asked for twice.")
            seen.add(column)
        return [positions[column] for column in columns]

    def batches(
        self,
        columns: Sequence[str],
        digest: SourceDigest,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Generator[pa.RecordBatch, None, None]:
        """Yield record batches holding ``columns`` in the given order, checking every row of the file.

        ``digest`` is filled in as the file is read and is complete when the iterator ends without error.
        """
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        self.column_indexes(columns)
        stream = _CheckedStream(self.path, self.format, cancel, transcode=self.raw_encoding is None)
        reader_options = pa_csv.ReadOptions(
            block_size=BLOCK_BYTES, use_threads=True, column_names=list(self.header), skip_rows=0
        )
        parse_options = pa_csv.ParseOptions(
            delimiter=self.format.delimiter, newlines_in_values=True, ignore_empty_lines=True
        )
        convert_options = pa_csv.ConvertOptions(
            column_types=dict.fromkeys(self.header, pa.binary() if self.raw_encoding else pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            include_columns=list(columns),
            check_utf8=True,
        )
        total = max(self.path.stat().st_size, 1)
        rows = -1  # the header arrives as the first data row because we name the columns ourselves
        reader = None
        try:
            # Through a buffered stream, pyarrow copies each block into its own memory: handed on as they are, our
            # bytes objects would be released on pyarrow's threads, which needs the GIL (see _quiesce).
            reader = pa_csv.open_csv(
                pa.BufferedInputStream(pa.PythonFile(stream, mode="r"), BLOCK_BYTES),
                read_options=reader_options,
                parse_options=parse_options,
                convert_options=convert_options,
            )
            for batch in reader:
                if rows < 0:
                    rows = 0
                    batch = _without_header(batch)
                rows += batch.num_rows
                if progress is not None:
                    progress(min(stream.consumed / total, 1.0), f"{rows:,} rows read")
                yield batch
        except pa.ArrowInvalid as err:
            stream.close()
            if stream.error is not None:
                raise stream.error from None
            problem = locate_problem(self)
            raise problem or SourceError(
                f"{self.name} could not be read as CSV ({str(err).splitlines()[0]}).", path=str(self.path)
            ) from None
        except OSError as err:
            if stream.error is not None:
                raise stream.error from None
            raise SourceError(f"{self.name} could not be read: {err.strerror or err}.", path=str(self.path)) from None
        finally:
            stream.close()
            if reader is not None:
                _quiesce(reader)
        if stream.quotes % 2:
            # An odd number of quote characters: either an unterminated quoted field, which the exact reader
            # finds, or a harmless stray quote inside an unquoted value, which both readers keep as text.
            problem = locate_problem(self)
            if problem is not None:
                raise problem
        digest.sha256 = stream.sha256.hexdigest()
        digest.size = stream.consumed
        digest.rows = max(rows, 0)

    def count_rows(self, *, progress: Progress | None = None, cancel: threading.Event | None = None) -> SourceDigest:
        """Read the whole file once, checking every row, and return its digest with the row count."""
        digest = SourceDigest()
        for _ in self.batches(self.header[:1], digest, progress=progress, cancel=cancel):
            pass
        return digest


def open_source(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None, preview_rows: int = 1000
) -> Source:
    """Sniff a resident file and check its header; the body is checked when it is read."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path} does not exist.", path=str(path))
    if path.is_dir():
        raise SourceError(f"{path} is a folder, not a CSV file.", path=str(path))
    try:
        head: Head = read_head(path, encoding=encoding, delimiter=delimiter, max_rows=preview_rows)
    except PermissionError:
        raise SourceError(f"{path.name} cannot be opened: permission denied.", path=str(path)) from None
    return Source(path, head.format, head.header, head.rows)


def _without_header(batch: pa.RecordBatch) -> pa.RecordBatch:
    return batch.slice(1)


def _closest_hint(column: str, header: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(column, header, n=3, cutoff=0.5)
    if close:
        return "Did you mean " + " or ".join(f"“{name}”" for name in close) + "?"
    return "Run “exporter inspect” to see the column names."


def _quiesce(reader: pa_csv.CSVStreamingReader) -> None:
    """Read pyarrow's reader to its end (its closed stream now reads as empty) and close it.

    pyarrow reads ahead on its own threads, calling the stream's read() in Python. One of its threads that needs
    the GIL while the interpreter exits aborts the whole process (SIGABRT instead of our exit status), so a reader
    left early, by an error or by the writer failing, is first let run out. Its outcome no longer matters: the
    error that stopped the export has already been raised.
    """
    with contextlib.suppress(Exception):
        while True:
            reader.read_next_batch()
    reader.close()


class _CheckedStream(io.RawIOBase):
    """The bytes pyarrow reads: hashed as they are on disk, transcoded to UTF-8, checked for NUL and quotes."""

    def __init__(
        self, path: Path, source_format: SourceFormat, cancel: threading.Event | None, *, transcode: bool
    ) -> None:
        super().__init__()
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._name = path.name
        self._path = str(path)
        self._cancel = cancel
        self._skip = source_format.bom_length
        self._encoding = source_format.encoding
        self._decoder = None
        if transcode and source_format.encoding not in {"utf-8", "utf-8-sig"}:
            self._decoder = codecs.getincrementaldecoder(source_format.encoding)()
        self._pending = bytearray()
        self._lines = 0
        self.sha256 = hashlib.sha256()
        self.consumed = 0
        self.quotes = 0
        self.error: Exception | None = None
        self._reading = threading.Lock()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        with self._reading:  # pyarrow calls this from its read-ahead thread; close() waits for it
            if self.closed:
                return b""
            try:
                return self._read(size)
            except Exception as err:  # pyarrow re-raises a generic OSError: keep ours to show the user
                self.error = err
                raise

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _read(self, size: int) -> bytes:
        if self._cancel is not None and self._cancel.is_set():
            raise ExportCancelled()
        want = BLOCK_BYTES if size is None or size < 0 else size
        if self._decoder is None and not self._skip and not self._pending:
            data = self._file.read(want)  # UTF-8 after its BOM: handed on as read, without a copy
            self._account(data)
        else:
            data = self._transcoded(want)
        if b"\x00" in data:
            line = self._lines + data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise SourceError(
                f"{self._name} line {line} contains a NUL byte, so it is not a text table.", path=self._path, line=line
            )
        self._lines += data.count(b"\n")
        self.quotes += data.count(b'"')
        return data

    def _account(self, raw: bytes) -> None:
        self.sha256.update(raw)
        self.consumed += len(raw)

    def _transcoded(self, want: int) -> bytes:
        while len(self._pending) < want:
            raw = self._file.read(BLOCK_BYTES)
            self._account(raw)
            if self._skip:
                raw, self._skip = raw[self._skip :], 0
            if self._decoder is None:
                self._pending += raw
            else:
                self._pending += self._decode(raw, final=not raw)
            if not raw:
                break
        data = bytes(self._pending[:want])
        del self._pending[:want]
        return data

    def _decode(self, raw: bytes, *, final: bool) -> bytes:
        assert self._decoder is not None
        try:
            return self._decoder.decode(raw, final=final).encode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise decode_error(Path(self._path), self._encoding) from None

    def close(self) -> None:
        """Wait for a read in progress; every read after this one returns end of file."""
        with self._reading:
            if not self.closed:
                self._file.close()
            super().close()


def locate_problem(source: Source) -> SourceError | None:
    """Find the first record the exact reader refuses and describe it with its physical line number."""
    expected = len(source.header)
    name = source.name
    try:
        with open(source.path, encoding=source.format.encoding, newline="") as text:
            reader = csv.reader(text, delimiter=source.format.delimiter, strict=True)
            start = 1
            try:
                for record in reader:
                    if record and len(record) != expected:
                        noun = "value" if len(record) == 1 else "values"
                        return SourceError(
                            f"{name} line {start} has {len(record)} {noun}, but the header has {expected} columns.",
                            path=str(source.path),
                            line=start,
                            hint="Check for a missing or extra delimiter, or a quote that is not closed.",
                        )
                    start = reader.line_num + 1
            except csv.Error as err:
                return _csv_error(source, start, str(err))
    except UnicodeDecodeError:
        return decode_error(source.path, source.format.encoding)
    return None


def _csv_error(source: Source, line: int, message: str) -> SourceError:
    name = source.name
    if "NUL" in message:
        text = f"{name} line {line} contains a NUL byte, so it is not a text table."
    elif "end of data" in message or "EOF" in message:
        text = f"{name} line {line} opens a quoted value that is never closed."
    else:
        text = f"{name} line {line} is not valid CSV ({message})."
    return SourceError(text, path=str(source.path), line=line)


def decode_error(path: Path, encoding: str) -> SourceError:
    """Re-read the bytes to turn the decoder's offset into a line number."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with open(path, "rb") as file:
        while block := file.read(BLOCK_BYTES):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as inner:
                line += block.count(b"\n", 0, max(inner.start, 0))
                break
            line += block.count(b"\n")
    return SourceError(
        f"{path.name} line {line} has bytes that are not valid {encoding}.",
        path=str(path),
        line=line,
        hint="Give the file's encoding with --encoding (for example cp932 or utf-8).",
    )


__all__ = ["Source", "SourceDigest", "SourceFormat", "locate_problem", "open_source"]
