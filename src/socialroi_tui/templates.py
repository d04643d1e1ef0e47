"""New campaigns: blank with the default funnel, or from a sample shipped in the package.

The model is imported when a campaign is made, not before: the start screen lists the
templates before the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from socialroi_tui.text.words import Language, t

if TYPE_CHECKING:
    from socialroi_tui.model import Campaign, Funnel

DEFAULT_STAGES = ("impressions", "engagements", "clicks", "leads", "customers")
"""A new campaign's funnel, each stage named by the word ``stage_<id>``."""


def default_funnel(lang: Language) -> Funnel:
    from socialroi_tui.model import Funnel, FunnelStage

    stages = [FunnelStage(id=stage, label=t(f"stage_{stage}", lang)) for stage in DEFAULT_STAGES]
    return Funnel(stages=stages, landing_stage="clicks")


def blank_campaign(lang: Language, name: str = "") -> Campaign:
    from socialroi_tui.model import Campaign, Meta

    return Campaign(meta=Meta(name=name, language=lang), funnel=default_funnel(lang))


def template_names() -> list[str]:
    """The sample campaigns shipped in the package, usable as templates."""
    from importlib import resources

    folder = resources.files("socialroi_tui").joinpath("samples")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def template_title(name: str) -> tuple[str, str]:
    """A sample's campaign name and language (read without validation, for menus)."""
    import tomllib

    try:
        meta = tomllib.loads(template_text(name)).get("meta", {})
        return str(meta.get("name", name)) or name, str(meta.get("language", "fr"))
    except (tomllib.TOMLDecodeError, AttributeError):
        return name, "fr"


def template_text(name: str) -> str:
    from importlib import resources

    return resources.files("socialroi_tui").joinpath("samples", f"{name}.toml").read_text("utf-8")
