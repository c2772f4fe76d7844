"""The "acting for" rules: what a supporter may do while helping a member.

A supporter helping Sam reaches exactly the pages below, and each only when Sam allowed one of
its scopes. Everything else (sign-in settings, cards, passkeys, email settings, staff pages,
any page added later and not listed here) is refused while helping: a new page is closed to
supporters until someone decides here that it is a member's action and which scope covers it.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.helping import Scope, SupportLink

_SEE_SESSIONS = frozenset({Scope.SEE, Scope.COMING, Scope.AGENDA})

# Open to every supporter who is helping: reading help (Help, the Words page and its hints
# while writing), leaving, changing the language
# (of this browser only: the member's own setting stays theirs).
ALWAYS = frozenset(
    {
        "pages.home",
        "pages.me",
        "pages.help_page",
        "pages.credits",
        "open_data.open_data_page",
        "open_data.concerns_csv",
        "open_data.concerns_json",
        "open_data.sessions_ics",
        "pages.healthz",
        "pages.readyz",
        "words.list_words",
        "words.meaning",
        "words.writing_hints",
        "pages.set_language",
        "signin.sign_out",
        "people.stop_helping_member",
        # Working with no signal: the worker, the manifest and their pages (nothing is kept
        # while helping: the worker gets no person key, portal/offline/person.py).
        "offline.service_worker",
        "offline.manifest",
        "offline.offline_page",
        "offline.home_screen_help",
    }
)

BY_ENDPOINT: dict[str, frozenset[Scope]] = {
    # See sessions, help needs and notices
    "notices.list_own_notices": frozenset({Scope.SEE}),
    "notices.open_notice": frozenset({Scope.SEE}),
    "notices.mark_all_read": frozenset({Scope.SEE}),
    "notices.count_badge": frozenset({Scope.SEE}),
    # What we keep about the member, without their ways to sign in (portal/mydata/views.py).
    # Asking to remove the account is the member's alone: never while helping.
    "mydata.my_data": frozenset({Scope.SEE}),
    "mydata.download_my_data": frozenset({Scope.SEE}),
    "sessions.list_upcoming": _SEE_SESSIONS,
    "sessions.list_past": _SEE_SESSIONS,
    "sessions.list_mine": _SEE_SESSIONS,
    "sessions.show_session": _SEE_SESSIONS,
    "sessions.session_calendar": _SEE_SESSIONS,
    "agendas.print_agenda": _SEE_SESSIONS,
    # What we did together: numbers and concerns every member may read
    "report.together": frozenset({Scope.SEE}),
    # Say "I'm coming" and choose help needs
    "sessions.set_coming": frozenset({Scope.COMING}),
    "sessions.change_help": frozenset({Scope.COMING}),
    # Raise, support and reply to concerns
    "concerns.list_boards": frozenset({Scope.CONCERNS}),
    "concerns.show_board": frozenset({Scope.CONCERNS}),
    "concerns.show_concern": frozenset({Scope.CONCERNS}),
    "concerns.set_own_support": frozenset({Scope.CONCERNS}),
    "concerns.add_concern_reply": frozenset({Scope.CONCERNS}),
    "concerns.change_reply": frozenset({Scope.CONCERNS}),
    "concerns.remove_reply": frozenset({Scope.CONCERNS}),
    "concerns.my_concerns": frozenset({Scope.CONCERNS}),
    "concerns.raise_concern": frozenset({Scope.CONCERNS}),
    "concerns.post_concern": frozenset({Scope.CONCERNS}),
    "concerns.stop_raising": frozenset({Scope.CONCERNS}),
    "concerns.thank_you": frozenset({Scope.CONCERNS}),
    # Suggest things to talk about
    "agendas.suggest_item": frozenset({Scope.AGENDA}),
    "agendas.back_idea": frozenset({Scope.AGENDA}),
    # Say how a session was: part of coming to sessions
    "sessions.how_was_it": frozenset({Scope.COMING}),
}


def may_reach_while_helping(endpoint: str | None, scopes: frozenset[str]) -> bool:
    """True when a supporter helping with `scopes` may use the page `endpoint`."""
    if endpoint is None or endpoint == "static" or endpoint in ALWAYS:
        return True
    needed = BY_ENDPOINT.get(endpoint)
    return needed is not None and any(scope.value in scopes for scope in needed)


def can_act_for(supporter: Any, member: Any, scope: Scope, link: SupportLink | None) -> bool:
    """The per-object rule: `supporter` may do `scope` for `member` through `link` only when
    the member chose them, said yes, allowed that scope, and nobody has stopped it."""
    if link is None or not getattr(supporter, "is_active", False) or not member.active:
        return False
    if link.member_id != member.id or link.supporter_id != supporter.id:
        return False
    from portal.accounts.permissions import Permission, role_can

    return role_can(supporter.role, Permission.HELP_MEMBERS) and link.allows(scope)


def may_open(endpoint: str) -> bool:
    """For links and buttons: False when a supporter helping now could not use that page, so
    pages offer only what the member allowed."""
    from flask_login import current_user

    if not getattr(current_user, "is_authenticated", False) or current_user.helper is None:
        return True
    return may_reach_while_helping(endpoint, current_user.help_scopes)
