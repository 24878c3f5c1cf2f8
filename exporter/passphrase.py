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
   full-width hyphen U+FF0D becomes "-", the full-width tilde U+FF5E "~");
2. the separators are removed: spaces, tabs and the hyphen-like marks ``- ‐ ‑ ‒ – — ― − ー`` (ー is what a
   Japanese IME types for "-"), ``﹣``, and the wave dashes ``~ 〜`` that some clerks write between groups;
3. if exactly 48 ASCII digits remain, the passphrase is a generated one: each group of six is checked, and the
   canonical form ``dddddd-dddddd-...`` (half-width, hyphens) is what scrypt receives. That is also what to type
   into the age CLI. (So any passphrase of 48 digits counts as a generated one: a person's own must then pass the
   group check too.)
4. Any other passphrase is used exactly as typed (not even NFKC), so a passphrase a person chose still opens with
   the age CLI. One exception is refused instead of used: digits in eight separated groups whose total is not 48
   (a group typed with five or seven digits), which is named like a wrong digit.

Strength is estimated with zxcvbn (Dropbox's estimator, which knows common passwords, names, keyboard walks and
dates) rather than by counting character classes. zxcvbn cannot judge 48 digits (it rates 000000-000000-... at
10^12 guesses and 111111-222222-...-888888 at 10^39), so a passphrase in the generated shape is judged instead by
the patterns a person makes up when not using Generate (:func:`pattern_problem`); each rule removes a negligible
part of what :func:`generate` draws, which redraws rather than produce a refused passphrase:

- all 8 groups distinct (a random draw repeats a group with probability 28/90910 = 0.03 %);
- at most one "plain" group of one or two digit values, like 000000, 111111, 000011 or 121212 (820 of the 90,910
  groups, 0.9 %; two or more plain groups in a random draw: 0.22 %);
- at least 6 different digit values among the 48 digits (a random draw has 5 or fewer with probability below
  C(10,5) x 2^-48 = 9e-13).

So the refused share of the generated space is below 0.3 %, which costs under 0.005 of its 131.8 bits.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exporter.errors import PlanError
from exporter.messages import Message, msg

if TYPE_CHECKING:
    from exporter.envelope import ScryptIdentity

MIN_GUESSES = 1e12
GROUPS = 8
GROUP_DIGITS = 6
CHECK_MODULUS = 11
_GROUP_VALUES = 10**GROUP_DIGITS // CHECK_MODULUS + 1  # 0, 11, ..., 999999: 90,910 values
GENERATED_BITS = GROUPS * math.log2(_GROUP_VALUES)  # 131.8
SEPARATORS = " \t-~\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u301c\u30fc\ufe63"
_SEPARATOR_RUN = re.compile(f"[{re.escape(SEPARATORS)}]+")
_DIGITS = re.compile(r"[0-9]+")
MIN_DIGIT_VALUES = 6  # of the 48 digits of a generated-shape passphrase (module docstring: why these numbers)
MAX_PLAIN_GROUPS = 1  # groups of at most PLAIN_GROUP_VALUES digit values, such as 000000 or 121212
PLAIN_GROUP_VALUES = 2
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
    hyphens (55 characters, 131.8 bits from :mod:`secrets`), redrawn in the rare case (under 0.3 %) that it has a
    pattern :func:`require_strong` refuses, so a generated passphrase is always accepted."""
    while True:
        drawn = "-".join(f"{secrets.randbelow(_GROUP_VALUES) * CHECK_MODULUS:0{GROUP_DIGITS}d}" for _ in range(GROUPS))
        if pattern_problem(drawn) is None:
            return drawn


def pattern_problem(canonical: str) -> Message | None:
    """Why a passphrase in the canonical generated form (``dddddd-dddddd-...``, as :func:`normalise` returns it) is
    a made-up pattern rather than a random draw, or None (the rules and their numbers: the module docstring)."""
    groups = canonical.split("-")
    if len(set(groups)) < len(groups):
        return msg("passphrase.repeated_group")
    if sum(len(set(group)) <= PLAIN_GROUP_VALUES for group in groups) > MAX_PLAIN_GROUPS:
        return msg("passphrase.plain_groups")
    if len(set("".join(groups))) < MIN_DIGIT_VALUES:
        return msg("passphrase.few_digit_values", least=MIN_DIGIT_VALUES)
    return None


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
    """Refuse a weak passphrase with what to do instead (a :class:`PlanError`): one in the generated shape with a
    made-up pattern (:func:`pattern_problem`), any other that falls to fewer than 10^12 guesses (zxcvbn).

    ``passphrase`` is folded with :func:`normalise` first (so it may raise :class:`PassphraseTypo`); the export,
    keygen, and the wizard's pages all decide with this one function."""
    if not passphrase:
        raise PlanError(msg("passphrase.empty"), hint=msg("passphrase.generate_hint"))
    passphrase = normalise(passphrase)
    if _canonical_digits(passphrase) is not None:
        problem = pattern_problem(passphrase)
        if problem is not None:
            raise PlanError(problem, hint=msg("passphrase.generate_hint"))
        return
    strength = estimate(passphrase)
    if not strength.acceptable:
        from exporter.messages.passphrase import ZXCVBN

        hint = msg("passphrase.generate_hint")
        for advice in reversed([text for text in (strength.warning, *strength.suggestions) if text]):
            said: Message | str = msg(ZXCVBN[advice]) if advice in ZXCVBN else advice  # a newer zxcvbn's words
            hint = msg("passphrase.then", first=said, second=hint)
        raise PlanError(msg("passphrase.too_weak", power=int(math.log10(strength.guesses))), hint=hint)


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
    "pattern_problem",
    "require_strong",
]
