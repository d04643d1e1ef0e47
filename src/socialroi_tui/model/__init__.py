"""The campaign, as saved in a TOML file (pydantic v2, ``schema_version = 1``)."""

from socialroi_tui.model.campaign import (
    NETWORKS,
    SCHEMA_VERSION,
    ActualResult,
    BudgetPlan,
    Campaign,
    Channel,
    ChannelChanges,
    CustomKpi,
    Funnel,
    FunnelStage,
    KpiMapping,
    Meta,
    ObjectiveChoice,
    PlanChanges,
    Scenario,
)

__all__ = [
    "NETWORKS",
    "SCHEMA_VERSION",
    "ActualResult",
    "BudgetPlan",
    "Campaign",
    "Channel",
    "ChannelChanges",
    "CustomKpi",
    "Funnel",
    "FunnelStage",
    "KpiMapping",
    "Meta",
    "ObjectiveChoice",
    "PlanChanges",
    "Scenario",
]
