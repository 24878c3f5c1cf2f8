"""A recipient key's check code: what a clerk and a recipient read to each other over the phone.

The code is derived from the whole public key, so two keys that share their first and last characters still get
different codes: SHA-256 of the key's text (``age1...`` in lower case, as age writes it) taken as a big-endian
integer, reduced to 20 decimal digits (about 66 bits) and written as five groups of four digits joined by hyphens,
``4817-0293-5561-7020-3948``. Four-digit groups are how Japanese reads numbers (万), and digits need no spelling.

A recipient's **key set** (issue 11, section 4) is their age key and, on newer key cards, the minisign public key
they sign receipts and deletion statements with (``RW...``). Its check code (:func:`key_set_check_code`) covers
both, so the code read on the phone also confirms the signing key: SHA-256 of ``age1...`` (lower case), a line
feed and the ``RW...`` line, reduced as above. Without a signing key it is the age key's own code.
"""

from __future__ import annotations

import hashlib

DIGITS = 20
GROUP = 4
CHECK_CODE_BITS = 66  # floor(20 * log2(10)) = 66.4


def check_code(public_key: str) -> str:
    """The check code of an age public key (``age1...``): ``dddd-dddd-dddd-dddd-dddd``.

    The key is compared in lower case (Bech32 keys are case-insensitive); no validation is done here, so the
    caller parses the key first (:func:`exporter.envelope.x25519.parse_recipient`).
    """
    return _code(public_key.strip().lower())


def key_set_check_code(public_key: str, signing_key: str | None) -> str:
    """The check code of a recipient's key set: :func:`check_code` of the age key when ``signing_key`` is None
    (or empty), else of ``age1...`` (lower case) + LF + the signing key's ``RW...`` line, in the same format."""
    if not signing_key:
        return check_code(public_key)
    return _code(public_key.strip().lower() + "\n" + signing_key.strip())


def _code(text: str) -> str:
    digest = hashlib.sha256(text.encode("ascii", "replace")).digest()
    number = int.from_bytes(digest, "big") % 10**DIGITS
    digits = f"{number:0{DIGITS}d}"
    return "-".join(digits[i : i + GROUP] for i in range(0, DIGITS, GROUP))
