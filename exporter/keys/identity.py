"""The recipient's own key: an X25519 identity file, protected by a passphrase in age's own format.

A **protected** identity file is the whole text age-keygen writes (``# created: ...``, ``# public key: age1...``,
``AGE-SECRET-KEY-1...``) encrypted as an age v1 file (binary, age-encryption.org/v1) to one scrypt passphrase
recipient: byte for byte the kind of file ``age-keygen | age -p > key.age`` makes. Debian ``age -d -i key.age``
sees the age header at its start, asks "Enter passphrase for identity file" and then opens archives with it; this
module opens the files age makes that way too. A **plain** identity file is age-keygen's text, as before.

Which one a file is, is decided as age decides it: a file that starts with ``age-encryption`` or
``-----BEGIN AGE`` is protected (:func:`is_protected`). The envelope code (:mod:`exporter.envelope`) does all the
encryption; this module only chooses what goes in.

Files are created with mode 0600, in the user's data folder unless another file is named
(:func:`exporter.keys.paths.default_identity_path`), and never over an existing file: a key that is replaced can no
longer open what was sent to it. The passphrase is never stored, logged or part of an error.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, cast

from exporter.envelope import (
    ScryptIdentity,
    ScryptRecipient,
    Stanza,
    X25519Identity,
    decrypt,
    encrypt,
    format_identity_file,
    parse_identity_file,
)
from exporter.errors import DecryptionError, OutputError, PlanError
from exporter.keyfiles import IDENTITY_FILE, read_small_data
from exporter.keys.card import KeyCard
from exporter.keys.paths import default_identity_path
from exporter.messages import msg

DEFAULT_WORK_FACTOR = 18  # age's own default for passphrases: about a second and 256 MiB here
MAX_WORK_FACTOR = 22  # the most an identity file may demand when opened (about 4 GiB; see FACTS.md)
_PROTECTED_STARTS = (b"age-encryption", b"-----BEGIN AGE")  # what age 1.1 peeks for in an identity file


class KeyPassphraseNeeded(DecryptionError):
    """The identity file is protected and no passphrase was given: ask for it (``path`` names the file)."""

    def __init__(self, path: Path) -> None:
        super().__init__(msg("keys.passphrase_needed", path=str(path)), hint=msg("keys.passphrase_needed_hint"))
        self.path = path


class WrongKeyPassphrase(DecryptionError):
    """The passphrase given does not open the protected identity file ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__(msg("keys.wrong_passphrase", path=str(path)), hint=msg("keys.wrong_passphrase_hint"))
        self.path = path


@dataclass(frozen=True)
class CreatedKey:
    """A key just written: where, whether a passphrase protects it, and its card (public key, check code)."""

    path: Path
    protected: bool
    card: KeyCard


def is_protected(start: bytes | bytearray) -> bool:
    """Whether identity-file bytes are an age file (a protected identity), as age 1.1 decides it."""
    return bytes(start[:14]).startswith(_PROTECTED_STARTS)


def identity_file_is_protected(path: Path) -> bool:
    """Whether the identity file at ``path`` is protected by a passphrase (so one must be asked for).

    Raises PlanError with one sentence when the file cannot be read.
    """
    read = read_small_data(path, IDENTITY_FILE)
    try:
        return is_protected(read.data)
    finally:
        read.data[:] = bytes(len(read.data))


def create_identity(
    path: Path | None = None,
    *,
    passphrase: str | None,
    work_factor: int = DEFAULT_WORK_FACTOR,
    check_strength: bool = True,
) -> CreatedKey:
    """Make a new X25519 identity and write it to ``path`` (default: the data folder's ``identity.age``).

    With a ``passphrase`` the file is protected (age scrypt, ``work_factor``: 18 as age; tests may pass less); with
    ``passphrase=None`` it is age-keygen's plain text, which only an explicit choice of the user should ask for.
    A weak passphrase is refused first (:func:`exporter.passphrase.require_strong`, unless ``check_strength`` is
    false). The file gets mode 0600 and appears only when complete. Raises PlanError (weak passphrase) or
    OutputError (the file exists: never overwritten; the folder cannot be written).
    """
    target = default_identity_path() if path is None else path
    if passphrase is not None and check_strength:
        _require_strong(passphrase)
    if os.path.lexists(target):
        raise OutputError(msg("keys.identity_exists", path=str(target)), hint=msg("keys.identity_exists_hint"))
    if path is None:
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(
                msg("keys.folder_not_made", path=str(target.parent), reason=(err.strerror or "").lower())
            ) from None
    from exporter.atomic import AtomicFile

    identity = X25519Identity.generate()
    text = format_identity_file(identity, datetime.now().astimezone()).encode("utf-8")
    with AtomicFile(target, mode=0o600) as out:
        if passphrase is None:
            out.write(text)
        else:
            from exporter.passphrase import normalise  # folded as an archive's passphrase: age gets the canonical form

            writer = encrypt(cast(BinaryIO, out), [ScryptRecipient(normalise(passphrase), work_factor)])
            writer.write(text)
            writer.close()
        out.commit()
    return CreatedKey(target, passphrase is not None, card_of(identity))


