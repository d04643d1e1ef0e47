"""Plan versus actual, per network and per publication: the dashboard's rows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from socialroi_tui.engine.actuals import Totals, figure_with_margin, with_sales_from
from socialroi_tui.engine.budget import BudgetResult
from socialroi_tui.engine.evaluate import CampaignResults
from socialroi_tui.model import OFF_SOCIAL
from socialroi_tui.text.formula import safe_divide

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
ANALYTICS_COLUMNS = (
    "sessions",
    "traffic_share",
    "conversions_platform",
    "conversions_analytics",
    "conversions_gap",
    "revenue_platform",
    "revenue_analytics",
    "revenue_gap",
)
"""The platforms' sales and revenue beside what the site's analytics saw, with the gap."""
ON_SALES = ("conversions", "revenue", "cpa", "profit", "roi", "roi_on_revenue", "roas")
"""The sales and revenue of the chosen source, and the figures worked out from them."""
PLANNED = ("spend", "conversions", "cpa", "roi")
ON_GROSS_PROFIT = ("profit", "roi")
"""The columns that need the campaign's gross margin."""


def dashboard_columns(results: CampaignResults) -> tuple[str, ...]:
    """The columns there are: the profit and the ROI on gross profit when the campaign
    gives its gross margin (the ROI on revenue always), the analytics' figures when the
    campaign has some (after the platform's conversions and revenue)."""
    columns = COLUMNS
    if results.gross_margin is None:
        columns = tuple(c for c in columns if c not in ON_GROSS_PROFIT)
    if results.analytics_by_channel:
        at = columns.index("revenue") + 1
        columns = columns[:at] + ANALYTICS_COLUMNS + columns[at:]
    return columns


@dataclass(frozen=True)
class DashboardRow:
    """A network, one of its publications, the site's other traffic or the total.
    ``actual`` holds the ad platforms' figures, ``analytics`` the site's, ``sales`` the
    platform's with the chosen source's conversions and revenue."""

    level: Literal["channel", "publication", "site", "total"]
    channel: str
    label: str
    actual: Totals
    plan: dict[str, Value]
    variance: dict[str, Value]
    gross_margin: Value = None
    analytics: Totals | None = None
    sales: Totals | None = None
    site_sessions: Value = None
    sums: dict[str, Value] | None = None
    """The total's gaps: the networks' own, added up (a network seen by one source
    only has no gap, and adds none)."""

    def figure(self, name: str) -> Value:
        if self.sums is not None and name in self.sums:
            return self.sums[name]
        if name in ANALYTICS_COLUMNS:
            return self._analytics_figure(name)
        totals = self.sales if name in ON_SALES and self.sales is not None else self.actual
        return figure_with_margin(totals, name, self.gross_margin)

    def _analytics_figure(self, name: str) -> Value:
        seen = self.analytics.measures if self.analytics is not None else {}
        if name == "sessions":
            return seen.get("clicks")
        if name == "traffic_share":
            return safe_divide(seen.get("clicks"), self.site_sessions)
        measure, _, side = name.partition("_")
        platform, value = self.actual.measures[measure], seen.get(measure)
        if side == "platform":
            return platform
        return _difference(value, platform) if side == "gap" else value


def _difference(actual: Value, planned: Value) -> Value:
    return None if actual is None or planned is None else actual - planned


def _plan_of(result: BudgetResult | None) -> dict[str, Value]:
    if result is None:
        return dict.fromkeys(PLANNED)
    return {
        "spend": result.budget,
        "conversions": result.conversions,
        "cpa": result.cpa,
        "roi": result.roi,
    }


def dashboard_rows(results: CampaignResults) -> list[DashboardRow]:
    """Each channel, then its publications, then the site's other traffic (when the
    analytics saw some), then the total; plan and variance where a plan exists (the
    channel's share of the budget). The variance of sales, CPA and ROI is the chosen
    source's."""
    plans = {plan.id: plan.result for plan in results.channels}
    margin = results.gross_margin
    analytics = results.analytics_by_channel or {}
    chosen, chosen_total = results.chosen_sales
    site = results.site_sessions
    rows = []

    def summary_row(level, channel_id: str, label: str, actual: Totals, seen, plan):
        other = chosen_total if level == "total" else chosen.get(channel_id)
        sales = with_sales_from(actual, other, results.sales_from)
        row = DashboardRow(level, channel_id, label, actual, plan, {}, margin, seen, sales, site)
        row.variance.update({k: _difference(row.figure(k), plan[k]) for k in PLANNED})
        return row

    empty = dict.fromkeys(PLANNED)
    for channel_id, totals in results.actual_by_channel.items():
        plan = _plan_of(plans.get(channel_id))
        seen = analytics.get(channel_id)
        rows.append(summary_row("channel", channel_id, totals.label, totals, seen, plan))
        for publication in results.actual_by_publication.get(channel_id, ()):
            # The site's analytics see no publication: with its sales chosen, a
            # publication's CPA and ROI are unknown, not the platform's.
            sales = with_sales_from(publication, None, results.sales_from)
            rows.append(
                DashboardRow(
                    "publication",
                    channel_id,
                    publication.label,
                    publication,
                    empty,
                    empty,
                    margin,
                    sales=sales,
                )
            )
    if OFF_SOCIAL in analytics:
        nothing = Totals(label="site", measures=dict.fromkeys(analytics[OFF_SOCIAL].measures))
        rows.append(summary_row("site", OFF_SOCIAL, "site", nothing, analytics[OFF_SOCIAL], empty))
    total = results.actual_total
    seen = results.analytics_total
    total_row = summary_row("total", "", "total", total, seen, _plan_of(results.budget))
    if analytics:
        networks = [row for row in rows if row.level == "channel"]
        sums = {}
        for gap in ("conversions_gap", "revenue_gap"):
            known = [g for row in networks if (g := row.figure(gap)) is not None]
            sums[gap] = sum(known, Decimal(0)) if known else None
        total_row = replace(total_row, sums=sums)
    rows.append(total_row)
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
    return ordered + [r for r in rows if r.level in ("site", "total")]
