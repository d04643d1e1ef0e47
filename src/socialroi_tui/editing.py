"""Edits to a campaign, as pure functions: each returns a new, validated campaign.

Only the part that changes is rebuilt, so that edits stay cheap on large campaigns.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from socialroi_tui.engine.budget import sales_within, same_cost_price
from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.engine.funnel import evaluate_funnel, stage_fields
from socialroi_tui.engine.scenarios import scenario, without_networks
from socialroi_tui.model import (
    ActualResult,
    AttributionSettings,
    BudgetPlan,
    Campaign,
    Channel,
    DashboardSettings,
    Funnel,
    FunnelStage,
    KpiMapping,
    Meta,
    ObjectiveChoice,
    Scenario,
)
from socialroi_tui.model.campaign import (
    MOST_SCENARIOS,
    MOST_SHORT_TEXT,
    NETWORK_NAMES,
    RESERVED_SCENARIO_NAMES,
)
from socialroi_tui.text.numbers import ratio_or_quotient
from socialroi_tui.text.words import Problem, Problems


def _with(campaign: Campaign, **parts: Any) -> Campaign:
    """A copy of ``campaign`` with some (already validated) top-level parts replaced, then
    checked as a whole. Unchanged parts are shared, not copied: edits stay cheap and the
    added-up actual results can be reused."""
    edited = campaign.model_copy(update=parts)
    problems = edited.reference_problems(check_actuals="actuals" in parts or "channels" in parts)
    if problems:
        raise Problems(problems)
    return edited


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


def replace_kpi(campaign: Campaign, index: int, mapping: KpiMapping) -> Campaign:
    kpis = list(campaign.kpis)
    kpis[index] = mapping
    return _with(campaign, kpis=kpis)


def delete_kpi(campaign: Campaign, index: int) -> Campaign:
    kpis = list(campaign.kpis)
    del kpis[index]
    return _with(campaign, kpis=kpis)


def rename(campaign: Campaign, name: str) -> Campaign:
    """The campaign under a new name (validated: a name its file could not be read back
    with, over 200 characters, is refused)."""
    if len(name) > MOST_SHORT_TEXT:  # said as such where the name is typed
        raise Problems([Problem.of("problem_too_long", limit=MOST_SHORT_TEXT)])
    return _with(campaign, meta=Meta.model_validate({**campaign.meta.model_dump(), "name": name}))


# --- budget and channels -------------------------------------------------------------


def set_budget(campaign: Campaign, **changes: Any) -> Campaign:
    """Change fields of the budget plan (validated)."""
    budget = BudgetPlan.model_validate({**campaign.budget.model_dump(), **changes})
    return _with(campaign, budget=budget)


def switch_budget_mode(campaign: Campaign, mode: str) -> Campaign:
    """The plan the other way round, carrying its figures across: the budget a target
    gave becomes the budget of the forward plan; the whole sales a budget brings become
    the target of the reverse plan (a figure that cannot be worked out is left as it was)."""
    plan = campaign.budget
    if mode == plan.mode:
        return campaign
    result = evaluate(campaign).budget  # the plan on screen (with a figure solved for)
    changes: dict[str, Any] = {"mode": mode}
    if mode == "forward" and result.budget is not None:
        changes["budget"] = result.budget
    elif mode == "reverse" and (sales := sales_within(result)) is not None:
        changes["target_conversions"] = sales
    return set_budget(campaign, **changes)


def switch_pricing(campaign: Campaign, pricing: str) -> Campaign:
    """Media bought the other way (CPM ↔ CPC), the price turned into the one that gives
    the same cost at the plan's CTR (left as it was without a CTR)."""
    plan = campaign.budget
    if pricing == plan.pricing:
        return campaign
    changes: dict[str, Any] = {"pricing": pricing}
    price = same_cost_price(plan.price, plan.ctr, plan.pricing)
    if price is not None:
        changes["price"] = price
    return set_budget(campaign, **changes)


def solve_for(campaign: Campaign, figure: str | None) -> Campaign:
    """Let the plan find ``figure`` (``price``, ``ctr``, ``conversion_rate``), or type it
    again (None): the figure found last stays in its field."""
    plan = campaign.budget
    if figure == plan.solve_for:
        return campaign
    changes: dict[str, Any] = {"solve_for": figure}
    if plan.solve_for is not None:
        solution = evaluate(campaign).solution
        if solution is not None and solution.value is not None:
            changes[plan.solve_for] = solution.value
    return set_budget(campaign, **changes)


