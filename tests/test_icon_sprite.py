"""The line icons' sprite file is up to date, and pages point into it rather than draw icons."""

from __future__ import annotations

from pathlib import Path

from portal.icon_sprite import SPRITE, sprite

STATIC = Path(__file__).resolve().parents[1] / "static"


def test_sprite_file_holds_every_icon_as_it_is_now():
    # Added or changed an icon? Run scripts/make_icon_sprite.py and commit static/icons.svg.
    assert (STATIC / SPRITE).read_text() == sprite(str(STATIC))


def test_an_icon_points_at_its_symbol_and_stays_hidden_from_screen_readers(app):
    from portal.templating import icon

    with app.test_request_context():
        html = str(icon("user"))
    assert html.startswith('<svg aria-hidden="true" focusable="false"')
    assert 'stroke="currentColor"' in html and 'class="icon tabler' in html
    assert "/static/icons.svg?v=" in html and html.endswith('#user"></use></svg>')
    assert "<path" not in html
    assert 'id="user"' in (STATIC / SPRITE).read_text()
