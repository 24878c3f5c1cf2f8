"""My Numbers that the head-row classification misses (mixed with 未取得, starting late, with a prefix or in
full-width digits) are found in the values during the export itself, and the export is refused before the archive
is committed, naming the column, a line and (under a policy) the rule; honest columns are not refused."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.my_number_scan import MIN_VALID, MyNumberScan, holds_my_numbers
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.policy import POLICY_ENV
from exporter.sample import SAMPLE_COLUMNS, is_valid_my_number, my_number_check_digit, sample_bytes
from exporter.shaping import column_categories
from exporter.source import open_source

KEY = str(X25519Identity(X25519PrivateKey.from_private_bytes(bytes([7]) * 32)).recipient)
HIDDEN = "項目003"


def full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


VARIANTS: dict[str, Callable[[int, str], str]] = {
    "every_third_not_obtained": lambda i, n: "未取得" if i % 3 == 0 else n,
    "first_1500_empty": lambda i, n: "" if i < 1500 else n,
    "no_prefix": lambda i, n: f"No.{n}",
    "full_width_hyphens": lambda i, n: "要確認" if i % 2 else full_width(f"{n[:4]}-{n[4:8]}-{n[8:]}"),
    "spaces_and_text": lambda i, n: f"個人番号 {n[:4]} {n[4:8]} {n[8:]} 確認済",
}


def residents_with(tmp_path: Path, rows: int, value: Callable[[int, str], str], column: str = "my_number") -> Path:
    """The sample with its ``column`` renamed 項目003 and each value replaced by ``value(row index, my number)``."""
    table = list(csv.reader(io.StringIO(sample_bytes(rows, seed=5).decode("utf-8"))))
    place = table[0].index(column)
    number = table[0].index("my_number")
    table[0][place] = HIDDEN
    for index, row in enumerate(table[1:]):
        row[place] = value(index, row[number])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path = tmp_path / "residents.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def line_of(path: Path, index: int) -> int:
    """The line on which data row ``index`` (0 = the first after the header) starts, as csv counts (quoted line
    breaks in the sample's notes make lines and rows differ)."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        start = 1
        for number, _ in enumerate(reader):
            if number == index + 1:
                return start
            start = reader.line_num + 1
    raise AssertionError(index)


def export(path: Path, columns: tuple[str, ...] = ("family_name", HIDDEN), **fields: object) -> ExportPlan:
    plan = ExportPlan(source=path, columns=columns, output=path.with_name("out.zip.age"), recipients=(KEY,), **fields)  # type: ignore[arg-type]
    run_export(plan)
    return plan


@pytest.fixture(autouse=True)
def no_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POLICY_ENV, raising=False)


@pytest.mark.parametrize("variant", VARIANTS)
def test_my_numbers_the_head_rows_do_not_show_refuse_the_export_naming_column_and_line(tmp_path, variant):
    path = residents_with(tmp_path, 2000, VARIANTS[variant])
    assert column_categories(open_source(path), [HIDDEN])[HIDDEN] != "my_number"  # the guess misses them
    with pytest.raises(PlanError) as caught:
        export(path)
    said = str(caught.value)
    first = {"every_third_not_obtained": 1, "first_1500_empty": 1500}.get(variant, 0)
    assert HIDDEN in said
    assert f"line {line_of(path, first)} of residents.csv" in said
    assert "legal basis" in said
    assert not (tmp_path / "out.zip.age").exists()
    assert not [name for name in os.listdir(tmp_path) if name != "residents.csv"]  # nothing left behind


def test_the_refusal_reads_in_japanese_too(tmp_path):
    from exporter import messages

    path = residents_with(tmp_path, 300, VARIANTS["no_prefix"])
    with pytest.raises(PlanError) as caught:
        export(path)
    messages.set_language("ja")
    try:
        said = str(caught.value)
    finally:
        messages.set_language("en")
    assert f"列 {HIDDEN} にはマイナンバーが含まれています" in said
    assert "residents.csv の 2 行目" in said


def test_a_filtered_export_names_the_line_of_a_kept_row(tmp_path):
    path = residents_with(tmp_path, 1600, lambda i, n: n if i >= 1100 else "")
    with pytest.raises(PlanError) as caught:
        export(path, where=(("gender = 女",),))
    with path.open(encoding="utf-8", newline="") as file:
        table = list(csv.reader(file))
    gender = table[0].index("gender")
    first = next(index for index, row in enumerate(table) if index > 1100 and row[gender] == "女")
    assert f"line {line_of(path, first - 1)} of residents.csv" in str(caught.value)


def test_one_valid_my_number_among_phone_numbers_does_not_refuse(tmp_path):
    def value(index: int, number: str) -> str:
        return number if index == 40 else f"090-{index:04d}-{index * 7 % 10000:04d}"

    path = residents_with(tmp_path, 500, value, column="phone")
    export(path)
    assert (tmp_path / "out.zip.age").exists()


