"""Sensitivity: how far each assumption of the plan moves its budget (or sales), its CPA
and its ROI when it is a step lower or higher (10 % by default), the assumptions sorted
by the largest move they cause — what a tornado chart draws."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import get_args

from socialroi_tui.engine.budget import BudgetResult, PlanInputs
from socialroi_tui.engine.evaluate import run_plan
from socialroi_tui.model.campaign import RATE_ASSUMPTIONS, RangedAssumption

Value = Decimal | None
DEFAULT_STEP = Decimal("0.1")
RATES = RATE_ASSUMPTIONS
ASSUMPTIONS: tuple[str, ...] = get_args(RangedAssumption)
"""The plan's assumptions (each may also hold a range)."""
UNUSED = {("budget", "reverse"), ("target_conversions", "forward")}
"""An assumption a plan of that mode does not use."""
FIGURES = {"reverse": ("budget", "cpa", "roi"), "forward": ("conversions", "cpa", "roi")}
"""The figures followed in each mode: the plan's answer, its CPA and its ROI."""


@dataclass(frozen=True)
class Swing:
    """One assumption a step lower and a step higher, and the figures it then gives."""

    assumption: str
    low: Decimal
    high: Decimal
    figures: dict[str, tuple[Value, Value]]
    """Each figure followed, at the low and at the high value of the assumption."""
    effect: Decimal
    """The largest move of a figure, as a fraction of its value in the plan."""


@dataclass(frozen=True)
class Sensitivity:
    base: BudgetResult
    figures: tuple[str, ...]
    swings: tuple[Swing, ...]
    step: Decimal
    pricing: str
    """How media is bought (the price is a CPM or a CPC)."""


def sensitivity(
    inputs: PlanInputs,
    mode: str,
    step: Decimal = DEFAULT_STEP,
    bounds: dict[str, tuple[Decimal, Decimal]] | None = None,
) -> Sensitivity:
    """Every assumption given, moved by ± ``step`` (rates kept within 100 %) or to its own
    low and high (``bounds``), the largest effect first; an assumption the plan does not
    use (the budget of a reverse plan) is left out."""
    bounds = bounds or {}
    base = run_plan(inputs, mode)
    followed = FIGURES[mode]
    swings = []
    for name in ASSUMPTIONS:
        value = getattr(inputs, name)
        if value is None or (name, mode) in UNUSED:
            continue
        low, high = bounds.get(name) or (value * (1 - step), value * (1 + step))
        if name in RATES:
            high = min(high, Decimal(1))
        at_low = run_plan(replace(inputs, **{name: low}), mode)
        at_high = run_plan(replace(inputs, **{name: high}), mode)
        figures = {f: (getattr(at_low, f), getattr(at_high, f)) for f in followed}
        swings.append(Swing(name, low, high, figures, _effect(base, figures)))
    swings.sort(key=lambda swing: (-swing.effect, ASSUMPTIONS.index(swing.assumption)))
    return Sensitivity(base, followed, tuple(swings), step, inputs.pricing)


def _effect(base: BudgetResult, figures: dict[str, tuple[Value, Value]]) -> Decimal:
    moves = [Decimal(0)]
    for name, (low, high) in figures.items():
        planned = getattr(base, name)
        if planned is None or planned == 0 or low is None or high is None:
            continue
        moves.append(max(abs(low - planned), abs(high - planned)) / abs(planned))
    return max(moves)
