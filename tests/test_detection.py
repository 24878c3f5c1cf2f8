"""Encoding detection is not fooled by a plausible wrong reading, and later bytes never export half right.

The kind behind ``cp932-short-halfwidth-kana.csv``: short CP932 text whose half-width katakana also form valid
UTF-8 (ﾅｶ is C5 B6, which UTF-8 reads as Ŷ). The other side of the kind: UTF-8 text with foreign names and
symbols, which CP932 would also decode, must stay UTF-8.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from exporter.errors import SourceError
from exporter.sample import sample_bytes
from exporter.source import iter_rows, open_source

CASE = Path(__file__).parent / "cases" / "reader" / "cp932-short-halfwidth-kana.csv"
HALF_WIDTH_KANA = [chr(code) for code in range(0xFF66, 0xFF9E)]


def detected(path: Path, text: str, encoding: str) -> str:
    path.write_bytes(text.encode(encoding))
    return open_source(path).format.encoding


def test_case_short_half_width_kana_file_is_cp932():
    source = open_source(CASE)
    assert source.format.encoding == "cp932"
    assert list(iter_rows(source, ["kouza_meigi_kana"])) == [["ﾅｶﾆｼ ﾃｽ"]]


def sample_kana_names(count: int) -> list[str]:
    """Half-width katakana account holders from exporter's own synthetic register."""
    rows = list(csv.reader(io.StringIO(sample_bytes(count, seed=21).decode("utf-8"), newline="")))
    column = rows[0].index("account_holder")
    return [row[column] for row in rows[1:] if row[column]]


def also_utf8(text: str) -> bytes | None:
    """``text`` in CP932 if those bytes are also valid UTF-8 (the ambiguous case), else None."""
    data = text.encode("cp932")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return data


def test_every_sample_kana_name_alone_in_a_file_is_read_as_cp932(tmp_path):
    path = tmp_path / "one.csv"
    ambiguous = 0
    for name in sample_kana_names(4000):
        data = also_utf8(f"no,kana,amount\r\n0001,{name},1000\r\n")
        if data is None:
            continue
        ambiguous += 1
        path.write_bytes(data)
        assert open_source(path).format.encoding == "cp932", name
    assert ambiguous >= 2


def test_random_half_width_kana_words_valid_as_utf8_are_read_as_cp932(tmp_path):
    """Random words of two to six half-width katakana, one per file: at most 1 in 500 of those that also decode as
    UTF-8 may be taken for UTF-8 (measured: 1 in 17,630, a word of nonsense syllables)."""
    path = tmp_path / "word.csv"
    generator = random.Random(8)
    ambiguous = wrong = 0
    while ambiguous < 600:
        word = "".join(generator.choice(HALF_WIDTH_KANA) for _ in range(generator.choice([2, 4, 6])))
        data = also_utf8(f"no,kana\r\n1,{word}\r\n")
        if data is None:
            continue
        ambiguous += 1
        path.write_bytes(data)
        wrong += open_source(path).format.encoding != "cp932"
    assert wrong <= ambiguous // 500


@pytest.mark.parametrize(
    "value",
    ["Müller", "José García", "Nguyễn Văn An", "Иван Петров", "Σοφία", "Straße 3", "36.5°", "3×4 m", "§12",
     "© 2026", "café", "Ærø", "Zoë", "ñandú", "£100"],
)  # fmt: skip
def test_utf8_foreign_names_and_symbols_stay_utf8(tmp_path, value):
    assert detected(tmp_path / "utf8.csv", f"no,name\n1,{value}\n", "utf-8") == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_japanese_text_is_detected_in_both_encodings(tmp_path, encoding):
    path = tmp_path / "ja.csv"
    path.write_bytes(sample_bytes(50, seed=2, encoding=encoding))
    assert open_source(path).format.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_evidence_is_taken_where_the_non_ascii_text_is_even_far_beyond_the_first_mib(tmp_path, encoding):
    path = tmp_path / "late-japanese.csv"
    ascii_rows = "".join(f"{index:08d},plain ascii row\r\n" for index in range(200_000))  # 5 MiB of ASCII
    path.write_bytes(("id,note\r\n" + ascii_rows + "99999999,ﾔﾏﾀﾞ ﾀﾛｳ 山田\r\n").encode(encoding))
    source = open_source(path)
    assert source.format.encoding == encoding
    assert list(iter_rows(source, ["note"]))[-1] == ["ﾔﾏﾀﾞ ﾀﾛｳ 山田"]


def test_later_bytes_that_contradict_the_detected_encoding_are_refused_with_their_line(tmp_path):
    path = tmp_path / "mixed.csv"
    head = "id,name\r\n" + "".join(f"{index},山田\r\n" for index in range(1, 400_001))  # 4.5 MiB of CP932
    tail = "400001,あ\r\n".encode() + "400002,佐藤\r\n".encode("cp932")  # a UTF-8 line CP932 cannot decode
    path.write_bytes(head.encode("cp932") * 3 + tail)
    with pytest.raises(SourceError) as caught:
        open_source(path).count_rows()
    assert str(caught.value).endswith("has bytes that are not valid cp932.")
    assert caught.value.line is not None
    assert caught.value.line > 1_200_000
    assert "--encoding" in (caught.value.hint_text() or "")


def test_a_file_that_is_neither_asks_for_the_encoding(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("no,name\n1,Ærø\n2,Müller\n".encode("latin-1"))
    with pytest.raises(SourceError, match="neither UTF-8 nor CP932"):
        open_source(path)
    assert list(iter_rows(open_source(path, encoding="latin-1"), ["name"])) == [["Ærø"], ["Müller"]]


def test_an_euc_jp_register_is_detected(tmp_path):
    """Older Unix-based municipal systems write EUC-JP; its kana read as CP932 put ､ or ･ before every other
    character, and its common kanji are JIS level 1 (the sample, with its IBM-only kanji replaced)."""
    text = sample_bytes(50, seed=3).decode("utf-8").replace("﨑", "崎").replace("髙", "高")
    path = tmp_path / "euc.csv"
    path.write_bytes(text.encode("euc_jp", "replace"))
    source = open_source(path)
    assert source.format.encoding == "euc_jp"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = rows[0].index("family_name_kana")
    assert list(iter_rows(source, ["family_name_kana"])) == [[row[column]] for row in rows[1:]]


def test_half_width_kana_words_that_are_also_valid_euc_jp_stay_cp932(tmp_path):
    path = tmp_path / "word.csv"
    generator = random.Random(9)
    ambiguous = wrong = 0
    while ambiguous < 600:
        word = "".join(generator.choice(HALF_WIDTH_KANA) for _ in range(generator.choice([2, 4, 6])))
        data = f"no,kana\r\n1,{word}\r\n".encode("cp932")
        try:
            data.decode("euc_jp")
        except UnicodeDecodeError:
            continue
        ambiguous += 1
        path.write_bytes(data)
        wrong += open_source(path).format.encoding != "cp932"
    assert wrong <= ambiguous // 500
