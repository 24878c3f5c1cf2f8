"""How a key's check code and an archive's hash value look on screen, the same in every window.

The check code itself comes from the core (:func:`exporter.keys.check_code`, or
:func:`exporter.keys.check_code.key_set_check_code` for a recipient whose key card carried a signing key): twenty
digits in five groups of four, ``4817-0293-5561-7020-3948``. Every window shows exactly that string, as the command
line, the instructions file and the manifest write it, so what is copied from a window is the same text (no spaces
are added for the eye). The large form is set big and bold in a fixed-width font so a clerk and a recipient can read
it to each other over the phone; in Japanese also with the readings used for numbers on the phone (よん, not し; なな,
not しち), so that nobody has to decide how to say a digit.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontInfo

from exporter.gui.i18n import current_language
from exporter.gui.widgets import monospace_font
from exporter.keys.check_code import key_set_check_code

# how digits are said on the phone in Japanese: the readings that cannot be misheard (4 よん not し, 7 なな not しち)
SPOKEN_JA = {
    "0": "ゼロ",
    "1": "いち",
    "2": "にー",
    "3": "さん",
    "4": "よん",
    "5": "ごー",
    "6": "ろく",
    "7": "なな",
    "8": "はち",
    "9": "きゅう",
}


def _mono() -> str:
    """The CSS font family of the fixed-width font as resolved (``monospace`` alone let Qt pick a different font
    for digits that follow Japanese text)."""
    family = QFontInfo(monospace_font()).family().replace("'", "").replace('"', "")
    return f"font-family:'{family}', monospace"


def shown_code(code: str) -> str:
    """The one display form of a check code: ``4817-0293-5561-7020-3948``, as the core writes it (no spaces added:
    a copied code must be the canonical string)."""
    return code


def spoken_japanese(code: str) -> str:
    """The Japanese phone readings of a check code, group by group: ``よん はち いち なな、ゼロ にー …``."""
    return "、".join(" ".join(SPOKEN_JA.get(digit, digit) for digit in group) for group in code.split("-"))


def code_html(code: str) -> str:
    """One check code as rich text: large digits, and the Japanese readings under them when the GUI is Japanese."""
    text = f'<span style="{_mono()}; font-size:x-large; font-weight:bold">{html.escape(shown_code(code))}</span>'
    if current_language() == "ja":
        reading = QCoreApplication.translate("CheckCodes", "Say it: {reading}").format(reading=spoken_japanese(code))
        text += f"<br><span style='color:#555'>{html.escape(reading)}</span>"
    return text


def recipients_html(
    recipients: Iterable[tuple[str, str] | tuple[str, str, str | None]], *, compact: bool = False
) -> str:
    """Rich text listing ``(label, public key)`` pairs (or ``(label, public key, signing key)``, for an address-book
    entry with a signing key), each with its check code; ``label`` is plain text. ``compact``: one line each, the
    code in bold digits without the readings (the Review page's summary)."""
    rows = []
    for label, key, *signing in recipients:
        code = key_set_check_code(key, signing[0] if signing else None)
        if compact:
            shown = f'<span style="{_mono()}; font-weight:bold">{html.escape(code)}</span>'
            rows.append(f"{html.escape(label)}: {shown}")
        else:
            rows.append(f"<p style='margin:4px 0'>{html.escape(label)}<br>{code_html(code)}</p>")
    return "<br>".join(rows) if compact else "".join(rows)


def read_aloud_sentence() -> str:
    """What to do with the codes shown under it."""
    return QCoreApplication.translate(
        "CheckCodes",
        "Read the check code to the recipient on the phone: it must be the same as on their key card. If one "
        "digit differs, do not use the key.",
    )


def hash_value(sha256: str) -> str:
    """An archive's SHA-256 (64 hex digits) in groups of eight, as the Done page and the Open window show it."""
    return " ".join(sha256[i : i + 8] for i in range(0, len(sha256), 8))
