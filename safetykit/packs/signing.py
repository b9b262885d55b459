"""Building, signing and verifying ``.skpack`` archives.

Order matters when reading (DESIGN §4): the archive's structure and exact form first,
then the signature over MANIFEST, then every file's hash, and only then are TOML and PO
parsed. The trusted comment (``safetykit-pack id=<id> version=<n>``) is checked against
``pack.toml`` last, since only then is the pack's id known.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from safetykit.packs.archive import MANIFEST, SIGNATURE, build_archive, read_archive
from safetykit.packs.errors import PackError
from safetykit.packs.limits import DEFAULT_LIMITS, Limits
from safetykit.packs.loader import analyse, finish
from safetykit.packs.manifest import check_manifest, make_manifest
from safetykit.packs.minisign import CANONICAL_UNTRUSTED_COMMENT, PublicKey, SecretKey, Signature
from safetykit.packs.model import Origin, Pack
from safetykit.packs.trust import TrustedKey, source_text
from safetykit.text import N_, Text

_COMMENT = re.compile(r"safetykit-pack id=(\S+) version=([0-9]+)")


def trusted_comment(pack_id: str, version: int) -> str:
    return f"safetykit-pack id={pack_id} version={version}"


@dataclass(frozen=True)
class SignatureStatus:
    signed: bool
    key_id: str | None = None
    trusted_by: str | None = None  # where trust in the signing key comes from
    comment: str | None = None
    key: PublicKey | None = None  # the trusted key that made the signature

    @property
    def fingerprint(self) -> str | None:
        """The signer's fingerprint, when the signer is a trusted key (a signature
        names only the key id, so an unknown signer's fingerprint is not known)."""
        return self.key.fingerprint if self.key is not None else None

    @property
    def trusted(self) -> bool:
        return self.trusted_by is not None

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        """The signature's state in words, shown in the reader's language."""
        if not self.signed:
            return Text.of(N_("not signed"))
        if self.trusted_by is None:
            return Text.of(
                N_("signed by key %(key_id)s, which is not a trusted key"), key_id=self.key_id
            )
        return Text.of(
            N_("signed by key %(key_id)s (fingerprint %(fingerprint)s), trusted: %(source)s"),
            key_id=self.key_id,
            fingerprint=self.fingerprint,
            source=source_text(self.trusted_by),
        )


@dataclass(frozen=True)
class VerifiedArchive:
    files: dict[str, bytes]  # pack files only (no MANIFEST, no signature)
    status: SignatureStatus
    manifest: bytes = b""  # the signed list of hashes: what a content digest is taken of


def verify_archive(
    data: bytes, keys: Sequence[TrustedKey], limits: Limits = DEFAULT_LIMITS
) -> VerifiedArchive:
    """Structure, signature and hashes of an archive; no TOML or PO is parsed here."""
    files = read_archive(data, limits)
    if MANIFEST not in files:
        raise PackError("pack.manifest.missing")
    status = signature_status(files[MANIFEST], files.get(SIGNATURE), keys)
    check_manifest(files)
    pack_files = {k: v for k, v in files.items() if k not in (MANIFEST, SIGNATURE)}
    return VerifiedArchive(pack_files, status, files[MANIFEST])


def signature_status(
    manifest: bytes, signature: bytes | None, keys: Sequence[TrustedKey]
) -> SignatureStatus:
    if signature is None:
        return SignatureStatus(signed=False)
    parsed = Signature.parse(signature)
    parsed.check_algorithm()
    if signature != parsed.canonical():
        raise PackError("pack.signature.not_canonical")
    candidates = [k for k in keys if k.key.key_id == parsed.key_id]
    if not candidates:
        return SignatureStatus(True, parsed.hex_id, None, parsed.trusted_comment)
    for candidate in candidates:
        try:
            parsed.verify(manifest, candidate.key)
        except PackError as exc:
            if exc.code != "pack.signature.mismatch":
                raise
            continue
        return SignatureStatus(
            True, parsed.hex_id, candidate.source, parsed.trusted_comment, candidate.key
        )
    # The id is a trusted key's but the signature is not: changed after signing, or
    # made by another key that took that id (whoever makes a key chooses its id).
    raise PackError(
        "pack.signature.not_by_trusted_key",
        key_id=parsed.hex_id,
        fingerprint=", ".join(c.key.fingerprint for c in candidates),
    )


