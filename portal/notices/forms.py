"""How each person hears about notices."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.accounts.models import NoticeEmail
from portal.forms import PictureChoiceField, PortalForm, choices


class EmailChoiceForm(PortalForm):
    notice_email = PictureChoiceField(
        _l("Do you want emails about your news?"),
        choices=choices(
            [
                (NoticeEmail.NONE.value, _l("No emails, thank you")),
                (NoticeEmail.EACH.value, _l("An email each time something happens")),
                (NoticeEmail.DAILY.value, _l("One email a day with all my news")),
            ]
        ),
    )
