"""Horizontal bars of a :class:`~socialroi_tui.presenter.BarChart`, fitted to the width.

A line for the title, then a line per row: the label (cut with ``…``), the figure, the
bar (``│`` where the plan ends, ``▒`` beyond it), and the row's own plan when the rows
are not all held to the same one. What is drawn reads without colour; colour only adds
to it. The arithmetic (scale, fractions, what is over) is the presenter's.
"""

from __future__ import annotations

from rich.text import Text

from socialroi_tui.presenter import BarChart
from socialroi_tui.text.safe import cell_width, one_line, padded
from socialroi_tui.tui.widgets.figures import PLAN_MARK, FigureLines, bar
from socialroi_tui.tui.widgets.measure import content_width

LABEL_MOST = 16
"""The label column's widest (a longer name is cut with ``…``)."""
LABEL_LEAST = 4
BAR_LEAST = 8
"""Below this many cells for the bars, the rows' own plans are left out for room."""


def _right(text: str, width: int) -> str:
    return " " * max(width - cell_width(text), 0) + text


def chart_lines(
    chart: BarChart,
    width: int,
    reference_name: str = "",
    empty: str = "",
    over_style: str = "bold",
) -> list[Text]:
    """The chart's lines, each at most ``width`` cells. ``reference_name`` names the
    marker in the title line (``│ plan 5,00 €``); ``empty`` is shown when there is no
    row. Labels go through :mod:`socialroi_tui.text.safe` (no markup is read, no control
    character drawn)."""
    width = max(width, 1)
    title = Text(one_line(chart.title, width), style="bold")
    legend = ""
    if chart.has_references and reference_name:
        legend = f" · {PLAN_MARK} {reference_name}"
        if chart.shared_reference_text is not None:
            legend += f" {chart.shared_reference_text}"
    if legend and cell_width(title.plain + legend) <= width:
        title.append(legend)
    lines = [title] if chart.title or legend else []
    if not chart.rows:
        if empty:
            lines.append(Text(one_line(empty, width), style="italic"))
        return lines
    rows = chart.rows
    value_width = max(cell_width(row.value_text) for row in rows)
    own_references = chart.has_references and chart.shared_reference_text is None
    reference_width = max(cell_width(row.reference_text) for row in rows) if own_references else 0
    names = [one_line(row.label) for row in rows]
    label_width = min(max(cell_width(name) for name in names), LABEL_MOST)

    def bar_room(label: int, reference: int) -> int:
        return width - label - 1 - value_width - 1 - (reference + 1 if reference else 0)

    if reference_width and bar_room(LABEL_LEAST, reference_width) < BAR_LEAST:
        reference_width = 0  # too narrow for each row's plan: the marker still shows it
    room_for_label = bar_room(0, reference_width) - BAR_LEAST
    label_width = max(min(label_width, room_for_label), LABEL_LEAST)
    bar_width = max(bar_room(label_width, reference_width), 0)
    for row, name in zip(rows, names, strict=True):
        line = Text(padded(name, label_width) + " ")
        line.append(_right(row.value_text, value_width), style=over_style if row.over else "")
        line.append(" ")
        if row.mark is None:
            line.append(bar(row.fill, bar_width).ljust(bar_width), style="bold")
        else:
            within, marker, beyond = bar(row.fill, bar_width, row.mark).partition(PLAN_MARK)
            line.append(within, style="bold")
            line.append(marker)
            line.append(beyond, style=over_style)
        if reference_width:
            line.append(" " + _right(row.reference_text, reference_width), style="dim")
        line.truncate(width)
        lines.append(line)
    return lines


class Bars(FigureLines):
    """A bar chart that fits its width (laid out again when resized).

    ``show_chart(chart, reference_name=..., empty=...)`` draws a chart from
    :func:`socialroi_tui.presenter.bar_chart`; a chart equal to the one shown draws
    nothing again."""

    DEFAULT_CSS = """
    Bars {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._chart: tuple[BarChart, str, str] | None = None
        self._drawn: tuple | None = None

    def show_chart(self, chart: BarChart, reference_name: str = "", empty: str = "") -> None:
        self._chart = (chart, reference_name, empty)
        self._draw()

    def _draw(self) -> None:
        if self._chart is None:
            return
        chart, reference_name, empty = self._chart
        width = content_width(self) if self.is_mounted else 0
        if width <= 0:
            width = 40  # laid out again once the widget has its size
        over = self.app.theme_variables.get("warning", "yellow") if self.is_attached else ""
        over_style = f"bold {over}".strip()
        drawn_from = (chart, reference_name, empty, width, over_style)
        if drawn_from == self._drawn:
            return
        self._drawn = drawn_from
        self.show(chart_lines(chart, width, reference_name, empty, over_style))

    def on_resize(self) -> None:  # FigureLines' own handler runs too (Textual calls each)
        self._draw()
