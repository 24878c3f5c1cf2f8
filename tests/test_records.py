"""The record splitter against the strict reference reader, with every block boundary hit.

The splitter must cut only at record ends and refuse exactly what ``csv.reader(strict=True)`` refuses, naming the
line where the refused record starts, however the bytes arrive: here in blocks of one to a few bytes.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exporter.errors import SourceError
from exporter.records import RecordSplitter, lines_of
from tests.strict_reference import Refused, strict_table

MiB = 1 << 20


def blocks_of(data: bytes, sizes: list[int]) -> list[bytes]:
    blocks, position, index = [], 0, 0
    while position < len(data):
        size = sizes[index % len(sizes)] if sizes else len(data)
        blocks.append(data[position : position + size])
        position += size
        index += 1
    return blocks


def split(data: bytes, sizes: list[int], delimiter: str = ",", max_record: int = MiB) -> list[list[str]] | Refused:
    """The records the chunks hold (each chunk read by the reference on its own), or the splitter's refusal."""
    splitter = RecordSplitter(delimiter, name="t.csv", path="t.csv", max_record=max_record, line_at=lines_of(data))
    records: list[list[str]] = []
    joined = b""
    try:
        for chunk in splitter.split(blocks_of(data, sizes)):
            assert chunk.offset == len(joined)
            joined += chunk.data
            table = strict_table(chunk.data.decode("utf-8"), delimiter)
            assert not isinstance(table, Refused), f"a chunk the splitter passed is refused: {table}"
            records.extend(table)
    except SourceError as error:
        return refusal(error)
    assert joined == data
    return records


def refusal(error: SourceError) -> Refused:
    assert error.line is not None
    assert str(error).startswith(f"t.csv line {error.line} ")
    return Refused(error.line, str(error))


def agree(data: bytes, sizes: list[int], delimiter: str = ",") -> None:
    expected = strict_table(data.decode("utf-8"), delimiter)
    got = split(data, sizes, delimiter)
    if isinstance(expected, Refused):
        assert isinstance(got, Refused), f"accepted what the strict reader refuses at line {expected.line}: {got}"
        assert got.line == expected.line, (got, expected)
    else:
        assert not isinstance(got, Refused), f"refused a file the strict reader reads: {got.reason}"
        assert got == expected


# Pieces that meet at every boundary: quotes, delimiters, every line end, multi-byte text.
PIECES = st.sampled_from(['"', '""', ",", ";", "\r", "\n", "\r\n", "a", "あ", " ", "1", '",', ',"', '"\r\n'])
SIZES = st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=4)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join), SIZES)
@example('a,"b\r\nc"\r\nd,e\r\n', [1])
@example('"メゾン"101号室\r\n', [2])
@example('x\r\n1,"a\r\n2,"b",c\r\n', [3])
def test_any_text_is_cut_and_refused_as_the_strict_reader_does(text, sizes):
    agree(text.encode("utf-8"), sizes)


FIELD = st.one_of(
    st.text(alphabet='ab,あ"\r\n ;', max_size=8).map(lambda v: '"' + v.replace('"', '""') + '"'),
    st.text(alphabet="abあ 1;", max_size=8),
    st.text(alphabet="ab1", min_size=1, max_size=3).map(lambda v: v + '"' + v),  # a literal quote inside
)
RECORD = st.lists(FIELD, min_size=1, max_size=5).map(",".join)
ENDS = st.sampled_from(["\r\n", "\n", "\r"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(RECORD, ENDS), max_size=12), st.booleans(), SIZES)
def test_well_formed_files_are_read_whole_at_any_block_size(records, final_end, sizes):
    text = "".join(record + end for record, end in records)
    if records and not final_end:
        text = text[: -len(records[-1][1])]
    agree(text.encode("utf-8"), sizes)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(RECORD, ENDS), min_size=1, max_size=8), st.data(), SIZES)
def test_a_quote_put_anywhere_is_read_or_refused_as_the_strict_reader_does(records, data, sizes):
    text = "".join(record + end for record, end in records)
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    agree((text[:at] + '"' + text[at:]).encode("utf-8"), sizes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(RECORD, ENDS), min_size=1, max_size=6), SIZES, st.sampled_from([";", "\t", "|"]))
def test_other_delimiters(records, sizes, delimiter):
    text = "".join(record.replace(",", delimiter) + end for record, end in records)
    agree(text.encode("utf-8"), sizes, delimiter)


