"""Plan versus actual, per network and per publication, with the KPIs' status."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape as escape_markup
from textual.widgets import Static

from socialroi_tui import editing
from socialroi_tui.engine.dashboard import ON_SALES, DashboardRow, dashboard_columns
from socialroi_tui.engine.dashboard_reuse import rows_after, sorted_after
from socialroi_tui.engine.evaluate import CampaignResults
from socialroi_tui.presenter import (
    CREDITED_COLUMNS,
    DASHBOARD_UNITS,
    dashboard_bar_charts,
    dashboard_row_label,
    format_by_unit,
    import_field_name,
    kpi_name,
)
from socialroi_tui.text.numbers import format_decimal, format_money
from socialroi_tui.text.safe import cell_width, one_line, padded
from socialroi_tui.text.words import explain, model_name, t, tn
from socialroi_tui.tui.screens.kpis import STATUS_STYLE
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.bars import Bars
from socialroi_tui.tui.widgets.figure_table import FigureTable, TableColumn
from socialroi_tui.tui.widgets.figures import show_text

# A cell of the plan, or of the variance, next to the actual figure it refers to:
# (part of the row, figure, unit).
PLAN_CELLS = {
    "plan": ("plan", "spend", "money"),
    "variance": ("variance", "spend", "money"),
    "plan_conversions": ("plan", "conversions", "count"),
    "variance_conversions": ("variance", "conversions", "count"),
    "variance_cpa": ("variance", "cpa", "money"),
    "variance_roi": ("variance", "roi", "points"),
}
NARROW_COLUMNS = (
    "spend",
    "conversions",
    "cpa",
    "roi",
    "variance",
    "variance_conversions",
    "variance_cpa",
    "variance_roi",
    "traffic_share",
)
"""What a table narrower than ``WIDE`` shows unless the user chose: spend, sales, CPA and
ROI side by side (all on screen at 80 columns), then their variance to the plan (and each
network's share of the site's traffic, when the analytics gave it)."""
WIDE = 110
WHOLE_UNITS = ("spend", "plan", "variance", "revenue", "revenue_analytics", "revenue_gap", "profit")
"""Amounts shown without cents in a narrow table (a CPA keeps them)."""


def columns_in_order(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The engine's columns, each followed by its plan and variance cells (the ROI's
    follow the headline ROI: on gross profit when the campaign knows its margin)."""
    headline = "roi" if "roi" in columns else "roi_on_revenue"

    def cells_of(column: str) -> list[str]:
        figure = "roi" if column == headline else column
        return [c for c, cell_of in PLAN_CELLS.items() if cell_of[1] == figure]

    return tuple(cell for column in columns for cell in [column, *cells_of(column)])


def default_columns(available: tuple[str, ...], width: int) -> tuple[str, ...]:
    """The columns shown until the user chooses: every one in a wide table; spend, sales,
    CPA and ROI with their variance in a narrow one."""
    if width >= WIDE:
        return available
    headline = "roi" if "roi" in available else "roi_on_revenue"
    narrow = [headline if column == "roi" else column for column in NARROW_COLUMNS]
    return tuple(column for column in narrow if column in available)


COLUMN_WIDTH = 11
FOLDED_ABOVE = 200
SORTS_KEPT = 4
"""Sorts kept to be told apart from the next: a network whose publications did not
change keeps its order (a result added re-sorts one network)."""
"""A network with more publications than this starts folded (Enter unfolds it)."""


