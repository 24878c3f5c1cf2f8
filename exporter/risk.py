"""Re-identification risk of the rows about to leave: how many residents their quasi-identifiers single out.

A *quasi-identifier* is a detail that does not name a person but that others can know or look up: birth date
(or what a transform leaves of it: year, age band), age, gender, postal code, address. Rows that agree on every
kept quasi-identifier form one *group* (ARX's equivalence class). Two figures are reported, with ARX's definitions
(``org.deidentifier.arx.risk``, prosecutor attacker model, no population model: the rows exported are all the
recipient has):

* **unique rows** and their **share**: rows alone in their group, over all rows. This is ARX's *sample
  uniqueness* (``RiskModelSampleUniqueness.getFractionOfUniqueRecords``, the ``SampleUniqueness`` criterion's
  "fraction of tuples in classes of size 1"); it equals ARX's prosecutor "records at risk" for a threshold of one
  half. ``--max-unique-share`` compares against it.
* **k**, the smallest group's size (k-anonymity): ARX's highest prosecutor risk is ``1 / k``. ``k`` is 0 when
  there are no rows; with no quasi-identifier at all every row is in one group (``k == rows``).

Also ``groups`` (the number of distinct combinations; ARX's average prosecutor risk is ``groups / rows``).
Values are compared exactly as text, the empty cell being one more value (as ARX treats a missing value when it
is not suppressed): two residents without a postal code agree on it.

Names, kana, phone numbers, e-mail addresses, resident, household and My Numbers are *direct* identifiers, not
quasi-identifiers: with one of them kept each row names its resident outright and counting groups measures
nothing more (ARX, too, measures risk only once identifying attributes are removed), so :func:`direct_identifiers`
lists them separately, :func:`direct_sentence` says so to the clerk, the export does not count the groups then and
the manifest records those columns instead (:func:`direct_manifest_entry`). A pseudonym (or a mask) of such a
column is neither: it tells residents apart without saying who they are.

:class:`exporter.risk_counter.RiskCounter` counts the groups batch by batch, in bounded memory: exactly up to a
cap of combinations, beyond it on a sample of them, when the figures are estimates (:attr:`Risk.sample_level`).
No pandas here: it is kept out of the program (size and start-up); the tests use it as the oracle.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exporter.errors import PlanError
from exporter.messages import Message, msg

__all__ = [
    "DIRECT_IDENTIFIER_CATEGORIES",
    "MASK_UNNAMES_AT_MOST",
    "QUASI_IDENTIFIER_CATEGORIES",
    "Risk",
    "check_direct_limit",
    "check_unique_share",
    "direct_identifiers",
    "direct_manifest_entry",
    "direct_sentence",
    "percent",
    "quasi_identifiers",
    "unique_share_limit",
]

# classify.Category values. "birth" covers birth dates and ages (classify puts 年齢 there), "address" postal codes,
# prefectures, cities and address lines.
QUASI_IDENTIFIER_CATEGORIES = ("birth", "gender", "address")
DIRECT_IDENTIFIER_CATEGORIES = ("my_number", "identifier", "name", "contact")
# A mask that keeps at most this many of the last characters no longer names anyone (the last 4 digits of a phone
# or an account, as on a receipt); one that keeps more still does (mask:12 of a phone keeps all but its leading 0).
MASK_UNNAMES_AT_MOST = 4


def quasi_identifiers(columns: Sequence[str], categories: Sequence[str]) -> tuple[str, ...]:
    """The kept columns that are quasi-identifiers, in their order.

    ``columns`` are the kept columns (the names the caller wants back: output names for the Review page and the
    manifest) and ``categories`` their :class:`exporter.classify.Category` values, one each. A transformed column
    keeps its source's category (a birth date as an age band is still a quasi-identifier, only coarser).
    Raises ValueError when the two sequences differ in length (a bug).
    """
    if len(columns) != len(categories):
        raise ValueError(f"{len(columns)} columns but {len(categories)} categories")
    return tuple(
        name for name, category in zip(columns, categories, strict=True) if category in QUASI_IDENTIFIER_CATEGORIES
    )


def direct_identifiers(
    columns: Sequence[str], categories: Sequence[str], transforms: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The kept columns that name a resident outright (names, contact details, resident and My Numbers), in order.

    ``transforms`` maps a column (as named in ``columns``) to its transform text ``KIND[:ARG]``; a column made a
    pseudonym, or masked to at most its last :data:`MASK_UNNAMES_AT_MOST` characters, is left out. Raises
    ValueError when ``columns`` and ``categories`` differ in length.
    """
    if len(columns) != len(categories):
        raise ValueError(f"{len(columns)} columns but {len(categories)} categories")
    transforms = transforms or {}
    return tuple(
        name
        for name, category in zip(columns, categories, strict=True)
        if category in DIRECT_IDENTIFIER_CATEGORIES and not _unnamed(transforms.get(name, "keep"))
    )


