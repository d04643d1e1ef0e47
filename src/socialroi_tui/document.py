"""The campaign being edited: its file, its edit history and whether it is saved.

No Textual here: the app holds one document and sends it edits; tests drive it directly.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from socialroi_tui.engine.evaluate import CampaignResults, evaluate, summarise_actuals
from socialroi_tui.model import Campaign
from socialroi_tui.store import LoadedCampaign, load_campaign, save_campaign
from socialroi_tui.store.toml_store import current_digest

UNDO_DEPTH = 200
_versions = itertools.count(1)


class CampaignDocument:
    """A campaign, where it lives on disk, and the undo history of its edits."""

    def __init__(
        self,
        campaign: Campaign,
        path: Path | None = None,
        has_comments: bool = False,
        digest: str | None = None,
    ):
        self.campaign = campaign
        self.path = path
        self.has_comments = has_comments
        self.digest = digest
        """What the file held when read or last saved (to detect other writers)."""
        self._version = next(_versions)
        self._saved_version = self._version if path is not None else -1
        self._history: list[tuple[Campaign, int]] = []
        self._last_edit_key: str | None = None
        self._results: CampaignResults | None = None
        self._actuals: tuple | None = None

    @classmethod
    def open(cls, path: Path | str) -> CampaignDocument:
        """Load a file (``CampaignFileError`` says what is wrong with it)."""
        loaded: LoadedCampaign = load_campaign(path)
        return cls(loaded.campaign, Path(path), loaded.has_comments, loaded.digest)

    @property
    def dirty(self) -> bool:
        """Unsaved changes (a new, never-saved campaign counts as unsaved)."""
        return self._version != self._saved_version

    @property
    def results(self) -> CampaignResults:
        """Every figure of the campaign, computed once per edit. Actual results are added
        up again only when they (or the channels) change: typing stays fast with 100 000
        publications."""
        if self._results is None:
            campaign = self.campaign
            cached = self._actuals
            if (
                cached is None
                or cached[0] is not campaign.actuals
                or cached[1] is not (campaign.channels)
            ):
                cached = (campaign.actuals, campaign.channels, summarise_actuals(campaign))
                self._actuals = cached
            self._results = evaluate(campaign, actuals=cached[2])
        return self._results

    def apply(self, campaign: Campaign, key: str | None = None) -> bool:
        """Replace the campaign with an edited one; False when nothing changed.

        Successive edits with the same ``key`` (keystrokes in one field) undo together.
        """
        if _same(campaign, self.campaign):
            return False
        if key is None or key != self._last_edit_key or not self._history:
            self._history.append((self.campaign, self._version))
            del self._history[:-UNDO_DEPTH]
        self._last_edit_key = key
        self.campaign = campaign
        self._version = next(_versions)
        self._results = None
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def undo(self) -> bool:
        """Go back one edit; the unsaved marker follows (back to saved is clean)."""
        if not self._history:
            return False
        self.campaign, self._version = self._history.pop()
        self._last_edit_key = None
        self._results = None
        return True

    def changed_on_disk(self) -> bool:
        """Whether the file was changed (or removed) by someone else since we read or saved it."""
        if self.path is None:
            return False
        if self.digest is None:  # never read nor saved: is someone else's file there now?
            return self.path.exists()
        return current_digest(self.path) != self.digest

    def save(self, path: Path | str | None = None) -> Path:
        """Save atomically to ``path`` (or the current file); ``CampaignFileError`` on failure."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name yet: use save as")
        campaign = self.campaign
        if not campaign.meta.name:
            campaign = campaign.model_copy(
                update={"meta": campaign.meta.model_copy(update={"name": target.stem})}
            )
            self.campaign = campaign
            self._results = None
        self.digest = save_campaign(campaign, target)
        self.path = target
        self.has_comments = False
        self._saved_version = self._version
        return target


def _same(first: Campaign, second: Campaign) -> bool:
    """Equal campaigns, comparing shared parts by identity first (cheap with 100 000 rows)."""
    return all(
        getattr(first, name) is getattr(second, name)
        or getattr(first, name) == getattr(second, name)
        for name in type(first).model_fields
    )
