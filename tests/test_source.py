"""Reading resident files as municipal systems really write them, value for value."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.errors import PlanError, SourceError
from exporter.source import SourceDigest, open_source

TRICKY = [
    ["resident_number", "name", "birth_date", "note", "amount"],
    ["0012", "髙橋 﨑子", "昭和45年3月2日", "", "１２３"],
    ["0000", "ﾔﾏﾀﾞ ﾀﾛｳ", "H3.11.20", "a, b", "NaN"],
    ["0100", "山田 太郎", "令和元年5月1日", 'said "hi"', "null"],
    ["", " spaced ", "1970-03-02", "two\nlines", "TRUE"],
    ["007", "①㈱", "", "crlf\r\ninside", "-0"],
]


def write_table(
    path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",", newline: str = "\n"
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read_all(path: Path, **options: str) -> tuple[list[str], list[list[str]], SourceDigest]:
    source = open_source(path, **options)
    digest = SourceDigest()
    rows: list[list[str]] = []
    for batch in source.batches(source.header, digest):
        columns = [column.to_pylist() for column in batch.columns]
        rows.extend(list(row) for row in zip(*columns, strict=True))
    return list(source.header), rows, digest


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"), ("utf-16", "utf-16")],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_every_value_passes_through_exactly_in_each_encoding(tmp_path, encoding, expected, newline):
    path = write_table(tmp_path / "r.csv", TRICKY, encoding=encoding, newline=newline)
    header, rows, digest = read_all(path)
    assert open_source(path).format.encoding == expected
    assert header == TRICKY[0]
    assert rows == TRICKY[1:]
    assert digest.rows == len(TRICKY) - 1


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(tmp_path, delimiter):
    path = write_table(tmp_path / "r.csv", TRICKY, delimiter=delimiter)
    source = open_source(path)
    assert source.format.delimiter == delimiter
    assert read_all(path)[1] == TRICKY[1:]


def test_explicit_delimiter_and_encoding_override_detection(tmp_path):
    path = write_table(tmp_path / "r.csv", [["a;b", "c"], ["1;2", "3"]], delimiter=",", encoding="cp932")
    header, rows, _ = read_all(path, delimiter=";", encoding="Shift_JIS")
    assert header == ["a", "b,c"]
    assert rows == [["1", "2,3"]]
    assert open_source(path, encoding="sjis").format.encoding == "cp932"


def test_trailing_blank_lines_are_ignored(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"a,b\r\n1,2\r\n3,4\r\n\r\n\r\n")
    assert read_all(path)[1] == [["1", "2"], ["3", "4"]]


def test_file_without_final_newline_keeps_its_last_row(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"a,b\n1,2\n3,4")
    assert read_all(path)[1] == [["1", "2"], ["3", "4"]]


def test_digest_hashes_the_file_as_it_is_on_disk(tmp_path):
    import hashlib

    path = write_table(tmp_path / "r.csv", TRICKY, encoding="cp932", newline="\r\n")
    _, _, digest = read_all(path)
    assert digest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest.size == path.stat().st_size


def test_rows_spanning_many_read_blocks_stay_exact(tmp_path):
    rows = [["id", "note"]] + [[f"{i:07d}", f'line {i}\nsecond, "quoted"' * (i % 3)] for i in range(60_000)]
    path = write_table(tmp_path / "big.csv", rows, encoding="cp932", newline="\r\n")
    _, read, digest = read_all(path)
    assert read == rows[1:]
    assert digest.rows == 60_000


def test_columns_are_returned_in_the_order_asked(tmp_path):
    path = write_table(tmp_path / "r.csv", TRICKY)
    source = open_source(path)
    batches = list(source.batches(["note", "resident_number"], SourceDigest()))
    assert batches[0].schema.names == ["note", "resident_number"]
    assert batches[0].column(1).to_pylist()[:2] == ["0012", "0000"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(
            st.text(
                alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\r\n"),
                max_size=12,
            ),
            min_size=3,
            max_size=3,
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["utf-8", "utf-16"]),
    st.sampled_from([",", "\t", ";"]),
)
def test_any_table_the_csv_module_writes_reads_back_the_same(tmp_path, body, encoding, delimiter):
    rows = [["c1", "c2", "c3"], *body]
    # CRLF as terminator makes the csv module quote values holding a lone CR as well as LF
    path = write_table(tmp_path / "p.csv", rows, encoding=encoding, delimiter=delimiter, newline="\r\n")
    # Arbitrary Unicode says nothing about detection (a lone "§" is also the CP932 "ﾂｧ"): that is tested apart.
    assert read_all(path, delimiter=delimiter, encoding=encoding)[1] == body


def test_row_of_empty_values_is_a_row(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"a,b,c\n,,\n1,2,3\n")
    assert read_all(path)[1] == [["", "", ""], ["1", "2", "3"]]


def refusal(path: Path, **options: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_all(path, **options)
    return caught.value


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    err = refusal(path)
    assert str(err) == "empty.csv is empty: it has no header row."


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"age-encryption.org/v1\n-> X25519 abc\n", "age-encrypted"),
    ],
)
def test_file_that_is_not_a_text_table_is_refused(tmp_path, content, what):
    path = tmp_path / "renamed.csv"
    path.write_bytes(content + bytes(range(256)) * 4)
    err = refusal(path)
    assert "renamed.csv" in str(err)
    assert what in str(err)


def test_nul_byte_is_refused_with_its_line(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"a,b\n1,2\n3,\x004\n")
    err = refusal(path)
    assert str(err) == "nul.csv line 3 contains a NUL byte, so it is not a text table."
    assert err.line == 3


def test_nul_byte_after_the_head_is_refused_with_its_line(tmp_path):
    rows = "a,b\n" + "1,2\n" * 400_000 + "3,\x004\n"
    path = tmp_path / "late.csv"
    path.write_text(rows, encoding="utf-8")
    assert refusal(path).line == 400_002


@pytest.mark.parametrize(("row", "count"), [("1,2,3", 3), ("1", 1)])
def test_row_with_wrong_number_of_fields_names_its_line(tmp_path, row, count):
    path = tmp_path / "wide.csv"
    path.write_text(f'a,b\n1,2\n"x\ny",2\n{row}\n5,6\n', encoding="utf-8")
    err = refusal(path)
    noun = "value" if count == 1 else "values"
    assert str(err) == f"wide.csv line 5 has {count} {noun}, but the header has 2 columns."
    assert err.line == 5


def test_unterminated_quote_names_the_line_where_it_opens(tmp_path):
    path = tmp_path / "open.csv"
    path.write_text('a,b\n1,2\n3,"never closed\n5,6\n', encoding="utf-8")
    err = refusal(path)
    assert str(err) == "open.csv line 3 opens a quoted value that is never closed."


def test_stray_quote_inside_an_unquoted_value_is_kept_as_text(tmp_path):
    path = tmp_path / "stray.csv"
    path.write_text('a,b\n5" floppy,2\n', encoding="utf-8")
    assert read_all(path)[1] == [['5" floppy', "2"]]


def test_duplicate_header_names_are_refused(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("氏名,住所,氏名\n1,2,3\n", encoding="utf-8")
    err = refusal(path)
    assert str(err) == "dup.csv line 1 names the column “氏名” twice (columns 1 and 3)."


def test_unknown_column_is_refused_with_a_suggestion(tmp_path):
    path = write_table(tmp_path / "r.csv", TRICKY)
    source = open_source(path)
    with pytest.raises(PlanError) as caught:
        source.column_indexes(["nmae"])
    assert str(caught.value) == "r.csv has no column named “nmae”."
    assert (caught.value.hint_text() or "").startswith("Did you mean “name”")


def test_pipe_delimited_cp932_whose_second_bytes_look_like_pipes_is_read_exactly(tmp_path):
    rows = [["名前", "カナ"], ["ポンポン", "ソ|表"], ["", "十"]]  # ポ is 0x83 0x7C: its second byte is "|"
    path = write_table(tmp_path / "pipe.csv", rows, encoding="cp932", delimiter="|", newline="\r\n")
    assert read_all(path, delimiter="|")[1] == rows[1:]


def test_bytes_the_explicit_encoding_cannot_decode_are_refused_with_their_line(tmp_path):
    path = write_table(tmp_path / "sjis.csv", TRICKY, encoding="cp932")
    err = refusal(path, encoding="utf-8")
    assert "sjis.csv line 2" in str(err)
    assert "utf-8" in str(err)


def test_undecodable_bytes_late_in_a_cp932_file_name_their_line(tmp_path):
    from exporter.envelope import X25519Identity
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan

    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\r\n" + "山田,1\r\n".encode("cp932") * 300_000 + b"\x82,2\r\n")
    recipient = str(X25519Identity.generate().recipient)
    plan = ExportPlan(source=path, columns=("a",), output=tmp_path / "out.zip.age", recipients=(recipient,))
    with pytest.raises(SourceError) as caught:
        run_export(plan)
    assert str(caught.value) == "late.csv line 300002 has bytes that are not valid cp932."
    assert list(tmp_path.iterdir()) == [path]


def test_file_neither_utf8_nor_cp932_asks_for_the_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"a,b\n\xff\xfe\xfa,\x81\x7f\n")
    err = refusal(path)
    assert "neither UTF-8 nor CP932" in str(err)
    assert "--encoding" in (err.hint_text() or "")


def test_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(SourceError, match=r"does not exist\.$"):
        open_source(tmp_path / "nope.csv")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932", "utf-16"])
def test_files_larger_than_several_read_blocks_keep_every_row(tmp_path, encoding):
    rows = [["id", "名前"]] + [[f"{i:08d}", f"髙橋{i}"] for i in range(250_000)]
    path = write_table(tmp_path / "big.csv", rows, encoding=encoding, newline="\r\n")
    assert path.stat().st_size > 3 * (1 << 20)
    _, read, digest = read_all(path)
    assert read == rows[1:]
    assert digest.rows == 250_000


def test_a_byte_the_given_encoding_does_not_define_is_refused_with_a_hint_for_both_causes(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes("氏名,備考\r\n山田,正常\r\n".encode("cp932") + b"\x83e\xa0x,y\r\n")
    with pytest.raises(SourceError) as caught:
        open_source(path, encoding="cp932").count_rows()
    assert str(caught.value) == "broken.csv line 3 has bytes that are not valid cp932."
    hint = caught.value.hint_text() or ""
    assert "--encoding" in hint  # another encoding: say which
    assert "ask its sender for a new copy" in hint  # or the right one, and the file is damaged there