def test_masked_or_pseudonymised_my_numbers_are_not_refused(tmp_path):
    path = residents_with(tmp_path, 300, VARIANTS["every_third_not_obtained"])
    export(path, transforms={HIDDEN: "mask:4"})
    assert (tmp_path / "out.zip.age").exists()


def test_random_twelve_digit_numbers_pass_the_check_digit_one_time_in_ten_and_are_not_refused(tmp_path):
    rand = random.Random(11)
    numbers = [f"{rand.randrange(10**12):012d}" for _ in range(20_000)]
    valid = sum(is_valid_my_number(number) for number in numbers)
    assert 0.08 < valid / len(numbers) < 0.12  # why single values prove nothing
    path = residents_with(tmp_path, 2000, lambda i, n: numbers[i])
    export(path)
    assert (tmp_path / "out.zip.age").exists()


def test_every_sample_column_but_my_number_is_exported_without_a_refusal(tmp_path):
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(3000, seed=2))
    columns = tuple(name for name in SAMPLE_COLUMNS if name != "my_number")
    export(path, columns=columns)
    assert (tmp_path / "out.zip.age").exists()


def test_the_rule_needs_many_valid_numbers_and_most_of_the_shaped_ones():
    import pyarrow as pa

    def valid(n: int) -> str:
        first = f"{n:011d}"
        return first + str(my_number_check_digit(first))

    def invalid(n: int) -> str:
        first = f"{n:011d}"
        return first + str((my_number_check_digit(first) + 1) % 10)

    cases = {
        (MIN_VALID - 1, 0): False,
        (MIN_VALID, 0): True,
        (MIN_VALID * 4, MIN_VALID): True,  # 80 %
        (MIN_VALID * 4, MIN_VALID + 1): False,
    }
    for (good, bad), expected in cases.items():
        scan = MyNumberScan(["x"])
        values = [valid(n) for n in range(good)] + [invalid(n) for n in range(bad)] + ["未取得", ""]
        scan.add({"x": pa.array(values)}, lambda i: i + 1)
        count = scan.counts["x"]
        assert (count.valid, count.shaped) == (good, good + bad)
        assert holds_my_numbers(count) is expected


def test_one_number_repeated_on_many_rows_counts_once():
    # an amount or a code of 12 digits that happens to pass the check, on every row: one number, not My Numbers
    import pyarrow as pa

    first = "75378727018"
    repeated = first + str(my_number_check_digit(first))
    scan = MyNumberScan(["x"])
    for _ in range(3):
        scan.add({"x": pa.array([repeated] * 50 + ["12", ""])}, lambda i: i + 1)
    count = scan.counts["x"]
    assert (count.valid, count.shaped, len(count.different)) == (150, 150, 1)
    assert not holds_my_numbers(count)
    different = [f"{n:011d}" for n in range(1, MIN_VALID + 1)]
    scan.add({"x": pa.array([n + str(my_number_check_digit(n)) for n in different])}, lambda i: i + 1)
    assert holds_my_numbers(scan.counts["x"])


def policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(policy_path: Path, *args: object) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, **{POLICY_ENV: str(policy_path)})
    return subprocess.run(
        [sys.executable, "-m", "exporter", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def test_under_a_policy_the_refusal_names_never_export(tmp_path):
    path = residents_with(tmp_path, 300, VARIANTS["no_prefix"])
    rules = policy(tmp_path, '[rules]\nnever_export = ["my_number"]\n')
    done = run_cli(rules, "export", path, "--column", "family_name", "--column", HIDDEN, "--recipient", KEY,
                   "--output", tmp_path / "out.zip.age")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "rule rules.never_export" in done.stderr
    assert HIDDEN in done.stderr
    assert "line 2" in done.stderr
    assert not (tmp_path / "out.zip.age").exists()


def test_under_a_policy_without_a_legal_basis_the_refusal_names_the_my_number_rule(tmp_path):
    path = residents_with(tmp_path, 300, VARIANTS["no_prefix"])
    rules = policy(
        tmp_path, '[profiles.p]\nversion = 1\n[profiles.p.columns]\nfamily_name = "keep"\n"項目003" = "keep"\n'
    )
    done = run_cli(rules, "export", path, "--profile", "p", "--column", "family_name", "--column", HIDDEN,
                   "--recipient", KEY, "--output", tmp_path / "out.zip.age")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "rule my_number" in done.stderr
    assert HIDDEN in done.stderr
    assert not (tmp_path / "out.zip.age").exists()


def test_a_profile_with_a_legal_basis_that_lists_the_column_may_export_it(tmp_path):
    path = residents_with(tmp_path, 300, VARIANTS["no_prefix"])
    rules = policy(
        tmp_path,
        '[profiles.p]\nversion = 1\nlegal_basis = "番号法第9条"\n[profiles.p.columns]\nfamily_name = "keep"\n'
        '"項目003" = "keep"\n',
    )
    done = run_cli(rules, "export", path, "--profile", "p", "--column", "family_name", "--column", HIDDEN,
                   "--recipient", KEY, "--output", tmp_path / "out.zip.age")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.zip.age").exists()
