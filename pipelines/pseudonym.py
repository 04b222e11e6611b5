"""Keyed hashing of child identifiers, so children can be counted without being identified.

The key comes from COMPLIANCE_PSEUDONYM_KEY or from a file created once beside the database
(owner-only permissions, git-ignored). Without the key a pseudonym cannot be linked back to a
child_ref by trying likely identifiers; if the key is lost, new loads get new pseudonyms and
history no longer joins up.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

KEY_ENV = "COMPLIANCE_PSEUDONYM_KEY"
PSEUDONYM_HEX_CHARS = 32


def key_path(db: Path) -> Path:
    """Where the generated key for db is kept."""
    return db.parent / f"{db.name}.key"


def load_key(db: Path) -> bytes:
    """The pseudonymisation key: from the environment, or the key file (created if missing)."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return from_env.encode("utf-8")
    path = key_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip().encode("ascii")
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="ascii").strip().encode("ascii")


def pseudonymise(value: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised identifier (trimmed, upper case), shortened to 128 bits."""
    normal = value.strip().upper().encode("utf-8")
    return hmac.new(key, normal, hashlib.sha256).hexdigest()[:PSEUDONYM_HEX_CHARS]


def pseudonymise_many(values: Sequence[str | None], key: bytes) -> list[str | None]:
    """pseudonymise() over a column (blank = None), hashing each distinct identifier once."""
    distinct = {v: pseudonymise(v, key) for v in set(values) if v and v.strip()}
    return [distinct.get(v) if v else None for v in values]
