"""Every helper a template can use (pictures, icons, permission checks, times, each area's
words), registered in one place: init_templating."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cache, lru_cache
from pathlib import Path

from flask import (
    Flask,
    before_render_template,
    current_app,
    g,
    has_request_context,
    request,
)
from flask_babel import get_locale
from flask_login import current_user
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape

from portal.accounts.acting_for import may_open
from portal.accounts.kept_forms import take_signed_out_person
from portal.accounts.permissions import Permission, can, posting_can_be_stopped
from portal.static_versions import static_url
from portal.wording import and_list

_SPACE = re.compile(r"\s+")
# Tabler's first path is an invisible 24x24 box, only there for drawing tools.
_BLANK_PATH = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none" ?/>')


@cache
def _icon_svg(static_folder: str, name: str) -> str:
    svg = (Path(static_folder) / "icons" / f"{name}.svg").read_text()
    svg = _BLANK_PATH.sub("", _SPACE.sub(" ", svg)).replace("> <", "><").strip()
    # Inline so the icon takes the text colour (and so its contrast); hidden from screen
    # readers because the words beside it say the same.
    return svg.replace("<svg", '<svg aria-hidden="true" focusable="false"', 1).replace(
        'class="icon icon-tabler', 'class="icon tabler', 1
    )


def icon(name: str) -> Markup:
    """A small line icon (Tabler, MIT) beside an action or menu item."""
    return Markup(_icon_svg(current_app.static_folder, name))  # noqa: S704 (our own files)


def picture(name: str, alt: str = "", size: str = "") -> Markup:
    """A colour picture (OpenMoji) beside a heading or card; decorative unless `alt` is given."""
    return _picture(static_url(f"pictures/{name}.svg"), str(escape(alt)), size)


@lru_cache(maxsize=2048)
def _picture(src: str, alt_html: str, size: str) -> Markup:
    # A page draws the same few pictures many times: each is made once per process.
    classes = "picture" + (f" picture-{size}" if size else "")
    return Markup('<img class="{}" src="{}" alt="{}" width="64" height="64">').format(
        classes,
        src,
        Markup(alt_html),  # noqa: S704 (escaped just above)
    )


def bdi(words) -> Markup:
    """Words a person typed in (a name, a title) set apart inside one of our sentences.

    HTML's advice for text whose language and direction we cannot know; the easy-read page
    checks also skip it, because it is theirs to word, not ours.
    """
    return Markup("<bdi>{}</bdi>").format(words)


def init_templating(app: Flask) -> None:
    """Every name a template can use, registered here and only here."""
    from portal.accounts.reading import reading_for_request
    from portal.agendas.labels import item_kind, kind_picture_urls
    from portal.concerns.labels import picture_words, status_picture, status_words
    from portal.htmx import is_fragment_request
    from portal.moderation.labels import (
        action_words,
        hide_reason_words,
        report_reason_picture,
        report_reason_words,
    )
    from portal.notices.queries import count_unread
    from portal.notices.words import notice_picture, notice_words
    from portal.offline.person import person_key
    from portal.people.forms import role_label
    from portal.sessions.labels import face_words, help_need
    from portal.timefmt import clock_time, day_in_words, time_range, when
    from portal.timeutil import utcnow

    # Compiled templates are kept on disk (a private folder in the temporary directory), so a
    # new gunicorn worker (they restart every 2,000 requests) does not compile them again.
    with suppress(OSError):  # no writable temporary folder: templates compile as before
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache()
    # Globals, not a context processor, so imported macros can use them too.
    app.jinja_env.globals.update(
        icon=icon,
        picture=picture,
        and_list=and_list,
        can=can,
        Permission=Permission,
        posting_can_be_stopped=posting_can_be_stopped,
        may_open=may_open,  # False for a page a supporter helping now may not use
        take_signed_out_person=take_signed_out_person,  # base.html only: once per sign-out
        current_user=current_user,
        # Times and days, in the reader's time zone and language
        when=when,
        day_in_words=day_in_words,
        clock_time=clock_time,
        time_range=time_range,
        utcnow=utcnow,
        # The opaque key of whose pages the phone keeps (None: signed out, or helping someone)
        offline_person=person_key,
        # Each area's pictures and words
        item_kind=item_kind,
        kind_picture_urls=kind_picture_urls,
        # True when a part's form is swapped into the editor; its own page posts the plain way.
        in_editor=is_fragment_request,
        help_need=help_need,
        face_words=face_words,
        notice_words=notice_words,
        notice_picture=notice_picture,
        role_label=role_label,
        concern_status_words=status_words,
        concern_status_picture=status_picture,
        concern_picture_words=picture_words,
        report_reason_picture=report_reason_picture,
        moderation_hide_reason_words=hide_reason_words,
        moderation_report_reason_words=report_reason_words,
        moderation_action_words=action_words,
    )
    app.jinja_env.filters["bdi"] = bdi

    @app.context_processor
    def inject_request_details():
        if not has_request_context():  # emails rendered by a command
            return {}
        details = {
            "current_language": str(get_locale() or "en"),
            "current_path": request.full_path.rstrip("?"),
            # The reader's settings, as classes on <html>: the page is right from the start.
            "reading": reading_for_request(),
        }
        if current_user.is_authenticated:
            # The header shows everyone signed in how many notices they have not read.
            details["unread_count"] = count_unread(current_user.id)
        return details

    if app.testing:
        # The browser tests group the pages they find by template (data-template on <body>),
        # to check one page of each in every reading setting.
        @before_render_template.connect_via(app)
        def note_page_template(sender, template, context, **extra):
            if has_request_context() and "page_template" not in g:
                g.page_template = template.name
