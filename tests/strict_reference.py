"""The strict reference reader the fast path is measured against: Python's ``csv`` with ``strict=True``.

``strict_table`` gives the records a strict RFC 4180 reader finds (blank lines skipped, as exporter does) or, where it
refuses the text, the physical line on which the refused record starts.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Refused:
    line: int
    reason: str


def strict_table(text: str, delimiter: str = ",") -> list[list[str]] | Refused:
    """Every non-empty record of ``text``, or where the strict reader refuses it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            if record:
                records.append(record)
            start = reader.line_num + 1
    except csv.Error as error:
        return Refused(start, str(error))
    return records


# Microsoft's code page 932 table defines no character for the single bytes 0x80, 0xA0, 0xFD, 0xFE and 0xFF; Python's
# cp932 codec decodes them all the same (to these), so the reference refuses text that holds them.
_UNDEFINED_IN_CP932 = frozenset("\x80\uf8f0\uf8f1\uf8f2\uf8f3")


def strict_decode(data: bytes, encoding: str) -> str:
    """``data`` decoded as the encoding defines it (UnicodeDecodeError otherwise): Python's codec, and for CP932
    without the five bytes its table leaves undefined."""
    text = data.decode(encoding)
    if encoding == "cp932" and not _UNDEFINED_IN_CP932.isdisjoint(text):
        raise UnicodeDecodeError(encoding, data, 0, 1, "undefined in CP932")
    return text


def reference_read(data: bytes, encoding: str, delimiter: str) -> tuple[list[str], list[list[str]]] | Refused:
    """What exporter promises for a file given with its encoding and delimiter: the header and the rows, exactly
    as the strict reader reads them, or the line of the first record it must refuse (bad quoting, or a record
    whose number of fields differs from the header's). The text must decode and hold no NUL (tested apart)."""
    text = strict_decode(data, encoding)
    if encoding in {"utf-8", "utf-8-sig", "utf-16"}:
        text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            if record:
                if header is None:
                    header = record
                elif len(record) != len(header):
                    return Refused(start, "wrong number of fields")
                else:
                    rows.append(record)
            start = reader.line_num + 1
    except csv.Error as error:
        return Refused(start, str(error))
    if header is None:
        return Refused(1, "empty")
    return header, rows
