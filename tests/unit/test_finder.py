"""The finder's reasons, checks and co-financing plan (app.actors.finder), without Flask."""

from datetime import date

from app.actors.finder import Answers, SchemeFacts, cofinancing_plan, fit


def facts(id_, funder="91", rate=50, amount=10_000_00, themes=("sante",), countries=(), departements=("91",),
          legal_basis="Article L1115-1 du CGCT", is_open=True, name=None):
    return SchemeFacts(id=id_, funder_code=funder, funder_name=name or f"Membre {funder}",
                       beneficiaries=("association",), themes=themes, departements=departements,
                       countries=countries, amount_max_cents=amount, max_rate_percent=rate,
                       legal_basis=legal_basis, next_deadline=date(2027, 1, 22), is_open=is_open)


WATER_IN_SENEGAL = Answers(beneficiary="association", departement="91", theme="eau-assainissement",
                           pays="SN", need_cents=20_000_00)


def test_a_scheme_of_another_theme_is_kept_and_says_what_to_check():
    result = fit(facts(1), WATER_IN_SENEGAL)
    codes = [code for code, _args in result.reasons]
    assert codes == ["beneficiary", "departement", "any_country"]
    checks = dict(result.checks)
    assert "theme_not_named" in checks and not result.theme_fits
    assert checks["max_rate"] == {"rate": 50, "rest": 50}
    assert checks["amount_cap"] == {"max": 10_000_00, "need": 20_000_00}
    assert "local_interest" in checks


def test_a_scheme_of_the_theme_and_country_says_so():
    result = fit(facts(2, themes=("eau-assainissement",), countries=("SN",), departements=(), rate=None, amount=None,
                       legal_basis=None), WATER_IN_SENEGAL)
    assert [c for c, _a in result.reasons] == ["beneficiary", "region", "country", "theme"]
    assert result.checks == [] and result.theme_fits


def test_the_plan_puts_the_local_member_first_and_keeps_a_fifth_for_the_holder():
    ranked = [facts(10, funder="IDF", amount=15_000_00, name="Région"), facts(11, name="Essonne"),
              facts(12, funder="IDF", rate=80, name="Région bis"), facts(13, funder=None, rate=50)]
    plan = cofinancing_plan(ranked, 20_000_00, local="91")
    assert [(line.funder_name, line.percent, line.amount_cents) for line in plan.lines] == [
        ("Essonne", 50, 10_000_00), ("Région", 30, 6_000_00)]
    assert (plan.own_percent, plan.own_cents) == (20, 4_000_00)


def test_no_plan_without_a_second_member():
    assert cofinancing_plan([facts(1), facts(2)], 20_000_00, local="91") is None  # one funder only
    assert cofinancing_plan([facts(1, rate=None), facts(2, funder="IDF", rate=None)]) is None


def test_a_ceiling_lowers_the_share_it_covers():
    plan = cofinancing_plan([facts(1, amount=2_000_00), facts(2, funder="IDF", amount=None)], 20_000_00, local="91")
    assert [(line.percent, line.amount_cents) for line in plan.lines] == [(10, 2_000_00), (50, 10_000_00)]
    assert (plan.own_percent, plan.own_cents) == (40, 8_000_00)
