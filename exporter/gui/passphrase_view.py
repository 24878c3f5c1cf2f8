"""What the Protection page says about a passphrase as it is typed, decided by the core (:mod:`exporter.passphrase`)
exactly as the export decides it; nothing here imports Qt."""

from __future__ import annotations

from exporter.errors import ExporterError
from exporter.passphrase import is_generated, normalise, require_strong


def typo(text: str) -> ExporterError | None:
    """Why a passphrase shaped like a generated one is wrong (the group named), or None."""
    try:
        normalise(text)
    except ExporterError as err:
        return err
    return None


def refusal(text: str) -> ExporterError | None:
    """Why the export would refuse this passphrase (:func:`require_strong`: a typo, a pattern, too weak), or None."""
    try:
        require_strong(text)
    except ExporterError as err:
        return err
    return None


def reading_groups(text: str) -> str | None:
    """A generated passphrase in two lines of four groups, as it is read out (``"abcd  efgh ...\\n..."``); None
    when ``text`` is not a generated passphrase typed correctly."""
    if typo(text) is not None or not is_generated(text):
        return None
    groups = normalise(text).split("-")
    half = len(groups) // 2
    return "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])
