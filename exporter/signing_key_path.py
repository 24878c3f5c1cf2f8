"""Whether the office's signing key file (``--signing-key`` or the policy's ``signing.key``) can be opened at all,
asked before its passphrase: a missing file, a folder or a file this account may not read gets one sentence
naming the path and what to do, instead of a question about a passphrase or a sentence about identity files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from exporter.errors import PlanError
from exporter.messages import msg


def check_signing_key_path(path: Path) -> None:
    """Raise :class:`PlanError` (one sentence naming ``path`` and what to do) when ``path`` does not exist, is a
    folder or something else than a regular file, or cannot be read by this account; return quietly otherwise."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise PlanError(msg("signing.key_missing", path=str(path))) from None
    except NotADirectoryError:
        raise PlanError(msg("signing.key_missing", path=str(path))) from None
    except PermissionError:
        raise PlanError(msg("signing.key_not_readable", path=str(path))) from None
    except OSError as err:
        raise PlanError(msg("signing.key_not_opened", path=str(path), reason=err.strerror or str(err))) from None
    if stat.S_ISDIR(mode):
        raise PlanError(msg("signing.key_is_folder", path=str(path)))
    if not stat.S_ISREG(mode):
        raise PlanError(msg("signing.key_not_a_file", path=str(path)))
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        raise PlanError(msg("signing.key_not_readable", path=str(path))) from None
    except OSError as err:
        raise PlanError(msg("signing.key_not_opened", path=str(path), reason=err.strerror or str(err))) from None
