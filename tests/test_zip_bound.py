"""The bound that decides ZIP64 before ``data.csv`` is written holds for every file the reader accepts.

``data_csv_bound`` promises at most 3 bytes of ``data.csv`` per byte of the resident file (plus the header line
and 3). The files that come closest are built on purpose here (half-width kana that triple from CP932, commas and
quotes that force quoting, empty single columns, LF that becomes CRLF, a last line without a line end), and
hypothesis builds more; each goes through the real ``run_export`` and the manifest's size of ``data.csv`` is
compared with the bound. The writer's side: deflate never grows data past ``deflate_bound``, and an entry that
outgrows a bound that said "no ZIP64" stops the export with a sentence instead of writing sizes that do not fit.
"""

from __future__ import annotations

import csv
import io
import os
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.archive import ArchiveWriter, DataBound, data_csv_bound
from exporter.envelope import X25519Identity
from exporter.errors import SourceError
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.zipstream import _deflate_module, deflate_bound

RECIPIENT = str(X25519Identity.generate().recipient)


def export_size(source: Path, columns: list[str], tmp_path: Path, **options: str) -> int:
    output = tmp_path / f"{source.stem}-{len(list(tmp_path.iterdir()))}.zip.age"
    plan = ExportPlan(source=source, columns=tuple(columns), output=output, recipients=(RECIPIENT,), **options)
    result = run_export(plan)
    output.unlink()
    return int(result.manifest["data"]["size"])


def table_bytes(rows: list[list[str]], *, encoding: str, delimiter: str = ",", newline: str = "\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


# Each: (file bytes, encoding, delimiter, kept columns). The comments give data.csv bytes per file byte.
WORST_CASES = {
    # ｱ is 1 byte in CP932 and 3 in UTF-8; LF becomes CRLF: (3 n + 2) / (n + 1)
    "cp932-halfwidth-kana": (table_bytes([["k"]] + [["ｱｲｳｴｵｶｷｸｹｺ"]] * 400, encoding="cp932"), "cp932", ",", ["k"]),
    # a lone comma in a semicolon file is written ","
    "comma-values-in-semicolon-file": (b"a;b\n" + b",;,\n" * 500, "utf-8", ";", ["a", "b"]),
    # an empty single kept column is written "" (4 bytes with CRLF) from two bytes
    "empty-single-column": (b"a,b\n" + b",\n" * 500, "utf-8", ",", ["a"]),
    # kana that needs quoting because of a comma in a semicolon CP932 file, and no line end at the very end
    "quoted-kana-no-final-newline": (("a;b\n" + "ｱ,;ｲ\n" * 300 + "ｱ,;ｲ").encode("cp932"), "cp932", ";", ["a", "b"]),
    # quotes inside quoted values double on both sides; UTF-16 doubles every ASCII byte in the file
    "quotes-in-utf-16": (table_bytes([["q"]] + [['"x"']] * 300, encoding="utf-16"), "utf-16", ",", ["q"]),
}


@pytest.mark.parametrize("case", WORST_CASES)
def test_data_csv_never_exceeds_its_bound_on_the_files_that_come_closest(tmp_path, case):
    content, encoding, delimiter, columns = WORST_CASES[case]
    source = tmp_path / f"{case}.csv"
    source.write_bytes(content)
    bound = data_csv_bound(source, encoding, columns)
    assert bound is not None

    size = export_size(source, columns, tmp_path, encoding=encoding, delimiter=delimiter)

    assert size <= bound.size, f"{size} bytes of data.csv from {len(content)} bytes, bound {bound.size}"


def test_halfwidth_kana_come_within_a_few_percent_of_the_bound(tmp_path):
    """The factor 3 is needed: a file of half-width kana nearly reaches it."""
    content, encoding, delimiter, columns = WORST_CASES["cp932-halfwidth-kana"]
    source = tmp_path / "kana.csv"
    source.write_bytes(content)
    bound = data_csv_bound(source, encoding, columns)
    assert bound is not None
    assert export_size(source, columns, tmp_path, encoding=encoding, delimiter=delimiter) > 0.95 * bound.size


VALUES = st.lists(
    st.sampled_from(["ｱ", "ｶﾞ", "ﾟ", ",", ";", '"', "\n", "\r\n", "a", "0", "漢", "髙", "①", " ", "\t"]), max_size=6
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(VALUES, min_size=3, max_size=3), min_size=1, max_size=12),
    encoding=st.sampled_from(["utf-8", "cp932", "utf-16"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    final_newline=st.booleans(),
    kept=st.sampled_from([["c0"], ["c2", "c0"], ["c1", "c2", "c0"]]),
)
def test_data_csv_never_exceeds_its_bound_for_any_file_the_reader_accepts(
    tmp_path, rows, encoding, delimiter, newline, final_newline, kept
):
    content = table_bytes([["c0", "c1", "c2"], *rows], encoding=encoding, delimiter=delimiter, newline=newline)
    if not final_newline:
        content = content[: -len(newline.encode(encoding).removeprefix(b"\xff\xfe"))]
    source = tmp_path / "generated.csv"
    source.write_bytes(content)
    bound = data_csv_bound(source, encoding, kept)
    assert bound is not None
    try:
        size = export_size(source, kept, tmp_path, encoding=encoding, delimiter=delimiter)
    except SourceError:
        return  # refused by the reader: nothing is written, so there is nothing to bound
    assert size <= bound.size


def test_no_bound_for_a_pipe_or_an_unknown_encoding(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    regular = tmp_path / "file.csv"
    regular.write_bytes(b"a\n1\n")
    assert data_csv_bound(fifo, "utf-8", ["a"]) is None
    assert data_csv_bound(regular, "no-such-codec", ["a"]) is None
    assert data_csv_bound(regular, None, ["a"]) is None
    assert data_csv_bound(tmp_path / "missing.csv", "utf-8", ["a"]) is None


def test_an_encoding_outside_the_vetted_list_gets_four_bytes_per_byte(tmp_path):
    regular = tmp_path / "file.csv"
    regular.write_bytes(b"a\n" + b"x\n" * 100)
    triple, quadruple = data_csv_bound(regular, "cp932", ["a"]), data_csv_bound(regular, "cp037", ["a"])
    assert triple is not None
    assert quadruple is not None
    assert quadruple.size - triple.size == regular.stat().st_size


@pytest.mark.parametrize("module", [_deflate_module, zlib], ids=["this-program's-deflate", "zlib"])
@pytest.mark.parametrize("size", [0, 1, 100, 70_000, 3_000_000])
def test_deflate_never_grows_incompressible_data_past_deflate_bound(module, size):
    data = os.urandom(size)
    compressor = module.compressobj(1, module.DEFLATED, -15)
    packed = b"".join(compressor.compress(data[start : start + 4096]) for start in range(0, size, 4096))
    packed += compressor.flush()
    assert len(packed) <= deflate_bound(size)


def test_data_that_outgrows_a_bound_below_the_threshold_stops_with_a_sentence_naming_the_file(tmp_path):
    """The bound said "no ZIP64"; more data than it allowed (a file still being written) must not become sizes
    that do not fit. The threshold is lowered so that the test stays small."""
    sink = io.BytesIO()
    writer = ArchiveWriter(sink, DataBound(1_000, "residents.csv"), zip64_limit=50_000)
    writer.open_data()
    for _ in range(49):
        writer.write_data(os.urandom(1_000))
    with pytest.raises(SourceError) as raised:
        writer.write_data(os.urandom(1_000))
    assert str(raised.value) == "residents.csv grew while it was being read, so the export was stopped."
    assert raised.value.hint_text() == "Export again once no other program is writing to the file."
