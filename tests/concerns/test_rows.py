"""A list's rows (concern_rows) draw each support box as support_box does, which the concern
page and the support tap still use: the row copies it to save a macro call on each row."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string

from portal.concerns.models import Concern
from portal.extensions import db

BOTH = """{% from "concerns/_concern_row.html" import concern_rows %}
{%- from "concerns/_support.html" import support_box -%}
<ul>{{ concern_rows([concern], supported_ids, next="/back", anchored=True, refusal=refusal) }}</ul>
<aside>{{ support_box(concern, supported, concern.support_count,
                      next="/back#concern-" ~ concern.id, refusal=refusal) }}</aside>"""


def _same_space(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.mark.parametrize("supported", [False, True])
@pytest.mark.parametrize("refusal", [None, "You cannot support a concern for now."])
def test_a_row_draws_the_support_box_as_support_box_does(app, concern, supported, refusal):
    with app.test_request_context("/"):
        row = db.session.get(Concern, concern.id)
        page = render_template_string(
            BOTH,
            concern=row,
            supported=supported,
            supported_ids={row.id} if supported else set(),
            refusal=refusal,
        )
    in_row = re.search(r'<div class="support.*?</div>\s*</li>', page, re.DOTALL).group(0)
    alone = re.search(r"<aside>(.*)</aside>", page, re.DOTALL).group(1)
    assert _same_space(in_row.removesuffix("</li>")) == _same_space(alone)
    assert ("I support this" in alone) is (refusal is None)
    assert ("You support this." in alone) is supported


def test_a_row_draws_its_listen_button_as_listen_button_does(app, concern):
    both = """{% from "concerns/_concern_row.html" import concern_rows %}
{%- from "_listen_button.html" import listen_button -%}
<ul>{{ concern_rows([concern], [], next="/back") }}</ul>
<aside>{{ listen_button("concern-%s"|format(concern.id),
                        about="concern-title-%s"|format(concern.id)) }}</aside>"""
    with app.test_request_context("/"):
        page = render_template_string(both, concern=db.session.get(Concern, concern.id))
    row = re.search(r"<ul>(.*)</ul>", page, re.DOTALL).group(1)
    alone = re.search(r"<aside>(.*)</aside>", page, re.DOTALL).group(1)
    in_row = re.search(r'<button class="[^"]*listen-button".*?</button>', row, re.DOTALL)
    assert in_row, row
    assert _same_space(in_row.group(0)) == _same_space(alone)
    assert f'data-listen="concern-{concern.id}"' in alone
