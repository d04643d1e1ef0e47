"""Repainting a widget without a round of messages.

When a widget asks to be repainted, Textual wakes the widget's own message loop (a
``Prompt``), and at the widget's next idle moment posts an ``Update`` to its screen,
which only then adds it to the widgets to draw. A keystroke in the funnel repaints about
4 such widgets: 8 messages before the frame can be drawn, about 0.8 ms here. A
``QuickRefresh`` widget adds itself to its screen's widgets to draw at once, as the
screen would on the ``Update`` (``textual_compat.quick_repaint``, which falls back to
Textual's own refresh where a release changed what it uses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region

from socialroi_tui.tui.textual_compat import quick_repaint

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
        plain = layout or recompose or not repaint or not self.is_mounted
        if plain or not quick_repaint(self, regions):
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self
