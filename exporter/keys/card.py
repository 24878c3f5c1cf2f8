"""The key card: what a recipient sends to the city, and what both sides read aloud to confirm a key.

It holds the public key, its check code (:func:`exporter.keys.check_code`) and the plain sentence that only the
public key is to be sent. Never anything secret: a card is made from a public key alone.

    あなたの公開鍵（これを送り主に送ってください）
    age1...
    確認コード：4817-0293-5561-7020-3948
    送るのはこの公開鍵だけです。...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporter.keys.check_code import check_code
from exporter.messages import LANGUAGES, Language, msg


@dataclass(frozen=True)
class KeyCard:
    """A public key (``age1...``) and what is said about it."""

    public_key: str

    @property
    def check_code(self) -> str:
        """``dddd-dddd-dddd-dddd-dddd``, the same wherever this key appears."""
        return check_code(self.public_key)

    def lines(self, lang: Language | None = None) -> list[str]:
        """The card as lines in ``lang`` (default: the current language): title, key, check code, advice."""
        return [
            msg("keys.card_title").render(lang),
            self.public_key,
            msg("keys.card_check_code", code=self.check_code).render(lang),
            msg("keys.card_send_only").render(lang),
            msg("keys.card_read_aloud").render(lang),
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


__all__ = ["KeyCard", "write_card"]
