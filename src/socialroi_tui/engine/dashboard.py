"""Plan versus actual, per network and per publication: the dashboard's rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from socialroi_tui.engine.actuals import Totals, figure_with_margin
from socialroi_tui.engine.budget import BudgetResult
from socialroi_tui.engine.evaluate import CampaignResults

Value = Decimal | None
COLUMNS = (
    "spend",
    "impressions",
    "reach",
    "clicks",
    "ctr",
    "leads",
    "bounce_rate",
    "conversions",
    "conversion_rate",
    "revenue",
    "profit",
    "cpa",
    "cpl",
    "roi",
    "roi_on_revenue",
    "roas",
)
PLANNED = ("spend", "conversions", "cpa")
ON_GROSS_PROFIT = ("profit", "roi")
"""The columns that need the campaign's gross margin."""


def dashboard_columns(results: CampaignResults) -> tuple[str, ...]:
    """The columns shown: the profit and the ROI on gross profit when the campaign gives
    its gross margin (the ROI on revenue always)."""
    if results.gross_margin is not None:
        return COLUMNS
    return tuple(c for c in COLUMNS if c not in ON_GROSS_PROFIT)


@dataclass(frozen=True)
class DashboardRow:
    level: Literal["channel", "publication", "total"]
    channel: str
    label: str
    actual: Totals
    plan: dict[str, Value]
    variance: dict[str, Value]
    gross_margin: Value = None

    def figure(self, name: str) -> Value:
        return figure_with_margin(self.actual, name, self.gross_margin)


def _difference(actual: Value, planned: Value) -> Value:
    return None if actual is None or planned is None else actual - planned


def _plan_of(result: BudgetResult | None) -> dict[str, Value]:
    if result is None:
        return dict.fromkeys(PLANNED)
    return {"spend": result.budget, "conversions": result.conversions, "cpa": result.cpa}


def dashboard_rows(results: CampaignResults) -> list[DashboardRow]:
    """Each channel, then its publications, then the total; plan and variance where a plan
    exists (the channel's share of the budget)."""
    plans = {plan.id: plan.result for plan in results.channels}
    margin = results.gross_margin
    rows = []
    for channel_id, totals in results.actual_by_channel.items():
        plan = _plan_of(plans.get(channel_id))
        variance = {k: _difference(totals.figure(k), plan[k]) for k in PLANNED}
        rows.append(
            DashboardRow("channel", channel_id, totals.label, totals, plan, variance, margin)
        )
        for publication in results.actual_by_publication.get(channel_id, ()):
            empty = dict.fromkeys(PLANNED)
            rows.append(
                DashboardRow(
                    "publication", channel_id, publication.label, publication, empty, empty, margin
                )
            )
    plan = _plan_of(results.budget)
    total = results.actual_total
    variance = {k: _difference(total.figure(k), plan[k]) for k in PLANNED}
    rows.append(DashboardRow("total", "", "total", total, plan, variance, margin))
    return rows


def sort_rows(
    rows: list[DashboardRow], column: str, descending: bool = False
) -> list[DashboardRow]:
    """Channels sorted by ``column``, each keeping its publications (sorted too) under it;
    rows without a figure go last. The total stays at the bottom."""

    def key(row: DashboardRow):
        value = row.figure(column)
        return (value is None, -value if descending and value is not None else value or 0)

    channels = [r for r in rows if r.level == "channel"]
    children: dict[str, list[DashboardRow]] = {}
    for row in rows:  # one pass: each channel's publications, in their order
        if row.level == "publication":
            children.setdefault(row.channel, []).append(row)
    ordered = []
    for channel in sorted(channels, key=key):
        ordered.append(channel)
        ordered += sorted(children.pop(channel.channel, ()), key=key)
    return ordered + [r for r in rows if r.level == "total"]
