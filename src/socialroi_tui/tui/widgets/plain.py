"""Drawing a one-colour widget's lines without Textual's style cache.

Textual passes every line it draws again through a style cache that adds borders,
padding, outline, tint and opacity (about 0.05 ms a line, and a keystroke redraws a
dozen lines). The fields and figure lines have none of these: their lines are their
``render_line`` through the app's line filters. A widget given any of them in CSS is
drawn by the style cache as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    _WidgetBase = Widget
else:  # a Widget base here would change how Textual merges COMPONENT_CLASSES
    _WidgetBase = object


class PlainLines(_WidgetBase):
    """Mixin for a widget (put before it among the bases) whose lines skip the style
    cache while it draws plainly.

    The opacity and the background come from every ancestor's styles: both are kept
    until the widget's styles are updated (``notify_style_update``: a theme change, a
    change of its own classes or focus), as its drawing styles are. The app's CSS never
    changes an ancestor's background or opacity on its own."""

    _through_ancestors: tuple[float, Color] | None = None
    """The opacity, and the background for the line filters, once worked out."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._through_ancestors = None

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._through_ancestors is None:
            self._through_ancestors = (self.opacity, self.background_colors[1])
        opacity, background = self._through_ancestors
        if opacity == 1 and draws_plainly(self):
            return plain_lines(self, crop, background)
        return super().render_lines(crop)


def draws_plainly(widget: Widget) -> bool:
    """No border, padding, outline, tint, text opacity or hatch of its own: nothing for
    the style cache (the opacity, from the ancestors, is for the caller to check)."""
    styles = widget.styles
    return not (
        styles.gutter != (0, 0, 0, 0)
        or any(kind for kind, _color in styles.outline)
        or styles.tint.a
        or styles.text_opacity != 1
        or styles.has_rule("hatch")
    )


def plain_lines(widget: Widget, crop: Region, background: Color) -> list[Strip]:
    """The lines in ``crop`` as the style cache draws them for a plain widget. A line
    shorter than the crop (an empty Input with the focus draws one cell) is filled with
    the widget's background, as the style cache does: else the terminal would keep what
    was there before."""
    filters = widget.app.get_line_filters()
    strips = []
    for y in crop.line_range:
        strip = widget.render_line(y)
        if strip.cell_length < crop.right:
            strip = strip.extend_cell_length(crop.right, widget.rich_style)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        strips.append(strip.crop(crop.x, crop.right))
    return strips
