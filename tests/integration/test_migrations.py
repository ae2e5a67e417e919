"""Migrations build the schema the models describe, with the reference data in place."""

from __future__ import annotations

import flask_migrate
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db
from app.network.models import Territory, TerritoryKind, Theme
from tests.conftest import Database, make_app


def test_models_and_migrations_agree(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_reference_data_is_in_place(app):
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 16
    departements = db.session.scalars(
        sa.select(Territory).where(Territory.kind == TerritoryKind.DEPARTEMENT).order_by(Territory.code)).all()
    assert [d.code for d in departements] == ["75", "77", "78", "91", "92", "93", "94", "95"]
    assert {d.parent.code for d in departements} == {"IDF"}
    assert db.session.scalar(sa.select(Territory).where(Territory.code == "IDF")).parent.code == "FR"
    countries = db.session.scalars(sa.select(Territory).where(Territory.kind == TerritoryKind.COUNTRY)).all()
    assert len(countries) >= 240
    senegal = next(c for c in countries if c.code == "SN")
    assert (senegal.name, senegal.name_en) == ("Sénégal", "Senegal")


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    import os

    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path, "mig")
    try:
        app = make_app(database.url, tmp_path / "ix")
        with app.app_context():
            flask_migrate.upgrade()
            flask_migrate.downgrade(revision="base")
            assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
            flask_migrate.upgrade()
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme)) == 16
            db.session.remove()
            db.engine.dispose()
    finally:
        database.drop()
