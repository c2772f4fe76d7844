"""Demo data, so a newcomer can sign in as each role and see a working portal."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.groups.models import Group
from portal.people.services import create_person, set_person_active
from portal.signin.cards import make_card

# Sam's printed sign-in card, documented in README.md. Open /card/PARK7TEA to use it.
DEMO_CARD_CODE = "PARK7TEA"

# Documented in README.md. Only ever loaded into an empty database.
DEMO_ACCOUNTS = [
    # (role, username, password, display name, language)
    (Role.MEMBER, "sam", "sam-is-a-member", "Sam Jones", "en"),
    (Role.CO_TRAINER, "alex", "alex-co-trainer", "Alex Rivera", "en"),
    (Role.STAFF, "jo", "jo-is-staff-here", "Jo Patel", "en"),
    (Role.MEMBER, "ffion", "ffion-is-a-member", "Ffion Evans", "cy"),
    (Role.MEMBER, "priya", "priya-is-a-member", "Priya Shah", "en"),
    (Role.CO_TRAINER, "dev", "dev-co-trainer-1", "Dev Morgan", "en"),
    # Staff stopped Megan posting (portal/moderation/demo.py), to show what that looks like.
    (Role.MEMBER, "megan", "megan-is-a-member", "Megan Hill", "en"),
    # Sam and Priya chose Kim to help them (portal/people/demo.py).
    (Role.SUPPORTER, "kim", "kim-is-a-supporter", "Kim Evans", "en"),
]


def database_is_empty() -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def load_demo_data() -> bool:
    """Fill an empty database with demo people. Returns False when there was data already."""
    if not database_is_empty():
        return False
    people = {}
    for role, username, password, name, language in DEMO_ACCOUNTS:
        people[username] = create_person(
            display_name=name, username=username, role=role, language=language, password=password
        )
    # One account turned off, so staff can see how that looks.
    former = create_person(
        display_name="Chris Lee",
        username="chris",
        role=Role.MEMBER,
        language="en",
        password="chris-has-left-us",  # noqa: S106 (demo account, documented)
    )
    set_person_active(former, by=people["jo"], active=False)
    groups = _load_groups(people)
    from portal.concerns.demo import load_concerns_demo
    from portal.moderation.demo import load_moderation_demo
    from portal.sessions.demo import load_demo_sessions

    load_demo_sessions(people, groups)
    load_concerns_demo(people)
    from portal.agendas.demo import load_agendas_demo

    load_agendas_demo(people)
    from portal.sessions.demo_coprod import load_coprod_sessions

    load_coprod_sessions(people)  # who came and how it was (issue 17)
    from portal.agendas.demo_coprod import load_backing_demo

    load_backing_demo(people)  # ideas members back (issue 17)
    from portal.learning.demo import load_learning_demo

    load_learning_demo(people)  # the path to co-trainer (issue 17)
    from portal.report.demo import load_report_demo

    load_report_demo(people)  # What we did together, shared (issue 18)
    _load_sign_in_cards(people)
    load_moderation_demo(people)
    from portal.people.demo import load_supporters_demo

    load_supporters_demo(people)
    _load_notices(people)
    return True


def _load_groups(people: dict[str, User]) -> dict[str, Group]:
    trainers = Group(name="Train the trainers")
    trainers.members = [people["sam"], people["alex"], people["dev"]]
    newport = Group(name="Newport members")
    newport.members = [people["ffion"], people["priya"]]
    db.session.add_all([trainers, newport])
    db.session.flush()
    return {group.name: group for group in (trainers, newport)}


def _load_sign_in_cards(people: dict[str, User]) -> None:
    """Sam has a sign-in card, so a newcomer can try signing in with no password."""
    make_card(people["sam"], by=people["jo"], code=DEMO_CARD_CODE)


def _load_notices(people: dict[str, User]) -> None:
    """Sam has news he has not read, so a newcomer sees the count ("2 new") on What's new."""
    from portal.concerns.models import Concern
    from portal.notices.services import notify

    sam, priya = people["sam"], people["priya"]
    notify(sam.id, "account_welcome")
    # Priya's reply to Sam's concern (portal/concerns/demo.py), as the reply itself would tell him.
    concern = db.session.scalar(
        sa.select(Concern).where(
            Concern.author_id == sam.id, Concern.title == "People shout at me on the bus"
        )
    )
    if concern is not None:
        notify(
            sam.id,
            "concern_replied",
            link=f"/concerns/{concern.id}#replies",
            name=priya.display_name,
            title=concern.title,
        )
