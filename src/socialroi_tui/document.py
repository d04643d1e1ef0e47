"""The campaign being edited: its file, its edit history and whether it is saved.

No Textual here: the app holds one document and sends it edits; tests drive it directly.
The planning engine and the editing rules are imported where first used: a campaign
opens, and its first screen shows, without them (0.3 MB less at start-up).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from socialroi_tui.engine.scenarios import fold, in_scenario
from socialroi_tui.model import Campaign
from socialroi_tui.model.campaign import MOST_SHORT_TEXT
from socialroi_tui.store import LoadedCampaign, load_campaign, save_campaign
from socialroi_tui.store.toml_store import Progress, current_digest

if TYPE_CHECKING:
    from socialroi_tui.engine.evaluate import ActualsSummary, CampaignResults

UNDO_DEPTH = 200
SUMMARIES_KEPT = 3
"""Added-up actual results kept: an undo of an added result finds its figures again."""
_versions = itertools.count(1)


@dataclass(frozen=True)
class UnreadableField:
    """A field whose text cannot be used: what was typed, why, and how to name it."""

    key: str
    """The field's edit key (``budget.ctr``, ``funnel.count:2``: see ``editing``)."""
    label: str
    text: str
    problem: str
    kind: str
    """The number kind (``rate``, ``money``…): how the value kept instead is written."""


@dataclass(frozen=True)
class Undone:
    """What an undo took back: the edit key of the field it came from (None: another edit)."""

    key: str | None


@dataclass(frozen=True)
class _Step:
    """The campaign before an edit, and the key of the edit that followed."""

    campaign: Campaign
    version: int
    key: str | None


Background = Callable[[Callable[[], object], Callable[[object], None]], None]
"""``in_background(work, done)``: ``work`` on another thread, then ``done`` with its
outcome on the interface's thread."""


