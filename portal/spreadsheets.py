"""Spreadsheet (CSV) files to download: every cell safe to open, sent a piece at a time."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Response, stream_with_context

# Spreadsheets run a cell that starts like a formula; a quote mark in front keeps it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64_000  # characters: a long log goes out in pieces, never held whole in memory


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> Response:
    """A CSV file to save as `filename`; `rows` may be a generator that still reads the
    database, because the request stays open while the file is sent."""

    def pieces() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([safe_cell(value) for value in header])
        for row in rows:
            writer.writerow([safe_cell(value) for value in row])
            if out.tell() > CHUNK:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    response = Response(stream_with_context(pieces()), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