def quoted_file(rows: int, *, literal_every: int = 0) -> bytes:
    """Every value quoted (as many municipal systems write), optionally with a literal quote now and then."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in range(rows):
        note = 'line one\r\nline "two"' if row % 7 == 0 else f"n{row}"
        writer.writerow([f"{row:06d}", "山田", "太郎", note, ""])
    text = out.getvalue()
    if literal_every:
        lines = text.split("\r\n")
        for index in range(0, len(lines), literal_every):
            if lines[index].startswith('"'):
                lines[index] = lines[index] + ',5"'  # a sixth, unquoted field with a literal quote
        text = "\r\n".join(lines)
    return text.encode("utf-8")


@pytest.mark.parametrize("block", [1 << 10, 4093, 1 << 16])
def test_files_full_of_quotes_take_the_dense_path_and_stay_exact(block):
    data = quoted_file(3000)
    assert data.count(b'"') > 4 * 2048
    assert split(data, [block]) == strict_table(data.decode("utf-8"))


def test_a_literal_quote_among_many_quoted_values_is_still_exact():
    data = quoted_file(3000, literal_every=500)
    expected = strict_table(data.decode("utf-8"))
    assert not isinstance(expected, Refused)
    assert split(data, [1 << 15]) == expected


def test_a_bad_quote_among_many_quoted_values_names_its_line():
    data = quoted_file(3000)
    lines = data.split(b"\r\n")
    lines[2500] = lines[2500].replace(b'"\xe5\xb1\xb1\xe7\x94\xb0"', b'"\xe5\xb1\xb1"\xe7\x94\xb0', 1)
    data = b"\r\n".join(lines)
    expected = strict_table(data.decode("utf-8"))
    assert isinstance(expected, Refused)
    got = split(data, [1 << 15])
    assert isinstance(got, Refused)
    assert got.line == expected.line
    assert "quoted value followed by more text" in got.reason
    assert "column 2" in got.reason


def test_a_record_longer_than_the_limit_is_refused_with_its_line():
    data = b"a,b\r\n1,2\r\n3," + b"x" * 5000 + b"\r\n"
    got = split(data, [100], max_record=4096)
    assert isinstance(got, Refused)
    assert got.line == 3
    assert "longer than the limit of" in got.reason


def test_an_unclosed_quote_is_named_as_such_when_it_runs_past_the_limit():
    data = b'a,b\r\n1,2\r\n3,"' + b"x\r\n" * 3000
    got = split(data, [100], max_record=4096)
    assert isinstance(got, Refused)
    assert got.line == 3
    assert "not closed within" in got.reason


def test_values_far_longer_than_a_block_are_kept_whole():
    value = ("長い値" * 100_000 + '\r\n"x"') * 3
    text = f'id,note\r\n1,"{value.replace(chr(34), chr(34) * 2)}"\r\n2,short\r\n'
    assert split(text.encode("utf-8"), [1 << 16], max_record=64 * MiB) == [["id", "note"], ["1", value], ["2", "short"]]


def test_nul_bytes_are_refused_on_their_line_whatever_the_line_ends():
    for end in (b"\r", b"\n", b"\r\n"):
        data = end.join([b"a,b", b"1,2", b"3,\x004", b""])
        got = split(data, [2])
        assert isinstance(got, Refused)
        assert got.line == 3
        assert "NUL" in got.reason


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=8),
    st.integers(min_value=40, max_value=200),
    st.data(),
)
def test_a_record_is_refused_exactly_when_it_is_longer_than_the_limit(lengths, limit, data):
    """Whatever the blocks (never larger than the limit, as the reader's 1 MiB blocks and 1 MiB minimum ensure)."""
    records = [b'"' + b"x" * max(length - 4, 0) + b'"\r\n' if length >= 4 else b"y" * (length - 1) + b"\n"
               for length in lengths]  # fmt: skip
    block = data.draw(st.integers(min_value=1, max_value=limit))
    got = split(b"".join(records), [block], max_record=limit)
    too_long = [index for index, record in enumerate(records) if len(record) > limit]
    if too_long:
        assert isinstance(got, Refused), (lengths, limit, block)
        assert got.line == 1 + too_long[0]
    else:
        assert not isinstance(got, Refused), got.reason
