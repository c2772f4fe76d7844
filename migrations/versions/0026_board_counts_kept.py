"""board counts kept: each board holds how many of its concerns are shown, kept by triggers

The Concerns page counted every board's concerns on each view: a read of every concern, about
2 ms at 20,000 on SQLite even from an index. Each board now holds two counts (shown to
everyone, and not merged, for staff), kept by triggers on `concern`, so no way of changing a
concern (raising, checking, hiding, merging, moving, deleting an account) can leave them
wrong. The counts are filled from the concerns there are; going back drops them and the
triggers.

Revision ID: 0026_board_counts_kept
Revises: 0025_board_counts
Create Date: 2026-12-04 19:00:00

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0026_board_counts_kept"
down_revision = "0025_board_counts"
branch_labels = None
depends_on = None

# What one concern row adds to its board's counts (1 or 0 each), as `{row}` (NEW or OLD) says.
SHOWN = "({row}.review = 'shown' AND {row}.merged_into_id IS NULL)"
OPEN = "({row}.merged_into_id IS NULL)"


def _change(row: str, sign: str, cast: str) -> str:
    return (
        f"UPDATE concern_board SET "
        f"shown_concerns = shown_concerns {sign} {SHOWN.format(row=row)}{cast}, "
        f"open_concerns = open_concerns {sign} {OPEN.format(row=row)}{cast} "
        f"WHERE id = {row}.board_id;"
    )


SQLITE_TRIGGERS = [
    "CREATE TRIGGER concern_board_counts_insert AFTER INSERT ON concern BEGIN "
    + _change("NEW", "+", "")
    + " END",
    "CREATE TRIGGER concern_board_counts_update "
    "AFTER UPDATE OF board_id, review, merged_into_id ON concern BEGIN "
    + _change("OLD", "-", "")
    + " "
    + _change("NEW", "+", "")
    + " END",
    "CREATE TRIGGER concern_board_counts_delete AFTER DELETE ON concern BEGIN "
    + _change("OLD", "-", "")
    + " END",
]

POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION concern_board_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP IN ('UPDATE', 'DELETE') THEN " + _change("OLD", "-", "::int") + " END IF; "
    "IF TG_OP IN ('INSERT', 'UPDATE') THEN " + _change("NEW", "+", "::int") + " END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER concern_board_counts "
    "AFTER INSERT OR DELETE OR UPDATE OF board_id, review, merged_into_id ON concern "
    "FOR EACH ROW EXECUTE FUNCTION concern_board_counts()",
]

RECOUNT = (
    "UPDATE concern_board SET "
    "shown_concerns = (SELECT count(*) FROM concern WHERE concern.board_id = concern_board.id "
    "AND concern.review = 'shown' AND concern.merged_into_id IS NULL), "
    "open_concerns = (SELECT count(*) FROM concern WHERE concern.board_id = concern_board.id "
    "AND concern.merged_into_id IS NULL)"
)


def upgrade():
    with op.batch_alter_table("concern_board", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shown_concerns", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("open_concerns", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)
    op.execute(RECOUNT)
    # The index the old count read (0025): nothing reads it now, and every write paid for it.
    op.drop_index("ix_concern_board_count", table_name="concern")


def downgrade():
    op.create_index(
        "ix_concern_board_count",
        "concern",
        ["board_id", "merged_into_id", "review", "author_id"],
        unique=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS concern_board_counts ON concern")
        op.execute("DROP FUNCTION IF EXISTS concern_board_counts()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS concern_board_counts_{name}")
    with op.batch_alter_table("concern_board", schema=None) as batch_op:
        batch_op.drop_column("open_concerns")
        batch_op.drop_column("shown_concerns")
