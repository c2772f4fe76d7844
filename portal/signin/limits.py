"""Counting wrong codes, per card and per address, in the limiter's storage (Redis when set).

Only wrong codes are counted, so a member who signs in often is never slowed down.
"""

from __future__ import annotations

from flask import current_app, request
from limits import parse_many

from portal.extensions import limiter


def _keys(card_lookup: str | None) -> list[tuple[str, str]]:
    keys = [("SIGN_IN_CODE_ADDRESS_LIMIT", f"address:{request.remote_addr}")]
    if card_lookup:
        keys.append(("SIGN_IN_CODE_CARD_LIMIT", f"card:{card_lookup}"))
    return keys


def too_many_wrong_codes(card_lookup: str | None) -> bool:
    """True when this address, or this card, has had too many wrong codes lately."""
    for setting, key in _keys(card_lookup):
        for item in parse_many(current_app.config[setting]):
            if not limiter.limiter.test(item, "sign-in-code", key):
                return True
    return False


def count_wrong_code(card_lookup: str | None) -> None:
    for setting, key in _keys(card_lookup):
        for item in parse_many(current_app.config[setting]):
            limiter.limiter.hit(item, "sign-in-code", key)
