"""Hostile requests for the security tests: every route, hostile values, each role.

`sweep_request` builds one request for a route from one hostile value: the value goes into every
URL part (or a real id, so the view runs past its lookups), every query key we read, every form
field of every form, and the JSON body where the route takes JSON.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import quote

from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

# Values that broke a page once, or would: past the database's integer range, digits Python's
# int() reads but the database does not, NUL (PostgreSQL refuses it in text), line breaks
# (headers, calendar files), a very long string, unicode and markup.
KNOWN_BAD = (
    "99999999999999999999",
    "2147483648",
    "-1",
    "²",
    "a\x00b",
    "line\nbreak\r\nX-Injected: yes",
    "/\n//evil.example",
    "x" * 5000,
    "💥 Ünïcödé ‮",
    # Letters case-blind matching takes for others: long s, the Kelvin sign, a dotted capital I.
    "\u017ftaff \u017fubmit pass\u212aey pr\u0130vate",
    "<script>alert(1)</script>' OR 1=1 --",
)

# Keys the views read straight from request.args / request.form, and url_for's own keywords.
RAW_KEYS = (
    "before", "item", "person", "version", "keep_id", "places", "page", "next", "q", "step",
    "sort", "status", "part", "undo", "editing", "forget", "moderator", "concern", "action",
    "since", "direction", "change", "place", "language", "answer", "allow", "coming", "active",
    "accept", "pick", "publish", "supported", "archived", "go", "remember", "code", "token",
    "came", "name", "backed", "led", "from", "to", "group",
    "_method", "_external", "_anchor", "_scheme",
)  # fmt: skip

JSON_ENDPOINTS = {"signin.add_passkey", "signin.passkey_sign_in"}

# After these a signed-in client may be signed out (or signed in as someone else): make it again.
CHANGES_WHO_IS_SIGNED_IN = {
    "signin.sign_in",
    "signin.sign_out",
    "signin.sign_out_everywhere",
    "signin.sign_out_device",
    "signin.type_code",
    "signin.open_card",
    "signin.this_phone",
    "signin.open_email_link",
    "people.start_helping_member",  # the supporter then acts for a member
    "people.stop_helping_member",
    "signin.passkey_sign_in",
}

_PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    endpoint: str
    rule: str
    method: str


def every_route(app) -> list[Route]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append(Route(rule.endpoint, rule.rule, method))
    return sorted(routes, key=lambda route: (route.endpoint, route.method))


def _all_forms(cls=FlaskForm):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_forms(sub)


def form_field_names() -> tuple[str, ...]:
    names = set(RAW_KEYS)
    for form in _all_forms():
        names.update(
            name for name in dir(form) if isinstance(getattr(form, name, None), UnboundField)
        )
    return tuple(sorted(names))


def fill_path(route: Route, value: str | None, real_ids: dict[str, str]) -> str:
    """The route's path with every part `value`, or the real id for that part when value is None."""

    def part(match: re.Match) -> str:
        name = match.group(2)
        chosen = real_ids.get(name, "1") if value is None else value
        return quote(str(chosen), safe="")

    return _PART.sub(part, route.rule)


def hostile_json(value: str):
    """Shapes a JSON endpoint must refuse: wrong types at each level, and the value itself."""
    return [
        [value],
        value,
        None,
        12,
        {"credential": value},
        {"credential": [value]},
        {"credential": {"id": value, "response": value}},
        {"credential": {"id": 5, "response": {"clientDataJSON": 5}}},
        {"credential": {"id": value, "response": {"clientDataJSON": value}, "type": None}},
    ]


BODY_KINDS = ("form", "json", "file")


def _body(kind: str, value: str, field_names, csrf: str) -> dict:
    """Request keywords for a POST: a form, a JSON object where a form belongs, or a file part
    in every text box."""
    if kind == "json":
        return {"json": {name: {"nested": [value]} for name in field_names}}
    if kind == "file":
        data = {name: (io.BytesIO(value.encode()), "words.txt") for name in field_names}
        data["csrf_token"] = csrf
        return {"data": data, "content_type": "multipart/form-data"}
    data = dict.fromkeys(field_names, value)
    data["csrf_token"] = csrf
    return {"data": data}


# Forged Host headers: one Werkzeug cannot read (too long), one it reads as "", odd names.
HOSTS = (None, "x" * 300, "a\x00b", "ünï.example", "[::1", "127.0.0.1:99999999999")


def sweep_request(
    client,
    route: Route,
    value: str,
    *,
    real_ids,
    field_names,
    csrf,
    path_value,
    body="form",
    host=None,
):
    """Send one hostile request; return its response."""
    path = fill_path(route, value if path_value else None, real_ids)
    query = dict.fromkeys(RAW_KEYS, value)
    headers = {"X-CSRFToken": csrf, **({"Host": host} if host else {})}
    if route.method == "GET":
        return client.get(path, query_string=query, headers=headers)
    if route.endpoint in JSON_ENDPOINTS:
        last = None
        for shape in hostile_json(value):
            last = client.open(path, method=route.method, json=shape, headers=headers)
            assert last.status_code < 500, (route, shape, last.status_code)
        return last
    return client.open(
        path,
        method=route.method,
        query_string=query,
        headers=headers,
        **_body(body, value, field_names, csrf),
    )
