"""Emailing notices to people who asked for it: each one, or one summary a day.

Runs outside web requests (`flask notices run`). Safe to run twice at once: each notice is
claimed before it is sent, and each daily summary has a unique row, so nothing goes twice.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from portal.accounts.models import NoticeEmail, User
from portal.extensions import db
from portal.mail import Email, send_email
from portal.notices.kinds import KINDS
from portal.notices.models import EmailDigest, Notice
from portal.timefmt import to_local
from portal.urls import external_url

CLAIM_EXPIRES = timedelta(minutes=10)  # a sender that died mid-send loses its claim after this
MAX_ATTEMPTS = 5
FRESH_FOR = timedelta(days=2)  # older notices are not emailed (say, after changing a setting)


def security_kinds() -> list[str]:
    # Asked when sending, not at import: features register their kinds at start-up.
    return [name for name, kind in KINDS.items() if kind.security]


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    digests: int = 0


def unsubscribe_token(user_id: int) -> str:
    return URLSafeSerializer(current_app.secret_key, salt="unsubscribe").dumps(user_id)


def user_for_unsubscribe_token(token: str) -> int | None:
    try:
        return URLSafeSerializer(current_app.secret_key, salt="unsubscribe").loads(token)
    except BadSignature:
        return None


def _unsent(now: datetime):
    return sa.and_(
        Notice.emailed_at.is_(None),
        Notice.created_at > now - FRESH_FOR,
        Notice.email_attempts < MAX_ATTEMPTS,
        sa.or_(Notice.email_claimed_at.is_(None), Notice.email_claimed_at < now - CLAIM_EXPIRES),
    )


def _claim(notice_ids: list[int], now: datetime) -> list[int]:
    """Claim what no other sender holds; returns the ids this sender now owns."""
    claimed = []
    for notice_id in notice_ids:
        result = db.session.execute(
            sa.update(Notice)
            .where(Notice.id == notice_id, _unsent(now))
            .values(email_claimed_at=now)
        )
        if result.rowcount == 1:
            claimed.append(notice_id)
    db.session.commit()  # other senders must see the claim before this one starts sending
    return claimed


def _email_for(user: User, template: str, notices: list[Notice], subject: str) -> Email:
    base = current_app.config["PORTAL_URL"]
    unsubscribe = external_url("notices.unsubscribe", token=unsubscribe_token(user.id))
    body = render_template(
        template, user=user, notices=notices, base_url=base, unsubscribe_url=unsubscribe
    )
    return Email(
        to=user.email, subject=subject, body=body, headers={"List-Unsubscribe": f"<{unsubscribe}>"}
    )


def _deliver(email: Email, notice_ids: list[int], now: datetime) -> bool:
    try:
        send_email(email)
    except (smtplib.SMTPException, OSError):
        current_app.logger.warning("Could not email notices %s; will try again", notice_ids)
        db.session.execute(
            sa.update(Notice)
            .where(Notice.id.in_(notice_ids))
            .values(email_claimed_at=None, email_attempts=Notice.email_attempts + 1)
        )
        db.session.commit()  # let the next run try again, even if a later email stops this one
        return False
    db.session.execute(sa.update(Notice).where(Notice.id.in_(notice_ids)).values(emailed_at=now))
    db.session.commit()  # the email has gone: save that now, so a crash later never resends it
    return True


def _each_candidates(now: datetime):
    wanted = sa.or_(User.notice_email == NoticeEmail.EACH, Notice.kind.in_(security_kinds()))
    return (
        sa.select(Notice.id)
        .join(User, User.id == Notice.user_id)
        .where(User.email.is_not(None), User.active, wanted, _unsent(now))
    )


def email_counts(now: datetime) -> dict[str, int]:
    """For the metrics: emails waiting to go, sent, and failing (trying again or given up)."""

    def count(*where) -> int:
        return db.session.scalar(sa.select(sa.func.count(Notice.id)).where(*where)) or 0

    return {
        "waiting": db.session.scalar(
            sa.select(sa.func.count()).select_from(_each_candidates(now).subquery())
        ),
        "sent": count(Notice.emailed_at.is_not(None)),
        "failed": count(Notice.emailed_at.is_(None), Notice.email_attempts > 0),
    }


def send_each_emails(now: datetime, report: SendReport) -> None:
    """One email per notice, for people who chose that (and security notices for everyone)."""
    candidates = db.session.scalars(_each_candidates(now).order_by(Notice.id)).all()
    for notice_id in _claim(list(candidates), now):
        notice = db.session.get(Notice, notice_id)
        user = db.session.get(User, notice.user_id)
        with force_locale(user.language or "en"):
            email = _email_for(user, "notices/email/each.txt", [notice], _("News from the portal"))
        if _deliver(email, [notice_id], now):
            report.sent += 1
        else:
            report.failed += 1


def _claim_digest(user_id: int, day) -> bool:
    db.session.add(EmailDigest(user_id=user_id, day=day))
    try:
        db.session.commit()  # the unique (person, day) row is the claim: a second sender fails here
    except sa.exc.IntegrityError:
        db.session.rollback()
        return False
    return True


def send_daily_digests(now: datetime, report: SendReport) -> None:
    """One summary a day, on the first run after DIGEST_HOUR in the portal's time zone."""
    local = to_local(now)
    if local.hour < current_app.config["DIGEST_HOUR"]:
        return
    users = db.session.scalars(
        sa.select(User).where(
            User.notice_email == NoticeEmail.DAILY, User.email.is_not(None), User.active
        )
    ).all()
    for user in users:
        pending = db.session.scalars(
            sa.select(Notice.id).where(Notice.user_id == user.id, _unsent(now)).order_by(Notice.id)
        ).all()
        if not pending or not _claim_digest(user.id, local.date()):
            continue
        claimed = _claim(list(pending), now)
        notices = [db.session.get(Notice, notice_id) for notice_id in claimed]
        if not notices:
            continue
        with force_locale(user.language or "en"):
            email = _email_for(user, "notices/email/digest.txt", notices, _("Your news for today"))
        if _deliver(email, claimed, now):
            report.digests += 1
        else:
            # Let a later run try today's summary again.
            db.session.execute(
                sa.delete(EmailDigest).where(
                    EmailDigest.user_id == user.id, EmailDigest.day == local.date()
                )
            )
            db.session.commit()  # give the claim back now, so a later run tries this summary again
            report.failed += 1


def send_due_emails(now: datetime) -> SendReport:
    report = SendReport()
    send_each_emails(now, report)
    send_daily_digests(now, report)
    return report
