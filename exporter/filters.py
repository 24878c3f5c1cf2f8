"""Rows in scope: the ``--where`` conditions, parsed into a :class:`RowFilter` that marks the rows to keep.

Syntax (one condition per ``--where``; the conditions are ANDed; ``--or`` starts a new group, and a row is kept
when every condition of at least one group holds)::

    CONDITION := COLUMN OP VALUE | COLUMN is empty | COLUMN is not empty | age(COLUMN) OP NUMBER
    OP        := = | != | < | <= | > | >= | in | not in | contains

- COLUMN is a header name as written. A name that holds spaces, brackets, quotes, parentheses, commas or one of
  ``= ! < >`` may be written in ``[brackets]`` (``]]`` for a ``]`` inside) or ``"double quotes"`` (``""`` for a
  quote inside); a name with spaces is also found without them when the file has it (``birth date >= 1961-04-01``).
- OP: the word operators take any case (``IN``, ``Not In``); the full-width ``＝ ！ ＜ ＞`` and ``≠ ≦ ≧ ≤ ≥`` count
  as the ASCII operators, since a Japanese input method writes them.
- VALUE is the rest of the condition, trimmed; ``"double quotes"`` keep spaces at its ends (``""`` for a quote
  inside). For ``in`` / ``not in`` it is a list separated by commas (``,`` or ``，``), each item trimmed or quoted.

Meaning, cell by cell (a cell is compared as a clerk reads it: after Unicode NFKC, so full-width and half-width
letters, digits and kana are the same, and with spaces (also ideographic ones) at its ends left out):
- ``=`` / ``!=`` / ``in`` / ``not in``: the same text (case counts: ``ABC`` is not ``abc``). ``!=`` and ``not in``
  keep empty cells. ``contains``: the value appears in the cell.
- ``is empty``: the cell holds nothing but spaces; ``is not empty``: anything else.
- ``< <= > >=``: as dates when the value is a date (:mod:`exporter.dates`: 1961-04-01, 昭和36年4月1日, S36.4.1),
  else as numbers. A value of digits only (20260401) is a number: write dates with separators or an era. A number
  (in a value or a cell) is an optional sign, digits with optional thousands commas (1,234,567) and an optional
  decimal part (12.5); ``1e3``, ``¥1,000`` and ``1,000円`` are not numbers. A cell that is not a date (a number)
  never matches a comparison. Numbers compare exactly, as decimals (16-digit numbers and 0.1 too).
- ``age(COLUMN) OP N``: the completed years on the export's reference date of the birth date in COLUMN
  (:func:`exporter.dates.age_on`; N a whole number); a cell that is not a date never matches.

Examples: ``住民税区分 = 非課税``, ``age(生年月日) >= 65``, ``生年月日 <= 昭和36年4月1日``, ``care_level in 要介護1,
要介護2``, ``[備考 欄] is empty``, ``taxable_income < 1,000,000``, ``address_line contains 港町``.

Every condition is evaluated on the column's distinct values (Arrow compute, then ``take``), never row by row in
Python (:mod:`exporter.filter_masks`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pyarrow as pa

from exporter.dates import parse_date
from exporter.errors import PlanError
from exporter.messages import Message, msg

OPERATORS = ("=", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "is empty", "is not empty")
COMPARISONS = ("<", "<=", ">", ">=")
AGE_OPERATORS = ("=", "!=", "<", "<=", ">", ">=")
LIST_OPERATORS = ("in", "not in")
EMPTY_OPERATORS = ("is empty", "is not empty")

_FOLD = {"＝": "=", "！": "!", "＜": "<", "＞": ">", "≠": "!=", "≦": "<=", "≧": ">=", "≤": "<=", "≥": ">="}
_OPERATOR_CHARS = "=!<>" + "".join(_FOLD)
_WORD_OPERATOR = re.compile(r"(not\s+in|in|contains|is\s+not\s+empty|is\s+empty)(?=\s|$)", re.IGNORECASE)
_BARE_NAME = re.compile(r"[^\s\[\]\"(),，" + _OPERATOR_CHARS + r"]+")
_NUMBER = re.compile(r"[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?", re.ASCII)
_WHOLE = re.compile(r"\d{1,3}", re.ASCII)
_DATE_LIKE = re.compile(r"\d\s*[-/.年月]\s*\d|[年月日]|^(?:明治|大正|昭和|平成|令和|[MTSHRmtshr]\s*\d)", re.ASCII)


@dataclass(frozen=True)
class Condition:
    """One condition: ``column``, an operator of :data:`OPERATORS`, and the value as written (a tuple of items for
    ``in`` / ``not in``, None for ``is empty`` / ``is not empty``). ``age`` compares the age on the reference date
    of the birth date in ``column``."""

    column: str
    op: str
    value: str | tuple[str, ...] | None = None
    age: bool = False

    def text(self) -> str:
        """The canonical text of the condition (what the manifest records; parses back to this condition)."""
        return condition_text(self.column, self.op, self.value, age=self.age)


@dataclass(frozen=True)
class RowFilter:
    """Groups of conditions: a row is kept when every condition of at least one group holds."""

    groups: tuple[tuple[Condition, ...], ...] = ()
    columns: tuple[str, ...] = ()  # source columns the filter reads, in order of first use
    reference_date: date | None = None  # the day ages are counted on (needed when a condition uses age)

    def mask(self, columns: Mapping[str, pa.Array | pa.ChunkedArray]) -> pa.Array:
        """Boolean array (never null), True for each row kept. ``columns`` maps each name of :attr:`columns` to
        that column's cells (string or large_string, all of the same length); with no condition every row is
        kept (the length is taken from any array given; ValueError when there is none)."""
        from exporter.filter_masks import filter_mask

        return filter_mask(self, columns)

    def texts(self) -> list[list[str]]:
        """The canonical text of each condition, group by group (for the manifest and ``--where`` again)."""
        return [[condition.text() for condition in group] for group in self.groups]

    def __bool__(self) -> bool:
        return any(self.groups)


def count_in_scope(table: pa.Table, row_filter: RowFilter) -> int:
    """How many rows of ``table`` (holding at least ``row_filter.columns``) the filter keeps: the wizard's live
    count over the filter's columns held in memory."""
    if not row_filter:
        return int(table.num_rows)
    mask = row_filter.mask({name: table.column(name) for name in row_filter.columns})
    return int(mask.true_count)


