"""Time from starting the frozen program to the wizard's first page reaching its window, offscreen.

    python3 packaging/measure_startup.py [--runs 5] [EXECUTABLE]      (default: exporter on the PATH)

The program is not changed for the measurement: Qt's own paint log (``qt.widgets.painting``) says when the
wizard's first frame is flushed to its window; the time is taken when that line arrives. The log itself costs a
little, so the figure is an upper bound. Prints every run and the median; stdlib only (runs without the venv).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

FIRST_FRAME = "Flushing QRegion"
TIMEOUT = 30.0


def first_page_seconds(executable: str, language: str) -> float:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="*=false;qt.widgets.painting=true",
        QT_MESSAGE_PATTERN="%{category}: %{message}",
    )
    started = time.monotonic()
    process = subprocess.Popen(
        [executable, "--lang", language], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if FIRST_FRAME in line and "ExportWizard" in line:
                return time.monotonic() - started
            if time.monotonic() - started > TIMEOUT:
                break
        raise SystemExit(f"measure_startup: no wizard frame within {TIMEOUT:.0f} s (exit {process.poll()})")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable", nargs="?", default="exporter")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="ja")
    args = parser.parse_args()
    executable = shutil.which(args.executable) or args.executable
    times = [first_page_seconds(executable, args.lang) for _ in range(args.runs)]
    print("startup: first page shown after " + ", ".join(f"{t:.2f}" for t in times) + " s")
    print(f"startup: median {statistics.median(times):.2f} s over {len(times)} starts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