def _unnamed(transform: str) -> bool:
    """Whether a transform (``KIND[:ARG]``) leaves a direct identifier naming no one: a pseudonym, a short mask."""
    kind, _, argument = transform.partition(":")
    if kind == "pseudonym":
        return True
    return kind == "mask" and argument.isdigit() and int(argument) <= MASK_UNNAMES_AT_MOST


def direct_manifest_entry(direct: Sequence[str], quasi: Sequence[str], rows: int) -> dict[str, object]:
    """The manifest's ``risk`` when ``direct`` identifiers are kept (:func:`direct_identifiers`): those columns,
    the quasi-identifiers kept beside them and the rows; no group figures, since every row names its resident
    and the export does not count the groups then."""
    return {"direct_identifiers": list(direct), "quasi_identifiers": list(quasi), "rows": rows}


def direct_sentence(columns: Sequence[str]) -> Message | None:
    """The sentence that the rows name residents directly through ``columns`` (from :func:`direct_identifiers`),
    or None when there is none."""
    return msg("risk.direct", columns=_joined(columns)) if columns else None


@dataclass(frozen=True)
class Risk:
    """How identifiable the rows are from their quasi-identifiers (definitions in the module docstring).

    ``columns``: the quasi-identifier columns measured (output names), ``rows``: rows measured, ``unique``: rows
    alone in their group, ``smallest_group``: k (0 when there are no rows), ``groups``: distinct combinations.

    ``sample_level`` 0: the figures are exact. Above 0 there were more combinations than the counter holds
    (:data:`exporter.risk_counter.MAX_GROUPS`) and it counted one combination in ``2 ** sample_level``, each with all
    its rows: ``unique`` and ``groups`` are then estimates for all the rows, and ``smallest_group`` the smallest
    group among those counted (k itself may be smaller; it is exact when that is 1).
    """

    columns: tuple[str, ...]
    rows: int
    unique: int
    smallest_group: int
    groups: int
    sample_level: int = 0

    @property
    def estimated(self) -> bool:
        """True when the figures come from a sample of the combinations (``sample_level`` > 0)."""
        return self.sample_level > 0

    @property
    def unique_share(self) -> float:
        """``unique / rows`` between 0 and 1 (0 when there are no rows)."""
        return self.unique / self.rows if self.rows else 0.0

    @property
    def average_risk(self) -> float:
        """ARX's average prosecutor risk, ``groups / rows`` (0 when there are no rows)."""
        return self.groups / self.rows if self.rows else 0.0

    def manifest_entry(self) -> dict[str, object]:
        """The figures for manifest.json: quasi-identifier columns, rows, unique rows, their share (rounded to 6
        decimals; ``unique_rows / rows`` is exact), k and the number of groups; for estimates also
        ``sampled_share``, the share of the combinations that were counted (``2 ** -sample_level``)."""
        entry: dict[str, object] = {
            "quasi_identifiers": list(self.columns),
            "rows": self.rows,
            "unique_rows": self.unique,
            "unique_share": round(self.unique_share, 6),
            "smallest_group": self.smallest_group,
            "groups": self.groups,
        }
        if self.estimated:
            entry["sampled_share"] = 2.0**-self.sample_level
        return entry

    def sentence(self) -> Message:
        """The figures in plain words for the clerk (the Review page and the command line), naming the columns."""
        if not self.rows:
            return msg("risk.no_rows")
        if not self.columns:
            return msg("risk.no_quasi_identifier", rows=self.rows)
        columns = _subject(self.columns)
        if self.estimated:
            sampled = 1 << self.sample_level
            if self.unique:
                return msg(
                    "risk.unique_estimated",
                    unique=self.unique,
                    rows=self.rows,
                    share=about(self.unique_share),
                    columns=columns,
                    sampled=sampled,
                )
            return msg("risk.k_estimated", rows=self.rows, k=self.smallest_group, columns=columns, sampled=sampled)
        if self.unique == 1:
            return msg("risk.unique_one", rows=self.rows, share=percent(self.unique_share), columns=columns)
        if self.unique:
            return msg(
                "risk.unique", unique=self.unique, rows=self.rows, share=percent(self.unique_share), columns=columns
            )
        return msg(
            "risk.k_anonymous", rows=self.rows, k=self.smallest_group, others=self.smallest_group - 1, columns=columns
        )


