"""Members' pages: what's on, one session, "I'm coming", help needs, and calendars."""

from __future__ import annotations

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required, public
from portal.accounts.posting import posting_refusal
from portal.extensions import db, limiter
from portal.htmx import answer, is_fragment_request, render_page
from portal.looking import person_is_looking
from portal.pagination import page_number
from portal.people.supporters import on_link_stopped
from portal.sessions import bp
from portal.sessions.calendar import calendar_file
from portal.sessions.coming_panel import coming_panel
from portal.sessions.forms import HelpForm
from portal.sessions.models import BookingStatus
from portal.sessions.panels import panels_for
from portal.sessions.places import places_for
from portal.sessions.queries import (
    calendar_sessions,
    get_visible_session,
    list_own_sessions,
    list_sessions,
    runs_session,
    unseen_time_changes,
    user_for_calendar_token,
)
from portal.sessions.services import (
    SessionClosed,
    calendar_token,
    mark_session_seen,
    say_coming,
    say_not_coming,
    set_help_needs,
)
from portal.timeutil import utcnow
from portal.transactions import keep_writes_on_refusal
from portal.urls import external_url


def _visible_or_404(session_id: int):
    # A session for a group you are not in is "not found", never "forbidden".
    session = get_visible_session(current_user, session_id)
    if session is None:
        abort(404)
    return session


@bp.get("")
@permission_required(Permission.USE_PORTAL)
def list_upcoming():
    """What's on: sessions still to come, soonest first."""
    return _list_page(past=False)


@bp.get("/past")
@permission_required(Permission.USE_PORTAL)
def list_past():
    """Sessions that have happened, latest first."""
    return _list_page(past=True)


def _list_page(*, past: bool):
    page = page_number(highest=1000)
    cards, more = list_sessions(current_user, past=past, page=page)
    return render_template(
        "sessions/list_sessions.html", cards=cards, past=past, page=page, more=more
    )


@bp.get("/mine")
@permission_required(Permission.USE_PORTAL)
def list_mine():
    """The sessions I am going to or waiting for, and my calendar address."""
    feed_url = None
    if getattr(current_user, "helper", None) is None:
        # The address is a key that works without signing in: never shown to a supporter.
        feed_url = external_url("sessions.calendar_feed", token=calendar_token(current_user))
    return render_template(
        "sessions/my_sessions.html", cards=list_own_sessions(current_user), feed_url=feed_url
    )


@bp.get("/<int:session_id>")
@permission_required(Permission.USE_PORTAL)
def show_session(session_id: int):
    """One session: what, who for, when, where, who runs it, places, and my answer."""
    session = _visible_or_404(session_id)
    panel = panels_for(session, current_user)
    # Say "The time has changed" this once: it leaves the cards when the person has seen it
    # (not when the phone only saves the page for later: portal/looking.py).
    time_changed = session.id in unseen_time_changes(current_user, [session])
    if time_changed and person_is_looking():
        mark_session_seen(session, current_user)
    context = _page_context(session)
    # What the check after the page (may the phone keep it?, portal/offline/keeping.py) needs,
    # read already with the places: no query of its own.
    places = context["places"]
    g.session_page_answer = (session.id, places.status, session.end_at, places.own_sooner)
    return render_page(
        "sessions/show_session.html",
        block="coming_panel",
        time_changed=time_changed,
        **context,
        **panel,
    )


def _page_context(session, message: str | None = None, refused: bool = False) -> dict:
    places = places_for(session, current_user)
    is_over = session.end_at <= utcnow()
    return {
        "training": session,
        "places": places,
        "coming": coming_panel(session, places, is_over=is_over),
        "message": message,
        "refused": refused,
        "is_over": is_over,
        "has_started": session.start_at <= utcnow(),
        "runs_it": runs_session(current_user, session),
        # An idea for the agenda is a post too: no offer to someone stopped from posting.
        "ideas_stopped": posting_refusal(current_user) is not None,
    }


