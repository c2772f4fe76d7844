"""supporters

A member can choose a supporter, who helps them with their yes (support_link). Each thing a
member does that a supporter can help with records who helped (helped_by_id): bookings,
concerns, supports, replies and agenda ideas. Rows from before have nobody there.

Revision ID: 0020_supporters
Revises: 0017_kept_form_owner
Create Date: 2026-12-03 08:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020_supporters"
down_revision = "0019_glossary"
branch_labels = None
depends_on = None

HELPED_TABLES = (
    "session_booking",
    "concern",
    "concern_support",
    "concern_reply",
    "agenda_suggestion",
)


def upgrade():
    op.create_table(
        "support_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("supporter_id", sa.Integer(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.Column("stopped_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["asked_by_id"],
            ["user_account.id"],
            name=op.f("fk_support_link_asked_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["user_account.id"],
            name=op.f("fk_support_link_member_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stopped_by_id"],
            ["user_account.id"],
            name=op.f("fk_support_link_stopped_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supporter_id"],
            ["user_account.id"],
            name=op.f("fk_support_link_supporter_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_link")),
    )
    with op.batch_alter_table("support_link", schema=None) as batch_op:
        batch_op.create_index("ix_support_link_member_id", ["member_id"], unique=False)
        batch_op.create_index("ix_support_link_supporter_id", ["supporter_id"], unique=False)
    for table in HELPED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("helped_by_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_helped_by_id_user_account"),
                "user_account",
                ["helped_by_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade():
    for table in reversed(HELPED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_helped_by_id_user_account"), type_="foreignkey"
            )
            batch_op.drop_column("helped_by_id")
    with op.batch_alter_table("support_link", schema=None) as batch_op:
        batch_op.drop_index("ix_support_link_supporter_id")
        batch_op.drop_index("ix_support_link_member_id")
    op.drop_table("support_link")
