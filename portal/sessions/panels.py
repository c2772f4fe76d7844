"""More for the session page, from features above sessions (the agenda, for one).

Such a feature registers `panel(session, user) -> dict` at start-up; the keys it returns go to
the session page's template. So sessions imports none of the features that build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portal.accounts.models import User

SessionPanel = Callable[[Any, User], dict[str, Any]]
SESSION_PANELS: list[SessionPanel] = []


def session_panel(panel: SessionPanel) -> SessionPanel:
    """Register a panel; registering the same one twice counts once."""
    if panel not in SESSION_PANELS:
        SESSION_PANELS.append(panel)
    return panel


def panels_for(session, user: User) -> dict[str, Any]:
    """What every registered panel adds to the session page. A panel may write (the agenda
    remembers it was seen): the calling view commits."""
    context: dict[str, Any] = {}
    for panel in SESSION_PANELS:
        context.update(panel(session, user))
    return context
