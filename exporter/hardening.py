"""Process set-up that keeps secrets out of crash dumps, run first by the command line and the wizard.

A core dump holds the whole memory of the process: the passphrase, the secret key, the file key and whatever
plaintext was in flight. So the core-file size limit is set to 0 (soft and hard, so nothing later in the process
can raise it again), and on Linux the process is marked not dumpable (``prctl(PR_SET_DUMPABLE, 0)``), which also
stops core dumps piped to a handler (systemd-coredump, apport) and forbids other processes of the same user to
attach with ptrace or read ``/proc/<pid>/mem``. The process itself still reads its own ``/proc/self`` (the
kernel lets a thread group see its own entries, so ``/dev/stdin`` keeps working), and a program it starts is
dumpable again after exec. Windows has neither limit; there is nothing to do there.
"""

from __future__ import annotations

import contextlib
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def forbid_core_dumps() -> None:
    """Set RLIMIT_CORE to 0 and, on Linux, PR_SET_DUMPABLE to 0. Never fails: a refusal leaves things as they were."""
    try:
        import resource
    except ImportError:  # Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)


def dumpable() -> int | None:
    """Linux's PR_GET_DUMPABLE for this process (0: no dumps, no ptrace by peers); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    return _prctl(PR_GET_DUMPABLE, 0)


def _prctl(option: int, argument: int) -> int | None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.prctl(option, argument, 0, 0, 0)
    except (OSError, AttributeError):
        return None
    return int(result) if result >= 0 else None
