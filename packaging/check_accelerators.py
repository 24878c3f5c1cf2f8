"""Fail the build when the frozen program lacks a fast path (or any module) that the source build uses.

    python packaging/check_accelerators.py dist/exporter/exporter             # Linux (build-deb.sh runs this)
    python packaging\\check_accelerators.py dist\\exporter\\exporter-cli.exe    # Windows: the console executable
    python packaging/check_accelerators.py dist/exporter.app/Contents/MacOS/exporter

Runs ``exporter --build-report`` twice, with this checkout's source under the given Python (default: the one
running this script) and with the frozen executable, and compares them with ``exporter.accelerators.compare``:
each optional accelerator must use the same implementation (ISA-L, OpenSSL, C speed-ups, pyarrow's SIMD level
and memory pool...), and every module the source build loads must be in the frozen program, apart from what
``build.spec`` leaves out on purpose. Prints both side by side; exits 1 on any difference. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.accelerators import compare  # noqa: E402  (this checkout's, like the source build it runs)

TIMEOUT = 300


def build_report(command: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(
        [*command, "--build-report"], env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT
    )
    if done.returncode != 0:
        raise SystemExit(f"check-accelerators: FAILED: {' '.join(command)} --build-report exited {done.returncode}:"
                         f"\n{done.stderr}")  # fmt: skip
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("frozen", type=Path, help="the frozen program's command-line executable")
    parser.add_argument("--python", default=sys.executable, help="the source build's Python (default: this one)")
    parser.add_argument("--save", type=Path, metavar="DIR", help="also write source.json and frozen.json there")
    args = parser.parse_args()

    clean = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    clean["QT_QPA_PLATFORM"] = clean.get("QT_QPA_PLATFORM", "offscreen")
    # The source build runs as shipped: pandas and numpy, which the test extra installs as oracles, look absent
    # (pyarrow would import them, and their own imports, on its first conversion of a Python value).
    shipped = "import sys; sys.modules['pandas'] = sys.modules['numpy'] = None; from exporter.cli import main; main()"
    source = build_report([args.python, "-c", shipped], {**clean, "PYTHONPATH": str(ROOT)})
    frozen = build_report([str(args.frozen)], clean)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, report in (("source", source), ("frozen", frozen)):
            (args.save / f"{name}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    if frozen.get("frozen") is not True:
        raise SystemExit(f"check-accelerators: FAILED: {args.frozen} is not a frozen program")

    width = max(len(name) for name in source["fast_paths"])
    for name, implementation in source["fast_paths"].items():
        got = frozen["fast_paths"].get(name, "nothing")
        verdict = "ok" if got == implementation else "DIFFERS"
        print(f"accelerator: {name:<{width}}  source: {implementation}  |  frozen: {got}  {verdict}")
    print(f"accelerator: modules loaded by the workload: source {len(source['modules'])}, "
          f"frozen {len(frozen['modules'])}; left out on purpose: {len(frozen.get('left_out', []))}")  # fmt: skip
    problems = compare(source, frozen)
    for problem in problems:
        print(f"check-accelerators: FAILED: {problem}", file=sys.stderr)
    if not problems:
        print("accelerator: the frozen program uses every fast path the source build uses")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
