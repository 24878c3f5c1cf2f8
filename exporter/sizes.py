"""One way to say a file's size to a clerk, the same on the command line, the wizard's Done page and in the
instructions file: units of 1,024 labelled KB, MB and GB, as Windows Explorer shows them (what a clerk compares
with), one decimal; below 1 KB the bytes themselves ("バイト" in Japanese)."""

from __future__ import annotations

from exporter.messages import Message, msg

KILOBYTE = 1024  # as Windows Explorer counts: 1 KB = 1,024 bytes, 1 MB = 1,048,576 bytes


def file_size(size: int) -> Message | str:
    """``size`` bytes as ``37 bytes`` (a message: the word is translated), ``54.1 KB``, ``3.2 MB`` or ``1.5 GB``."""
    if size < KILOBYTE:
        return msg("output.size_bytes", size=size)
    value = size / KILOBYTE
    for unit in ("KB", "MB"):
        if value < KILOBYTE:
            return f"{value:,.1f} {unit}"
        value /= KILOBYTE
    return f"{value:,.1f} GB"


__all__ = ["KILOBYTE", "file_size"]
