"""Limits that stop sign-in guessing without locking out the owner.

Only wrong tries are counted. A day centre where 100 members sign in from one address is never
slowed down by the people who get it right. The counters live in Flask-Limiter's storage: in
memory for one process, in Redis when REDIS_URL is set, so every worker and machine shares them.

Passwords: a wrong one counts for its username (from any address) and for its address. After a
few wrong ones for a username, its password is paused, the right one too. So guessing spread over
many addresses stops, and the person signs in with a card, a passkey or an email link meanwhile.

Card codes: a wrong one counts for its address and for all addresses together, never for a card.
Counting per card let strangers lock a member out by typing codes that start like theirs. Codes
are 8 random letters, so the limits only need to stop mass guessing (see `card_codes_refused`).
"""

from __future__ import annotations

import ipaddress

from flask import current_app, request
from flask_babel import gettext as _
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage

from portal.accounts import security_log
from portal.extensions import limiter

PASSWORDS = "sign-in-password"
CODES = "sign-in-code"
EVERYWHERE = "everywhere"


def _items(setting: str) -> list[RateLimitItem]:
    return parse_many(current_app.config[setting])


def _where(namespace: str, key: str) -> list[str]:
    """The counter's name; RATELIMIT_KEY_PREFIX keeps two portals sharing one Redis apart."""
    return [
        part for part in (current_app.config.get("RATELIMIT_KEY_PREFIX"), namespace, key) if part
    ]


_MEMORY: dict[str, object] = {}


def _counters(ask):
    """Ask the shared counters (Redis); when Redis does not answer, this process's memory.

    A broken Redis must never stop people signing in (a 500 on the sign-in page). Counting in
    memory keeps the limits, per process, until Redis answers again; the log says so each time.
    """
    shared = limiter.limiter
    try:
        return ask(shared)
    except limiter.storage.base_exceptions:
        current_app.logger.warning(
            "The rate limit storage (REDIS_URL) does not answer: counting sign-in tries in"
            " this process's memory until it does"
        )
        if "limiter" not in _MEMORY:
            _MEMORY["limiter"] = type(shared)(MemoryStorage())
        return ask(_MEMORY["limiter"])


def _allowed(setting: str, namespace: str, key: str) -> bool:
    where = _where(namespace, key)
    return all(
        _counters(lambda counters, item=item: counters.test(item, *where))
        for item in _items(setting)
    )


def _hit_the_last(counters, item: RateLimitItem, where: list[str]) -> bool:
    return counters.hit(item, *where) and not counters.test(item, *where)


def _count(setting: str, namespace: str, key: str) -> bool:
    """Count one wrong try. True when this very try used up the last one (a pause starts).

    A try that pushed the count over (a race between workers) is not the one that started it,
    so the security log gets one line per pause, not one per refused try.
    """
    where = _where(namespace, key)
    started = False
    for item in _items(setting):
        if _counters(lambda counters, item=item: _hit_the_last(counters, item, where)):
            started = True
    return started


def _address() -> str:
    return f"address:{network_of(request.remote_addr)}"


def network_of(address: str | None) -> str:
    """The address that counts. For IPv6 it is the /64 network: one home or server is given a
    whole /64, so counting single addresses would give a guesser endless fresh ones."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def _account(username: str) -> str:
    return f"account:{username.strip().lower()}"


# Passwords ------------------------------------------------------------------------------------


def password_refusal(username: str) -> str | None:
    """Why no password may be checked for `username` now, in easy read; None when one may.

    Asked only when a username and a password were both typed, just before the password check.
    The pause is counted per typed username, whether or not an account has it: a username nobody
    has is paused after the same number of wrong tries. So the paused message never tells a
    stranger that an account exists. (Counting unknown usernames per address only would: the
    message would then appear for real usernames alone.)
    """
    if not _allowed("SIGN_IN_PASSWORD_ADDRESS_LIMIT", PASSWORDS, _address()):
        return _(
            "Many wrong passwords came from here. So we paused passwords here for a while. "
            "Sign in with your card, a passkey or an email link. Or ask staff for help."
        )
    if not _allowed("SIGN_IN_PASSWORD_ACCOUNT_LIMIT", PASSWORDS, _account(username)):
        return _(
            "Someone typed a wrong password many times. "
            "So we paused this password for a while. "
            "Sign in with your card, a passkey or an email link. Or ask staff for help."
        )
    return None


def count_wrong_password(username: str) -> None:
    """Count a wrong password for this username and this address; log when a pause starts."""
    if _count("SIGN_IN_PASSWORD_ACCOUNT_LIMIT", PASSWORDS, _account(username)):
        # The typed username itself is never logged: people sometimes type a password there.
        user_id = security_log.whose_username(username)
        security_log.record("password_paused", user_id=user_id, detail="password")
    if _count("SIGN_IN_PASSWORD_ADDRESS_LIMIT", PASSWORDS, _address()):
        security_log.record("rate_limited", detail="password")


# Card codes -----------------------------------------------------------------------------------


def card_codes_refused() -> bool:
    """True when no card code from this address may be checked now.

    An address that sent too many wrong codes waits. When wrong codes from all addresses together
    pass the global ceiling, someone is guessing from many addresses at once: then any address
    that sent a wrong code lately waits too. An address with no wrong code lately is still
    checked, so a member scanning their card always gets in, even while that goes on. Each
    guessing address then gets one try per window, which is too few to find a code.
    """
    if not _allowed("SIGN_IN_CODE_ADDRESS_LIMIT", CODES, _address()):
        return True
    if _allowed("SIGN_IN_CODE_GLOBAL_LIMIT", CODES, EVERYWHERE):
        return False
    return _sent_a_wrong_code_lately()


def _sent_a_wrong_code_lately() -> bool:
    shortest = min(_items("SIGN_IN_CODE_ADDRESS_LIMIT"), key=lambda item: item.get_expiry())
    where = _where(CODES, _address())
    stats = _counters(lambda counters: counters.get_window_stats(shortest, *where))
    return stats.remaining < shortest.amount


def count_wrong_code() -> None:
    """Count a wrong code for this address and for all addresses; log when a limit starts."""
    if _count("SIGN_IN_CODE_ADDRESS_LIMIT", CODES, _address()):
        security_log.record("rate_limited", detail="card code")
    if _count("SIGN_IN_CODE_GLOBAL_LIMIT", CODES, EVERYWHERE):
        security_log.record("card_codes_slowed", detail="card code")


# Passkeys and email links ---------------------------------------------------------------------


def only_failures(response) -> bool:
    """For a rate limit's `deduct_when`: a sign-in that worked never counts toward it."""
    return response.status_code >= 400