def add_channel(campaign: Campaign, network: str) -> Campaign:
    """A network added to the plan (last, without a share yet), named after itself; its id
    is the network's, numbered if another channel has it, and so is its name (a second
    Facebook is "Facebook 2")."""
    taken = {channel.id for channel in campaign.channels}
    channel_id, number = network, 1
    while channel_id in taken:
        number += 1
        channel_id = f"{network}-{number}"
    label = NETWORK_NAMES.get(network, network.capitalize())
    if number > 1:
        label = f"{label} {number}"
    added = Channel(id=channel_id, network=network, label=label)
    return _with(campaign, channels=[*campaign.channels, added])


def remove_channel(campaign: Campaign, index: int) -> Campaign:
    """The plan without the network at ``index``; refused (``Problems``) while actual
    results or KPIs refer to it. The scenarios' changes to it go with it."""
    channel = campaign.channels[index]
    if any(actual.channel == channel.id for actual in campaign.actuals) or any(
        mapping.channel == channel.id for mapping in campaign.kpis
    ):
        raise Problems([Problem.of("problem_network_in_use", network=channel.label)])
    channels = [c for i, c in enumerate(campaign.channels) if i != index]
    kept = {c.id for c in channels}
    scenarios = [without_networks(s, kept) for s in campaign.scenarios]
    return _with(campaign, channels=channels, scenarios=scenarios)


def set_channel_share(campaign: Campaign, index: int, share: Decimal | None) -> Campaign:
    """The network's share of the budget; a share given makes it share the budget rather
    than aim at a target of its own."""
    own_target = {} if share is None else {"target_conversions": None}
    return set_channel(campaign, index, share=share, **own_target)


def set_channel(campaign: Campaign, index: int, **changes: Any) -> Campaign:
    channels = list(campaign.channels)
    channels[index] = Channel.model_validate({**channels[index].model_dump(), **changes})
    return _with(campaign, channels=channels)


# --- funnel --------------------------------------------------------------------------


def _with_funnel(campaign: Campaign, **changes: Any) -> Campaign:
    data = {**campaign.funnel.model_dump(exclude={"stages"}), **changes}
    data.setdefault("stages", campaign.funnel.stages)
    return _with(campaign, funnel=Funnel.model_validate(data))


def _with_stage(campaign: Campaign, index: int, **changes: Any) -> Campaign:
    stages = list(campaign.funnel.stages)
    stages[index] = FunnelStage.model_validate({**stages[index].model_dump(), **changes})
    return _with_funnel(campaign, stages=stages)


class FunnelCountError(ValueError):
    """A count that no rate of the funnel can hold; ``code`` says why (``no_top``: the
    first stage has no count; ``above_base``: more than the stage it is counted from;
    ``zero_base``: that stage counts zero), ``base`` names that stage."""

    def __init__(self, code: str, base: str):
        self.code = code
        self.base = base
        super().__init__(f"{code}: {base}")


def set_stage_count(campaign: Campaign, index: int, count: Decimal | None) -> Campaign:
    """Type a count at a stage: the top sets the funnel's size; below, the stage's rate
    becomes what that count implies, and the stages after it follow their own rates.

    The rate is kept as the ratio of the counts (``Ratio``: 30 out of 100 is saved as
    ``"30/100"``, never as an endless decimal). Below a stage without a count, or whose
    count is not whole (166,67 after a rate of 1 in 6), the count is kept as a ratio of
    the top count, a rate from the top; with no top count either, ``FunnelCountError``
    says so. An empty count leaves the stage's rate unknown."""
    funnel = campaign.funnel
    if index == 0:
        return _with_funnel(campaign, top_count=count)
    stage = funnel.stages[index]
    if count is None:
        return _with_stage(campaign, index, rate=None)
    counts = evaluate_funnel(funnel).stages
    basis = stage.basis
    base = counts[index - 1].count if basis == "previous" else funnel.top_count
    if base is None or base != base.to_integral_value():
        basis, base = "top", funnel.top_count
    base_label = funnel.stages[0 if basis == "top" else index - 1].label
    if base is None:
        raise FunnelCountError("no_top", funnel.stages[0].label)
    if base == 0:
        raise FunnelCountError("zero_base", base_label)
    if count > base:
        raise FunnelCountError("above_base", base_label)
    return _with_stage(campaign, index, rate=ratio_or_quotient(count, base), basis=basis)


def set_step_rate(campaign: Campaign, index: int, rate: Decimal | None) -> Campaign:
    """The rate of one step, relative to the previous stage (None: not known)."""
    return _with_stage(campaign, index, rate=rate, basis="previous")


