"""Campaign files: TOML load and atomic save."""

from socialroi_tui.store.toml_store import (
    MAX_FILE_BYTES,
    CampaignFileError,
    LoadedCampaign,
    dump_campaign,
    load_campaign,
    parse_campaign,
    save_campaign,
)

__all__ = [
    "MAX_FILE_BYTES",
    "CampaignFileError",
    "LoadedCampaign",
    "dump_campaign",
    "load_campaign",
    "parse_campaign",
    "save_campaign",
]