def parse_filter(groups: Sequence[Sequence[str]], header: Sequence[str], *, reference_date: date) -> RowFilter:
    """The filter of ``groups`` of condition texts (AND within a group, OR between groups) over a file with
    ``header``. Raises PlanError with one sentence naming the part that does not parse, an unknown column (with
    close names as the hint), or a value that is not a date or number where one is needed."""
    parsed: list[tuple[Condition, ...]] = []
    for position, group in enumerate(groups, start=1):
        if not group:
            if len(groups) > 1:
                raise PlanError(msg("filters.empty_group", group=position))
            continue
        parsed.append(tuple(parse_condition(text, header) for text in group))
    columns = tuple(dict.fromkeys(condition.column for group in parsed for condition in group))
    return RowFilter(tuple(parsed), columns, reference_date)


def condition_text(column: str, op: str, value: str | Sequence[str] | None = None, *, age: bool = False) -> str:
    """One condition's text, quoting the column and the value where needed, so that :func:`parse_condition`
    gives back the same condition. ``value``: a list for ``in`` / ``not in``, None for ``is empty`` /
    ``is not empty``. ValueError for an operator not in :data:`OPERATORS` or a value missing."""
    if op not in OPERATORS:
        raise ValueError(f"unknown operator {op!r}")
    name = column if _BARE_NAME.fullmatch(column) and not column.lower().startswith("age(") else _bracketed(column)
    head = f"age({name})" if age else name
    if op in EMPTY_OPERATORS:
        return f"{head} {op}"
    if value is None:
        raise ValueError(f"operator {op!r} needs a value")
    if op in LIST_OPERATORS:
        items = [value] if isinstance(value, str) else list(value)
        if not items:
            raise ValueError("an empty list")
        return f"{head} {op} " + ", ".join(_quoted(item, list_item=True) for item in items)
    if not isinstance(value, str):
        raise ValueError(f"operator {op!r} takes one value")
    return f"{head} {op} {_quoted(value, list_item=False)}"


def _bracketed(column: str) -> str:
    return "[" + column.replace("]", "]]") + "]"


def _quoted(value: str, *, list_item: bool) -> str:
    plain = value and value == value.strip() and not value.startswith('"') and value[0] not in _OPERATOR_CHARS
    if plain and list_item and ("," in value or "，" in value):
        plain = False
    return value if plain else '"' + value.replace('"', '""') + '"'


class _Failure(Exception):
    """A candidate reading of a condition failed; ``stage`` says how far it got (0 column, 1 operator, 2 value)."""

    def __init__(self, stage: int, message: Message, hint: Message | None = None) -> None:
        super().__init__(message.id)
        self.stage, self.message, self.hint = stage, message, hint


