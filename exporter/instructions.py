"""The instructions file that travels beside an archive: ``<archive>.README.txt``, Japanese first, then English.

What it holds (and nothing else: no value from the resident file, no passphrase, and the purpose only when the
plan asks for it with ``instructions_purpose``):

- the archive's file name, its size in bytes and in MB (1 MB = 1,048,576 bytes, as Windows Explorer counts), and
  its hash value (SHA-256, lower-case hex, as ``sha256sum`` and ``certutil -hashfile FILE SHA256`` print it);
- who can open it: the check code of every recipient key (:func:`exporter.keys.check_code.key_set_check_code`:
  the code of the key and the recipient's signing key when their key card had one), or for a passphrase
  archive a sentence that the passphrase is given separately;
- the delete-by date (ISO 8601, or "not set");
- how to open it with exporter (the Open window, ``exporter open``, ``exporter decrypt``) or with the age CLI
  (``age -d``, then unzip), and how to check the hash value on Windows and Linux.

Command lines are safe to paste for any name the file accepts (:func:`check_instructions_name` refuses the rest
before any work): a name that needs no quoting in either shell is written as it is; any other is written once for
Windows cmd, in double quotes (inside which ``& | < > ^ ( )`` are plain; ``.\\`` before a leading ``-``), and once
for POSIX shells, in single quotes (``'\\''`` for a quote; ``./`` before a leading ``-``), where nothing is expanded.
cmd expands ``%`` even inside quotes and a ``"`` cannot be quoted, so names with them are refused (Windows does not
allow ``"`` in names anyway), as are names with control, format (bidi) or line-separator characters, which would
make the file lie about the name, names that are not UTF-8, and names too long for ``<name>.README.txt``.

Encoding: UTF-8 with a byte order mark and CRLF line ends, so that Windows Notepad (also before Windows 10 1903)
shows the Japanese text. The file is written atomically (:class:`exporter.atomic.AtomicFile`): it appears complete
or not at all. The sentences are in the message catalogue (``exporter/messages/handover.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from exporter.atomic import AtomicFile
from exporter.display import is_safe, safe_text
from exporter.errors import OutputError, PlanError
from exporter.keys.check_code import key_set_check_code
from exporter.messages import Language, Message, msg

SUFFIX = ".README.txt"
MEGABYTE = 1 << 20
_SHELL_PLAIN = re.compile(r"[\w.+,@:=-]+")  # \w includes kana and kanji: both shells take them unquoted
_CMD_UNQUOTABLE = frozenset('%"')  # cmd expands %VAR% even in double quotes; a " cannot be inside them
NAME_MAX = 255  # bytes of a file name on Linux file systems, UTF-16 units on Windows
_RULE = "=" * 72


@dataclass(frozen=True)
class KeyHolder:
    """One recipient key as the instructions name it: its key (``age1...``), and the name and organisation the
    address book gave it (empty when it came as a bare key); ``office`` marks the sending office's own key;
    ``signing_key`` is the recipient's signing key (``RW...``) when the book had one, which the code covers."""

    key: str
    name: str = ""
    organisation: str = ""
    office: bool = False
    signing_key: str | None = None

    @property
    def check_code(self) -> str:
        """The check code the recipient's key card shows."""
        return key_set_check_code(self.key, self.signing_key)


@dataclass(frozen=True)
class HandoverFacts:
    """What the instructions say about one archive.

    ``recipients`` are the key holders; empty for a passphrase archive (``passphrase=True``). ``size`` is in bytes,
    ``sha256`` lower-case hex. ``purpose`` is written only when not None.
    """

    archive_name: str
    size: int
    sha256: str
    recipients: tuple[KeyHolder, ...] = ()
    passphrase: bool = False
    delete_by: date | None = None
    purpose: str | None = None


def instructions_path(archive: Path) -> Path:
    """Where the instructions of ``archive`` go: ``residents.zip.age`` -> ``residents.zip.age.README.txt``."""
    return archive.with_name(archive.name + SUFFIX)


def check_instructions_name(archive: Path) -> None:
    """Refuse, before any work, an archive name the instructions cannot name safely (module docstring: which).

    Raises :class:`PlanError` with one sentence naming the file and what is wrong with its name."""
    from exporter.pipeline import readable_file_name

    name = archive.name
    if readable_file_name(name) != name or not is_safe(name):
        raise PlanError(
            msg("handover.instructions_name_unsafe", path=safe_text(str(archive))),
            hint=msg("handover.instructions_name_hint"),
        )
    special = sorted(set(name) & _CMD_UNQUOTABLE)
    if special:
        raise PlanError(
            msg("handover.instructions_name_cmd", path=str(archive), chars=" ".join(special)),
            hint=msg("handover.instructions_name_hint"),
        )
    readme = name + SUFFIX
    if len(readme.encode("utf-8")) > NAME_MAX or len(readme.encode("utf-16-le")) // 2 > NAME_MAX:
        raise PlanError(
            msg("handover.instructions_name_long", path=str(archive), suffix=SUFFIX, limit=NAME_MAX),
            hint=msg("handover.instructions_name_hint"),
        )


