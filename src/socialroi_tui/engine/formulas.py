"""The plan's own formulas, one function each. ``None`` means "not defined" (shown "—").

The indicators' formulas (CTR, CPM, share of voice…) are written in the catalog and
read by ``text.formula.Formula``."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

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


def split_to_the_cent(amount: Value, shares: list[Value]) -> list[Value]:
    """``amount`` split by ``shares`` (None for a share not given), each part to the cent
    and the parts adding up, to the cent, to the amount times the shares' sum: each part
    is rounded down, then the cents left over go one by one to the parts with the largest
    remainders (the first listed on a tie)."""
    if amount is None:
        return [None] * len(shares)
    given = [share for share in shares if share is not None]
    whole = to_cent(amount * sum(given, Decimal(0)))
    exact = [None if share is None else amount * share / CENT for share in shares]
    parts = [
        None if cents is None else cents.to_integral_value(rounding=ROUND_FLOOR) for cents in exact
    ]
    left = int(whole / CENT - sum((p for p in parts if p is not None), Decimal(0)))
    order = sorted(
        (i for i, cents in enumerate(exact) if cents is not None),
        key=lambda i: (-(exact[i] - parts[i]), i),
    )
    for i in order[: max(left, 0)]:
        parts[i] += 1
    return [None if cents is None else (cents * CENT).quantize(CENT) for cents in parts]
