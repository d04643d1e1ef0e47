"""Repainting a widget without a round of messages.

When a widget asks to be repainted, Textual wakes the widget's own message loop (a
``Prompt``), and at the widget's next idle moment posts an ``Update`` to its screen,
which only then adds it to the widgets to draw. A keystroke in the funnel repaints about
4 such widgets: 8 messages before the frame can be drawn, about 0.8 ms here. A
``QuickRefresh`` widget adds itself to its screen's widgets to draw at once, as the
screen would on the ``Update``. It uses what Textual's ``Widget.refresh`` and
``Screen._on_update`` use, private parts included (the same from 8.0 to 8.2.8: textual is
pinned below 8.3).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.geometry import Region

if TYPE_CHECKING:
    from textual.widget import Widget

    _WidgetBase = Widget
else:  # a Widget base here would change how Textual merges COMPONENT_CLASSES
    _WidgetBase = object


class QuickRefresh(_WidgetBase):
    """Mixin for a widget (put before it among the bases): a repaint goes to the screen
    at once. Layouts and recomposes go through Textual's usual messages."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ):
        if layout or recompose or not repaint or not self.is_mounted:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        # What Widget.refresh does for a repaint, then what Screen._on_update does.
        self._layout_cache.clear()
        self._set_dirty(*regions)
        self.clear_cached_dimensions()
        self._rich_style_cache.clear()
        screen = self.screen
        if self.display and screen in screen._compositor:
            screen._dirty_widgets.add(self)
            # Not at once: the other widgets refreshed by the same keystroke (through
            # Textual's messages) reach the screen first, so that one frame shows all.
            asyncio.get_running_loop().call_soon(screen.check_idle)
        return self
