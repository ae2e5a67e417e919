"""envelope version: the co-funder's envelope form checks the version the officer
started from, like every other edit form (a replayed old form no longer overwrites a
newer amount)

Revision ID: b4c5d6e7f8a9
Revises: a3b4c5d6e7f8
Create Date: 2026-12-03 15:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'b4c5d6e7f8a9'
down_revision = 'a3b4c5d6e7f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('call_envelopes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('call_envelopes', schema=None) as batch_op:
        batch_op.drop_column('version')
