"""Signing in with a username and password, signing out, and sending kept words again."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import security_log
from portal.accounts.kept_forms import SESSION_KEY, take_kept_form
from portal.accounts.permissions import Permission, permission_required, public
from portal.accounts.services import authenticate
from portal.signin import bp
from portal.signin.forms import SignInForm
from portal.signin.limits import count_wrong_password, password_refusal
from portal.signin.services import (
    end_sign_in,
    finish_sign_in,
    remember_next,
    staff_must_use_passkey,
)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    """Show the sign-in form; sign the person in when the username and password match."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    if request.method == "GET":
        remember_next(request.args.get("next"))  # for a card, email link or passkey
    form = SignInForm()
    if form.validate_on_submit():
        if refusal := password_refusal(form.username.data):
            form.password.errors.append(refusal)
            return render_template("signin/sign_in.html", form=form), 429
        user = authenticate(form.username.data, form.password.data)
        if user is not None and staff_must_use_passkey(user):
            security_log.record(
                "sign_in_failed", user_id=user.id, detail="password, passkey needed"
            )
            form.password.errors.append(_("Staff sign in with a passkey. Use the passkey button."))
            return render_template("signin/sign_in.html", form=form)
        if user is not None:
            destination = finish_sign_in(
                user,
                remembered=form.remember.data,
                user_agent=request.user_agent.string,
                next_url=request.args.get("next"),
            )
            return redirect(destination)
        count_wrong_password(form.username.data)
        security_log.record(
            "sign_in_failed",
            user_id=security_log.whose_username(form.username.data),
            detail="password",
        )
        form.password.errors.append(
            _("The username or password is not right. Check them and try again.")
        )
    return render_template("signin/sign_in.html", form=form)


@bp.post("/sign-out")
@permission_required(Permission.USE_PORTAL)
def sign_out():
    """Sign this browser out and end its sign-in on the server."""
    end_sign_in()
    flash(_("You are signed out. See you soon."), "success")
    return redirect(url_for("pages.home"))


@bp.get("/send-again")
@permission_required(Permission.USE_PORTAL)
def send_kept_form():
    """After signing in again: show what they typed, ready to send again."""
    kept = take_kept_form(session.get(SESSION_KEY), current_user)
    if kept is None:
        return redirect(url_for("pages.home"))
    return render_template(
        "errors/form_expired.html", kept=[tuple(pair) for pair in kept.fields], action=kept.path
    )