def check_unique_share(risk: Risk, limit: float | None) -> None:
    """Raise PlanError (with a hint on how to coarsen) when ``risk.unique_share`` is above ``limit`` (0..1);
    ``None`` means no limit. A limit of 0 refuses any row that is unique. Without a quasi-identifier nothing is
    measured and nothing is refused (a single row is its own group then, but no detail of it singles it out)."""
    if limit is None or not risk.columns or risk.unique_share <= limit:
        return
    share, shown_limit = percent(risk.unique_share), percent(limit)
    if str(share) == str(shown_limit):  # both round alike (94.7% above 94.7%): as many decimals as tell them apart
        digits = next((d for d in range(2, 10) if f"{risk.unique_share * 100:.{d}f}" != f"{limit * 100:.{d}f}"), 9)
        share, shown_limit = f"{risk.unique_share * 100:.{digits}f}%", f"{limit * 100:.{digits}f}%"
    figures: dict[str, object] = {"unique": risk.unique, "rows": risk.rows, "share": share, "limit": shown_limit}
    if risk.estimated:
        figures["share"] = msg("risk.share_about", share=share) if isinstance(share, str) else share
        sentence = msg(
            "risk.above_limit_estimated", **figures, columns=_subject(risk.columns), sampled=1 << risk.sample_level
        )
    else:
        sentence = msg("risk.above_limit", **figures, columns=_subject(risk.columns))
    raise PlanError(sentence, hint=msg("risk.above_limit_hint"))


def check_direct_limit(direct: Sequence[str], limit: float | None) -> None:
    """Raise PlanError when a limit on unique rows (``--max-unique-share``, below 100 %) is set while ``direct``
    identifiers are kept (:func:`direct_identifiers`): each row then names its resident, so every row is as good
    as unique whatever the quasi-identifiers show. Checked before any work."""
    if limit is None or limit >= 1 or not direct:
        return
    raise PlanError(
        msg("risk.direct_above_limit", columns=_joined(direct), limit=percent(limit)),
        hint=msg("risk.direct_above_limit_hint", kept=MASK_UNNAMES_AT_MOST),
    )


def unique_share_limit(text: str) -> float:
    """argparse type of ``--max-unique-share``: a share from 0 to 1 (``0.05``) or a percentage from 0% to 100%
    (``5%``, ``5 %``, full-width ``５％``). A bare number above 1 is refused rather than read as a percentage, so
    that ``5`` is not taken silently for 5 % or for 500 %."""
    folded = unicodedata.normalize("NFKC", text).strip()
    percentage = folded.endswith("%")
    number = folded.removesuffix("%").strip()
    try:
        value = float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("risk.value_not_share", text=text))) from None
    if percentage:
        value /= 100
    if not 0 <= value <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(str(msg("risk.value_share_range")))
    return value


def about(share: float) -> Message:
    """An estimated share for a sentence: "about 21.2%", or "over 99.9%" / "under 0.001%" as they are."""
    shown = percent(share)
    return shown if isinstance(shown, Message) else msg("risk.share_about", share=shown)


def percent(share: float) -> str | Message:
    """A share (0..1) as a percentage for a sentence: one decimal at most ("21.2%", "5%"), two significant digits
    below 0.1 % ("0.042%"), "under 0.001%" below that and "over 99.9%" short of 100 %, so that a few unique rows
    never read as 0 % and a few shared ones never as 100 %."""
    value = share * 100
    if value == 0:
        return "0%"
    if 99.95 <= value < 100:
        return msg("risk.share_over", limit="99.9%")
    if value >= 0.1:
        return f"{value:.1f}".rstrip("0").rstrip(".") + "%"
    if value >= 0.001:
        return f"{value:.2g}%"
    return msg("risk.share_under", limit="0.001%")


def _joined(columns: Sequence[str]) -> str | Message:
    """Column names as one phrase in the reader's language: "a", "a and b", "a, b and c"."""
    if len(columns) <= 1:
        return "".join(columns)
    if len(columns) == 2:
        return msg("risk.columns_pair", first=columns[0], second=columns[1])
    return msg("risk.columns_more", first=columns[0], rest=_joined(columns[1:]))


def _subject(columns: Sequence[str]) -> Message:
    """What residents share or not, as the subject of a sentence: "birth_date" / "生年月日 の値", "birth_date and
    gender" / "生年月日、性別 の組み合わせ"."""
    if len(columns) == 1:
        return msg("risk.subject_one", column=columns[0])
    return msg("risk.subject_many", columns=_joined(columns))
