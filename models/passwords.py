"""Passwords (X): scrypt from the standard library, cost parameters stored in each hash so
that a later, dearer setting still verifies the older hashes; a minimum length; random
initial passwords that read aloud cleanly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from models.errors import RuleViolation

MIN_PASSWORD_LENGTH = 8

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_SHARED_HASHES: dict[str, str] | None = None  # set inside one_hash_per_password()


@contextmanager
def one_hash_per_password() -> Iterator[None]:
    """Within the block, a password hashes once and every user given that same password
    gets the same hash (same salt). For the demo office only, where every user shares the
    one printed password anyway: thirty scrypt runs were two seconds of ``houqin demo``."""
    global _SHARED_HASHES
    _SHARED_HASHES = {}
    try:
        yield
    finally:
        _SHARED_HASHES = None


def hash_password(password: str) -> str:
    if _SHARED_HASHES is not None:
        shared = _SHARED_HASHES.get(password)
        if shared is None:
            shared = _SHARED_HASHES[password] = _hash_password(password)
        return shared
    return _hash_password(password)


def _hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    b64 = base64.b64encode
    n, r, p = SCRYPT["n"], SCRYPT["r"], SCRYPT["p"]
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        password.encode(),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to check unknown user names against, so they take as long as real ones; made
    on first use rather than at import (50 ms of start-up)."""
    return hash_password(secrets.token_hex(8))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation(
            None,
            f"密码至少 {MIN_PASSWORD_LENGTH} 位",
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters",
            field="password",
        )


def new_password() -> str:
    """A random initial password that is easy to read aloud (no 0/O, 1/l)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))