@bp.post("/<int:session_id>/coming")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("30 per minute")
def set_coming(session_id: int):
    """The toggle: "I'm coming" (or join the waiting list), and "I can't come now"."""
    session = _visible_or_404(session_id)
    coming = request.form.get("coming") == "1"
    form = HelpForm()
    try:
        if coming:
            booking = say_coming(
                session,
                current_user,
                help_needs=form.help_needs.data or [],
                help_other=form.help_other.data or "",
            )
            if booking.status == BookingStatus.GOING:
                message = _("You are going. We saved the help you need.")
            else:
                message = _("You are on the waiting list. We will tell you if a place comes free.")
        else:
            say_not_coming(session, current_user)
            message = _("You are not going now. You can change your mind.")
    except SessionClosed:
        return _refused(session)
    return _answer(session, message)


@bp.post("/<int:session_id>/help")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("30 per minute")
def change_help(session_id: int):
    """Change the help I need, after saying I am coming."""
    session = _visible_or_404(session_id)
    places = places_for(session, current_user)
    form = HelpForm()
    if places.booking is None or places.status == BookingStatus.LEFT:
        message = _("Say you are coming first. Then tell us the help you need.")
    else:
        try:
            set_help_needs(places.booking, form.help_needs.data or [], form.help_other.data or "")
        except SessionClosed:
            return _refused(session)
        message = _("We saved the help you need.")
    return _answer(session, message)


def _refused(session) -> Response:
    """Nothing changed: the session is cancelled or over. Say so where the answer is."""
    db.session.rollback()
    if session.is_cancelled:
        message = " ".join(
            [
                _("This session is cancelled. You cannot change your answer now."),
                _("If it comes back on, you can change it then."),
            ]
        )
    else:
        message = _("This session is over. You cannot change your answer now.")
    if is_fragment_request():
        # 200, so htmx swaps it in: the panel shows the session as it is now, and why.
        context = _page_context(session, message, refused=True)
        return render_page("sessions/show_session.html", block="coming_panel", **context)
    flash(message, "error")  # at the top of the page, where every answer is said
    panel = panels_for(session, current_user)
    keep_writes_on_refusal()  # the agenda panel remembers that this person saw the agenda
    return render_page(
        "sessions/show_session.html",
        block="coming_panel",
        status=409,
        time_changed=False,
        **_page_context(session),
        **panel,
    )


def _answer(session, message: str) -> Response:
    return answer(
        "sessions/show_session.html",
        "coming_panel",
        to=url_for("sessions.show_session", session_id=session.id) + "#coming-panel",
        flash_message=message,
        lazy_context=lambda: _page_context(session, message),
    )


def _ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<int:session_id>/calendar.ics")
@permission_required(Permission.USE_PORTAL)
def session_calendar(session_id: int):
    """Add to my calendar: one session as a calendar file."""
    session = _visible_or_404(session_id)
    return _ics_response(calendar_file([session], session.title), f"session-{session.id}.ics")


@bp.get("/calendar/<token>.ics")
@public
@limiter.limit("60 per minute")
def calendar_feed(token: str):
    """A member's private calendar feed; calendar apps cannot sign in, so the address is the key."""
    user = user_for_calendar_token(token[:100])
    if user is None:
        abort(404)
    body = calendar_file(calendar_sessions(user), _("My sessions"))
    return _ics_response(body, "my-sessions.ics")


@on_link_stopped
def _new_calendar_address(link) -> None:
    """A supporter may have copied the address while helping: when the help stops, so does it."""
    calendar_token(link.member, reset=True)


@bp.post("/calendar/new-address")
@permission_required(Permission.USE_PORTAL)
def reset_calendar_address():
    """Make a new calendar address; the old one stops working."""
    calendar_token(current_user, reset=True)
    flash(_("You have a new calendar address. The old one does not work now."), "success")
    return redirect(url_for("sessions.list_mine") + "#calendar-address")
