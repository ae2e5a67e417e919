"""Migration a3b4c5d6e7f8 fills the stored weighted score of the reviews written before it,
as the model computes it when a review is saved."""

from __future__ import annotations

import os

import flask_migrate
import pytest
import sqlalchemy as sa

from app.auth.models import User
from app.calls.models_applications import Application, Review
from app.extensions import db
from tests.conftest import Database, make_app


def test_existing_reviews_get_their_total_score(tmp_path):
    from app.demo.loader import load

    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path, "reviewtotal")
    try:
        app = make_app(database.url, tmp_path / "ix")
        with app.app_context():
            flask_migrate.upgrade()
            load()
            officers = {u.member.code: u for u in db.session.scalars(
                sa.select(User).where(User.email.in_(["agent91@example.org", "agent93@example.org"])))}
            expected = {}
            for application in db.session.scalars(sa.select(Application).where(Application.submitted_at.is_not(None))
                                                  .order_by(Application.id).limit(3)):
                first, second, *_ = application.call.criteria  # weights 3 and 2 in the demo: (4×3 + 1×2) / 5
                for code, scores in (("91", {first.id: 4, second.id: 1}), ("93", {first.id: 5})):
                    if db.session.scalar(sa.select(Review.id).where(Review.application_id == application.id,
                                                                    Review.reviewer_id == officers[code].id)):
                        continue
                    review = Review(application=application, member_id=officers[code].member_id,
                                    reviewer_id=officers[code].id,
                                    scores={str(k): v for k, v in scores.items()})
                    db.session.add(review)
                    db.session.flush()
                    expected[review.id] = review.total_score
            db.session.commit()
            assert expected and pytest.approx(14 / 5) in expected.values() and 5.0 in expected.values()
            db.session.remove()
            flask_migrate.downgrade(revision="d0e1f2a3b4c5")
            flask_migrate.upgrade()
            stored = dict(db.session.execute(sa.select(Review.id, Review.total_score)
                                             .where(Review.id.in_(expected))).all())
            assert stored == pytest.approx(expected)
            db.session.remove()
            db.engine.dispose()
    finally:
        database.drop()
