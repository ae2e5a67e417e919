"""optimistic locking of actors and schemes

Revision ID: b74a422ce39d
Revises: 3c1d2e7a9b10
Create Date: 2026-11-22 06:57:50.152906
"""

from alembic import op
import sqlalchemy as sa
import app.core.db


revision = 'b74a422ce39d'
down_revision = '3c1d2e7a9b10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('funding_schemes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('funding_schemes', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_column('version')

