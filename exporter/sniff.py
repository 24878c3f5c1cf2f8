"""Find out how a resident file was written: encoding, Excel's ``sep=`` line, delimiter, header and a preview.

Municipal systems write CP932 with CRLF, Excel writes UTF-8 with a BOM or UTF-16 ("Unicode text", tab separated),
newer systems plain UTF-8. The encoding is detected from where the file holds non-ASCII text (see
:mod:`exporter.encoding`); the header is read whole, however wide, through the same strict record splitter as the
body, up to :attr:`ReadLimits.max_header_bytes`; the preview rows come from the first MiB or so.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from exporter.errors import SourceError
from exporter.messages import msg
from exporter.records import RecordSplitter

HEAD_BYTES = 1 << 20
MiB = 1 << 20
DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_OTHER_FORMATS = (
    (b"PK\x03\x04", "reader.workbook", "reader.save_as_csv_hint"),
    (b"\xd0\xcf\x11\xe0", "reader.old_workbook", "reader.save_as_csv_hint"),
    (b"%PDF", "reader.pdf", None),
    (b"age-encryption.org/", "reader.archive", "reader.open_with_decrypt_hint"),
)


@dataclass(frozen=True)
class ReadLimits:
    """How large one record may be, in bytes: bounds memory on any input. Raised with --max-row-size and
    --max-header-size (in MiB) on the command line."""

    max_row_bytes: int = 128 * MiB
    max_header_bytes: int = 4 * MiB
    # A workbook's sheet is held in memory (exporter/sources/workbook.py): at most Excel's own row limit, a table
    # of at most this many cells (rows x columns, as the reader lays them out: about 32 bytes each while reading)
    # and this many bytes of XML (sheet, shared strings, styles, workbook: the text read).
    max_sheet_rows: int = 1_048_576
    max_sheet_cells: int = 32 * 1_048_576
    max_workbook_bytes: int = 1024 * MiB

    def __post_init__(self) -> None:
        # The reader's blocks are never longer than these limits (Source.batches), so that a row arriving whole in
        # one block is within them; blocks smaller than 1 MiB would make reading slow.
        if min(self.max_row_bytes, self.max_header_bytes) < MiB:
            raise ValueError("reading limits must be at least 1 MiB")
        if max(self.max_row_bytes, self.max_header_bytes) > 1024 * MiB:  # pyarrow parses at most 2 GiB at once
            raise ValueError("reading limits must be at most 1 GiB")
        if min(self.max_sheet_rows, self.max_sheet_cells, self.max_workbook_bytes) < 1:
            raise ValueError("workbook limits must be positive")


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class SourceFormat:
    """How the bytes of a resident file are to be read.

    ``sep_line`` is true when the file starts with Excel's ``sep=X`` line, which names the delimiter and is not
    part of the table: the header is then on line 2.
    """

    encoding: str
    delimiter: str
    sep_line: bool = False

    @property
    def first_line(self) -> int:
        """The physical line on which the table (its header) may start."""
        return 2 if self.sep_line else 1


@dataclass(frozen=True)
class Head:
    """The decoded start of a file: enough to show a preview and to classify columns."""

    format: SourceFormat
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    complete: bool


def read_head(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_rows: int = 1000,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Head:
    """Detect encoding, ``sep=`` line and delimiter, read the whole header and up to ``max_rows`` preview rows.

    Raises :class:`SourceError` (one sentence naming the file, and the line where there is one) for an empty or
    binary file, another format (workbook, PDF, archive), undecodable bytes, a NUL byte, bad quoting in the head,
    a header over ``limits.max_header_bytes`` or a header that names a column twice.
    """
    from exporter.text_blocks import line_finder, text_blocks

    with open(path, "rb") as file:
        raw = file.read(HEAD_BYTES)
    name = path.name
    chosen = _byte_order(normalise_encoding(encoding), raw) if encoding else _detect_encoding(raw, path)
    text = _decode_start(raw, chosen, path)
    sep = _sep_line_delimiter(text)
    if delimiter is not None:
        if len(delimiter) != 1 or not delimiter.isascii() or delimiter in '\r\n"':
            raise SourceError(msg("reader.bad_delimiter", value=delimiter))
    elif sep is not None:
        if not sep.isascii():
            raise SourceError(
                msg("reader.bad_sep_line", name=name, line=1, value=sep),
                path=str(path),
                line=1,
                hint=msg("reader.give_delimiter_hint"),
            )
        delimiter = sep
    else:
        delimiter = _detect_delimiter(text)
    source_format = SourceFormat(chosen, delimiter, sep_line=sep is not None)
    splitter = RecordSplitter(
        delimiter,
        name=name,
        path=str(path),
        max_record=limits.max_header_bytes,
        line_at=line_finder(path, source_format),
        what="header",
    )
    head, complete = _head_text(splitter, text_blocks(path, source_format), limits)
    if not head.strip("\r\n\ufeff \t"):
        raise SourceError(msg("reader.empty", name=name), path=str(path), line=1)
    header, rows = _parse_head(head, delimiter, max_rows)
    _check_header(header, name, path, source_format.first_line)
    return Head(source_format, tuple(header), tuple(rows), complete)


# Codecs Python knows that turn bytes into text but do not read a text file: they would rewrite values.
_NOT_FILE_ENCODINGS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "mbcs"})


def normalise_encoding(encoding: str) -> str:
    """Accept what a clerk might type (``sjis``, ``Shift_JIS``, ``UTF8``) and name it as Python does.

    Raises :class:`SourceError` for a name Python does not know, and for codecs that are not a text file's
    encoding (``rot13``, ``base64``, ``unicode_escape``...).
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise SourceError(msg("reader.not_an_encoding", encoding=encoding), hint=msg("reader.encodings_hint")) from None
    name = info.name
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_FILE_ENCODINGS:
        raise SourceError(msg("reader.not_a_file_encoding", encoding=encoding), hint=msg("reader.encodings_hint"))
    # Registers written by Japanese Windows systems are CP932 even when labelled Shift_JIS: CP932 is a superset
    # that also holds the NEC and IBM extension characters (①, ㈱, 髙, 﨑).
    return "cp932" if name in {"shift_jis", "shift_jis_2004", "shift_jisx0213"} else name


