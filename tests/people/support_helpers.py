"""People and links for the supporter tests: a supporter, and members who chose them."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.helping import SupportLink
from portal.extensions import db
from tests import factories
from tests.factories import in_app_context


@in_app_context
def link(member, supporter, scopes=("see", "coming", "concerns", "agenda"), confirmed=True):
    """A support link straight in the database (the consent pages have tests of their own)."""
    from portal.timeutil import utcnow

    row = SupportLink(
        member_id=member.id,
        supporter_id=supporter.id,
        scopes=list(scopes),
        asked_by_id=member.id,
        confirmed_at=utcnow() if confirmed else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def start_helping(client, link_row):
    response = client.post_form(f"/people/helping/{link_row.id}/start")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response


def rows(model, **where):
    with factories.APP.app_context():
        query = sa.select(model).filter_by(**where)
        found = list(db.session.scalars(query))
        db.session.expunge_all()
        return found
