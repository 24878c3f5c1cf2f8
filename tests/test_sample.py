"""The synthetic register must look like a real municipal export, byte for byte reproducible."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import threading
from collections import defaultdict
from datetime import date

import pytest

from exporter import sample, sample_names
from exporter.errors import ExportCancelled, PlanError
from exporter.messages import Message, msg
from exporter.sample import (
    REFERENCE_DATE,
    SAMPLE_COLUMNS,
    bank_holder_kana,
    era_date,
    is_valid_my_number,
    my_number_check_digit,
    sample_bytes,
    write_sample,
)

ROWS = 2000
ERA_STARTS = {
    "大正": date(1912, 7, 30),
    "昭和": date(1926, 12, 25),
    "平成": date(1989, 1, 8),
    "令和": date(2019, 5, 1),
}
ERA_DATE = re.compile(r"(大正|昭和|平成|令和)(元|[1-9]\d?)年(1[0-2]|[1-9])月([1-9]|[12]\d|3[01])日")
HALF_WIDTH_KANA = re.compile(r"[\uff66-\uff9f]+ [\uff66-\uff9f]+")
FULL_WIDTH_KATAKANA = re.compile(r"[ァ-ヶー]+")
NEC_IBM_LEAD_BYTES = {0x87, 0xED, 0xEE, 0xFA, 0xFB, 0xFC}


def parse(data: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


@pytest.fixture(scope="module")
def utf8_bytes() -> bytes:
    return sample_bytes(ROWS)


@pytest.fixture(scope="module")
def cp932_bytes() -> bytes:
    return sample_bytes(ROWS, encoding="cp932")


@pytest.fixture(scope="module")
def records(utf8_bytes: bytes) -> list[dict[str, str]]:
    header, *rows = parse(utf8_bytes, "utf-8")
    return [dict(zip(header, row, strict=True)) for row in rows]


def birth_day(text: str) -> date:
    match = ERA_DATE.fullmatch(text)
    assert match, text
    era, year, month, day = match.groups()
    return date(ERA_STARTS[era].year + (1 if year == "元" else int(year)) - 1, int(month), int(day))


def age_on_reference_date(text: str) -> int:
    born, ref = birth_day(text), REFERENCE_DATE
    return ref.year - born.year - ((ref.month, ref.day) < (born.month, born.day))


def test_header_is_the_24_columns_and_every_row_has_24_fields(utf8_bytes):
    rows = parse(utf8_bytes, "utf-8")
    assert tuple(rows[0]) == SAMPLE_COLUMNS
    assert len(SAMPLE_COLUMNS) == 24
    assert len(rows) == ROWS + 1
    assert {len(row) for row in rows} == {24}


def test_same_seed_and_rows_give_identical_bytes_and_another_seed_other_data(utf8_bytes):
    assert sample_bytes(ROWS) == utf8_bytes
    assert sample_bytes(ROWS, seed=1) == sample_bytes(ROWS, seed=1)
    other = parse(sample_bytes(ROWS, seed=1), "utf-8")
    assert [row[1] for row in other[1:]] != [row[1] for row in parse(utf8_bytes, "utf-8")[1:]]


def test_another_process_with_another_hash_seed_writes_the_same_bytes():
    code = "import sys, exporter.sample as s; sys.stdout.buffer.write(s.sample_bytes(300, seed=5))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
    assert result.stdout == sample_bytes(300, seed=5)


def test_a_shorter_sample_is_the_start_of_a_longer_one(utf8_bytes):
    assert utf8_bytes.startswith(sample_bytes(777))


def test_utf8_has_no_bom_and_lf_line_ends(utf8_bytes):
    assert not utf8_bytes.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in utf8_bytes


def test_cp932_decodes_and_ends_every_record_with_crlf(cp932_bytes, utf8_bytes):
    text = cp932_bytes.decode("cp932")
    assert text.count("\r\n") == ROWS + 1
    assert text.endswith("\r\n")
    assert text.replace("\r\n", "\n") == utf8_bytes.decode("utf-8")


def test_utf8_sig_has_a_bom_and_crlf(utf8_bytes):
    data = sample_bytes(50, encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").count("\r\n") == 51


def test_an_encoding_that_cannot_hold_the_register_is_refused():
    with pytest.raises(PlanError, match="utf-8, utf-8-sig or cp932"):
        sample_bytes(5, encoding="shift_jis")
    with pytest.raises(PlanError):
        sample_bytes(5, encoding="no-such-codec")


def test_zero_rows_give_only_the_header_and_negative_rows_are_refused():
    assert sample_bytes(0) == (",".join(SAMPLE_COLUMNS) + "\n").encode()
    with pytest.raises(PlanError):
        sample_bytes(-1)


def test_fields_are_quoted_only_when_rfc_4180_requires_it(utf8_bytes):
    rows = parse(utf8_bytes, "utf-8")
    rewritten = io.StringIO()
    csv.writer(rewritten, lineterminator="\n").writerows(rows)
    assert rewritten.getvalue() == utf8_bytes.decode("utf-8")


def test_notes_hold_quotes_commas_line_breaks_and_circled_digits(records):
    notes = [record["notes"] for record in records if record["notes"]]
    assert any("\n" in note for note in notes)
    assert any('"' in note for note in notes)
    assert any("," in note for note in notes)
    assert any("①" in note for note in notes)
    assert len(notes) < len(records) / 5


def test_my_number_check_digit_follows_the_ministry_formula():
    assert my_number_check_digit("12345678901") == 8
    assert my_number_check_digit("00000000000") == 0
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number("12345678901")
    assert not is_valid_my_number("１２３４５６７８９０１８")
    with pytest.raises(ValueError, match="11 ASCII digits"):
        my_number_check_digit("1234567890a")


def test_my_numbers_are_valid_unique_and_keep_leading_zeros(records):
    numbers = [record["my_number"] for record in records]
    assert all(is_valid_my_number(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert any(number.startswith("0") for number in numbers)


def test_my_number_scramble_never_repeats():
    keys = (1, 2, 3, 4)
    values = {sample._scramble(index, keys) for index in range(50_000)}
    assert len(values) == 50_000
    assert all(0 <= value < 10**11 for value in values)


def test_identifiers_are_fixed_width_digits_and_residents_unique(records):
    assert all(re.fullmatch(r"\d{10}", record["resident_number"]) for record in records)
    assert all(re.fullmatch(r"\d{8}", record["household_number"]) for record in records)
    assert len({record["resident_number"] for record in records}) == len(records)
    assert records[0]["resident_number"].startswith("0")


def test_household_members_share_family_name_and_address(records):
    households: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in records:
        households[record["household_number"]].append(record)
    assert sum(len(members) > 1 for members in households.values()) > len(households) / 3
    shared = ("family_name", "family_name_kana", "postal_code", "prefecture", "city", "address_line")
    for members in households.values():
        assert len({tuple(member[column] for column in shared) for member in members}) == 1


def test_names_are_kanji_with_full_width_katakana_readings(records):
    assert all(FULL_WIDTH_KATAKANA.fullmatch(record["family_name_kana"]) for record in records)
    assert all(FULL_WIDTH_KATAKANA.fullmatch(record["given_name_kana"]) for record in records)
    assert len({record["family_name"] for record in records}) > 150
    assert len({record["given_name"] for record in records}) > 150


def test_account_holders_are_half_width_kana_matching_the_reading(records):
    holders = [record for record in records if record["account_holder"]]
    assert holders
    for record in holders:
        assert HALF_WIDTH_KANA.fullmatch(record["account_holder"])
        family, given = record["family_name_kana"], record["given_name_kana"]
        assert record["account_holder"] == f"{bank_holder_kana(family)} {bank_holder_kana(given)}"


def test_bank_holder_kana_uses_half_width_voicing_marks_and_large_kana():
    assert bank_holder_kana("ヤマダ") == "ﾔﾏﾀﾞ"
    assert bank_holder_kana("シュンスケ") == "ｼﾕﾝｽｹ"
    assert bank_holder_kana("ポチ") == "ﾎﾟﾁ"


def test_bank_fields_are_all_present_or_all_empty(records):
    columns = ("bank_name", "branch_name", "account_type", "account_number", "account_holder")
    states = {tuple(bool(record[column]) for column in columns) for record in records}
    assert states == {(True,) * 5, (False,) * 5}
    for record in records:
        if record["account_number"]:
            assert re.fullmatch(r"\d{7}", record["account_number"])
            assert record["account_type"] in {"普通", "当座"}
            assert record["branch_name"].endswith(("支店", "本店", "営業部", "出張所"))


def test_empty_cells_exist_where_real_registers_have_them(records):
    for column in ("phone", "email", "bank_name", "care_level", "notes"):
        assert any(record[column] == "" for record in records), column


def test_birth_dates_are_era_dates_within_their_era_and_ages_0_to_100(records):
    ages = set()
    for record in records:
        era = ERA_DATE.fullmatch(record["birth_date"]).group(1)
        born = birth_day(record["birth_date"])
        later_eras = [start for start in ERA_STARTS.values() if start > ERA_STARTS[era]]
        assert ERA_STARTS[era] <= born < min(later_eras, default=date.max)
        ages.add(age_on_reference_date(record["birth_date"]))
    assert min(ages) == 0
    assert max(ages) <= 100
    assert len(ages) > 80


def test_era_date_switches_era_on_the_first_day_and_writes_gannen():
    assert era_date(date(1989, 1, 7)) == "昭和64年1月7日"
    assert era_date(date(1989, 1, 8)) == "平成元年1月8日"
    assert era_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert era_date(date(1970, 3, 2)) == "昭和45年3月2日"


def test_care_levels_belong_to_older_residents(records):
    cared = [record for record in records if record["care_level"]]
    assert cared
    assert all(re.fullmatch(r"要(支援[12]|介護[1-5])", record["care_level"]) for record in cared)
    assert all(age_on_reference_date(record["birth_date"]) >= 65 for record in cared)


def test_contact_and_address_shapes(records):
    assert {record["gender"] for record in records} <= {"男", "女", "不明"}
    for record in records:
        assert re.fullmatch(r"\d{3}-\d{4}", record["postal_code"])
        assert re.search(r"[０-９]", record["address_line"])
        if record["phone"]:
            assert re.fullmatch(r"0\d{1,3}-\d{2,4}-\d{4}", record["phone"])
            assert len(record["phone"].replace("-", "")) in (10, 11)
        if record["email"]:
            local, domain = record["email"].split("@")
            assert re.fullmatch(r"[a-z][a-z0-9._]*", local)
            assert re.fullmatch(r"(\w+\.)?example\.(jp|ne\.jp|co\.jp|com|org|net)", domain)
    assert len({line.split("|")[0] for line in sample_names.PREFECTURES.split()}) == 47
    assert len({record["prefecture"] for record in records}) > 40
    assert any(record["phone"].startswith(("090-", "080-", "070-")) for record in records)
    assert any(re.match(r"0[1-9]\d{0,2}-", record["phone"]) for record in records)


def test_resident_tax_is_about_a_tenth_of_taxable_income(records):
    for record in records:
        if record["taxable_income"] in ("", "0"):
            assert record["resident_tax"] == record["taxable_income"]
        else:
            income, tax = int(record["taxable_income"]), int(record["resident_tax"])
            assert income * 0.09 < tax < income * 0.1 + 6000
    assert sum(record["taxable_income"] == "0" for record in records) > len(records) / 5


def test_nec_and_ibm_extension_characters_appear_and_survive_cp932(records, cp932_bytes):
    def uses_extension(text: str) -> bool:
        return any(ch.encode("cp932")[0] in NEC_IBM_LEAD_BYTES for ch in text)

    assert any(uses_extension(record["family_name"] + record["given_name"]) for record in records)
    assert any(uses_extension(record["notes"]) for record in records)
    assert any(byte in NEC_IBM_LEAD_BYTES for byte in cp932_bytes)


def test_every_word_list_round_trips_through_cp932_exactly():
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        return [text for item in value for text in strings(item)] if isinstance(value, tuple) else []

    texts = [text for name, value in vars(sample_names).items() if name.isupper() for text in strings(value)]
    assert len(texts) > 20
    for text in texts:
        assert text.encode("cp932").decode("cp932") == text


def test_cancel_before_start_raises_and_cancel_midway_stops_between_blocks():
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        write_sample(io.BytesIO(), 10, cancel=cancel)
    cancel.clear()
    out = io.BytesIO()
    with pytest.raises(ExportCancelled):
        write_sample(out, 20_000, progress=lambda fraction, message: cancel.set(), cancel=cancel)
    assert out.getvalue().count(b"\n") < 20_000


def test_progress_is_reported_at_most_about_a_hundred_times_and_ends_at_one(monkeypatch):
    monkeypatch.setattr(sample, "_BLOCK_ROWS", 10)
    calls: list[tuple[float, Message]] = []
    write_sample(io.BytesIO(), 5000, progress=lambda fraction, message: calls.append((fraction, message)))
    fractions = [fraction for fraction, _ in calls]
    assert 50 <= len(calls) <= 101
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert calls[-1][1] == msg("progress.sample_rows", rows=5000, total=5000)
    assert calls[-1][1].render("en") == "5,000 of 5,000 sample rows written"


def test_importing_the_sample_module_pulls_in_no_heavy_or_gui_libraries():
    code = "import sys, exporter.sample; print(sorted({'pandas', 'numpy', 'PySide6'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
