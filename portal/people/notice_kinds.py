"""Notices about people's accounts: a new account, and supporters (asked, yes, stopped, helped)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

register(
    NoticeKind(
        "account_welcome",
        "welcome",
        _l("Welcome to the portal. Staff made an account for you."),
    )
)


# --- Supporters ---------------------------------------------------------------------------------
# What a supporter did, as the member reads it after "Jo helped you:". Keys are the codes the
# models' help_note() give (portal/accounts/helping.py HelpedBy); a new action adds a line.
HELPED_WORDS = {
    "coming": _l("you said you are coming to %(title)s"),
    "waiting": _l("you asked for a place at %(title)s"),
    "not_coming": _l("you said you are not coming to %(title)s"),
    "concern": _l("you raised a concern: %(title)s"),
    "support": _l("you supported a concern: %(title)s"),
    "unsupport": _l("you took back your support for a concern: %(title)s"),
    "reply": _l("you wrote a reply to a concern: %(title)s"),
    "idea": _l("you suggested something to talk about: %(title)s"),
    "back_idea": _l("you backed an idea: %(title)s"),
    "unback_idea": _l("you took back your backing for an idea: %(title)s"),
    "feedback": _l("you said how %(title)s was"),
}


def _helped_actions(params: dict[str, Any]) -> dict[str, Any]:
    said = []
    for action in params.get("actions", []):
        words = HELPED_WORDS.get(action.get("what"))
        if words is not None:
            said.append(str(words) % {"title": action.get("title", "")})
    return {"helper": params.get("helper", ""), "actions": "; ".join(said)}


register(
    NoticeKind(
        "helped_you",
        "companion",
        _l("%(helper)s helped you: %(actions)s."),
        shown_with=_helped_actions,
    )
)
register(
    NoticeKind(
        "support_asked",
        "companion",
        _l("%(name)s would like to help you. Open this to say yes or no."),
    )
)
register(NoticeKind("support_yes", "companion", _l("%(name)s said yes. You can help them now.")))
register(
    NoticeKind(
        "support_stopped_member", "companion", _l("%(name)s cannot help you now. It has stopped.")
    )
)
register(
    NoticeKind(
        "support_stopped_supporter",
        "companion",
        _l("You cannot help %(name)s now. It has stopped."),
    )
)
