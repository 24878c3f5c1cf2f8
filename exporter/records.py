"""Cut a CSV byte stream into chunks of whole records, checking its quotes as a strict RFC 4180 reader does.

pyarrow's CSV parser is fast but not exact on its own: at its block boundaries it can drop the LF of a quoted CRLF
(apache/arrow#51368), and it accepts quotes that a strict reader refuses (``"a"b`` becomes ``ab``; two unclosed
quotes merge two residents into one record). So pyarrow only ever parses chunks that this module has cut at record
ends and whose every quote it has checked, each chunk as one block. The rules are those of Python's ``csv`` reader
with ``strict=True`` (our reference), over UTF-8 or CP932 bytes, where the quote, the delimiter, CR and LF are
single ASCII bytes that never occur inside a multi-byte character:

- a record ends at CR, LF or CRLF outside a quoted value; a line end of CR, LF or CRLF is one physical line;
- a quote opens a quoted value only at the start of a field (after a delimiter, a line end, or at the start);
- inside a quoted value, ``""`` is one quote and anything else, line ends included, is text;
- the closing quote must be followed by the delimiter, a line end or the end of the file, else the file is refused;
- a quote anywhere else (``5"``, ``a"b``) is an ordinary character of an unquoted value;
- a quoted value still open at the end of the file is refused.

Most files hold few quotes: those are followed quote by quote with ``bytes.find``. A chunk with many quotes
(judged from its first 64 KiB) is first checked in Arrow compute kernels on the assumption that every quote opens
or closes a quoted value; when the checks hold, that assumption is the strict parse (the reader is deterministic),
and when one fails the chunk is followed quote by quote, which is exact in every case and names the line of the
fault.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exporter.errors import SourceError
from exporter.messages import Message, msg

if TYPE_CHECKING:
    import pyarrow as pa

Data = bytes | bytearray  # the splitter keeps a growing bytearray; chunks are handed on as bytes

QUOTE = 0x22
CR = 0x0D
LF = 0x0A
_DENSE_QUOTES = 2048  # from this many quotes in a chunk, check them in compute kernels first
_SAMPLE_BYTES = 1 << 16
_LOOKBACK = 64  # quotes taken at a time when looking back for the last record end of a dense chunk


def count_lines(data: Data, start: int = 0, end: int | None = None) -> int:
    """Physical line ends in ``data[start:end]``: CR, LF and CRLF count one each, as Python's universal newlines."""
    end = len(data) if end is None else end
    lf = data.count(b"\n", start, end)
    cr = data.count(b"\r", start, end)
    if not lf or not cr:
        return lf + cr
    return lf + cr - data.count(b"\r\n", start, end)


@dataclass(frozen=True)
class Chunk:
    """Whole records: ``data`` starts at a record start and ends at a record end (or the end of the stream).

    ``offset`` is where ``data`` starts in the stream handed to the splitter (bytes before it).
    """

    data: bytes
    offset: int


LineAt = Callable[[int], int]


def lines_of(data: Data, first_line: int = 1) -> LineAt:
    """A :data:`LineAt` for a stream held whole in memory (tests, small texts)."""
    return lambda offset: first_line + count_lines(data, 0, offset)


