"""co-production: who came, how it was, ideas members back, the path to co-trainer

Only new tables: nothing that is there now changes, so upgrading loses nothing. Going back
drops what these features recorded (who came, feedback, backing, steps and invitations).

Revision ID: 0021_coproduction
Revises: 0017_kept_form_owner
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_coproduction'
down_revision = '0020_supporters'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('session_came',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('marked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['marked_by_id'], ['user_account.id'], name=op.f('fk_session_came_marked_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_session_came_session_id_training_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_session_came_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'user_id', name=op.f('pk_session_came'))
    )
    op.create_index('ix_session_came_user_id', 'session_came', ['user_id'], unique=False)
    op.create_table('session_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('face', sa.String(length=10), nullable=False),
    sa.Column('what_good', sa.Text(), nullable=False),
    sa.Column('what_change', sa.Text(), nullable=False),
    sa.Column('named', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('helped_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['helped_by_id'], ['user_account.id'], name=op.f('fk_session_feedback_helped_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_session_feedback_session_id_training_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_session_feedback_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_feedback')),
    sa.UniqueConstraint('session_id', 'user_id', name=op.f('uq_session_feedback_session_id'))
    )
    op.create_index('ix_session_feedback_user_id', 'session_feedback', ['user_id'], unique=False)
    op.create_table('agenda_idea_backing',
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('helped_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['helped_by_id'], ['user_account.id'], name=op.f('fk_agenda_idea_backing_helped_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['agenda_suggestion.id'], name=op.f('fk_agenda_idea_backing_suggestion_id_agenda_suggestion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_agenda_idea_backing_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('suggestion_id', 'user_id', name=op.f('pk_agenda_idea_backing'))
    )
    op.create_index('ix_agenda_idea_backing_user_id', 'agenda_idea_backing', ['user_id'], unique=False)
    op.create_table('learning_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_step'))
    )
    op.create_table('learning_ttt_session',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_learning_ttt_session_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_learning_ttt_session'))
    )
    op.create_table('learning_led_part',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_learning_led_part_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_learning_led_part_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_learning_led_part_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'user_id', name=op.f('pk_learning_led_part'))
    )
    op.create_index('ix_learning_led_part_user_id', 'learning_led_part', ['user_id'], unique=False)
    op.create_table('cotrainer_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answer', sa.String(length=10), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], name=op.f('fk_cotrainer_invite_invited_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_cotrainer_invite_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cotrainer_invite'))
    )
    op.create_index('ix_cotrainer_invite_user_id', 'cotrainer_invite', ['user_id', 'answer'], unique=False)


def downgrade():
    op.drop_index('ix_cotrainer_invite_user_id', table_name='cotrainer_invite')
    op.drop_table('cotrainer_invite')
    op.drop_index('ix_learning_led_part_user_id', table_name='learning_led_part')
    op.drop_table('learning_led_part')
    op.drop_table('learning_ttt_session')
    op.drop_table('learning_step')
    op.drop_index('ix_agenda_idea_backing_user_id', table_name='agenda_idea_backing')
    op.drop_table('agenda_idea_backing')
    op.drop_index('ix_session_feedback_user_id', table_name='session_feedback')
    op.drop_table('session_feedback')
    op.drop_index('ix_session_came_user_id', table_name='session_came')
    op.drop_table('session_came')
