"""offline taps: the one-time keys of taps, so a tap sent again is counted once

Only a new table: nothing that is there now changes, so upgrading loses nothing. Going back
drops the keys; a tap sent again after that would count again.

Revision ID: 0024_offline_taps
Revises: 0021_coproduction
Create Date: 2026-12-03 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024_offline_taps'
down_revision = '0023_my_data'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('offline_tap',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_offline_tap_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'key', name=op.f('pk_offline_tap'))
    )
    op.create_index('ix_offline_tap_created_at', 'offline_tap', ['created_at'], unique=False)


def downgrade():
    op.drop_index('ix_offline_tap_created_at', table_name='offline_tap')
    op.drop_table('offline_tap')