def parse_condition(text: str, header: Sequence[str]) -> Condition:
    """One condition of the syntax above, over a file with ``header``; PlanError as :func:`parse_filter` says."""
    stripped = text.strip()
    if not stripped:
        raise PlanError(msg("filters.empty_condition"))
    known = set(header)
    failures: list[_Failure] = []
    for column, rest, age in _column_readings(stripped, known, failures):
        try:
            if column not in known:
                raise _Failure(
                    0, msg("filters.unknown_column", text=stripped, column=column), _close_names(column, header)
                )
            return _operation(stripped, column, rest, age)
        except _Failure as failure:
            failures.append(failure)
    if not failures:
        failures.append(_Failure(0, msg("filters.no_column", text=stripped), msg("filters.quote_column_hint")))
    best = max(failures, key=lambda failure: failure.stage)
    raise PlanError(best.message, hint=best.hint)


def _column_readings(text: str, known: set[str], failures: list[_Failure]) -> list[tuple[str, str, bool]]:
    """The ways ``text`` may start with a column, most likely first: (column, rest of the text, age)."""
    readings: list[tuple[str, str, bool]] = []
    if text[0] in '["':
        try:
            readings.append((*_quoted_name(text, text), False))
        except _Failure as failure:
            failures.append(failure)
    if text[:4].lower() == "age(":
        try:
            readings.append((*_age_column(text), True))
        except _Failure as failure:
            failures.append(failure)
    bare = re.match(r"[^\s" + _OPERATOR_CHARS + r"]+", text)
    if bare is not None and bare[0] in known:
        readings.append((bare[0], text[bare.end() :], False))
    for name in sorted((name for name in known if name and text.startswith(name)), key=len, reverse=True):
        if len(name) == len(text) or text[len(name)].isspace() or text[len(name)] in _OPERATOR_CHARS:
            readings.append((name, text[len(name) :], False))
    if bare is not None and bare[0] not in known and text[0] not in '["':
        readings.append((bare[0], text[bare.end() :], False))
    return readings


def _quoted_name(text: str, whole: str) -> tuple[str, str]:
    """A column name in [brackets] or "quotes" at the start of ``text``, and the text after it."""
    close = "]" if text[0] == "[" else '"'
    name, position = [], 1
    while True:
        found = text.find(close, position)
        if found < 0:
            raise _Failure(
                0, msg("filters.unclosed_column", text=whole, mark=text[0]), msg("filters.quote_column_hint")
            )
        name.append(text[position:found])
        if text[found + 1 : found + 2] == close:
            name.append(close)
            position = found + 2
            continue
        return "".join(name), text[found + 1 :]


def _age_column(text: str) -> tuple[str, str]:
    """The column inside ``age( )`` at the start of ``text``, and the text after the closing parenthesis."""
    inner = text[4:].lstrip()
    if inner[:1] in ("[", '"'):
        column, after = _quoted_name(inner, text)
    else:
        end = inner.find(")")
        if end < 0:
            raise _Failure(0, msg("filters.unclosed_age", text=text))
        column, after = inner[:end].strip(), inner[end:]
    after = after.lstrip()
    if not after.startswith(")"):
        raise _Failure(0, msg("filters.unclosed_age", text=text))
    return column, after[1:]


def _close_names(column: str, header: Sequence[str]) -> Message:
    import difflib

    folded = {unicodedata.normalize("NFKC", name).strip().casefold(): name for name in header}
    same = folded.get(unicodedata.normalize("NFKC", column).strip().casefold())
    close = [same] if same is not None else difflib.get_close_matches(column, list(header), n=3, cutoff=0.5)
    if close:
        return msg(f"reader.did_you_mean_{len(close)}", **dict(zip("abc", close, strict=False)))
    return msg("reader.see_columns_hint")


def _operator(rest: str) -> tuple[str, str] | None:
    """The operator at the start of ``rest`` (already without leading spaces) and the text after it."""
    word = _WORD_OPERATOR.match(rest)
    if word is not None:
        return " ".join(word[1].lower().split()), rest[word.end() :]
    first = _FOLD.get(rest[:1], rest[:1])
    if len(first) == 2:
        return first, rest[1:]
    second = _FOLD.get(rest[1:2], rest[1:2])
    if first in "!<>=" and second == "=" and first:
        return ("=" if first == "=" else first + "="), rest[2:]
    if first in ("<", ">", "="):
        return first, rest[1:]
    return None


