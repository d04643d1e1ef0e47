"""The one entry point: a campaign in, every figure out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from socialroi_tui.catalog import load_catalog
from socialroi_tui.engine import formulas as f
from socialroi_tui.engine.actuals import (
    Totals,
    add_more,
    add_up,
    figure_with_margin,
    with_sales_from,
)
from socialroi_tui.engine.budget import BudgetResult, PlanInputs, forward_plan, reverse_plan
from socialroi_tui.engine.funnel import FunnelResult, evaluate_funnel
from socialroi_tui.engine.solve import SOLVED_FIELDS, Goals, Solution, solve_plan
from socialroi_tui.model import OFF_SOCIAL, Campaign, KpiMapping
from socialroi_tui.text.formula import Formula

Value = Decimal | None
Status = Literal["ahead", "on_track", "behind", "no_data"]
TOLERANCE = Decimal("0.10")


@dataclass(frozen=True)
class ChannelPlan:
    """A channel's part of the budget and what it buys."""

    id: str
    label: str
    share: Value
    result: BudgetResult


@dataclass(frozen=True)
class KpiStatus:
    mapping: KpiMapping
    name: str
    unit: str
    better: Literal["higher", "lower"]
    target: Value
    actual: Value
    status: Status


@dataclass(frozen=True)
class CampaignResults:
    funnel: FunnelResult
    budget: BudgetResult
    channels: tuple[ChannelPlan, ...]
    unallocated_share: Value
    actual_total: Totals
    """The ad platforms' figures (and the results typed in the app), added up."""
    actual_by_channel: dict[str, Totals]
    actual_by_publication: dict[str, tuple[Totals, ...]]
    kpis: tuple[KpiStatus, ...]
    gross_margin: Value = None
    """The campaign's, by which the actual results' profit and ROI are worked out."""
    solution: Solution | None = None
    """The figure the plan was asked to find (goal seek), when one was."""
    combined: BudgetResult | None = None
    """The networks' plans added up (None without networks)."""
    allocated_share: Value = None
    """The networks' shares of the budget added up (None when none has one)."""
    analytics_by_channel: dict[str, Totals] | None = None
    """What the site's analytics saw, per network (``OFF_SOCIAL``: the site's other
    traffic); None without analytics rows."""
    analytics_total: Totals | None = None
    """The analytics figures of the social networks, added up (the site's other traffic
    left out)."""
    sales_from: str = "platform"
    """Whose conversions and revenue the CPA, the profit, the ROI and the ROAS use."""
    attributed_by_channel: dict[str, Totals] | None = None
    """The sales and revenue an attribution model credits each network (None: none)."""

    @property
    def chosen_sales(self) -> tuple[dict[str, Totals], Totals | None]:
        """The sales chosen in place of the platforms' (per network, and in all)."""
        if self.sales_from == "analytics":
            return self.analytics_by_channel or {}, self.analytics_total
        if self.sales_from == "attribution" and self.attributed_by_channel is not None:
            credited = self.attributed_by_channel
            return credited, add_up("total", credited.values(), summed=True)
        return {}, None

    @property
    def site_sessions(self) -> Value:
        """Every session the analytics saw, the site's other traffic included."""
        if not self.analytics_by_channel:
            return None
        sessions = [t.measures["clicks"] for t in self.analytics_by_channel.values()]
        known = [s for s in sessions if s is not None]
        return sum(known, Decimal(0)) if known else None


def plan_inputs(campaign: Campaign) -> PlanInputs:
    plan = campaign.budget
    return PlanInputs(
        target_conversions=plan.target_conversions,
        budget=plan.budget,
        conversion_rate=plan.conversion_rate,
        ctr=plan.ctr,
        pricing=plan.pricing,
        price=plan.price,
        average_order_value=plan.average_order_value,
        gross_margin=plan.gross_margin,
    )


def run_plan(inputs: PlanInputs, mode: str) -> BudgetResult:
    return reverse_plan(inputs) if mode == "reverse" else forward_plan(inputs)


