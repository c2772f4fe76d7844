"""glossary

The words members meet here, with a meaning, a picture and an example in English and Welsh.
Upgrading fills the table with the starting words in portal/words/glossary.json; staff change
them on the Words page after that.

Revision ID: 0019_glossary
Revises: 0017_kept_form_owner
Create Date: 2026-12-03 08:00:00

"""
import json
from pathlib import Path

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_glossary'
down_revision = '0018_reading_settings'
branch_labels = None
depends_on = None

STARTING_WORDS = Path(__file__).resolve().parents[2] / 'portal' / 'words' / 'glossary.json'


def upgrade():
    table = op.create_table(
        'glossary_word',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=60), nullable=False),
        sa.Column('picture', sa.String(length=60), nullable=False),
        sa.Column('term_en', sa.String(length=80), nullable=False),
        sa.Column('term_cy', sa.String(length=80), nullable=False),
        sa.Column('forms_en', sa.Text(), nullable=False),
        sa.Column('forms_cy', sa.Text(), nullable=False),
        sa.Column('meaning_en', sa.Text(), nullable=False),
        sa.Column('meaning_cy', sa.Text(), nullable=False),
        sa.Column('example_en', sa.Text(), nullable=False),
        sa.Column('example_cy', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_word')),
        sa.UniqueConstraint('slug', name=op.f('uq_glossary_word_slug')),
    )
    op.bulk_insert(table, starting_rows())


def starting_rows() -> list[dict]:
    """The rows for the words in the data file, as they are when this runs."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for entry in json.loads(STARTING_WORDS.read_text(encoding='utf-8')):
        row = {'slug': entry['slug'], 'picture': entry['picture'], 'updated_at': now}
        for language in ('en', 'cy'):
            words = entry[language]
            row[f'term_{language}'] = words['term']
            row[f'forms_{language}'] = '\n'.join(words['forms'])
            row[f'meaning_{language}'] = words['meaning']
            row[f'example_{language}'] = words['example']
        rows.append(row)
    return rows


def downgrade():
    op.drop_table('glossary_word')
