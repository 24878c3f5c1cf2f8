"""The key card: what a recipient sends to the city, and what both sides read aloud to confirm a key.

It holds the public key, the recipient's signing key when the card was made from their identity (the public half
of :func:`exporter.keys.recipient_signing.recipient_signing_key`, minisign's ``RW...`` line), the check code of
both (:func:`exporter.keys.check_code.key_set_check_code`) and the plain sentence that only public keys are to be
sent. Never anything secret: a card is made from public keys alone.

    あなたの公開鍵（これを送り主に送ってください）：
    age1...
    署名確認用の公開鍵（受領書と削除の報告を確かめるためのものです）：
    RW...
    確認コード：4817-0293-5561-7020-3948
    送るのはこの 2 つの公開鍵だけです。...

A card without a signing key (made before issue 11, or for a key given as ``age1...`` alone) has no signing lines
and its code is the age key's own code, as before.

:func:`parse_card_text` reads a card back (a card file, or its text pasted): the one ``age1...`` key in it and, when
there is one, the ``RW...`` line; every other line (the card's sentences, in either language) is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporter.errors import PlanError
from exporter.keyfiles import FileKind
from exporter.keys.check_code import key_set_check_code
from exporter.messages import LANGUAGES, Language, msg

MAX_LINE = 1000  # a line longer than this is no key and no card sentence
KEY_CARD_FILE = FileKind("key card", 64 * 1024)


@dataclass(frozen=True)
class KeyCard:
    """A public key (``age1...``), the signing key (``RW...``, None on old cards), and what is said about them."""

    public_key: str
    signing_key: str | None = None

    @property
    def check_code(self) -> str:
        """``dddd-dddd-dddd-dddd-dddd``, the key set's code, the same wherever these keys appear."""
        return key_set_check_code(self.public_key, self.signing_key)

    def lines(self, lang: Language | None = None) -> list[str]:
        """The card as lines in ``lang`` (default: the current language): title, key, the signing key's caption
        and line (when there is one), check code, advice."""
        if self.signing_key is None:
            return [
                msg("keys.card_title").render(lang),
                self.public_key,
                msg("keys.card_check_code", code=self.check_code).render(lang),
                msg("keys.card_send_only").render(lang),
                msg("keys.card_read_aloud").render(lang),
            ]
        return [
            msg("keys.card_title").render(lang),
            self.public_key,
            msg("keys.card_signing_title").render(lang),
            self.signing_key,
            msg("keys.card_check_code", code=self.check_code).render(lang),
            msg("keys.card_send_only_both").render(lang),
            msg("keys.card_read_aloud_both").render(lang),
        ]

    def render(self, lang: Language | None = None) -> str:
        """The card as text in one language, lines joined by ``\\n``."""
        return "\n".join(self.lines(lang))

    def file_text(self) -> str:
        """The card file's text: Japanese, then English, CRLF line ends (Windows Notepad shows it as is)."""
        return "\r\n\r\n".join("\r\n".join(self.lines(lang)) for lang in LANGUAGES) + "\r\n"


def write_card(path: Path, card: KeyCard) -> None:
    """Write ``card.file_text()`` to ``path`` as UTF-8 with a BOM (so Notepad reads it as UTF-8), appearing only when
    complete and never over an existing file. Raises OutputError with one sentence."""
    from exporter.atomic import AtomicFile

    with AtomicFile(path) as out:
        out.write(("\ufeff" + card.file_text()).encode("utf-8"))
        out.commit()


def parse_card_text(text: str, source: str = "") -> KeyCard:
    """The keys of a key card's text (a card file as :func:`write_card` writes it, a card pasted from an e-mail,
    or just the ``age1...`` line and, optionally, the ``RW...`` line).

    A line is the age key when it starts with ``age1`` (any case) and the signing key when it is one word starting
    with ``RW``; each may appear more than once (the card is in two languages) but must be the same each time.
    Other lines are ignored. ``source`` names where the text came from (a file) in sentences, or "" for pasted
    text. Raises PlanError with one sentence, never quoting the text (a secret key pasted by mistake is not shown):
    no age key, two different ones, a malformed age key or signing key line, a secret key in the text.
    """
    from exporter.display import looks_like_secret_key
    from exporter.envelope import X25519Recipient
    from exporter.envelope.x25519 import EXPOSED_KEY_ADVICE
    from exporter.errors import ExporterError
    from exporter.signing import parse_public_key

    where = {"source": source} if source else {}
    prefix = "keys.card_file_" if source else "keys.card_text_"
    ages: set[str] = set()
    signing: set[str] = set()
    for raw in text.removeprefix("\ufeff").splitlines():
        line = raw.strip()
        if looks_like_secret_key(line):
            raise PlanError(msg(prefix + "secret_key", **where), hint=EXPOSED_KEY_ADVICE)
        if len(line) > MAX_LINE:
            continue
        if line.lower().startswith("age1"):
            try:
                ages.add(str(X25519Recipient.parse(line)))
            except ExporterError:
                raise PlanError(msg(prefix + "bad_key", **where)) from None
        elif line.startswith("RW") and len(line.split()) == 1:
            try:
                signing.add(parse_public_key(line).minisign_line())
            except ExporterError:
                raise PlanError(
                    msg(prefix + "bad_signing_key", **where), hint=msg("keys.card_bad_signing_key_hint")
                ) from None
    if not ages:
        raise PlanError(msg(prefix + "no_key", **where))
    if len(ages) > 1 or len(signing) > 1:
        raise PlanError(msg(prefix + "two_keys", **where))
    return KeyCard(ages.pop(), signing.pop() if signing else None)


def read_card_file(path: Path) -> KeyCard:
    """The keys of the key card file ``path`` (:func:`parse_card_text`), read within a small size limit (UTF-8,
    with or without a BOM). Raises PlanError with one sentence naming the file."""
    from exporter.keyfiles import read_small_file

    return parse_card_text(read_small_file(path, KEY_CARD_FILE).text, str(path))


def checked_signing_key(line: str) -> str:
    """A signing key given on its own (``--signing-key RW...``), as minisign writes it; PlanError with one
    sentence (never quoting it) when it is not one."""
    from exporter.errors import ExporterError
    from exporter.signing import parse_public_key

    try:
        return parse_public_key(line).minisign_line()
    except ExporterError:
        raise PlanError(msg("keys.bad_signing_key"), hint=msg("keys.card_bad_signing_key_hint")) from None


__all__ = ["KeyCard", "checked_signing_key", "parse_card_text", "read_card_file", "write_card"]
