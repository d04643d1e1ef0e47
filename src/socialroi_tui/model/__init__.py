"""The campaign, as saved in a TOML file (pydantic v2, ``schema_version = 1``)."""

from socialroi_tui.model.pydantic_plugins import skip_plugin_discovery

skip_plugin_discovery()  # before pydantic builds the first model

from socialroi_tui.model.campaign import (  # noqa: E402
    NETWORKS,
    OFF_SOCIAL,
    SCHEMA_VERSION,
    ActualResult,
    AttributionSettings,
    BudgetPlan,
    Campaign,
    Channel,
    ChannelChanges,
    CustomKpi,
    DashboardSettings,
    Funnel,
    FunnelStage,
    ImportRecord,
    KpiMapping,
    Meta,
    ObjectiveChoice,
    PlanChanges,
    Scenario,
)
from socialroi_tui.model.workshop import (  # noqa: E402
    StepProgress,
    Workshop,
    WorkshopCheck,
    WorkshopStep,
    text_in,
)

__all__ = [
    "NETWORKS",
    "OFF_SOCIAL",
    "SCHEMA_VERSION",
    "ActualResult",
    "AttributionSettings",
    "BudgetPlan",
    "Campaign",
    "Channel",
    "ChannelChanges",
    "CustomKpi",
    "DashboardSettings",
    "Funnel",
    "FunnelStage",
    "ImportRecord",
    "KpiMapping",
    "Meta",
    "ObjectiveChoice",
    "PlanChanges",
    "Scenario",
    "StepProgress",
    "Workshop",
    "WorkshopCheck",
    "WorkshopStep",
    "text_in",
]
