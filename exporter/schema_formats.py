"""Formats for the JSON schemas of what an archive, a statement or the program's own records hold: a calendar day and
a UTC second that exist, not only their digits' shape.

A pattern such as ``^\\d{4}-\\d{2}-\\d{2}$`` lets ``2026-13-45`` through; a manifest carrying it as ``delete_by`` was
accepted by ``decrypt`` and then stopped ``exporter delete`` and the reminders with an internal error when the day
was read. fastjsonschema calls these for the ``format`` keyword (JSON Schema draft 4, section 7: formats a
validator may define), after the ``pattern`` that fixes the shape.

    "day"         2026-12-31             a day of the proleptic Gregorian calendar (datetime.date.fromisoformat)
    "utc-second"  2026-12-31T23:59:59Z   a day as above and a time of day, seconds 00-59, in UTC
    "moment"      2026-12-31T23:59:59.5+09:00   a day and time with a fraction and an offset (RFC 3339) or Z
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

DAY = "day"
UTC_SECOND = "utc-second"
MOMENT = "moment"


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_utc_second(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _is_moment(value: str) -> bool:
    try:
        datetime.fromisoformat(value)  # RFC 3339's Z too, from Python 3.11
    except ValueError:
        return False
    return True


FORMATS: dict[str, Callable[[str], bool]] = {DAY: _is_day, UTC_SECOND: _is_utc_second, MOMENT: _is_moment}
"""For ``fastjsonschema.compile(schema, formats=FORMATS)``."""

__all__ = ["DAY", "FORMATS", "MOMENT", "UTC_SECOND"]
