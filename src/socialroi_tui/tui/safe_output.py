"""The last guard between the campaign's text and the terminal.

Text from files is made visible where it enters a widget (``socialroi_tui.text.safe``).
This line filter, applied by the app to every line it draws, replaces any control
character that still got through (ESC, BEL…) by ``�``: whatever a widget does with its
text, no escape sequence from a file reaches the terminal.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class ControlCharacters(LineFilter):
    """Show the control characters left in a drawn line as ``�``."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = _CONTROL.search
        if not any(search(segment.text) for segment in segments if not segment.control):
            return segments
        return [
            segment
            if segment.control
            else Segment(_CONTROL.sub("\ufffd", segment.text), segment.style)
            for segment in segments
        ]
