"""Small renderers shared by the funnel and budget screens."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from socialroi_tui.textsafe import one_line

BAR_CELLS = " ▏▎▍▌▋▊▉█"


def bar(fraction: Decimal | None, width: int) -> str:
    """A horizontal bar of ``width`` cells filled to ``fraction`` (eighths of a cell)."""
    if fraction is None or width <= 0:
        return ""
    eighths = int(max(min(fraction, Decimal(1)), Decimal(0)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (BAR_CELLS[part] if part else "")
    return text or "▏"


def pairs(rows: list[tuple[str, str]], width: int, emphasis: set[str] | None = None) -> Text:
    """``label ........ value`` lines, values right-aligned to ``width``."""
    text = Text()
    for index, (label, value) in enumerate(rows):
        room = max(width - len(value) - 1, 4)
        line = one_line(label, room).ljust(room) + " " + value
        style = "bold" if emphasis and label in emphasis else ""
        text.append(line, style=style)
        if index < len(rows) - 1:
            text.append("\n")
    return text


def show_text(widget: Static, text: Text | str, layout: bool = False) -> None:
    """Update ``widget`` only when its text changes, without a layout pass unless asked:
    on a keystroke this keeps the work to the cells that change."""
    if getattr(widget, "_shown_text", None) == text:
        return
    widget._shown_text = text  # type: ignore[attr-defined]
    widget.update(text, layout=layout)
