"""The recipient's signing key: an Ed25519 key derived from their X25519 identity, for receipts and deletion
statements (issue 11, section 4).

A recipient already keeps one secret, the identity that opens archives (:mod:`exporter.keys.identity`), protected
by a passphrase. Their signing key is derived from it, so the key set "gains a signing key" without a second file
or a second passphrase, and every existing identity has one:

    seed   = HKDF-SHA-256(ikm = X25519 secret, salt = empty, info = "exporter recipient signing key v1"), 32 bytes
    key id = HKDF-SHA-256(same ikm, info = "exporter recipient signing key id v1"), 8 bytes   (minisign's key id)

The Ed25519 key made from ``seed`` signs in minisign's format (:mod:`exporter.signing`), so Debian's ``minisign``
verifies a recipient's statements with the public key on their key card. HKDF with distinct ``info`` strings makes
the derived key independent of the X25519 key and of age's own derivations (RFC 5869, section 3.2).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from exporter.envelope import X25519Identity
from exporter.signing import SigningKey, SigningPublicKey

_SEED_INFO = b"exporter recipient signing key v1"
_KEY_ID_INFO = b"exporter recipient signing key id v1"


def recipient_signing_key(identity: X25519Identity, *, name: str = "") -> SigningKey:
    """The Ed25519 signing key derived from ``identity`` (same identity, same key, always); ``name`` is who signs
    (shown in a statement's trusted comment). Never raises for a valid identity."""
    private = Ed25519PrivateKey.from_private_bytes(identity.derive_secret(_SEED_INFO))
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = identity.derive_secret(_KEY_ID_INFO, 8)
    return SigningKey(SigningPublicKey(key_id, public, name), name, private)


def recipient_signing_public(identity: X25519Identity) -> SigningPublicKey:
    """The public half of :func:`recipient_signing_key`: what the recipient's key card carries (``RW...``)."""
    return recipient_signing_key(identity).public


__all__ = ["recipient_signing_key", "recipient_signing_public"]
