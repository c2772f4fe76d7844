"""Where the portal keeps things about a person: one line per table, decided here.

Every column that points at a person (a foreign key to user_account) is named once: either it
says whose record the row is (KINDS: it is in that person's download and page), or it names
someone else on the row, or it is not about the person at all (OTHER_PEOPLE, with why). A test
walks every table, so a new table that points at a person fails until it is decided here.

Secrets never leave: SECRET_COLUMNS are dropped from every row (hashes, codes, tokens, keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Kind:
    key: str  # the section's name in the download
    table: str
    owner: str  # the column naming the person
    label: object  # the section's heading on the page
    picture: str
    headline: str | None = None  # the column the page lists; None: only how many
    omit: frozenset[str] = frozenset()
    # Names shown for these columns (people the person chose, or who helped them).
    names: tuple[str, ...] = ()
    # Ways to sign in: never shown to a supporter helping (acting_for.py says the same).
    about_signing_in: bool = False
    date: str | None = "created_at"
    extra: dict = field(default_factory=dict)


SECRET_COLUMNS = frozenset(
    {
        "password_hash",
        "token_hash",
        "token",
        "code_hash",
        "lookup",
        "credential_id",
        "public_key",
        "sign_count",
        "challenge",
        "dedupe_key",
    }
)

_HELPED = ("helped_by_id",)

KINDS: tuple[Kind, ...] = (
    Kind("sessions", "session_booking", "user_id", _l("Sessions you answered"), "sessions",
         "session_id", names=_HELPED, date="status_at"),
    Kind("came", "session_came", "user_id", _l("Sessions you came to"), "done", "session_id",
         date="marked_at", omit=frozenset({"marked_by_id"})),
    Kind("feedback", "session_feedback", "user_id", _l("What you said about sessions"),
         "face-good", "session_id", names=_HELPED),
    Kind("runs", "session_trainer", "user_id", _l("Sessions you run"), "people", "session_id",
         date=None),
    Kind("concerns", "concern", "author_id", _l("Concerns you raised"), "concerns", "title",
         names=_HELPED),
    Kind("replies", "concern_reply", "author_id", _l("Your replies"), "reply", "words",
         names=_HELPED),
    Kind("supports", "concern_support", "user_id", _l("Concerns you support"), "support",
         "concern_id", names=_HELPED),
    Kind("updates", "concern_update", "author_id", _l("Updates you gave"), "update", "words"),
    Kind("drafts", "concern_draft", "user_id", _l("Concerns you started"), "edit", "title",
         date="updated_at"),
    Kind("ideas", "agenda_suggestion", "user_id", _l("Your ideas for sessions"), "idea",
         "title", names=_HELPED),
    Kind("backing", "agenda_idea_backing", "user_id", _l("Ideas you back"), "support",
         "suggestion_id", names=_HELPED),
    Kind("led", "agenda_item_leader", "user_id", _l("Parts of sessions you lead"), "agenda",
         "item_id", date=None),
    Kind("led_parts", "learning_led_part", "user_id", _l("Parts you led"), "agenda",
         "item_id", date="recorded_at", omit=frozenset({"recorded_by_id"})),
    Kind("agenda_changes", "agenda_change", "user_id", _l("Changes you made to agendas"),
         "history", None, omit=frozenset({"snapshot"})),
    Kind("agenda_seen", "agenda_seen", "user_id", _l("Agendas you looked at"), "agenda",
         "agenda_id", date="seen_at"),
    Kind("session_seen", "session_seen", "user_id", _l("New times you saw"), "clock",
         "session_id", date="seen_at"),
    Kind("notices", "notice", "user_id", _l("Your news"), "news", None),
    Kind("email_days", "email_digest", "user_id", _l("Emails of your news"), "email", None,
         date="day"),
    Kind("groups", "group_member", "user_id", _l("Your groups"), "group", "group_id",
         date=None),
    Kind("supporters", "support_link", "member_id", _l("Your supporters"), "companion",
         "supporter_id", names=("supporter_id",), date="asked_at",
         omit=frozenset({"asked_by_id", "stopped_by_id"})),
    Kind("people_you_help", "support_link", "supporter_id", _l("People you help"), "companion",
         "member_id", names=("member_id",), date="asked_at",
         omit=frozenset({"asked_by_id", "stopped_by_id"})),
    Kind("invitations", "cotrainer_invite", "user_id", _l("Asked to be a co-trainer"),
         "welcome", None, omit=frozenset({"invited_by_id"})),
    Kind("reports", "moderation_report", "reporter_id", _l("Things you told staff about"),
         "report", None),
    Kind("merged_supports", "moderation_merged_support", "user_id",
         _l("Supports moved to another concern"), "merge", None),
    Kind("stopped_posting", "moderation_suspension", "user_id", _l("Stopped from posting"),
         "suspended", "reason", omit=frozenset({"moderator_id"})),
    Kind("reading", "reading_settings", "user_id", _l("Your reading settings"), "easy-read",
         None, date="updated_at"),
    Kind("kept_words", "kept_form", "user_id", _l("Words we kept for you"), "edit", "path",
         omit=frozenset({"device_session_id"})),
    Kind("calendar", "calendar_feed", "user_id", _l("Your calendar address"), "calendar", None),
    Kind("offline_taps", "offline_tap", "user_id", _l("Taps sent when the signal came back"),
         "no-signal", None),
    Kind("devices", "device_session", "user_id", _l("Phones and computers you signed in on"),
         "mobile", "user_agent", about_signing_in=True),
    Kind("cards", "login_card", "user_id", _l("Your sign-in cards"), "sign-in-card", None,
         about_signing_in=True, omit=frozenset({"made_by_id"})),
    Kind("passkeys", "passkey", "user_id", _l("Your passkeys"), "sign-in", "device_name",
         about_signing_in=True),
    Kind("email_links", "email_link", "user_id", _l("Sign-in links we emailed you"), "email",
         None, about_signing_in=True),
    Kind("security", "security_event", "user_id", _l("Your security log"), "safe", None,
         date="at", about_signing_in=True, omit=frozenset({"actor_id"})),
)  # fmt: skip

# Columns that point at a person but do not make the row theirs.
OTHER_PEOPLE: dict[tuple[str, str], str] = {
    ("user_account", "id"): "the account itself: the download's first part",
    ("report_story", "changed_by_id"): "staff's work on the members' story page, not about them",
    ("passkey_challenge", "user_id"): "a one-time secret for a few minutes, never kept",
    ("moderation_log", "moderator_id"): "staff work on other people's words",
    ("moderation_merge", "moderator_id"): "staff work on other people's concerns",
    ("moderation_suspension", "moderator_id"): "the staff member who stopped someone",
    ("security_event", "actor_id"): "a line about another person's account",
    ("login_card", "made_by_id"): "staff who made someone's card",
    ("cotrainer_invite", "invited_by_id"): "staff who asked someone",
    ("session_came", "marked_by_id"): "who ticked someone's name",
    ("learning_led_part", "recorded_by_id"): "who wrote down someone else led a part",
    ("support_link", "asked_by_id"): "who asked for a link between two other people",
    ("support_link", "stopped_by_id"): "who stopped a link",
}
for _kind in KINDS:
    if "helped_by_id" in _kind.names:
        OTHER_PEOPLE[(_kind.table, "helped_by_id")] = "the supporter who helped: named in the row"

# What an id in a row is called on the page: the column, and where its words are.
LOOKUPS: dict[str, tuple[str, str]] = {
    "session_id": ("training_session", "title"),
    "concern_id": ("concern", "title"),
    "suggestion_id": ("agenda_suggestion", "title"),
    "item_id": ("agenda_item", "title"),
    "group_id": ("member_group", "name"),
    "board_id": ("concern_board", "name"),
}


def kinds_for(*, helping: bool) -> tuple[Kind, ...]:
    """The sections to show: all of them, or without ways to sign in while someone helps."""
    return tuple(kind for kind in KINDS if not (helping and kind.about_signing_in))