class RecordSplitter:
    """Turns blocks of bytes into :class:`Chunk` s of whole, strictly quoted records.

    ``delimiter`` is one ASCII character. ``max_record`` bounds the bytes of one record (its quoted line breaks
    included): a record that grows beyond it is refused, so memory stays bounded on any input. Errors are
    :class:`SourceError` sentences naming ``name`` and the physical line, which ``line_at`` gives for an offset in
    the stream. Lines are counted only when an error needs one (usually by reading the stream again): counting
    them for every chunk cost a fifth of an export.
    """

    def __init__(
        self, delimiter: str, *, name: str, path: str, max_record: int, line_at: LineAt, what: str = "row"
    ) -> None:
        if len(delimiter) != 1 or not delimiter.isascii() or delimiter in '"\r\n':
            raise ValueError(f"unusable delimiter {delimiter!r}")
        self._delimiter = ord(delimiter)
        self._name = name
        self._path = path
        self.max_record = max_record
        self._line_at = line_at
        self._offset = 0  # of the buffer's first byte in the stream
        self.what = what

    def split(self, blocks: Iterable[bytes]) -> Generator[Chunk, None, None]:
        """Yield chunks of whole records from ``blocks`` (any sizes); the last chunk may lack a final line end.

        A record longer than a block is looked for again only once the data has doubled and a line end has
        arrived, so a long record costs linear time; it is refused as soon as it exceeds ``max_record``, holding
        about twice that at most, however long the line.
        """
        buffer = bytearray()
        retry_at = 0
        line_end_arrived = False
        for block in blocks:
            if not block:
                continue
            buffer += block
            line_end_arrived = line_end_arrived or b"\n" in block or b"\r" in block
            size = len(buffer)
            if size <= self.max_record and (size < retry_at or not line_end_arrived):
                continue
            if line_end_arrived:
                cut = yield from self._cut_or_fault(buffer, eof=False)
                line_end_arrived = buffer.endswith(b"\r")  # a CR at the end is decided by the next byte
                if cut:
                    if size > self.max_record and self._first_record_end(buffer, cut) > self.max_record:
                        raise self._too_long(buffer)  # complete now, but longer than allowed
                    yield self._chunk(bytes(memoryview(buffer)[:cut]))
                    del buffer[:cut]
                    self._offset += cut
                    retry_at = 0
                    continue
            if size > self.max_record:
                raise self._too_long(buffer)
            retry_at = 2 * size
        if buffer:
            cut = yield from self._cut_or_fault(buffer, eof=True)
            yield self._chunk(bytes(memoryview(buffer)[:cut]))

    def _cut_or_fault(self, data: Data, *, eof: bool) -> Generator[Chunk, None, int]:
        """The cut; at a quoting fault, the whole records before the faulty one are handed on first, so that a
        fault of theirs (a wrong number of fields, found by the parser) is reported before the later one."""
        try:
            return self._cut(data, eof=eof)
        except _QuoteFault as fault:
            if fault.record_start > 0:
                yield self._chunk(bytes(memoryview(data)[: fault.record_start]))
            raise fault.error from None

    def _chunk(self, data: bytes) -> Chunk:
        """A chunk of the buffer's first ``len(data)`` bytes (the caller then drops them from the buffer)."""
        if b"\x00" in data:
            raise self._nul(data)
        return Chunk(data, self._offset)

    # --- finding the last record end -------------------------------------------------------------------------

    def _cut(self, data: Data, *, eof: bool) -> int:
        """The end of the last complete record in ``data`` (0 if there is none), every quote before it checked."""
        # A CR at the very end may be the first half of a CRLF: it ends a record only once the next byte is known.
        limit = len(data) - 1 if not eof and data.endswith(b"\r") else len(data)
        if data.find(b'"', 0, limit) < 0:
            if eof:
                return limit
            return max(data.rfind(b"\n", 0, limit), data.rfind(b"\r", 0, limit)) + 1
        # How many quotes, estimated from the first 64 KiB: counting them all would be one more pass over the data.
        sample = min(limit, _SAMPLE_BYTES)
        if data.count(b'"', 0, sample) * (limit / sample) >= _DENSE_QUOTES:
            cut = self._dense_cut(data, limit, eof)
            if cut is not None:
                return cut
        return self._walk(data, limit, eof)

    def _walk(self, data: Data, limit: int, eof: bool) -> int:
        """Follow the quotes one by one: exact on every input, and the only place that reports a quoting fault."""
        delimiter = self._delimiter
        position = record_start = cut = 0
        while True:
            quote = data.find(b'"', position, limit)
            stretch_end = limit if quote < 0 else quote
            line_end = max(data.rfind(b"\n", position, stretch_end), data.rfind(b"\r", position, stretch_end))
            if line_end >= 0:
                cut = record_start = line_end + 1
            if quote < 0:
                return limit if eof else cut
            if quote != record_start and data[quote - 1] not in (delimiter, CR, LF):
                position = quote + 1  # an ordinary character of an unquoted value
                continue
            closing = self._closing_quote(data, quote, limit, eof)
            if closing < 0:
                if eof:
                    raise _QuoteFault(record_start, self._unclosed(data, record_start))
                return cut
            after = closing + 1
            if after == limit:
                return limit if eof else cut
            if data[after] not in (delimiter, CR, LF):
                raise _QuoteFault(record_start, self._text_after_quote(data, record_start, quote, closing))
            position = after

    def _first_record_end(self, data: Data, cut: int) -> int:
        """The end of the first record in ``data[:cut]`` (whose quotes are known to be right). Only the first record
        of a chunk can be longer than a read block, so it is the only one whose length is ever looked at."""
        delimiter = self._delimiter
        position = 0
        while True:
            quote = data.find(b'"', position, cut)
            stretch_end = cut if quote < 0 else quote
            ends = [
                index for index in (data.find(b"\n", position, stretch_end), data.find(b"\r", position, stretch_end))
            ]
            found = [index for index in ends if index >= 0]
            if found:
                end = min(found) + 1
                return end + 1 if data[end - 1 : end + 1] == b"\r\n" else end
            if quote < 0:
                return cut
            if quote == 0 or data[quote - 1] in (delimiter, CR, LF):
                closing = self._closing_quote(data, quote, cut, True)
                if closing < 0:
                    return cut
                position = closing + 1
            else:
                position = quote + 1

    @staticmethod
    def _closing_quote(data: Data, opening: int, limit: int, eof: bool) -> int:
        """The index of the quote that closes the value opened at ``opening``, or -1 if it is not in the data."""
        start = opening + 1
        while True:
            found = data.find(b'"', start, limit)
            if found < 0:
                return -1
            if found + 1 < limit:
                if data[found + 1] != QUOTE:
                    return found
                start = found + 2  # "" stands for one quote
            else:
                return found if eof else -1  # the next byte decides between "" and the end of the value

    def _dense_cut(self, data: Data, limit: int, eof: bool) -> int | None:
        """The cut found with compute kernels, or None when some quote is not an opening or closing one."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from exporter.arrow_text import scalar

        view = pa.Array.from_buffers(pa.uint8(), limit, [None, pa.py_buffer(data)])
        u64 = pa.uint64()
        positions = pc.indices_nonzero(pc.equal(view, scalar(QUOTE, pa.uint8())))
        count = len(positions)
        allowed = pa.Array.from_buffers(pa.uint8(), 4, [None, pa.py_buffer(bytes([self._delimiter, CR, LF, QUOTE]))])
        opening = _alternate(count, first=True)
        before = pc.take(view, pc.subtract(pc.max_element_wise(positions, scalar(1, u64)), scalar(1, u64)))
        bad_open = pc.and_(opening, pc.invert(pc.is_in(before, value_set=allowed)))
        bad_open = pc.and_(bad_open, pc.not_equal(positions, scalar(0, u64)))
        after = pc.take(view, pc.min_element_wise(pc.add(positions, scalar(1, u64)), scalar(limit - 1, u64)))
        bad_close = pc.and_(pc.invert(opening), pc.invert(pc.is_in(after, value_set=allowed)))
        bad_close = pc.and_(bad_close, pc.not_equal(positions, scalar(limit - 1, u64)))
        if pc.any(pc.or_(bad_open, bad_close)).as_py():
            return None
        return self._last_record_end(data, positions, limit, eof)

    @staticmethod
    def _last_record_end(data: Data, positions: pa.UInt64Array, limit: int, eof: bool) -> int | None:
        """The end of the last record, the quotes known to pair up: the last line end outside every quoted value.

        Quote ``2i`` opens a value and ``2i + 1`` closes it, so the stretches outside quotes are the one before the
        first quote, those from each closing quote to the next opening one, and the one after a last closing quote.
        They are searched from the end, fetching quote positions a few at a time.
        """
        count = len(positions)
        if eof:
            return limit if count % 2 == 0 else None  # an unclosed value at the end: the exact walk says where
        fetched: dict[int, int] = {}

        def position(index: int) -> int:
            if index not in fetched:
                start = max(index - _LOOKBACK + 1, 0)
                for offset, value in enumerate(positions.slice(start, index - start + 1).to_pylist()):
                    fetched[start + offset] = int(value)
            return fetched[index]

        def last_line_end(start: int, end: int) -> int:
            return max(data.rfind(b"\n", start, end), data.rfind(b"\r", start, end))

        if count % 2 == 0:
            found = last_line_end(position(count - 1) + 1, limit)
            if found >= 0:
                return found + 1
        closing = count - 3 if count % 2 == 0 else count - 2
        while closing >= 1:
            found = last_line_end(position(closing) + 1, position(closing + 1))
            if found >= 0:
                return found + 1
            closing -= 2
        return last_line_end(0, position(0)) + 1

    # --- sentences ---------------------------------------------------------------------------------------------

    def _error(self, position: int, message_id: str, *, hint: Message | None = None, **fields: object) -> SourceError:
        """The sentence ``message_id`` (whose fields are the file's name, the line and ``fields``) for a fault at
        ``position`` in the buffer."""
        line = self._line_at(self._offset + position)
        return SourceError(msg(message_id, name=self._name, line=line, **fields), path=self._path, line=line, hint=hint)

    def _nul(self, data: Data) -> SourceError:
        return self._error(data.index(b"\x00"), "reader.nul_byte")

    def _unclosed(self, data: Data, record_start: int) -> SourceError:
        return self._error(record_start, "reader.unclosed_quote", hint=msg("reader.delimiter_or_quote_hint"))

    def _text_after_quote(self, data: Data, record_start: int, opening: int, closing: int) -> SourceError:
        column = _field_index(data, record_start, opening, self._delimiter) + 1
        hint = msg("reader.quote_rules_hint")
        if count_lines(data, record_start, closing):
            closed = self._line_at(self._offset + closing)
            return self._error(
                record_start, "reader.text_after_quote_closed_later", hint=hint, column=column, closed=closed
            )
        return self._error(record_start, "reader.text_after_quote", hint=hint, column=column)

    def _too_long(self, data: Data) -> SourceError:
        """The sentence for a record at the start of ``data`` that is longer than ``max_record``."""
        if b"\x00" in data:
            return self._nul(data)
        limit = self.max_record / (1 << 20)
        option = "--max-header-size" if self.what == "header" else "--max-row-size"
        if self._inside_quotes(data):
            hint = msg("reader.quote_then_raise_limit_hint", option=option)
            return self._error(0, "reader.quote_not_closed_within", hint=hint, limit=limit)
        what = "reader.header_too_long" if self.what == "header" else "reader.row_too_long"
        return self._error(0, what, hint=msg("reader.raise_limit_hint", option=option), limit=limit)

    def _inside_quotes(self, data: Data) -> bool:
        """Whether the end of ``data``, one unfinished record, lies inside a quoted value."""
        try:
            self._walk(data, len(data), True)
        except _QuoteFault as fault:
            message = fault.error.message
            return isinstance(message, Message) and message.id == "reader.unclosed_quote"
        return False


class _QuoteFault(Exception):
    """A quoting fault in the record that starts at ``record_start`` of the data being cut."""

    def __init__(self, record_start: int, error: SourceError) -> None:
        super().__init__(error.message)
        self.record_start = record_start
        self.error = error


def _field_index(data: Data, record_start: int, target: int, delimiter: int) -> int:
    """The 0-based index of the field that starts at ``target`` in the record at ``record_start`` (quotes valid)."""
    index = 0
    position = record_start
    while True:
        quote = data.find(b'"', position, target)
        stretch_end = target if quote < 0 else quote
        index += data.count(bytes([delimiter]), position, stretch_end)
        if quote < 0:
            return index
        if quote == record_start or data[quote - 1] == delimiter:
            closing = RecordSplitter._closing_quote(data, quote, target, True)
            if closing < 0:
                return index
            position = closing + 1
        else:
            position = quote + 1


_PATTERNS: dict[bool, pa.Buffer] = {}


def _alternate(count: int, *, first: bool) -> pa.BooleanArray:
    """``[first, not first, first, ...]`` of length ``count``, built from a bit pattern without a Python loop."""
    import pyarrow as pa

    size = (count + 7) // 8
    pattern = _PATTERNS.get(first)
    if pattern is None or pattern.size < size:
        pattern = pa.py_buffer((b"\x55" if first else b"\xaa") * max(size, 1 << 16))
        _PATTERNS[first] = pattern
    return pa.Array.from_buffers(pa.bool_(), count, [None, pattern])


__all__ = ["Chunk", "LineAt", "RecordSplitter", "count_lines", "lines_of"]
