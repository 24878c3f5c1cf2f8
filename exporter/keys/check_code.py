"""A recipient key's check code: what a clerk and a recipient read to each other over the phone.

The code is derived from the whole public key, so two keys that share their first and last characters still get
different codes: SHA-256 of the key's text (``age1...`` in lower case, as age writes it) taken as a big-endian
integer, reduced to 20 decimal digits (about 66 bits) and written as five groups of four digits joined by hyphens,
``4817-0293-5561-7020-3948``. Four-digit groups are how Japanese reads numbers (万), and digits need no spelling.
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
    digest = hashlib.sha256(public_key.strip().lower().encode("ascii", "replace")).digest()
    number = int.from_bytes(digest, "big") % 10**DIGITS
    digits = f"{number:0{DIGITS}d}"
    return "-".join(digits[i : i + GROUP] for i in range(0, DIGITS, GROUP))
