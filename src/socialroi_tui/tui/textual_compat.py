"""Every use of Textual's private parts, in one place, with Textual's own behaviour as the
fallback.

Typing stays quick through one shortcut that reaches inside Textual, checked when this
module is imported against what it needs (the names and signatures of Textual 8.0 to
8.2.8); when a release changes them, the shortcut is off and the app does what Textual
itself does: slower, never wrong. ``SOCIALROI_PLAIN_TEXTUAL=1`` turns it off (the
benchmarks measure what it buys).

- **Region compositor** (``Compositor._get_renders``, ``render_partial_update``,
  ``_dirty_regions``, ``Screen._compositor``): for a partial update Textual draws every
  widget under the rectangle around all the changes, and all its lines; this one draws
  only the rows each change covers, in the front-most widget that holds it. Measured
  with ``benchmarks.keystrokes``: a key in the budget's CTR field 4.0 ms → 2.6 ms at the
  median (p95 6.5 → 4.2 ms), in a funnel step rate 3.3 → 2.2 ms (p95 5.6 → 3.2 ms).

- **Merged bindings** (``DOMNode._merge_bindings``): the keys a Textual widget's classes
  declare, merged as Textual merges them, for the help's key tables; without it, each
  class's own ``BINDINGS`` from the widget up (what Textual merges in the usual case).

Two more shortcuts were measured and removed, their gain lost in the noise: a repaint
sent to the screen without Textual's two messages, and a field's app-bound keys run from
the field.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable

from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

_TURNED_OFF = {
    part.strip()
    for part in os.environ.get("SOCIALROI_PLAIN_TEXTUAL", "").lower().split(",")
    if part.strip()
}


def _wanted(name: str) -> bool:
    return not (_TURNED_OFF & {name, "1", "all", "yes", "true"})


# --- merged bindings -----------------------------------------------------------------


def merged_bindings(widget: type) -> list[Binding]:
    """Every binding ``widget`` (a class) and its bases declare, as Textual merges them."""
    merge = getattr(widget, "_merge_bindings", None) if _wanted("bindings") else None
    if callable(merge):
        try:
            return [binding for _key, binding in merge()]
        except Exception:  # a release that changed it: Textual's public declarations
            pass
    bindings: dict[str, Binding] = {}
    for owner in widget.__mro__:  # a class's key hides its bases' binding of that key
        for binding in Binding.make_bindings(owner.__dict__.get("BINDINGS", [])):
            bindings.setdefault(binding.key, binding)
        if not getattr(owner, "inherit_bindings", True):
            break
    return list(bindings.values())


# --- region compositor ---------------------------------------------------------------


def _region_compositor_class() -> type | None:
    """``RegionCompositor`` if this Textual has what it builds on, else None."""
    try:
        from textual._compositor import ChopsUpdate, Compositor
    except ImportError:
        return None
    needed = ("_get_renders", "render_partial_update", "visible_widgets")
    if not all(hasattr(Compositor, name) for name in needed) or ChopsUpdate is None:
        return None
    if list(inspect.signature(Compositor._get_renders).parameters) != ["self", "crop"]:
        return None
    if "_compositor" not in Screen.__init__.__code__.co_names:
        return None

    class RegionCompositor(Compositor):
        """Textual's compositor, with partial updates limited to the changed regions."""

        def __init__(self) -> None:
            super().__init__()
            self._changed_regions: list[Region] | None = None

        def render_partial_update(self):
            self._changed_regions = list(self._dirty_regions)
            try:
                return super().render_partial_update()
            finally:
                self._changed_regions = None

        def _get_renders(self, crop: Region | None = None):
            changed = self._changed_regions
            if changed is None or crop is None:
                yield from super()._get_renders(crop)
                return
            yield from _changed_rows(self.visible_widgets, changed)

    return RegionCompositor


def _changed_rows(
    visible_widgets: dict, changed: list[Region]
) -> Iterable[tuple[Region, Region, list[Strip]]]:
    """For each changed region, the rows it covers in the widgets that show there: the
    front-most widget that holds a region whole hides those behind it."""
    uncovered = list(changed)
    for widget, (region, clip) in visible_widgets.items():
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
        # Widgets come front to back: what this one covers, those behind would draw in vain.
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


RegionCompositor = _region_compositor_class() if _wanted("region") else None
"""None when this Textual lacks what it needs (the screens keep Textual's own)."""


def use_region_compositor(screen: Screen) -> None:
    """Give ``screen`` the region compositor (at its creation), when there is one."""
    if RegionCompositor is not None:
        screen._compositor = RegionCompositor()
