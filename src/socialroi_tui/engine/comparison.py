"""Scenarios side by side: each one's assumptions and results, against the first.

Apart from ``scenarios`` (which resolves a scenario to its campaign) because it works the
plans out: the app opens without the planning engine and loads it when figures are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from socialroi_tui.engine.budget import BudgetResult
from socialroi_tui.engine.evaluate import channel_plans, combined_plan, planned
from socialroi_tui.engine.scenarios import CHANNEL_FIGURES
from socialroi_tui.model import Campaign
from socialroi_tui.model.campaign import FOLLOWING_THE_PLAN

PLAN_ASSUMPTIONS = (
    "mode",
    "target_conversions",
    "budget",
    "conversion_rate",
    "ctr",
    "pricing",
    "price",
    "average_order_value",
    "gross_margin",
    "target_cpa",
    "target_roi",
    "target_roas",
)
"""The plan's assumptions in the order a comparison lists them."""
COMPARED_RESULTS = {
    "budget": "lower",
    "impressions": None,
    "clicks": None,
    "conversions": "higher",
    "cpa": "lower",
    "revenue": "higher",
    "profit": "higher",
    "roi": "higher",
    "roi_on_revenue": "higher",
    "roas": "higher",
}
"""The plan's results a comparison lists, and which way each is better (None: neither)."""
COMBINED_RESULTS = ("budget", "conversions", "cpa", "roi")
"""The networks' plans added up, listed when they differ from the plan's."""
COUNTS = {"impressions", "clicks", "conversions", "target_conversions"}
WHOLE, THOUSANDTH = Decimal(1), Decimal("0.001")
NETWORKS_ADDED_UP = "Σ"
"""The key prefix of those figures (``Σ.cpa``): no channel id holds a Σ."""


@dataclass(frozen=True)
class ComparedFigure:
    """One row of a comparison: a figure in every scenario."""

    key: str
    """The figure (``ctr``, ``cpa``…), a network's as ``channel-id.figure``."""
    kind: Literal["assumption", "result"]
    values: tuple[Any, ...]
    changes: tuple[Decimal | None, ...]
    """Each value's relative change from the first column's (None where undefined)."""
    best: frozenset[int]
    """The columns holding the best value, when the scenarios differ on it."""


@dataclass(frozen=True)
class Comparison:
    figures: tuple[ComparedFigure, ...]
    results: tuple[BudgetResult, ...]


def compare(campaigns: Sequence[Campaign]) -> Comparison:
    """The plans of ``campaigns`` (each already a scenario's) side by side: their
    assumptions — a figure solved for filled in — and their results, compared to the first.
    Networks' own assumptions (of the networks any of them has) are listed where they
    differ."""
    plans = [planned(campaign) for campaign in campaigns]
    filled = [campaign for _, _, campaign in plans]
    results = tuple(result for result, _, _ in plans)
    combined = [
        combined_plan(channel_plans(campaign, result), campaign.budget.gross_margin)
        for campaign, result in zip(filled, results, strict=True)
    ]
    figures = [
        _compared(name, "assumption", [getattr(c.budget, name) for c in filled], None)
        for name in PLAN_ASSUMPTIONS
        if any(getattr(c.budget, name) is not None for c in filled)
    ]
    channel_ids = list(dict.fromkeys(c.id for campaign in filled for c in campaign.channels))
    for channel_id in channel_ids:
        for name in CHANNEL_FIGURES:
            own = [_channel_figure(c, channel_id, name, own=True) for c in filled]
            if any(value != own[0] for value in own):  # shown as each network plans
                values = [_channel_figure(c, channel_id, name) for c in filled]
                figures.append(_compared(f"{channel_id}.{name}", "assumption", values, None))
    figures.extend(
        _compared(name, "result", [getattr(r, name) for r in results], better)
        for name, better in COMPARED_RESULTS.items()
    )
    # Networks planning with figures of their own add up to other figures than the plan's.
    if any(
        c is not None and _as_shown(c) != _as_shown(r)
        for c, r in zip(combined, results, strict=True)
    ):
        for name in COMBINED_RESULTS:
            values = [getattr(c, name) if c is not None else None for c in combined]
            figures.append(
                _compared(f"{NETWORKS_ADDED_UP}.{name}", "result", values, COMPARED_RESULTS[name])
            )
    return Comparison(tuple(figures), results)


def _channel_figure(campaign: Campaign, channel_id: str, name: str, own: bool = False) -> Any:
    """A network's figure as it plans with it: its own, else the plan's (``own``: its own
    only)."""
    channel = next((c for c in campaign.channels if c.id == channel_id), None)
    if channel is None:
        return None
    value = getattr(channel, name)
    if value is None and name in FOLLOWING_THE_PLAN and not own:
        return getattr(campaign.budget, name)
    return value


def _compared(
    key: str, kind: Literal["assumption", "result"], values: list, better
) -> ComparedFigure:
    base = values[0] if values else None
    changes = tuple(
        (value - base) / base
        if isinstance(value, Decimal) and isinstance(base, Decimal) and base != 0
        else None
        for value in values
    )
    best: frozenset[int] = frozenset()
    # Compared as shown: whole people, a thousandth otherwise (1 000.0005 sales, bought by a
    # budget split to the cent, are the 1 000 of another plan).
    step = WHOLE if key.rpartition(".")[2] in COUNTS else THOUSANDTH
    shown = [v.quantize(step) if isinstance(v, Decimal) else None for v in values]
    numbers = [v for v in shown if v is not None]
    if better is not None and len(numbers) > 1 and len(set(numbers)) > 1:
        top = max(numbers) if better == "higher" else min(numbers)
        best = frozenset(i for i, value in enumerate(shown) if value == top)
    return ComparedFigure(key, kind, tuple(values), changes, best)


def _as_shown(result: BudgetResult) -> tuple:
    """A plan's budget to the cent and its sales whole, as the screens show them."""
    budget, sales = result.budget, result.conversions
    return (
        None if budget is None else budget.quantize(Decimal("0.01")),
        None if sales is None else sales.quantize(WHOLE),
    )
