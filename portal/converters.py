"""URL converters that refuse what the database could never hold, so such a URL is a 404.

Every id column is a 32-bit INTEGER. Werkzeug's own `int` converter takes any number of digits,
and a value past 2**31-1 then reaches the database: PostgreSQL refuses it (a 500) and SQLite
overflows. `string` parts (tokens) never hold control characters: PostgreSQL refuses NUL in text.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, UnicodeConverter

# The largest value a 32-bit INTEGER column holds, on SQLite and PostgreSQL alike.
LARGEST_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` as before, but only up to 2**31-1; a larger one does not match (404)."""

    def __init__(self, map, fixed_digits=0, min=0, max=LARGEST_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class PlainTextConverter(UnicodeConverter):
    """`<token>` and other text parts: no control characters (NUL, newline...), else 404."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]")


def register_converters(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter
    app.url_map.converters["default"] = PlainTextConverter
    app.url_map.converters["string"] = PlainTextConverter


def database_id(value: str) -> int:
    """`value` as a number an id column can hold; ValueError for anything else.

    Made for `request.args.get("before", type=database_id)`: Werkzeug then answers the default
    for a bad value. Plain `int` takes "-3", "1_000", "²"-like digits and numbers of any size.
    """
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(LARGEST_ID)):
        raise ValueError(value)
    number = int(text)
    if number > LARGEST_ID:
        raise ValueError(value)
    return number
