"""« Quels dispositifs pour moi ? »: why a scheme fits an association's answers, what is
left to check, and a co-financing plan when the best schemes cap the public share.

Plain Python on plain values (no Flask, no database): the list page hands it the schemes
the hard criteria kept (beneficiary, territory, country, age) and the answers; it returns
codes with parameters, which the template words (app.actors.messages-like tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The public share of a project rarely goes beyond this: the rest is the holder's own
# contribution (money or valued volunteering), which funders ask to see.
MAX_PUBLIC_PERCENT = 80
LOCAL_INTEREST_BASIS = "L1115"


@dataclass(frozen=True)
class Answers:
    """The finder's answers (all optional)."""

    beneficiary: str | None = None
    departement: str | None = None
    theme: str | None = None
    pays: str | None = None
    age: int | None = None
    need_cents: int | None = None  # the amount the project needs


@dataclass(frozen=True)
class SchemeFacts:
    """What the finder reads of a scheme."""

    id: int
    funder_code: str | None  # the member's code, None for an outside funder
    funder_name: str
    beneficiaries: tuple[str, ...]
    themes: tuple[str, ...]
    departements: tuple[str, ...]  # French territory codes it names (empty: everywhere)
    countries: tuple[str, ...]  # partner country codes it names (empty: every country)
    amount_max_cents: int | None
    max_rate_percent: int | None
    legal_basis: str | None
    next_deadline: date | None
    is_open: bool


@dataclass
class Fit:
    reasons: list[tuple[str, dict]] = field(default_factory=list)  # why it fits
    checks: list[tuple[str, dict]] = field(default_factory=list)  # what is left to check
    theme_fits: bool = True


def fit(scheme: SchemeFacts, answers: Answers) -> Fit:
    """Why ``scheme`` (already past the hard criteria) fits, and what to check."""
    out = Fit()
    if answers.beneficiary and answers.beneficiary in scheme.beneficiaries:
        out.reasons.append(("beneficiary", {"value": answers.beneficiary}))
    if answers.departement:
        named = answers.departement in scheme.departements
        out.reasons.append(("departement" if named else "region", {"value": answers.departement}))
    if answers.pays:
        named = answers.pays.split("-")[0] in scheme.countries
        out.reasons.append(("country" if named else "any_country", {"value": answers.pays}))
    if answers.theme:
        if answers.theme in scheme.themes:
            out.reasons.append(("theme", {"value": answers.theme}))
        elif scheme.themes:
            out.theme_fits = False
            out.checks.append(("theme_not_named", {"value": answers.theme}))
    if scheme.max_rate_percent and scheme.max_rate_percent < 100:
        out.checks.append(("max_rate", {"rate": scheme.max_rate_percent,
                                        "rest": 100 - scheme.max_rate_percent}))
    if answers.need_cents and scheme.amount_max_cents and scheme.amount_max_cents < answers.need_cents:
        out.checks.append(("amount_cap", {"max": scheme.amount_max_cents, "need": answers.need_cents}))
    if scheme.legal_basis and LOCAL_INTEREST_BASIS in scheme.legal_basis.replace(" ", ""):
        out.checks.append(("local_interest", {}))
    if not scheme.is_open:
        out.checks.append(("closed_now", {}))
    return out


@dataclass(frozen=True)
class PlanLine:
    scheme_id: int
    funder_name: str
    percent: int
    amount_cents: int | None


@dataclass(frozen=True)
class Plan:
    lines: tuple[PlanLine, ...]
    own_percent: int
    own_cents: int | None


def cofinancing_plan(ranked: list[SchemeFacts], need_cents: int | None = None,
                     local: str | None = None) -> Plan | None:
    """When the best scheme caps the public share, complementary schemes of other members
    that together could cover the project: « Essonne jusqu'à 50 %, Région jusqu'à 30 %,
    apport propre 20 % ». One scheme per funder, members of the network only, in the
    order of ``ranked`` (the member ``local`` first); the public share stops at
    MAX_PUBLIC_PERCENT. None when the first
    capped scheme needs no partner or none fits."""
    capped = [s for s in ranked if s.funder_code and s.max_rate_percent and s.max_rate_percent < 100]
    # The holder's own département first: it knows the project and the others ask for it.
    capped.sort(key=lambda s: s.funder_code != local)
    if not capped:
        return None
    lines: list[PlanLine] = []
    funders: set[str] = set()
    public = 0
    for scheme in capped:
        if scheme.funder_code in funders or public >= MAX_PUBLIC_PERCENT:
            continue
        percent = min(scheme.max_rate_percent, MAX_PUBLIC_PERCENT - public)
        amount = None
        if need_cents:
            amount = need_cents * percent // 100
            if scheme.amount_max_cents is not None and amount > scheme.amount_max_cents:
                amount = scheme.amount_max_cents
                percent = max(1, amount * 100 // need_cents)
        lines.append(PlanLine(scheme.id, scheme.funder_name, percent, amount))
        funders.add(scheme.funder_code)
        public += percent
    if len(lines) < 2:
        return None
    own = 100 - public
    own_cents = need_cents - sum(line.amount_cents or 0 for line in lines) if need_cents else None
    return Plan(tuple(lines), own, own_cents)