def set_rate_from_top(campaign: Campaign, index: int, rate: Decimal | None) -> Campaign:
    """The rate of a stage relative to the top of the funnel (None: not known)."""
    return _with_stage(campaign, index, rate=rate, basis="top")


def rename_stage(campaign: Campaign, index: int, label: str) -> Campaign:
    return _with_stage(campaign, index, label=label)


def add_stage(campaign: Campaign, after: int, label: str) -> Campaign:
    """A new stage after ``after`` (-1: at the top), with a fresh id and no rate yet."""
    stages = list(campaign.funnel.stages)
    ids = {s.id for s in stages}
    number = len(stages) + 1
    while f"stage{number}" in ids:
        number += 1
    stages.insert(after + 1, FunnelStage(id=f"stage{number}", label=label))
    return _with_funnel(campaign, stages=stages)


def remove_stage(campaign: Campaign, index: int) -> Campaign:
    stages = list(campaign.funnel.stages)
    removed = stages.pop(index)
    landing = campaign.funnel.landing_stage
    return _with_funnel(
        campaign, stages=stages, landing_stage=None if landing == removed.id else landing
    )


def move_stage(campaign: Campaign, index: int, offset: int) -> Campaign:
    """Move a stage up (-1) or down (+1); rates stay attached to their stage."""
    stages = list(campaign.funnel.stages)
    target = index + offset
    if not 0 <= target < len(stages):
        return campaign
    stages.insert(target, stages.pop(index))
    return _with_funnel(campaign, stages=stages)


def set_landing_stage(campaign: Campaign, index: int) -> Campaign:
    """Mark the stage where people land (where the bounce rate applies); again to unmark."""
    stage_id = campaign.funnel.stages[index].id
    landing = None if campaign.funnel.landing_stage == stage_id else stage_id
    return _with_funnel(campaign, landing_stage=landing)


def set_bounce_rate(campaign: Campaign, rate: Decimal | None) -> Campaign:
    return _with_funnel(campaign, bounce_rate=rate)


# --- actual results ------------------------------------------------------------------


def add_actual(campaign: Campaign, actual: ActualResult) -> Campaign:
    return _with(campaign, actuals=[*campaign.actuals, actual])


def replace_actual(campaign: Campaign, index: int, result: ActualResult) -> Campaign:
    """The result at ``index`` (in ``campaign.actuals``) replaced by ``result``; the row
    stays part of its import (``source``)."""
    actuals = list(campaign.actuals)
    actuals[index] = result.model_copy(update={"source": actuals[index].source})
    return _with(campaign, actuals=actuals)


def remove_actuals(campaign: Campaign, indices: set[int]) -> Campaign:
    """The results at ``indices`` taken out."""
    actuals = [row for i, row in enumerate(campaign.actuals) if i not in indices]
    return _with(campaign, actuals=actuals)


def take_back_import(campaign: Campaign, import_id: str) -> Campaign:
    """Every row an import added taken out, and the import forgotten (it may be made
    again). The networks it created stay: the plan may use them by now."""
    actuals = [row for row in campaign.actuals if row.source != import_id]
    imports = [record for record in campaign.imports if record.id != import_id]
    return _with(campaign, actuals=actuals, imports=imports)


def set_dashboard_columns(campaign: Campaign, columns: list[str]) -> Campaign:
    """The dashboard's columns, in order (empty: the default for the terminal's width)."""
    dashboard = campaign.dashboard.model_copy(update={"columns": list(columns)})
    return _with(campaign, dashboard=dashboard)


def set_sales_from(campaign: Campaign, origin: str) -> Campaign:
    """Whose conversions and revenue the dashboard's CPA, profit, ROI and ROAS use: the
    ad platforms' (``platform``) or the site's analytics' (``analytics``)."""
    dashboard = DashboardSettings.model_validate(
        {**campaign.dashboard.model_dump(), "sales_from": origin}
    )
    return _with(campaign, dashboard=dashboard)


def set_attribution(campaign: Campaign, **settings: Any) -> Campaign:
    """The attribution's settings changed (``journeys``, ``model``, ``order``…)."""
    attribution = AttributionSettings.model_validate(
        {**campaign.attribution.model_dump(), **settings}
    )
    return _with(campaign, attribution=attribution)


def import_results(campaign: Campaign, preview) -> Campaign:
    """The rows of a CSV import preview added (whole or nothing; never twice)."""
    from socialroi_tui.store.csv_import import import_into

    imported = import_into(campaign, preview)
    return _with(
        campaign, channels=imported.channels, actuals=imported.actuals, imports=imported.imports
    )