def _detect_encoding(raw: bytes, path: Path) -> str:
    from exporter.encoding import detect

    name = path.name
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    for magic, what, hint in _OTHER_FORMATS:
        if raw.startswith(magic):
            raise SourceError(msg(what, name=name), path=str(path), line=1, hint=msg(hint) if hint else None)
    bomless = _utf16_without_bom(raw)
    if bomless is not None:
        return bomless
    if _looks_binary(raw[:4096]):
        raise SourceError(msg("reader.binary", name=name, line=1), path=str(path), line=1)
    detected = detect(path, raw)
    if detected is None:
        raise SourceError(
            msg("reader.unknown_encoding", name=name),
            path=str(path),
            line=1,
            hint=msg("reader.give_encoding_if_known_hint"),
        )
    return detected


def _byte_order(encoding: str, raw: bytes) -> str:
    """``utf-16`` or ``utf-32`` named for a file without a byte order mark: the order its NUL bytes show."""
    for family, bom_le, bom_be in (("utf-16", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
                                   ("utf-32", codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # fmt: skip
        if encoding == family and not raw.startswith((bom_le, bom_be)):
            width = 2 if family == "utf-16" else 4
            sample = raw[: 4096 - 4096 % width]
            big_endian = sample[0::width].count(0) > sample[width - 1 :: width].count(0)
            return f"{family}-{'be' if big_endian else 'le'}"
    return encoding


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for a text table saved as UTF-16 without a byte order mark: ASCII characters
    (delimiters, digits, line ends) then have a NUL byte beside them, in the same place every time."""
    sample = raw[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= pairs * 0.3 and others <= pairs * 0.02:
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text and ("\n" in text or "\r" in text or len(raw) < 4096):
                return codec
    return None


# Control bytes that text tables do not hold. Tab, line ends, VT and FF (FileMaker writes VT for a line break inside a
# cell) and ESC and the separators are left out: text may hold them; images and workbooks hold the others.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])


def _looks_binary(start: bytes) -> bool:
    """Text tables hold tabs and line ends but almost no other control bytes; images and workbooks hold many."""
    control = len(start) - len(start.translate(None, _CONTROL_BYTES))
    return control > max(4, len(start) // 100)


def _decode_start(raw: bytes, encoding: str, path: Path) -> str:
    """The first 64 KiB of text, for the ``sep=`` line and the delimiter (errors are the full read's to report)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    try:
        return decoder.decode(raw[: 64 * 1024], final=len(raw) <= 64 * 1024).lstrip("\ufeff")
    except UnicodeError:  # utf-16 or utf-32 finding no byte order mark: the full read names the line
        return ""


def _sep_line_delimiter(text: str) -> str | None:
    """The delimiter named by Excel's first line ``sep=;`` (any case, one character, then a line end), or None."""
    if text[:4].lower() != "sep=" or len(text) < 5:
        return None
    delimiter, rest = text[4], text[5:]
    if delimiter in '\r\n"' or not (rest == "" or rest.startswith(("\r", "\n"))):
        return None
    return delimiter


def _head_text(splitter: RecordSplitter, blocks: Iterator[bytes], limits: ReadLimits) -> tuple[str, bool]:
    """Whole records from the start of the table: the header, then rows until about HEAD_BYTES.

    A fault after the header only ends the preview early: the full read reports faults in the order of the file,
    a row with a wrong number of fields before a bad quote that follows it.
    """
    pieces: list[bytes] = []
    size = 0
    header_read = False
    chunks = splitter.split(blocks)
    try:
        for chunk in chunks:
            pieces.append(chunk.data)
            size += len(chunk.data)
            if chunk.data.strip(b"\r\n"):  # the header is whole: what follows are rows, for a preview
                splitter.max_record, splitter.what = limits.max_row_bytes, "row"
                header_read = True
            if size >= HEAD_BYTES:
                return b"".join(pieces).decode("utf-8", "replace"), False
    except SourceError:
        if not header_read:
            raise
        return b"".join(pieces).decode("utf-8", "replace"), False
    finally:
        chunks.close()
    return b"".join(pieces).decode("utf-8", "replace"), True


def _detect_delimiter(text: str) -> str:
    """Prefer the candidate that splits the header into the most fields with equally wide rows after it."""
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        try:
            records = _first_records(text, candidate, 50)
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:-1] if len(records) > 2 else records[1:]
        consistent = sum(1 for record in body if len(record) == width)
        score = (int(consistent == len(body)), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _first_records(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    for record in reader:
        if record:
            records.append(record)
        if len(records) >= limit:
            break
    return records


def _parse_head(text: str, delimiter: str, max_rows: int) -> tuple[list[str], list[tuple[str, ...]]]:
    """Header and rows of whole, strictly quoted records (the splitter checked them)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[str, ...]] = []
    for record in reader:
        if not record:
            continue
        if header is None:
            header = record
            continue
        rows.append(tuple(record))
        if len(rows) >= max_rows:
            break
    return header or [], rows


# Excel's and LibreOffice Calc's widest sheet (column XFD). No register is wider, and each column costs work
# (classification, the formula-cell count, a line of inspect's report): a hostile header of 700,000 names took a
# minute to inspect.
MAX_COLUMNS = 16_384


def _check_header(header: list[str], name: str, path: Path, line: int) -> None:
    """Refuse a header wider than :data:`MAX_COLUMNS` or naming a column twice (SourceError naming the line)."""
    if len(header) > MAX_COLUMNS:
        raise SourceError(
            msg("reader.too_many_columns", name=name, line=line, columns=len(header), limit=MAX_COLUMNS),
            path=str(path),
            line=line,
        )
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column in seen:
            raise SourceError(
                msg(
                    "reader.duplicate_column", name=name, line=line, column=column, first=seen[column], second=position
                ),
                path=str(path),
                line=line,
                hint=msg("reader.rename_column_hint"),
            )
        seen[column] = position
