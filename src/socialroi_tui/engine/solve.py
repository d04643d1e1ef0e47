"""Goal seek: the one figure of a plan left open, found so that the plan still reaches
its targets.

The figures are those of the budget plan: target sales, budget, conversion rate, CTR, CPM
or CPC. The targets are the sales within the budget (when both are given) and, if asked,
a CPA at most, a ROI or a ROAS at least. The answer is on the plan's own grid — prices
and budgets to the cent, rates to a hundredth of a percentage point, sales whole — and
is the best one: the largest price or number of sales, the smallest rate or budget. So
the plan with the answer meets the targets and the plan one step further does not.

Without target sales the plan is worked forward: its CPA, ROI and ROAS do not depend on
the budget, and its volumes are left out when no budget is given either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from socialroi_tui.engine import formulas as f
from socialroi_tui.engine.budget import BudgetResult, PlanInputs, forward_plan, reverse_plan

Value = Decimal | None
Unknown = Literal["budget", "target_sales", "cpm", "cpc", "ctr", "conversion_rate"]
UNKNOWNS: tuple[Unknown, ...] = ("budget", "target_sales", "cpm", "cpc", "ctr", "conversion_rate")
RATE_STEP = Decimal("0.0001")
"""Rates are solved to a hundredth of a percentage point."""
LARGEST = Decimal(10) ** 15
"""No amount of a campaign goes beyond this (as in the model)."""
SALES_LOOKED_BELOW = 1000
"""How far below the most affordable sales a goal seek looks for ones that meet the
CPA, ROI or ROAS (rounding moves them a little from one sale to the next)."""
NOMINAL_BUDGET = Decimal(1000)
"""A forward plan's ratios are the same for any budget: this one works them out."""


@dataclass(frozen=True)
class Goals:
    """What the plan must reach besides its sales within its budget."""

    target_cpa: Value = None
    target_roi: Value = None
    target_roas: Value = None


@dataclass(frozen=True)
class Solution:
    """The figure found (``value``), or None with ``reason`` when no value reaches the
    targets; ``plan`` is the plan with the value in it (or with the best value tried)."""

    unknown: Unknown
    value: Value
    plan: BudgetResult | None
    reason: str | None = None
    names: tuple[str, ...] = ()
    """The figures the reason names (those missing, or given twice)."""


class SolveError(ValueError):
    """Arguments that do not make a question: ``key`` names the reason (a word of the
    catalog), ``names`` the figures concerned."""

    def __init__(self, key: str, names: tuple[str, ...]):
        self.key, self.names = key, names
        super().__init__(f"{key}: {', '.join(names)}")


def needed(unknown: Unknown, inputs: PlanInputs, goals: Goals) -> None:
    """``SolveError`` unless the other figures and a target are there (and the figure to
    solve for is not given too)."""
    given = {
        "budget": inputs.budget,
        "target_sales": inputs.target_conversions,
        "ctr": inputs.ctr,
        "conversion_rate": inputs.conversion_rate,
        "cpm": inputs.price if inputs.pricing == "cpm" else None,
        "cpc": inputs.price if inputs.pricing == "cpc" else None,
    }
    if given[unknown] is not None:
        raise SolveError("solve_given_twice", (unknown,))
    if unknown in ("cpm", "cpc") and inputs.price is not None:  # the other price
        raise SolveError("solve_other_price", (inputs.pricing, unknown))
    price_name = "cpc" if unknown == "cpc" or inputs.pricing == "cpc" else "cpm"
    missing = [
        name
        for name in ("ctr", "conversion_rate", price_name)
        if name != unknown and given[name] is None
    ]
    if unknown == "budget" and inputs.target_conversions is None:
        missing.append("target_sales")
    if unknown == "target_sales" and inputs.budget is None:
        missing.append("budget")
    if missing:
        raise SolveError("solve_missing", tuple(missing))
    if unknown in ("cpm", "cpc", "ctr", "conversion_rate"):
        reached = inputs.target_conversions is not None and inputs.budget is not None
        if not reached and goals == Goals():
            raise SolveError("solve_no_target", ("target_sales", "budget"))
    money_goals = [
        name for name in ("target_roi", "target_roas") if getattr(goals, name) is not None
    ]
    if money_goals and inputs.average_order_value is None:
        raise SolveError("solve_missing", ("aov",))


def plan_of(inputs: PlanInputs) -> BudgetResult:
    """The plan the solver judges: reverse with target sales, else forward (at a nominal
    budget when there is none, its volumes then left out)."""
    if inputs.target_conversions is not None:
        return reverse_plan(inputs)
    if inputs.budget is not None:
        return forward_plan(inputs)
    ratios = forward_plan(replace(inputs, budget=NOMINAL_BUDGET))
    return replace(
        ratios,
        budget=None,
        impressions=None,
        clicks=None,
        conversions=None,
        revenue=None,
        profit=None,
    )


