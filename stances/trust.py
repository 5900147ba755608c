"""Which releases this package vouches for: the chain of trust.

A release is trusted through its manifest, whose SHA-256 must be known in
advance; the manifest then gives every file's SHA-256. The manifest's hash
comes from one of two places:
1. the releases pinned in the package (stances/releases.json), for those
   published before this version of the package was built;
2. the release index that the maintainers sign at each release
   (`index/releases.json` beside the releases, with `releases.json.sig`), for
   those published since. Its Ed25519 signature must verify against a key
   shipped in the package (stances/release_keys.txt).
A release that is in neither is refused: upgrade the package to one that
knows it. The signing uses the `cryptography` library; nothing here is
hand-written cryptography."""

import base64
import json
import re
from importlib import resources

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey, Ed25519PublicKey)

from ._version import is_version
from .errors import InvalidInput

INDEX = "index/releases.json"
SIGNATURE = "index/releases.json.sig"
SHA256 = re.compile(r"[0-9a-f]{64}")
UPGRADE = "Upgrade the package (pip install -U stances) to one that knows it."


class UnverifiedRelease(InvalidInput):
    """A release (or the release index) that the package cannot vouch for."""


def trusted_keys() -> list[Ed25519PublicKey]:
    """The release-signing public keys shipped in the package, one per line
    (base64 of the raw 32 bytes; '#' starts a comment). Several keys allow
    rotation: a new key is shipped before the old one is retired."""
    text = (resources.files("stances") / "release_keys.txt").read_text(encoding="utf-8")
    keys = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            keys.append(Ed25519PublicKey.from_public_bytes(base64.b64decode(line)))
    return keys


def verify_index(data: bytes, signature: bytes, where: str) -> dict[str, str]:
    """The signed release index as {version: manifest SHA-256}, once its
    signature verifies against a shipped key and its shape is right."""
    for key in trusted_keys():
        try:
            key.verify(signature, data)
            break
        except InvalidSignature:
            continue
    else:
        raise UnverifiedRelease(
            f"{where}: the release index's signature does not verify against "
            "any key this package trusts; refusing it. The index or its server "
            f"is not the project's. {UPGRADE}")
    try:
        entries = json.loads(data)
        return {e["version"]: e["manifest_sha256"] for e in entries
                if is_version(e["version"])
                and SHA256.fullmatch(e["manifest_sha256"])}
    except (ValueError, TypeError, KeyError) as err:
        raise UnverifiedRelease(f"{where}: a signed release index that is not a "
                                f"list of releases ({err})") from None


def known_releases() -> list[dict]:
    """Published releases, as pinned in the package (stances/releases.json):
    version, date, manifest SHA-256 and row counts."""
    text = (resources.files("stances") / "releases.json").read_text(encoding="utf-8")
    return json.loads(text)


def pinned(known_releases: list[dict]) -> dict[str, str]:
    """{version: manifest SHA-256} of the releases pinned in the package."""
    return {r["version"]: r["manifest_sha256"] for r in known_releases}


# --- the maintainers' side: keys and signatures --------------------------

def generate_key() -> tuple[bytes, str]:
    """A new signing key: (private key as unencrypted PKCS#8 PEM, public key
    as the line to add to stances/release_keys.txt)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return pem, _public_line(private.public_key())


def _public_line(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw,
                              serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def check_signing_key(private_pem: bytes) -> None:
    """Refuse a signing key whose public half the package does not ship:
    what it signs, no user could verify."""
    try:
        verify_index(b"[]", sign(b"[]", private_pem), "probe")
    except UnverifiedRelease:
        raise UnverifiedRelease(
            "the signing key is not one this package ships in "
            "stances/release_keys.txt; add its public line there (see "
            "'stances keygen') in a release of the package first") from None


def sign(data: bytes, private_pem: bytes) -> bytes:
    """The Ed25519 signature of `data` with a PEM private key."""
    key = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise UnverifiedRelease("the signing key is not an Ed25519 key")
    return key.sign(data)
