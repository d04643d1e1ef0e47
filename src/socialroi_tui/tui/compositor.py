"""A compositor that draws again only what lies under the regions that changed.

For a partial update, Textual's compositor draws again (from each widget's line cache)
every widget that meets the rectangle around *all* the changes, and all of each widget's
lines. A keystroke in a form changes the field and a few figures elsewhere on screen:
that rectangle holds most of the screen's widgets, and drawing them again cost more than
the keystroke's own work. This one draws, for each changed region, only the rows it
covers, and only in the widgets that show there: the front-most widget that holds the
region whole hides the containers behind it. The terminal gets the same cells
(``tests/tui/test_compositor.py`` checks it against Textual's on every screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


class RegionCompositor(Compositor):
    """Textual's compositor, with partial updates limited to the changed regions.

    Built on ``Compositor._get_renders`` (private, the same from Textual 8.0 to 8.2.8,
    hence the pin in pyproject.toml)."""

    def __init__(self) -> None:
        super().__init__()
        self._changed_regions: list[Region] | None = None

    def render_partial_update(self) -> ChopsUpdate | None:
        self._changed_regions = list(self._dirty_regions)
        try:
            return super().render_partial_update()
        finally:
            self._changed_regions = None

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        changed = self._changed_regions
        if changed is None or crop is None:
            yield from super()._get_renders(crop)
            return
        uncovered = list(changed)
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            under = [change for change in uncovered if visible.overlaps(change)]
            if not under:
                continue
            rows = {
                row
                for change in under
                for row in range(max(change.y, visible.y), min(change.bottom, visible.bottom))
            }
            for first_row, last_row in _runs(sorted(rows)):
                band = Region(visible.x, first_row, visible.width, last_row - first_row)
                yield region, band, widget.render_lines(band.translate((-region.x, -region.y)))
            # Widgets are in front-to-back order: what this one covers, those behind it
            # would draw in vain.
            uncovered = [change for change in uncovered if not visible.contains_region(change)]
            if not uncovered:
                return


def _runs(rows: list[int]) -> Iterable[tuple[int, int]]:
    """Consecutive rows as (first, last + 1) pairs."""
    start = previous = None
    for row in rows:
        if previous is not None and row != previous + 1:
            yield start, previous + 1
            start = None
        if start is None:
            start = row
        previous = row
    if start is not None:
        yield start, previous + 1
