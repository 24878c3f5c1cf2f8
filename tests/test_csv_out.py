"""The CSV inside the archive: what Japanese Excel opens, and what the csv module reads back exactly."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.csv_out import BOM, encode_rows, header_line


def rows_of(batch: pa.RecordBatch) -> list[list[str]]:
    text = bytes(encode_rows(batch)).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_header_starts_with_bom_and_ends_with_crlf():
    assert header_line(["氏名", "電話番号"]) == BOM + "氏名,電話番号\r\n".encode()


def test_only_values_that_need_it_are_quoted():
    batch = pa.RecordBatch.from_pydict(
        {"a": ["0012", "a,b", 'say "hi"', "two\nlines", ""], "b": ["１２３", "x", "y", "z", ""]}
    )
    assert bytes(encode_rows(batch)) == ('0012,１２３\r\n"a,b",x\r\n"say ""hi""",y\r\n"two\nlines",z\r\n,\r\n').encode()


def test_empty_value_of_a_single_column_is_quoted_so_it_is_not_a_blank_line():
    batch = pa.RecordBatch.from_pydict({"a": ["", "x"]})
    assert bytes(encode_rows(batch)) == b'""\r\nx\r\n'
    assert rows_of(batch) == [[""], ["x"]]


def test_sliced_batch_writes_only_its_rows():
    batch = pa.RecordBatch.from_pydict({"a": ["h", "1", "2"], "b": ["h", "x", "y"]}).slice(1)
    assert bytes(encode_rows(batch)) == b"1,x\r\n2,y\r\n"


def test_empty_batch_writes_nothing():
    assert bytes(encode_rows(pa.RecordBatch.from_pydict({"a": pa.array([], pa.string())}))) == b""


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda width: st.lists(st.lists(st.text(max_size=10), min_size=width, max_size=width), min_size=1, max_size=20)
    )
)
def test_any_values_read_back_exactly(rows):
    columns = {f"c{i}": [row[i] for row in rows] for i in range(len(rows[0]))}
    batch = pa.RecordBatch.from_pydict(columns, schema=pa.schema([(name, pa.string()) for name in columns]))
    text = bytes(encode_rows(batch)).decode("utf-8")
    assert list(csv.reader(io.StringIO(text, newline=""))) == rows
