"""Keys of the people at both ends: check codes, passphrase-protected identities, key cards, the address book."""

from exporter.keys.check_code import CHECK_CODE_BITS, check_code

__all__ = ["CHECK_CODE_BITS", "check_code"]
