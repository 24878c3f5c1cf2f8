"""Every command ends with 0, 1 or 2 on every path: never SIGABRT at exit, never a hang after its error.

0.1.0 read the file through pyarrow's streaming reader, whose threads called back into Python: ``inspect`` ended
with SIGABRT ("terminate called without an active exception") about one run in ten, and an export of a file with a
huge bad value printed its error and then never exited in 2 of 15 runs. The reader now parses each chunk with
pyarrow on the calling thread (``use_threads=False``, see exporter/source.py), so no pyarrow thread is alive when a
command returns. These runs repeat what failed, several at a time, as a 2-core machine under load would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.sample import sample_bytes

RUNS = int(os.environ.get("EXPORTER_EXIT_RUNS", "200"))
PARALLEL = 4
HANG = 120  # seconds: a run that takes this long is a hang, not a slow run


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exit-status")
    good = folder / "good.csv"
    good.write_bytes(sample_bytes(300, seed=3))
    bad_row = folder / "bad-row.csv"
    bad_row.write_bytes(sample_bytes(20_000, seed=4) + b"only,three,values\r\n")
    bad_value = folder / "bad-value.csv"  # a 12 MiB quoted value whose closing quote is followed by text
    bad_value.write_bytes(b'id,note\r\n1,"' + b"x" * (12 << 20) + b'"tail\r\n2,ok\r\n')
    small_bad = folder / "small-bad.csv"
    small_bad.write_bytes(b'a,b\r\n1,2\r\n3,"x"y\r\n')
    return {"good": good, "bad-row": bad_row, "bad-value": bad_value, "small-bad": small_bad}


def exporter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=HANG, check=False,
    )  # fmt: skip


def check(result: subprocess.CompletedProcess[str], expected: int) -> str | None:
    """None when the run ended as it should, else what was wrong."""
    if result.returncode != expected:
        return f"exit {result.returncode} (expected {expected}): {result.stderr[-300:]!r}"
    lines = result.stderr.splitlines()
    if expected == 1:
        errors = [line for line in lines if line.startswith("exporter: error: ")]
        if len(errors) != 1 or "internal error" in result.stderr:
            return f"not one error line: {result.stderr[-300:]!r}"
    if any(not line.startswith("exporter: ") for line in lines):
        return f"stray output: {result.stderr[-300:]!r}"
    return None


def run_many(jobs: list[tuple[tuple[str | Path, ...], int]], cwd: Path) -> list[str]:
    def one(job: tuple[tuple[str | Path, ...], int]) -> str | None:
        args, expected = job
        try:
            return check(exporter(*args, cwd=cwd), expected)
        except subprocess.TimeoutExpired:
            return f"hung for {HANG} s: {args}"

    with ThreadPoolExecutor(PARALLEL) as pool:
        return [problem for problem in pool.map(one, jobs) if problem]


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_inspect_ends_cleanly_every_time(inputs, tmp_path):
    jobs = [(("inspect", inputs["good"]), 0), (("inspect", inputs["small-bad"]), 1)] * (RUNS // 2)
    assert run_many(jobs, tmp_path) == []


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_failing_exports_end_cleanly_every_time(inputs, tmp_path):
    recipient = str(X25519Identity.generate().recipient)
    jobs = []
    for index in range(RUNS):
        kind = ("bad-row", "bad-value", "small-bad")[index % 3]
        column = "my_number" if kind == "bad-row" else ("note" if kind == "bad-value" else "a")
        output = tmp_path / f"out-{index}.zip.age"
        jobs.append((("export", inputs[kind], "--column", column, "--recipient", recipient, "--output", output), 1))
    assert run_many(jobs, tmp_path) == []
    assert [path.name for path in tmp_path.iterdir()] == []


def test_output_cut_off_by_its_reader_ends_quietly_with_status_1(tmp_path):
    """``exporter inspect wide.csv | head -1``: the pipe closes while inspect still prints (0.1.0: internal error)."""
    wide = tmp_path / "wide.csv"
    names = [
        f"column_{index:05d}_{'x' * 40}" for index in range(16_000)
    ]  # about 1 MB of output, far more than a pipe holds
    wide.write_text(",".join(names) + "\n" + ",".join("x" for _ in names) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "exporter", "inspect", str(wide)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"wide.csv\n"
    process.stdout.close()
    _, stderr = process.communicate(timeout=HANG)
    assert process.returncode == 1
    assert stderr == b""
