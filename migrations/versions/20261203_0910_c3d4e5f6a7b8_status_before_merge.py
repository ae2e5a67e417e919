"""events remember their status before a merge

Undoing a merge used to read the earlier status back from the audit trail; it is now a
column, filled here for the events merged so far (from their last merge's audit entry).

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-12-03 09:10:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = None

STATUSES = ("draft", "proposed", "published", "cancelled", "declined", "merged")


def upgrade():
    with op.batch_alter_table("events", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column(
            "status_before_merge",
            sa.Enum(*STATUSES, name="event_status_before_merge", native_enum=False,
                    create_constraint=True, length=32),
            nullable=True))

    conn = op.get_bind()
    merged = conn.execute(sa.text("SELECT id FROM events WHERE status = 'merged'")).scalars().all()
    for event_id in merged:
        changes = conn.execute(sa.text(
            "SELECT changes FROM audit_entries WHERE object_type = 'events' AND object_id = :id "
            "AND action = 'event.merge' ORDER BY id DESC LIMIT 1"), {"id": event_id}).scalar()
        if isinstance(changes, str):
            changes = json.loads(changes)
        before = ((changes or {}).get("status") or [None])[0]
        status = before if before in ("draft", "published", "cancelled") else "published"
        conn.execute(sa.text("UPDATE events SET status_before_merge = :s WHERE id = :id"),
                     {"s": status, "id": event_id})


def downgrade():
    with op.batch_alter_table("events", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint("event_status_before_merge", type_="check")
        batch_op.drop_column("status_before_merge")
