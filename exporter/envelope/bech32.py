"""Bech32 (BIP 173) as age uses it: no length limit, one case per string, checksum over the lower case.

age keys are Bech32 so a mistyped or truncated key is caught by its checksum instead of silently naming
somebody else.
"""

from __future__ import annotations

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {char: value for value, char in enumerate(_CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


class Bech32Error(ValueError):
    """The text is not valid Bech32; the message never repeats the text, which may be a secret key."""


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = ((checksum & 0x1FFFFFF) << 5) ^ value
        for bit, generator in enumerate(_GENERATOR):
            if (top >> bit) & 1:
                checksum ^= generator
    return checksum


def _expand_hrp(hrp: str) -> list[int]:
    return [ord(char) >> 5 for char in hrp] + [0] + [ord(char) & 31 for char in hrp]


def _regroup(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    """Regroup a bit string; without ``pad`` the leftover bits must be fewer than a group and all zero."""
    accumulator = 0
    bits = 0
    out: list[int] = []
    mask = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((accumulator >> bits) & mask)
    if pad:
        if bits:
            out.append((accumulator << (to_bits - bits)) & mask)
    elif bits >= from_bits or (accumulator << (to_bits - bits)) & mask:
        raise Bech32Error("The key has stray bits at its end.")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Lower-case Bech32 of ``data`` under ``hrp``; callers upper-case it where age does (secret keys)."""
    hrp = hrp.lower()
    words = _regroup(data, 8, 5, pad=True)
    polymod = _polymod([*_expand_hrp(hrp), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[word] for word in words + checksum)


def decode(text: str) -> tuple[str, bytes]:
    """Return ``(hrp, data)``; ``hrp`` keeps the case of ``text`` so callers can insist on age's case."""
    if not text.isascii() or any(not 33 <= ord(char) <= 126 for char in text):
        raise Bech32Error("The key contains characters that cannot appear in a key.")
    if text.lower() != text and text.upper() != text:
        raise Bech32Error("The key mixes upper and lower case letters.")
    separator = text.rfind("1")
    if separator < 1 or len(text) - separator - 1 < 6:
        raise Bech32Error("The key is too short or lacks its separator.")
    hrp = text[:separator]
    lowered = text.lower()
    try:
        words = [_VALUES[char] for char in lowered[separator + 1 :]]
    except KeyError:
        raise Bech32Error("The key contains characters that cannot appear in a key.") from None
    if _polymod(_expand_hrp(hrp.lower()) + words) != 1:
        raise Bech32Error("The key's checksum does not match; it was mistyped or cut short.")
    return hrp, bytes(_regroup(words[:-6], 5, 8, pad=False))
