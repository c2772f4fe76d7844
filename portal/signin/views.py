"""Signing in with a card (QR code or typed code) or an email link, then "Is this your phone?"."""

from __future__ import annotations

import smtplib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import security_log
from portal.accounts.permissions import public
from portal.extensions import db, limiter
from portal.mail import MailNotConfigured
from portal.signin import bp, cards, email_links, mail_queue
from portal.signin.forms import CardCodeForm, EmailLinkForm
from portal.signin.limits import card_codes_refused, count_wrong_code, only_failures
from portal.signin.services import (
    finish_sign_in,
    forget_waiting_sign_in,
    hold_waiting_sign_in,
    remember_next,
    staff_must_use_passkey,
    waiting_sign_in,
)
from portal.transactions import keep_writes_on_refusal


def _ask_staff_page():
    """After many wrong codes: the same easy-read page, whether or not the code exists."""
    keep_writes_on_refusal()  # the security log says when an address was slowed
    return render_template("signin/ask_staff.html"), 429


def _try_code(code: str):
    """Check a card code. Returns a redirect on success, the ask-staff page, or None."""
    lookup = code[: cards.LOOKUP_LENGTH] if cards.looks_like_a_code(code) else None
    if card_codes_refused():
        return _ask_staff_page()
    card = cards.find_card_for_code(code)
    if card is None:
        count_wrong_code()
        security_log.record("sign_in_failed", user_id=cards.whose_card(lookup), detail="card code")
        keep_writes_on_refusal()  # the wrong code counts, and is in the security log
        return None
    hold_waiting_sign_in(card=card)
    return redirect(url_for("signin.this_phone"))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def type_code():
    """Type (or paste) the code from a sign-in card."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    if request.method == "GET":
        remember_next(request.args.get("next"))
    form = CardCodeForm()
    if form.validate_on_submit():
        answer = _try_code(cards.normalise_code(form.code.data))
        if answer is not None:
            return answer
        form.code.errors.append(_("This code does not work. Check it and try again."))
    return render_template("signin/type_code.html", form=form)


@bp.get("/card/<code>")
@public
def open_card(code: str):
    """The address in the card's QR code: scanning it signs the person in."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    answer = _try_code(cards.normalise_code(code[:40]))
    if answer is not None:
        return answer
    form = CardCodeForm(formdata=None)
    form.code.errors = [_("This card does not work. Type the code instead, or ask staff.")]
    return render_template("signin/type_code.html", form=form), 404


@bp.route("/sign-in/this-phone", methods=["GET", "POST"])
@public
def this_phone():
    """Ask "Is this your phone?": yes keeps the person signed in, no is for this visit only."""
    waiting = waiting_sign_in()
    if waiting is None:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("signin.sign_in"))
    user, card, link = waiting
    if request.method == "POST" and request.form.get("answer") == "not_me":
        # A link or card someone else sent this browser to: nobody is signed in.
        forget_waiting_sign_in()
        flash(_("We did not sign you in. Use your own card or details."), "info")
        return redirect(url_for("signin.sign_in"))
    if staff_must_use_passkey(user):
        security_log.record(
            "sign_in_failed", user_id=user.id, detail="card or link, passkey needed"
        )
        flash(_("Staff sign in with a passkey. Use the passkey button."), "error")
        return redirect(url_for("signin.sign_in"))
    if request.method == "POST" and request.form.get("answer") in ("yes", "no"):
        destination = finish_sign_in(
            user,
            remembered=request.form["answer"] == "yes",
            user_agent=request.user_agent.string,
            card=card,
            link=link,
        )
        return redirect(destination)
    return render_template("signin/this_phone.html", user=user)


@bp.route("/sign-in/email", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["EMAIL_LINK_RATE_LIMIT"], methods=["POST"])
@public
def ask_email_link():
    """Send a sign-in link to a person's email. The answer is the same for unknown addresses."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    if request.method == "GET":
        remember_next(request.args.get("next"))
    form = EmailLinkForm()
    if form.validate_on_submit():
        person = email_links.find_person_by_email(form.email.data)
        sending = False
        if person is not None and mail_queue.queue_link(person):
            security_log.record("email_link_sent", user_id=person.id)
            sending = True
        elif person is not None:
            try:
                email_links.send_link(person, email_links.make_link(person))
            except (OSError, smtplib.SMTPException, MailNotConfigured):
                db.session.rollback()
                current_app.logger.exception("Could not send a sign-in link")
                form.email.errors.append(_("We could not send the email. Please try again later."))
                return render_template("signin/ask_email_link.html", form=form), 503
        # The same answer for an unknown address: "sending" says only that a queue is in use.
        sending = sending or (person is None and bool(current_app.config["REDIS_URL"]))
        return render_template(
            "signin/email_sent.html", email=form.email.data.strip(), sending=sending
        )
    return render_template("signin/ask_email_link.html", form=form)


@bp.get("/sign-in/email/<token>")
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], deduct_when=only_failures)
@public
def open_email_link(token: str):
    """The link in the email. It is used up only when the person answers the next question."""
    link = email_links.usable_link(token[:100])
    if link is None:
        security_log.record("sign_in_failed", detail="email link")
        keep_writes_on_refusal()
        return render_template("signin/link_expired.html"), 404
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    hold_waiting_sign_in(link=link)
    return redirect(url_for("signin.this_phone"))
