"""Whether the person is looking at this page now, or their phone is saving it for later.

The offline worker (static/js/offline-worker.js) saves a member's pages in the background
while there is a signal, and says so with `X-Offline-Save: 1`. A page that notes what its
reader has now seen (What's new marks news read; a session page, a changed time and what is
new on the agenda) must not note it then: nobody saw it, and the "new" marks would be gone
before the member looked. The header only ever holds a note back, so nothing is gained by
forging it.
"""

from __future__ import annotations

from flask import request

SAVE_HEADER = "X-Offline-Save"


def person_is_looking() -> bool:
    """False while the offline worker fetches the page to save it; True for every other GET."""
    return request.headers.get(SAVE_HEADER) != "1"
