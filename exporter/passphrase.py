"""Passphrases a clerk can read aloud over the phone, and a refusal of the ones an attacker would guess.

Strength is estimated with zxcvbn (Dropbox's estimator, which knows common passwords, names, keyboard walks and
dates) rather than by counting character classes. The word list is the EFF short list shipped by xkcdpass:
1,296 short, distinct, easily spoken words, so ten of them give 103 bits.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from functools import cache
from importlib import resources

from exporter.errors import PlanError
from exporter.messages import Message, msg

MIN_GUESSES = 1e12
GENERATED_BITS = 100
_ESTIMATE_CHARS = 72  # zxcvbn refuses longer input (and slows down before); a longer passphrase is judged by its
# first 72 characters, which can only make the estimate lower than the whole passphrase deserves


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


def estimate(passphrase: str) -> Strength:
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:_ESTIMATE_CHARS])
    feedback = result.get("feedback") or {}
    return Strength(float(result["guesses"]), feedback.get("warning") or "", tuple(feedback.get("suggestions") or ()))


def require_strong(passphrase: str) -> None:
    """Refuse a passphrase that falls to fewer than 10^12 guesses, with what to do instead."""
    if not passphrase:
        raise PlanError(msg("passphrase.empty"), hint=msg("passphrase.generate_hint"))
    strength = estimate(passphrase)
    if not strength.acceptable:
        from exporter.messages.passphrase import ZXCVBN

        hint = msg("passphrase.generate_hint")
        for advice in reversed([text for text in (strength.warning, *strength.suggestions) if text]):
            said: Message | str = msg(ZXCVBN[advice]) if advice in ZXCVBN else advice  # a newer zxcvbn's words
            hint = msg("passphrase.then", first=said, second=hint)
        raise PlanError(msg("passphrase.too_weak", power=int(math.log10(strength.guesses))), hint=hint)


@cache
def _words() -> tuple[str, ...]:
    text = resources.files("xkcdpass").joinpath("static/eff-short").read_text(encoding="utf-8")
    words = tuple(sorted({line.strip() for line in text.splitlines() if line.strip().isalpha()}))
    if len(words) < 1024:
        raise RuntimeError("The EFF short word list is incomplete.")
    return words


def generate(bits: int = GENERATED_BITS) -> str:
    """Words from the EFF short list, joined by hyphens, with at least ``bits`` bits of entropy."""
    words = _words()
    count = math.ceil(bits / math.log2(len(words)))
    return "-".join(secrets.choice(words) for _ in range(count))


def generated_bits(passphrase: str) -> float:
    """The entropy of a passphrase made by :func:`generate`."""
    return len(passphrase.split("-")) * math.log2(len(_words()))
