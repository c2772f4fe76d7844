"""portal/forms.py strip_text: the one filter that takes spaces off the ends of typed words."""

from werkzeug.datastructures import MultiDict

from portal.agendas.forms import SuggestionForm
from portal.forms import strip_text
from portal.groups.forms import GroupForm
from portal.signin.forms import EmailLinkForm


def test_strip_text():
    assert strip_text("  Tea break \n") == "Tea break"
    assert strip_text(None) == ""


def test_forms_of_every_area_strip_what_was_typed(app):
    with app.test_request_context("/"):
        assert GroupForm(MultiDict({"name": "  Newport  "})).name.data == "Newport"
        assert EmailLinkForm(MultiDict({"email": " sam@example.org "})).email.data == (
            "sam@example.org"
        )
        assert SuggestionForm(MultiDict({"title": " Quiz  "})).title.data == "Quiz"
