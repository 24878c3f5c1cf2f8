"""The recipient's list of trusted office signing keys: who an archive's signature may name.

One TOML file, ``signers.toml`` in the config folder (:func:`exporter.keys.paths.config_dir`, EXPORTER_CONFIG_DIR),
kept like the address book (:mod:`exporter.keys.store`: under a lock, comments and layout kept, atomic replace,
read-only with ``locked = true`` or without write permission):

    [[signer]]
    name = "○○市 市民課"
    key = "RW..."            # the minisign public key line of the office's signing key
    added = 2026-11-30

The check code shown is always derived from the key (:meth:`exporter.signing.SigningPublicKey.check_code`), and
is what the recipient compares on the phone before adding a key. Names are compared as the address book compares
them (NFKC, case folded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from exporter.errors import PlanError
from exporter.keyfiles import FileKind
from exporter.keys.book import fold_name
from exporter.keys.store import read_only_reason, read_toml, update_toml
from exporter.messages import Message, msg
from exporter.signing import SigningPublicKey, checked_office_name, parse_public_key

SIGNERS_FILE_NAME = "signers.toml"
SIGNERS_FILE = FileKind("signers file", 1024 * 1024)
_HEADING = (
    "exporter's trusted office signing keys: change it with “exporter signers add|remove”.\n"
    "Add a key only after its check code was read to you by the office itself (on the phone)."
)


@dataclass(frozen=True)
class Signer:
    """A trusted office: the name the recipient gave it, its public signing key, and the day it was added."""

    name: str
    key: SigningPublicKey
    added: date | None = None

    @property
    def check_code(self) -> str:
        return self.key.check_code()


@dataclass(frozen=True)
class Signers:
    """The trusted signing keys in the file ``path``; ``read_only`` says why it cannot be changed (or None)."""

    path: Path
    entries: tuple[Signer, ...] = ()
    read_only: Message | None = None

    def keys(self) -> list[SigningPublicKey]:
        """Every trusted key, each with its entry's name as the comment (what "signed by" shows)."""
        return [SigningPublicKey(entry.key.key_id, entry.key.public, entry.name) for entry in self.entries]

    def by_key(self, key: SigningPublicKey) -> Signer | None:
        return next((entry for entry in self.entries if entry.key.public == key.public), None)


def signers_path() -> Path:
    """The trusted signers file: ``signers.toml`` in the config folder."""
    from exporter.keys.paths import config_dir

    return config_dir() / SIGNERS_FILE_NAME


def load_signers(path: Path | None = None) -> Signers:
    """The trusted signing keys (an empty list when the file does not exist). PlanError naming the file (and the
    entry) when it is not a valid list."""
    where = signers_path() if path is None else path
    what = _what(where)
    data = read_toml(where, SIGNERS_FILE, what)
    return Signers(where, tuple(_entries(data, what)), read_only_reason(where, data))


def add_signer(key_text: str, name: str, *, path: Path | None = None, today: date | None = None) -> Signer:
    """Trust the signing key ``key_text`` (a minisign ``.pub`` file's text or its ``RW...`` line) as ``name``.

    Refused with PlanError: not a public key, an empty or unprintable name, a name or key already in the list, a
    read-only list.
    """
    entry = Signer(checked_office_name(name), parse_public_key(key_text), today or date.today())
    where = signers_path() if path is None else path

    def change(document: Any, data: dict[str, Any]) -> None:
        entries = _entries(data, _what(where))
        if (same := next((e for e in entries if fold_name(e.name) == fold_name(entry.name)), None)) is not None:
            raise PlanError(msg("signing.signer_name_taken", name=same.name))
        if (same := next((e for e in entries if e.key.public == entry.key.public), None)) is not None:
            raise PlanError(msg("signing.signer_key_taken", name=same.name))
        import tomlkit

        if not isinstance(document.get("signer"), tomlkit.items.AoT):
            if "signer" in document:
                del document["signer"]
            document.append("signer", tomlkit.aot())
        table = tomlkit.table()
        table["name"] = entry.name
        table["key"] = entry.key.minisign_line()
        if entry.added is not None:
            table["added"] = entry.added
        document["signer"].append(table)

    update_toml(where, SIGNERS_FILE, _what(where), heading=_HEADING, change=change)
    return entry


def remove_signer(name: str, *, path: Path | None = None) -> Signer:
    """Stop trusting the signer called ``name``; returns what was removed. PlanError for an unknown name (with the
    names there are) or a read-only list."""
    where = signers_path() if path is None else path
    done: list[Signer] = []

    def change(document: Any, data: dict[str, Any]) -> None:
        entries = _entries(data, _what(where))
        wanted = fold_name(name)
        for index, entry in enumerate(entries):
            if fold_name(entry.name) == wanted:
                del document["signer"][index]
                if not document["signer"]:
                    del document["signer"]
                done.append(entry)
                return
        known = "、".join(entry.name for entry in entries) or "-"
        raise PlanError(msg("signing.signer_unknown", name=name), hint=msg("signing.signer_unknown_hint", names=known))

    update_toml(where, SIGNERS_FILE, _what(where), heading=_HEADING, change=change)
    return done[0]


def _what(where: Path) -> Message:
    return msg("signing.signers_name", path=str(where))


def _entries(data: dict[str, Any], what: Message) -> list[Signer]:
    raw = data.get("signer", [])
    if not isinstance(raw, list):
        raise PlanError(msg("signing.signers_invalid", what=what))
    entries: list[Signer] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise PlanError(msg("signing.signer_entry_invalid", what=what, number=number))
        name, key, added = item.get("name"), item.get("key"), item.get("added")
        try:
            checked = checked_office_name(name) if isinstance(name, str) else None
            parsed = parse_public_key(key) if isinstance(key, str) else None
        except PlanError:
            checked = parsed = None
        if checked is None or parsed is None:
            raise PlanError(msg("signing.signer_entry_invalid", what=what, number=number))
        if added is not None and (not isinstance(added, date) or hasattr(added, "hour")):
            raise PlanError(msg("signing.signer_entry_invalid", what=what, number=number))
        if any(fold_name(other.name) == fold_name(checked) for other in entries):
            raise PlanError(msg("signing.signer_entry_twice", what=what, number=number))
        entries.append(Signer(checked, parsed, added))
    return entries


__all__ = ["SIGNERS_FILE_NAME", "Signer", "Signers", "add_signer", "load_signers", "remove_signer", "signers_path"]
