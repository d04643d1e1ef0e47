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
    and the parts adding up, to the cent, to the amount times the shares' sum (see
    ``rounded_adding_up``)."""
    if amount is None:
        return [None] * len(shares)
    return rounded_adding_up([None if share is None else amount * share for share in shares])


def rounded_adding_up(values: list[Value], quantum: Decimal = CENT) -> list[Value]:
    """``values`` (None for one not known) rounded to ``quantum`` so that they add up to
    their sum rounded half-up: each is rounded down, then the quanta left over go one by
    one to the values with the largest remainders (the first listed on a tie)."""
    exact = [None if value is None else value / quantum for value in values]
    parts = [
        None if units is None else units.to_integral_value(rounding=ROUND_FLOOR) for units in exact
    ]
    given = [units for units in exact if units is not None]
    whole = sum(given, Decimal(0)).to_integral_value(rounding=ROUND_HALF_UP)
    left = int(whole - sum((p for p in parts if p is not None), Decimal(0)))
    order = sorted(
        (i for i, units in enumerate(exact) if units is not None),
        key=lambda i: (-(exact[i] - parts[i]), i),
    )
    for i in order[: max(left, 0)]:
        parts[i] += 1
    return [None if units is None else (units * quantum).quantize(quantum) for units in parts]
