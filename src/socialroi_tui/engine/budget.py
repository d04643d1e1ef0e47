"""Budget planning: reverse (target conversions → budget) and forward (budget → sales)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from socialroi_tui.engine import formulas as f
from socialroi_tui.text.formula import safe_divide

Value = Decimal | None
PRICE_STEP = Decimal("0.000001")
"""The finest price a campaign holds (6 decimals)."""
Pricing = Literal["cpm", "cpc", "flat"]
Verdict = Literal["above", "equal", "below"]


@dataclass(frozen=True)
class PlanInputs:
    """What a plan needs; any of them may be missing (``None``)."""

    target_conversions: Value = None
    budget: Value = None
    conversion_rate: Value = None
    ctr: Value = None
    pricing: Pricing = "cpm"
    price: Value = None
    average_order_value: Value = None
    gross_margin: Value = None


@dataclass(frozen=True)
class BudgetResult:
    """One plan's figures. Reverse plans are whole people and cents; forward ones are
    expected values, unrounded (display rounds)."""

    mode: Literal["reverse", "forward"]
    budget: Value
    impressions: Value
    clicks: Value
    conversions: Value
    cpa: Value
    revenue: Value = None
    profit: Value = None
    roi: Value = None
    """On gross profit when the margin is known (``on_gross_profit``), else on revenue."""
    roi_on_revenue: Value = None
    roas: Value = None
    break_even_cpa: Value = None
    on_gross_profit: bool = False

    @property
    def verdict(self) -> Verdict | None:
        """Is the plan's CPA above, at or below the break-even CPA?"""
        if self.cpa is None or self.break_even_cpa is None:
            return None
        if self.cpa > self.break_even_cpa:
            return "above"
        return "equal" if self.cpa == self.break_even_cpa else "below"


def _money_results(inputs: PlanInputs, budget: Value, conversions: Value) -> dict[str, Any]:
    revenue = None
    if conversions is not None and inputs.average_order_value is not None:
        revenue = conversions * inputs.average_order_value
    return {
        "revenue": revenue,
        "profit": f.gross_profit(revenue, inputs.gross_margin, budget),
        "roi": f.headline_roi(revenue, inputs.gross_margin, budget),
        "roi_on_revenue": f.roi(revenue, budget),
        "roas": f.roas(revenue, budget),
        "break_even_cpa": f.break_even_cpa(inputs.average_order_value, inputs.gross_margin),
        "on_gross_profit": inputs.gross_margin is not None,
    }


def reverse_plan(inputs: PlanInputs) -> BudgetResult:
    """From a target number of conversions back to clicks, impressions and budget.

    clicks = ⌈target ÷ conversion rate⌉, impressions = ⌈clicks ÷ CTR⌉,
    budget = impressions × CPM ÷ 1000 (or clicks × CPC) to the cent, CPA = budget ÷ target.
    """
    target = inputs.target_conversions
    clicks = f.whole_up(safe_divide(target, inputs.conversion_rate))
    impressions = f.whole_up(safe_divide(clicks, inputs.ctr))
    budget = None
    if inputs.price is not None:
        if inputs.pricing == "cpm" and impressions is not None:
            budget = f.to_cent(impressions * inputs.price / f.THOUSAND)
        elif inputs.pricing == "cpc" and clicks is not None:
            budget = f.to_cent(clicks * inputs.price)
        elif inputs.pricing == "flat":
            budget = f.to_cent(inputs.price)
    return BudgetResult(
        mode="reverse",
        budget=budget,
        impressions=impressions,
        clicks=clicks,
        conversions=target,
        cpa=f.to_cent(f.cpa(budget, target)),
        **_money_results(inputs, budget, target),
    )


def forward_plan(inputs: PlanInputs) -> BudgetResult:
    """From a budget down to impressions, clicks, conversions and revenue (expected values)."""
    budget = inputs.budget
    impressions = clicks = None
    if inputs.pricing == "cpm":
        impressions = safe_divide(budget, inputs.price)
        impressions = None if impressions is None else impressions * f.THOUSAND
        clicks = None if impressions is None or inputs.ctr is None else impressions * inputs.ctr
    elif inputs.pricing == "cpc":
        clicks = safe_divide(budget, inputs.price)
        impressions = safe_divide(clicks, inputs.ctr)
    conversions = None
    if clicks is not None and inputs.conversion_rate is not None:
        conversions = clicks * inputs.conversion_rate
    return BudgetResult(
        mode="forward",
        budget=budget,
        impressions=impressions,
        clicks=clicks,
        conversions=conversions,
        cpa=f.cpa(budget, conversions),
        **_money_results(inputs, budget, conversions),
    )


def same_cost_price(price: Value, ctr: Value, pricing: Pricing) -> Value:
    """``price``, bought the other way (CPM ↔ CPC) for the same cost at this CTR:
    CPC = CPM ÷ (1000 × CTR), CPM = CPC × 1000 × CTR (exact, or to 6 decimals). None when
    the price or the CTR is missing or the CTR is nil; ``pricing`` is the price's own."""
    if price is None or ctr is None or pricing == "flat":
        return None
    if pricing == "cpm":
        converted = safe_divide(price, f.THOUSAND * ctr)
    else:
        converted = price * f.THOUSAND * ctr
    if converted is None:
        return None
    return converted.quantize(PRICE_STEP, rounding=ROUND_HALF_UP).normalize()


def sales_within(result: BudgetResult) -> Value:
    """The whole sales a forward plan's budget brings, as the plan shows them (its
    expected sales to the nearest whole): the target that budget stands for."""
    if result.conversions is None:
        return None
    return result.conversions.to_integral_value(rounding=ROUND_HALF_UP)