class DashboardScreen(SectionScreen):
    SECTION = "dashboard"
    BINDINGS = [
        Binding("s", "sort", "key_sort", tooltip="keyhelp_sort", id="sort_column"),
        Binding(
            "S",
            "reverse_sort",
            "key_reverse_sort",
            tooltip="keyhelp_reverse_sort",
            id="reverse_sort",
            show=False,
        ),
        Binding(
            "c", "rank_cpa", "key_rank_cpa", tooltip="keyhelp_rank_cpa", id="rank_cpa", show=False
        ),
        Binding(
            "a",
            "add_result",
            "key_add_result",
            tooltip="keyhelp_add_result",
            id="add_result",
            show=False,
        ),
        Binding("i", "import_csv", "key_import", tooltip="keyhelp_import", id="import_csv"),
        Binding("l", "edit_rows", "key_rows", tooltip="keyhelp_rows", id="edit_rows"),
        Binding(
            "o",
            "choose_columns",
            "key_columns",
            tooltip="keyhelp_columns",
            id="columns",
            show=False,
        ),
        Binding(
            "ctrl+t",
            "next_view",
            "key_dashboard_views",
            tooltip="keyhelp_dashboard_views",
            id="dashboard_views",
            show=False,
        ),
        Binding(
            "v",
            "switch_sales_from",
            "key_sales_from",
            tooltip="keyhelp_sales_from",
            id="sales_from",
            show=False,
        ),
    ]
    DEFAULT_CSS = """
    DashboardScreen #dashboard-table {
        height: 1fr;
        border: round $primary;
    }
    DashboardScreen #dashboard-kpis {
        height: 7;
        border: round $secondary;
        padding: 0 1;
    }
    DashboardScreen #dashboard-bars {
        height: auto;
        display: none;
    }
    DashboardScreen #dashboard-bars Bars {
        margin-right: 2;
    }
    """

    def compose_body(self) -> ComposeResult:
        with Vertical():
            yield FigureTable(id="dashboard-table")
            with VerticalScroll(id="dashboard-kpis"):
                yield Static("", id="dashboard-kpi-text")
                yield Horizontal(
                    Bars(id="dashboard-spend-bars"),
                    Bars(id="dashboard-cpa-bars"),
                    id="dashboard-bars",
                )

    def on_mount(self) -> None:
        self.sort_column: str | None = None
        self.descending = False
        self.collapsed: set[str] = set()
        """Networks whose publications are folded (a network of many starts folded)."""
        self._seen_channels: set[str] = set()
        self._rows_of: tuple[object, list[DashboardRow]] | None = None
        self._unsorted: tuple[CampaignResults, list[DashboardRow]] | None = None
        self._sorts: dict[tuple[str, bool], tuple[list, list[DashboardRow]]] = {}
        """The last sorts made, by column and direction: rows and their order."""
        self._table = self.query_one(FigureTable)
        self._import_folder: Path | None = None
        """Where the last export imported was: the browser starts there."""
        self.lower = "kpis"
        """What the panel under the table shows: the KPIs, or the networks as bars."""
        panel = self.query_one("#dashboard-kpis")
        panel.border_title = t("kpis", self.lang)
        panel.border_subtitle = t("dashboard_panel_hint", self.lang)
        self._table.focus()

    @property
    def _columns(self) -> tuple[str, ...]:
        """The figures shown (the plan's and variance's cells left out): those to sort by."""
        return tuple(c for c in self._shown_columns() if c not in PLAN_CELLS)

    def _available_columns(self) -> tuple[str, ...]:
        return columns_in_order(dashboard_columns(self.roi_app.document.results))

    def _width(self) -> int:
        return self._table.size.width or self.size.width

    def _shown_columns(self) -> tuple[str, ...]:
        """The columns the user chose (kept with the campaign), else the default."""
        available = self._available_columns()
        chosen = self.roi_app.document.campaign.dashboard.columns
        shown = tuple(column for column in dict.fromkeys(chosen) if column in available)
        return shown or default_columns(available, self._width())

    def _all_rows(self) -> list[DashboardRow]:
        """Every row of the dashboard, sorted; the rows are made again only when the
        results change, and sorted again only when they or the sort change."""
        results = self.roi_app.document.results
        drawn_from = (results, self.sort_column, self.descending)
        if self._rows_of is None or self._rows_of[0] != drawn_from:
            if self._unsorted is None or self._unsorted[0] is not results:
                before, rows = self._unsorted or (None, None)
                self._unsorted = (results, rows_after(before, rows, results))
                self._fold_large_networks(results)
            rows = self._unsorted[1]
            if self.sort_column:
                order = (self.sort_column, self.descending)
                unsorted = rows
                rows = sorted_after(self._sorts.pop(order, None), unsorted, *order)
                self._sorts[order] = (unsorted, rows)
                while len(self._sorts) > SORTS_KEPT:
                    del self._sorts[next(iter(self._sorts))]
            self._rows_of = (drawn_from, rows)
        return self._rows_of[1]

    def _fold_large_networks(self, results) -> None:
        """A network with more publications than fit a few screens starts folded."""
        for channel, publications in results.actual_by_publication.items():
            if channel not in self._seen_channels:
                self._seen_channels.add(channel)
                if len(publications) > FOLDED_ABOVE:
                    self.collapsed.add(channel)

    def refresh_body(self, force: bool = False) -> None:
        document = self.roi_app.document
        campaign, lang = document.campaign, self.lang
        currency = campaign.meta.currency
        rows = [
            row
            for row in self._all_rows()
            if not (row.level == "publication" and row.channel in self.collapsed)
        ]
        table = self._table
        wide = self._width() >= WIDE
        label_width = 34 if wide else 16
        collapsed = self.collapsed
        results = document.results
        two_sources = len(self._sources()) > 1
        credited = results.sales_from == "attribution"

        def cell(row: DashboardRow, key: str) -> str:
            if key == "label":
                label = dashboard_row_label(row, lang)
                if row.level == "channel":
                    return ("▸ " if row.channel in collapsed else "▾ ") + label
                return "   " + label if row.level == "publication" else label
            if key in PLAN_CELLS:
                part, name, unit = PLAN_CELLS[key]
                value = (row.plan if part == "plan" else row.variance)[name]
            else:
                value, unit = row.figure(key), DASHBOARD_UNITS[key]
            if unit == "money" and key in WHOLE_UNITS and not wide:
                return format_money(value, currency, lang, places=0)
            if credited and key in CREDITED_COLUMNS:  # shares of sales: 2 places each,
                unit = "credited"  # the total's "27,00" too
            return format_by_unit(value, unit, currency, lang)

        # Wide enough for the networks' and the total's figures (a publication's may
        # still be cut, with a visible "…").
        summaries = [row for row in rows if row.level != "publication"]
        columns = [TableColumn("label", t("channel", lang), label_width, right=False)]
        # The frame's title says whose sales count; a wide table says it in each title too.
        mark = f" {t(f'sales_mark_{results.sales_from}', lang)}" if two_sources and wide else ""
        for column in self._shown_columns():
            name = t(f"column_{column}", lang)
            if column in ON_SALES or column in (
                "variance_conversions",
                "variance_cpa",
                "variance_roi",
            ):
                name += mark
            if column == self.sort_column:
                name += " ▼" if self.descending else " ▲"
            widest = max((cell_width(cell(row, column)) for row in summaries), default=0)
            narrowest = COLUMN_WIDTH if wide else 5
            columns.append(TableColumn(column, name, max(narrowest, len(name), widest)))
        table.show_rows(columns, rows, cell, lambda row: row.level != "publication")
        if self.lower == "bars":
            self._draw_bars()
        else:
            self._draw_kpis()
        title = self._sales_title() if two_sources else ""
        if table.border_title != title:
            table.border_title = title
        # Said in the table's frame, not in a toast that would cover a dialog opened next.
        room = self._width() - 2
        cut = sum(column.width + 2 for column in columns) > room
        subtitle = t("columns_cut", lang) if cut else ""
        subtitle = t("no_actuals", lang) if not campaign.actuals else subtitle
        subtitle = self._credited_elsewhere() or subtitle  # what the figures leave out
        unread = self._attribution_unread()  # and why they are not the attribution's
        if unread is not None:  # a frame's title reads markup: the file's text is text
            subtitle = escape_markup(one_line(unread, 300))
        if table.border_subtitle != subtitle:
            table.border_subtitle = subtitle

    def _draw_kpis(self) -> None:
        document = self.roi_app.document
        lang, currency = self.lang, document.campaign.meta.currency
        text = Text()
        for status in document.results.kpis:
            name = padded(kpi_name(status.mapping, lang), 35)
            text.append(name)
            text.append(format_by_unit(status.target, status.unit, currency, lang).rjust(12))
            text.append(format_by_unit(status.actual, status.unit, currency, lang).rjust(12) + "  ")
            text.append(t(f"status_short_{status.status}", lang), style=STATUS_STYLE[status.status])
            text.append("\n")
        show_text(self.query_one("#dashboard-kpi-text", Static), text, layout=True)

    def action_choose_columns(self) -> None:
        from socialroi_tui.tui.dialogs.rows import ColumnsDialog

        lang = self.lang
        columns = [(c, t(f"column_{c}", lang)) for c in self._available_columns()]

        def chosen(keys: list[str] | None) -> None:
            if keys is not None:
                self.roi_app.edit(lambda c: editing.set_dashboard_columns(c, keys))

        self.app.push_screen(ColumnsDialog(columns, list(self._shown_columns()), lang), chosen)

    def _sources(self) -> list[str]:
        """The sources of sales there are: the platforms', the site's (GA4), and the
        attribution's when the campaign names journeys."""
        document = self.roi_app.document
        sources = ["platform"]
        if document.results.analytics_by_channel:
            sources.append("analytics")
        if document.campaign.attribution.journeys:
            sources.append("attribution")
        return sources

    def _next_source(self) -> str:
        sources = self._sources()
        now = self.roi_app.document.campaign.dashboard.sales_from
        return sources[(sources.index(now) + 1) % len(sources)] if now in sources else "platform"

    def action_switch_sales_from(self) -> None:
        """The sales, CPA, profit, ROI and ROAS from the platforms' sales, the site's, or
        those the chosen attribution model credits: the next source there is."""
        if len(self._sources()) == 1:
            self.notify(t("no_analytics", self.lang), severity="warning")
            return
        following = self._next_source()
        if self.roi_app.edit(lambda c: editing.set_sales_from(c, following)):
            self._say_sales_source()

    def _attribution_unread(self) -> str | None:
        """Why the attribution's sales, asked for, cannot be counted (None: they can)."""
        document = self.roi_app.document
        problem = document.attribution_problem
        if document.campaign.dashboard.sales_from != "attribution" or problem is None:
            return None
        return explain(problem, self.lang)

    def _say_sales_source(self) -> None:
        """Whose sales the table counts now (and why not the attribution's, if so)."""
        unread = self._attribution_unread()
        if unread is not None:
            self.notify(
                one_line(unread, 300), title=t("attribution_unread", self.lang), severity="error"
            )
            return
        elsewhere = self._credited_elsewhere()
        self.notify(self._sales_title() + (f"\n{elsewhere}" if elsewhere else ""))

    def _credited_elsewhere(self) -> str | None:
        """How many of the conversions the attribution credits went to channels that are
        no network of the plan (e-mail, word of mouth): the table does not count them."""
        outside = self.roi_app.document.credited_outside_the_plan()
        if outside is None:
            return None
        lang, (elsewhere, in_all) = self.lang, outside
        return t(
            "attribution_elsewhere",
            lang,
            elsewhere=format_decimal(elsewhere, 2, lang, trim=True),
            total=format_decimal(in_all, 2, lang, trim=True),
        )

    def _sales_title(self) -> str:
        """``Ventes et CA : attribution Markov · v : plateformes``."""
        lang, document = self.lang, self.roi_app.document
        campaign = document.campaign
        model = model_name(campaign.attribution.model, campaign.attribution.order, lang)
        now = document.results.sales_from
        title = t("sales_title", lang, source=t(f"sales_source_{now}", lang, model=model))
        if self._attribution_unread() is not None:
            title = t("attribution_unread", lang)
        elif campaign.dashboard.sales_from == "attribution" and document.attribution_pending:
            title = t("attribution_pending", lang)
        following = self._next_source()
        if following != now:
            title += " · " + t(
                "sales_next", lang, source=t(f"sales_source_{following}", lang, model=model)
            )
        return title

    def _draw_bars(self) -> None:
        """Each network's spend and CPA against the plan, as bars."""
        lang = self.lang
        currency = self.roi_app.document.campaign.meta.currency
        spend, cpa = dashboard_bar_charts(self._all_rows(), currency, lang)
        planned = t("bars_planned", lang)
        self.query_one("#dashboard-spend-bars", Bars).show_chart(spend, reference_name=planned)
        self.query_one("#dashboard-cpa-bars", Bars).show_chart(cpa, reference_name=planned)
        over = spend.any_over or cpa.any_over
        parts = [t("bars_legend_over_plan", lang)] if over else []
        panel = self.query_one("#dashboard-kpis")
        panel.border_subtitle = " · ".join([*parts, t("dashboard_panel_hint", lang)])

    def action_next_view(self) -> None:
        """The panel under the table: the KPIs, or each network's spend and CPA as bars."""
        lang = self.lang
        self.lower = "bars" if self.lower == "kpis" else "kpis"
        bars = self.lower == "bars"
        self.query_one("#dashboard-kpi-text").display = not bars
        self.query_one("#dashboard-bars").display = bars
        panel = self.query_one("#dashboard-kpis")
        panel.border_title = t("dashboard_bars_title" if bars else "kpis", lang)
        panel.border_subtitle = t("dashboard_panel_hint", lang)
        self.refresh_body()

    def on_figure_table_header_selected(self, event: FigureTable.HeaderSelected) -> None:
        if event.key in self._columns:
            self._sort_by(event.key)

    def _sort_by(self, column: str) -> None:
        self.descending = not self.descending if self.sort_column == column else False
        self.sort_column = column
        self._show_sorted()

    def _show_sorted(self) -> None:
        """Draw the rows in their new order, with the sorted column on screen."""
        self.refresh_body()
        if self.sort_column:
            self._table.reveal_column(self.sort_column)

    def action_sort(self) -> None:
        """Cycle the sort through the columns."""
        sortable = list(self._columns)
        following = (
            sortable[(sortable.index(self.sort_column) + 1) % len(sortable)]
            if (self.sort_column in sortable)
            else sortable[0]
        )
        self.sort_column, self.descending = following, False
        self._show_sorted()

    def action_reverse_sort(self) -> None:
        """The sorted column, the other way round (the first column if none is sorted)."""
        if self.sort_column is None:
            self._sort_by(self._columns[0])
        self._sort_by(self.sort_column)

    def action_rank_cpa(self) -> None:
        self.sort_column, self.descending = "cpa", False
        self._show_sorted()

    def on_figure_table_row_selected(self, event: FigureTable.RowSelected) -> None:
        row = event.table.rows[event.index]
        if row.level == "channel":
            self.collapsed ^= {row.channel}
            self.refresh_body()

    def action_add_result(self) -> None:
        from socialroi_tui.tui.dialogs.results import ResultEditor

        campaign = self.roi_app.document.campaign
        if not campaign.channels:
            self.notify(t("no_channels", self.lang), severity="warning")
            return

        def added(result) -> None:
            if result is not None:
                self.roi_app.edit(lambda c: editing.add_actual(c, result))

        refusal = self._refusal_of(editing.add_actual)
        self.app.push_screen(ResultEditor(campaign, self.lang, refusal=refusal), added)

    def action_edit_rows(self) -> None:
        """The rows behind the network (or publication) under the cursor, all of them on
        the total: to edit, delete, or take back with their whole import."""
        from socialroi_tui.tui.dialogs.rows import RowActions, RowsDialog

        table, lang = self._table, self.lang
        chosen: DashboardRow | None = table.rows[table.cursor_row] if table.rows else None

        def belongs(row) -> bool:
            if chosen is None or chosen.level == "total":
                return True
            if chosen.level == "publication":
                same = row.publication == chosen.label and row.origin == "platform"
                return row.channel == chosen.channel and same
            return row.channel == chosen.channel

        def rows():
            actuals = self.roi_app.document.campaign.actuals
            return [(index, row) for index, row in enumerate(actuals) if belongs(row)]

        name = t("all_rows", lang) if chosen is None else dashboard_row_label(chosen, lang)
        actions = RowActions(
            rows=rows,
            import_name=self._import_name,
            edit=self._edit_row,
            delete=self._delete_row,
            take_back=self._take_back_import,
        )
        currency = self.roi_app.document.campaign.meta.currency
        self.app.push_screen(RowsDialog(t("rows_title", lang, name=name), actions, currency, lang))

    def _import_name(self, source: str) -> str:
        """The file an import came from (a row typed in the app says so)."""
        if not source:
            return t("typed_in_app", self.lang)
        records = {record.id: record for record in self.roi_app.document.campaign.imports}
        record = records.get(source)
        return one_line(record.file if record is not None and record.file else source, 80)

    def _edit_row(self, index: int, done) -> None:
        from socialroi_tui.tui.dialogs.results import ResultEditor

        campaign = self.roi_app.document.campaign

        def edited(result) -> None:
            if result is not None:
                self.roi_app.edit(lambda c: editing.replace_actual(c, index, result))
            done()

        existing = campaign.actuals[index]
        refusal = self._refusal_of(lambda c, r: editing.replace_actual(c, index, r))
        self.app.push_screen(ResultEditor(campaign, self.lang, existing, refusal), edited)

    def _refusal_of(self, change):
        """Why ``change(campaign, result)`` would be refused (None: it would not), for a
        form that stays open with the reason rather than lose what was typed."""
        from pydantic import ValidationError

        from socialroi_tui.model.problems import refusal_words

        def refusal(result) -> str | None:
            try:
                change(self.roi_app.document.campaign, result)
            except (ValidationError, ValueError) as error:
                return refusal_words(error, self.lang)
            return None

        return refusal

    def _delete_row(self, index: int, done) -> None:
        if self.roi_app.edit(lambda c: editing.remove_actuals(c, {index})):
            self.notify(t("row_deleted", self.lang))
        done()

    def _take_back_import(self, index: int, done) -> None:
        from socialroi_tui.store.csv_import import import_records
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang = self.lang
        campaign = self.roi_app.document.campaign
        source = campaign.actuals[index].source
        if not source:
            self.notify(t("row_not_imported", lang), severity="warning")
            return
        record = next(r for r in import_records(campaign) if r.id == source)
        when = record.imported.isoformat(sep=" ") if record.imported else "—"
        message = tn(
            "take_back_message", record.rows, lang, file=self._import_name(source), when=when
        )

        def answered(answer: str | None) -> None:
            if answer == "take_back" and self.roi_app.edit(
                lambda c: editing.take_back_import(c, source)
            ):
                self.notify(tn("import_taken_back", record.rows, lang))
            done()

        choices = [("take_back", t("choice_take_back", lang)), ("cancel", t("choice_cancel", lang))]
        self.app.push_screen(
            ChoiceDialog(t("take_back_title", lang), message, choices, focus="cancel"), answered
        )

    def action_import_csv(self) -> None:
        """Pick an export with the same browser as Open (from the folder of the last one
        imported, else the campaign's), then preview it."""
        from socialroi_tui.tui.dialogs.open_file import ImportFileDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._import_folder = path.parent
                self._preview(path, None)

        campaign_file = self.roi_app.document.path
        folder = self._import_folder or (campaign_file.parent if campaign_file else None)
        self.app.push_screen(ImportFileDialog(self.lang, folder), chosen)

    def _preview(self, path: Path, mapping: dict[str, str] | None) -> None:
        """Read the export in a worker thread while a bar shows (Escape gives up), then
        show what would be imported; nothing changes until it is confirmed."""
        from socialroi_tui.store.csv_import import CsvImportError, read_export_file, refuse_repeat
        from socialroi_tui.tui.dialogs.loading import LoadingScreen

        campaign = self.roi_app.document.campaign
        loading = LoadingScreen(path.name, self.lang, "import_reading", cancellable=True)

        def read() -> None:
            def progress(fraction: float) -> None:
                with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(loading.advance, fraction)

            try:
                preview = read_export_file(path, mapping, progress)
                refuse_repeat(campaign, preview)  # said before the preview
            except CsvImportError as error:
                self.app.call_from_thread(self._read, loading, path, mapping, None, error)
                return
            self.app.call_from_thread(self._read, loading, path, mapping, preview, None)

        self.app.push_screen(loading)
        self.run_worker(read, thread=True, group="import", exclusive=True)

    def _read(self, loading, path: Path, mapping, preview, error) -> None:
        """The export has been read (``preview``) or refused (``error``)."""
        from socialroi_tui.presenter import import_warning_lines
        from socialroi_tui.tui.dialogs.results import ImportPreviewDialog

        if loading.cancelled:
            return
        loading.dismiss()
        lang = self.lang
        if error is not None:
            if error.headers and mapping is None:
                self._ask_mapping(path, error.headers)
                return
            self.notify(
                explain(error, lang), title=t("import_failed", lang), severity="error", timeout=15
            )
            return
        columns = "".join(
            f"  {one_line(header, 30)} → {import_field_name(field, preview.origin, lang)}\n"
            for header, field in preview.columns.items()
        )
        skipped = "".join(f"  {one_line(note.words(lang), 200)}\n" for note in preview.skipped)
        if preview.left_out:
            names = ", ".join(one_line(header, 30) for header in preview.left_out[:12])
            skipped = f"  {t('import_left_out', lang, columns=names)}\n" + skipped
        message = tn(
            "import_preview",
            len(preview.rows),
            lang,
            source=one_line(path.name, 60),
            format=preview.format,
            columns=columns,
            skipped=skipped,
        )
        currency = self.roi_app.document.campaign.meta.currency
        warnings = import_warning_lines(preview, lang, currency)
        if warnings:
            warnings.insert(0, t("plausibility_title", lang))

        def answered(answer: str | None) -> None:
            if answer == "import":
                self._add_imported(path, preview)

        self.app.push_screen(
            ImportPreviewDialog(
                t("import_preview_title", lang),
                message,
                warnings,
                [("import", t("choice_import", lang)), ("cancel", t("choice_cancel", lang))],
            ),
            answered,
        )

    def _add_imported(self, path: Path, preview) -> None:
        """Add the rows in a worker thread (the campaign with them, and its results added
        up), then show them; a bar shows meanwhile."""
        from socialroi_tui.tui.dialogs.loading import LoadingScreen

        document = self.roi_app.document
        base = document.campaign
        loading = LoadingScreen(path.name, self.lang, "import_adding", measured=False)

        def add() -> None:
            try:
                imported = editing.import_results(base, preview)
                summary = document.summary_ahead(imported)
            except ValueError:  # refused: said by the edit itself, on the UI thread
                imported = summary = None
            self.app.call_from_thread(self._added, loading, base, imported, summary, preview)

        self.app.push_screen(loading)
        self.run_worker(add, thread=True, group="import", exclusive=True)

    def _added(self, loading, base, imported, summary, preview) -> None:
        from socialroi_tui.store.csv_import import CsvImportError

        loading.dismiss()
        lang = self.lang
        document = self.roi_app.document
        if imported is not None and document.campaign is base:
            document.keep_summary(imported, summary)
            change = lambda c: imported  # noqa: E731 (worked out from this very campaign)
        else:  # refused, or the campaign changed meanwhile: done (or refused) here
            change = lambda c: editing.import_results(c, preview)  # noqa: E731
        try:
            changed = self.roi_app.edit(change)
        except CsvImportError as error:
            self.notify(explain(error, lang), title=t("import_failed", lang), severity="error")
            return
        if changed:
            self.notify(tn("imported_rows", len(preview.rows), lang))

    def _ask_mapping(self, path: Path, headers: list[str]) -> None:
        from socialroi_tui.store.mappings import remember_mapping
        from socialroi_tui.tui.dialogs.results import MappingDialog

        def mapped(mapping: dict[str, str] | None) -> None:
            if mapping:
                remember_mapping(headers, mapping)
                self._preview(path, mapping)

        self.app.push_screen(MappingDialog(headers, self.lang), mapped)