def load_verified(
    verified: VerifiedArchive,
    *,
    label: str,
    locale: str | None = None,
    origin: Origin = Origin.IMPORTED,
) -> Pack:
    """The pack of a verified archive, checked against its trusted comment."""
    pack = finish(analyse(verified.files, label=label), locale=locale, origin=origin, label=label)
    check_comment(verified.status, pack)
    return dataclasses.replace(
        pack, verified=verified.status.trusted, signer=verified.status.key_id
    )


def check_comment(status: SignatureStatus, pack: Pack) -> None:
    if not status.signed:
        return
    expected = trusted_comment(pack.id, pack.version)
    match = _COMMENT.fullmatch(status.comment or "")
    if match is None:
        raise PackError(
            "pack.signature.comment_form", comment=status.comment or "", expected=expected
        )
    if (match.group(1), match.group(2)) != (pack.id, str(pack.version)):
        raise PackError(
            "pack.signature.comment_mismatch", comment=status.comment or "", expected=expected
        )


def pack_of(files: Mapping[str, bytes], label: str) -> Pack:
    """The validated source-language pack of ``files`` (PackError lists the problems)."""
    analysis = analyse(files, label=label, strict=True)  # what an author hands out
    return finish(analysis, locale=None, origin=Origin.BUILTIN, label=label)


def build(
    files: Mapping[str, bytes],
    *,
    label: str,
    key: SecretKey | None = None,
    signature: bytes | None = None,
    keys: Sequence[TrustedKey] | None = None,
) -> bytes:
    """The archive of a valid pack, signed with ``key`` or carrying ``signature``.

    ``keys``: the signature is checked against the MANIFEST put in, by one of these
    keys (``pack build --signature`` gives ``--pubkey`` or the trusted keys), so a
    signature made before a later edit is refused here, not by every user later."""
    pack = pack_of(files, label)
    manifest = make_manifest(files)
    entries = dict(files)
    entries[MANIFEST] = manifest
    if key is not None:
        entries[SIGNATURE] = sign_manifest(manifest, pack, key)
    elif signature is not None:
        parsed = Signature.parse(signature)
        parsed.check_algorithm()
        check_comment(SignatureStatus(True, parsed.hex_id, None, parsed.trusted_comment), pack)
        if keys is not None:
            _check_given_signature(parsed, manifest, keys, label)
        entries[SIGNATURE] = parsed.canonical()
    return build_archive(entries)


def _check_given_signature(
    parsed: Signature, manifest: bytes, keys: Sequence[TrustedKey], label: str
) -> None:
    candidates = [k for k in keys if k.key.key_id == parsed.key_id]
    if not candidates:
        raise PackError("pack.build.signer_not_given", key_id=parsed.hex_id)
    try:
        parsed.verify(manifest, candidates[0].key)
    except PackError as exc:
        if exc.code == "pack.signature.mismatch":
            raise PackError("pack.build.signature_stale", folder=label) from None
        raise


def sign_manifest(manifest: bytes, pack: Pack, key: SecretKey) -> bytes:
    return key.sign(manifest, trusted_comment(pack.id, pack.version), CANONICAL_UNTRUSTED_COMMENT)


def sign_archive(data: bytes, key: SecretKey, *, label: str) -> bytes:
    """``data`` re-signed with ``key`` (any earlier signature is replaced)."""
    verified = verify_archive(data, [])
    pack = pack_of(verified.files, label)
    entries = dict(verified.files)
    entries[MANIFEST] = make_manifest(verified.files)
    entries[SIGNATURE] = sign_manifest(entries[MANIFEST], pack, key)
    return build_archive(entries)


def untrusted(status: SignatureStatus) -> PackError:
    """The refusal of a pack whose signature is absent or by a key no one trusts."""
    if not status.signed:
        return PackError("pack.unsigned")
    return PackError("pack.signature.unknown_signer", key_id=status.key_id or "")


def require_trusted(verified: VerifiedArchive) -> VerifiedArchive:
    if not verified.status.trusted:
        raise untrusted(verified.status)
    return verified
