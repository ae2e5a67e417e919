"""joint agenda: events and co-organisers

Revision ID: 68d5aae28b88
Revises: b74a422ce39d
Create Date: 2026-11-22 07:20:22.638898
"""

from alembic import op
import sqlalchemy as sa
import app.core.db


revision = '68d5aae28b88'
down_revision = 'b74a422ce39d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('formation', 'reunion', 'conference', 'atelier', 'festival', 'ssi', 'journee', 'restitution', 'autre', name='event_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('online_url', sa.String(length=300), nullable=True),
    sa.Column('place_name', sa.String(length=200), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('commune', sa.String(length=120), nullable=True),
    sa.Column('departement_id', sa.Integer(), nullable=True),
    sa.Column('audience', sa.String(length=300), nullable=False),
    sa.Column('visibility', sa.Enum('public', 'members', name='visibility', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('draft', 'proposed', 'published', 'cancelled', 'declined', 'merged', name='event_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('proposed_by_actor_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("(status = 'merged') = (merged_into_id IS NOT NULL)", name=op.f('ck_events_merged_has_target')),
    sa.CheckConstraint("status != 'declined' OR decline_reason IS NOT NULL", name=op.f('ck_events_declined_has_reason')),
    sa.CheckConstraint('ends_at >= starts_at', name=op.f('ck_events_ends_after_start')),
    sa.CheckConstraint('online OR place_name IS NOT NULL OR commune IS NOT NULL', name=op.f('ck_events_has_a_place')),
    sa.ForeignKeyConstraint(['departement_id'], ['territories.id'], name=op.f('fk_events_departement_id_territories')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['events.id'], name=op.f('fk_events_merged_into_id_events')),
    sa.ForeignKeyConstraint(['proposed_by_actor_id'], ['actors.id'], name=op.f('fk_events_proposed_by_actor_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_departement_id'), ['departement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_ends_at'), ['ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_kind'), ['kind'], unique=False)
        batch_op.create_index('ix_events_listing', ['status', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_merged_into_id'), ['merged_into_id'], unique=False)

    op.create_table('event_countries',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_countries_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name=op.f('fk_event_countries_territory_id_territories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'territory_id', name=op.f('pk_event_countries'))
    )
    with op.batch_alter_table('event_countries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_countries_territory_id'), ['territory_id'], unique=False)

    op.create_table('event_organisers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('registration_url', sa.String(length=300), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('origin_event_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(member_id IS NULL) != (actor_id IS NULL)', name=op.f('ck_event_organisers_member_or_actor')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_event_organisers_actor_id_actors')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_organisers_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_event_organisers_member_id_members')),
    sa.ForeignKeyConstraint(['origin_event_id'], ['events.id'], name=op.f('fk_event_organisers_origin_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_organisers'))
    )
    with op.batch_alter_table('event_organisers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_organisers_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_organisers_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_organisers_member_id'), ['member_id'], unique=False)

    op.create_table('event_themes',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_themes_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_event_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'theme_id', name=op.f('pk_event_themes'))
    )


def downgrade():
    op.drop_table('event_themes')
    with op.batch_alter_table('event_organisers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_organisers_member_id'))
        batch_op.drop_index(batch_op.f('ix_event_organisers_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_organisers_actor_id'))

    op.drop_table('event_organisers')
    with op.batch_alter_table('event_countries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_countries_territory_id'))

    op.drop_table('event_countries')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_merged_into_id'))
        batch_op.drop_index('ix_events_listing')
        batch_op.drop_index(batch_op.f('ix_events_kind'))
        batch_op.drop_index(batch_op.f('ix_events_ends_at'))
        batch_op.drop_index(batch_op.f('ix_events_departement_id'))

    op.drop_table('events')
