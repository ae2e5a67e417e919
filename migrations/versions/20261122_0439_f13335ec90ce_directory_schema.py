"""directory schema

Revision ID: f13335ec90ce
Revises: (none)
Create Date: 2026-11-22 04:39:40.577788
"""

from alembic import op
import sqlalchemy as sa
import app.core.db


revision = 'f13335ec90ce'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_pending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_type', sa.String(length=30), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_pending'))
    )
    op.create_table('territories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('country', 'region', 'departement', 'commune', 'partner_region', 'partner_city', name='territory_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('seat', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['territories.id'], name=op.f('fk_territories_parent_id_territories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_territories')),
    sa.UniqueConstraint('code', name=op.f('uq_territories_code'))
    )
    with op.batch_alter_table('territories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_territories_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_territories_parent_id'), ['parent_id'], unique=False)

    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('label_en', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes')),
    sa.UniqueConstraint('slug', name=op.f('uq_themes_slug'))
    )
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.Enum('association', 'osim', 'collectivite', 'centre_ressources', 'reseau', 'enseignement', 'entreprise', 'autre', name='actor_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('postal_code', sa.String(length=5), nullable=True),
    sa.Column('commune', sa.String(length=120), nullable=True),
    sa.Column('departement_id', sa.Integer(), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('contact_public', sa.Boolean(), nullable=False),
    sa.Column('rna', sa.String(length=10), nullable=True),
    sa.Column('siret', sa.String(length=14), nullable=True),
    sa.Column('members_total', sa.Integer(), nullable=True),
    sa.Column('members_idf', sa.Integer(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('match_key', sa.String(length=260), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('members_idf IS NULL OR members_total IS NULL OR members_idf <= members_total', name=op.f('ck_actors_members_idf_within_total')),
    sa.CheckConstraint('rna IS NULL OR length(rna) = 10', name=op.f('ck_actors_rna_length')),
    sa.CheckConstraint('siret IS NULL OR length(siret) = 14', name=op.f('ck_actors_siret_length')),
    sa.ForeignKeyConstraint(['departement_id'], ['territories.id'], name=op.f('fk_actors_departement_id_territories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('rna', name=op.f('uq_actors_rna')),
    sa.UniqueConstraint('siret', name=op.f('uq_actors_siret'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_departement_id'), ['departement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_match_key'), ['match_key'], unique=False)

    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.Enum('region', 'departement', 'commune', 'epci', name='member_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=80), nullable=False),
    sa.Column('seat', sa.String(length=200), nullable=True),
    sa.Column('territory_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('active', 'candidate', 'left', name='member_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('is_coordinator', sa.Boolean(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('deliberation_ref', sa.String(length=200), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status != 'left' OR left_on IS NOT NULL", name=op.f('ck_members_left_on_when_left')),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name=op.f('fk_members_territory_id_territories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
    sa.UniqueConstraint('code', name=op.f('uq_members_code'))
    )
    op.create_table('actor_territories',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_territories_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name=op.f('fk_actor_territories_territory_id_territories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('actor_id', 'territory_id', name=op.f('pk_actor_territories'))
    )
    with op.batch_alter_table('actor_territories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_territories_territory_id'), ['territory_id'], unique=False)

    op.create_table('actor_themes',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_themes_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_actor_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('actor_id', 'theme_id', name=op.f('pk_actor_themes'))
    )
    op.create_table('funding_schemes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('funder_member_id', sa.Integer(), nullable=True),
    sa.Column('funder_name', sa.String(length=200), nullable=True),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=True),
    sa.Column('age_max', sa.Integer(), nullable=True),
    sa.Column('amount_min_cents', sa.BigInteger(), nullable=True),
    sa.Column('amount_max_cents', sa.BigInteger(), nullable=True),
    sa.Column('max_rate_percent', sa.Integer(), nullable=True),
    sa.Column('recurrence', sa.Enum('permanent', 'annual', 'one_off', name='recurrence', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('legal_basis', sa.String(length=300), nullable=True),
    sa.Column('url', sa.String(length=300), nullable=True),
    sa.Column('status', sa.Enum('draft', 'published', name='publication_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('published_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('match_key', sa.String(length=420), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status != 'published' OR published_at IS NOT NULL", name=op.f('ck_funding_schemes_published_at_when_published')),
    sa.CheckConstraint('age_min IS NULL OR age_max IS NULL OR age_min <= age_max', name=op.f('ck_funding_schemes_age_range')),
    sa.CheckConstraint('amount_min_cents IS NULL OR amount_max_cents IS NULL OR amount_min_cents <= amount_max_cents', name=op.f('ck_funding_schemes_amount_range')),
    sa.CheckConstraint('funder_member_id IS NOT NULL OR funder_name IS NOT NULL', name=op.f('ck_funding_schemes_has_funder')),
    sa.CheckConstraint('max_rate_percent IS NULL OR (max_rate_percent > 0 AND max_rate_percent <= 100)', name=op.f('ck_funding_schemes_max_rate_range')),
    sa.CheckConstraint('opens_on IS NULL OR closes_on IS NULL OR opens_on <= closes_on', name=op.f('ck_funding_schemes_date_range')),
    sa.ForeignKeyConstraint(['funder_member_id'], ['members.id'], name=op.f('fk_funding_schemes_funder_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_schemes'))
    )
    with op.batch_alter_table('funding_schemes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_schemes_funder_member_id'), ['funder_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_schemes_match_key'), ['match_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_schemes_status'), ['status'], unique=False)

    op.create_table('partnerships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('decentralised', 'twinning', 'programme', 'economic', name='partnership_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('since_year', sa.Integer(), nullable=True),
    sa.Column('dormant', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_partnerships_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name=op.f('fk_partnerships_territory_id_territories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('member_id', 'territory_id', name=op.f('uq_partnerships_member_id_territory_id'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_territory_id'), ['territory_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('applicant', 'officer', 'coordinator', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("role != 'applicant' OR actor_id IS NOT NULL", name=op.f('ck_users_applicant_has_actor')),
    sa.CheckConstraint("role = 'applicant' OR member_id IS NOT NULL", name=op.f('ck_users_staff_has_member')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_users_actor_id_actors')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_users_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_member_id'), ['member_id'], unique=False)

    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('object_label', sa.String(length=200), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_object', ['object_type', 'object_id'], unique=False)

    op.create_table('scheme_beneficiaries',
    sa.Column('scheme_id', sa.Integer(), nullable=False),
    sa.Column('beneficiary', sa.Enum('association', 'collectivite', 'enseignement', 'etudiant', 'jeune', 'apprenti', 'entreprise', name='beneficiary', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.ForeignKeyConstraint(['scheme_id'], ['funding_schemes.id'], name=op.f('fk_scheme_beneficiaries_scheme_id_funding_schemes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('scheme_id', 'beneficiary', name=op.f('pk_scheme_beneficiaries'))
    )
    op.create_table('scheme_territories',
    sa.Column('scheme_id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['scheme_id'], ['funding_schemes.id'], name=op.f('fk_scheme_territories_scheme_id_funding_schemes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name=op.f('fk_scheme_territories_territory_id_territories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('scheme_id', 'territory_id', name=op.f('pk_scheme_territories'))
    )
    with op.batch_alter_table('scheme_territories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scheme_territories_territory_id'), ['territory_id'], unique=False)

    op.create_table('scheme_themes',
    sa.Column('scheme_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['scheme_id'], ['funding_schemes.id'], name=op.f('fk_scheme_themes_scheme_id_funding_schemes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_scheme_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('scheme_id', 'theme_id', name=op.f('pk_scheme_themes'))
    )


def downgrade():
    op.drop_table('scheme_themes')
    with op.batch_alter_table('scheme_territories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scheme_territories_territory_id'))

    op.drop_table('scheme_territories')
    op.drop_table('scheme_beneficiaries')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_object')

    op.drop_table('audit_entries')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_member_id'))
        batch_op.drop_index(batch_op.f('ix_users_actor_id'))

    op.drop_table('users')
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnerships_territory_id'))

    op.drop_table('partnerships')
    with op.batch_alter_table('funding_schemes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_schemes_status'))
        batch_op.drop_index(batch_op.f('ix_funding_schemes_match_key'))
        batch_op.drop_index(batch_op.f('ix_funding_schemes_funder_member_id'))

    op.drop_table('funding_schemes')
    op.drop_table('actor_themes')
    with op.batch_alter_table('actor_territories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_territories_territory_id'))

    op.drop_table('actor_territories')
    op.drop_table('members')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_match_key'))
        batch_op.drop_index(batch_op.f('ix_actors_departement_id'))

    op.drop_table('actors')
    op.drop_table('themes')
    with op.batch_alter_table('territories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_territories_parent_id'))
        batch_op.drop_index(batch_op.f('ix_territories_country_code'))

    op.drop_table('territories')
    op.drop_table('search_pending')
