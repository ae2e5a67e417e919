"""The partner countries' continents (the picker's groups when JavaScript is off)."""

from __future__ import annotations

import sqlalchemy as sa

from app.network.continents import COUNTRY_CONTINENT, continent_of, group_by_continent


def test_the_network_partners_are_where_an_association_expects_them():
    assert continent_of("SN") == "afrique"
    assert continent_of("SN-dakar") == "afrique"
    assert continent_of("VN-hanoi") == "asie"
    assert continent_of("LB") == "asie"
    assert continent_of("CA-quebec") == "ameriques"
    assert continent_of("BR") == "ameriques"
    assert continent_of("AM") == "asie"
    assert continent_of("FR") == "europe"
    assert continent_of("NC") == "oceanie"
    assert continent_of("ZZ") is None and continent_of("") is None and continent_of(None) is None


def test_each_code_is_in_one_continent_only():
    from app.network import continents

    codes = [code for group in continents._BY_CONTINENT.values() for code in group.split()]
    assert len(codes) == len(set(codes)) == len(COUNTRY_CONTINENT)
    assert all(len(code) == 2 and code.isupper() for code in codes)


def test_every_country_of_the_reference_data_has_a_continent(app):
    from app.extensions import db
    from app.network.models import Territory, TerritoryKind

    codes = db.session.scalars(sa.select(Territory.code).where(Territory.kind == TerritoryKind.COUNTRY)).all()
    assert len(codes) > 200
    assert [code for code in codes if continent_of(code) is None] == []


def test_groups_keep_the_order_of_the_list_within_each_continent():
    items = ["Mali", "Viêt Nam", "Sénégal", "Atlantide", "Brésil"]
    codes = {"Mali": "ML", "Viêt Nam": "VN", "Sénégal": "SN", "Atlantide": "XX", "Brésil": "BR"}
    groups = group_by_continent(items, codes.get)
    assert [(label, members) for label, members in groups] == [
        ("Afrique", ["Mali", "Sénégal"]), ("Amériques", ["Brésil"]), ("Asie et Moyen-Orient", ["Viêt Nam"]),
        ("Autres territoires", ["Atlantide"])]
