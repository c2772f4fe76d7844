"""kept form owner

A kept form belongs to the person whose sign-in ended while they typed, and to that sign-in.
Forms kept before this have no owner: they stay until they expire (2 days) and are never shown.

Revision ID: 0017_kept_form_owner
Revises: 0016_agenda_once_and_publishing
Create Date: 2026-12-02 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_kept_form_owner'
down_revision = '0016_agenda_once_and_publishing'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('kept_form', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('device_session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_kept_form_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_kept_form_user_id_user_account'), 'user_account', ['user_id'], ['id'],
            ondelete='CASCADE')
        batch_op.create_foreign_key(
            batch_op.f('fk_kept_form_device_session_id_device_session'), 'device_session',
            ['device_session_id'], ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('kept_form', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_kept_form_device_session_id_device_session'), type_='foreignkey')
        batch_op.drop_constraint(
            batch_op.f('fk_kept_form_user_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_kept_form_user_id'))
        batch_op.drop_column('device_session_id')
        batch_op.drop_column('user_id')
