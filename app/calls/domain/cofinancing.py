"""The budget of one application and the money it asks of the call's members.

Amounts are integer cents, always: a float here is a programming error (TypeError), not
a user's mistake (forms parse euros with :func:`app.core.money.parse_amount`).

Percentages are compared in integer arithmetic, never by dividing: the public money is
within the maximum rate when ``public * 100 <= max_rate * total_cost``, and the own
contribution is enough when ``own * 100 >= min_share * total_cost``. So an application
exactly at the limit passes and one cent over fails, with no rounding either way. The
``actual`` percentage put in a message is rounded *away* from the limit (up for the
public rate, down for the own share) so that it never shows a failing figure equal to
the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.money import MAX_AMOUNT_CENTS
from app.core.rules import Violation

CODES = (
    "expenses_required", "line_label_required", "line_amount_not_positive", "amount_too_large",
    "own_contribution_negative", "budget_unbalanced", "request_required",
    "member_not_participating", "request_not_positive", "ceiling_exceeded", "rate_exceeded",
    "own_share_too_low",
)


def cents(value: int) -> int:
    """``value`` if it is an amount in cents; TypeError for a float, a Decimal, a string."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"amounts are integer cents, not {type(value).__name__}: {value!r}")
    return value


@dataclass(frozen=True)
class BudgetLine:
    """An expense line (or a resource line: another funder)."""

    label: str
    amount: int  # cents
    public: bool = False  # for resource lines: a public funder (State, EU, another collectivité)


@dataclass(frozen=True)
class MemberTerms:
    """A member taking part in the call (its envelope accepted) as the rules see it."""

    name: str
    ceiling: int | None = None  # per-application ceiling in cents; None: no ceiling


@dataclass(frozen=True)
class Budget:
    expenses: tuple[BudgetLine, ...] = ()
    own_contribution: int = 0
    other_funders: tuple[BudgetLine, ...] = ()
    requests: Mapping[int, int] = field(default_factory=dict)  # member id -> cents asked

    @property
    def total_cost(self) -> int:
        return sum(cents(line.amount) for line in self.expenses)

    @property
    def asked(self) -> int:
        return sum(cents(amount) for amount in self.requests.values())

    @property
    def resources(self) -> int:
        return (cents(self.own_contribution) + sum(cents(f.amount) for f in self.other_funders)
                + self.asked)

    @property
    def public_money(self) -> int:
        """What the members are asked plus the other funders flagged public."""
        return self.asked + sum(cents(f.amount) for f in self.other_funders if f.public)


def _amount(value: int, field_name: str, params: dict) -> list[Violation]:
    if cents(value) <= 0:
        return [Violation("line_amount_not_positive", field_name, {**params, "amount": value})]
    if value > MAX_AMOUNT_CENTS:
        return [Violation("amount_too_large", field_name, {**params, "amount": value,
                                                           "limit": MAX_AMOUNT_CENTS})]
    return []


def check_lines(lines: tuple[BudgetLine, ...], field_name: str) -> list[Violation]:
    """Each line has a label and an amount above zero (``line`` counts from 1)."""
    out = []
    for number, line in enumerate(lines, start=1):
        if not (line.label or "").strip():
            out.append(Violation("line_label_required", field_name, {"line": number}))
        out += _amount(line.amount, field_name, {"line": number})
    return out


def check_budget(budget: Budget) -> list[Violation]:
    """Lines well formed, and resources (own contribution + other funders + what the
    members are asked) equal to the expenses, to the cent."""
    out = []
    if not budget.expenses:
        out.append(Violation("expenses_required", "expenses"))
    out += check_lines(budget.expenses, "expenses")
    out += check_lines(budget.other_funders, "resources")
    own = cents(budget.own_contribution)
    if own < 0:
        out.append(Violation("own_contribution_negative", "own_contribution", {"amount": own}))
    elif own > MAX_AMOUNT_CENTS:
        out.append(Violation("amount_too_large", "own_contribution",
                             {"amount": own, "limit": MAX_AMOUNT_CENTS}))
    expenses, resources = budget.total_cost, budget.resources
    if expenses != resources:
        out.append(Violation("budget_unbalanced", "budget", {
            "expenses": expenses, "resources": resources, "difference": resources - expenses}))
    return out


def check_requests(budget: Budget, members: Mapping[int, MemberTerms], *,
                   min_own_share: int | None = None,
                   max_public_rate: int | None = None) -> list[Violation]:
    """Money asked only of the call's participating members, each request above zero and
    within that member's ceiling; the public money within ``max_public_rate`` % of the
    total cost; the own contribution at least ``min_own_share`` % of it."""
    out = []
    if not budget.requests:
        out.append(Violation("request_required", "requests"))
    for member_id, amount in budget.requests.items():
        terms = members.get(member_id)
        if terms is None:  # not in the call, not accepted yet, or a forged id
            out.append(Violation("member_not_participating", "requests", {"member_id": member_id}))
            continue
        params = {"member_id": member_id, "member": terms.name, "asked": amount}
        if cents(amount) <= 0:
            out.append(Violation("request_not_positive", "requests", params))
        elif terms.ceiling is not None and amount > terms.ceiling:
            out.append(Violation("ceiling_exceeded", "requests", {**params, "ceiling": terms.ceiling}))
        elif amount > MAX_AMOUNT_CENTS:
            out.append(Violation("amount_too_large", "requests", {**params, "amount": amount,
                                                                  "limit": MAX_AMOUNT_CENTS}))
    total = budget.total_cost
    if total <= 0:  # no cost to take a share of: check_budget already says why
        return out
    public = budget.public_money
    if max_public_rate is not None and public * 100 > max_public_rate * total:
        out.append(Violation("rate_exceeded", "requests", {
            "max": max_public_rate, "actual": -(-public * 100 // total),
            "public": public, "total": total}))
    own = cents(budget.own_contribution)
    if min_own_share and own * 100 < min_own_share * total:
        out.append(Violation("own_share_too_low", "own_contribution", {
            "min": min_own_share, "actual": max(own, 0) * 100 // total,
            "minimum": -(-min_own_share * total // 100), "amount": own}))
    return out
