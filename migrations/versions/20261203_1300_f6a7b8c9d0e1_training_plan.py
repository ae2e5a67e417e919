"""training plan: places left, co-organisers' own words, overlap notices

Events get the places still open (when known); each co-organiser of a shared event keeps
its own summary and audience; ``overlap_notices`` records what a member did about another
member's training on a similar topic (merged, joined, kept with a reason), for the other
member's dashboard.

Revision ID: f6a7b8c9d0e1
Revises: b8c9d0e1f2a3
Create Date: 2026-12-03 13:00:00
"""

import sqlalchemy as sa
from alembic import op

import app.core.db

revision = "f6a7b8c9d0e1"
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None

KINDS = ("merged", "joined", "kept")


def upgrade():
    with op.batch_alter_table("events", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("places_left", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_events_places_left_not_negative"),
                                         "places_left IS NULL OR places_left >= 0")
    with op.batch_alter_table("event_organisers", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("summary", sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column("audience", sa.String(length=300), nullable=True))
    op.create_table(
        "overlap_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="notice_kind", native_enum=False, create_constraint=True,
                                  length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("other_event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("other_member_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("likeness", sa.String(length=100), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.CheckConstraint("kind != 'kept' OR reason IS NOT NULL", name=op.f("ck_overlap_notices_kept_has_reason")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_overlap_notices_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_event_id"], ["events.id"],
                                name=op.f("fk_overlap_notices_other_event_id_events"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_overlap_notices_member_id_members")),
        sa.ForeignKeyConstraint(["other_member_id"], ["members.id"],
                                name=op.f("fk_overlap_notices_other_member_id_members")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_overlap_notices_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlap_notices")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("overlap_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_overlap_notices_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_overlap_notices_other_event_id"), ["other_event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_overlap_notices_other_member_id"), ["other_member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_overlap_notices_created_at"), ["created_at"], unique=False)


def downgrade():
    op.drop_table("overlap_notices")
    with op.batch_alter_table("event_organisers", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("audience")
        batch_op.drop_column("summary")
    with op.batch_alter_table("events", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_events_places_left_not_negative"), type_="check")
        batch_op.drop_column("places_left")
