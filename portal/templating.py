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
from portal.fragments import address_may_be_kept, kept_part, part_viewer, path_may_be_kept
from portal.icon_sprite import SPRITE
from portal.static_versions import static_url
from portal.template_imports import QuickImportTemplate
from portal.template_words import page_translations, template_gettext, template_ngettext
from portal.urls import kept_url_for, url_for_each
from portal.wording import and_list

_SVG_START = re.compile(r"<svg[^>]*>")
_SPACE = re.compile(r"\s+")


@cache
def _icon_start(static_folder: str, name: str) -> str:
    """The icon file's own <svg> tag: its size and drawing settings, hidden from screen
    readers because the words beside it say the same."""
    svg = _SPACE.sub(" ", (Path(static_folder) / "icons" / f"{name}.svg").read_text())
    start = (
        _SVG_START.search(svg)
        .group(0)
        .replace(" >", ">")
        .replace(' xmlns="http://www.w3.org/2000/svg"', "")
    )
    return start.replace("<svg", '<svg aria-hidden="true" focusable="false"', 1).replace(
        'class="icon icon-tabler', 'class="icon tabler', 1
    )


def icon(name: str) -> Markup:
    """A small line icon (Tabler, MIT) beside an action or menu item: the symbol of that name
    in the one sprite file (portal/icon_sprite.py), so it takes the text colour (and so its
    contrast) and a page carries a few bytes per icon, not its drawing."""
    app = current_app._get_current_object()
    if app.config["PORTAL_ENV"] == "development":  # an edited sprite gets its new address
        return _draw_icon(app.static_folder, name)
    # Each drawn once per process, as static_url keeps addresses: a board draws 65 icons, and
    # finding the static folder and the sprite's address cost most of each.
    kept = app.extensions.setdefault("icons", {})
    key = (request.script_root, name)
    drawn = kept.get(key)
    if drawn is None:
        drawn = kept[key] = _draw_icon(app.static_folder, name)
    return drawn


def _draw_icon(static_folder: str, name: str) -> Markup:
    return Markup(  # noqa: S704 (our own files and names)
        f'{_icon_start(static_folder, name)}<use href="{static_url(SPRITE)}#{name}"></use></svg>'
    )


def people_icons(count: int) -> Markup:
    """How many people, drawn (concerns/_support.html's people_picture): a small figure for
    each 1, a group for each 10, a group in a circle for each 100 (10 circles at most).
    Hidden from screen readers as a whole: the words beside it say the number."""
    hundreds, tens, ones = min(count // 100, 10), (count % 100) // 10, count % 10
    return _people_icons(hundreds, tens, ones, static_url(SPRITE))


@lru_cache(maxsize=2048)
def _people_icons(hundreds: int, tens: int, ones: int, sprite: str) -> Markup:
    # A board draws 20 rows of up to 28 icons: each row is made once per process, and each
    # icon is only a pointer to its symbol (portal.css's .people-picture draws it as icon()
    # would: the text colour, line width 2, round ends; sizes by kind).
    group = (
        f'<svg class="icon" width="24" height="24"><use href="{sprite}#users-group"></use></svg>'
    )
    one = f'<svg class="icon" width="24" height="24"><use href="{sprite}#user"></use></svg>'
    return Markup(  # noqa: S704 (our own icons)
        '<span class="people-picture" aria-hidden="true">'
        + f'<span class="people-100">{group}</span>' * hundreds
        + f'<span class="people-10">{group}</span>' * tens
        + f'<span class="people-1">{one}</span>' * ones
        + "</span>"
    )


def picture(name: str, alt: str = "", size: str = "", lazy: bool = False) -> Markup:
    """A colour picture (OpenMoji) beside a heading or card; decorative unless `alt` is given.

    `lazy`: for a message that starts hidden, so a phone fetches its picture only if it shows."""
    return _picture(static_url(f"pictures/{name}.svg"), str(escape(alt)), size, lazy)


@lru_cache(maxsize=2048)
def _picture(src: str, alt_html: str, size: str, lazy: bool) -> Markup:
    # A page draws the same few pictures many times: each is made once per process.
    classes = "picture" + (f" picture-{size}" if size else "")
    loading = Markup(' loading="lazy"') if lazy else ""
    return Markup('<img class="{}" src="{}" alt="{}" width="64" height="64"{}>').format(
        classes,
        src,
        Markup(alt_html),  # noqa: S704 (escaped just above)
        loading,
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
    from portal.concerns.about import concern_about
    from portal.concerns.labels import picture_words, status_picture, status_words
    from portal.concerns.rows import concern_rows as kept_concern_rows
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
    from portal.sessions.details import session_details
    from portal.sessions.labels import face_words, help_need, help_need_choices
    from portal.sessions.queries import session_card_keys
    from portal.timefmt import clock_time, day_in_words, time_range, when
    from portal.timeutil import utcnow

    # Compiled templates are kept on disk (a private folder in the temporary directory), so a
    # new gunicorn worker (they restart every 2,000 requests) does not compile them again.
    with suppress(OSError):  # no writable temporary folder: templates compile as before
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache()
    app.jinja_env.template_class = QuickImportTemplate
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    # The same, faster (above); `_` straight to it, not through Jinja's alias.
    app.jinja_env.globals.update(
        gettext=template_gettext, ngettext=template_ngettext, _=template_gettext
    )
    # Globals, not a context processor, so imported macros can use them too.
    app.jinja_env.globals.update(
        icon=icon,
        picture=picture,
        people_icons=people_icons,
        and_list=and_list,
        can=can,
        Permission=Permission,
        posting_can_be_stopped=posting_can_be_stopped,
        may_open=may_open,  # False for a page a supporter helping now may not use
        kept_part=kept_part,  # {% call kept_part(key…) %}: drawn once for all it shows
        kept_concern_rows=kept_concern_rows,  # a list's concern rows, each kept
        part_viewer=part_viewer,
        address_may_be_kept=address_may_be_kept,
        path_may_be_kept=path_may_be_kept,
        take_signed_out_person=take_signed_out_person,  # base.html only: once per sign-out
        current_user=current_user,
        url_for_each=url_for_each,  # one address per row, built once for a list
        kept_url_for=kept_url_for,  # an address with a query string, built once
        # url_for("static", …) remembered: base.html alone asks for 18 files on every page.
        static_url=static_url,
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
        help_need_choices=help_need_choices,
        session_card_keys=session_card_keys,  # a list of session cards, kept whole
        session_details=session_details,  # a session page's own part, as the values it shows
        concern_about=concern_about,  # a concern page's own part, as the values it shows
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