def kpi_status(actual: Value, target: Value, better: str) -> Status:
    """Ahead, on track (within 10 % of the target) or behind; no data without both."""
    if actual is None or target is None:
        return "no_data"
    if target == 0:
        if better == "higher":
            return "ahead" if actual > 0 else "on_track"
        return "on_track" if actual == 0 else "behind"
    ratio = actual / target
    if better == "lower":
        ratio = 2 - ratio
    if ratio >= 1 + TOLERANCE:
        return "ahead"
    return "on_track" if ratio >= 1 - TOLERANCE else "behind"


def channel_plans(campaign: Campaign, total: BudgetResult) -> tuple[ChannelPlan, ...]:
    """Each network's plan, with its own assumptions where it has them (the plan's
    otherwise): a network with its own target costs what its sales take; the others share
    the plan's budget, to the cent."""
    plans = []
    defaults = plan_inputs(campaign)
    shares = [c.share if c.target_conversions is None else None for c in campaign.channels]
    budgets = f.split_to_the_cent(total.budget, shares)
    for channel, share, budget in zip(campaign.channels, shares, budgets, strict=True):
        # A channel without its own price buys media as the plan does (CPM or CPC).
        own_price = channel.price is not None
        inputs = PlanInputs(
            target_conversions=channel.target_conversions,
            budget=budget,
            conversion_rate=_own(channel.conversion_rate, defaults.conversion_rate),
            ctr=_own(channel.ctr, defaults.ctr),
            pricing=channel.pricing if own_price else defaults.pricing,
            price=channel.price if own_price else defaults.price,
            average_order_value=_own(channel.average_order_value, defaults.average_order_value),
            gross_margin=defaults.gross_margin,
        )
        result = forward_plan(inputs) if inputs.target_conversions is None else reverse_plan(inputs)
        label = channel.display_name
        plans.append(ChannelPlan(channel.id, label, share, result))
    return tuple(plans)


def _own(value: Value, plan_value: Value) -> Value:
    return plan_value if value is None else value


def combined_plan(channels: tuple[ChannelPlan, ...], gross_margin: Value) -> BudgetResult | None:
    """The networks' plans added up (None without networks): budget, people and sales are
    the sums of the rows; the CPA, profit, ROI and ROAS follow from those sums."""
    if not channels:
        return None

    def total(name: str) -> Value:
        values = [getattr(plan.result, name) for plan in channels]
        return None if any(v is None for v in values) else sum(values, Decimal(0))

    budget, revenue = total("budget"), total("revenue")
    return BudgetResult(
        mode="forward",
        budget=budget,
        impressions=total("impressions"),
        clicks=total("clicks"),
        conversions=total("conversions"),
        cpa=f.cpa(budget, total("conversions")),
        revenue=revenue,
        profit=f.gross_profit(revenue, gross_margin, budget),
        roi=f.headline_roi(revenue, gross_margin, budget),
        roi_on_revenue=f.roi(revenue, budget),
        roas=f.roas(revenue, budget),
        on_gross_profit=gross_margin is not None,
    )


def _kpi_statuses(
    campaign: Campaign, total: Totals, by_channel: dict[str, Totals], lang: str
) -> tuple[KpiStatus, ...]:
    catalog = load_catalog()
    statuses = []
    for mapping in campaign.kpis:
        definition = catalog.kpi(mapping.kpi) if mapping.kpi else None
        if definition is not None:
            name, unit, better = definition.name(lang), definition.unit, definition.better
        else:
            custom = mapping.custom
            name, unit, better = custom.name, custom.unit, custom.better
        actual = mapping.actual
        if actual is None and definition is not None and definition.formula:
            totals = total if mapping.channel == "all" else by_channel.get(mapping.channel)
            if totals is not None and mapping.kpi == "roi":  # as the plan's ROI
                actual = figure_with_margin(totals, "roi", campaign.budget.gross_margin)
            elif totals is not None:
                actual = Formula(definition.formula).evaluate(totals.measures)
        statuses.append(
            KpiStatus(
                mapping=mapping,
                name=name,
                unit=unit,
                better=better,
                target=mapping.target,
                actual=actual,
                status=kpi_status(actual, mapping.target, better),
            )
        )
    return tuple(statuses)


