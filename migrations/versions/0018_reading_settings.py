"""reading settings

Each person's reading settings (text size, spacing, colours, typeface, movement, read-aloud
speed and voice), one row per person who saved some. Accounts without a row read with the
defaults, so upgrading keeps every account as it was.

Revision ID: 0018_reading_settings
Revises: 0017_kept_form_owner
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_reading_settings'
down_revision = '0017_kept_form_owner'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reading_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('text_size', sa.String(length=10), nullable=False),
        sa.Column('spacing', sa.String(length=10), nullable=False),
        sa.Column('theme', sa.String(length=10), nullable=False),
        sa.Column('font', sa.String(length=10), nullable=False),
        sa.Column('motion', sa.String(length=10), nullable=False),
        sa.Column('speech_rate', sa.String(length=10), nullable=False),
        sa.Column('voice', sa.String(length=100), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'],
            name=op.f('fk_reading_settings_user_id_user_account'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_reading_settings')),
    )


def downgrade():
    op.drop_table('reading_settings')
