"""Two app instances (two workers, or two machines) share the wrong-password count in Redis.

Each instance runs in its own Python process, as gunicorn workers do, so nothing in memory is
shared: only the database and Redis. Set AGENDA_TEST_REDIS_URL to choose the Redis database
(default: number 4). Only this test's own keys are deleted afterwards, never the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.redis_helpers import REDIS_URL, redis_or_skip

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-workers-password"

# One app instance: optionally build the database, then try each password for "sam".
INSTANCE = """
import json, sys
from flask_migrate import upgrade
from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from portal.people.services import create_person
database_url, redis_url, prefix, seed_password = sys.argv[1:5]
app = create_app({
    "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_STORAGE_URI": redis_url,
    "RATELIMIT_KEY_PREFIX": prefix, "ARGON2_PROFILE": "fast-for-tests", "TESTING": True,
    "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False, "SERVER_NAME": None,
})
with app.app_context():
    if seed_password:
        upgrade()
        create_person(display_name="Sam Jones", username="sam", role=Role.MEMBER,
                      language="en", password=seed_password)
        db.session.commit()
client = app.test_client()
answers = []
for password in sys.argv[5:]:
    response = client.post("/sign-in", data={"username": "sam", "password": password})
    paused = "we paused this password" in response.get_data(as_text=True)
    answers.append([response.status_code, paused])
print(json.dumps(answers))
"""


@pytest.fixture
def redis_prefix():
    client = redis_or_skip()
    prefix = f"test-sign-in-{uuid.uuid4().hex}"
    yield prefix, client
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


def _run_instance(database_url: str, prefix: str, *passwords: str, seed: bool = False):
    env = {**os.environ, "PORTAL_ENV": "development"}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    args = [database_url, REDIS_URL, prefix, PASSWORD if seed else "", *passwords]
    done = subprocess.run(
        [sys.executable, "-c", INSTANCE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_wrong_passwords_on_one_worker_pause_the_password_on_another(tmp_path, redis_prefix):
    prefix, redis_client = redis_prefix
    database_url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    wrong = ["wrong-password-1", "wrong-password-2", "wrong-password-3", "wrong-password-4"]
    # Four wrong tries on the first worker: one fewer than the limit of 5.
    assert _run_instance(database_url, prefix, *wrong, seed=True) == [[200, False]] * 4
    assert any(b"account:sam" in key for key in redis_client.scan_iter(f"*{prefix}*"))
    # The fifth wrong try, on the second worker, starts the pause; the right password is refused.
    answers = _run_instance(database_url, prefix, "wrong-password-5", PASSWORD)
    assert answers == [[200, False], [429, True]]
