"""Mark glossary words in a page's main text, after the page is rendered.

A pass over `<main>` with the standard library's HTML tokenizer finds our own running text;
the first time each glossary word appears there it is wrapped in a link to its meaning. Only the
text is searched, never tags or attributes, and the page's own bytes are kept: marks are
spliced in at the offsets the tokenizer reports.

Never marked: headings, links, buttons, labels and form fields (a link inside them would be
a second target, or change their name), code, and words people typed in (`<bdi>`,
`dir="auto"`): members' words are shown exactly as written, and a mark would read as if the
portal corrected them. A block opts out with `data-no-words`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from portal.extensions import db
from portal.words.models import GlossaryWord

SKIP_TAGS = frozenset(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "button",
        "label",
        "input",
        "select",
        "option",
        "textarea",
        "legend",
        "summary",
        "code",
        "kbd",
        "samp",
        "pre",
        "script",
        "style",
        "bdi",
        "svg",
        "noscript",
        "template",
        "title",
    ]
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
SKIP_ATTRIBUTES = frozenset({"data-no-words", "contenteditable"})
MAIN_START, MAIN_END = '<main id="main"', "</main>"


@dataclass(frozen=True)
class WordList:
    stamp: tuple
    pattern: re.Pattern | None
    slugs: dict[str, tuple[str, str]]  # form, lower case -> (slug, picture)
    # The forms in the order of the pattern's groups: a match says which form it is by its
    # group, as case-blind matching takes U+017F for "s" and lower-casing would not give it back.
    forms: tuple[str, ...] = ()


_lists: dict[str, WordList] = {}
_lock = threading.Lock()


def _stamp(connection) -> tuple:
    # Cheap, and the same in every worker: a staff edit changes it, so no cache outlives one.
    table = GlossaryWord.__table__
    query = sa.select(sa.func.count(table.c.id), sa.func.max(table.c.updated_at))
    count, newest = connection.execute(query).one()
    return (count, newest)


def word_list(language: str) -> WordList:
    """The compiled glossary for `language`, built again only after the glossary changed.

    Read on a connection of its own, outside the request's transaction: a glossary that
    cannot be read (a database not upgraded yet) leaves the page unmarked, never broken.
    """
    with db.engine.connect() as connection:
        stamp = _stamp(connection)
        known = _lists.get(language)
        if known and known.stamp == stamp:
            return known
        rows = connection.execute(sa.select(GlossaryWord.__table__)).mappings().all()
    slugs: dict[str, tuple[str, str]] = {}
    for row in rows:
        word = GlossaryWord(**row)
        for form in word.forms(language):
            slugs.setdefault(form.lower(), (word.slug, word.picture))
    # Longest first, so "common concern" wins over "concern".
    forms = tuple(sorted(slugs, key=len, reverse=True))
    pattern = None
    if forms:
        pattern = re.compile(
            r"(?<![\w'-])(?:" + "|".join(f"({re.escape(form)})" for form in forms) + r")(?![\w-])",
            re.IGNORECASE,
        )
    built = WordList(stamp, pattern, slugs, forms)
    with _lock:
        _lists[language] = built
    return built


def forget_word_lists() -> None:
    with _lock:
        _lists.clear()


class _AllFound(Exception):
    """Every word the page could hold is marked: the rest of the page need not be read."""


class _WordFinder(HTMLParser):
    """Finds the first use of each glossary word in the text that may be marked."""

    def __init__(self, html: str, words: WordList, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.words, self.wanted = words, wanted
        self.found: list[tuple[int, int, str, str]] = []  # start, end, slug, picture
        self._done: set[str] = set()
        self._stack: list[tuple[str, bool]] = []
        self._line_starts = [0] + [newline.end() for newline in re.finditer("\n", html)]

    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID_TAGS:
            return
        skip = (
            self._skipping()
            or tag in SKIP_TAGS
            or any(name in SKIP_ATTRIBUTES for name, _ in attrs)
            or ("dir", "auto") in attrs
        )
        self._stack.append((tag, skip))

    def handle_endtag(self, tag) -> None:
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data) -> None:
        if self._skipping() or not data.strip():
            return
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        for match in self.words.pattern.finditer(data):
            slug, picture = self.words.slugs[self.words.forms[match.lastindex - 1]]
            if slug not in self._done:
                self._done.add(slug)
                self.found.append((offset + match.start(), offset + match.end(), slug, picture))
        if self._done >= self.wanted:
            raise _AllFound


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
            url_for("static", filename=f"pictures/{picture}.svg"),
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
    # Which words appear anywhere (in tags too): none, and the page is not parsed at all; once
    # they are all marked, the parse stops.
    wanted = _words_anywhere(main.lower(), words)
    if not wanted:
        return html
    finder = _WordFinder(main, words, wanted)
    try:
        finder.feed(main)
        finder.close()
    except _AllFound:
        pass
    if not finder.found:
        return html
    pieces, at = [], 0
    for begin, finish, slug, picture in finder.found:
        pieces += [main[at:begin], _mark(slug, picture, main[begin:finish])]
        at = finish
    pieces.append(main[at:])
    return html[:start] + "".join(pieces) + html[end:]


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