@dataclass(frozen=True)
class ActualsSummary:
    """Actual results added up: in all, per channel, per publication of each channel."""

    total: Totals
    by_channel: dict[str, Totals]
    by_publication: dict[str, tuple[Totals, ...]]
    analytics_by_channel: dict[str, Totals] | None = None
    analytics_total: Totals | None = None
    channels: tuple[str, ...] = ()
    """The ids of the channels of the campaign added up, in order."""
    results_of: frozenset[str] = frozenset()
    """The channel ids the results named (some may not be channels of the campaign)."""


def summarise_actuals(campaign: Campaign) -> ActualsSummary:
    """Add up the actual results (one pass to group them, one to add them up). The ad
    platforms' rows and the analytics' rows are added up apart: they count the same
    people twice."""
    rows_by_channel: dict[str, list] = {c.id: [] for c in campaign.channels}
    rows_by_publication: dict[str, dict[str, list]] = {c.id: {} for c in campaign.channels}
    analytics_rows: dict[str, list] = {}
    for actual in campaign.actuals:
        if actual.origin == "analytics":
            analytics_rows.setdefault(actual.channel, []).append(actual)
            continue
        rows_by_channel.setdefault(actual.channel, []).append(actual)
        if actual.publication:
            publications = rows_by_publication.setdefault(actual.channel, {})
            publications.setdefault(actual.publication, []).append(actual)
    by_channel = {
        channel.id: add_up(channel.display_name, rows_by_channel[channel.id])
        for channel in campaign.channels
    }
    by_publication = {
        channel_id: tuple(add_up(name, rows) for name, rows in publications.items())
        for channel_id, publications in rows_by_publication.items()
    }
    total = add_up("total", (t for totals in by_channel.values() for t in [totals]), summed=True)
    channels = tuple(c.id for c in campaign.channels)
    seen = frozenset(rows_by_channel)
    if not analytics_rows:
        return ActualsSummary(total, by_channel, by_publication, None, None, channels, seen)
    labels = {c.id: c.display_name for c in campaign.channels}
    analytics = {
        channel_id: add_up(labels.get(channel_id, channel_id), rows)
        for channel_id, rows in analytics_rows.items()
    }
    social = add_up("total", [t for cid, t in analytics.items() if cid != OFF_SOCIAL], summed=True)
    return ActualsSummary(total, by_channel, by_publication, analytics, social, channels, seen)


def summarise_more(
    summary: ActualsSummary, campaign: Campaign, added: Sequence
) -> ActualsSummary | None:
    """The summary of ``campaign``, whose actual results are the ones ``summary`` added up
    followed by ``added``: only the totals the new results change are added to (a result
    typed in a campaign of 5 000 publications adds one row, not 15 000). The figures are
    those of ``summarise_actuals``, sums made in the same order. None when it cannot
    tell (channels changed other than by new ones after the others: add up again)."""
    ids = tuple(c.id for c in campaign.channels)
    old = summary.channels
    if ids[: len(old)] != old or set(ids[len(old) :]) & summary.results_of:
        return None
    if summary.results_of - set(old):
        return None  # results of an unknown channel: their order is the full sum's
    if any(actual.origin == "analytics" for actual in added):
        return None  # the site's figures: added up again, apart (rare: an import)
    rows_by_channel: dict[str, list] = {}
    rows_by_publication: dict[str, dict[str, list]] = {}
    for actual in added:
        rows_by_channel.setdefault(actual.channel, []).append(actual)
        if actual.publication:
            publications = rows_by_publication.setdefault(actual.channel, {})
            publications.setdefault(actual.publication, []).append(actual)
    if set(rows_by_channel) - set(ids):
        return None
    by_channel = dict(summary.by_channel)
    for channel in campaign.channels[len(old) :]:
        by_channel[channel.id] = add_up(channel.display_name, ())
    for channel_id, rows in rows_by_channel.items():
        by_channel[channel_id] = add_more(by_channel[channel_id], rows)
    by_publication = dict(summary.by_publication)
    for channel_id in ids[len(old) :]:
        by_publication[channel_id] = ()
    for channel_id, publications in rows_by_publication.items():
        known = by_publication[channel_id]
        position = {totals.label: index for index, totals in enumerate(known)}
        extended = list(known)
        for name, rows in publications.items():
            if name in position:
                extended[position[name]] = add_more(extended[position[name]], rows)
            else:
                extended.append(add_up(name, rows))
        by_publication[channel_id] = tuple(extended)
    total = add_up("total", by_channel.values(), summed=True)
    seen = summary.results_of | frozenset(rows_by_channel)
    return ActualsSummary(
        total,
        by_channel,
        by_publication,
        summary.analytics_by_channel,
        summary.analytics_total,
        ids,
        seen,
    )


