"""The receiving side of signed exports: who signed an archive's manifest, as a recipient is told it.

:func:`check_manifest_signature` is called by :func:`exporter.decrypt.decrypt_archive` with the exact bytes of
``manifest.json`` and of ``manifest.json.minisig`` (or None) before anything is released. Its result is one of:

    signed      a key in the recipient's list of trusted signers made it (:mod:`exporter.keys.signers`)
    unsigned    the archive has no signature: anyone with the recipient's public key could have made it
    unknown     signed, by a key that is not in the list (the key id is all that can be told)

A signature that does not verify (manifest, signature or trusted comment altered) is refused: DecryptionError, and
nothing is released. Whether unsigned and unknown archives are refused too is the receiving side's choice:
``require`` (``exporter decrypt --require-signature``), or, when the caller leaves it to the policy,
:func:`required_by_policy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from exporter.errors import DecryptionError
from exporter.messages import Message, msg
from exporter.signing import SignatureError, SigningPublicKey, parse_signature, verify

SignatureStatus = Literal["signed", "unsigned", "unknown"]


@dataclass(frozen=True)
class SignatureCheck:
    """What the recipient is told about an archive's signature.

    ``signer`` and ``check_code`` name the trusted signer (status ``signed``: the name the recipient gave it, the
    check code of its key); ``key_id`` is the signing key's id as minisign shows it (``signed`` and ``unknown``);
    ``trusted_comment`` is the signed comment (``signed``: the office and the archive's time).
    """

    status: SignatureStatus
    signer: str | None = None
    check_code: str | None = None
    key_id: str | None = None
    trusted_comment: str | None = None

    @property
    def trusted(self) -> bool:
        """Whether a trusted office signed the archive."""
        return self.status == "signed"

    def sentence(self) -> Message:
        """The line ``exporter decrypt`` prints (and the Open window shows): signed by whom, or a plain warning."""
        if self.status == "signed":
            return msg("signing.signed_by", name=self.signer or "", code=self.check_code or "")
        if self.status == "unknown":
            return msg("signing.unknown_signer", key_id=self.key_id or "")
        return msg("signing.unsigned")

    def advice(self) -> Message | None:
        """What to do about an unsigned or unknown archive; None for a signed one."""
        if self.status == "unknown":
            return msg("signing.unknown_signer_advice")
        if self.status == "unsigned":
            return msg("signing.unsigned_advice")
        return None


UNSIGNED = SignatureCheck("unsigned")


def check_manifest_signature(
    manifest: bytes, signature: bytes | None, trusted: Sequence[SigningPublicKey], *, archive: str
) -> SignatureCheck:
    """Who signed ``manifest`` (``manifest.json``'s exact bytes), from ``signature`` (the ``.minisig`` member's bytes,
    None when the archive has none) and the ``trusted`` keys (each with the signer's name as its comment).

    Raises DecryptionError naming ``archive`` when the signature is damaged or does not verify.
    """
    if signature is None:
        return UNSIGNED
    try:
        signed = verify(manifest, signature, trusted)
        key_id = parse_signature(signature).key_id
    except SignatureError as err:
        raise DecryptionError(msg("signing.archive_altered", name=archive, reason=err.message)) from None
    shown = SigningPublicKey(key_id, bytes(32)).key_id_text
    if signed is None:
        return SignatureCheck("unknown", key_id=shown)
    return SignatureCheck(
        "signed",
        signer=signed.key.comment,
        check_code=signed.key.check_code(),
        key_id=shown,
        trusted_comment=signed.trusted_comment,
    )


def enforce(check: SignatureCheck, *, require: bool, archive: str) -> None:
    """Refuse (DecryptionError naming ``archive``) an unsigned or unknown archive when ``require`` is true."""
    if require and not check.trusted:
        reason = "signing.refused_unknown" if check.status == "unknown" else "signing.refused_unsigned"
        raise DecryptionError(msg(reason, name=archive), hint=msg("signing.refused_hint"))


def required_by_policy() -> bool:
    """Whether the receiving side's policy demands a trusted signature on every archive opened.

    The IT policy in force (:mod:`exporter.policy`) says so with ``[rules] require_signature = true``; without a
    policy nothing is required. A policy file that cannot be read raises its PolicyError.
    """
    from exporter.policy import policy_in_force

    in_force = policy_in_force()
    return in_force is not None and in_force.require_signature


__all__ = [
    "UNSIGNED",
    "SignatureCheck",
    "SignatureStatus",
    "check_manifest_signature",
    "enforce",
    "required_by_policy",
]
