"""What the reader does at its edges: very long values, very wide headers, Excel's sep= line, NUL bytes on lines
ended by CR alone, and files whose later bytes contradict the detected encoding. Each limit is documented in the
README, refused with a sentence that names the line, and can be raised."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.errors import SourceError
from exporter.sniff import ReadLimits
from exporter.source import SourceDigest, iter_rows, open_source

MiB = 1 << 20


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


def refused(path: Path, **options: object) -> SourceError:
    with pytest.raises(SourceError) as caught:
        open_source(path, **options).count_rows()  # type: ignore[arg-type]
    return caught.value


@pytest.mark.slow
def test_a_value_of_64_mib_is_read_exactly(tmp_path):
    half = "値" * (32 * MiB // 3)  # 64 MiB of UTF-8 as one quoted value, with line breaks and quotes inside
    value = half + '\r\n"quoted"\r\n' + half
    assert len(value.encode()) >= 64 * MiB - 16
    path = tmp_path / "long.csv"
    path.write_bytes(b'id,note\r\n1,"' + value.replace('"', '""').encode() + b'"\r\n2,short\r\n')
    source = open_source(path)
    digest = SourceDigest()
    notes = [value for batch in source.batches(["note"], digest) for value in batch.column(0).to_pylist()]
    assert hashlib.sha256(notes[0].encode()).digest() == hashlib.sha256(value.encode()).digest()
    assert notes[1:] == ["short"]
    assert digest.rows == 2


def test_a_bad_row_after_a_long_value_is_named_on_its_own_line(tmp_path):
    path = tmp_path / "after.csv"
    long_value = "x\r\n" * 400_000  # 1.2 MiB and 400,000 line breaks inside one quoted value
    path.write_bytes(b'id,note\r\n1,"' + long_value.encode() + b'"\r\n2,fine\r\n3\r\n')
    error = refused(path)
    assert error.line == 400_004
    assert str(error) == "after.csv line 400004 has 1 value, but the header has 2 columns."


def test_a_row_over_the_limit_is_refused_in_bounded_memory_and_the_limit_can_be_raised(tmp_path):
    path = tmp_path / "wide-row.csv"
    path.write_bytes(b"id,note\r\n1,ok\r\n2," + b"y" * (3 * MiB) + b"\r\n")
    error = refused(path, limits=ReadLimits(max_row_bytes=2 * MiB))
    assert error.line == 3
    assert "starts a row longer than the limit of 2 MiB" in str(error)
    assert "--max-row-size" in (error.hint_text() or "")
    rows = list(iter_rows(open_source(path, limits=ReadLimits(max_row_bytes=4 * MiB)), ["id"]))
    assert rows == [["1"], ["2"]]


@pytest.mark.parametrize("limit_mib", [1, 2, 3])
@pytest.mark.parametrize("before", [0, 1, 700])  # short rows in front: the long row does not start a block
def test_a_row_just_over_the_limit_is_refused_wherever_it_lies(tmp_path, limit_mib, before):
    """Whatever the read block's size against the limit: a row one byte too long, preceded by short rows so that
    it lies inside a block rather than at its start, is refused; one that just fits is read."""
    limit = limit_mib * MiB
    head = b"id,note\r\n" + b"".join(b"%d,short\r\n" % n for n in range(before))
    for extra, refused_too in ((1, True), (0, False)):
        path = tmp_path / f"row-{extra}.csv"
        row = b"9," + b"z" * (limit - len(b"9,\r\n") + extra) + b"\r\n"  # the row, its line end included
        path.write_bytes(head + row + b"10,after\r\n")
        limits = ReadLimits(max_row_bytes=limit)
        if refused_too:
            assert refused(path, limits=limits).line == before + 2
        else:
            assert open_source(path, limits=limits).count_rows().rows == before + 2


# The peak resident memory of this process since it started, from /proc (ru_maxrss would also count the memory of
# the test process it was forked from, before exec).
MEMORY_PROBE = """
import sys
from exporter.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) // 1024)
sys.exit(code)
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from Linux's /proc")
def test_a_line_of_hundreds_of_mib_without_a_line_end_is_refused_in_bounded_memory(tmp_path):
    """0.1.0 took 4.3 GB for a 2 GB line; now the reader gives up once a row passes its limit."""
    path = tmp_path / "endless.csv"
    with open(path, "wb") as file:
        file.write(b"id,note\r\n1,")
        block = b"z" * MiB
        for _ in range(400):
            file.write(block)
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, "inspect", str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert result.stderr.startswith("exporter: error: endless.csv line 2 starts a row longer than the limit of 128 MiB")
    peak_mib = int(result.stdout.split()[-1])
    assert peak_mib < 400, f"peak {peak_mib} MiB for a 400 MiB line"  # measured: 189 MiB


