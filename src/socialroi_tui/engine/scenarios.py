"""Scenarios: the base plan and its variants, each a set of changed assumptions.

A campaign file holds the base plan (``[budget]``, the networks' own assumptions) and
``[[scenarios]]`` that change some of them. ``in_scenario`` resolves a scenario to the
campaign it describes; ``fold`` takes a campaign edited in that form back to the file's
form, the edits to the plan's assumptions kept as the active scenario's changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from socialroi_tui.engine.budget import BudgetResult
from socialroi_tui.engine.evaluate import channel_plans, combined_plan, planned
from socialroi_tui.model import Campaign, ChannelChanges, PlanChanges, Scenario
from socialroi_tui.model.campaign import FOLLOWING_THE_PLAN, Channel

PLAN_FIGURES = tuple(PlanChanges.model_fields)
"""The plan's assumptions a scenario may change."""
CHANNEL_FIGURES = tuple(ChannelChanges.model_fields)
"""A network's own assumptions a scenario may change."""


def scenario(campaign: Campaign, name: str) -> Scenario | None:
    """The scenario called ``name`` (None for the base plan or an unknown name)."""
    return next((s for s in campaign.scenarios if s.name == name), None)


def in_scenario(campaign: Campaign, name: str | None = None) -> Campaign:
    """The campaign as scenario ``name`` plans it (by default the active one): the base
    plan with the scenario's changes. The base plan is the campaign itself."""
    name = campaign.active_scenario if name is None else name
    variant = scenario(campaign, name)
    if variant is None:
        return campaign
    changed_plan = _changes(variant.budget)
    budget = campaign.budget.model_copy(update=changed_plan) if changed_plan else campaign.budget
    channels = campaign.channels
    if variant.channels:
        channels = [
            channel.model_copy(update=_channel_changes(variant.channels[channel.id]))
            if channel.id in variant.channels
            else channel
            for channel in campaign.channels
        ]
    return campaign.model_copy(update={"budget": budget, "channels": channels})


def fold(whole: Campaign, edited: Campaign) -> Campaign:
    """The file's campaign after ``edited`` — the active scenario's campaign, edited —
    replaced it: the plan's and the networks' assumptions that differ from the base are
    the active scenario's changes; everything else (texts, stages, networks added or
    removed) is the campaign's own. A figure cleared in a scenario follows the base."""
    variant = scenario(whole, whole.active_scenario)
    if variant is None:
        return edited
    base = whole.budget
    plan_changes = PlanChanges(
        **{
            name: value
            for name in PLAN_FIGURES
            if (value := getattr(edited.budget, name)) is not None and value != getattr(base, name)
        }
    )
    base_plan = edited.budget.model_copy(
        update={name: getattr(base, name) for name in PLAN_FIGURES}
    )
    base_channels = {channel.id: channel for channel in whole.channels}
    channels: list[Channel] = []
    channel_changes: dict[str, ChannelChanges] = {}
    for channel in edited.channels:
        before = base_channels.get(channel.id)
        if before is None:  # added in this scenario: a network of the campaign
            channels.append(channel)
            continue
        changed = {
            name: value
            for name in CHANNEL_FIGURES
            if (value := getattr(channel, name)) is not None and value != getattr(before, name)
        }
        if changed:
            channel_changes[channel.id] = ChannelChanges(**changed)
        channels.append(
            channel.model_copy(update={name: getattr(before, name) for name in CHANNEL_FIGURES})
        )
    kept = {channel.id for channel in channels}
    scenarios = [
        variant.model_copy(update={"budget": plan_changes, "channels": channel_changes})
        if each is variant
        else without_networks(each, kept)
        for each in whole.scenarios
    ]
    return edited.model_copy(
        update={
            "budget": base_plan,
            "channels": channels,
            "scenarios": scenarios,
            "active_scenario": whole.active_scenario,
        }
    )


def _as_shown(result: BudgetResult) -> tuple:
    """A plan's budget to the cent and its sales whole, as the screens show them."""
    budget, sales = result.budget, result.conversions
    return (
        None if budget is None else budget.quantize(Decimal("0.01")),
        None if sales is None else sales.quantize(WHOLE),
    )


def _channel_changes(changes: ChannelChanges) -> dict[str, Any]:
    """A network's changes; a share given makes it share the budget (whatever target of
    its own the base gives it)."""
    update = _changes(changes)
    if "share" in update:
        update.setdefault("target_conversions", None)
    return update


def _changes(changes: PlanChanges | ChannelChanges) -> dict[str, Any]:
    return {name: value for name, value in changes.__dict__.items() if value is not None}


def without_networks(variant: Scenario, kept: Iterable[str]) -> Scenario:
    """The scenario without the changes of networks no longer in the campaign."""
    kept = set(kept)
    if all(channel_id in kept for channel_id in variant.channels):
        return variant
    channels = {key: value for key, value in variant.channels.items() if key in kept}
    return variant.model_copy(update={"channels": channels})


def changed_figures(campaign: Campaign, name: str) -> set[str]:
    """The plan's figures scenario ``name`` changes (``ctr``, ``price``…), and the
    networks' as ``channel-id.figure``."""
    variant = scenario(campaign, name)
    if variant is None:
        return set()
    figures = set(_changes(variant.budget))
    for channel_id, changes in variant.channels.items():
        figures.update(f"{channel_id}.{figure}" for figure in _changes(changes))
    return figures


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