def load_identities(
    path: Path, passphrase: str | None = None, *, max_work_factor: int = MAX_WORK_FACTOR
) -> list[X25519Identity]:
    """The secret keys in the identity file ``path``, plain or protected.

    A protected file needs ``passphrase``: without one, :class:`KeyPassphraseNeeded` is raised (ask, then call
    again); a wrong one raises :class:`WrongKeyPassphrase`. A protected file demanding a scrypt work factor above
    ``max_work_factor`` is refused before any work. Other problems (unreadable, not a key file, damaged) raise
    PlanError or DecryptionError with one sentence naming the file, never quoting it.
    """
    read = read_small_data(path, IDENTITY_FILE)
    try:
        return identities_from_bytes(read.data, path, passphrase, max_work_factor=max_work_factor)
    finally:
        read.data[:] = bytes(len(read.data))


def identities_from_bytes(
    data: bytes | bytearray, path: Path, passphrase: str | None = None, *, max_work_factor: int = MAX_WORK_FACTOR
) -> list[X25519Identity]:
    """:func:`load_identities` over the bytes of an identity file already read (a pipe can be read only once);
    ``path`` names it in sentences. The caller zeroes ``data``."""
    plain = bytearray()
    try:
        if is_protected(data):
            if passphrase is None:
                raise KeyPassphraseNeeded(path)
            plain = _open_folded(bytes(data), passphrase, path, max_work_factor)
            text = _utf8(plain)
        else:
            text = _utf8(bytearray(data))
    finally:
        plain[:] = bytes(len(plain))
    if text is None:
        raise PlanError(msg("keys.identity_not_text", path=str(path)))
    return parse_identity_file(text, str(path))


def check_card_place(card: Path, identity: Path | None = None) -> None:
    """Refuse, before any key is made, a key-card path that could not be written: OutputError with one sentence when
    ``card`` exists, its folder does not exist (or is not a folder), or it is the key file ``identity`` itself."""
    if os.path.lexists(card):
        raise OutputError(msg("keys.card_exists", path=str(card)))
    folder = card.parent if str(card.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(msg("keys.card_folder_missing", path=str(card), folder=str(folder)))
    target = default_identity_path() if identity is None else identity
    if os.path.abspath(card) == os.path.abspath(target):
        raise OutputError(msg("keys.card_is_key_file", path=str(card)))


def card_of(identity: X25519Identity) -> KeyCard:
    """The key card of an identity: its public key, the signing key derived from it
    (:mod:`exporter.keys.recipient_signing`) and the check code of both."""
    from exporter.keys.recipient_signing import recipient_signing_public

    return KeyCard(str(identity.recipient), recipient_signing_public(identity).minisign_line())


class _Watched:
    """An identity that remembers what happened: whether a passphrase stanza was there and refused us."""

    def __init__(self, inner: ScryptIdentity, max_work_factor: int) -> None:
        self._inner = inner
        self._max_work_factor = max_work_factor
        self.refused = False
        self.too_costly = False

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        self.too_costly = any(
            stanza.type == "scrypt"
            and len(stanza.args) == 2
            and stanza.args[1].isascii()
            and stanza.args[1].isdigit()
            and int(stanza.args[1][:4]) > self._max_work_factor
            for stanza in stanzas
        )
        key = self._inner.unwrap(stanzas)
        self.refused = key is None and any(stanza.type == "scrypt" for stanza in stanzas)
        return key


def _open_folded(data: bytes, passphrase: str, path: Path, max_work_factor: int) -> bytearray:
    """Open a protected key with the passphrase folded as an archive's (:func:`exporter.passphrase.normalise`: a
    generated one typed in full width or without hyphens is its canonical form); a key protected elsewhere (age -p)
    with 48 digits typed in another form is then tried with the passphrase exactly as typed. Raises PassphraseTypo
    for a generated-shape passphrase with a wrong group, as for archives."""
    from exporter.passphrase import normalise

    folded = normalise(passphrase)
    try:
        return _open_protected(data, folded, path, max_work_factor)
    except WrongKeyPassphrase:
        if folded == passphrase:
            raise
    return _open_protected(data, passphrase, path, max_work_factor)


def _open_protected(data: bytes, passphrase: str, path: Path, max_work_factor: int) -> bytearray:
    watched = _Watched(ScryptIdentity(passphrase, max_work_factor), max_work_factor)
    plain = bytearray()
    try:
        for chunk in decrypt(io.BytesIO(data), [watched]):
            plain += chunk
    except DecryptionError:
        plain[:] = bytes(len(plain))
        if watched.refused:
            raise WrongKeyPassphrase(path) from None
        if watched.too_costly:
            raise DecryptionError(
                msg("keys.protected_too_costly", path=str(path), limit=max_work_factor),
                hint=msg("keys.protected_damaged_hint"),
            ) from None
        raise DecryptionError(
            msg("keys.protected_unreadable", path=str(path)), hint=msg("keys.protected_damaged_hint")
        ) from None
    return plain


def _utf8(data: bytearray) -> str | None:
    """The text, or None (decided outside any ``except``: a UnicodeDecodeError would hold the secret bytes)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _require_strong(passphrase: str) -> None:
    from exporter.passphrase import PassphraseTypo, require_strong

    try:
        require_strong(passphrase)
    except PassphraseTypo:
        raise  # names the wrong group of a generated passphrase
    except PlanError:
        raise PlanError(msg("keys.weak_passphrase"), hint=msg("keys.weak_passphrase_hint")) from None


__all__ = [
    "DEFAULT_WORK_FACTOR",
    "MAX_WORK_FACTOR",
    "CreatedKey",
    "KeyPassphraseNeeded",
    "WrongKeyPassphrase",
    "card_of",
    "check_card_place",
    "create_identity",
    "identities_from_bytes",
    "identity_file_is_protected",
    "is_protected",
    "load_identities",
]
