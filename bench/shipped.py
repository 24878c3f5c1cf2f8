"""The development exporter as the packaged program runs it: without pandas and numpy.

The test extra installs pandas (an oracle for the risk counter and the workbook reader) and with it numpy. pyarrow
imports pandas whenever it is importable, on its first ``pa.scalar`` or ``pa.array`` of Python values (0.4 s and
80 MiB), although exporter never uses it; the packaged program leaves both out (build.spec's UNUSED_PYTHON). The
benches time the development exporter through :func:`shipped_exporter`, a wrapper that makes the two look absent,
so that their figures are those of what clerks run.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

_HIDDEN = ("pandas", "numpy")


def shipped_exporter(folder: Path) -> Path:
    """Write ``folder/bin/exporter``: this Python running ``exporter`` with pandas and numpy hidden. Returns it."""
    bindir = folder / "bin"
    bindir.mkdir(parents=True, exist_ok=True)
    script = bindir / "exporter"
    hide = "; ".join(f"sys.modules[{name!r}] = None" for name in _HIDDEN)
    code = f"import sys; {hide}; from exporter.cli import main; sys.exit(main())"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -c {shlex.quote(code)} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script
