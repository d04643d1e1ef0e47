"""Every use of Textual's private parts, in one place, with Textual's own behaviour as the
fallback.

Typing stays quick through two shortcuts that reach inside Textual. Each is checked when
this module is imported against what it needs (the names and signatures of Textual 8.0
to 8.2.8); when a release changes them, that shortcut is off and the app does what
Textual itself does: slower, never wrong. ``SOCIALROI_PLAIN_TEXTUAL=1`` turns both off
(the benchmarks measure what each one buys), as does ``SOCIALROI_PLAIN_TEXTUAL=region``
or ``=repaint`` for one of them.

- **Region compositor** (``Compositor._get_renders``, ``render_partial_update``,
  ``_dirty_regions``, ``Screen._compositor``): for a partial update Textual draws every
  widget under the rectangle around all the changes, and all its lines; this one draws
  only the rows each change covers, in the front-most widget that holds it.
- **Quick repaint** (``Widget._set_dirty``, ``_layout_cache``, ``_rich_style_cache``,
  ``Screen._compositor``, ``Screen._dirty_widgets``, ``check_idle``): a repaint reaches
  the screen at once instead of after two messages (a ``Prompt``, then an ``Update``).

A field's keys that the app binds (Ctrl+Z, Ctrl+S) go to the app's bindings from the
field (``App._check_bindings``), a message less per container; without it the key goes
up to the app as Textual sends it.
"""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

_TURNED_OFF = {
    part.strip()
    for part in os.environ.get("SOCIALROI_PLAIN_TEXTUAL", "").lower().split(",")
    if part.strip()
}


def _wanted(name: str) -> bool:
    return not (_TURNED_OFF & {name, "1", "all", "yes", "true"})


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


# --- quick repaint -------------------------------------------------------------------


def _can_repaint_quickly() -> bool:
    from textual.widget import Widget

    needed = ("_set_dirty", "clear_cached_dimensions", "_layout_cache", "_rich_style_cache")
    widget_parts = all(
        hasattr(Widget, name) or name in Widget.__init__.__code__.co_names for name in needed
    )
    screen_parts = all(
        name in Screen.__init__.__code__.co_names for name in ("_compositor", "_dirty_widgets")
    )
    return widget_parts and screen_parts and hasattr(Screen, "check_idle")


QUICK_REPAINT = _wanted("repaint") and _can_repaint_quickly()


def quick_repaint(widget: Widget, regions: tuple[Region, ...]) -> bool:
    """What ``Widget.refresh`` does for a repaint, then what the screen does on the
    ``Update`` it would get: ``widget`` is drawn in the next frame, with no message in
    between. False when it could not be done (the caller refreshes as usual)."""
    if not QUICK_REPAINT:
        return False
    widget._layout_cache.clear()
    widget._set_dirty(*regions)
    widget.clear_cached_dimensions()
    widget._rich_style_cache.clear()
    screen = widget.screen
    if widget.display and screen in screen._compositor:
        screen._dirty_widgets.add(widget)
        # Not at once: the other widgets refreshed by the same keystroke (through
        # Textual's messages) reach the screen first, so that one frame shows all.
        asyncio.get_running_loop().call_soon(screen.check_idle)
    return True


# --- keys from a field ---------------------------------------------------------------

_CHECK_BINDINGS = getattr(__import__("textual.app").app.App, "_check_bindings", None)


async def run_app_binding(app: App, key: str) -> bool:
    """Run the binding the app (or a screen) has for ``key``, from a field; False when
    none applies or when this Textual cannot be asked (the key then goes up as usual)."""
    if _CHECK_BINDINGS is None:
        return False
    return bool(await app._check_bindings(key))
