"""A small world with known answers for the report, all in early 2026.

The numbers every test expects are worked out by hand from this data (see the comments), never
by the code under test.

People: Sam (member, Newport), Mo (member, Newport), Ria (member, joined in 2025), Alex
(co-trainer), Jo (staff: never counted as a member).
Sessions: January (for everyone, 15 Jan), Newport (group, 10 Feb), a cancelled one (20 Feb), and
April (10 Apr, after the span most tests use).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.accounts.models import User
from portal.agendas.models import AgendaItem, AgendaSuggestion
from portal.agendas.services import agenda_for
from portal.concerns.models import Concern, ConcernUpdate, Status, Support
from portal.extensions import db
from portal.learning.models import CoTrainerInvite, LedPart
from portal.sessions.came import Came
from portal.sessions.feedback import Feedback
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from tests.factories import create_board, create_group, create_session, create_user


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def world(app, member, co_trainer, staff):
    mo = create_user("member", username="mo", display_name="Mo Khan")
    ria = create_user("member", username="ria", display_name="Ria Cole")
    newport = create_group("Newport", [member, mo])
    board = create_board("Getting about")

    def session(title, start, **fields):
        return create_session(title=title, starts_in=at(start) - datetime.now(), **fields).id

    jan = session("January meeting", "2026-01-15T10:00")
    feb = session("Newport meeting", "2026-02-10T10:00", group_id=newport.id)
    gone = session("Cancelled meeting", "2026-02-20T10:00")
    apr = session("April meeting", "2026-04-10T10:00")
    sam, alex, jo = member.id, co_trainer.id, staff.id
    with app.app_context():
        for person, joined in ((sam, "2026-01-05"), (mo.id, "2026-02-01"), (ria.id, "2025-06-01"),
                               (alex, "2026-01-20"), (jo, "2026-01-02")):  # fmt: skip
            db.session.get(User, person).created_at = at(joined)
        for one in (jan, feb, gone, apr):
            start = at({jan: "2026-01-15T10:00", feb: "2026-02-10T10:00",
                        gone: "2026-02-20T10:00", apr: "2026-04-10T10:00"}[one])  # fmt: skip
            row = db.session.get(TrainingSession, one)
            row.start_at, row.end_at = start, start.replace(hour=13)
        db.session.get(TrainingSession, gone).cancelled_at = at("2026-02-01T09:00")
        going = BookingStatus.GOING
        for one, person, status in ((jan, sam, going), (jan, mo.id, going), (jan, ria.id, going),
                                    (jan, alex, BookingStatus.LEFT), (feb, sam, going),
                                    (feb, mo.id, going), (gone, sam, going)):  # fmt: skip
            db.session.add(Booking(session_id=one, user_id=person, status=status))
        for one, person in ((jan, sam), (jan, ria.id), (jan, jo), (feb, sam), (feb, mo.id),
                            (feb, alex), (apr, ria.id)):  # fmt: skip
            db.session.add(Came(session_id=one, user_id=person))
        for one, person, face, when in ((jan, sam, "good", "2026-01-15T14:00"),
                                        (jan, ria.id, "ok", "2026-01-15T15:00"),
                                        (feb, sam, "good", "2026-02-10T14:00"),
                                        (feb, mo.id, "not_good", "2026-02-10T14:00"),
                                        (feb, alex, "good", "2026-02-10T16:00")):  # fmt: skip
            db.session.add(
                Feedback(
                    session_id=one,
                    user_id=person,
                    face=face,
                    created_at=at(when),
                    changed_at=at(when),
                )
            )
        concerns = {}
        for key, author, title, raised, status in (
            ("bus", sam, "The bus is late", "2026-01-16T09:00", Status.DONE),
            ("dark", mo.id, "The street is dark", "2026-02-02T09:00", Status.ACTION),
            ("noise", ria.id, "The hall is noisy", "2026-03-01T09:00", Status.NEW),
            ("staff", jo, "Staff's own concern", "2026-02-01T09:00", Status.NEW),
            ("later", sam, "Raised in April", "2026-04-02T09:00", Status.NEW),
        ):
            concern = Concern(
                board_id=board.id,
                author_id=author,
                title=title,
                picture="bus",
                status=status,
                created_at=at(raised),
            )
            db.session.add(concern)
            db.session.flush()
            concerns[key] = concern
        # Bus: talking after 2 days, done after 10. Dark street: action after 5 days.
        for key, status, when in (("bus", Status.TALKING, "2026-01-18T09:00"),
                                  ("bus", Status.DONE, "2026-01-26T09:00"),
                                  ("bus", Status.DONE, "2026-01-28T09:00"),  # news, later
                                  ("dark", Status.ACTION, "2026-02-07T09:00")):  # fmt: skip
            db.session.add(
                ConcernUpdate(
                    concern_id=concerns[key].id,
                    author_id=jo,
                    status=status,
                    words="We asked the council.",
                    created_at=at(when),
                )
            )
        for key, person, when in (("bus", mo.id, "2026-01-20"), ("bus", ria.id, "2026-01-21"),
                                  ("bus", alex, "2026-03-05"), ("bus", jo, "2026-01-20"),
                                  ("dark", sam, "2026-02-03")):  # fmt: skip
            db.session.add(
                Support(concern_id=concerns[key].id, user_id=person, created_at=at(when + "T12:00"))
            )
        concerns["bus"].support_count, concerns["dark"].support_count = 4, 1
        jan_agenda = agenda_for(db.session.get(TrainingSession, jan))
        feb_agenda = agenda_for(db.session.get(TrainingSession, feb))
        db.session.add(
            AgendaSuggestion(
                agenda_id=jan_agenda.id,
                user_id=ria.id,
                title="Games",
                created_at=at("2026-01-10T09:00"),
            )
        )
        items = []
        for agenda, position in ((jan_agenda, 1), (feb_agenda, 1), (feb_agenda, 2)):
            item = AgendaItem(agenda_id=agenda.id, position=position, title="Part", minutes=10)
            db.session.add(item)
            db.session.flush()
            items.append(item.id)
        for item, person in ((items[0], alex), (items[1], sam), (items[2], alex)):
            db.session.add(LedPart(item_id=item, user_id=person, recorded_by_id=jo))
        db.session.add(
            CoTrainerInvite(
                user_id=alex,
                invited_by_id=jo,
                answer="accepted",
                created_at=at("2026-01-19T09:00"),
                answered_at=at("2026-01-20T09:00"),
            )
        )
        db.session.commit()
        ids = {key: concern.id for key, concern in concerns.items()}
    return {"newport": newport.id, "board": board.id, "jan": jan, "feb": feb, **ids}
