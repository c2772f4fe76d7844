"""My data: everything the portal holds about a person, to read and download, and asking
staff to remove an account."""

from flask import Blueprint

bp = Blueprint("mydata", __name__)

from portal.mydata import notice_kinds, staff_views, views  # noqa: E402, F401  (kinds, routes)
