"""Dialogs of the dashboard's data: the actual rows behind a network (to edit, delete or
take back with their whole import) and the columns the table shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from socialroi_tui.model import ActualResult
from socialroi_tui.presenter import format_by_unit
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog
from socialroi_tui.tui.widgets.figure_table import FigureTable, TableColumn

ROW_FIGURES = (
    ("spend", "money"),
    ("clicks", "count"),
    ("conversions", "count"),
    ("revenue", "money"),
)


@dataclass(frozen=True)
class RowActions:
    """What the rows dialog asks of its screen, for the row at an index of the campaign's
    actual results; each calls ``done`` once the campaign changed (or did not)."""

    rows: Callable[[], list[tuple[int, ActualResult]]]
    import_name: Callable[[str], str]
    edit: Callable[[int, Callable[[], None]], None]
    delete: Callable[[int, Callable[[], None]], None]
    take_back: Callable[[int, Callable[[], None]], None]


class RowsDialog(Dialog[None]):
    """The actual rows of a network (or of one publication), as they were imported or
    typed: Enter edits one, Delete removes it, ``x`` takes back its whole import."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "key_close"),
        Binding("e", "edit", "key_edit_row"),
        Binding("delete,d", "delete", "key_delete_row"),
        Binding("x", "take_back", "key_take_back_import"),
        Binding("ctrl+z", "undo", "key_undo", show=False),
    ]
    DEFAULT_CSS = """
    RowsDialog .dialog {
        width: 100;
    }
    RowsDialog FigureTable {
        height: 14;
        border: round $primary;
    }
    """

    def __init__(self, title: str, actions: RowActions, currency: str, lang: Language) -> None:
        super().__init__()
        self.title_text = one_line(title, 90)
        self.actions = actions
        self.currency = currency
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield FigureTable(id="rows-table")
            yield Static(t("rows_hint", lang), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("key_close", lang), id="rows-close", compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(FigureTable).focus()

    def reload(self) -> None:
        """Show the rows as the campaign holds them now."""
        lang, currency = self.lang, self.currency
        rows = self.actions.rows()
        table: FigureTable = self.query_one(FigureTable)

        def cell(entry: tuple[int, ActualResult], key: str) -> str:
            row = entry[1]
            if key == "publication":
                return row.publication or "—"
            if key == "date":
                return row.date.isoformat() if row.date else "—"
            if key == "source":
                origin = t(f"origin_short_{row.origin}", lang)
                return f"{origin} · {self.actions.import_name(row.source)}"
            unit = dict(ROW_FIGURES)[key]
            return format_by_unit(getattr(row, key), unit, currency, lang)

        # The figures before where the row came from: at 80 columns the first of them show.
        columns = [
            TableColumn("publication", t("publication", lang), 16, right=False),
            TableColumn("date", t("date", lang), 10, right=False),
        ]
        titles = {"clicks": t("column_clicks_or_sessions", lang)}
        columns += [
            TableColumn(name, titles.get(name) or t(f"column_{name}", lang), 12)
            for name, _ in ROW_FIGURES
        ]
        columns.append(TableColumn("source", t("row_source", lang), 30, right=False))
        table.show_rows(columns, rows, cell, lambda entry: False)
        table.border_subtitle = t("rows_none", lang) if not rows else ""

    def _chosen(self) -> int | None:
        table: FigureTable = self.query_one(FigureTable)
        if not table.rows:
            return None
        return table.rows[table.cursor_row][0]

    def action_edit(self) -> None:
        index = self._chosen()
        if index is not None:
            self.actions.edit(index, self.reload)

    def action_delete(self) -> None:
        index = self._chosen()
        if index is not None:
            self.actions.delete(index, self.reload)

    def action_take_back(self) -> None:
        index = self._chosen()
        if index is not None:
            self.actions.take_back(index, self.reload)

    def action_undo(self) -> None:
        """Ctrl+Z here too: the last change (a row deleted, an import taken back) undone."""
        self.app.action_undo()
        self.reload()

    def on_figure_table_row_selected(self, event: FigureTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ColumnsDialog(Dialog[list[str] | None]):
    """Which columns the dashboard shows (Space ticks one, Enter keeps the choice);
    "Default" goes back to the set chosen for the terminal's width."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "key_cancel"),
        Binding("enter", "keep", "ok", priority=True),
    ]
    DEFAULT_CSS = """
    ColumnsDialog SelectionList {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, columns: list[tuple[str, str]], shown: list[str], lang: Language) -> None:
        """``columns``: every column there is (key, title); ``shown``: those shown now."""
        super().__init__()
        self.columns = columns
        self.shown = shown
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Label(Text(t("columns_title", lang), style="bold"), classes="dialog-title")
            yield SelectionList[str](
                *[
                    Selection(Text(one_line(title, 40)), key, key in self.shown)
                    for key, title in self.columns
                ],
                id="columns-list",
            )
            yield Static(t("columns_hint", lang), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="columns-ok", variant="primary", compact=True)
                yield Button(t("columns_default", lang), id="columns-default", compact=True)
                yield Button(t("key_cancel", lang), id="columns-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_keep(self) -> None:
        """Enter keeps the choice (on a button, it presses that button)."""
        if isinstance(self.focused, Button):
            self.focused.press()
        else:
            self._keep()

    def _keep(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        kept = [key for key, _ in self.columns if key in chosen]
        # Nothing changed: the default stays the default (it follows the terminal's width).
        self.dismiss(
            None if kept == [key for key, _ in self.columns if key in self.shown] else kept
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "columns-ok":
            self._keep()
        elif event.button.id == "columns-default":
            self.dismiss([])
        else:
            self.dismiss(None)
