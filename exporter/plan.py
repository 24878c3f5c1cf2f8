"""What one export takes out of the building: filled in by the wizard or the command line, run by the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exporter.sniff import DEFAULT_LIMITS, ReadLimits


class Secret:
    """A passphrase that shows itself only on purpose, so it cannot slip into a log, a repr or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class ExportPlan:
    """Columns in the order they are kept, and who may open the archive: age recipients or one passphrase.

    ``passphrase`` is taken as typed; the pipeline normalises it (:func:`exporter.passphrase.normalise`).
    ``instructions``: also write ``<output>.README.txt`` beside the archive (:mod:`exporter.instructions`);
    ``instructions_purpose``: put the purpose in it too (it is left out otherwise).
    ``recipients`` are ``age1...`` keys; ``to`` are names from the address book (:mod:`exporter.keys.book`),
    resolved when the export runs. The office key from the settings is added to every export to keys;
    ``without_office_key`` leaves it out of a passphrase export on purpose (recorded in the manifest).
    """

    source: Path
    columns: tuple[str, ...]
    output: Path
    recipients: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    passphrase: Secret | None = field(default=None, repr=False)
    purpose: str = ""
    recipient_organisation: str = ""
    delete_by: date | None = None
    encoding: str | None = None
    delimiter: str | None = None
    limits: ReadLimits = DEFAULT_LIMITS
    instructions: bool = False
    instructions_purpose: bool = False
    without_office_key: bool = False
