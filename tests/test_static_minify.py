"""Style sheets and scripts go out minified (portal/static_minify.py), at their usual addresses,
and only the pages that need a style sheet ask for it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from flask import url_for

from portal import create_app
from portal.static_minify import minified
from portal.static_versions import LONG_CACHE
from tests.conftest import ROOT

STATIC = ROOT / "static"
OWN_SCRIPTS = sorted(p for p in (STATIC / "js").glob("*.js") if not p.name.endswith(".min.js"))


def test_style_sheets_and_scripts_are_sent_minified_and_kept_a_year(app, client):
    with app.test_request_context():
        address = url_for("static", filename="css/portal.css")
    response = client.get(address)
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    written = (STATIC / "css/portal.css").read_bytes()
    assert 0 < len(response.data) < len(written) * 0.8
    assert b"/*" not in response.data  # the comments are for us, not for a phone
    assert b".merge-choice{" in response.data and b"--primary:#0b3d91" in response.data
    assert response.headers["Cache-Control"] == LONG_CACHE
    # Asked again with what the browser kept: 304, nothing sent.
    again = client.get(address, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    script = client.get("/static/js/offline.js")
    assert script.mimetype == "text/javascript"
    assert len(script.data) < (STATIC / "js/offline.js").stat().st_size * 0.8
    assert script.headers["Cache-Control"] == "no-cache"  # no version asked: checked each time


def test_htmx_goes_out_as_it_came_and_other_files_as_before(client):
    htmx = next((STATIC / "js").glob("htmx-*.min.js"))
    assert client.get(f"/static/js/{htmx.name}").data == htmx.read_bytes()
    picture = client.get("/static/pictures/help.svg")
    assert picture.data == (STATIC / "pictures/help.svg").read_bytes()


@pytest.mark.parametrize(
    "address",
    [
        "/static/css/none-such.css",
        "/static/js/%00.js",
        "/static/../portal/__init__.js",
        "/static/js/",
    ],
)
def test_a_file_that_is_not_there_is_404(client, address):
    assert client.get(address).status_code == 404


def test_in_development_the_files_go_out_as_written(tmp_path):
    development = create_app(
        {
            "PORTAL_ENV": "development",
            "SECRET_KEY": "development-only-key-for-this-test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        }
    )
    answer = development.test_client().get("/static/css/portal.css")
    assert answer.data == (STATIC / "css/portal.css").read_bytes()
    answer.close()


@pytest.mark.without_database
@pytest.mark.skipif(not shutil.which("node"), reason="needs Node.js to parse the scripts")
@pytest.mark.parametrize("script", OWN_SCRIPTS, ids=lambda path: path.name)
def test_every_minified_script_is_still_javascript(script, tmp_path):
    body, _etag = minified(str(script), script.stat().st_mtime)
    copy = tmp_path / script.name
    copy.write_bytes(body)
    checked = subprocess.run(
        ["node", "--check", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    # Template literals keep what is inside them, spaces and all.
    for literal in re.findall(r"`[^`]*`", script.read_text()):
        if "${" in literal:
            assert literal.encode() in body, literal


def test_only_the_pages_that_need_a_style_sheet_ask_for_it(client_as):
    staff = client_as("staff")
    home = staff.get("/").get_data(as_text=True)
    assert "css/portal.css" in home
    assert "css/report.css" not in home  # the charts' styles, on the report pages only
    assert "css/helping.css" not in home  # the banner shown only while helping someone
    assert "css/report.css" in staff.get("/report").get_data(as_text=True)
    assert "css/report.css" in staff.get("/together").get_data(as_text=True)