def meets(plan: BudgetResult, inputs: PlanInputs, goals: Goals) -> bool:
    """Does the plan reach the targets?"""
    within_budget = inputs.target_conversions is None or inputs.budget is None
    if not within_budget and (plan.budget is None or plan.budget > inputs.budget):
        return False
    if goals.target_cpa is not None and (plan.cpa is None or plan.cpa > goals.target_cpa):
        return False
    if goals.target_roi is not None and (plan.roi is None or plan.roi < goals.target_roi):
        return False
    return goals.target_roas is None or (plan.roas is not None and plan.roas >= goals.target_roas)


def solve(unknown: Unknown, inputs: PlanInputs, goals: Goals = Goals()) -> Solution:
    """The best value of ``unknown`` that reaches the targets (see the module)."""
    needed(unknown, inputs, goals)
    if unknown == "budget":
        plan = reverse_plan(inputs)
        if plan.budget is None:
            return Solution(unknown, None, plan, "solve_undefined")
        with_budget = replace(inputs, budget=plan.budget)
        if not meets(plan, with_budget, goals):
            return Solution(unknown, None, plan, "solve_unreachable")
        return Solution(unknown, plan.budget, plan)

    if unknown == "target_sales":

        def with_sales(steps: int) -> PlanInputs:
            return replace(inputs, target_conversions=Decimal(steps))

        def fits(steps: int) -> bool:  # the sales bought within the budget
            plan = reverse_plan(with_sales(steps))
            return plan.budget is not None and plan.budget <= inputs.budget

        most = _last_true(fits, 0, _ceiling_steps(fits))
        # Whole people rounded up make the CPA, ROI and ROAS wobble from one sale to the
        # next: the most sales that also meet them, looked for below the most affordable.
        for best in range(most, max(most - SALES_LOOKED_BELOW, 0), -1):
            plan = reverse_plan(with_sales(best))
            if meets(plan, with_sales(best), goals):
                return Solution(unknown, Decimal(best), plan)
        return Solution(unknown, None, reverse_plan(with_sales(most)), "solve_unreachable")

    if unknown in ("cpm", "cpc"):

        def with_price(steps: int) -> PlanInputs:
            return replace(inputs, pricing=unknown, price=steps * f.CENT)

        def affordable(steps: int) -> bool:
            candidate = with_price(steps)
            return meets(plan_of(candidate), candidate, goals)

        if not affordable(1):
            return Solution(unknown, None, plan_of(with_price(1)), "solve_unreachable")
        best = _last_true(affordable, 1, _ceiling_steps(affordable, int(LARGEST / f.CENT)))
        return Solution(unknown, best * f.CENT, plan_of(with_price(best)))

    field = "ctr" if unknown == "ctr" else "conversion_rate"
    whole = int(1 / RATE_STEP)

    def with_rate(steps: int) -> PlanInputs:
        return replace(inputs, **{field: steps * RATE_STEP})

    def short(steps: int) -> bool:  # the rate is too low to reach the targets
        candidate = with_rate(steps)
        return not meets(plan_of(candidate), candidate, goals)

    if short(whole):
        return Solution(unknown, None, plan_of(with_rate(whole)), "solve_unreachable")
    best = _last_true(short, 1, whole) + 1 if short(1) else 1
    rate = (best * RATE_STEP).normalize()
    return Solution(unknown, rate, plan_of(with_rate(best)))


def _ceiling_steps(holds: Callable[[int], bool], largest: int | None = None) -> int:
    """A number of steps where ``holds`` no longer does (doubling from 1), capped."""
    limit = largest or int(LARGEST)
    steps = 1
    while steps < limit and holds(steps):
        steps *= 2
    return min(steps, limit)


def _last_true(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The largest step in ``[low, high]`` where ``holds`` does, ``holds(low)`` being true
    and ``holds`` true then false as the steps grow."""
    if holds(high):
        return high
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            low = middle
        else:
            high = middle
    return low


SOLVED_FIELDS = {"price": "price", "ctr": "ctr", "conversion_rate": "conversion_rate"}


def solve_plan(inputs: PlanInputs, solve_for: str, goals: Goals, mode: str) -> Solution:
    """A campaign's plan with ``solve_for`` (``price``, ``ctr`` or ``conversion_rate``)
    found instead of given, the plan's mode kept: a forward plan aims at its targets
    within its budget (target sales it may still hold are left aside). A question that
    cannot be asked is a solution without a value, its reason and the figures it names."""
    unknown: Unknown = inputs.pricing if solve_for == "price" else solve_for  # type: ignore[assignment]
    open_inputs = replace(inputs, **{SOLVED_FIELDS[solve_for]: None})
    if mode == "forward":
        open_inputs = replace(open_inputs, target_conversions=None)
    try:
        return solve(unknown, open_inputs, goals)
    except SolveError as error:
        return Solution(unknown, None, None, error.key, error.names)
