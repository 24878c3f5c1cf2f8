"""Does the wizard stay responsive on the 460,000-row sample, and is its export as fast as the command line's?

Drives the real wizard offscreen: loads the bundled sample (generated once into ``--workdir``), keeps the six
columns of bench/export_bench.py, encrypts to a fresh key and exports. A QTimer probe fires every 10 ms on the
GUI thread and records the longest gap between two ticks: a gap is the time the event loop was blocked. The same
export is then timed as a whole ``exporter export`` process and as an in-process ``run_export`` call.

    .venv/bin/python bench/gui_stall_bench.py                 # 460,000 rows, 3 repeats, prints a Markdown block
    .venv/bin/python bench/gui_stall_bench.py --rows 46000 --repeat 1

Targets (issue 3): longest stall <= 100 ms; the wizard's export <= 1.2 x the command line's.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import datetime
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication

from exporter.envelope import X25519Identity
from exporter.gui.wizard import ExportWizard, PageId
from exporter.pipeline import run_export

COLUMNS = ("family_name", "given_name", "phone", "email", "postal_code", "address_line")
PROBE_MS = 10
STALL_TARGET_MS = 100.0
RATIO_TARGET = 1.2


class Probe:
    """A 10 ms timer on the GUI thread; the longest gap between ticks is the longest the loop was blocked."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0.0

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


@dataclass
class Results:
    load_s: list[float] = field(default_factory=list)
    load_stall_ms: list[float] = field(default_factory=list)
    pages_s: list[float] = field(default_factory=list)
    pages_stall_ms: list[float] = field(default_factory=list)
    export_s: list[float] = field(default_factory=list)
    export_stall_ms: list[float] = field(default_factory=list)
    cli_s: list[float] = field(default_factory=list)
    core_s: list[float] = field(default_factory=list)


