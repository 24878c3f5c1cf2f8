"""Guess how a resident file was written, from its first bytes.

Municipal systems write CP932 with CRLF, Excel writes UTF-8 with a BOM or UTF-16 ("Unicode text", tab
separated), newer systems plain UTF-8. We look at a bounded head of the file, never the whole of it, and refuse
what is not a text table before any work is done.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from exporter.errors import SourceError

HEAD_BYTES = 1 << 20
DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_OTHER_FORMATS = (
    (
        b"PK\x03\x04",
        "an Excel workbook or another ZIP file",
        "Save it from Excel as “CSV UTF-8” and try again.",
    ),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)", "Save it from Excel as “CSV UTF-8” and try again."),
    (b"%PDF", "a PDF document", None),
    (b"age-encryption.org/", "an age-encrypted archive", "Open it with “exporter decrypt”."),
)


@dataclass(frozen=True)
class SourceFormat:
    """How the bytes of a resident file are to be read."""

    encoding: str
    delimiter: str

    @property
    def bom_length(self) -> int:
        return len(codecs.BOM_UTF8) if self.encoding == "utf-8-sig" else 0


@dataclass(frozen=True)
class Head:
    """The decoded start of a file: enough to show a preview and to classify columns."""

    format: SourceFormat
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    complete: bool


def read_head(path: Path, *, encoding: str | None = None, delimiter: str | None = None, max_rows: int = 1000) -> Head:
    """Detect encoding and delimiter, read the header and up to ``max_rows`` rows from the first MiB."""
    with open(path, "rb") as file:
        raw = file.read(HEAD_BYTES)
        complete = len(raw) < HEAD_BYTES or not file.read(1)
    name = path.name
    chosen = normalise_encoding(encoding) if encoding else _detect_encoding(raw, path)
    text = _decode_head(raw, chosen, path, complete)
    if not text.strip("\r\n\ufeff \t"):
        raise SourceError(f"{name} is empty: it has no header row.", path=str(path), line=1)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(
            f"{name} line {line} contains a NUL byte, so it is not a text table.", path=str(path), line=line
        )
    if delimiter is None:
        delimiter = _detect_delimiter(text)
    elif len(delimiter) != 1 or delimiter in '\r\n"':
        raise SourceError(f"The delimiter must be one character such as , or ; (not {delimiter!r}).")
    header, rows = _parse_head(text, delimiter, complete, max_rows)
    _check_header(header, name, path)
    return Head(SourceFormat(chosen, delimiter), tuple(header), tuple(rows), complete)


def normalise_encoding(encoding: str) -> str:
    """Accept what a clerk might type (``sjis``, ``Shift_JIS``, ``UTF8``) and name it as Python does."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise SourceError(
            f"“{encoding}” is not an encoding this program knows.",
            hint="Use utf-8, utf-8-sig, cp932 or utf-16.",
        ) from None
    # Registers written by Japanese Windows systems are CP932 even when labelled Shift_JIS: CP932 is a superset
    # that also holds the NEC and IBM extension characters (①, ㈱, 髙, 﨑).
    return "cp932" if name in {"shift_jis", "shift_jis_2004", "shift_jisx0213"} else name


def _detect_encoding(raw: bytes, path: Path) -> str:
    name = path.name
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    for magic, what, hint in _OTHER_FORMATS:
        if raw.startswith(magic):
            raise SourceError(f"{name} is {what}, not a CSV text file.", path=str(path), line=1, hint=hint)
    if _looks_binary(raw[:4096]):
        raise SourceError(
            f"{name} contains binary data at line 1, so it is not a CSV text file.", path=str(path), line=1
        )
    for codec in ("utf-8", "cp932"):
        try:
            codecs.getincrementaldecoder(codec)().decode(raw, final=False)
        except UnicodeDecodeError:
            continue
        return codec
    raise SourceError(
        f"{name} is neither UTF-8 nor CP932 (Shift_JIS) text.",
        path=str(path),
        line=1,
        hint="If you know its encoding, give it with --encoding.",
    )


_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 27), *range(28, 32)])


def _looks_binary(start: bytes) -> bool:
    """Text tables hold tabs and line ends but almost no other control bytes; images and workbooks hold many."""
    control = len(start) - len(start.translate(None, _CONTROL_BYTES))
    return control > max(4, len(start) // 100)


def _decode_head(raw: bytes, encoding: str, path: Path, complete: bool) -> str:
    name = path.name
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return decoder.decode(raw, final=complete)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise SourceError(
            f"{name} line {line} cannot be read as {encoding}.",
            path=str(path),
            line=line,
            hint="Give the file's encoding with --encoding (for example cp932 or utf-8).",
        ) from None


def _detect_delimiter(text: str) -> str:
    """Prefer the candidate that splits the header into the most fields with equally wide rows after it."""
    best, best_score = ",", (0, 0)
    lines = text[: 64 * 1024]
    for candidate in DELIMITERS:
        try:
            records = list(_first_records(lines, candidate, 50))
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


def _parse_head(text: str, delimiter: str, complete: bool, max_rows: int) -> tuple[list[str], list[tuple[str, ...]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[str, ...]] = []
    try:
        for record in reader:
            if not record:
                continue
            if header is None:
                header = record
                continue
            rows.append(tuple(record))
            if len(rows) > max_rows:
                break
    except csv.Error:
        pass  # the head ends inside a quoted field; the full read reports real errors with their line
    if not complete or len(rows) > max_rows:
        rows = rows[:-1]  # the last record read may be cut off by the end of the head
    return header or [], rows[:max_rows]


def _check_header(header: list[str], name: str, path: Path) -> None:
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column in seen:
            raise SourceError(
                f"{name} line 1 names the column “{column}” twice (columns {seen[column]} and {position}).",
                path=str(path),
                line=1,
                hint="Rename one of them so every column has its own name.",
            )
        seen[column] = position
