"""accounts: sign-up, invitations, links sent by mail, requests to act for an actor

Users get a language, a confirmed-address date, who invited them, their choice of mails,
and may have no password yet (an invitation not accepted). A new role, ``registrant``,
is a signed-up person attached to nobody yet. The accounts that exist were made by the
coordination: their addresses are taken as confirmed.

Revision ID: e5f6a7b8c9d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-03 10:05:00
"""

import sqlalchemy as sa
from alembic import op

import app.core.db

revision = "e5f6a7b8c9d0"
down_revision = "d4e5f6a7b8c9"
branch_labels = None
depends_on = None

ROLES = ("registrant", "applicant", "officer", "coordinator")
OLD_ROLES = ("applicant", "officer", "coordinator")
PURPOSES = ("invitation", "signup", "reset", "email_change", "claim")
KINDS = ("claim", "creation")
STATES = ("pending", "approved", "refused", "confirmed")


def _in(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def upgrade():
    with op.batch_alter_table("users", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=2), server_default="fr", nullable=False))
        batch_op.add_column(sa.Column("email_confirmed_at", app.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("invited_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notify_new_schemes", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("notify_new_calls", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("notify_agenda_digest", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("notify_application_alerts", sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=True)
        batch_op.create_index(batch_op.f("ix_users_invited_by_id"), ["invited_by_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_users_invited_by_id_users"), "users", ["invited_by_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.drop_constraint(op.f("ck_users_staff_has_member"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({_in(ROLES)})")
        batch_op.create_check_constraint(op.f("ck_users_staff_has_member"),
                                         "role IN ('applicant', 'registrant') OR member_id IS NOT NULL")
        batch_op.create_check_constraint(op.f("ck_users_registrant_belongs_to_nobody"),
                                         "role != 'registrant' OR (actor_id IS NULL AND member_id IS NULL)")
        batch_op.create_check_constraint(op.f("ck_users_language_known"), "language IN ('fr', 'en')")

    users = sa.table("users", sa.column("created_at", app.core.db.UTCDateTime(timezone=True)),
                     sa.column("email_confirmed_at", app.core.db.UTCDateTime(timezone=True)))
    op.execute(users.update().values(email_confirmed_at=users.c.created_at))

    op.create_table(
        "actor_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="claim_kind", native_enum=False, create_constraint=True,
                                  length=32), nullable=False),
        sa.Column("state", sa.Enum(*STATES, name="claim_state", native_enum=False, create_constraint=True,
                                   length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.CheckConstraint("(state = 'pending') = (decided_at IS NULL)",
                           name=op.f("ck_actor_claims_decided_at_when_decided")),
        sa.CheckConstraint("state != 'refused' OR reason IS NOT NULL", name=op.f("ck_actor_claims_refusal_has_reason")),
        sa.CheckConstraint("state = 'refused' OR actor_id IS NOT NULL",
                           name=op.f("ck_actor_claims_has_actor_unless_refused")),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name=op.f("fk_actor_claims_actor_id_actors"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_actor_claims_decided_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_actor_claims_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_claims")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("actor_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_claims_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_claims_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_claims_state"), ["state"], unique=False)
        batch_op.create_index("ix_actor_claims_pending_user", ["user_id"], unique=True,
                              sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'"))
        batch_op.create_index("ix_actor_claims_pending_actor", ["actor_id"], unique=True,
                              sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'"))

    op.create_table(
        "account_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Enum(*PURPOSES, name="token_purpose", native_enum=False, create_constraint=True,
                                     length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("purpose != 'email_change' OR email IS NOT NULL",
                           name=op.f("ck_account_tokens_email_change_has_email")),
        sa.CheckConstraint("purpose != 'claim' OR claim_id IS NOT NULL", name=op.f("ck_account_tokens_claim_has_claim")),
        sa.ForeignKeyConstraint(["claim_id"], ["actor_claims.id"], name=op.f("fk_account_tokens_claim_id_actor_claims"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_account_tokens_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_tokens_token_hash")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("account_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_tokens_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_tokens_user_id"), ["user_id"], unique=False)


def downgrade():
    op.drop_table("account_tokens")
    op.drop_table("actor_claims")
    # Accounts the old schema cannot hold: signed up without an actor, or without a password.
    op.execute("DELETE FROM audit_entries WHERE object_type = 'users' AND object_id IN "
               "(SELECT id FROM users WHERE role = 'registrant')")
    op.execute("UPDATE audit_entries SET user_id = NULL WHERE user_id IN "
               "(SELECT id FROM users WHERE role = 'registrant')")
    op.execute("DELETE FROM users WHERE role = 'registrant'")
    op.execute("UPDATE users SET password_hash = '!' WHERE password_hash IS NULL")
    with op.batch_alter_table("users", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_language_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_users_registrant_belongs_to_nobody"), type_="check")
        batch_op.drop_constraint(op.f("ck_users_staff_has_member"), type_="check")
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({_in(OLD_ROLES)})")
        batch_op.create_check_constraint(op.f("ck_users_staff_has_member"),
                                         "role = 'applicant' OR member_id IS NOT NULL")
        batch_op.drop_constraint(batch_op.f("fk_users_invited_by_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_users_invited_by_id"))
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=False)
        batch_op.drop_column("notify_application_alerts")
        batch_op.drop_column("notify_agenda_digest")
        batch_op.drop_column("notify_new_calls")
        batch_op.drop_column("notify_new_schemes")
        batch_op.drop_column("invited_by_id")
        batch_op.drop_column("email_confirmed_at")
        batch_op.drop_column("language")
