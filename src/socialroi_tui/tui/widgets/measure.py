"""A widget's width, without asking the screen where the widget is."""

from __future__ import annotations

from textual.widget import Widget


def content_width(widget: Widget) -> int:
    """``widget.size.width``: the width inside its border and padding, from the size the
    last layout gave it. ``size`` finds the widget's region on the screen each time,
    going up through every ancestor; a keystroke asks for a dozen widths."""
    return widget.outer_size.width - widget.styles.gutter.width
