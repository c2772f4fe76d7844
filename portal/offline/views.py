"""The web app manifest, the service worker, the offline page and what the worker asks for."""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from portal.accounts.permissions import Permission, permission_required, public
from portal.offline import bp
from portal.offline.keeping import own_session_ids
from portal.offline.person import NOBODY, person_key
from portal.offline.worker import worker_script
from portal.sessions.queries import list_own_sessions

THEME = "#0b3d91"  # the portal's primary blue: white text on it is 10.4:1


@bp.get("/sw.js")
@public
def service_worker():
    """The worker, from the site's root so it looks after every page of the portal."""
    response = Response(worker_script(), mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """What a phone needs to put the portal on its home screen, like an app."""
    name = current_app.config["PORTAL_NAME"]
    icons = [
        {
            "src": url_for("static", filename=f"app-icons/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for size, purpose in ((192, "any"), (512, "any"), (512, "maskable"))
    ]
    icons[2]["src"] = url_for("static", filename="app-icons/icon-maskable-512.png")
    data = {
        "name": name,
        "short_name": name,
        "description": _("Meet other members. Say what worries you. Change things together."),
        "lang": str(get_locale()),
        "start_url": url_for("pages.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }
    response = jsonify(data)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/offline")
@public
def offline_page():
    """Shown when there is no signal and the page asked for was not saved: what can be read."""
    sessions = []
    if person_key() is not None:
        sessions = [card.session for card in list_own_sessions(current_user)][:12]
    return render_template("offline/offline.html", sessions=sessions, kept=person_key() is not None)


@bp.get("/offline/pages")
@permission_required(Permission.USE_PORTAL)
def pages_to_keep():
    """For the worker: the pages to save for this person now, while there is a signal."""
    key = person_key()
    if key is None:
        return jsonify(person=NOBODY, pages=[])
    pages = [
        url_for("offline.offline_page"),
        url_for("sessions.list_mine"),
        url_for("notices.list_own_notices"),
        url_for("concerns.my_concerns"),
        url_for("pages.help_page"),
    ]
    pages += [url_for("sessions.show_session", session_id=i) for i in own_session_ids()]
    return jsonify(person=key, pages=pages)


@bp.get("/offline/token")
@permission_required(Permission.USE_PORTAL)
def fresh_token():
    """For the worker: a fresh form token, so a tap kept for days is not refused as too old.

    Only this site's pages can read it (no CORS), and only with this person's cookie.
    """
    return jsonify(person=person_key() or NOBODY, token=generate_csrf())


@bp.get("/help/home-screen")
@public
def home_screen_help():
    """Put Common Ground on your phone's home screen: Android and iPhone, step by step."""
    return render_template("offline/home_screen.html")
