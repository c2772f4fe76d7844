"""One commit per request: the only place a web request saves to the database.

Views and services change things and flush (so ids exist and unique constraints are checked
where the view can still answer in easy read); they never commit. When the view has answered,
the answer decides, as Warehouse's transaction manager does:

- below 400 (a page, a redirect, 204, 304): commit everything the request wrote;
- 400 to 499 (a refusal, a form with mistakes, not found): roll back, unless the view said
  `keep_writes_on_refusal()`: a refused sign-in must still write the security log, and a step
  of a form keeps the words typed so far even when they are not right yet;
- 500 and up, or an exception: roll back, always.

The commit runs after every other `after_request` function, before the answer leaves. If it
fails (a unique constraint that was never flushed, the database gone), the person gets the
"Something went wrong" page, never a success page for something that was not saved.

A streamed body is produced after the commit: it may read, never write. Commands and jobs
have no request; they commit where their own work needs it.

A request that wrote nothing (no statement but SELECT, nothing waiting to be flushed) still
commits, to end its transaction, but without expiring what it loaded: the session is removed
when the request ends, and expiring a board's 25 objects was two thirds of its commit.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask, Response, g, has_app_context

from portal.extensions import db

_KEEP_WRITES = "keep_writes_on_refusal"
_WROTE = "_transaction_wrote"
_READ = re.compile(r"\s*select\b", re.IGNORECASE)


def may_write(statement: str) -> bool:
    """Anything but a SELECT may write (a PRAGMA or a SAVEPOINT too): what a request sends is
    taken as a write unless it only reads, here and in accounts/preloaded.py."""
    return not _READ.match(statement)


@sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
def _note_a_write(conn, cursor, statement, parameters, context, executemany):
    # At worst, a commit expires what it need not have.
    if may_write(statement) and has_app_context():
        g._transaction_wrote = True


def keep_writes_on_refusal() -> None:
    """Save this request's writes even though the answer is a 4xx (never a 5xx)."""
    g.setdefault(_KEEP_WRITES, True)


def _saves(response: Response) -> bool:
    if response.status_code >= 500:
        return False
    return response.status_code < 400 or bool(g.get(_KEEP_WRITES))


def commit_or_roll_back(response: Response) -> Response:
    """Commit once for an answer that saves; roll back for any other."""
    # g can outlive one request (a test holding an app context), so take the flag now.
    saves = _saves(response)
    g.pop(_KEEP_WRITES, None)
    wrote = g.pop(_WROTE, False)
    if not saves:
        db.session.rollback()
        return response
    session = db.session()
    expires = session.expire_on_commit
    if not (wrote or session.new or session.dirty or session.deleted):
        session.expire_on_commit = False
    try:
        session.commit()
    except Exception:
        # Leave the session usable: the error page that follows still reads the database.
        db.session.rollback()
        raise
    finally:
        session.expire_on_commit = expires
    return response


def roll_back_after_error(error: BaseException | None) -> None:
    """An exception skipped the after_request step: nothing it wrote may stay."""
    g.pop(_KEEP_WRITES, None)
    g.pop(_WROTE, None)
    if error is not None:
        db.session.rollback()


def init_transactions(app: Flask) -> None:
    """Register the commit point. Call it before anything else adds an after_request
    function: Flask runs those last-registered first, so this one runs after them all."""
    app.after_request(commit_or_roll_back)
    app.teardown_request(roll_back_after_error)