def facts_from_manifest(
    archive: Path, size: int, sha256: str, manifest: dict[str, Any], *, with_purpose: bool = False
) -> HandoverFacts:
    """The facts of an archive just written, from its manifest (recipients, delete-by date, purpose).

    A recipient entry with a ``recipient`` key gives that key, and when present its ``name`` and ``organisation``
    (from the address book) and ``"role": "office"`` (the sending office's own key).
    """
    from exporter.pipeline import readable_file_name  # a name of bytes that are not UTF-8 is read as CP932

    keys: list[KeyHolder] = []
    passphrase = False
    for entry in manifest.get("recipients") or ():
        if entry.get("type") == "passphrase":
            passphrase = True
        elif entry.get("recipient"):
            keys.append(
                KeyHolder(
                    key=str(entry["recipient"]),
                    name=str(entry.get("name") or ""),
                    organisation=str(entry.get("organisation") or ""),
                    office=entry.get("role") == "office",
                    signing_key=str(entry["signing_key"]) if entry.get("signing_key") else None,
                )
            )
    delete_by = manifest.get("delete_by")
    return HandoverFacts(
        archive_name=readable_file_name(archive.name),
        size=size,
        sha256=sha256,
        recipients=tuple(keys),
        passphrase=passphrase,
        delete_by=date.fromisoformat(delete_by) if delete_by else None,
        purpose=str(manifest.get("purpose") or "") if with_purpose else None,
    )


def instructions_text(facts: HandoverFacts) -> str:
    """The whole instructions, Japanese then English, with LF line ends (:func:`write_instructions` makes CRLF)."""
    return "\n".join((_RULE, _section(facts, "ja"), _RULE, _section(facts, "en"))) + "\n"


def write_instructions(path: Path, facts: HandoverFacts) -> Path:
    """Write :func:`instructions_text` to ``path`` as UTF-8 with BOM and CRLF, atomically; returns ``path``.

    Raises :class:`OutputError` when ``path`` exists or cannot be written; nothing is left behind then.
    """
    data = instructions_text(facts).replace("\n", "\r\n").encode("utf-8-sig")
    with AtomicFile(path) as target:
        try:
            target.write(data)
            target.commit()
        except OSError as err:
            raise OutputError(f"{path} could not be written: {err.strerror or type(err).__name__}.") from None
    return path


def _section(facts: HandoverFacts, lang: Language) -> str:
    name = safe_text(facts.archive_name)
    windows, posix = cmd_word(name), posix_word(name)
    kind = "passphrase" if facts.passphrase else "key"
    if facts.passphrase:
        who: Message = msg("handover.readme_who_passphrase")
    else:
        codes = "\n".join(f"    {holder.check_code}{_label(holder, lang)}" for holder in facts.recipients)
        who = msg("handover.readme_who_keys", codes=codes)
    open_exporter = msg(f"handover.readme_open_exporter_{kind}", commands=_commands(f"cmd_exporter_{kind}", name, lang))
    if facts.passphrase:
        open_age: Message | str = msg(
            "handover.readme_open_age_passphrase",
            commands=_commands(lambda file: f"age -d -o data.zip {file}", name, lang),
        )
    else:
        open_age = _commands("cmd_age_key", name, lang)
    delete_by: Message = (
        msg("handover.readme_delete_by", date=facts.delete_by.isoformat())
        if facts.delete_by
        else msg("handover.readme_no_delete_by")
    )
    purpose = (
        msg("handover.readme_purpose", purpose=safe_text(facts.purpose, multiline=False)).render(lang) + "\n"
        if facts.purpose is not None
        else ""
    )
    return msg(
        "handover.readme",
        name=name,
        size=facts.size,
        megabytes=_megabytes(facts.size),
        sha256=facts.sha256,
        delete_by=delete_by,
        purpose=purpose,
        who=who,
        open_exporter=open_exporter,
        open_age=open_age,
        windows_file=windows,
        posix_file=posix,
    ).render(lang)


def _commands(command: str | Callable[[str], str], name: str, lang: Language) -> str:
    """The command line for ``name`` (the message ``handover.<command>``, or what ``command`` makes of the quoted
    name), indented: one line when both shells take the same word, else a Windows (cmd) line and a Linux (any
    POSIX shell) line."""

    def line(file: str) -> str:
        return command(file) if callable(command) else msg(f"handover.{command}", file=file).render(lang)

    windows, posix = cmd_word(name), posix_word(name)
    if windows == posix:
        return "    " + line(posix)
    return f"    Windows:  {line(windows)}\n    Linux:    {line(posix)}"


def _label(holder: KeyHolder, lang: Language) -> str:
    """What follows a check code: the holder's name and organisation, and whether it is the office's own key."""
    who = " / ".join(safe_text(part, max_chars=200) for part in (holder.name, holder.organisation) if part)
    if holder.office:
        who = (
            msg("handover.readme_office_key", who=who).render(lang)
            if who
            else msg("handover.readme_office_key_unnamed").render(lang)
        )
    return f"  {who}" if who else ""


def _megabytes(size: int) -> str:
    """``size`` bytes in MB: one decimal, or two significant digits below 0.1 MB (a small file is not 0.0 MB)."""
    value = size / MEGABYTE
    return f"{value:,.1f}" if value >= 0.1 or size == 0 else f"{value:.2g}"


def posix_word(name: str) -> str:
    """``name`` (a file in the current folder) as one word for a POSIX shell that nothing expands: as it is when
    plain, else in single quotes with ``'\\''`` for a quote; ``./`` first when it starts with ``-``."""
    if name.startswith("-"):
        name = "./" + name
    return name if _SHELL_PLAIN.fullmatch(name) else "'" + name.replace("'", "'\\''") + "'"


def cmd_word(name: str) -> str:
    """``name`` as one word for Windows cmd: as it is when plain, else in double quotes; ``.\\`` first when it
    starts with ``-``. ``name`` holds no ``%`` or ``"`` (:func:`check_instructions_name`)."""
    if name.startswith("-"):
        name = ".\\" + name
    return name if _SHELL_PLAIN.fullmatch(name) else f'"{name}"'


__all__ = [
    "NAME_MAX",
    "SUFFIX",
    "HandoverFacts",
    "KeyHolder",
    "check_instructions_name",
    "cmd_word",
    "facts_from_manifest",
    "instructions_path",
    "instructions_text",
    "posix_word",
    "write_instructions",
]
