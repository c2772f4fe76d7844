import pytest

from tests.factories import create_session, create_user


@pytest.fixture
def other_trainer(app):
    return create_user(role="co_trainer", username="dev", display_name="Dev Shah")


@pytest.fixture
def training(co_trainer, other_trainer):
    """A session run by Alex and Dev, 10am to 1pm a week from now."""
    from datetime import timedelta

    from portal.timeutil import utcnow

    start = utcnow().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    return create_session(
        title="Train the trainers",
        starts_in=start - utcnow().replace(second=0, microsecond=0),
        hours=3,
        trainers=[co_trainer, other_trainer],
    )


@pytest.fixture(autouse=True)
def fresh_live_channel(app):
    """Presence is kept in memory per process in tests: start each test with nobody there."""
    app.extensions.pop("agenda_channel", None)
    yield
    app.extensions.pop("agenda_channel", None)
