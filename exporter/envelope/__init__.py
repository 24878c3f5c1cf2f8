"""The age v1 envelope (age-encryption.org/v1): encrypt to keys or a passphrase, decrypt, read key files.

Everything else in the program uses only these names; the modules behind them are private detail.
"""

from exporter.envelope.age import Identity, Recipient, decrypt, encrypt
from exporter.envelope.header import Stanza
from exporter.envelope.keyfile import format_identity_file, parse_identity_file, parse_recipients_file
from exporter.envelope.scrypt import ScryptIdentity, ScryptRecipient
from exporter.envelope.stream import AgeReader, AgeWriter
from exporter.envelope.x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AgeReader",
    "AgeWriter",
    "Identity",
    "Recipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "encrypt",
    "format_identity_file",
    "parse_identity_file",
    "parse_recipients_file",
]
