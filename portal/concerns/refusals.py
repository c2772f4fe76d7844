"""Why a person cannot post now: one place, so every page gives the same easy-read reason."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.accounts.posting import posting_stopped


def closed_to_posts(concern) -> str | None:
    """Why nobody can support or reply to this concern now (staff locked or merged it)."""
    if concern.merged_into_id:
        return _("This concern is now part of another one. Support that one instead.")
    if concern.locked_at:
        return _("Staff locked this concern. Nobody can support it or reply now.")
    return None


def _also_stopped(cannot: str, stopped: str | None) -> str | None:
    # `stopped` is what `posting_stopped()` said, when the caller has asked already ("" if not).
    if stopped == "":
        stopped = posting_stopped()
    if stopped is None:
        return None
    return f"{stopped} {cannot}"


def support_stopped(stopped: str | None = "") -> str | None:
    """A member stopped from posting cannot support concerns either; support from before stays."""
    return _also_stopped(_("You cannot support a concern for now."), stopped)


def update_stopped(stopped: str | None = "") -> str | None:
    """A co-trainer stopped from posting cannot give updates on concerns either."""
    return _also_stopped(_("You cannot give an update on a concern for now."), stopped)
