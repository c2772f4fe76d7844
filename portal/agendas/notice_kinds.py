"""Notices about agendas: answers to members' ideas, and a plan that is ready or changed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

register(
    NoticeKind(
        "agenda_suggestion_accepted",
        "done",
        _l("Your idea %(title)s is on the agenda. They said: %(reply)s"),
    )
)
register(
    NoticeKind(
        "agenda_suggestion_accepted_no_reply",
        "done",
        _l("Your idea %(title)s is on the agenda."),
    )
)
register(
    NoticeKind(
        "agenda_suggestion_declined",
        "agenda",
        _l("Your idea %(title)s is not on the agenda this time. They said: %(reply)s"),
    )
)
register(
    NoticeKind(
        "agenda_published",
        "agenda",
        _l("The plan for %(title)s is ready. Have a look."),
    )
)
register(
    NoticeKind(
        "agenda_changed",
        "agenda",
        _l("The plan for %(title)s has changed. Have a look."),
    )
)
# Ideas members backed (issue 17): everyone who backed one hears what happened, and why.
register(
    NoticeKind(
        "agenda_backed_idea_accepted",
        "done",
        _l("An idea you backed, %(title)s, is on the agenda. They said: %(reply)s"),
    )
)
register(
    NoticeKind(
        "agenda_backed_idea_accepted_no_reply",
        "done",
        _l("An idea you backed, %(title)s, is on the agenda."),
    )
)
register(
    NoticeKind(
        "agenda_backed_idea_declined",
        "agenda",
        _l("An idea you backed, %(title)s, is not on the agenda this time. They said: %(reply)s"),
    )
)