class CampaignDocument:
    """A campaign, where it lives on disk, and the undo history of its edits.

    Typing in one field is one edit, however many keys it takes: ``apply`` with the
    field's key, and ``mark_unreadable`` while its text is not a number. ``undo`` then
    takes back that field's typing, and only that.
    """

    def __init__(
        self,
        campaign: Campaign,
        path: Path | None = None,
        has_comments: bool = False,
        digest: str | None = None,
    ):
        self.whole = campaign
        """The campaign as its file holds it: the base plan and every scenario."""
        self._view: tuple[Campaign, Campaign] | None = None
        self.path = path
        self.has_comments = has_comments
        self.digest = digest
        """What the file held when read or last saved (to detect other writers)."""
        self._version = next(_versions)
        self._saved_version = self._version if path is not None else -1
        self._history: list[_Step] = []
        self._typing_in: str | None = None
        """The key of the field being typed in, while its keys make one edit."""
        self.unreadable: dict[str, UnreadableField] = {}
        """Fields whose text is not a number, by edit key, in the order they turned so."""
        self._results: CampaignResults | None = None
        self._credited: tuple[tuple, tuple | None, Exception | None] | None = None
        """The attributed sales last worked out (or why they could not be), with what
        they were worked out from."""
        self.attribution_problem: Exception | None = None
        """Why the journeys could not be read, when the dashboard asked for them."""
        self.attribution_in_all: Decimal | None = None
        """The conversions the attribution credits in all, networks of the plan or not."""
        self.in_background: Background | None = None
        """Set by an interface that must stay lively: ``in_background(work, done)`` runs
        ``work`` on another thread, then ``done`` with its outcome on the interface's. The
        attributed sales are then worked out there (``attribution_pending`` meanwhile)."""
        self._crediting: tuple | None = None
        """What the attributed sales are being worked out from, in the background."""
        self._summaries: list[tuple[list, list, ActualsSummary]] = []
        """The actual results last added up (most recent first), by the very lists they
        were added up from."""

    @classmethod
    def open(cls, path: Path | str, progress: Progress | None = None) -> CampaignDocument:
        """Load a file (``CampaignFileError`` says what is wrong with it); ``progress`` is
        told how far a long load has come."""
        loaded: LoadedCampaign = load_campaign(path, progress)
        return cls(loaded.campaign, Path(path), loaded.has_comments, loaded.digest)

    @property
    def campaign(self) -> Campaign:
        """The campaign as the active scenario plans it: what the screens show and edit
        (``apply`` folds their edits back into the scenario)."""
        whole = self.whole
        if not whole.active_scenario:
            return whole
        if self._view is None or self._view[0] is not whole:
            self._view = (whole, in_scenario(whole))
        return self._view[1]

    @property
    def dirty(self) -> bool:
        """Unsaved changes (a new, never-saved campaign counts as unsaved)."""
        return self._version != self._saved_version

    @property
    def version(self) -> int:
        """Changes at each edit and undo; an undo back to what was saved gives it back."""
        return self._version

    @property
    def results(self) -> CampaignResults:
        """Every figure of the campaign, computed once per edit. Actual results are added
        up again only when they (or the channels) change: typing stays fast with 100 000
        publications; a result added (or an import) adds only its rows to what was added
        up, and an undo finds the figures it goes back to among the last few."""
        if self._results is None:
            from socialroi_tui.engine.evaluate import evaluate

            campaign = self.campaign
            attributed = self._attributed(campaign)
            summary = self._summary_of(campaign)
            self._results = evaluate(campaign, actuals=summary, attributed=attributed)
        return self._results

    def _attributed(self, campaign: Campaign):
        """Each network's sales as the chosen attribution model credits them, when the
        dashboard's sales come from attribution (None otherwise, or when the journeys
        cannot be read: ``attribution_problem`` says why, or while they are worked out in
        the background). Read again only when the file, the settings or the networks
        change."""
        self.attribution_problem = self.attribution_in_all = None
        if campaign.dashboard.sales_from != "attribution" or not campaign.attribution.journeys:
            return None  # before importing the journeys' reader (and polars): start-up
        from socialroi_tui.store.journeys import journeys_path

        path = journeys_path(campaign, self.path)
        try:
            stamp = path.stat()
        except OSError as error:
            self.attribution_problem = error
            return None
        key = (str(path), stamp.st_mtime_ns, stamp.st_size, campaign.attribution, campaign.channels)
        if self._credited is None or self._credited[0] != key:
            if self.in_background is not None:
                if self._crediting != key:
                    self._crediting = key
                    self.in_background(
                        lambda: _credit(campaign, path), lambda done: self._credited_in(key, done)
                    )
                return None
            self._credited = (key, *_credit(campaign, path))
        _key, credited, self.attribution_problem = self._credited
        if credited is None:
            return None
        by_network, self.attribution_in_all = credited
        return by_network

    def credited_outside_the_plan(self) -> tuple[Decimal, Decimal] | None:
        """(the conversions the attribution credits to channels that are no network of
        the plan, those it credits in all) when the dashboard counts the attribution's
        sales and some went elsewhere (e-mail, word of mouth): the table leaves them out."""
        results, in_all = self.results, self.attribution_in_all
        if results.sales_from != "attribution" or in_all is None:
            return None
        networks = (results.attributed_by_channel or {}).values()
        counted = sum((t.measures["conversions"] or Decimal(0) for t in networks), Decimal(0))
        return (in_all - counted, in_all) if in_all > counted else None

    @property
    def attribution_pending(self) -> bool:
        """The attributed sales asked for are being worked out in the background."""
        return self._crediting is not None

    def _credited_in(self, key: tuple, done: tuple) -> None:
        """The attributed sales worked out in the background: the figures are worked out
        again with them, unless the campaign asked for others meanwhile."""
        if self._crediting == key:
            self._crediting = None
            self._credited = (key, *done)
            self._results = None

    def _summary_of(self, campaign: Campaign) -> ActualsSummary:
        actuals, channels = campaign.actuals, campaign.channels
        for index, (known_actuals, known_channels, summary) in enumerate(self._summaries):
            if known_actuals is actuals and known_channels is channels:
                self._summaries.insert(0, self._summaries.pop(index))
                return summary
        summary = self.summary_ahead(campaign)
        self.keep_summary(campaign, summary)
        return summary

    def summary_ahead(self, campaign: Campaign) -> ActualsSummary:
        """The actual results of ``campaign`` added up, onto the last ones added up when
        it only adds results to them. Changes nothing: a worker thread may call it for a
        campaign about to be applied (an import), then ``keep_summary``."""
        from socialroi_tui.engine.evaluate import summarise_actuals, summarise_more

        if self._summaries:
            known_actuals, known_channels, known = self._summaries[0]
            actuals, channels = campaign.actuals, campaign.channels
            if _extends(actuals, known_actuals) and _extends(channels, known_channels):
                summary = summarise_more(known, campaign, actuals[len(known_actuals) :])
                if summary is not None:
                    return summary
        return summarise_actuals(campaign)

    def keep_summary(self, campaign: Campaign, summary: ActualsSummary) -> None:
        """Use ``summary`` (``summary_ahead(campaign)``) for ``campaign``'s results."""
        self._summaries.insert(0, (campaign.actuals, campaign.channels, summary))
        del self._summaries[SUMMARIES_KEPT:]

    def work_out(self) -> CampaignResults:
        """Every figure, now (a worker thread does it for a large file)."""
        return self.results

    def apply(self, campaign: Campaign, key: str | None = None) -> bool:
        """Replace the campaign with an edited one (``campaign`` edited as the active
        scenario plans it); False when nothing changed.

        Successive edits with the same ``key`` (keystrokes in one field) undo together;
        typing back what the field held before makes that edit vanish."""
        return self.apply_whole(fold(self.whole, campaign), key)

    def apply_whole(self, campaign: Campaign, key: str | None = None) -> bool:
        """``apply`` for an edit of the file's campaign itself (its scenarios)."""
        if key is not None:
            self.unreadable.pop(key, None)
        if key is None or key != self._typing_in or not self._history:
            if _same(campaign, self.whole):
                return False
            self._push(key)
        elif _same(campaign, self.whole):
            if self._history[-1].campaign is self.whole:  # this typing changed nothing
                self._history.pop()
                self._typing_in = None
            return False
        elif _same(campaign, self._history[-1].campaign):
            self._back(self._history.pop())  # typed back to where this field started
            return True
        self.whole = campaign
        self._version = next(_versions)
        self._results = None
        return True

    def mark_unreadable(self, field: UnreadableField) -> bool:
        """The text typed in a field is not a number: until it reads, the campaign holds
        the value the field had before this typing (the figures shown, and what a save
        would keep, are never a value the keys merely passed through). The typing counts
        as an edit that ``undo`` takes back. True if the campaign changed."""
        from socialroi_tui.editing import restore_field

        self.unreadable.pop(field.key, None)
        self.unreadable[field.key] = field
        if field.key != self._typing_in or not self._history:
            self._push(field.key)
        start = self._history[-1]
        restored = fold(
            self.whole, restore_field(self.campaign, in_scenario(start.campaign), field.key)
        )
        if _same(restored, self.whole):
            return False
        if _same(restored, start.campaign):
            self.whole, self._version = start.campaign, start.version
        else:
            self.whole, self._version = restored, next(_versions)
        self._results = None
        return True

    def forget_unreadable(self, which: Callable[[str], bool]) -> None:
        """Drop the unreadable text of the fields ``which`` selects (their fields are gone)."""
        for key in [key for key in self.unreadable if which(key)]:
            del self.unreadable[key]

    def end_typing(self) -> None:
        """The user left the field: the next keys in it make a new edit."""
        self._typing_in = None

    def _push(self, key: str | None) -> None:
        self._history.append(_Step(self.whole, self._version, key))
        del self._history[:-UNDO_DEPTH]
        self._typing_in = key

    def _back(self, step: _Step) -> None:
        self.whole, self._version = step.campaign, step.version
        if step.key is not None:
            self.unreadable.pop(step.key, None)
        self._typing_in = None
        self._results = None

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def undo(self) -> Undone | None:
        """Take back the last edit (a field's typing is one edit); None if there is none.
        The unsaved marker follows: back to what was saved is clean."""
        if not self._history:
            return None
        step = self._history.pop()
        self._back(step)
        return Undone(step.key)

    def value_before(self, key: str) -> Decimal | None:
        """What field ``key`` held before its latest typing (what ``revert_field`` keeps)."""
        from socialroi_tui.editing import field_value

        before = self._before(key)
        return field_value(self.campaign if before is None else in_scenario(before), key)

    def revert_field(self, key: str) -> None:
        """Keep what field ``key`` held before its latest typing, and nothing typed since
        in it (its unreadable text is dropped); edits made elsewhere in the meantime
        stay."""
        from socialroi_tui.editing import restore_field

        if self._history and self._history[-1].key == key:
            self.undo()
            return
        before = self._before(key)
        self.unreadable.pop(key, None)
        if before is not None:
            self.apply(restore_field(self.campaign, in_scenario(before), key))

    def _before(self, key: str) -> Campaign | None:
        return next((step.campaign for step in reversed(self._history) if step.key == key), None)

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
        campaign = self.whole
        if not campaign.meta.name:  # the file's name, as much of it as a name holds
            name = target.stem[:MOST_SHORT_TEXT]
            campaign = campaign.model_copy(
                update={"meta": campaign.meta.model_copy(update={"name": name})}
            )
            self.whole = campaign
            self._results = None
        self.digest = save_campaign(campaign, target)
        if target != self.path:  # figures read beside the file (journeys) are read there now
            self._results = None
        self.path = target
        self.has_comments = False
        self._saved_version = self._version
        return target


def _credit(campaign: Campaign, path: Path) -> tuple[tuple | None, Exception | None]:
    """(the attributed sales and the conversions credited in all, None), or (None, why
    they cannot be worked out)."""
    from socialroi_tui.attribution_presenter import credited_by
    from socialroi_tui.engine.attribution import AttributionError
    from socialroi_tui.store.journeys import JourneyError, attributed_sales
    from socialroi_tui.text.words import Problem

    try:
        return attributed_sales(campaign, path, credited_by), None
    except (JourneyError, AttributionError, OSError) as error:
        return None, error
    except MemoryError:  # a file too large for this machine: said, the app goes on
        return None, AttributionError(Problem.of("attribution_no_memory"))


def _extends(longer: list, shorter: list) -> bool:
    """Whether ``longer`` holds the very items of ``shorter`` first (then perhaps more)."""
    return len(longer) >= len(shorter) and all(
        a is b for a, b in zip(longer, shorter, strict=False)
    )


def _same(first: Campaign, second: Campaign) -> bool:
    """Equal campaigns, comparing shared parts by identity first (cheap with 100 000 rows)."""
    return all(
        getattr(first, name) is getattr(second, name)
        or getattr(first, name) == getattr(second, name)
        for name in type(first).model_fields
    )
