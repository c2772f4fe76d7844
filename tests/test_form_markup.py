"""portal/forms.py renders markup the HTML checker accepts, even with several forms on a page."""

from werkzeug.datastructures import MultiDict

from portal.concerns.forms import ReplyForm, UpdateForm
from portal.groups.forms import AddMemberForm
from portal.moderation.forms import HideForm


def test_two_forms_on_one_page_give_their_fields_different_ids(app):
    with app.test_request_context("/"):
        reply, update = ReplyForm(), UpdateForm(id_prefix="update-")
        assert reply.words.id == "words"
        assert update.words.id == "update-words"
        assert 'id="update-words"' in str(update.words())
        assert 'for="update-words"' in str(update.words.label())
        # The name is what the browser sends: it stays, so the form still reads its answers.
        assert 'name="words"' in str(update.words())
        filled = UpdateForm(MultiDict({"words": "We met the council."}), id_prefix="update-")
        assert filled.words.data == "We met the council."
        # Radio buttons take their ids from the field's id.
        update.status.choices = [("new", "New"), ("closed", "Closed")]
        assert [option.id for option in update.status] == ["update-status-0", "update-status-1"]


def test_the_hidden_token_has_no_id(app):
    with app.test_request_context("/"):
        token = str(ReplyForm().csrf_token())
        assert 'name="csrf_token"' in token
        assert "id=" not in token


def test_a_list_that_always_has_an_answer_is_not_marked_required(app):
    with app.test_request_context("/"):
        hide = HideForm()
        assert "required" not in str(hide.reason())
        hide.reason.choices = [("", "Pick a reason"), ("unkind", "Unkind")]
        assert "required" in str(hide.reason())  # a blank first choice: required means something
        add = AddMemberForm()
        add.person_id.choices = [(3, "Sam"), (4, "Ffion")]
        assert "required" not in str(add.person_id())
        # Required or not in the markup, the server still checks the answer.
        assert not HideForm(MultiDict({"reason": ""}), meta={"csrf": False}).validate()
