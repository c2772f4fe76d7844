"""Works on a poor signal: the web app manifest, the service worker, the offline page, and taps
kept on the phone that are counted once when they arrive (issue 19)."""

from flask import Blueprint

bp = Blueprint("offline", __name__)

from portal.offline import keeping, once, views  # noqa: E402, F401  (registers routes and hooks)
