"""Notices to authors and supporters when staff act on a concern, a reply or a person."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register


def _hide_reason(params: dict[str, Any]) -> dict[str, Any]:
    from portal.moderation.labels import hide_reason_words

    return {**params, "reason": hide_reason_words(params.get("reason"))}


_MODERATION_KINDS = [
    (
        "moderation_concern_auto_hidden",
        "wait",
        _l("Some people told staff about your concern %(title)s. It is hidden until staff look."),
    ),
    (
        "moderation_reply_auto_hidden",
        "wait",
        _l("Some people told staff about your reply. It is hidden until staff look."),
    ),
    (
        "moderation_concern_approved",
        "done",
        _l("Staff checked your concern %(title)s. Everyone can see it now."),
    ),
    ("moderation_concern_restored", "done", _l("Your concern %(title)s is back on the board.")),
    ("moderation_reply_restored", "done", _l("Your reply on %(title)s is back.")),
    (
        "moderation_concern_locked",
        "lock",
        _l("Staff locked %(title)s. Nobody can support it or reply now."),
    ),
    (
        "moderation_concern_unlocked",
        "done",
        _l("Staff unlocked %(title)s. People can support it and reply again."),
    ),
    ("moderation_concern_closed", "status-closed", _l("Staff closed %(title)s. Why: %(outcome)s")),
    (
        "moderation_concern_merged",
        "merge",
        _l("Your concern is now part of %(title)s. Your support moved too."),
    ),
    (
        "moderation_support_merged",
        "merge",
        _l("%(old)s is now part of %(title)s. Your support moved too."),
    ),
    (
        "moderation_concern_unmerged",
        "merge",
        _l("Your concern %(old)s is on its own again. Your support is back on it."),
    ),
    (
        "moderation_support_unmerged",
        "merge",
        _l("%(old)s is on its own again. Your support is back on it."),
    ),
]
_MODERATION_KINDS += [
    (
        "moderation_clarified",
        "edit",
        _l("Staff helped make %(title)s easier to read. You can see your own words too."),
    ),
    (
        "moderation_posting_restored",
        "done",
        _l("You can raise, support and reply to concerns again."),
    ),
]
for _name, _picture, _words in _MODERATION_KINDS:
    register(NoticeKind(_name, _picture, _words))
register(
    NoticeKind(
        "moderation_posting_suspended",
        "suspended",
        _l(
            "Staff stopped you posting for now. Why: %(reason)s "
            "You cannot raise, support or reply to concerns for now. "
            "You can still read everything."
        ),
    )
)
register(
    NoticeKind(
        "moderation_concern_hidden",
        "hidden",
        _l("Staff hid your concern %(title)s because %(reason)s. You can talk to staff about it."),
        shown_with=_hide_reason,
    )
)
register(
    NoticeKind(
        "moderation_reply_hidden",
        "hidden",
        _l("Staff hid your reply on %(title)s because %(reason)s. You can talk to staff about it."),
        shown_with=_hide_reason,
    )
)
