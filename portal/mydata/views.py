"""My data: read everything the portal keeps about you, download it, or ask to be removed.

A supporter helping a member may read and download it when the member let them see their
things (the "see" scope, acting_for.py), without the ways to sign in, which supporters never
see. Asking to remove an account is never open while helping: only the member can ask.
"""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.extensions import limiter, per_person
from portal.mydata import bp
from portal.mydata.catalogue import LOOKUPS, Kind, kinds_for
from portal.mydata.export import everything_about
from portal.mydata.removal import ask_to_remove as ask
from portal.mydata.removal import may_ask_to_remove, take_back_asking

SHOWN_PER_KIND = 10  # the newest few on the page; the download has them all


def _helping() -> bool:
    return current_user.helper is not None


def headline(kind: Kind, row: dict) -> str | None:
    """The words the page lists for one record, or None to give only how many."""
    if kind.headline is None:
        return None
    if kind.headline in kind.names:
        return row.get(kind.headline.removesuffix("_id") + "_name")
    if kind.headline in LOOKUPS:
        return row.get(kind.headline.removesuffix("_id") + "_words")
    value = row.get(kind.headline)
    return None if value is None else str(value)


@bp.get("/me/my-data")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("30 per minute", key_func=per_person)
def my_data():
    """Everything we keep about you, in easy read, with the newest few of each kind."""
    data = everything_about(current_user, helping=_helping())
    sections = []
    for kind in kinds_for(helping=_helping()):
        rows = data["records"][kind.key]
        if rows:
            newest = list(reversed(rows))[:SHOWN_PER_KIND]
            lines = [line for line in (headline(kind, row) for row in newest) if line]
            sections.append((kind, len(rows), lines))
    return render_template(
        "mydata/my_data.html",
        account=data["account"],
        sections=sections,
        may_ask=may_ask_to_remove(current_user) and not _helping(),
    )


@bp.get("/me/my-data.json")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("10 per minute", key_func=per_person)
def download_my_data():
    """The same, whole, as one file for computers (JSON)."""
    data = everything_about(current_user, helping=_helping())
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/me/remove-account")
@permission_required(Permission.USE_PORTAL)
def remove_account_page():
    """What removing an account does, in easy read, before anyone asks."""
    return render_template("mydata/remove_account.html", may_ask=may_ask_to_remove(current_user))


@bp.post("/me/remove-account")
@permission_required(Permission.USE_PORTAL)
def ask_to_remove():
    """Ask staff to remove my account. Nothing goes until staff do it."""
    if not may_ask_to_remove(current_user):
        # Staff: the page says to ask another staff member; nothing is written.
        return redirect(url_for("mydata.remove_account_page"))
    ask(current_user)
    flash(_("You asked us to remove your account. Staff will talk to you first."), "success")
    return redirect(url_for("mydata.remove_account_page"))


@bp.post("/me/remove-account/take-back")
@permission_required(Permission.USE_PORTAL)
def take_back():
    """Changed my mind: keep my account."""
    take_back_asking(current_user)
    flash(_("We will keep your account."), "success")
    return redirect(url_for("mydata.remove_account_page"))