# --- one field of the plan, by its edit key ------------------------------------------
#
# Typing in a field sends edits with a key naming the field: ``budget.ctr``,
# ``budget.share:2`` (a channel's share), ``funnel.count:1``, ``funnel.step:1``,
# ``funnel.top:1`` (a stage, by position) and ``funnel.bounce``.


def field_value(campaign: Campaign, key: str) -> Decimal | None:
    """What the field ``key`` shows for ``campaign`` (None: empty or not a field)."""
    part, _, name = key.partition(".")
    kind, _, position = name.partition(":")
    if part == "budget":
        if kind == "share":
            channels = campaign.channels
            index = int(position)
            return channels[index].share if index < len(channels) else None
        return getattr(campaign.budget, name, None)
    if part == "funnel":
        if kind == "bounce":
            return campaign.funnel.bounce_rate
        rows = stage_fields(campaign.funnel)
        index = int(position)
        return rows[index][("count", "step", "top").index(kind)] if index < len(rows) else None
    return None


def restore_field(campaign: Campaign, before: Campaign, key: str) -> Campaign:
    """``campaign`` with the part that field ``key`` edits put back as it was in
    ``before`` (the other edits made since stay)."""
    part, _, name = key.partition(".")
    kind, _, position = name.partition(":")
    if part == "budget" and kind == "share":
        index = int(position)
        old = before.channels[index] if index < len(before.channels) else None
        if old is None or index >= len(campaign.channels):
            return campaign
        return set_channel(campaign, index, share=old.share)
    if part == "budget":
        return set_budget(campaign, **{name: getattr(before.budget, name)})
    if part == "funnel" and kind == "bounce":
        return set_bounce_rate(campaign, before.funnel.bounce_rate)
    if part == "funnel":
        index = int(position)
        if index == 0 and kind == "count":
            return _with_funnel(campaign, top_count=before.funnel.top_count)
        stages = campaign.funnel.stages
        if index >= len(stages):
            return campaign
        old = next((s for s in before.funnel.stages if s.id == stages[index].id), None)
        if old is None:
            return campaign
        return _with_stage(campaign, index, rate=old.rate, basis=old.basis)
    return campaign


# --- scenarios (these edit the file's campaign, not a scenario's view of it) ---------


def _scenario_name(campaign: Campaign, name: str, renamed: str | None = None) -> str:
    """``name`` tidied, refused (``Problems``) when empty or another scenario's."""
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    taken = {s.name.casefold() for s in campaign.scenarios if s.name != renamed}
    if not name:
        raise Problems([Problem.of("problem_scenario_name_empty")])
    if name.casefold() in taken:
        raise Problems([Problem.of("problem_scenario_name_taken", name=name)])
    if name.casefold() in RESERVED_SCENARIO_NAMES:
        raise Problems([Problem.of("problem_scenario_name_reserved")])
    if len(name) > 60:
        raise Problems([Problem.of("problem_scenario_name_long")])
    return name


def add_scenario(campaign: Campaign, name: str) -> Campaign:
    """A new scenario made from the active one (its changes copied), made active."""
    if len(campaign.scenarios) >= MOST_SCENARIOS:
        raise Problems([Problem.of("problem_scenarios_full", most=MOST_SCENARIOS)])
    name = _scenario_name(campaign, name)
    active = scenario(campaign, campaign.active_scenario)
    added = (
        active.model_copy(update={"name": name, "notes": ""})
        if active is not None
        else Scenario(name=name)
    )
    return _with(campaign, scenarios=[*campaign.scenarios, added], active_scenario=name)


def switch_scenario(campaign: Campaign, name: str) -> Campaign:
    """Scenario ``name`` (empty: the base plan) shown and edited from now on."""
    if name and scenario(campaign, name) is None:
        raise Problems([Problem.of("problem_unknown_scenario", name=name)])
    return _with(campaign, active_scenario=name)


def rename_scenario(campaign: Campaign, name: str, new_name: str) -> Campaign:
    new_name = _scenario_name(campaign, new_name, renamed=name)
    scenarios = [
        s.model_copy(update={"name": new_name}) if s.name == name else s for s in campaign.scenarios
    ]
    active = new_name if campaign.active_scenario == name else campaign.active_scenario
    return _with(campaign, scenarios=scenarios, active_scenario=active)


def remove_scenario(campaign: Campaign, name: str) -> Campaign:
    """The campaign without scenario ``name``; the base plan is shown if it was."""
    scenarios = [s for s in campaign.scenarios if s.name != name]
    active = "" if campaign.active_scenario == name else campaign.active_scenario
    return _with(campaign, scenarios=scenarios, active_scenario=active)
