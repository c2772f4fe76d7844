"""Staff pages: make, print and revoke sign-in cards; read the security log."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import User
from portal.accounts.permissions import Permission, permission_required
from portal.accounts.services import person_or_404
from portal.converters import database_id
from portal.extensions import db
from portal.signin import bp, cards
from portal.signin.models import LoginCard
from portal.signin.queries import list_cards, list_events, list_people_for_cards
from portal.timefmt import day_in_words, when


@bp.get("/people/<int:person_id>/cards")
@permission_required(Permission.MANAGE_PEOPLE)
def person_cards(person_id: int):
    """A person's sign-in cards: when each was last used, and a way to stop each one."""
    person = person_or_404(person_id)
    return render_template(
        "signin/person_cards.html",
        person=person,
        cards=list_cards(person.id),
        day_in_words=day_in_words,
        when=when,
    )


@bp.post("/people/<int:person_id>/cards")
@permission_required(Permission.MANAGE_PEOPLE)
def make_card(person_id: int):
    """Make a new card and show it ready to print. Its code is shown this once only."""
    person = person_or_404(person_id)
    printed = [_make_and_print(person)]
    return render_template("signin/print_card.html", person=person, printed=printed)


def _make_and_print(person: User) -> dict:
    """Make a card for `person` and tell them; return what the printed card shows."""
    _card, code = cards.give_card(person, by=current_user)
    return {
        "first_name": person.display_name.split()[0],
        "code": cards.code_in_groups(code),
        "qr": cards.qr_svg(cards.card_link(code)),
    }


@bp.route("/people/cards", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PEOPLE)
def make_card_sheet():
    """Make cards for several people at once, on one sheet of A4 to print and cut out."""
    people = list_people_for_cards()
    if request.method == "POST":
        chosen = set(request.form.getlist("person", type=database_id))
        picked = [person for person in people if person.id in chosen]
        if picked:
            printed = [_make_and_print(person) for person in picked]
            return render_template("signin/print_card.html", person=None, printed=printed)
        flash(_("Choose at least 1 person."), "error")
    return render_template("signin/card_sheet.html", people=people)


@bp.post("/people/<int:person_id>/cards/<int:card_id>/revoke")
@permission_required(Permission.MANAGE_PEOPLE)
def revoke_card(person_id: int, card_id: int):
    """Stop a card working, for example when it is lost. It signs out every phone that used it."""
    card = db.get_or_404(LoginCard, card_id)
    if card.user_id != person_id:
        return redirect(url_for("signin.person_cards", person_id=person_id))
    cards.revoke_card(card, by=current_user)
    flash(_("This card does not work any more. Anyone who used it is signed out."), "success")
    return redirect(url_for("signin.person_cards", person_id=person_id))


@bp.get("/security-log")
@permission_required(Permission.MANAGE_PEOPLE)
def security_log_page():
    """Every sign-in, wrong code and change to cards, newest first."""
    person_id = request.args.get("person", type=database_id)
    person = db.session.get(User, person_id) if person_id else None
    return render_template(
        "signin/security_log.html",
        events=list_events(person.id if person else None),
        person=person,
        when=when,
    )
