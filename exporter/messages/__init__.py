"""Every sentence the core says to a person, by a stable id with named fields, in Japanese and English.

One catalogue serves the command line and the wizard: the core raises :class:`Message` values (inside
:class:`exporter.errors.ExporterError` and in progress reports) and whoever shows them renders them in the
user's language. Nothing here imports Qt.

    msg("reader.nul_byte", name="residents.csv", line=3).render("ja")
    -> "residents.csv の 3 行目に NUL バイトがあるため、テキストの表ではありません。"

The catalogue is split by area (``exporter/messages/<area>.py``); each area module defines ``CATALOGUE``, a
mapping ``id -> (english, japanese)`` of :meth:`str.format` templates that use the same field names. A field that
holds a :class:`Message` is rendered in the same language; numbers are formatted by the template (``{rows:,}``).
An embedded sentence that continues an English one may be written ``{message:lower}``: its first letter is then
lower-cased ("keys.txt, line 3: this is not ..."); Japanese templates write ``{message}``.
Ids are never reused for another meaning: scripts and translations rely on them.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from types import MappingProxyType
from typing import Literal

Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = ("ja", "en")

# The areas whose catalogues make up the whole; each is a module of this package defining CATALOGUE.
_AREAS = (
    "general",
    "envelope",
    "reader",
    "plan",
    "output",
    "decrypt",
    "keyfiles",
    "passphrase",
    "progress",
    "cli",
    "handover",
    "keys",
    "columns",
    "shaping",
    "filters",
    "transforms",
    "risk",
    "workbook",
    "register",
    "policy",
    "signing",
    "statements",
    "openings",
    "help",
)


def _load() -> Mapping[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in _AREAS:
        catalogue: Mapping[str, tuple[str, str]] = import_module(f"{__name__}.{area}").CATALOGUE
        for key, texts in catalogue.items():
            if key in merged:
                raise RuntimeError(f"message id {key} is defined twice")
            merged[key] = texts
    return MappingProxyType(merged)


CATALOGUE: Mapping[str, tuple[str, str]] = _load()


@dataclass(frozen=True)
class Message:
    """One sentence (or status) by id, with the values that fill its template.

    ``fields`` may hold text, numbers and other :class:`Message` values. ``str(message)`` renders it in the
    current language (:func:`language`); :meth:`render` in a given one.
    """

    id: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id not in CATALOGUE:
            raise KeyError(f"unknown message id {self.id}")

    def render(self, lang: Language | None = None) -> str:
        lang = lang or language()
        english, japanese = CATALOGUE[self.id]
        template = japanese if lang == "ja" else english
        return template.format(**{name: _rendered(value, lang) for name, value in self.fields.items()})

    def __str__(self) -> str:
        return self.render()


class _Rendered(str):
    """A rendered inner sentence; the format spec ``lower`` lower-cases its first letter."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec == "lower":
            return self[:1].lower() + self[1:]
        return super().__format__(spec)


def _rendered(value: object, lang: Language) -> object:
    """A field ready for the template: sentences rendered in ``lang``, text able to take the ``lower`` spec."""
    if isinstance(value, Message):
        return _Rendered(value.render(lang))
    if isinstance(value, str):
        return _Rendered(value)
    return value


def msg(message_id: str, /, **fields: object) -> Message:
    """The message ``message_id`` with its fields; raises KeyError for an id not in the catalogue (a bug)."""
    return Message(message_id, MappingProxyType(dict(fields)))


_current: list[Language] = []


def language() -> Language:
    """The language messages are rendered in: the one set with :func:`set_language`, else the system's."""
    return _current[0] if _current else system_language()


def set_language(lang: Language | None) -> None:
    """Render messages in ``lang`` from now on; ``None`` goes back to the system's language."""
    _current.clear()
    if lang is not None:
        _current.append(lang)


def system_language() -> Language:
    """``ja`` when the user's locale is Japanese (the first of LC_ALL, LC_MESSAGES, LANG that is set, else the
    platform's), otherwise ``en``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ja" if code.lower().startswith(("ja", "japanese")) else "en"


__all__ = ["CATALOGUE", "LANGUAGES", "Language", "Message", "language", "msg", "set_language", "system_language"]
