"""my data

When a person asked staff to remove their account, and when staff did. Both empty for every
account that exists, so upgrading changes nobody.

Revision ID: 0023_my_data
Revises: 0021_coproduction
Create Date: 2026-12-03 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_my_data'
down_revision = '0022_report'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removal_asked_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
        batch_op.drop_column('removal_asked_at')
