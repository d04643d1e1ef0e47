"""New campaigns: blank, with the default funnel."""

from __future__ import annotations

from socialroi_tui.i18n import Language
from socialroi_tui.model import Campaign, Funnel, FunnelStage, Meta

DEFAULT_STAGES = {
    "fr": [
        ("impressions", "Impressions"),
        ("engagements", "Engagements"),
        ("clicks", "Clics"),
        ("leads", "Leads"),
        ("customers", "Clients"),
    ],
    "en": [
        ("impressions", "Impressions"),
        ("engagements", "Engagements"),
        ("clicks", "Clicks"),
        ("leads", "Leads"),
        ("customers", "Customers"),
    ],
}


def default_funnel(lang: Language) -> Funnel:
    stages = [FunnelStage(id=stage_id, label=label) for stage_id, label in DEFAULT_STAGES[lang]]
    return Funnel(stages=stages, landing_stage="clicks")


def blank_campaign(lang: Language, name: str = "") -> Campaign:
    return Campaign(meta=Meta(name=name, language=lang), funnel=default_funnel(lang))
