"""review total: each review's scores weighted by the call's criteria, stored when the
review is saved, so that the instruction list sorts by score in SQL on either database

Existing reviews are filled in from their JSON scores and their call's criteria.

Revision ID: a3b4c5d6e7f8
Revises: f2a3b4c5d6e7
Create Date: 2026-12-03 14:40:00
"""

import json

from alembic import op
import sqlalchemy as sa


revision = 'a3b4c5d6e7f8'
down_revision = 'f2a3b4c5d6e7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('total_score', sa.Float(), nullable=True))

    bind = op.get_bind()
    weights: dict[int, dict[str, int]] = {}
    for call_id, criterion_id, weight in bind.execute(sa.text("SELECT call_id, id, weight FROM call_criteria")):
        weights.setdefault(call_id, {})[str(criterion_id)] = weight
    reviews = bind.execute(sa.text(
        "SELECT reviews.id, reviews.scores, applications.call_id FROM reviews "
        "JOIN applications ON applications.id = reviews.application_id")).all()
    for review_id, scores, call_id in reviews:
        if isinstance(scores, str):  # SQLite gives the JSON text
            scores = json.loads(scores)
        call_weights = weights.get(call_id, {})
        total = weight = 0
        for key, score in (scores or {}).items():
            if key in call_weights and score is not None:
                total += score * call_weights[key]
                weight += call_weights[key]
        if weight:
            bind.execute(sa.text("UPDATE reviews SET total_score = :total WHERE id = :id"),
                         {"total": total / weight, "id": review_id})


def downgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('total_score')
