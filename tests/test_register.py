"""The take-out register's file: the chain, every way of tampering with it, parallel appends, what is overdue."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from exporter.errors import RegisterError
from exporter.register import append, head, overdue, records, verify

ROOT = Path(__file__).resolve().parents[1]


def _export(n: int, delete_by: str | None = None) -> dict[str, object]:
    return {
        "kind": "export",
        "purpose": f"調査 {n}",
        "delete_by": delete_by,
        "archive": {"name": f"a{n}.zip.age", "size": 100 + n, "sha256": hashlib.sha256(b"%d" % n).hexdigest()},
    }


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.jsonl"
    for n in range(1, 6):
        append(path, _export(n))
    return path


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _rewrite(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(lines))


def _refusal(path: Path) -> str:
    with pytest.raises(RegisterError) as caught:
        verify(path)
    return caught.value.message.render("en")


def test_each_record_holds_the_sha256_of_the_previous_line_exactly_as_written(register):
    lines = _lines(register)
    parsed = [json.loads(line) for line in lines]
    assert [record["number"] for record in parsed] == [1, 2, 3, 4, 5]
    assert parsed[0]["previous"] is None
    for before, record in zip(lines, parsed[1:], strict=False):
        assert record["previous"] == hashlib.sha256(before).hexdigest()
    last = head(register)
    assert last is not None
    assert (last.number, last.sha256) == (5, hashlib.sha256(lines[-1]).hexdigest())
    assert verify(register) == 5


def test_a_missing_or_empty_register_has_no_head_and_an_empty_one_verifies(tmp_path):
    assert head(tmp_path / "none.jsonl") is None
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert head(empty) is None
    assert verify(empty) == 0


def test_the_caller_cannot_choose_the_number_or_the_link(tmp_path):
    path = tmp_path / "register.jsonl"
    append(path, {"kind": "export", "number": 99, "previous": "0" * 64})
    assert records(path)[0]["number"] == 1
    assert records(path)[0]["previous"] is None


def test_a_line_break_in_a_value_stays_inside_one_line(tmp_path):
    path = tmp_path / "register.jsonl"
    append(path, {"kind": "export", "purpose": "一行目\n二行目\r\u2028三行目"})
    append(path, _export(2))
    assert len(_lines(path)) == 2
    assert records(path)[0]["purpose"] == "一行目\n二行目\r\u2028三行目"
    assert verify(path) == 2


def test_an_edited_record_is_named_by_number_and_line(register):
    lines = _lines(register)
    record = json.loads(lines[2])
    record["purpose"] = "別の目的"
    lines[2] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    _rewrite(register, lines)
    sentence = _refusal(register)
    assert "Record 3 (line 3)" in sentence
    assert "changed" in sentence
    assert str(register) in sentence


def test_a_removed_record_is_named(register):
    lines = _lines(register)
    del lines[2]
    _rewrite(register, lines)
    assert _refusal(register) == f"Record 3 of the register {register} was removed: line 3 holds record 4."


def test_several_removed_records_are_named_as_a_range(register):
    lines = _lines(register)
    del lines[1:3]
    _rewrite(register, lines)
    assert "Records 2 to 3" in _refusal(register)


def test_a_removed_first_record_is_named(register):
    _rewrite(register, _lines(register)[1:])
    assert "Record 1 of the register" in _refusal(register)


def test_reordered_records_are_named(register):
    lines = _lines(register)
    lines[1], lines[3] = lines[3], lines[1]
    _rewrite(register, lines)
    sentence = _refusal(register)
    assert "reordered: line 2 holds record 4, and record 2 is at line 4" in sentence


def test_an_inserted_record_is_named_even_when_it_links_to_the_one_before(register):
    lines = _lines(register)
    forged = {"number": 3, "previous": hashlib.sha256(lines[1]).hexdigest(), **_export(99)}
    lines.insert(2, json.dumps(forged).encode() + b"\n")
    _rewrite(register, lines)
    sentence = _refusal(register)
    assert "Record 3 (line 3)" in sentence
    assert "inserted" in sentence
    assert "line 4 follows line 2" in sentence


def test_a_record_copied_in_twice_is_named(register):
    lines = _lines(register)
    lines.insert(4, lines[4])
    _rewrite(register, lines)
    assert "inserted" in _refusal(register)


def test_a_broken_last_line_is_named_and_blocks_further_appends(register):
    data = register.read_bytes()
    register.write_bytes(data[:-20])
    assert _refusal(register) == (
        f"Line 5 of the register {register} is incomplete: the last record was not written to the end."
    )
    with pytest.raises(RegisterError, match="Line 5"):
        append(register, _export(6))
    assert register.read_bytes() == data[:-20]


def test_a_line_that_is_not_a_record_is_named(register):
    lines = _lines(register)
    lines[1] = b"not json\n"
    _rewrite(register, lines)
    assert _refusal(register) == f"Line 2 of the register {register} is not a record (not a JSON object in UTF-8)."


def test_a_record_without_its_number_is_named(register):
    lines = _lines(register)
    record = json.loads(lines[3])
    del record["number"]
    lines[3] = json.dumps(record).encode() + b"\n"
    _rewrite(register, lines)
    assert "Line 4 of the register" in _refusal(register)


def test_the_sentence_reads_in_japanese_too(register):
    lines = _lines(register)
    del lines[2]
    _rewrite(register, lines)
    with pytest.raises(RegisterError) as caught:
        verify(register)
    assert (
        caught.value.message.render("ja") == f"持ち出し簿 {register} の記録 3 が削除されています。3 行目は記録 4 です。"
    )


_WRITER = """
import sys, time
from pathlib import Path
from exporter.register import append
path, writer, count, go = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
while not go.exists():
    time.sleep(0.005)
for n in range(count):
    append(path, {"kind": "export", "writer": writer, "n": n, "purpose": "x" * (n * 97 % 3000)})
"""


def test_eight_processes_appending_at_once_keep_the_chain_and_every_record(tmp_path):
    path, go = tmp_path / "register.jsonl", tmp_path / "go"
    writers, each = 8, 25
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(w), str(each), str(go)], env=environment)
        for w in range(writers)
    ]
    go.touch()
    assert [process.wait(timeout=120) for process in running] == [0] * writers
    assert verify(path) == writers * each
    written = sorted((record["writer"], record["n"]) for record in records(path))
    assert written == [(w, n) for w in range(writers) for n in range(each)]


def test_overdue_lists_exports_past_their_date_and_a_deletion_record_without_a_signed_statement_settles_none(
    tmp_path,
):
    path = tmp_path / "register.jsonl"
    append(path, _export(1, "2026-10-31"))
    append(path, _export(2, "2026-12-31"))
    append(path, _export(3, None))
    append(path, _export(4, "2026-11-15"))
    assert [record["number"] for record in overdue(path, date(2026, 11, 30))] == [1, 4]
    deleted = {"kind": "deletion", "archive": {"sha256": _export(4)["archive"]["sha256"]}}  # type: ignore[index]
    append(path, deleted)  # no statement in it: anyone can append this (tests/test_statement_import.py settles one)
    assert [record["number"] for record in overdue(path, date(2026, 11, 30))] == [1, 4]
    assert [record["number"] for record in overdue(path, date(2027, 1, 1))] == [1, 2, 4]


def test_the_recorded_user_is_the_operating_systems_not_what_the_environment_says(tmp_path, monkeypatch):
    import pwd

    from exporter.register import _os_user

    monkeypatch.setenv("USER", "mayor")
    monkeypatch.setenv("LOGNAME", "mayor")
    assert _os_user() == pwd.getpwuid(os.getuid()).pw_name
