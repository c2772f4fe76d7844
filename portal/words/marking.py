"""Mark glossary words in a page's main text, after the page is rendered.

A pass over `<main>` (portal/words/finding.py) finds our own running text; the first time
each glossary word appears there it is wrapped in a link to its meaning. Only the text is
searched, never tags or attributes, and the page's own bytes are kept: marks are spliced in
at the offsets the search reports.

Never marked: headings, links, buttons, labels and form fields (a link inside them would be
a second target, or change their name), code, and words people typed in (`<bdi>`,
`dir="auto"`): members' words are shown exactly as written, and a mark would read as if the
portal corrected them. A block opts out with `data-no-words`.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, has_request_context, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from portal.extensions import db
from portal.kept import CSRF_STAND_IN, SharedLRU, request_csrf_token
from portal.static_versions import static_url
from portal.words.finding import WordList, find_words, word_pattern
from portal.words.models import GlossaryWord

MAIN_START, MAIN_END = '<main id="main"', "</main>"
# How many pages' marks each process keeps: a few hundred bytes each (only the marks and where
# they go, never the page), so a busy worker holds well under a megabyte.
MARKS_KEPT = 512


class _Glossaries:
    """One app's compiled word lists (one per language), and when they were last checked."""

    def __init__(self) -> None:
        self.lists: dict[str, WordList] = {}
        self.stamp: tuple | None = None
        self.checked_at = float("-inf")
        self.lock = threading.Lock()
        # Marking is a pure function of the page's `<main>`, the language and the glossary, and
        # the key holds all three (the glossary as its stamp), so a staff edit misses at once
        # wherever the new stamp is seen.
        self.marks: SharedLRU[tuple] = SharedLRU(MARKS_KEPT)


def _glossaries(app: Flask) -> _Glossaries:
    return app.extensions.setdefault("glossary_word_lists", _Glossaries())


def _stamp(connection) -> tuple:
    # Cheap, and the same in every worker: a staff edit changes it, so no cache outlives one.
    table = GlossaryWord.__table__
    query = sa.select(sa.func.count(table.c.id), sa.func.max(table.c.updated_at))
    count, newest = connection.execute(query).one()
    return (count, newest)


def word_list(language: str) -> WordList:
    """The compiled glossary for `language`, built again only after the glossary changed.

    Each process keeps its lists, and asks the database whether the glossary changed (a count
    and the newest change, the same in every worker and on every server) at most once every
    GLOSSARY_RECHECK_SECONDS (2): so pages cost no query of their own, and a staff edit is
    marked by every worker within 2 seconds, and at once by the one that saved it.
    Read on a connection of its own, outside the request's transaction: a glossary that
    cannot be read (a database not upgraded yet) leaves the page unmarked, never broken.
    """
    cache = _glossaries(current_app)
    now = time.monotonic()
    if now - cache.checked_at < current_app.config["GLOSSARY_RECHECK_SECONDS"]:
        known = cache.lists.get(language)
        if known is not None:
            return known
    with db.engine.connect() as connection:
        stamp = _stamp(connection)
        with cache.lock:
            cache.checked_at = now
            if stamp != cache.stamp:
                cache.lists, cache.stamp = {}, stamp
            known = cache.lists.get(language)
        if known is not None:
            return known
        rows = connection.execute(sa.select(GlossaryWord.__table__)).mappings().all()
    slugs: dict[str, tuple[str, str]] = {}
    for row in rows:
        word = GlossaryWord(**row)
        for form in word.forms(language):
            slugs.setdefault(form.lower(), (word.slug, word.picture))
    # Longest first, so "common concern" wins over "concern".
    forms = tuple(sorted(slugs, key=len, reverse=True))
    pattern = word_pattern(forms) if forms else None
    built = WordList(stamp, pattern, slugs, forms)
    with cache.lock:
        if cache.stamp == stamp:
            cache.lists[language] = built
    return built


def glossary_changed() -> None:
    """This process changed the glossary: the next page checks it again, whatever the time."""
    _glossaries(current_app).checked_at = float("-inf")