def planned(campaign: Campaign) -> tuple[BudgetResult, Solution | None, Campaign]:
    """The budget plan, the figure it was asked to find (if any), and the campaign with
    that figure filled in (the channels buy as the plan found)."""
    if campaign.budget.solve_for is None:
        return run_plan(plan_inputs(campaign), campaign.budget.mode), None, campaign
    plan = campaign.budget
    goals = Goals(plan.target_cpa, plan.target_roi, plan.target_roas)
    solution = solve_plan(
        plan_inputs(campaign), campaign.budget.solve_for, goals, campaign.budget.mode
    )
    # No value found: no plan either (the figures of the best one tried would read as an
    # answer).
    budget = BudgetResult(campaign.budget.mode, *[None] * 5)
    if solution.value is not None:
        budget = solution.plan or budget
        solved = {SOLVED_FIELDS[campaign.budget.solve_for]: solution.value}
        plan = campaign.budget.model_copy(update=solved)
        campaign = campaign.model_copy(update={"budget": plan})
    return budget, solution, campaign


def evaluate(
    campaign: Campaign,
    lang: str | None = None,
    actuals: ActualsSummary | None = None,
    attributed: dict[str, Totals] | None = None,
) -> CampaignResults:
    """Every figure of the campaign: funnel, budget plan, channel split, actuals, KPI status.

    ``actuals`` may be passed when already added up (they do not change as one types);
    ``attributed``: each network's sales as the chosen attribution model credits them.
    """
    lang = lang or campaign.meta.language
    budget, solution, campaign = planned(campaign)
    shares = [
        c.share for c in campaign.channels if c.share is not None and c.target_conversions is None
    ]
    allocated = sum(shares, Decimal(0)) if shares else None
    unallocated = None if allocated is None else 1 - allocated
    channels = channel_plans(campaign, budget)
    summary = actuals or summarise_actuals(campaign)
    total, by_channel, by_publication = summary.total, summary.by_channel, summary.by_publication
    sales_from = campaign.dashboard.sales_from
    if sales_from == "attribution" and attributed is None:
        sales_from = "platform"  # no journeys read: the platforms' sales
    chosen = summary.analytics_by_channel if sales_from == "analytics" else attributed
    chosen = chosen or {}
    chosen_total = (
        summary.analytics_total
        if sales_from == "analytics"
        else add_up("total", chosen.values(), summed=True)
    )
    sales_total = with_sales_from(total, chosen_total, sales_from)
    sales_by_channel = {
        cid: with_sales_from(totals, chosen.get(cid), sales_from)
        for cid, totals in by_channel.items()
    }
    return CampaignResults(
        funnel=evaluate_funnel(campaign.funnel),
        budget=budget,
        channels=channels,
        unallocated_share=unallocated,
        actual_total=total,
        actual_by_channel=by_channel,
        actual_by_publication=by_publication,
        kpis=_kpi_statuses(campaign, sales_total, sales_by_channel, lang),
        gross_margin=campaign.budget.gross_margin,
        solution=solution,
        combined=combined_plan(channels, campaign.budget.gross_margin),
        allocated_share=allocated,
        analytics_by_channel=summary.analytics_by_channel,
        analytics_total=summary.analytics_total,
        sales_from=sales_from,
        attributed_by_channel=attributed,
    )
