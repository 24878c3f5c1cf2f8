"""Exact or refused: the whole reader (detection, decoding, splitting, pyarrow) against the strict reference.

Every file gives the rows ``csv.reader(strict=True)`` gives, or is refused on the line where that reader's refusal
starts, whatever the block size: the property tests run with blocks of a few bytes so every boundary is hit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import exporter.records
import exporter.text_blocks
from exporter.errors import SourceError
from exporter.source import iter_rows, open_source
from tests.strict_reference import Refused, reference_read

CASES = Path(__file__).parent / "cases" / "reader"


def exporter_read(path: Path, encoding: str, delimiter: str) -> tuple[list[str], list[list[str]]] | Refused:
    try:
        source = open_source(path, encoding=encoding, delimiter=delimiter)
        rows = list(iter_rows(source, source.header))
    except SourceError as error:
        return refusal(error, path)
    return list(source.header), rows


def refusal(error: SourceError, path: Path) -> Refused:
    assert error.line is not None, str(error)
    assert f"{path.name} line {error.line} " in str(error), str(error)
    return Refused(error.line, str(error))


def agree(path: Path, data: bytes, encoding: str, delimiter: str = ",") -> None:
    path.write_bytes(data)
    expected = reference_read(data, encoding, delimiter)
    got = exporter_read(path, encoding, delimiter)
    if isinstance(expected, Refused):
        assert isinstance(got, Refused), f"read what the strict reader refuses on line {expected.line}"
        assert got.line == expected.line, (got, expected)
    else:
        assert not isinstance(got, Refused), f"refused what the strict reader reads: {got.reason}"
        assert got == expected


@pytest.fixture(params=[3, 7, 64], ids=lambda size: f"{size}-byte-blocks")
def tiny_blocks(request, monkeypatch):
    """Read blocks of a few bytes, and take the compute-kernel path from a few quotes on, so both are hit."""
    monkeypatch.setattr(exporter.text_blocks, "BLOCK_BYTES", request.param)
    monkeypatch.setattr(exporter.records, "_DENSE_QUOTES", 4)
    return request.param


# ... and characters that str.splitlines() (not a CSV reader) takes for line ends: VT, FF, NEL, LS, PS, FS.
PIECES = st.sampled_from(['"', '""', ",", "\r", "\n", "\r\n", "a", "あ", "髙", "ｱ", " ", "0", '",', ',"', '"\r\n',
                          "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x1c", "\x1a", "\ufeff"])  # fmt: skip
BODIES = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
@example(body='1,"a\r\nb",c\r\n2,"x"y,z\r\n', encoding="utf-8")
@example(body='1,"a\r\n2,"b",c\r\n', encoding="cp932")
def test_any_body_is_read_or_refused_as_the_strict_reader_does(tmp_path, tiny_blocks, body, encoding):
    text = "c1,c2,c3\r\n" + body
    if encoding == "cp932":
        text = text.encode("cp932", "ignore").decode("cp932")  # NEL, the separators and U+FEFF are not in CP932
    data = text.encode(encoding) if encoding != "utf-8-sig" else b"\xef\xbb\xbf" + text.encode("utf-8")
    agree(tmp_path / "p.csv", data, encoding)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, delimiter=st.sampled_from([";", "\t", "|"]))
def test_other_delimiters_are_exact_too(tmp_path, tiny_blocks, body, delimiter):
    text = f"c1{delimiter}c2\r\n" + body.replace(",", delimiter)
    agree(tmp_path / "p.csv", text.encode("cp932", "ignore"), "cp932", delimiter)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES)
def test_one_column_files_keep_their_empty_values(tmp_path, tiny_blocks, body):
    text = "only\r\n" + body.replace(",", "")
    agree(tmp_path / "p.csv", text.encode("utf-8"), "utf-8")


VALUES = st.text(alphabet='ab,あ"\r\n ;髙①', max_size=10)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(VALUES, min_size=3, max_size=3), max_size=20), end=st.sampled_from(["\r\n", "\n"]))
def test_tables_any_csv_writer_makes_read_back_value_for_value(tmp_path, tiny_blocks, rows, end):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=end, quoting=csv.QUOTE_MINIMAL).writerows([["a", "b", "c"], *rows])
    agree(tmp_path / "p.csv", buffer.getvalue().encode("utf-8"), "utf-8")


@pytest.mark.parametrize("block", [5, 64, 4096])
def test_a_quoted_crlf_is_kept_whole_wherever_a_block_ends(tmp_path, monkeypatch, block):
    """pyarrow dropped the LF of a quoted CRLF whose CR ended a block: put the CR at every offset of a block."""
    monkeypatch.setattr(exporter.text_blocks, "BLOCK_BYTES", block)
    for offset in range(block + 2) if block < 100 else range(block - 3, block + 2):
        head = "id,note\r\n1,"
        padding = "x" * max(offset - len(head.encode()) - 1, 0)
        text = f'{head}{padding}\r\n2,"before\r\nafter"\r\n3,"\r\n"\r\n'
        agree(tmp_path / "crlf.csv", text.encode("utf-8"), "utf-8")


@pytest.mark.parametrize(("name", "encoding"), [("quoted-crlf-across-1mib-block.csv", "utf-8"),
                                                ("quoted-crlf-across-1mib-block-cp932.csv", "cp932")])  # fmt: skip
def test_case_quoted_crlf_across_the_first_mib_is_read_exactly(name, encoding):
    path = CASES / name
    source = open_source(path)
    assert source.format.encoding == encoding
    expected = reference_read(path.read_bytes(), encoding, ",")
    assert not isinstance(expected, Refused)
    assert [list(source.header), list(iter_rows(source, source.header))] == [expected[0], expected[1]]
    assert any("\r\n" in value for row in expected[1] for value in row)


@pytest.mark.parametrize(
    ("name", "line", "column"), [("stray-quotes-inside-value.csv", 3, 3), ("stray-opening-quotes.csv", 2, 2)]
)
def test_case_stray_quotes_are_refused_naming_the_line(name, line, column):
    with pytest.raises(SourceError) as caught:
        open_source(CASES / name).count_rows()
    assert caught.value.line == line
    assert f"{name} line {line} has a quoted value followed by more text" in str(caught.value)
    assert f"column {column}" in str(caught.value)


def quote_all(rows: list[list[str]], end: str = "\r\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=end).writerows(rows)
    return buffer.getvalue()


def test_a_file_with_every_value_quoted_is_read_exactly(tmp_path):
    from exporter.sample import sample_bytes

    rows = list(csv.reader(io.StringIO(sample_bytes(3000, seed=11).decode("utf-8"), newline="")))
    data = quote_all(rows).encode("cp932")
    assert data.count(b'"') > 100_000
    agree(tmp_path / "all-quoted.csv", data, "cp932")


def test_a_bad_quote_deep_in_a_quoted_file_names_its_line(tmp_path):
    rows = [["id", "name", "note"]] + [[f"{i:05d}", "山田 太郎", "備考\r\nあり"] for i in range(20_000)]
    text = quote_all(rows)
    lines = text.split("\r\n")
    bad = 2 + 2 * 15_000  # the line on which resident 15,000's record starts (two physical lines per record)
    lines[bad - 1] = lines[bad - 1].replace('"山田 太郎"', '"山田" 太郎')
    data = "\r\n".join(lines).encode("utf-8")
    assert reference_read(data, "utf-8", ",") == Refused(bad, "',' expected after '\"'")
    agree(tmp_path / "bad.csv", data, "utf-8")
    with pytest.raises(SourceError, match=rf"bad.csv line {bad} has a quoted value followed by more text"):
        open_source(tmp_path / "bad.csv").count_rows()


def test_a_row_with_too_few_fields_before_a_bad_quote_is_named_first(tmp_path):
    path = tmp_path / "two.csv"
    path.write_bytes(b'a,b\r\n1,2\r\n3\r\n4,"x"y\r\n')
    with pytest.raises(SourceError, match=r"two.csv line 3 has 1 value, but the header has 2 columns"):
        open_source(path).count_rows()


# What Python's cp932 codec makes of the single bytes 0x80, 0xA0, 0xFD, 0xFE and 0xFF, which CP932 leaves
# undefined (Microsoft's table); encoding them with that codec gives those bytes back.
UNDEFINED_IN_CP932 = ["\x80", "\uf8f0", "\uf8f1", "\uf8f2", "\uf8f3"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(VALUES, min_size=3, max_size=3), min_size=1, max_size=12),
    where=st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=2), st.integers(min_value=0)),
    undefined=st.sampled_from(UNDEFINED_IN_CP932),
)
def test_a_byte_cp932_leaves_undefined_is_refused_on_its_line(tmp_path, tiny_blocks, rows, where, undefined):
    row, column, at = where
    row %= len(rows)
    value = rows[row][column]
    rows[row][column] = value[: at % (len(value) + 1)] + undefined + value[at % (len(value) + 1) :]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([["a", "b", "c"], *rows])
    text = buffer.getvalue()
    data = text.encode("cp932")
    assert data.count(undefined.encode("cp932")) >= 1
    before = text[: text.index(undefined)]
    line = before.count("\r\n") + before.replace("\r\n", "").count("\r") + before.replace("\r\n", "").count("\n") + 1
    path = tmp_path / "undefined.csv"
    path.write_bytes(data)
    got = exporter_read(path, "cp932", ",")
    assert isinstance(got, Refused), "read a byte CP932 does not define"
    assert got.line == line
    assert "not valid cp932" in got.reason


@pytest.mark.parametrize("text", ["ム", "□", "\ue000", "\ue757", "髙", "①"])
def test_0x80_and_0xa0_as_second_bytes_and_the_user_defined_area_pass_through(tmp_path, tiny_blocks, text):
    """ム is 0x83 0x80 and □ 0x81 0xA0: those bytes are only undefined alone; 外字 (U+E000..U+E757) is CP932."""
    data = f"a,b\r\n{text},x\r\n".encode("cp932")
    agree(tmp_path / "defined.csv", data, "cp932")


BAD_IN_CP932 = [b"\x80", b"\xa0", b"\xfd", b"\xff", b"\x81\x20", b"\x85\x40", b"\x82\x7f", b"\xef\x0d"]


@settings(max_examples=100, deadline=None)
@given(
    rows=st.integers(min_value=2, max_value=30),
    first=st.integers(min_value=0),
    later=st.integers(min_value=0),
    kinds=st.tuples(st.sampled_from(BAD_IN_CP932), st.sampled_from(BAD_IN_CP932)),
)
def test_of_two_bad_sequences_in_one_block_the_first_one_s_line_is_named(tmp_path_factory, rows, first, later, kinds):
    """Whatever the two kinds (a byte CP932 leaves undefined, which Python's codec decodes, or a pair it refuses),
    the line named is the first one's, both lying in one read block: the codec meets the second kind first."""
    first %= rows
    later = first + 1 + later % (rows - first - 1) if first + 1 < rows else first
    lines = [f"{n},ﾃｽﾄ{n},試験".encode("cp932") for n in range(rows)]
    lines[first] = kinds[0] + lines[first]
    if later != first:
        lines[later] = kinds[1] + lines[later]
    path = tmp_path_factory.mktemp("two") / "two_faults.csv"
    path.write_bytes(b"a,b,c\r\n" + b"\r\n".join(lines) + b"\r\n")
    with pytest.raises(SourceError) as caught:
        open_source(path, encoding="cp932").count_rows()
    assert caught.value.line == first + 2
    assert "not valid cp932" in str(caught.value)
