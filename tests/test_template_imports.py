"""portal/template_imports.py: imports answer as Jinja's own do, without the slow look."""

from __future__ import annotations

import jinja2
import pytest

from portal.template_imports import QuickImportTemplate

TEMPLATES = {
    "macros.html": "{% macro greet() %}{{ greeting|default('no greeting') }}{% endmacro %}",
    "page.html": '{% from "macros.html" import greet %}[{{ greet() }}]',
}


def _environment(template_class) -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)
    environment.template_class = template_class
    return environment


@pytest.mark.parametrize("page_globals", [None, {"greeting": "Hello"}])
def test_an_import_draws_what_jinja_draws(page_globals):
    drawn = {
        template_class: _environment(template_class)
        .get_template("page.html", globals=page_globals)
        .render()
        for template_class in (jinja2.Template, QuickImportTemplate)
    }
    assert drawn[QuickImportTemplate] == drawn[jinja2.Template]
    assert drawn[QuickImportTemplate] == ("[Hello]" if page_globals else "[no greeting]")


def test_an_import_with_nothing_new_uses_the_kept_module():
    environment = _environment(QuickImportTemplate)
    imported = environment.get_template("macros.html")
    context = environment.get_template("page.html").new_context()
    assert imported._get_default_module(context) is imported._get_default_module(context)


def test_the_portal_uses_it_and_jinja_still_has_the_method_it_replaces(app):
    # A Jinja that renamed the method would leave the override unused, and imports slow again.
    assert app.jinja_env.template_class is QuickImportTemplate
    assert "_get_default_module" in vars(jinja2.Template)