def wait_for(signal: object, timeout_s: float = 600) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def settle(milliseconds: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wizard_round(workdir: Path, rows: int, recipient: str, probe: Probe, results: Results) -> Path:
    output = workdir / "gui-out.zip.age"
    output.unlink(missing_ok=True)
    wizard = ExportWizard(sample_rows=rows, sample_folder=workdir)
    wizard.resize(920, 700)
    wizard.show()
    settle(300)  # the window's first paint (fonts, style) is start-up, not a stall during work
    page = wizard.source_page
    probe.start()
    started = time.perf_counter()
    page.use_sample()
    wait_for(page.workEnded)
    results.load_s.append(time.perf_counter() - started)
    results.load_stall_ms.append(probe.stop())
    if not page.isComplete():
        sys.exit(f"gui_stall_bench: the sample did not load: {page.error.text()}")
    probe.start()
    started = time.perf_counter()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Benchmark")
    wizard.next()
    wizard.columns_page.keep(COLUMNS)
    wizard.next()
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    wizard.set_destination(output)
    if wizard.currentId() != PageId.REVIEW:
        sys.exit("gui_stall_bench: the wizard did not reach the Review page")
    settle()
    results.pages_s.append(time.perf_counter() - started)
    results.pages_stall_ms.append(probe.stop())
    probe.start()
    started = time.perf_counter()
    wizard.next()
    wait_for(wizard.export_page.workEnded)
    results.export_s.append(time.perf_counter() - started)
    results.export_stall_ms.append(probe.stop())
    if wizard.export_page.result is None:
        sys.exit(f"gui_stall_bench: the export failed: {wizard.export_page.message.text()}")
    wizard.close()
    wizard.deleteLater()
    return output


def cli_round(source: Path, workdir: Path, recipient: str, results: Results) -> None:
    local = Path(sys.executable).parent / "exporter"
    exporter = str(local) if local.exists() else shutil.which("exporter") or "exporter"
    output = workdir / "cli-out.zip.age"
    output.unlink(missing_ok=True)
    columns = [arg for name in COLUMNS for arg in ("--column", name)]
    command = [exporter, "export", str(source), *columns, "--recipient", recipient, "--output", str(output)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    results.cli_s.append(time.perf_counter() - started)
    output.unlink()


def core_round(source: Path, workdir: Path, recipient: str, results: Results) -> None:
    from exporter.plan import ExportPlan

    output = workdir / "core-out.zip.age"
    output.unlink(missing_ok=True)
    started = time.perf_counter()
    run_export(ExportPlan(source=source, columns=COLUMNS, output=output, recipients=(recipient,), purpose="Benchmark"))
    results.core_s.append(time.perf_counter() - started)
    output.unlink()


def markdown(results: Results, rows: int, repeat: int, generated: bool) -> str:
    first_load = (
        f"The first load generated the sample ({rows:,} rows) on the worker: {results.load_s[0]:.1f} s, "
        f"longest stall {results.load_stall_ms[0]:.0f} ms; the load time is the median over all rounds."
        if generated
        else "The sample already existed in the work folder, so no round generated it."
    )
    med = statistics.median
    ratio_cli = med(results.export_s) / med(results.cli_s)
    ratio_core = med(results.export_s) / med(results.core_s)
    stall = max(results.load_stall_ms + results.pages_stall_ms + results.export_stall_ms)
    verdict_stall = "met" if stall <= STALL_TARGET_MS else "MISSED"
    verdict_ratio = "met" if ratio_cli <= RATIO_TARGET else "MISSED"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"### Wizard responsiveness ({datetime.date.today():%Y-%m-%d}, `bench/gui_stall_bench.py`)",
        "",
        f"{rows:,} rows, keep 6 columns, one X25519 recipient, offscreen Qt, {repeat} round(s), medians; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load:.2f} at the end.",
        "",
        "| What | Time (s) | Longest event-loop stall (ms) |",
        "|---|---:|---:|",
        f"| Wizard: load sample (count every row) | {med(results.load_s):.2f} | {max(results.load_stall_ms):.0f} |",
        f"| Wizard: Source → Review, filled in by code (includes 0.1 s settling) | {med(results.pages_s):.2f} | "
        f"{max(results.pages_stall_ms):.0f} |",
        f"| Wizard: export | {med(results.export_s):.2f} | {max(results.export_stall_ms):.0f} |",
        f"| `exporter export` (whole process) | {med(results.cli_s):.2f} | – |",
        f"| `run_export` in process, no Qt | {med(results.core_s):.2f} | – |",
        "",
        f"- Longest stall {stall:.0f} ms (target <= {STALL_TARGET_MS:.0f} ms): {verdict_stall}.",
        f"- Wizard export / CLI process = {ratio_cli:.2f} (target <= {RATIO_TARGET}): {verdict_ratio}; "
        f"wizard export / in-process core = {ratio_core:.2f}.",
        f"- Stalls are the maximum over all rounds. {first_load}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=460_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--fresh-sample", action="store_true", help="generate the sample again in the first round")
    args = parser.parse_args()
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    recipient = str(X25519Identity.generate().recipient)
    probe = Probe()
    results = Results()
    source = workdir / f"sample-residents-{args.rows}.csv"
    if args.fresh_sample:
        source.unlink(missing_ok=True)
    generated = not source.exists()
    for round_number in range(args.repeat):
        output = wizard_round(workdir, args.rows, recipient, probe, results)
        output.unlink()
        cli_round(source, workdir, recipient, results)
        core_round(source, workdir, recipient, results)
        print(
            f"round {round_number + 1}: load {results.load_s[-1]:.2f} s (stall {results.load_stall_ms[-1]:.0f} ms), "
            f"export {results.export_s[-1]:.2f} s (stall {results.export_stall_ms[-1]:.0f} ms), "
            f"cli {results.cli_s[-1]:.2f} s, core {results.core_s[-1]:.2f} s",
            file=sys.stderr,
        )
    app.processEvents()
    print(markdown(results, args.rows, args.repeat, generated))


if __name__ == "__main__":
    main()
