"""KPI mapping: objective → KPI rows with targets, sources, reviews and status."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from socialroi_tui.catalog import load_catalog
from socialroi_tui.presenter import format_by_unit, kpi_name
from socialroi_tui.text.safe import one_line, visible
from socialroi_tui.text.words import label, t
from socialroi_tui.tui.screens.section import SectionScreen

FIGURE_WIDTH = 11
STATUS_WIDTH = 13
CHANNEL_WIDTH = 12
WIDE = 100
"""From this width on, the table also shows each row's objective."""
STATUS_STYLE = {"ahead": "bold green", "on_track": "green", "behind": "bold red", "no_data": "dim"}


class KpisScreen(SectionScreen):
    DEFAULT_CSS = """
    KpisScreen #kpis-body {
        height: 1fr;
    }
    KpisScreen #kpi-table {
        height: 1fr;
        min-height: 5;
        border: round $primary;
    }
    KpisScreen #kpi-detail-box {
        height: 8;
        border: round $secondary;
        padding: 0 1;
    }
    """

    SECTION = "kpis"
    BINDINGS = [
        Binding("a", "add", "key_add", tooltip="keyhelp_add_kpi", id="add_kpi"),
        Binding("e", "edit", "key_edit", tooltip="keyhelp_edit_kpi", id="edit_kpi"),
        Binding("d,delete", "delete", "key_delete", tooltip="keyhelp_delete_kpi", id="delete_kpi"),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="kpis-body"):
            yield DataTable(id="kpi-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="kpi-empty", classes="hint")
            yield VerticalScroll(Static("", id="kpi-detail"), id="kpi-detail-box")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def refresh_body(self, force: bool = False) -> None:
        document = self.roi_app.document
        campaign, results = document.campaign, document.results
        catalog, lang, currency = load_catalog(), self.lang, campaign.meta.currency
        channel_names = {c.id: c.display_name for c in campaign.channels}
        table = self.query_one(DataTable)
        row = table.cursor_row
        width = table.size.width or self.size.width or 78
        wide = width >= WIDE
        table.clear(columns=True)
        objective_width, kpi_width, channel_width = self._text_widths(width, wide)
        widths = {
            "objective": objective_width,
            "kpi": kpi_width,
            "channel": channel_width,
            "target": FIGURE_WIDTH,
            "actual": FIGURE_WIDTH,
            "status": STATUS_WIDTH,
        }
        for key, column_width in widths.items():
            if column_width:
                table.add_column(t(key, lang), key=key, width=column_width)
        for index, status in enumerate(results.kpis):
            mapping = status.mapping
            objective = catalog.objective(mapping.objective)
            channel = (
                t("all_channels", lang)
                if mapping.channel == "all"
                else channel_names.get(mapping.channel, mapping.channel)
            )
            cells = [
                Text(one_line(kpi_name(mapping, lang), kpi_width)),
                Text(one_line(channel, channel_width)),
                Text(
                    format_by_unit(status.target, status.unit, currency, lang).rjust(FIGURE_WIDTH)
                ),
                Text(
                    format_by_unit(status.actual, status.unit, currency, lang).rjust(FIGURE_WIDTH)
                ),
                Text(t(f"status_short_{status.status}", lang), style=STATUS_STYLE[status.status]),
            ]
            if wide:
                name = objective.name(lang) if objective else mapping.objective
                cells.insert(0, Text(one_line(name, objective_width)))
            table.add_row(*cells, key=str(index))
        if results.kpis:
            table.move_cursor(row=min(row, len(results.kpis) - 1))
        empty = self.query_one("#kpi-empty", Static)
        empty.update("" if results.kpis else t("no_kpis", lang))
        empty.display = not results.kpis
        self._show_detail()

    @staticmethod
    def _text_widths(width: int, wide: bool) -> tuple[int, int, int]:
        """Room for the objective, KPI and channel names once figures and status fit."""
        columns = 6 if wide else 5
        room = max(width - 2 * columns - 2 - 2 * FIGURE_WIDTH - STATUS_WIDTH, 24)
        if not wide:
            return 0, room - CHANNEL_WIDTH, CHANNEL_WIDTH
        return room * 30 // 100, room * 48 // 100, room * 22 // 100

    def _index(self) -> int | None:
        table = self.query_one(DataTable)
        kpis = len(self.roi_app.document.campaign.kpis)
        if not kpis or table.cursor_row is None or table.cursor_row >= kpis:
            return None
        return table.cursor_row

    def _show_detail(self) -> None:
        detail = self.query_one("#kpi-detail", Static)
        index = self._index()
        if index is None:
            detail.update("")
            return
        lang = self.lang
        status = self.roi_app.document.results.kpis[index]
        mapping = status.mapping
        definition = load_catalog().kpi(mapping.kpi) if mapping.kpi else None
        text = Text(one_line(kpi_name(mapping, lang)), style="bold")
        text.append(f"  ({t(f'unit_{status.unit}', lang)}, {t(f'better_{status.better}', lang)})\n")
        objective = load_catalog().objective(mapping.objective)
        lines = [("objective", objective.name(lang) if objective else mapping.objective)]
        if definition is not None:
            lines.append(("definition", definition.definition(lang)))
            lines.append(("formula", definition.formula_text(lang)))
        elif mapping.custom and mapping.custom.formula:
            lines.append(("formula", visible(mapping.custom.formula)))
        source = mapping.data_source or (
            t(f"source_{definition.source}", lang) if definition is not None else ""
        )
        if source:
            lines.append(("data_source", one_line(source)))
        review = t(f"review_{mapping.review}", lang) if mapping.review else t("review_none", lang)
        lines.append(("review", review))
        if mapping.notes:
            lines.append(("notes", visible(mapping.notes)))
        for key, value in lines:
            text.append(label(key, lang), style="bold")
            text.append(value + "\n")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        from socialroi_tui.tui.dialogs.kpi import CUSTOM, KpiPicker

        campaign = self.roi_app.document.campaign
        if not campaign.objectives:
            self.notify(t("no_objectives_for_kpi", self.lang), severity="warning")
            return

        def picked(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            objective_id, kpi_id = choice
            self._open_editor(None, objective_id, None if kpi_id == CUSTOM else kpi_id)

        self.app.push_screen(KpiPicker(campaign, self.lang), picked)

    def _open_editor(self, index: int | None, objective: str = "", kpi: str | None = None) -> None:
        """Edit row ``index``, or a new row for ``objective`` (``kpi`` None: a custom KPI)."""
        from socialroi_tui import editing
        from socialroi_tui.tui.dialogs.kpi import KpiEditor

        campaign = self.roi_app.document.campaign
        mapping = None if index is None else campaign.kpis[index]

        def edited(result) -> None:
            if result is None:
                return
            if index is None:
                self.roi_app.edit(lambda c: editing.add_kpi(c, result))
                self.query_one(DataTable).move_cursor(
                    row=len(self.roi_app.document.campaign.kpis) - 1
                )
            else:
                self.roi_app.edit(lambda c: editing.replace_kpi(c, index, result))

        editor = KpiEditor(campaign, self.lang, mapping=mapping, objective=objective, kpi=kpi)
        self.app.push_screen(editor, edited)

    def action_edit(self) -> None:
        index = self._index()
        if index is not None:
            self._open_editor(index)

    def action_delete(self) -> None:
        from socialroi_tui import editing
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        index = self._index()
        if index is None:
            return
        name = kpi_name(self.roi_app.document.campaign.kpis[index], self.lang)
        lang = self.lang

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self.roi_app.edit(lambda c: editing.delete_kpi(c, index))

        self.app.push_screen(
            ChoiceDialog(
                t("delete_kpi_title", lang),
                t("delete_kpi_question", lang, name=one_line(name, 60)),
                [("delete", t("choice_delete", lang)), ("cancel", t("choice_cancel", lang))],
                focus="cancel",
            ),
            answered,
        )
