"""ids never reused

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
Create Date: 2026-12-03 09:05:00

Without AUTOINCREMENT, SQLite gives the next row max(id) + 1: deleting the newest
event let the next one take its id, and with it its history, its calendar UID and its
old links. The tables with a surrogate id are rebuilt with AUTOINCREMENT (batch mode
copies the rows, constraints and indexes). PostgreSQL's SERIAL columns never reuse an
id: nothing to do there.
"""

from alembic import op
import sqlalchemy as sa


revision = 'b2c3d4e5f6a7'
down_revision = 'a1b2c3d4e5f6'
branch_labels = None
depends_on = None

TABLES = [
    'territories', 'themes', 'members', 'partnerships', 'actors', 'funding_schemes',
    'events', 'event_organisers', 'users', 'audit_entries', 'search_pending',
]


def _rebuild(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    # Rebuilding a table drops the old one: with foreign keys enforced, SQLite would
    # delete the rows that point to it (ON DELETE CASCADE). The portal never turns
    # them on; refuse rather than lose data if someone did.
    if bind.execute(sa.text('PRAGMA foreign_keys')).scalar():
        raise RuntimeError('Run this migration with PRAGMA foreign_keys=OFF.')
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always',
                                  table_kwargs={'sqlite_autoincrement': autoincrement}):
            pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
