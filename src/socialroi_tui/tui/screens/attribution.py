"""Attribution: which network earned the sale. Every model side by side for the journeys
the campaign names, the chosen model's credit as bars, and the choice of the model whose
credit the dashboard's sales (and so its CPA and ROI per network) may use."""

from __future__ import annotations

import contextlib
import subprocess
from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from socialroi_tui import editing
from socialroi_tui.model.campaign import AttributionModel
from socialroi_tui.presenter import bar_chart
from socialroi_tui.text.numbers import format_decimal, format_money, format_rate
from socialroi_tui.text.safe import cell_width, one_line
from socialroi_tui.text.words import Problem, explain, model_name, t
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.bars import Bars
from socialroi_tui.tui.widgets.figure_table import FigureTable, TableColumn

MODELS: tuple[AttributionModel, ...] = (
    "last",
    "first",
    "linear",
    "position",
    "time-decay",
    "markov",
    "shapley",
)
CHOSEN = "★"


class AttributionScreen(SectionScreen):
    SECTION = "attribution"
    BINDINGS = [
        Binding("o", "open_journeys", "key_open_journeys", tooltip="keyhelp_open_journeys"),
        Binding("m", "next_model", "key_attribution_model", tooltip="keyhelp_attribution_model"),
        Binding("u", "use_for_dashboard", "key_use_attribution", tooltip="keyhelp_use_attribution"),
        Binding(
            "t",
            "switch_figure",
            "key_attribution_figure",
            tooltip="keyhelp_attribution_figure",
            show=False,
        ),
    ]
    DEFAULT_CSS = """
    AttributionScreen #attribution-summary {
        height: auto;
        padding: 0 1;
    }
    AttributionScreen #attribution-table {
        height: 1fr;
        border: round $primary;
    }
    AttributionScreen #attribution-bars-box {
        height: auto;
        max-height: 9;
        border: round $secondary;
        padding: 0 1;
    }
    """

    def compose_body(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="attribution-summary")
            yield FigureTable(id="attribution-table")
            with Vertical(id="attribution-bars-box"):
                yield Bars(id="attribution-bars")

    def on_mount(self) -> None:
        self.figure = "conversions"
        """What the table shows: each model's credited ``conversions`` or ``value``."""
        self._read: tuple[tuple, object, object] | None = None
        """(what was read, the table, the problem): read again when the file changes."""
        self._reading: tuple | None = None
        """What is being read and credited now (None: nothing)."""
        self._readings = 0
        """Readings started: a worker's answer counts only if no other started since."""
        self._process: subprocess.Popen | None = None
        """The other Python solving a Markov chain for this screen (stopped by Escape)."""
        self._table = self.query_one(FigureTable)
        self._table.focus()

    # --- reading the journeys, off the UI thread -------------------------------------

    def _source(self) -> tuple | None:
        """What the table is worked out from: the file (and its state) and the settings."""
        from socialroi_tui.store.journeys import journeys_path

        document = self.roi_app.document
        path = journeys_path(document.campaign, document.path)
        if path is None:
            return None
        try:
            stamp = path.stat()
            state = (stamp.st_mtime_ns, stamp.st_size)
        except OSError:
            state = None
        settings = document.campaign.attribution
        return (path, state, settings.lookback_days, settings.order, settings.half_life_days)

    def _read_journeys(self, source: tuple) -> None:
        """Read the journeys and credit them with every model, in a worker thread; the
        screen says so meanwhile and every key still works (Escape gives up)."""
        path, _state, lookback, order, half_life = source
        self._reading = source
        self._readings += 1
        reading = self._readings
        self._process = None
        self._show_nothing(t("attribution_working", self.lang, name=path.name))

        def started(process: subprocess.Popen) -> None:
            if reading == self._readings:
                self._process = process

        def work() -> None:
            from socialroi_tui.attribution_presenter import attribution_table, credited
            from socialroi_tui.engine.attribution import AttributionError
            from socialroi_tui.store.journeys import JourneyError, read_journeys_file

            table = problem = None
            try:
                journeys = read_journeys_file(path, lookback)
                credits = credited(journeys, order=order, half_life_days=half_life, started=started)
                table = attribution_table(journeys, credits)
            except (JourneyError, AttributionError, OSError) as error:
                problem = error
            except MemoryError:  # a file too large for this machine: said, the app goes on
                problem = AttributionError(Problem.of("attribution_no_memory"))
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._journeys_read, reading, source, table, problem)

        self.run_worker(work, thread=True, group="journeys", exclusive=True)

    def _journeys_read(self, reading: int, source: tuple, table, problem) -> None:
        if reading != self._readings or self._reading is None:
            return  # given up on (Escape), or read again since: not wanted
        self._reading = None
        self._read = (source, table, problem)
        self.refresh_body(force=True)

    def action_leave_field(self) -> None:
        """Escape while the journeys are credited gives up: a Markov chain being solved in
        another process is stopped, and the screen says how to try again."""
        from socialroi_tui.engine.attribution import AttributionError

        source = self._reading
        if source is None:
            super().action_leave_field()
            return
        if self._process is not None:
            self._process.kill()
        self._reading = None
        stopped = AttributionError(Problem.of("attribution_cancelled"))
        self._read = (source, None, stopped)
        self.refresh_body(force=True)

    # --- drawing ----------------------------------------------------------------------

    def refresh_body(self, force: bool = False) -> None:
        source = self._source()
        lang = self.lang
        summary = self.query_one("#attribution-summary", Static)
        if source is None:
            self._show_nothing(t("attribution_none", lang))
            return
        if self._read is None or self._read[0] != source:
            if self._reading != source:
                self._read_journeys(source)
            return
        _, table, problem = self._read
        if problem is not None:
            self._show_nothing(one_line(explain(problem, lang), 400))
            return
        chosen = self.roi_app.document.campaign.attribution.model
        value = self.figure == "value"
        campaign = self.roi_app.document.campaign
        intro = t(
            "attribution_summary",
            lang,
            journeys=format_decimal(Decimal(table.journeys), 0, lang),
            channels=len(table.rows),
            conversions=format_decimal(table.total_conversions, 2, lang, trim=True),
            value=format_money(table.total_value, campaign.meta.currency, lang),
        )
        refusals = table.refusals(lang)  # a Markov chain too large: the others stand
        summary.update(Text("\n".join([intro, *refusals])))  # never markup
        models = [m for m in MODELS if m in table.models]

        def cell(row, key: str) -> str:
            if key == "channel":
                return row.channel
            if key == "spread":
                spread = row.spread_value if value else row.spread_conversions
                return format_decimal(spread, 2, lang)
            if key == "removal":
                return format_rate(row.removal_effect, lang)
            figures = row.value if value else row.conversions
            return format_decimal(figures.get(key), 2, lang)

        columns = [TableColumn("channel", t("attribution_channel", lang), 16, right=False)]
        for model in models:
            title = t(f"model_short_{model}", lang) + (f" {CHOSEN}" if model == chosen else "")
            widest = max((cell_width(cell(row, model)) for row in table.rows), default=0)
            columns.append(TableColumn(model, title, max(len(title), widest, 6)))
        for key, words in (
            ("spread", "attribution_spread_short"),
            ("removal", "attribution_removal_short"),
        ):
            title = t(words, lang)
            widest = max((cell_width(cell(row, key)) for row in table.rows), default=0)
            columns.append(TableColumn(key, title, max(len(title), widest, 6)))
        self._table.show_rows(columns, list(table.rows), cell, lambda row: False)
        title = t("attribution_table_value" if value else "attribution_table_conversions", lang)
        if campaign.attribution.order > 1 and "markov" in models:  # which Markov it is
            title += " · " + model_name("markov", campaign.attribution.order, lang)
        self._table.border_title = title
        self._table.border_subtitle = self._dashboard_words(chosen)
        self._draw_bars(table, chosen if chosen in models else (models[0] if models else None))

    def _show_nothing(self, words: str) -> None:
        self.query_one("#attribution-summary", Static).update(Text(one_line(words, 400)))
        self._table.show_rows([], [], lambda row, key: "", lambda row: False)
        self._table.border_title = ""
        self._table.border_subtitle = ""
        self.query_one("#attribution-bars", Bars).show_chart(
            bar_chart([], "count", "EUR", self.lang), empty=t("attribution_open_hint", self.lang)
        )

    def _dashboard_words(self, chosen: str) -> str:
        """Whether the dashboard counts the chosen model's sales (and how to change it)."""
        campaign, lang = self.roi_app.document.campaign, self.lang
        model = model_name(chosen, campaign.attribution.order, lang)
        used = campaign.dashboard.sales_from == "attribution"
        return t("attribution_used" if used else "attribution_not_used", lang, model=model)

    def _draw_bars(self, table, model: str | None) -> None:
        lang = self.lang
        bars = self.query_one("#attribution-bars", Bars)
        box = self.query_one("#attribution-bars-box")
        if model is None:
            bars.show_chart(bar_chart([], "count", "EUR", lang))
            return
        value = self.figure == "value"
        items = sorted(
            ((row.channel, (row.value if value else row.conversions)[model]) for row in table.rows),
            key=lambda item: -item[1],
        )
        currency = self.roi_app.document.campaign.meta.currency
        unit = "money" if value else "credited"  # as the table: two places
        bars.show_chart(bar_chart(items, unit, currency, lang))
        order = self.roi_app.document.campaign.attribution.order
        box.border_title = t("attribution_bars_title", lang, model=model_name(model, order, lang))

    # --- keys -------------------------------------------------------------------------

    def action_open_journeys(self) -> None:
        from socialroi_tui.tui.dialogs.open_file import JourneysFileDialog

        document = self.roi_app.document
        folder = document.path.parent if document.path is not None else None

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if not path.is_file():  # nothing changes: the journeys read so far stay
                problem = FileNotFoundError(2, "no file", str(path))
                self.notify(one_line(explain(problem, self.lang), 300), severity="error")
                return
            name = str(path)
            if document.path is not None:
                with contextlib.suppress(ValueError):
                    name = str(path.resolve().relative_to(document.path.parent.resolve()))
            if not self.roi_app.edit(lambda c: editing.set_attribution(c, journeys=name)):
                self._read = None  # the same file again: read it again (after an Escape)
                self.refresh_body(force=True)

        self.app.push_screen(JourneysFileDialog(self.lang, folder), chosen)

    def action_next_model(self) -> None:
        """The next model for the dashboard's sales (★ in the table)."""
        now = self.roi_app.document.campaign.attribution.model
        following = MODELS[(MODELS.index(now) + 1) % len(MODELS)]
        if self._read is not None and self._read[1] is not None:
            models = [m for m in MODELS if m in self._read[1].models]
            if now in models and models:
                following = models[(models.index(now) + 1) % len(models)]
        self.roi_app.edit(lambda c: editing.set_attribution(c, model=following))

    def action_use_for_dashboard(self) -> None:
        """The dashboard's sales from the chosen model's credit, or the platforms' again."""
        campaign = self.roi_app.document.campaign
        if not campaign.attribution.journeys:
            self.notify(t("attribution_none", self.lang), severity="warning")
            return
        used = campaign.dashboard.sales_from == "attribution"
        origin = "platform" if used else "attribution"
        if self.roi_app.edit(lambda c: editing.set_sales_from(c, origin)):
            self.notify(self._dashboard_words(campaign.attribution.model))

    def action_switch_figure(self) -> None:
        self.figure = "value" if self.figure == "conversions" else "conversions"
        self.refresh_body(force=True)
