"""Demo boards and concerns, written in easy read, with a realistic spread of support."""

from __future__ import annotations

from datetime import timedelta

from portal.accounts.models import Role, User
from portal.concerns.models import Review, Status
from portal.concerns.services import (
    add_reply,
    add_update,
    create_board,
    create_concern,
    set_support,
)
from portal.extensions import db
from portal.groups.models import Group
from portal.timeutil import utcnow

# Members who support concerns in the demo. They have no password, so nobody signs in as them.
SUPPORTERS = [
    "Aled Hughes",
    "Bethan Price",
    "Carys Lloyd",
    "Dylan Rees",
    "Emma Clarke",
    "Gareth Owen",
    "Hannah Bell",
    "Iwan Jenkins",
    "Jade Wilson",
    "Kieran Moss",
    "Lowri Thomas",
    "Mo Ahmed",
    "Nia Roberts",
    "Owen Davies",
    "Rhys Morgan",
    "Sara Khan",
    "Tom Baker",
    "Zara Ali",
    "Ben Cole",
    "Cerys Ward",
    "Deio Lewis",
    "Elin Grey",
]

BOARDS = [
    # (name, picture, check first)
    ("Where I live", "house", False),
    ("Getting about", "bus", False),
    ("Money", "money", False),
    ("Staying safe", "safe", True),
]

# (board, author, title, details, place, picture, supporters, status, days ago)
CONCERNS = [
    (
        1,
        "sam",
        "The bus is often late",
        "I wait a long time. Then I am late for work.",
        "The stop on High Street",
        "bus",
        27,
        Status.AGENDA,
        20,
    ),
    (
        1,
        "priya",
        "Bus drivers do not wait for me to sit down",
        "The bus moves before I sit. I nearly fell.",
        "",
        "bus",
        14,
        Status.TALKING,
        12,
    ),
    (
        1,
        "ffion",
        "There is no ramp at the train station",
        "I use a wheelchair. I cannot get on the train.",
        "Newport station",
        "access",
        9,
        Status.ACTION,
        30,
    ),
    (1, "sam", "Bus tickets cost too much", "", "", "money", 5, Status.NEW, 3),
    (
        0,
        "priya",
        "My flat is cold and damp",
        "There is black mould on the wall. It makes me cough.",
        "",
        "house",
        18,
        Status.TALKING,
        15,
    ),
    (
        0,
        "ffion",
        "The street lights are broken",
        "It is dark when I walk home. I feel scared.",
        "Park Road",
        "park",
        11,
        Status.DONE,
        40,
    ),
    (0, "sam", "Too much rubbish in the lane", "", "Behind the shops", "rubbish", 3, Status.NEW, 1),
    (
        2,
        "priya",
        "Letters about benefits are hard to read",
        "The words are long. I need help to read them.",
        "",
        "money",
        22,
        Status.AGENDA,
        25,
    ),
    (
        2,
        "ffion",
        "The bank closed in our town",
        "Now I have to get 2 buses to the bank.",
        "Town centre",
        "money",
        7,
        Status.CLOSED,
        50,
    ),
    (
        3,
        "sam",
        "People shout at me on the bus",
        "It happens a lot. Nobody helps.",
        "Number 5 bus",
        "safe",
        16,
        Status.TALKING,
        8,
    ),
]

UPDATES = {
    "The bus is often late": [
        (
            Status.TALKING,
            "We talked about this at the group on Monday. Many people have this problem.",
        ),
        (Status.AGENDA, "This is on the agenda for the meeting with the bus company on 3 March."),
    ],
    "There is no ramp at the train station": [
        (Status.ACTION, "We wrote a letter to the train company. 9 members signed it."),
    ],
    "The street lights are broken": [
        (Status.DONE, "The council fixed the lights. Thank you to everyone who supported this."),
    ],
    "The bank closed in our town": [
        (Status.CLOSED, "The bank will not open again. We found a bank bus that comes on Fridays."),
    ],
}

REPLIES = {
    "The bus is often late": [("priya", "Me too. I missed my doctor because of the bus.")],
    "My flat is cold and damp": [("ffion", "Me too. My landlord did not fix it.")],
    "People shout at me on the bus": [("priya", "This happened to me too. It is scary.")],
}


def load_concerns_demo(people: dict[str, User]) -> None:
    supporters = [
        User(
            display_name=name,
            username=name.lower().replace(" ", "."),
            role=Role.MEMBER,
            language="en",
        )
        for name in SUPPORTERS
    ]
    db.session.add_all(supporters)
    db.session.flush()
    crowd = [*supporters, people["priya"], people["ffion"], people["sam"]]
    boards = [
        create_board(name=name, picture=picture, check_first=check)
        for name, picture, check in BOARDS
    ]
    trainers = db.session.query(Group).filter_by(name="Train the trainers").one()
    create_board(name="Train the trainers: our ideas", picture="school", group_id=trainers.id)
    staff, co_trainer = people["jo"], people["alex"]
    for board_index, author, title, details, place, picture, support, status, days in CONCERNS:
        concern = create_concern(
            boards[board_index],
            people[author],
            title=title,
            details=details,
            place=place,
            picture=picture,
        )
        concern.created_at = utcnow() - timedelta(days=days)
        for person in [p for p in crowd if p.id != concern.author_id][: support - 1]:
            set_support(concern.id, person.id, True)
        for number, (new_status, words) in enumerate(UPDATES.get(title, [])):
            update = add_update(
                concern, staff if number % 2 == 0 else co_trainer, status=new_status, words=words
            )
            update.created_at = utcnow() - timedelta(days=days - 2 - number * 3)
        if status == Status.CLOSED:
            concern.closed_reason = "The bank will not open again."
        concern.status = status
        for author_name, words in REPLIES.get(title, []):
            add_reply(concern, people[author_name], words)
    waiting = create_concern(
        boards[3],
        people["priya"],
        title="Someone follows me home from the day centre",
        picture="safe",
    )
    waiting.review = Review.WAITING
    db.session.flush()
