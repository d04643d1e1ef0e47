"""Edits to a campaign, as pure functions: each returns a new, validated campaign.

Only the part that changes is rebuilt, so that edits stay cheap on large campaigns.
"""

from __future__ import annotations

from typing import Any

from socialroi_tui.model import Campaign, KpiMapping, ObjectiveChoice


def _with(campaign: Campaign, **parts: Any) -> Campaign:
    """A copy of ``campaign`` with some top-level parts replaced, checked as a whole."""
    data = {name: getattr(campaign, name) for name in type(campaign).model_fields}
    data.update(parts)
    return Campaign.model_validate(data)


def toggle_objective(campaign: Campaign, objective_id: str) -> Campaign:
    """Select or unselect an objective; the first one selected becomes primary."""
    chosen = list(campaign.objectives)
    existing = next((o for o in chosen if o.id == objective_id), None)
    if existing is not None:
        chosen.remove(existing)
        if existing.primary and chosen:
            chosen[0] = chosen[0].model_copy(update={"primary": True})
    else:
        chosen.append(ObjectiveChoice(id=objective_id, primary=not chosen))
    return _with(campaign, objectives=chosen)


def set_primary(campaign: Campaign, objective_id: str) -> Campaign:
    """Mark one objective primary (selecting it if needed)."""
    if all(o.id != objective_id for o in campaign.objectives):
        campaign = toggle_objective(campaign, objective_id)
    chosen = [o.model_copy(update={"primary": o.id == objective_id}) for o in campaign.objectives]
    return _with(campaign, objectives=chosen)


def add_kpi(campaign: Campaign, mapping: KpiMapping) -> Campaign:
    return _with(campaign, kpis=[*campaign.kpis, mapping])


def update_kpi(campaign: Campaign, index: int, **changes: Any) -> Campaign:
    """Change fields of one KPI row (validated)."""
    kpis = list(campaign.kpis)
    kpis[index] = KpiMapping.model_validate({**kpis[index].model_dump(), **changes})
    return _with(campaign, kpis=kpis)


def replace_kpi(campaign: Campaign, index: int, mapping: KpiMapping) -> Campaign:
    kpis = list(campaign.kpis)
    kpis[index] = mapping
    return _with(campaign, kpis=kpis)


def delete_kpi(campaign: Campaign, index: int) -> Campaign:
    kpis = list(campaign.kpis)
    del kpis[index]
    return _with(campaign, kpis=kpis)


def rename(campaign: Campaign, name: str) -> Campaign:
    return _with(campaign, meta=campaign.meta.model_copy(update={"name": name}))
