"""Passphrases a clerk can read aloud in Japanese over the phone, and a refusal of the ones an attacker would guess.

Generated form (the form of a Windows BitLocker recovery key, which municipal IT staff already read out):
eight groups of six half-width digits joined by hyphens,

    048290-713460-002541-961730-355234-810106-427702-093775

Each group is a multiple of 11 between 000000 and 999999 (90,910 values), drawn with :mod:`secrets`, so the
passphrase holds 8 x log2(90910) = 131.8 bits. Digits need no spelling and are read in Japanese as they are. The
multiple-of-11 rule catches every single mistyped digit and every swap of two neighbouring digits in a group
(10^k is +-1 modulo 11), and names the group ("group 3") before any scrypt work is done.

Normalisation (:func:`normalise`), the same on both sides (export and decrypt, command line and wizard), applied
where a passphrase enters the core (:func:`exporter.pipeline.run_export`, :func:`passphrase_identity`), never
inside :mod:`exporter.envelope`, so the age format stays byte-exact:

1. the typed text is NFKC-normalised (full-width digits become half-width, U+3000 becomes a space, the
   full-width hyphen U+FF0D becomes "-");
2. the separators are removed: spaces, tabs and the hyphen-like marks ``- ‐ ‑ ‒ – — ― − ー`` (ー is what a
   Japanese IME types for "-") and ``﹣``;
3. if exactly 48 ASCII digits remain, the passphrase is a generated one: each group of six is checked, and the
   canonical form ``dddddd-dddddd-...`` (half-width, hyphens) is what scrypt receives. That is also what to type
   into the age CLI. (So any passphrase of 48 digits counts as a generated one: a person's own must then pass the
   group check too.)
4. Any other passphrase is used exactly as typed (not even NFKC), so a passphrase a person chose still opens with
   the age CLI. One exception is refused instead of used: digits in eight separated groups whose total is not 48
   (a group typed with five or seven digits), which is named like a wrong digit.

Strength is estimated with zxcvbn (Dropbox's estimator, which knows common passwords, names, keyboard walks and
dates) rather than by counting character classes; the generated form passes it.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exporter.errors import PlanError
from exporter.messages import msg

if TYPE_CHECKING:
    from exporter.envelope import ScryptIdentity

MIN_GUESSES = 1e12
GROUPS = 8
GROUP_DIGITS = 6
CHECK_MODULUS = 11
_GROUP_VALUES = 10**GROUP_DIGITS // CHECK_MODULUS + 1  # 0, 11, ..., 999999: 90,910 values
GENERATED_BITS = GROUPS * math.log2(_GROUP_VALUES)  # 131.8
SEPARATORS = " \t-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\ufe63"
_SEPARATOR_RUN = re.compile(f"[{re.escape(SEPARATORS)}]+")
_DIGITS = re.compile(r"[0-9]+")
_ESTIMATE_CHARS = 72  # zxcvbn refuses longer input (and slows down before); a longer passphrase is judged by its
# first 72 characters, which can only make the estimate lower than the whole passphrase deserves


class PassphraseTypo(PlanError):
    """A passphrase in the generated shape with groups that cannot be right; ``groups`` are 1-based.

    The sentence names the first wrong group (and how many more there are), never the digits typed."""

    def __init__(self, groups: tuple[int, ...], *, lengths: tuple[int, ...] = ()) -> None:
        first = groups[0]
        if lengths:
            message = msg("handover.passphrase_group_length", group=first, digits=lengths[0])
        elif len(groups) == 1:
            message = msg("handover.passphrase_group_wrong", group=first)
        else:
            message = msg("handover.passphrase_groups_wrong", group=first, more=len(groups) - 1)
        super().__init__(message, hint=msg("handover.passphrase_group_hint"))
        self.groups = groups


@dataclass(frozen=True)
class Strength:
    guesses: float
    warning: str
    suggestions: tuple[str, ...]

    @property
    def bits(self) -> float:
        return math.log2(max(self.guesses, 1.0))

    @property
    def acceptable(self) -> bool:
        return self.guesses >= MIN_GUESSES


def generate() -> str:
    """A new passphrase in the canonical generated form: 8 groups of 6 digits, each a multiple of 11, joined by
    hyphens (55 characters, 131.8 bits from :mod:`secrets`)."""
    return "-".join(f"{secrets.randbelow(_GROUP_VALUES) * CHECK_MODULUS:0{GROUP_DIGITS}d}" for _ in range(GROUPS))


def generated_bits(passphrase: str) -> float:
    """The entropy in bits of a passphrase in the generated shape (:data:`GENERATED_BITS`); 0.0 for any other."""
    return GENERATED_BITS if is_generated(passphrase) else 0.0


def is_generated(typed: str) -> bool:
    """Whether ``typed`` normalises to a valid generated passphrase (right shape, every group a multiple of 11)."""
    try:
        return _canonical_digits(typed) is not None and bool(normalise(typed))
    except PassphraseTypo:
        return False


def normalise(typed: str) -> str:
    """The passphrase scrypt receives for what was typed (the module docstring has the rules).

    Returns the canonical ``dddddd-dddddd-...`` form for anything that is a generated passphrase once full-width
    characters and separators are folded, and ``typed`` itself, unchanged, for any other passphrase. Raises
    :class:`PassphraseTypo` (a :class:`PlanError`) naming the groups when the generated shape is recognised but a
    group is not a multiple of 11 or has the wrong number of digits. Never includes the passphrase in the error.
    """
    digits = _canonical_digits(typed)
    if digits is None:
        return typed
    groups = [digits[i : i + GROUP_DIGITS] for i in range(0, len(digits), GROUP_DIGITS)]
    wrong = tuple(index for index, group in enumerate(groups, start=1) if int(group) % CHECK_MODULUS)
    if wrong:
        raise PassphraseTypo(wrong)
    return "-".join(groups)


def _canonical_digits(typed: str) -> str | None:
    """The 48 digits of a passphrase in the generated shape, or None when it is not in that shape.

    Raises :class:`PassphraseTypo` for eight separated digit groups that do not add up to 48 digits."""
    folded = unicodedata.normalize("NFKC", typed)
    digits = _SEPARATOR_RUN.sub("", folded)
    if not _DIGITS.fullmatch(digits):
        return None
    if len(digits) == GROUPS * GROUP_DIGITS:
        return digits
    parts = [part for part in _SEPARATOR_RUN.split(folded) if part]
    if len(parts) == GROUPS:
        wrong = [(index, len(part)) for index, part in enumerate(parts, start=1) if len(part) != GROUP_DIGITS]
        raise PassphraseTypo(tuple(index for index, _ in wrong), lengths=tuple(length for _, length in wrong))
    return None


def passphrase_identity(typed: str, max_work_factor: int = 22) -> ScryptIdentity:
    """The identity that opens a passphrase archive with what the user typed (normalised by :func:`normalise`).

    The command line (``decrypt --passphrase-file``) and the Open window both call this. Raises
    :class:`PassphraseTypo` before any scrypt work when a generated passphrase has a wrong group.
    """
    from exporter.envelope import ScryptIdentity

    return ScryptIdentity(normalise(typed), max_work_factor=max_work_factor)


def estimate(passphrase: str) -> Strength:
    """zxcvbn's estimate of ``passphrase`` (its first 72 characters)."""
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:_ESTIMATE_CHARS])
    feedback = result.get("feedback") or {}
    return Strength(float(result["guesses"]), feedback.get("warning") or "", tuple(feedback.get("suggestions") or ()))


def require_strong(passphrase: str) -> None:
    """Refuse a passphrase that falls to fewer than 10^12 guesses, with what to do instead (a :class:`PlanError`)."""
    if not passphrase:
        raise PlanError("The passphrase is empty.", hint="Use --generate-passphrase to make a strong one.")
    strength = estimate(passphrase)
    if not strength.acceptable:
        advice = " ".join(filter(None, (strength.warning, *strength.suggestions)))
        raise PlanError(
            f"The passphrase is too weak: it could be guessed in about 10^{int(math.log10(strength.guesses))} tries.",
            hint=(advice + " " if advice else "") + "Use --generate-passphrase to make a strong one.",
        )


__all__ = [
    "GENERATED_BITS",
    "MIN_GUESSES",
    "PassphraseTypo",
    "Strength",
    "estimate",
    "generate",
    "generated_bits",
    "is_generated",
    "normalise",
    "passphrase_identity",
    "require_strong",
]
