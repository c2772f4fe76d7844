"""Password hashing with Argon2 (argon2-cffi), never by hand."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# Tests hash hundreds of passwords; a cheap profile keeps the suite fast. Production uses the
# library's recommended defaults.
_PROFILES = {
    "default": PasswordHasher(),
    "fast-for-tests": PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
}


def _hasher() -> PasswordHasher:
    return _PROFILES[current_app.config["ARGON2_PROFILE"]]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        # Hash anyway so a missing account takes as long to refuse as a wrong password.
        _hasher().hash(password)
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _common_passwords() -> frozenset[str]:
    # Made by scripts/make_common_passwords.py; see that file for where the list comes from.
    lines = (Path(__file__).parent / "common-passwords.txt").read_text().splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common_password(password: str) -> bool:
    """True for a password on the shipped list of common passwords, in any capitals."""
    squashed = "".join((password or "").split()).lower()
    return squashed in _common_passwords() or (password or "").lower() in _common_passwords()
