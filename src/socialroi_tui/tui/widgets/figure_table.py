"""A table of figures that draws only the rows on screen.

Textual's DataTable formats and keeps every cell of every row it is given: a campaign
of 100 000 publications took minutes to show. This table is handed the rows and a
function that writes a cell; it writes the cells of the rows on screen, when they are
drawn. Its header stays on top and its first column stays on the left while the other
columns scroll sideways (at 80 columns, the publication's name stays beside its CPA).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from socialroi_tui.text.safe import cell_width, one_line, padded

RowType = TypeVar("RowType")
GAP = "  "
"""Between two columns: two spaces, so that two figures never read as one."""


@dataclass(frozen=True)
class TableColumn:
    """A column: its key, its title, its width in cells; figures are right-aligned."""

    key: str
    title: str
    width: int
    right: bool = True


class FigureTable(ScrollView, Generic[RowType], can_focus=True):
    """Rows of figures, drawn as they come on screen. ``cell(row, key)`` writes a cell,
    ``emphasis(row)`` says whether a row is a heading (bold)."""

    DEFAULT_CSS = """
    FigureTable {
        background: $surface;
    }
    FigureTable > .figure-table--header {
        text-style: bold;
        color: $primary;
        background: $boost;
    }
    FigureTable > .figure-table--cursor {
        background: $primary 60%;
        text-style: bold;
    }
    FigureTable:nocolor > .figure-table--cursor {
        text-style: bold reverse;
    }
    """
    COMPONENT_CLASSES = {"figure-table--header", "figure-table--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1_000_000_000)", show=False),
        Binding("end", "move(1_000_000_000)", show=False),
        Binding("left", "sideways(-1)", show=False),
        Binding("right", "sideways(1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)
    fixed_columns = 1
    """The columns that stay on the left while the others scroll sideways."""

    class RowSelected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, table: FigureTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class HeaderSelected(Message):
        """A click on a column's title."""

        def __init__(self, table: FigureTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns: list[TableColumn] = []
        self.rows: Sequence[RowType] = ()
        self._cell: Callable[[RowType, str], str] = lambda row, key: ""
        self._emphasis: Callable[[RowType], bool] = lambda row: False
        self._starts: list[int] = []
        """Where each column after the first starts, in cells."""
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        """Lines drawn, by row, columns shown, width and cursor (forgotten with the rows)."""

    # --- what it shows ------------------------------------------------------------

    def show_rows(
        self,
        columns: list[TableColumn],
        rows: Sequence[RowType],
        cell: Callable[[RowType, str], str],
        emphasis: Callable[[RowType], bool],
    ) -> None:
        """Show ``rows`` (the cursor stays on its line, within the new rows)."""
        self.columns, self.rows = columns, rows
        self._cell, self._emphasis = cell, emphasis
        self._starts = []
        start = 0
        for column in columns[self.fixed_columns :]:
            self._starts.append(start)
            start += column.width + len(GAP)
        self.virtual_size = Size(start + self._fixed_width(), len(rows) + 1)
        self.set_reactive(FigureTable.cursor_row, max(0, min(self.cursor_row, len(rows) - 1)))
        self._strips.clear()
        self.refresh()

    def row_texts(self, index: int) -> list[str]:
        """The cells of row ``index`` as written (what the tests read)."""
        row = self.rows[index]
        return [self._cell(row, column.key) for column in self.columns]

    # --- drawing ------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        shown = self._shown_columns(width)
        if y == 0:
            texts = [column.title for column in shown]
            return self._line(
                shown, texts, self.get_component_rich_style("figure-table--header"), width
            )
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        cursor = index == self.cursor_row and self.has_focus
        key = (index, len(shown), self._first_column(), width, cursor)
        strip = self._strips.get(key)
        if strip is None:
            row = self.rows[index]
            style = self.rich_style
            if self._emphasis(row):
                style += Style(bold=True)
            if cursor:
                style += self.get_component_rich_style("figure-table--cursor")
            strip = self._line(
                shown, [self._cell(row, column.key) for column in shown], style, width
            )
            self._strips[key] = strip
        return strip

    def _shown_columns(self, width: int) -> list[TableColumn]:
        """The fixed columns, then whole columns from the horizontal scroll on: a figure
        is shown whole or not at all, never cut to look like another."""
        fixed = self.columns[: self.fixed_columns]
        used = self._fixed_width()
        shown = list(fixed)
        for column in self.columns[self.fixed_columns + self._first_column() :]:
            if used + column.width > width:
                break
            shown.append(column)
            used += column.width + len(GAP)
        return shown

    def _line(
        self, columns: list[TableColumn], texts: list[str], style: Style, width: int
    ) -> Strip:
        """The cells of ``columns``, each as wide as its column (only the columns shown
        are written: a row's other figures are never worked out)."""
        if not columns:
            return Strip.blank(width, style)
        cells = []
        for column, text in zip(columns, texts, strict=True):
            text = one_line(text, column.width)
            gap = " " * (column.width - cell_width(text))
            cells.append((gap + text if column.right else padded(text, column.width)) + GAP)
        line = "".join(cells)
        return Strip([Segment(line, style)]).extend_cell_length(width, style).crop(0, width)

    def _fixed_width(self) -> int:
        """The cells the fixed columns take, their gaps included."""
        return sum(column.width + len(GAP) for column in self.columns[: self.fixed_columns])

    def _first_column(self) -> int:
        """The first column shown after the fixed ones, from the horizontal scroll."""
        scroll_x = round(self.scroll_offset.x)
        return next((i for i, start in enumerate(self._starts) if start >= scroll_x), 0)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_line(old - round(self.scroll_offset.y) + 1)
        self.refresh_line(new - round(self.scroll_offset.y) + 1)

    def notify_style_update(self) -> None:
        """A theme or a style changed: lines are drawn again in the new colours."""
        self._strips.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- keys and clicks ----------------------------------------------------------

    def action_move(self, offset: int) -> None:
        if not self.rows:
            return
        self.cursor_row = max(0, min(self.cursor_row + offset, len(self.rows) - 1))
        self._keep_cursor_in_view()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 2, 1))

    def reveal_column(self, key: str) -> None:
        """Scroll sideways, if need be, so that the column ``key`` is on screen."""
        fixed = self.fixed_columns
        index = next((i for i, c in enumerate(self.columns[fixed:]) if c.key == key), None)
        if index is None or not self.columns:
            return
        room = self.scrollable_content_region.width - self._fixed_width()
        first = self._first_column()
        end = self._starts[index] + self.columns[index + fixed].width
        if index < first or end - self._starts[first] > room:
            self.scroll_to(x=self._starts[index], animate=False)
            self.refresh()

    def action_sideways(self, step: int) -> None:
        """One column to the right (``step`` 1) or to the left (-1)."""
        if not self._starts:
            return
        index = max(0, min(self._first_column() + step, len(self._starts) - 1))
        self.scroll_to(x=self._starts[index], animate=False)
        self.refresh()

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def _keep_cursor_in_view(self) -> None:
        shown = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            key = self._column_at(event.x)
            if key is not None:
                self.post_message(self.HeaderSelected(self, key))
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor_row and event.chain > 1:
                self.post_message(self.RowSelected(self, index))
            self.cursor_row = index

    def _column_at(self, x: int) -> str | None:
        """The column under screen column ``x`` of the header."""
        if not self.columns:
            return None
        position = 0
        for column in self.columns[: self.fixed_columns]:
            if x < position + column.width + 1:
                return column.key
            position += column.width + 1
        position -= round(self.scroll_offset.x)
        for column in self.columns[self.fixed_columns :]:
            if position <= x < position + column.width + 1:
                return column.key
            position += column.width + 1
        return None