def test_a_header_wider_than_the_first_mib_is_read_whole(tmp_path):
    names = [f"項目{index:06d}_説明つきの長い見出し" + "（補足の説明）" * 6 for index in range(16_000)]
    header = ",".join(names).encode()
    assert len(header) > 2 * MiB
    path = tmp_path / "wide.csv"
    path.write_bytes(header + b"\r\n" + b",".join(b"v" for _ in names) + b"\r\n")
    source = open_source(path)
    assert list(source.header) == names
    assert source.count_rows().rows == 1


def test_a_header_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path):
    names = [f"column_{index:07d}_" + "x" * 380 for index in range(16_000)]  # about 6 MiB of header
    path = tmp_path / "too-wide.csv"
    path.write_bytes(",".join(names).encode() + b"\r\n" + b",".join(b"" for _ in names) + b"\r\n")
    error = refused(path)
    assert error.line == 1
    assert str(error) == "too-wide.csv line 1 starts a header longer than the limit of 4 MiB."
    assert "--max-header-size" in (error.hint_text() or "")
    result = run("inspect", "--json", "--max-header-size", "8", path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["columns"]) == 16_000


@pytest.mark.parametrize("end", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
@pytest.mark.parametrize("where", ["head", "body"])
def test_a_nul_byte_is_named_on_its_own_line_whatever_ends_the_lines(tmp_path, end, where):
    lines = [b"a,b"] + [b"%d,x" % index for index in range(1, 3000 if where == "body" else 5)]
    nul_line = len(lines) - 1
    lines[nul_line - 1] = b"7,\x00"
    path = tmp_path / "nul.csv"
    path.write_bytes(end.join(lines) + end)
    error = refused(path)
    assert str(error) == f"nul.csv line {nul_line} contains a NUL byte, so it is not a text table."


@pytest.mark.parametrize(
    ("first", "delimiter"),
    [(b"sep=;", ";"), (b"SEP=|", "|"), (b"sep=\t", "\t"), (b"\xef\xbb\xbfsep=,", ",")],
)
@pytest.mark.parametrize("end", [b"\r\n", b"\n", b"\r"], ids=["CRLF", "LF", "CR"])
def test_excel_sep_line_names_the_delimiter_and_is_not_the_header(tmp_path, first, delimiter, end):
    d = delimiter.encode()
    path = tmp_path / "sep.csv"
    path.write_bytes(end.join([first, b"name" + d + b"phone", b"Sato" + d + b"090", b"Ito" + d + b"080"]) + end)
    source = open_source(path)
    assert source.format.delimiter == delimiter
    assert source.format.sep_line
    assert source.header == ("name", "phone")
    assert list(iter_rows(source, ["phone"])) == [["090"], ["080"]]


def test_lines_after_a_sep_line_keep_their_physical_numbers(tmp_path):
    path = tmp_path / "sep-bad.csv"
    path.write_bytes(b"sep=;\r\nname;phone\r\nSato;090\r\nIto\r\n")
    assert str(refused(path)) == "sep-bad.csv line 4 has 1 value, but the header has 2 columns."


def test_a_sep_line_in_cp932_and_utf16_is_honoured_too(tmp_path):
    for encoding in ("cp932", "utf-16"):
        path = tmp_path / f"sep-{encoding}.csv"
        path.write_bytes("sep=;\r\n氏名;電話\r\n髙橋;090\r\n".encode(encoding))
        source = open_source(path)
        assert (source.format.delimiter, source.header) == (";", ("氏名", "電話"))
        assert list(iter_rows(source, ["氏名"])) == [["髙橋"]]


def test_text_that_only_looks_like_a_sep_line_is_the_header(tmp_path):
    path = tmp_path / "not-sep.csv"
    path.write_bytes(b"sep=x,other\r\n1,2\r\n")
    source = open_source(path)
    assert not source.format.sep_line
    assert source.header == ("sep=x", "other")


def test_an_explicit_delimiter_wins_over_the_sep_line_which_is_still_skipped(tmp_path):
    path = tmp_path / "sep-override.csv"
    path.write_bytes(b"sep=;\r\na,b;c\r\n1,2;3\r\n")
    source = open_source(path, delimiter=",")
    assert source.header == ("a", "b;c")


def test_inspect_reports_the_sep_line(tmp_path):
    path = Path(__file__).parent / "cases" / "reader" / "excel-sep-line.csv"
    result = run("inspect", "--json", path)
    info = json.loads(result.stdout)
    assert (info["delimiter"], info["sep_line"], info["columns"][0]["name"]) == (";", True, "氏名")
    assert "(from the file's sep= line)" in run("inspect", path).stdout


@pytest.mark.parametrize("delimiter", ["、", "，", "\u3000"])
def test_a_delimiter_outside_ascii_is_refused_in_one_sentence(tmp_path, delimiter):
    path = tmp_path / "r.csv"
    path.write_text(f"a{delimiter}b\n1{delimiter}2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="The delimiter must be one ASCII character"):
        open_source(path, delimiter=delimiter)


def test_a_sep_line_naming_a_delimiter_outside_ascii_is_refused_unless_one_is_given(tmp_path):
    path = tmp_path / "sep-wide.csv"
    path.write_text("sep=、\r\na、b\r\n1、2\r\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sep-wide.csv line 1 names the delimiter '、' \(sep=\)"):
        open_source(path)
    source = open_source(path, delimiter=",")
    assert source.format.sep_line
    assert source.header == ("a、b",)


def test_the_preview_holds_rows_longer_than_the_read_block(tmp_path):
    path = tmp_path / "long-first-row.csv"
    path.write_bytes(b'id,note\r\n1,"' + "備考\r\n".encode() * 400_000 + b'"\r\n2,short\r\n')
    source = open_source(path)
    assert [row[0] for row in source.head_rows] == ["1", "2"]
    assert len(source.head_rows[0][1]) == 4 * 400_000


def test_a_file_may_have_as_many_columns_as_a_spreadsheet_and_no_more(tmp_path):
    from exporter.sniff import MAX_COLUMNS

    widest = tmp_path / "widest.csv"
    names = [f"c{i}" for i in range(MAX_COLUMNS)]
    widest.write_text(",".join(names) + "\n" + ",".join("x" for _ in names) + "\n", encoding="utf-8")
    assert len(open_source(widest).header) == MAX_COLUMNS == 16_384

    wider = tmp_path / "wider.csv"
    wider.write_text(",".join([*names, "one_more"]) + "\n", encoding="utf-8")
    error = refused(wider)
    assert error.line == 1
    assert str(error) == (
        "wider.csv line 1 names 16,385 columns; a resident file may have at most 16,384 (as many as a spreadsheet "
        "holds)."
    )
    japanese = run("--lang", "ja", "inspect", wider)
    assert japanese.returncode == 1
    assert "wider.csv の 1 行目の列は 16,385 列あります。" in japanese.stderr


@pytest.mark.parametrize("text", ["ｱ", "試"])  # CP932 1 byte -> UTF-8 3 bytes; 2 bytes -> 3
@pytest.mark.parametrize("before", [0, 3, 300])
def test_a_cp932_row_is_measured_in_utf8_wherever_it_lies(tmp_path, text, before):
    """The limit counts a row as the program holds it, in UTF-8 (a fresh tester's 600 KiB CP932 row of half-width
    katakana is 1.8 MiB then): refused or read the same wherever it lies, block boundary or not."""
    limit = MiB
    head = "id,note\r\n" + "".join(f"{n},短い\r\n" for n in range(before))
    fitting = (limit - len("9,\r\n")) // len(text.encode())
    for extra, refused_too in ((1, True), (0, False)):
        row = f"9,{text * (fitting + extra)}\r\n"
        assert (len(row.encode()) > limit) is refused_too
        path = tmp_path / f"cp932-{extra}.csv"
        path.write_bytes((head + row + "10,after\r\n").encode("cp932"))
        limits = ReadLimits(max_row_bytes=limit)
        if refused_too:
            assert refused(path, encoding="cp932", limits=limits).line == before + 2
        else:
            assert open_source(path, encoding="cp932", limits=limits).count_rows().rows == before + 2