def _operation(text: str, column: str, rest: str, age: bool) -> Condition:
    found = _operator(rest.lstrip())
    if found is None:
        if not rest.strip():
            raise _Failure(1, msg("filters.missing_operator", text=text))
        raise _Failure(1, msg("filters.no_operator", text=text, part=rest.strip().split()[0]))
    op, after = found
    if op in EMPTY_OPERATORS:
        if after.strip():
            raise _Failure(2, msg("filters.text_after_empty", text=text, op=op, part=after.strip()))
        return Condition(column, op, None, age) if not age else _age_refused(text)
    if age and op not in AGE_OPERATORS:
        _age_refused(text)
    if op in LIST_OPERATORS:
        return Condition(column, op, _list_items(text, op, after), age)
    value = _single_value(text, op, after)
    if op == "contains" and not unicodedata.normalize("NFKC", value).strip():
        raise _Failure(2, msg("filters.contains_nothing", text=text), msg("filters.contains_nothing_hint"))
    if age:
        if not _WHOLE.fullmatch(unicodedata.normalize("NFKC", value).strip()):
            raise _Failure(2, msg("filters.age_not_whole_number", text=text, value=value))
    elif op in COMPARISONS and comparison_bound(value) is None:
        if _DATE_LIKE.search(unicodedata.normalize("NFKC", value)):
            raise _Failure(2, msg("filters.not_a_date", text=text, value=value), msg("filters.date_format_hint"))
        raise _Failure(2, msg("filters.not_date_or_number", text=text, value=value, op=op))
    return Condition(column, op, value, age)


def _age_refused(text: str) -> Condition:
    raise _Failure(1, msg("filters.age_operator", text=text))


def _single_value(text: str, op: str, after: str) -> str:
    value = after.strip()
    if not value:
        raise _Failure(2, msg("filters.no_value", text=text, op=op))
    if value[0] in _OPERATOR_CHARS:  # !==, =>, =<, =!: a mistyped operator, not a value beginning with one
        typed = op + after[: len(after) - len(after.lstrip())] + value[0]
        raise _Failure(1, msg("filters.operator_typo", text=text, part=typed.replace(" ", "")),
                       msg("filters.operator_typo_hint"))  # fmt: skip
    if not value.startswith('"'):
        return value
    content, rest = _quoted_value(text, value)
    if rest.strip():
        raise _Failure(
            2, msg("filters.text_after_quote", text=text, part=rest.strip()), msg("filters.quote_value_hint")
        )
    return content


def _quoted_value(text: str, value: str) -> tuple[str, str]:
    parts, position = [], 1
    while True:
        found = value.find('"', position)
        if found < 0:
            raise _Failure(2, msg("filters.unclosed_quote", text=text, part=value), msg("filters.quote_value_hint"))
        parts.append(value[position:found])
        if value[found + 1 : found + 2] == '"':
            parts.append('"')
            position = found + 2
            continue
        return "".join(parts), value[found + 1 :]


def _list_items(text: str, op: str, after: str) -> tuple[str, ...]:
    rest = after.strip()
    if not rest:
        raise _Failure(2, msg("filters.no_value", text=text, op=op))
    items: list[str] = []
    while True:
        rest = rest.lstrip()
        if rest.startswith('"'):
            item, rest = _quoted_value(text, rest)
            rest = rest.lstrip()
            if rest and rest[0] not in ",，":
                raise _Failure(
                    2, msg("filters.text_after_quote", text=text, part=rest), msg("filters.quote_value_hint")
                )
        else:
            cut = min((i for i in (rest.find(","), rest.find("，")) if i >= 0), default=len(rest))
            item, rest = rest[:cut].strip(), rest[cut:]
            if not item:
                raise _Failure(2, msg("filters.empty_list_item", text=text, op=op))
        items.append(item)
        if not rest:
            return tuple(items)
        rest = rest[1:]
        if not rest.strip():
            raise _Failure(2, msg("filters.empty_list_item", text=text, op=op))


def comparison_bound(value: str) -> Decimal | date | None:
    """What ``< <= > >=`` compare a value with: a number as an exact decimal (a value of digits only is a number),
    else a date, else None."""
    normal = unicodedata.normalize("NFKC", value).strip()
    if _NUMBER.fullmatch(normal):
        return Decimal(normal.replace(",", ""))
    return parse_date(value)


__all__ = [
    "OPERATORS",
    "Condition",
    "RowFilter",
    "comparison_bound",
    "condition_text",
    "count_in_scope",
    "parse_condition",
    "parse_filter",
]
