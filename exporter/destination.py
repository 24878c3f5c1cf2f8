"""The output folder of the receiving side: where work may go, how it is made and unmade, and what a failed write
says. Every ``OSError`` of the output side becomes one :class:`~exporter.errors.OutputError` sentence that names
the folder; a full disk says so plainly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path
from types import TracebackType

from exporter.errors import OutputError
from exporter.messages import msg
from exporter.sizes import file_size

FREE_SPACE_MARGIN = 1 << 20


def require_free_space(folder: Path, needed: int) -> None:
    """Refuse before writing when ``folder``'s disk has less than ``needed`` bytes (plus a small margin) free."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell: writing will say so if the disk fills up
    if needed + FREE_SPACE_MARGIN > free:  # the margin counts as needed, so the sentence never contradicts itself
        raise OutputError(
            msg(
                "output.not_enough_space",
                path=str(folder),
                needed=file_size(needed + FREE_SPACE_MARGIN),
                free=file_size(free),
            ),
            hint=msg("output.free_space_hint"),
        )


def nearest_folder(folder: Path) -> Path:
    """The output folder if it exists, else its nearest existing ancestor (where scratch files go until the
    folder is made). Raises :class:`OutputError` when the folder, or a folder on its path, is a file."""
    path = folder
    while True:
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError:
            exists = is_dir = False
        if is_dir:
            return path
        if exists:
            raise OutputError(msg("output.not_a_folder", path=str(path)), hint=msg("output.folder_for_opened_hint"))
        parent = path.parent
        if parent == path:
            raise OutputError(msg("output.folder_not_made", path=str(folder)))
        path = parent


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; returns those made, outermost first (nothing if it failed)."""
    missing: list[Path] = []
    path = folder
    while not path.is_dir():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    made: list[Path] = []
    try:
        for path in reversed(missing):
            os.mkdir(path)
            made.append(path)
    except BaseException:
        remove_folders(made)
        raise
    return made


def remove_folders(made: list[Path]) -> None:
    """Remove the folders :func:`make_folders` made, innermost first, if they are still empty."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(path)


class OutputErrors:
    """Turns an ``OSError`` of the output side into one sentence that names ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> OutputErrors:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if isinstance(error, OSError):
            raise output_error(error, self.folder) from None


def output_error(error: OSError, folder: Path) -> OutputError:
    """One sentence for a failed write, create, link or folder creation in ``folder``."""
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError(
            msg("output.disk_full_at", path=str(folder)),
            hint=msg("output.free_space_hint"),
        )
    if code == errno.EFBIG:
        return OutputError(
            msg("output.too_large_for_disk", path=str(folder)),
            hint=msg("output.fat32_hint"),
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(msg("output.folder_not_writable", path=str(folder)), hint=msg("output.writable_folder_hint"))
    reason = error.strerror or type(error).__name__
    return OutputError(msg("output.not_written", path=str(folder), reason=reason))


__all__ = [
    "FREE_SPACE_MARGIN",
    "OutputErrors",
    "make_folders",
    "nearest_folder",
    "output_error",
    "remove_folders",
    "require_free_space",
]
