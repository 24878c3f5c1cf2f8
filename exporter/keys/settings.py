"""The user's settings: the office key, the key file the Open window remembers, and where the address book is.

``settings.toml`` in the config folder (:func:`exporter.keys.paths.settings_path`):

    identity_file = "/home/me/.local/share/exporter/identity.age"   # the Open window's key file (never a passphrase)
    pseudonym_key = "//fileserver/it/pseudonym.key"                 # the wizard's key for pseudonyms (the path only)
    address_book = "//fileserver/it/recipients.toml"                # optional: a book other than the default;
                                                                    # ~ expanded, relative to this file's folder
    [office]
    key = "age1..."                                                 # every export is also encrypted to it
    name = "北区役所 情報政策課"

Plain Python over a TOML file (read with tomllib, changed with tomlkit under a lock, comments kept), so the command
line needs no Qt to read it; the wizard shows and changes it through these functions. IT staff can lock it as they
lock the address book (``locked = true`` or no write permission): then the office key cannot be changed from
exporter.

**The office key and passphrases.** age allows a passphrase (scrypt) stanza only alone in a file, so an export to a
passphrase cannot also be encrypted to the office key. Such an export is refused while an office key is set,
unless the caller explicitly leaves the office copy out (``ExportPlan.without_office_key``, CLI
``--no-office-key``); the manifest then records that the office copy was left out. A security reviewer expects
exactly this: the office copy is never dropped silently, only by a visible, recorded choice, and exports to keys
always carry it (leaving it out there is refused).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.envelope import X25519Recipient
from exporter.errors import EncryptionError, PlanError
from exporter.keyfiles import SETTINGS_FILE
from exporter.keys.book import MAX_NAME
from exporter.keys.check_code import check_code
from exporter.keys.paths import settings_path
from exporter.keys.store import read_only_reason, read_toml, update_toml
from exporter.messages import Message, msg

_HEADING = (
    "exporter's settings: change them with “exporter recipients office ...” or in the wizard's settings.\n"
    "IT staff can lock them with a line locked = true (or by taking away write permission)."
)


@dataclass(frozen=True)
class OfficeKey:
    """The office's own public key, added to every export so the office can reopen what it sent."""

    key: str
    name: str = ""

    @property
    def check_code(self) -> str:
        return check_code(self.key)


@dataclass(frozen=True)
class Settings:
    """What ``settings.toml`` says; ``read_only`` says why it cannot be changed (None if it can)."""

    path: Path
    office_key: OfficeKey | None = None
    identity_file: Path | None = None
    address_book: Path | None = None
    pseudonym_key: Path | None = None
    read_only: Message | None = None


def load_settings(path: Path | None = None) -> Settings:
    """The settings at ``path`` (default: the config folder's ``settings.toml``); defaults when it does not exist.

    Raises PlanError with one sentence naming the file when it is not valid, including an office key that is not an
    ``age1...`` key: exports stop rather than go out without the office copy.
    """
    where = settings_path() if path is None else path
    what = msg("keys.settings_name", path=str(where))
    data = read_toml(where, SETTINGS_FILE, what)
    return Settings(
        where,
        _office(data.get("office"), what),
        _path(data, "identity_file", what, where.parent),
        _path(data, "address_book", what, where.parent),
        _path(data, "pseudonym_key", what, where.parent),
        read_only_reason(where, data),
    )


def office_key(path: Path | None = None) -> OfficeKey | None:
    """The office key every export is also encrypted to, or None when none is set."""
    return load_settings(path).office_key


def set_office_key(key: str, name: str = "", *, path: Path | None = None) -> OfficeKey:
    """Set the office key (``age1...``; EncryptionError if it is not one) and its display name; returns it.
    Refused with PlanError when the settings are read-only."""
    import tomlkit

    office = OfficeKey(str(X25519Recipient.parse(key)), _checked_name(name))
    table = tomlkit.table()
    table["key"] = office.key
    if office.name:
        table["name"] = office.name
    _change(path, {"office": table}, remove=("office",))
    return office


def clear_office_key(*, path: Path | None = None) -> bool:
    """Remove the office key; returns whether one was there. Works whatever the stored ``[office]`` holds (not a
    valid key, not a table): clearing is how such settings are mended. Refused with PlanError when the settings are
    read-only."""
    found: list[bool] = []

    def change(document: Any, data: dict[str, Any]) -> None:
        found.append("office" in data)
        if "office" in document:
            del document["office"]

    where = settings_path() if path is None else path
    what = msg("keys.settings_name", path=str(where))
    if not os.path.lexists(where):
        return False
    update_toml(where, SETTINGS_FILE, what, heading=_HEADING, change=change)
    return found[0]


def remember_identity_file(identity: Path | None, *, path: Path | None = None) -> bool:
    """Remember which key file the Open window uses (None forgets it). Returns False, changing nothing, when the
    settings are read-only (a convenience is not worth an error)."""
    settings = load_settings(path)
    if settings.read_only is not None:
        return False
    if identity is None:
        _change(path, {}, remove=("identity_file",))
    else:
        _change(path, {"identity_file": str(identity)}, remove=())
    return True


def remember_pseudonym_key(key_file: Path | None, *, path: Path | None = None) -> bool:
    """Remember the office's pseudonym key file the wizard used last (its path, never the key; None forgets it).
    Returns False, changing nothing, when the settings are read-only."""
    settings = load_settings(path)
    if settings.read_only is not None:
        return False
    if key_file is None:
        _change(path, {}, remove=("pseudonym_key",))
    else:
        _change(path, {"pseudonym_key": str(key_file)}, remove=())
    return True


def _change(path: Path | None, values: dict[str, Any], remove: tuple[str, ...]) -> None:
    """Remove the keys ``remove``, then set ``values``, under the file's lock (comments and layout kept)."""
    where = settings_path() if path is None else path
    what = msg("keys.settings_name", path=str(where))

    def change(document: Any, data: dict[str, Any]) -> None:
        for key in remove:
            if key in document:
                del document[key]
        for key, value in values.items():
            document[key] = value

    update_toml(where, SETTINGS_FILE, what, heading=_HEADING, change=change)


def _office(value: object, what: Message) -> OfficeKey | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("key"), str):
        raise PlanError(msg("keys.settings_field", what=what, field="office"))
    name = value.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise PlanError(msg("keys.settings_field", what=what, field="office.name"))
    try:
        return OfficeKey(str(X25519Recipient.parse(value["key"])), name.strip())
    except EncryptionError:
        raise PlanError(msg("keys.settings_field", what=what, field="office.key")) from None


def _path(data: dict[str, Any], key: str, what: Message, folder: Path) -> Path | None:
    """A path the settings name: ``~`` expanded (and ``%VARS%`` on Windows), relative to the settings' folder."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise PlanError(msg("keys.settings_field", what=what, field=key))
    text = value.strip()
    if os.name == "nt":
        text = os.path.expandvars(text)
    return folder / Path(os.path.expanduser(text))


def _checked_name(name: str) -> str:
    from exporter.display import is_safe, looks_like_secret_key

    if looks_like_secret_key(name):
        raise PlanError(msg("keys.secret_key_as_name"))
    name = name.strip()
    if len(name) > MAX_NAME or not is_safe(name):
        raise PlanError(msg("keys.name_invalid", limit=MAX_NAME))
    return name


__all__ = [
    "OfficeKey",
    "Settings",
    "clear_office_key",
    "load_settings",
    "office_key",
    "remember_identity_file",
    "remember_pseudonym_key",
    "set_office_key",
]
