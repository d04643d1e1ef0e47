"""Ranges: assumptions known only between a low and a high value, and the interval of
every result they give.

The plan is monotonic in each assumption, so each result's lowest and highest values are
found among the corners (every ranged assumption at its low or at its high): the
intervals are exact. Percentiles (P10, P50, P90) come from a simulation seeded by the
caller — each assumption drawn on a triangle from its low through its planned value to
its high — and are the same, to the last digit, for the same seed.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from socialroi_tui.engine.budget import BudgetResult, PlanInputs
from socialroi_tui.engine.evaluate import run_plan
from socialroi_tui.engine.sensitivity import UNUSED

Value = Decimal | None
RANGE_FIGURES = (
    "budget",
    "impressions",
    "clicks",
    "conversions",
    "cpa",
    "revenue",
    "profit",
    "roi",
    "roas",
)
"""The results whose interval a plan with ranges gives."""
DRAWN_PLACES = {
    "conversion_rate": Decimal("0.000001"),
    "ctr": Decimal("0.000001"),
    "gross_margin": Decimal("0.000001"),
    "price": Decimal("0.000001"),
    "average_order_value": Decimal("0.01"),
    "budget": Decimal("0.01"),
    "target_conversions": Decimal(1),
}
"""How finely a simulated assumption is drawn (as a campaign file could hold it)."""
DEFAULT_DRAWS = 2000
PERCENTILES = (Decimal("0.1"), Decimal("0.5"), Decimal("0.9"))


@dataclass(frozen=True)
class Interval:
    figure: str
    planned: Value
    low: Value
    high: Value
    percentiles: tuple[Value, Value, Value] | None = None
    """P10, P50 and P90, when simulated."""


@dataclass(frozen=True)
class Ranges:
    ranged: tuple[str, ...]
    """The assumptions given a range (and used by the plan), in the plan's order."""
    intervals: tuple[Interval, ...]
    draws: int = 0
    seed: int | None = None


def plan_ranges(
    inputs: PlanInputs,
    mode: str,
    bounds: dict[str, tuple[Decimal, Decimal]],
    draws: int = 0,
    seed: int = 0,
) -> Ranges | None:
    """Each result's interval from the corners of the ranged assumptions (None when the
    plan uses none of them); with ``draws``, also its percentiles from that many plans
    drawn with ``seed``."""
    ranged = tuple(
        name
        for name in bounds
        if getattr(inputs, name, None) is not None and (name, mode) not in UNUSED
    )
    if not ranged:
        return None
    base = run_plan(inputs, mode)
    corners = [
        run_plan(replace(inputs, **dict(zip(ranged, corner, strict=True))), mode)
        for corner in itertools.product(*(bounds[name] for name in ranged))
    ]
    drawn = _simulated(inputs, mode, ranged, bounds, draws, seed) if draws else []
    intervals = []
    for figure in RANGE_FIGURES:
        values = [getattr(plan, figure) for plan in (base, *corners)]
        percentiles = None
        if drawn:
            percentiles = _percentiles([getattr(plan, figure) for plan in drawn])
        # A corner without the figure (a rate of 0 %: no sale, no end to the budget)
        # leaves that end of the interval open ("—"), never the planned value instead.
        known = [v for v in values if v is not None]
        low = high = None
        if known and len(known) == len(values):
            low, high = min(known), max(known)
        intervals.append(Interval(figure, getattr(base, figure), low, high, percentiles))
    return Ranges(ranged, tuple(intervals), draws, seed if draws else None)


def _simulated(
    inputs: PlanInputs,
    mode: str,
    ranged: tuple[str, ...],
    bounds: dict[str, tuple[Decimal, Decimal]],
    draws: int,
    seed: int,
) -> list[BudgetResult]:
    """``draws`` plans, each ranged assumption drawn on its triangle (low, planned, high)."""
    generator = random.Random(seed)
    plans = []
    for _ in range(draws):
        drawn = {}
        for name in ranged:
            low, high = bounds[name]
            likeliest = min(max(getattr(inputs, name), low), high)
            value = generator.triangular(float(low), float(high), float(likeliest))
            drawn[name] = Decimal(repr(value)).quantize(DRAWN_PLACES[name])
        plans.append(run_plan(replace(inputs, **drawn), mode))
    return plans


def _percentiles(values: list[Value]) -> tuple[Value, Value, Value] | None:
    """P10, P50 and P90 by the nearest rank (None when a plan has no such figure)."""
    if not values or any(value is None for value in values):
        return None
    ordered = sorted(values)  # type: ignore[type-var]
    last = len(ordered) - 1
    picked = [ordered[int((share * last).to_integral_value())] for share in PERCENTILES]
    return picked[0], picked[1], picked[2]


def campaign_bounds(plan) -> dict[str, tuple[Decimal, Decimal]]:
    """A budget plan's ranges as (low, high) pairs."""
    return {name: (bounds.low, bounds.high) for name, bounds in plan.ranges.items()}
