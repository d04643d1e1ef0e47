"""Drawing a one-colour widget's lines without Textual's style cache.

Textual passes every line it draws again through a style cache that adds borders,
padding, outline, tint and opacity (about 0.05 ms a line, and a keystroke redraws a
dozen lines). The fields and figure lines have none of these: their lines are their
``render_line`` through the app's line filters. A widget given any of them in CSS is
drawn by the style cache as usual.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class PlainLines:
    """Mixin for a widget (put before it among the bases) whose lines skip the style
    cache while it draws plainly."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if draws_plainly(self):  # type: ignore[arg-type]
            return plain_lines(self, crop)  # type: ignore[arg-type]
        return super().render_lines(crop)  # type: ignore[misc]


def draws_plainly(widget: Widget) -> bool:
    """No border, padding, outline, tint, opacity or hatch: nothing for the style cache."""
    styles = widget.styles
    return not (
        styles.gutter != (0, 0, 0, 0)
        or any(kind for kind, _color in styles.outline)
        or styles.tint.a
        or styles.text_opacity != 1
        or widget.opacity != 1
        or styles.has_rule("hatch")
    )


def plain_lines(widget: Widget, crop: Region) -> list[Strip]:
    """The lines in ``crop`` as the style cache draws them for a plain widget whose
    ``render_line`` fills the widget's whole width (Input's fills one cell more)."""
    _base_background, background = widget.background_colors
    filters = widget.app.get_line_filters()
    strips = []
    for y in crop.line_range:
        strip = widget.render_line(y)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        strips.append(strip.crop(crop.x, crop.right))
    return strips
