"""Sign-in cards: make, check, revoke, and draw the QR code. Functions flush; views commit."""

from __future__ import annotations

import re
import secrets

import segno
import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup

from portal.accounts import security_log
from portal.accounts.models import User
from portal.accounts.passwords import check_password, hash_password
from portal.accounts.services import end_device_sessions_signed_in_with
from portal.extensions import db
from portal.notices.services import notify
from portal.signin.models import LoginCard
from portal.timeutil import utcnow
from portal.urls import external_url

# No look-alikes: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V.
ALPHABET = "ACEFGHJKMNPRTWXY34679"
CODE_LENGTH = 8
LOOKUP_LENGTH = 3
_NOT_IN_ALPHABET = re.compile(f"[^{ALPHABET}]")


def normalise_code(typed: str) -> str:
    """What the person typed or pasted, in capitals, with spaces and dashes taken out."""
    return re.sub(r"[\s\-\u2013.]", "", typed or "").upper()  # \u2013: a pasted en dash


def looks_like_a_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and not _NOT_IN_ALPHABET.search(code)


def code_in_groups(code: str) -> str:
    """ABCDEFGH is printed as ABCD EFGH: two groups of 4 are easier to copy."""
    return f"{code[:4]} {code[4:]}"


def _new_code() -> str:
    taken = set(
        db.session.scalars(sa.select(LoginCard.lookup).where(LoginCard.revoked_at.is_(None)))
    )
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code[:LOOKUP_LENGTH] not in taken:
            return code


def make_card(user: User, *, by: User, code: str | None = None) -> tuple[LoginCard, str]:
    """Make a new card for `user`. Returns the card and its code: show it once, never keep it.

    `code` is only given by the demo data, whose card is documented in the README.
    """
    code = code or _new_code()
    card = LoginCard(
        user=user, lookup=code[:LOOKUP_LENGTH], code_hash=hash_password(code), made_by=by
    )
    db.session.add(card)
    db.session.flush()
    security_log.record("card_made", user_id=user.id, actor_id=by.id, detail=f"card {card.id}")
    return card, code


def give_card(user: User, *, by: User) -> tuple[LoginCard, str]:
    """Staff make a card for a person, who is told (a security notice, in case it was not asked
    for). Returns the card and its code, as make_card does."""
    card, code = make_card(user, by=by)
    notify(user.id, "sign_in_card_made", link=url_for("pages.home"))
    return card, code


def revoke_card(card: LoginCard, *, by: User) -> int:
    """Stop a card working, and sign out every browser that signed in with it."""
    if card.revoked_at is None:
        card.revoked_at = utcnow()
    ended = end_device_sessions_signed_in_with(credential(card))
    security_log.record(
        "card_revoked", user_id=card.user_id, actor_id=by.id, detail=f"card {card.id}"
    )
    db.session.flush()
    return ended


def credential(card: LoginCard) -> str:
    """How device sessions started with this card are marked."""
    return f"card:{card.id}"


def find_card_for_code(code: str) -> LoginCard | None:
    """The working card with this code, for an active person, or None.

    Always runs one hash check, so a code that matches no card takes as long as a wrong one.
    """
    card = None
    if looks_like_a_code(code):
        card = db.session.scalar(
            sa.select(LoginCard)
            .where(LoginCard.lookup == code[:LOOKUP_LENGTH], LoginCard.revoked_at.is_(None))
            .limit(1)
        )
    if not check_password(card.code_hash if card else None, code):
        return None
    if card is None or not card.user.active:
        return None
    return card


def card_link(code: str) -> str:
    """The address printed in the QR code: opening it signs the person in."""
    return external_url("signin.open_card", code=code)


def qr_svg(link: str) -> Markup:
    """The QR code for `link` as an inline SVG, black on white, with a quiet border."""
    qr = segno.make(link, error="m")
    # Our own drawing of our own link: no text from anyone is inside it.
    return Markup(  # noqa: S704
        qr.svg_inline(scale=4, border=4, dark="#000000", light="#ffffff", omitsize=True)
    )


def whose_card(lookup: str | None) -> int | None:
    """The owner of the working card a wrong code was aimed at, if any."""
    if not lookup:
        return None
    return db.session.scalar(
        sa.select(LoginCard.user_id)
        .where(LoginCard.lookup == lookup, LoginCard.revoked_at.is_(None))
        .limit(1)
    )
