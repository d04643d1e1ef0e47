"""The plan's own formulas, one function each. ``None`` means "not defined" (shown "—").

The indicators' formulas (CTR, CPM, share of voice…) are written in the catalog and
read by ``text.formula.Formula``."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from socialroi_tui.text.formula import safe_divide

CENT = Decimal("0.01")
THOUSAND = Decimal(1000)
Value = Decimal | None


def to_cent(amount: Value) -> Value:
    """Money rounded half-up to the cent."""
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def whole_up(value: Value) -> Value:
    """Whole people: rounded up, since half a click does not exist."""
    return None if value is None else value.to_integral_value(rounding=ROUND_CEILING)


def cpa(cost: Value, sales: Value) -> Value:
    return safe_divide(cost, sales)


def roi(revenue: Value, cost: Value) -> Value:
    if revenue is None or cost is None:
        return None
    return safe_divide(revenue - cost, cost)


def gross_profit(revenue: Value, gross_margin: Value, cost: Value) -> Value:
    """What the sales earn once their costs and the media are paid: revenue × margin − cost."""
    if revenue is None or gross_margin is None or cost is None:
        return None
    return revenue * gross_margin - cost


def headline_roi(revenue: Value, gross_margin: Value, cost: Value) -> Value:
    """The ROI a plan is judged by: on gross profit ((revenue × margin − cost) ÷ cost) when
    the margin is known, else on revenue ((revenue − cost) ÷ cost)."""
    if gross_margin is None:
        return roi(revenue, cost)
    return safe_divide(gross_profit(revenue, gross_margin, cost), cost)


def roas(revenue: Value, cost: Value) -> Value:
    return safe_divide(revenue, cost)


def break_even_cpa(average_order_value: Value, gross_margin: Value) -> Value:
    if average_order_value is None or gross_margin is None:
        return None
    return average_order_value * gross_margin
