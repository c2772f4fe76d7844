"""What we did together: the members' easy-read story, and staff choosing what it shows."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, can, permission_required
from portal.forms import choices
from portal.report import bp, story
from portal.report.forms import StoryForm


@bp.get("/together")
@permission_required(Permission.USE_PORTAL)
def together():
    """The numbers in words, the concerns that changed things, and what comes next."""
    choice = story.current_choice()
    staff = can(current_user, Permission.SEE_REPORT)
    if choice is None or (choice.shared_at is None and not staff):
        return render_template("report/together.html", choice=None, staff=staff)
    return render_template(
        "report/together.html",
        choice=choice,
        staff=staff,
        numbers=story.story_numbers(choice.from_day, choice.to_day)
        if choice.show_numbers
        else None,
        changed=story.chosen_concerns(choice.concern_ids),
        sessions=story.next_sessions() if choice.show_next else [],
    )


def _form(formdata=None) -> StoryForm:
    choice = story.current_choice()
    form = StoryForm(formdata=formdata)
    form.concerns.choices = choices((c.id, c.title) for c in story.candidate_concerns())
    if formdata is None:
        start, end = (choice.from_day, choice.to_day) if choice else story.default_span()
        form.from_day.data, form.to_day.data = start, end
        form.show_numbers.data = choice.show_numbers if choice else True
        form.concerns.data = list(choice.concern_ids) if choice else []
        form.show_next.data = choice.show_next if choice else True
        form.next_words.data = choice.next_words if choice else ""
        form.shared.data = bool(choice and choice.shared_at)
    return form


@bp.get("/report/story")
@permission_required(Permission.SEE_REPORT)
def choose_story():
    """Staff choose what "What we did together" shows, and when members can see it."""
    return render_template("report/choose_story.html", form=_form())


@bp.post("/report/story")
@permission_required(Permission.SEE_REPORT)
def save_story():
    form = _form(request.form)
    if not form.validate():
        return render_template("report/choose_story.html", form=form), 422
    story.save_choice(
        current_user,
        from_day=form.from_day.data,
        to_day=form.to_day.data,
        show_numbers=form.show_numbers.data,
        concern_ids=form.concerns.data or [],
        show_next=form.show_next.data,
        next_words=form.next_words.data or "",
        shared=form.shared.data,
    )
    if form.shared.data:
        flash(_("Saved. Members can see the page now."), "success")
    else:
        flash(_("Saved. Only staff can see the page for now."), "success")
    return redirect(url_for("report.together"))