def _mark(slug: str, picture: str, words: str) -> str:
    return str(
        Markup(
            '<span class="word-mark-wrap"><a class="word-mark" href="{}" hx-get="{}" '
            'hx-target="#meaning-{}" hx-swap="innerHTML" hx-push-url="false" data-word="{}">'
            '<img class="word-mark-picture" src="{}" alt="" width="24" height="24">{}</a>'
            '<span class="word-meaning" id="meaning-{}" aria-live="polite"></span></span>'
        ).format(
            url_for("words.list_words", _anchor=f"word-{slug}"),
            url_for("words.meaning", slug=slug),
            slug,
            slug,
            static_url(f"pictures/{picture}.svg"),
            Markup(words),  # noqa: S704 (the page's own HTML bytes, kept as they were)
            slug,
        )
    )


TOKEN = re.compile(r"[\w'-]+")


def _words_anywhere(lowered: str, words: WordList) -> set[str]:
    """The glossary words in `lowered`, tags included: a quick look, a little too generous."""
    tokens = set(TOKEN.findall(lowered))
    found = set()
    for form, (slug, _) in words.slugs.items():
        first, _, rest = form.partition(" ")
        if first in tokens and (not rest or form in lowered):
            found.add(slug)
    return found


def mark_words(html: str, language: str) -> str:
    """`html` with the first use of each glossary word in its `<main>` marked."""
    start = html.find(MAIN_START)
    end = html.rfind(MAIN_END)
    if start < 0 or end < start:
        return html
    try:
        words = word_list(language)
    except sa.exc.SQLAlchemyError:
        current_app.logger.warning("Words help: the glossary cannot be read", exc_info=True)
        return html
    if words.pattern is None:
        return html
    main = html[start:end]
    token = request_csrf_token()
    if token and token in main and CSRF_STAND_IN not in main:
        main = main.replace(token, CSRF_STAND_IN)
    else:
        token = None
    # Reading every tag of a board's 75 kB costs a third of the page; the same page (most
    # pages, most of the time) is marked the same way, so it is read once.
    # SHA-256, not BLAKE2: most processors now compute it in hardware, twice as fast here.
    key = (
        hashlib.sha256(main.encode("utf-8", "surrogatepass")).digest(),
        language,
        words.stamp,
        request.script_root if has_request_context() else "",
    )
    marks_kept = _glossaries(current_app).marks
    marks = marks_kept.get(key)
    if marks is None:
        marks = _marks(main, words)
        marks_kept.put(key, marks)
    if not marks:
        return html
    pieces, at = [], 0
    for begin, finish, mark in marks:
        pieces += [main[at:begin], mark]
        at = finish
    pieces.append(main[at:])
    marked = "".join(pieces)
    if token:
        marked = marked.replace(CSRF_STAND_IN, token)
    return html[:start] + marked + html[end:]


def _marks(main: str, words: WordList) -> tuple[tuple[int, int, str], ...]:
    """Where each mark goes in `main`, and its HTML: (start, end, mark)."""
    # Which words appear anywhere (in tags too): none, and the page is not parsed at all; once
    # they are all marked, the parse stops.
    wanted = _words_anywhere(main.lower(), words)
    if not wanted:
        return ()
    return tuple(
        (begin, finish, _mark(slug, picture, main[begin:finish]))
        for begin, finish, slug, picture in find_words(main, words, wanted)
    )


def init_marking(app: Flask) -> None:
    @app.after_request
    def mark_glossary_words(response: Response) -> Response:
        if (
            not app.config.get("MARK_GLOSSARY_WORDS", True)
            or request.method != "GET"
            or response.status_code != 200
            or response.mimetype != "text/html"
            or response.direct_passthrough
            or response.is_streamed
            or request.blueprint == "words"
            # A page of numbers for staff (the participation report): nothing to explain, and
            # reading all of it would cost more than the page itself.
            or g.get("no_word_marks")
            or request.headers.get("HX-Request")
        ):
            return response
        html = response.get_data(as_text=True)
        marked = mark_words(html, str(get_locale() or "en"))
        if marked is not html:
            response.set_data(marked)
        return response
