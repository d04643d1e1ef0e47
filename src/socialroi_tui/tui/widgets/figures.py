"""Small renderers shared by the funnel and budget screens."""

from __future__ import annotations

from decimal import Decimal
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from socialroi_tui.text.safe import padded
from socialroi_tui.tui.widgets.measure import content_width
from socialroi_tui.tui.widgets.plain import PlainLines

BAR_CELLS = " ▏▎▍▌▋▊▉█"


PLAN_MARK = "│"
"""Where the plan ends, on a bar drawn against it."""
OVER_CELL = "▒"
"""A bar's part beyond its plan: another shade, so that it reads without colour."""


def bar(fraction: Decimal | None, width: int, mark: Decimal | None = None) -> str:
    """A horizontal bar of ``width`` cells filled to ``fraction`` (eighths of a cell).

    With ``mark`` (a plan, a fraction of the same scale) the text is exactly ``width``
    cells: the scale takes ``width - 1`` of them, ``│`` stands where the plan ends, and
    the part of the bar beyond it is drawn ``▒`` (at least a cell when the bar is past
    the plan at all). Without ``fraction`` the marker stands alone."""
    if mark is not None:
        return _marked_bar(fraction, width, mark)
    if fraction is None or width <= 0:
        return ""
    eighths = int(max(min(fraction, Decimal(1)), Decimal(0)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (BAR_CELLS[part] if part else "")
    return text or "▏"


def _marked_bar(fraction: Decimal | None, width: int, mark: Decimal) -> str:
    if width <= 1:
        return PLAN_MARK[:width]
    length = width - 1
    mark = max(min(mark, Decimal(1)), Decimal(0))
    at = min(int(mark * length + Decimal("0.5")), length)  # the plan's cell, rounded
    filled = bar(fraction, length)
    beyond = len(filled) - (at + 1)
    if fraction is not None and fraction > mark:
        beyond = max(beyond, 1)  # a bar past its plan shows it, however little
    beyond = max(min(beyond, length - at), 0)
    within = filled[:at].ljust(at)
    return within + PLAN_MARK + OVER_CELL * beyond + " " * (length - at - beyond)


def pairs(rows: list[tuple[str, str]], width: int, emphasis: set[str] | None = None) -> list[Text]:
    """``label ........ value`` lines, values right-aligned to ``width``."""
    lines = []
    for label, value in rows:
        room = max(width - len(value) - 1, 4)
        line = padded(label, room) + " " + value
        lines.append(Text(line, style="bold" if emphasis and label in emphasis else ""))
    return lines


class FigureLines(PlainLines, Widget):
    """Lines of figures drawn with Textual's line API: when figures change, only the
    lines whose text differs are drawn again and sent to the terminal."""

    DEFAULT_CSS = """
    FigureLines {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}

    @property
    def plain(self) -> str:
        return "\n".join(line.plain for line in self._lines)

    def show(self, lines: list[Text]) -> None:
        """Display ``lines``; a new number of lines lays the screen out again."""
        before, self._lines = self._lines, lines
        if len(before) != len(lines):
            self._strips.clear()
            self.refresh(layout=True)
            return
        width = content_width(self)
        changed = [y for y, (old, new) in enumerate(zip(before, lines, strict=True)) if old != new]
        for y in changed:
            self._strips.pop(y, None)
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        strip = self._strips.get(y)
        if strip is None:
            text = self._lines[y] if y < len(self._lines) else Text()
            console = self.app.console
            base = self.visual_style.rich_style
            # Text.render leaves out the text's own style: put it over the widget's.
            style = base + console.get_style(text.style, default="")
            segments = Segment.apply_style(text.render(console), style)
            strip = Strip(list(segments)).extend_cell_length(content_width(self), base)
            self._strips[y] = strip
        return strip


_SHOWN: WeakKeyDictionary[Static, Text | str] = WeakKeyDictionary()
"""The text each Static was last given by ``show_text`` (kept here, not on the widget)."""


def show_text(widget: Static, text: Text | str, layout: bool = False) -> None:
    """Update ``widget`` only when its text changes, without a layout pass unless asked:
    on a keystroke this keeps the work to the cells that change."""
    if _SHOWN.get(widget) == text:
        return
    _SHOWN[widget] = text
    widget.update(Text(text) if isinstance(text, str) else text, layout=layout)  # never markup
