"""stored files: attachments kept under random names, with their sniffed type, sha256 and scan status

Revision ID: c9d0e1f2a3b4
Revises: e5f6a7b8c9d0
Create Date: 2026-12-03 13:30:00
"""

import sqlalchemy as sa
from alembic import op

import app.core.db

revision = "c9d0e1f2a3b4"
down_revision = "e5f6a7b8c9d0"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("storage_name", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("extension", sa.String(length=10), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("scan_status", sa.Enum("pending", "clean", "infected", "not_scanned", "error",
                                         name="scan_status", native_enum=False, create_constraint=True,
                                         length=32), nullable=False),
        sa.Column("scan_detail", sa.String(length=200), nullable=True),
        sa.Column("scanned_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size > 0", name=op.f("ck_stored_files_size_positive")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_stored_files_sha256_hex")),
        sa.CheckConstraint("(scan_status IN ('clean', 'infected', 'error')) = (scanned_at IS NOT NULL)",
                           name=op.f("ck_stored_files_scanned_at_when_scanned")),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"],
                                name=op.f("fk_stored_files_uploaded_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
        sa.UniqueConstraint("storage_name", name=op.f("uq_stored_files_storage_name")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_files_scan_status"), ["scan_status"], unique=False)
        batch_op.create_index(batch_op.f("ix_stored_files_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_stored_files_uploaded_by_id"), ["uploaded_by_id"], unique=False)


def downgrade():
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_files_uploaded_by_id"))
        batch_op.drop_index(batch_op.f("ix_stored_files_sha256"))
        batch_op.drop_index(batch_op.f("ix_stored_files_scan_status"))

    op.drop_table("stored_files")
