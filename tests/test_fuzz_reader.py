"""A bounded run of the coverage-guided fuzzer of the reader (tests/fuzz/fuzz_reader.py) on every CI run.

The longer runs are made by hand and recorded in bench/RESULTS.md. A finding fails this test and leaves the input
that triggers it (``crash-*``) in the test's folder, named in the failure message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).parent / "fuzz" / "fuzz_reader.py"
SEEDS = Path(__file__).parent / "fuzz" / "seeds"
SECONDS = int(os.environ.get("EXPORTER_FUZZ_SECONDS", "120"))


@pytest.mark.slow
@pytest.mark.timeout(SECONDS + 120)
def test_the_reader_fuzzer_finds_nothing(tmp_path):
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    result = subprocess.run(
        [sys.executable, str(HARNESS), f"-max_total_time={SECONDS}", "-rss_limit_mb=2048", "-timeout=20",
         f"-artifact_prefix={tmp_path}/", str(corpus)],
        cwd=tmp_path, capture_output=True, text=True, timeout=SECONDS + 100, check=False,
    )  # fmt: skip
    findings = sorted(path.name for pattern in ("crash-*", "timeout-*", "oom-*") for path in tmp_path.glob(pattern))
    assert not findings, f"{findings}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, result.stderr[-3000:]
    runs = [line for line in result.stderr.splitlines() if line.startswith("Done ")]
    assert runs, result.stderr[-2000:]
