"""Coverage-guided fuzzing of the reader (atheris): every input is read exactly as the strict reference reads it,
or refused with a SourceError that names a line; any other exception, a disagreement or a hang is a finding.

    python tests/fuzz/fuzz_reader.py -max_total_time=600 -rss_limit_mb=2048 [CORPUS_DIR]

The first byte of an input chooses the encoding, the delimiter and whether exporter must detect the encoding;
the rest is the file after a fixed header line. Blocks of 1 to 16 bytes put every boundary somewhere new.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports():
    import exporter.encoding
    import exporter.records
    import exporter.sniff
    import exporter.source
    import exporter.text_blocks

from exporter.errors import SourceError
from tests.strict_reference import Refused, reference_read, strict_decode

ENCODINGS = ("utf-8", "cp932", "utf-16", "utf-8-sig")
DELIMITERS = (",", ";", "\t", "|")
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-reader-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
PATH = FOLDER / "input.csv"


def file_for(data: bytes) -> tuple[bytes, str, str, bool, int]:
    choice = data[0] if data else 0
    encoding = ENCODINGS[choice % 4]
    delimiter = DELIMITERS[(choice >> 2) % 4]
    detect = bool(choice & 0x10)
    block = 1 + ((choice >> 5) * 2)
    header = f"c1{delimiter}c2{delimiter}c3\r\n".encode("utf-16-le" if encoding == "utf-16" else "ascii")
    prefix = {"utf-16": b"\xff\xfe", "utf-8-sig": b"\xef\xbb\xbf"}.get(encoding, b"")
    return prefix + header + data[1:], encoding, delimiter, detect, block


def read(path: Path, encoding: str | None, delimiter: str) -> tuple[list[str], list[list[str]]] | Refused:
    try:
        source = exporter.source.open_source(path, encoding=encoding, delimiter=delimiter)
        rows = list(exporter.source.iter_rows(source, source.header))
    except SourceError as error:
        named = re.findall(r" lines? (\d+)\b", str(error))
        if named and int(named[0]) != error.line:
            message = f"a refusal names line {error.line} elsewhere than its text: {error}"
            raise AssertionError(message) from None
        return Refused(error.line or 0, str(error))
    return list(source.header), rows


def test_one_input(data: bytes) -> None:
    content, encoding, delimiter, detect, block = file_for(data)
    exporter.text_blocks.BLOCK_BYTES = block
    exporter.records._DENSE_QUOTES = 4  # both ways of checking quotes get fuzzed
    PATH.write_bytes(content)
    got = read(PATH, None if detect else encoding, delimiter)
    if detect:
        return  # a guessed encoding has no reference; it must only end in rows or one sentence
    try:
        decoded_ok = "\x00" not in strict_decode(content, encoding)
    except UnicodeDecodeError:
        decoded_ok = False
    if not decoded_ok:
        if not isinstance(got, Refused):
            raise AssertionError("bytes that do not decode, or a NUL, were read instead of refused")
        return
    expected = reference_read(content, encoding, delimiter)
    if isinstance(expected, Refused):
        if not isinstance(got, Refused) or got.line != expected.line:
            raise AssertionError(f"the reference refuses line {expected.line}; exporter gave {got!r}")
    elif got != expected:
        raise AssertionError(f"exporter gave {got!r}, the reference {expected!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
