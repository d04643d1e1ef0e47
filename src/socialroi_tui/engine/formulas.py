"""The formulas of the domain, one function each. ``None`` means "not defined" (shown "—")."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from socialroi_tui.engine.formula import safe_divide

CENT = Decimal("0.01")
THOUSAND = Decimal(1000)
Value = Decimal | None


def to_cent(amount: Value) -> Value:
    """Money rounded half-up to the cent."""
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def whole_up(value: Value) -> Value:
    """Whole people: rounded up, since half a click does not exist."""
    return None if value is None else value.to_integral_value(rounding=ROUND_CEILING)


def ctr(clicks: Value, impressions: Value) -> Value:
    return safe_divide(clicks, impressions)


def conversion_rate(conversions: Value, clicks: Value) -> Value:
    return safe_divide(conversions, clicks)


def engagement_rate(interactions: Value, base: Value) -> Value:
    return safe_divide(interactions, base)


def bounce_rate(bounces: Value, visitors: Value) -> Value:
    return safe_divide(bounces, visitors)


def cpm(cost: Value, impressions: Value) -> Value:
    per_impression = safe_divide(cost, impressions)
    return None if per_impression is None else per_impression * THOUSAND


def cpc(cost: Value, clicks: Value) -> Value:
    return safe_divide(cost, clicks)


def cpl(cost: Value, leads: Value) -> Value:
    return safe_divide(cost, leads)


def cpa(cost: Value, sales: Value) -> Value:
    return safe_divide(cost, sales)


def roi(revenue: Value, cost: Value) -> Value:
    if revenue is None or cost is None:
        return None
    return safe_divide(revenue - cost, cost)


def roas(revenue: Value, cost: Value) -> Value:
    return safe_divide(revenue, cost)


def community_growth_rate(size_at_start: Value, size_at_end: Value) -> Value:
    if size_at_start is None or size_at_end is None:
        return None
    return safe_divide(size_at_end - size_at_start, size_at_start)


def share_of_voice(brand_mentions: Value, category_mentions: Value) -> Value:
    return safe_divide(brand_mentions, category_mentions)


def net_sentiment(positive: Value, negative: Value) -> Value:
    if positive is None or negative is None:
        return None
    return safe_divide(positive - negative, positive + negative)


def break_even_cpa(average_order_value: Value, gross_margin: Value) -> Value:
    if average_order_value is None or gross_margin is None:
        return None
    return average_order_value * gross_margin
