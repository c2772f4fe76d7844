"""report: what staff chose to show on the members' "What we did together" page

Only a new table: nothing that is there now changes, so upgrading loses nothing. Going back
drops staff's choice (the report itself is worked out from the data every time).

Revision ID: 0022_report
Revises: 0021_coproduction
Create Date: 2026-12-03 12:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_report'
down_revision = '0021_coproduction'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_day', sa.Date(), nullable=False),
    sa.Column('to_day', sa.Date(), nullable=False),
    sa.Column('show_numbers', sa.Boolean(), nullable=False),
    sa.Column('concern_ids', sa.JSON(), nullable=False),
    sa.Column('show_next', sa.Boolean(), nullable=False),
    sa.Column('next_words', sa.String(length=500), nullable=False),
    sa.Column('shared_at', sa.DateTime(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_report_story_changed_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_story'))
    )


def downgrade():
    op.drop_table('report_story')
