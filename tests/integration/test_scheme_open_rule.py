"""One rule for "is this scheme open?": the Python rule, its SQL twin and the index agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.actors import queries, rules
from app.actors.models import FundingScheme, PublicationStatus, Recurrence
from app.core.db import utcnow
from app.extensions import db

DAY = date(2027, 3, 15)
D = timedelta(days=1)
# (recurrence, opens_on, closes_on): every shape of window, around DAY.
CASES = [
    (recurrence, opens, closes)
    for recurrence in Recurrence
    for opens in (None, DAY - 10 * D, DAY, DAY + D)
    for closes in (None, DAY - D, DAY, DAY + 10 * D)
    if not (opens and closes and opens > closes)
]


def test_the_rule_covers_permanent_schemes_without_a_closing_date():
    assert rules.is_open_on(True, DAY + D, None, DAY)  # its opening date is history
    assert not rules.is_open_on(False, DAY + D, None, DAY)
    assert not rules.is_open_on(True, None, DAY - D, DAY)


def test_python_rule_sql_twin_and_index_window_agree(app, make_member):
    member = make_member("91")
    ids = {}
    for n, (recurrence, opens, closes) in enumerate(CASES):
        scheme = FundingScheme(name=f"Dispositif {n}", funder_member=member, recurrence=recurrence,
                               opens_on=opens, closes_on=closes, status=PublicationStatus.PUBLISHED,
                               published_at=utcnow(), match_key=f"k{n}")
        db.session.add(scheme)
        db.session.flush()
        ids[scheme.id] = (recurrence, opens, closes)
    db.session.commit()
    for day in (DAY - 11 * D, DAY - D, DAY, DAY + D, DAY + 11 * D):
        in_sql = set(db.session.scalars(sa.select(FundingScheme.id).where(queries.open_on(day))))
        for scheme_id, (recurrence, opens, closes) in ids.items():
            expected = rules.is_open_on(recurrence == Recurrence.PERMANENT, opens, closes, day)
            scheme = db.session.get(FundingScheme, scheme_id)
            first, last = scheme.open_window
            in_index = (first is None or first <= day) and (last is None or day <= last)
            assert (scheme_id in in_sql, scheme.is_open_on(day), in_index) == (expected,) * 3, (
                recurrence, opens, closes, day)


@pytest.mark.parametrize("recurrence", list(Recurrence))
def test_the_home_page_lists_every_open_scheme_kind(client, make_member, recurrence):
    member = make_member("91")
    db.session.add(FundingScheme(name="Toujours ouvert", funder_member=member, recurrence=recurrence,
                                 opens_on=date.today() - 400 * D, closes_on=None,
                                 status=PublicationStatus.PUBLISHED, published_at=utcnow(),
                                 match_key="toujours"))
    db.session.commit()
    listed = "Toujours ouvert" in client.get("/").get_data(as_text=True)
    assert listed == rules.is_open_on(recurrence == Recurrence.PERMANENT, date.today() - 400 * D, None,
                                      date.today())
