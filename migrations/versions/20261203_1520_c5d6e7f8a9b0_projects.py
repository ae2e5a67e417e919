"""projects: the public record of funded projects (one per accepted application, its
funding lines per member), and the members' SIRET for the open data of their grants

The applications accepted before this revision get their project here (the portal
creates the later ones when the last member decides), queued for the search index.

Revision ID: c5d6e7f8a9b0
Revises: b4c5d6e7f8a9
Create Date: 2026-12-03 15:20:00
"""

from datetime import UTC, date, datetime

from alembic import op
import sqlalchemy as sa
import app.core.db


revision = 'c5d6e7f8a9b0'
down_revision = 'b4c5d6e7f8a9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('call_title_fr', sa.String(length=200), nullable=False),
    sa.Column('call_title_en', sa.String(length=200), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('local_benefits', sa.Text(), nullable=False),
    sa.Column('partner_territory_id', sa.Integer(), nullable=True),
    sa.Column('decision_year', sa.Integer(), nullable=True),
    sa.Column('place_hidden', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('hidden', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('place_hidden_by_member_id', sa.Integer(), nullable=True),
    sa.Column('hidden_by_member_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_projects_actor_id_actors')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_projects_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_projects_call_id_calls')),
    sa.ForeignKeyConstraint(['hidden_by_member_id'], ['members.id'], name=op.f('fk_projects_hidden_by_member_id_members')),
    sa.ForeignKeyConstraint(['place_hidden_by_member_id'], ['members.id'], name=op.f('fk_projects_place_hidden_by_member_id_members')),
    sa.ForeignKeyConstraint(['partner_territory_id'], ['territories.id'], name=op.f('fk_projects_partner_territory_id_territories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('application_id', name=op.f('uq_projects_application_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_call_id'), ['call_id'], unique=False)
        batch_op.create_index('ix_projects_listing', ['hidden', 'decision_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_partner_territory_id'), ['partner_territory_id'], unique=False)

    op.create_table('project_fundings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('decision_reference', sa.String(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('convention_on', sa.Date(), nullable=True),
    sa.Column('payment_terms', sa.String(length=32), nullable=True),
    sa.Column('payment_from', sa.Date(), nullable=True),
    sa.Column('payment_until', sa.Date(), nullable=True),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_project_fundings_amount_positive')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_project_fundings_member_id_members')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_fundings_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_fundings')),
    sa.UniqueConstraint('project_id', 'member_id', name='uq_project_fundings_project_member'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('project_fundings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_fundings_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_fundings_project_id'), ['project_id'], unique=False)

    op.create_table('project_themes',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_themes_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_project_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'theme_id', name=op.f('pk_project_themes'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('siret', sa.String(length=14), nullable=True))
    _backfill()



def _backfill():
    """A project for every application already accepted, its grants as funding lines."""
    conn = op.get_bind()
    applications = conn.execute(sa.text(
        "SELECT a.id, a.call_id, c.title_fr, c.title_en, a.actor_id, a.project_title, a.summary, "
        "a.local_benefits, a.partner_territory_id, a.decided_at FROM applications a "
        "JOIN calls c ON c.id = a.call_id WHERE a.state = 'accepted' ORDER BY a.id")).all()
    now = datetime.now(UTC)
    for row in applications:
        shares = conn.execute(sa.text(
            "SELECT member_id, granted_cents, decision_reference, decided_on, convention_on, payment_terms, "
            "payment_from, payment_until FROM application_shares "
            "WHERE application_id = :id AND granted_cents > 0 ORDER BY member_id"), {"id": row.id}).all()
        if not shares:
            continue
        days = [_day(s.decided_on) for s in shares if s.decided_on]
        decided_at = row.decided_at
        if isinstance(decided_at, str):
            decided_at = datetime.fromisoformat(decided_at)
        year = max(days).year if days else (decided_at.year if decided_at else None)
        conn.execute(PROJECTS.insert().values(
            application_id=row.id, call_id=row.call_id, call_title_fr=(row.title_fr or "")[:200],
            call_title_en=(row.title_en or "")[:200], actor_id=row.actor_id,
            title=(row.project_title or f"#{row.id}")[:200], summary=row.summary or "",
            local_benefits=row.local_benefits or "", partner_territory_id=row.partner_territory_id,
            decision_year=year, place_hidden=False, hidden=False, version=1, created_at=now, updated_at=now))
        project_id = conn.scalar(sa.text("SELECT id FROM projects WHERE application_id = :id"), {"id": row.id})
        for share in shares:
            conn.execute(FUNDINGS.insert().values(
                project_id=project_id, member_id=share.member_id, amount_cents=share.granted_cents,
                decision_reference=share.decision_reference or "", decided_on=_day(share.decided_on),
                convention_on=_day(share.convention_on), payment_terms=share.payment_terms,
                payment_from=_day(share.payment_from), payment_until=_day(share.payment_until)))
        conn.execute(sa.text(
            "INSERT INTO project_themes (project_id, theme_id) SELECT :project, theme_id FROM application_themes "
            "WHERE application_id = :application"), {"project": project_id, "application": row.id})
        conn.execute(PENDING.insert().values(doc_type="project", doc_id=project_id, created_at=now))


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


PROJECTS = sa.table(
    "projects", sa.column("application_id"), sa.column("call_id"), sa.column("call_title_fr"),
    sa.column("call_title_en"), sa.column("actor_id"), sa.column("title"), sa.column("summary"),
    sa.column("local_benefits"), sa.column("partner_territory_id"), sa.column("decision_year"),
    sa.column("place_hidden", sa.Boolean), sa.column("hidden", sa.Boolean), sa.column("version"),
    sa.column("created_at", app.core.db.UTCDateTime(timezone=True)),
    sa.column("updated_at", app.core.db.UTCDateTime(timezone=True)))
FUNDINGS = sa.table(
    "project_fundings", sa.column("project_id"), sa.column("member_id"), sa.column("amount_cents"),
    sa.column("decision_reference"), sa.column("decided_on", sa.Date), sa.column("convention_on", sa.Date),
    sa.column("payment_terms"), sa.column("payment_from", sa.Date), sa.column("payment_until", sa.Date))
PENDING = sa.table("search_pending", sa.column("doc_type"), sa.column("doc_id"),
                   sa.column("created_at", app.core.db.UTCDateTime(timezone=True)))


def downgrade():
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('siret')

    op.drop_table('project_themes')
    with op.batch_alter_table('project_fundings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_fundings_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_fundings_member_id'))

    op.drop_table('project_fundings')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_partner_territory_id'))
        batch_op.drop_index('ix_projects_listing')
        batch_op.drop_index(batch_op.f('ix_projects_call_id'))
        batch_op.drop_index(batch_op.f('ix_projects_actor_id'))

    op.drop_table('projects')
