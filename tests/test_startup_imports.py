"""What every start of the program loads before a command runs: the parser, never the machinery.

Each command module registers its options at start-up (``build_parser``), and the rest of it is imported when the
command runs. Loading the envelope, Arrow, the ZIP writer (and ISA-L) or the key files here made every start
slower, and a Ctrl-C during those imports ended the program by a traceback before its own handler was in place.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyarrow", "cryptography", "isal", "exporter.envelope", "exporter.zipstream", "exporter.keys", "pandas")


SCRIPT = """
import json, sys
from exporter.cli import build_parser
build_parser()
print(json.dumps(sorted(sys.modules)))
"""


def test_building_the_parser_loads_no_heavy_module():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(done.stdout)
    assert [name for name in loaded if name.split(".")[0] in HEAVY or name.startswith(HEAVY)] == []
