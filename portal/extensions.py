"""Extension objects, created unbound here and bound to the app in create_app."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Named constraints, so Alembic can alter them on every database (SQLite included).
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = Htmx()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def per_person() -> str:
    """A rate-limit key for the signed-in person: a day centre's members share one address."""
    from flask_login import current_user

    if current_user.is_authenticated:
        # A supporter helping someone is counted as themselves: helping five members does
        # not give five allowances.
        person = getattr(current_user, "helper", None) or current_user
        return f"user:{person.id}"
    return get_remote_address()


def mark_posted() -> None:
    """Say that this request really posted something, so its rate limit counts it."""
    from flask import g

    g.posted = True


def counts_as_posted(response) -> bool:
    """For a rate limit's `deduct_when`: count only a real post, never a refused one.

    A refused post (empty, too long, not allowed now) comes back with the words kept, and a
    second tap on a post already made just lands on the answer: counting those would lock out a
    person who has posted once, or is still getting the form right. So the view says when it
    posted (`mark_posted`), rather than the limit guessing from the answer.
    """
    from flask import g

    return bool(g.get("posted"))
