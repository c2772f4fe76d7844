"""Exit 0 when the database at the URL given answers, else 1 (`make test-postgres` asks first).

    python scripts/postgres_reachable.py postgresql+psycopg://postgres@127.0.0.1:5432/test_mine

It connects the way the tests will (SQLAlchemy, the same URL), so a server that is up but
lacks this database counts as not reachable.
"""

from __future__ import annotations

import sys

import sqlalchemy as sa


def reachable(url: str) -> bool:
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    except (sa.exc.ArgumentError, ImportError):
        return False  # not a URL SQLAlchemy can use, or its driver is missing
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(0 if len(sys.argv) == 2 and reachable(sys.argv[1]) else 1)
