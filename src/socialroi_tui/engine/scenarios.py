"""Scenarios: the base plan and its variants, each a set of changed assumptions.

A campaign file holds the base plan (``[budget]``, the networks' own assumptions) and
``[[scenarios]]`` that change some of them. ``in_scenario`` resolves a scenario to the
campaign it describes; ``fold`` takes a campaign edited in that form back to the file's
form, the edits to the plan's assumptions kept as the active scenario's changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from socialroi_tui.model import Campaign, ChannelChanges, PlanChanges, Scenario
from socialroi_tui.model.campaign import Channel

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
