"""What a clerk pasted (or loaded) as recipients on the Protection page, read without Qt: public keys one per line,
each maybe followed by its signing key line (``RW…``), or a whole key card as the recipient copied it
(:func:`exporter.keys.card.parse_card_text`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from exporter.envelope import X25519Recipient
from exporter.errors import ExporterError
from exporter.messages import Message


@dataclass(frozen=True)
class Pasted:
    """``keys`` the public keys in order (None: a line is not a key, ``problem`` says why without quoting it);
    ``signing`` a pasted signing key by the public key it follows."""

    keys: tuple[str, ...] | None
    problem: ExporterError | None = None
    signing: dict[str, str] = field(default_factory=dict)


def about_signing_key(error: ExporterError | None) -> bool:
    """Whether ``error`` is the sentence about a pasted signing key line (RW…) that is not one."""
    message = None if error is None else error.message
    return isinstance(message, Message) and "signing_key" in message.id


def parse_pasted(text: str) -> Pasted:
    """The keys in ``text``: blank lines and ``#`` comments skipped; a line starting ``RW`` after a key is that
    key's signing key; text that is not one key per line is read as a key card when it is one. The first line
    that is neither is refused (``keys`` None) with the key parser's sentence, or the card's when its signing key
    line is damaged."""
    from exporter.keys.card import checked_signing_key, parse_card_text

    signing: dict[str, str] = {}
    keys: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            if stripped.startswith("RW") and keys:
                signing[keys[-1]] = checked_signing_key(stripped)
            else:
                keys.append(str(X25519Recipient.parse(stripped)))
        except ExporterError as err:
            try:
                card = parse_card_text(text)
            except ExporterError as card_err:
                return Pasted(None, card_err if about_signing_key(card_err) else err)  # a damaged RW line: say that
            return Pasted((card.public_key,), None, {card.public_key: card.signing_key} if card.signing_key else {})
    return Pasted(tuple(dict.fromkeys(keys)), None, signing)
