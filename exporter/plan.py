"""What one export takes out of the building: filled in by the wizard or the command line, run by the pipeline."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exporter.display import first_unsafe
from exporter.errors import PlanError
from exporter.messages import msg
from exporter.sniff import DEFAULT_LIMITS, ReadLimits

_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
MAX_REASON = 1000  # characters of one column's reason
MAX_COLUMN_NAME = 1 << 16  # characters of one column name in the manifest: a header may be 4 MiB and more
# Characters no name or reason may hold: controls (Cc: line breaks, tabs, escapes), format characters (Cf: bidi
# overrides such as U+202E that make text read backwards, zero-width spaces U+200B) and the line and paragraph
# separators U+2028/U+2029; they split a header or a line, or make what is shown differ from what is stored.


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

    ``recipients`` are ``age1...`` keys; ``to`` are names from the address book (:mod:`exporter.keys.book`),
    resolved when the export runs. The office key from the settings is added to every export to keys;
    ``without_office_key`` leaves it out of a passphrase export on purpose (recorded in the manifest).
    ``shown_keys``: the keys whose check codes the clerk was shown (the wizard's Review page); when given, the
    export is refused unless the recipients it resolves (names from the book, the office key) are exactly these.
    ``passphrase`` is taken as typed; the pipeline normalises it (:func:`exporter.passphrase.normalise`).
    ``instructions``: also write ``<output>.README.txt`` beside the archive (:mod:`exporter.instructions`);
    ``instructions_purpose``: put the purpose in it too (it is left out otherwise).

    ``output_names`` maps a kept column (its name in the source) to the name it gets in data.csv's header (a
    column not in it keeps its own name); ``reasons`` maps a kept column to why it leaves the office (the wizard
    asks for one for each sensitive column). Both are recorded in the manifest; :func:`check_columns` refuses
    what would not make a sound header.

    Rows and values (:mod:`exporter.shaping`): ``where`` holds groups of conditions in the ``--where`` syntax
    (:mod:`exporter.filters`), ANDed within a group, ORed between groups (no group: every row); ``transforms``
    maps a kept column to ``KIND[:ARG]`` (:mod:`exporter.transforms`; absent: kept as it is), ``pseudonym_key``
    is the key file the ``pseudonym`` transform needs; ``reference_date`` is the day ages are counted on (None:
    the day of the export); ``max_unique_share`` (0 to 1) refuses an export whose share of unique rows among the
    quasi-identifiers is above it (:mod:`exporter.risk`); ``sheet`` names a workbook's sheet (None: the first).
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
    shown_keys: tuple[str, ...] = ()
    output_names: Mapping[str, str] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    where: tuple[tuple[str, ...], ...] = ()
    transforms: Mapping[str, str] = field(default_factory=dict)
    pseudonym_key: Path | None = None
    reference_date: date | None = None
    max_unique_share: float | None = None
    sheet: str | None = None
    profile: str | None = None  # the purpose profile of the IT policy (exporter.policy), by name
    register: Path | None = None  # REGISTER: append a record here before the archive is committed; None: no register
    signing_key: Path | None = None  # the office's signing key file (exporter.signing); None: not signed
    signing_passphrase: Secret | None = field(default=None, repr=False)  # its passphrase

    def header(self) -> tuple[str, ...]:
        """data.csv's header: each kept column's output name, in the kept order."""
        return tuple(self.output_names.get(column, column) for column in self.columns)


def parse_delete_by(text: str, today: date | None = None) -> date:
    """The delete-by date typed as ``YYYY-MM-DD`` (or ``YYYY/MM/DD``; full-width digits are read too, NFKC).

    Raises :class:`PlanError` for text that is not such a date and for a date before ``today`` (default: the
    local date), as :func:`check_delete_by` does. (The wizard's date field allows no past date; an archive whose
    date has passed since it was made is the recipient's concern, shown when it is opened.)
    """
    typed = unicodedata.normalize("NFKC", text).strip().replace("－", "-")
    match = _DATE.fullmatch(typed)
    try:
        day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:  # 2027-02-30
        day = None
    if day is None:
        raise PlanError(msg("plan.delete_by_not_a_date", text=text), hint=msg("plan.delete_by_format_hint"))
    check_delete_by(day, today)
    return day


def check_delete_by(day: date | None, today: date | None = None) -> None:
    """Refuse a delete-by date that has already passed (before ``today``, default the local date) with
    :class:`PlanError`: the recipient could not keep it. ``None`` (no date) is accepted."""
    today = today or date.today()
    if day is not None and day < today:
        raise PlanError(
            msg("plan.delete_by_passed", date=day.isoformat(), today=today.isoformat()),
            hint=msg("plan.delete_by_future_hint"),
        )


def column_pairs(option: str, pairs: Iterable[tuple[str, str]] | None) -> dict[str, str]:
    """``COLUMN=VALUE`` pairs of a repeatable option (``--rename``, ``--reason``) as a mapping; a column given
    twice is refused with :class:`PlanError` (the second would silently win otherwise)."""
    found: dict[str, str] = {}
    for column, value in pairs or ():
        if column in found:
            raise PlanError(msg("columns.given_twice", option=option, column=column))
        found[column] = value
    return found


def check_columns(plan: ExportPlan) -> None:
    """Refuse, with one sentence (:class:`PlanError`), a rename or a reason for a column that is not kept, an
    empty output name, one longer than :data:`MAX_COLUMN_NAME` or one holding a control or format character (a
    line break would split the header, a bidi override would make it read otherwise), two kept columns with the
    same output name, an output name that Excel would run as a formula (``=``, ``+``, ``-``, ``@``, tab or CR
    first), and an empty or over-long reason (more than :data:`MAX_REASON` characters) or one holding
    such a character (a reason is one line: a line break is refused too; ordinary spaces are fine)."""
    kept = set(plan.columns)
    for column in [*plan.output_names, *plan.reasons]:
        if column not in kept:
            raise PlanError(msg("columns.not_kept", column=column), hint=msg("columns.not_kept_hint"))
    for column, name in plan.output_names.items():
        if not name.strip():
            raise PlanError(msg("columns.empty_name", column=column))
        if len(name) > MAX_COLUMN_NAME:
            raise PlanError(msg("columns.long_name", column=column, length=len(name), limit=MAX_COLUMN_NAME))
        hidden = first_unsafe(name)
        if hidden is not None:
            raise PlanError(msg("columns.control_in_name", column=column, code=hidden))
    from exporter.transforms import FORMULA_STARTS

    seen: dict[str, str] = {}
    for column, name in zip(plan.columns, plan.header(), strict=True):
        if name.startswith(tuple(FORMULA_STARTS)):  # Excel would run data.csv's header cell as a formula
            raise PlanError(msg("columns.formula_name", column=column), hint=msg("columns.formula_name_hint"))
        if name in seen:
            raise PlanError(
                msg("columns.name_clash", name=name, first=seen[name], second=column),
                hint=msg("columns.name_clash_hint"),
            )
        seen[name] = column
    for column, reason in plan.reasons.items():
        if not reason.strip():
            raise PlanError(msg("columns.empty_reason", column=column))
        if len(reason) > MAX_REASON:
            raise PlanError(msg("columns.long_reason", column=column, length=len(reason), limit=MAX_REASON))
        hidden = first_unsafe(reason)
        if hidden is not None:
            raise PlanError(msg("columns.control_in_reason", column=column, code=hidden))
