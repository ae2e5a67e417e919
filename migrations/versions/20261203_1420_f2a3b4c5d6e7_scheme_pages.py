"""scheme pages: conditions, how to apply, documents and contact of a scheme; saved finder searches

Revision ID: f2a3b4c5d6e7
Revises: d0e1f2a3b4c5
Create Date: 2026-12-03 14:20:00
"""

import sqlalchemy as sa
from alembic import op

import app.core.db

revision = "f2a3b4c5d6e7"
down_revision = 'd0e1f2a3b4c5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("funding_schemes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conditions", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("how_to_apply", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("documents", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("contact_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=200), nullable=True))

    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_saved_searches_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("saved_searches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_searches_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("saved_searches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_searches_user_id"))
    op.drop_table("saved_searches")

    with op.batch_alter_table("funding_schemes", schema=None) as batch_op:
        batch_op.drop_column("contact_email")
        batch_op.drop_column("contact_name")
        batch_op.drop_column("documents")
        batch_op.drop_column("how_to_apply")
        batch_op.drop_column("conditions")
