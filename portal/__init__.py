"""Common Ground: an easy-read participation portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from portal.config import defaults

    app.config.from_mapping(defaults(app.instance_path))
    app.config.from_mapping(config or {})

    from portal.converters import register_converters

    register_converters(app)  # before the blueprints, whose rules are built with them
    _init_extensions(app)
    _register_blueprints(app)

    from portal.accounts.cross_site import init_cross_site
    from portal.cli import register_commands
    from portal.errors import register_error_pages
    from portal.security import init_security
    from portal.static_minify import init_static_minify
    from portal.static_versions import init_static_versions
    from portal.templating import init_templating

    init_cross_site(app)
    register_error_pages(app)
    init_security(app)
    init_templating(app)
    init_static_versions(app)
    init_static_minify(app)
    register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    import portal.database  # noqa: F401  (SQLite checks foreign keys from the first connection)
    from portal.accounts.helping import load_acting_user
    from portal.conditional import init_conditional
    from portal.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate
    from portal.htmx import init_htmx
    from portal.i18n import select_locale
    from portal.observability import init_observability
    from portal.transactions import init_transactions

    db.init_app(app)
    # Before the other extensions: the commit must run after their after_request functions.
    init_transactions(app)
    # Next, so compression runs after every other after_request function (the ETag just before).
    init_conditional(app)
    init_observability(app)  # first of the rest: every request gets its id before anything
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    init_htmx(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "signin.sign_in"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    # Our own sign-in records guard a session (portal/signin/devices.py); nothing asks for a
    # "fresh" sign-in. Flask-Login's basic protection would write `_fresh` into the cookie of
    # any request from a new address, so a late background answer (the passkey options asked
    # for on the sign-in page) could carry a cookie that undoes the sign-in made meanwhile.
    login_manager.session_protection = None
    login_manager.user_loader(load_acting_user)


def _register_blueprints(app: Flask) -> None:
    from portal.agendas import bp as agendas_bp
    from portal.concerns import bp as concerns_bp
    from portal.groups import bp as groups_bp
    from portal.learning import bp as learning_bp
    from portal.moderation import bp as moderation_bp
    from portal.mydata import bp as mydata_bp
    from portal.notices import bp as notices_bp
    from portal.offline import bp as offline_bp
    from portal.open_data import bp as open_data_bp
    from portal.pages import bp as pages_bp
    from portal.people import bp as people_bp
    from portal.report import bp as report_bp
    from portal.sessions import bp as sessions_bp
    from portal.signin import bp as signin_bp
    from portal.words import bp as words_bp

    for blueprint in (
        pages_bp,
        people_bp,
        groups_bp,
        notices_bp,
        sessions_bp,
        agendas_bp,
        concerns_bp,
        signin_bp,
        moderation_bp,
        words_bp,
        learning_bp,
        open_data_bp,
        mydata_bp,
        offline_bp,
        report_bp,
    ):
        app.register_blueprint(blueprint)
