"""The budget calculator: reverse (target → budget) or forward (budget → sales), live."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape as escape_markup
from textual.message import Message
from textual.widgets import Static

from socialroi_tui import editing
from socialroi_tui.engine.plausibility import check_budget
from socialroi_tui.engine.sensitivity import FIGURES
from socialroi_tui.presenter import (
    PLAN_FIELDS,
    SENSITIVITY_WORDS,
    budget_rows,
    network_bar_charts,
    plan_ranges_of,
    plan_sensitivity,
    plausibility_text,
    range_rows,
    sensitivity_rows,
    verdict_text,
)
from socialroi_tui.text.numbers import NumberError, format_count, format_money, format_rate
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import t, tn
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.bars import Bars
from socialroi_tui.tui.widgets.choice import Choice
from socialroi_tui.tui.widgets.figures import FigureLines, bar, pairs, show_text
from socialroi_tui.tui.widgets.measure import content_width
from socialroi_tui.tui.widgets.number_field import NumberField


class _Panel(VerticalScroll, can_focus=False):
    """A panel that scrolls (with the mouse, or to show the field that has the focus)
    but is no Tab stop: the focus would show nothing there."""


class _ResultsPanel(_Panel):
    """The results' panel: its lines are laid out again for its new height (the panel
    below grows with a network added, or with the tornado)."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    class Resized(Message):
        pass


VERDICT_LINES = 3
TORNADO_ROWS = 3
"""The tornado's rows at least (the largest effects); more as the terminal is taller."""
FORM_HEIGHT = 21
"""The screen's rows the tornado leaves to the rest: bars, the form, its own border."""
WARNED_FIELDS = {"conversion_rate": "conversion_rate", "ctr": "ctr", "cpm": "price"}
"""The form's field for each figure a plausibility warning names."""
REQUIRED = {"target_conversions", "budget", "conversion_rate", "ctr", "price"}
"""Emptying these while retyping keeps the last figures (marked stale) rather than none."""
# (budget field, number kind, label key)
GOAL_FIELDS = [
    ("target_cpa", "money", "target_cpa_field"),
    ("target_roi", "rate", "target_roi_field"),
    ("target_roas", "number", "target_roas_field"),
]
"""Shown while the plan solves for a figure: the CPA it may not exceed, the ROI and the
ROAS it must reach."""


class BudgetScreen(SectionScreen):
    SECTION = "budget"
    AUTO_FOCUS = "#budget-mode"
    BINDINGS = [
        Binding("ctrl+t", "tornado", "key_tornado", tooltip="keyhelp_tornado", id="tornado"),
        Binding(
            "ctrl+n",
            "add_network",
            "key_add_network",
            tooltip="keyhelp_add_network",
            id="add_network",
        ),
        Binding(
            "ctrl+r",
            "remove_network",
            "key_remove_network",
            tooltip="keyhelp_remove_network",
            id="remove_network",
            show=False,
        ),
        Binding(
            "ctrl+g", "ranges", "key_ranges", tooltip="keyhelp_ranges", id="ranges", show=False
        ),
        Binding(
            "ctrl+o",
            "network_settings",
            "key_network_settings",
            tooltip="keyhelp_network_settings",
            id="network_settings",
            show=False,
        ),
        Binding(
            "ctrl+l",
            "rename_network",
            "key_rename_network",
            tooltip="keyhelp_rename_network",
            id="rename_network",
            show=False,
        ),
    ]
    bottom = "split"
    """What the lower panel shows: the split by network, or the tornado of one figure."""
    DEFAULT_CSS = """
    BudgetScreen #budget-top {
        height: 1fr;
        min-height: 14;
    }
    BudgetScreen #budget-form {
        width: 40;
        border: round $primary;
        border-title-color: $text;
        padding: 0 1;
    }
    BudgetScreen #budget-grid {
        height: auto;
    }
    BudgetScreen #budget-labels {
        width: 16;
        height: auto;
    }
    BudgetScreen #budget-fields {
        width: 1fr;
        height: auto;
    }
    BudgetScreen #budget-results {
        width: 1fr;
        border: round $secondary;
        padding: 0 1;
    }
    BudgetScreen #budget-error {
        color: $error;
        height: 1fr;
        min-height: 3;
    }
    BudgetScreen #budget-channels {
        height: auto;
        max-height: 9;
        border: round $secondary;
        padding: 0 1;
    }
    BudgetScreen .channel-table {
        height: auto;
    }
    BudgetScreen .channel-names {
        width: 14;
        height: auto;
    }
    BudgetScreen .channel-shares {
        width: 9;
        height: auto;
    }
    BudgetScreen .channel-total {
        height: 1;
        text-style: bold;
    }
    BudgetScreen #channel-figures {
        width: 1fr;
    }
    BudgetScreen #bars {
        height: auto;
    }
    BudgetScreen #bars-budget {
        margin-right: 2;
    }
    """

    def compose_body(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="budget-top"):
            with Vertical(id="budget-form"):
                # A column of labels beside a column of fields: fewer widgets to draw
                # at each keystroke than a label widget per row.
                with Horizontal(id="budget-grid"):
                    yield Static("", id="budget-labels")
                    with Vertical(id="budget-fields"):
                        yield Choice(
                            [
                                (t("mode_reverse", lang), "reverse"),
                                (t("mode_forward", lang), "forward"),
                            ],
                            id="budget-mode",
                        )
                        yield from self._plan_fields_for(PLAN_FIELDS[:4])
                        yield Choice([("CPM", "cpm"), ("CPC", "cpc")], id="budget-pricing")
                        yield from self._plan_fields_for(PLAN_FIELDS[4:])
                        yield Choice(
                            [
                                (t("solve_nothing", lang), ""),
                                (t("solve_price", lang), "price"),
                                ("CTR", "ctr"),
                                (t("conversion_rate_field", lang), "conversion_rate"),
                            ],
                            id="budget-solve",
                        )
                        yield from self._plan_fields_for(GOAL_FIELDS)
                yield Static("", id="budget-error")
            with _ResultsPanel(id="budget-results"):
                yield FigureLines(id="budget-figures")
        yield _Panel(id="budget-channels")

    def _plan_fields_for(self, fields) -> ComposeResult:
        """A number field for each plan input."""
        for key, kind, label_key in fields:
            yield NumberField(
                key,
                kind,
                t(label_key, self.lang),
                self.lang,
                allow_empty=key not in REQUIRED,
                allow_above_100=key == "target_roi",
                edit_key=f"budget.{key}",
                id=f"field-{key}",
            )

    def on_mount(self) -> None:
        self.query_one("#budget-form").border_title = t("assumptions", self.lang)
        self.query_one("#budget-results").border_title = t("results", self.lang)
        self.query_one("#budget-channels").border_title = t("channel_split", self.lang)
        self._channel_ids: list[str] | None = None  # none drawn yet (an empty list is drawn)
        self._channel_shares: list[NumberField] = []
        self._channel_figures = FigureLines()
        self._plan_fields = [f for f in self.query(NumberField) if not f.key.startswith("share:")]
        # Kept, so that a keystroke needs no query.
        self._mode = self.query_one("#budget-mode", Choice)
        self._pricing = self.query_one("#budget-pricing", Choice)
        self._solve = self.query_one("#budget-solve", Choice)
        self._labels = self.query_one("#budget-labels", Static)
        self._error = self.query_one("#budget-error", Static)
        self._results_panel = self.query_one("#budget-results")
        self._form_panel = self.query_one("#budget-form")
        self._figures = self.query_one("#budget-figures", FigureLines)
        self._channels_box = self.query_one("#budget-channels")
        self._form_drawn: tuple | None = None
        self._results_drawn: tuple | None = None
        self._channels_drawn: tuple | None = None
        self._tornado: FigureLines | None = None
        self._bars: tuple[Bars, Bars] | None = None
        self._tornado_drawn: tuple | None = None
        """What the form, the results and the channel figures were drawn from: a
        keystroke that changes no figure draws none of them again."""

    # --- drawing ------------------------------------------------------------------

    def refresh_body(self, force: bool = False) -> None:
        document = self.roi_app.document
        plan = document.campaign.budget
        self._draw_form(plan.mode, plan.pricing, plan.solve_for)
        self._name_scenario(document.whole.active_scenario)
        # With networks of their own figures, the plan's results are the plan's alone:
        # the networks' add up to the Σ line below.
        own = any(channel.has_own_figures() for channel in document.campaign.channels)
        title = t("results_plan_alone" if own else "results", self.lang)
        if self._results_panel.border_title != title:
            self._results_panel.border_title = title
        solution = document.results.solution
        for field in self._plan_fields:
            if field.key == plan.solve_for:  # found by the plan, not typed
                value = None if solution is None else solution.value
                field.show(value, force=True)
            else:
                self.show_field(field, getattr(plan, field.key), force)
        if self.bottom == "split":
            self._draw_channels(force)  # shows the shares: before the error and the results
        elif self.bottom == "bars":
            self._draw_bars()
        elif self.bottom == "ranges":
            self._draw_ranges()
        else:
            self._draw_tornado()
        self._show_error()
        self._draw_results()

    def _name_scenario(self, scenario: str) -> None:
        """The assumptions' frame names the scenario they belong to (none: the base)."""
        title = t("assumptions", self.lang)
        if scenario:
            title = f"{title} ◆ {escape_markup(one_line(scenario, 24))}"  # a frame reads markup
        if self._form_panel.border_title != title:
            self._form_panel.border_title = title

    def _draw_form(self, mode: str, pricing: str, solve_for: str | None) -> None:
        """The mode, pricing and figure solved for, the fields they show, and the labels.
        Solving for a figure in a reverse plan shows the target sales and the budget (the
        plan reaches the one within the other), and the target CPA, ROI and ROAS; the
        figure found cannot be typed."""
        lang = self.lang
        if self._form_drawn == (mode, pricing, solve_for, lang):
            return
        self._form_drawn = (mode, pricing, solve_for, lang)
        self._mode.value = mode
        self._pricing.value = pricing
        self._solve.value = solve_for or ""
        hidden = {"target_conversions"} if mode == "forward" else set()
        if solve_for is None:
            hidden = {"budget" if mode == "reverse" else "target_conversions"}
            hidden |= {key for key, _kind, _label in GOAL_FIELDS}
        for field in self._plan_fields:
            field.display = field.key not in hidden
            field.disabled = field.key == solve_for
        price_label = t("price_cpm" if pricing == "cpm" else "price_cpc", lang).split(" (")[0]
        next(f for f in self._plan_fields if f.key == "price").label = price_label

        def shown(fields) -> list[str]:
            return [t(label, lang) for key, _kind, label in fields if key not in hidden]

        labels = [t("mode", lang), *shown(PLAN_FIELDS[:4]), t("pricing", lang), price_label]
        labels += [*shown(PLAN_FIELDS[5:]), t("solve_for", lang), *shown(GOAL_FIELDS)]
        labels = "\n".join(one_line(label, 15) for label in labels)
        show_text(self._labels, labels, layout=True)

    def number_fields(self) -> list[NumberField]:
        return [*self._plan_fields, *self._channel_shares]

    @property
    def stale(self) -> bool:
        """A field does not parse: the figures shown are the last valid ones."""
        return self.field_problem() is not None

    def _draw_results(self) -> None:
        document = self.roi_app.document
        result = document.results.budget
        currency = document.campaign.meta.currency
        width = max(content_width(self._results_panel) - 4, 30)
        room = content_width(self._figures) or width
        stale = self.stale
        height = self._results_panel.content_size.height
        drawn_from = (result, currency, self.lang, width, room, height, stale, self.app.theme)
        if drawn_from == self._results_drawn:
            return
        self._results_drawn = drawn_from
        rows = [(label, value) for _key, label, value in budget_rows(result, currency, self.lang)]
        lines = pairs(rows[:4], width, emphasis={rows[2][0], rows[3][0]})
        # A rule between the plan and its money, where the panel has the room for it.
        if not height or len(rows) + VERDICT_LINES + 2 <= height:
            lines.append(Text("─" * width))
        lines += pairs(rows[4:], width)
        verdict = verdict_text(result, self.lang)
        style = "bold red" if result.verdict == "above" else "bold green"
        # Three lines for the verdict, so that a long one is not cut in a narrow panel
        # (always three: a change of verdict then lays nothing out again).
        wrapped = textwrap.wrap(verdict, room)
        if len(wrapped) > VERDICT_LINES:
            rest = " ".join(wrapped[VERDICT_LINES - 1 :])
            wrapped[VERDICT_LINES - 1 :] = [textwrap.shorten(rest, room, placeholder=" …")]
        # Fewer blank lines under it when the panel is short (more networks below).
        spare = height - len(lines) - 1 if height else VERDICT_LINES
        wrapped += [""] * (max(len(wrapped), min(VERDICT_LINES, spare)) - len(wrapped))
        lines += [Text(line, style=style) for line in wrapped]
        # The figures stay while a field does not parse; one line says they are the last
        # valid ones (cheaper over SSH than restyling the whole panel at each switch).
        notice = f" ⚠ {t('stale', self.lang).capitalize()} " if stale else ""
        warning = self.app.theme_variables.get("warning", "yellow")
        if notice or not height or len(lines) < height:  # its blank line only if room
            lines.append(Text(notice, style=f"bold reverse {warning}"))
        self._figures.show(lines)

    def _unsolved(self, solution) -> str:
        """Why the figure solved for has no value, in the form's words."""
        lang = self.lang
        labels = {key: t(label, lang) for key, _kind, label in PLAN_FIELDS}
        labels |= {
            "target_sales": labels["target_conversions"],
            "cpm": "CPM",
            "cpc": "CPC",
            "aov": labels["average_order_value"],
        }
        if solution.reason == "solve_no_target":
            return t("solve_no_target_here", lang)
        if solution.reason == "solve_missing":
            names = ", ".join(labels.get(name, name) for name in solution.names)
            return t("solve_missing", lang, options=names)
        figure = labels.get(solution.unknown, solution.unknown.upper())
        return t(solution.reason or "solve_unreachable", lang, figure=figure)

    def on__results_panel_resized(self, _message: _ResultsPanel.Resized) -> None:
        if self._results_drawn is not None:
            self._draw_results()

    def action_add_network(self) -> None:
        """A network picked from the list, added last; its share gets the focus."""
        from socialroi_tui.tui.dialogs.network import NetworkDialog

        def picked(network: str | None) -> None:
            if network is None:
                return
            if self.roi_app.edit(lambda c: editing.add_channel(c, network), key="budget.network"):
                self.bottom = "split"
                self.refresh_body()
                self.call_after_refresh(self._focus_last_share)

        self.app.push_screen(NetworkDialog(self.lang), picked)

    def _focus_last_share(self) -> None:
        if self._channel_shares:
            self._channel_shares[-1].focus()
        else:  # the rows are being built
            self.call_after_refresh(self._focus_last_share)

    def _network_in_focus(self) -> int | None:
        """The network whose share has the focus (None, and a word why, if none has)."""
        focused = self.focused
        if isinstance(focused, NumberField) and focused in self._channel_shares:
            return self._channel_shares.index(focused)
        self.notify(t("network_focus_first", self.lang), severity="warning")
        return None

    def action_remove_network(self) -> None:
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        index = self._network_in_focus()
        if index is None:
            return
        channel = self.roi_app.document.campaign.channels[index]
        lang = self.lang

        def answered(answer: str | None) -> None:
            if answer == "remove":
                self.roi_app.edit(lambda c: editing.remove_channel(c, index), key="budget.network")

        self.app.push_screen(
            ChoiceDialog(
                t("remove_network_title", lang),
                t("remove_network_question", lang, network=channel.label or channel.id),
                [("remove", t("choice_remove", lang)), ("cancel", t("choice_cancel", lang))],
                focus="cancel",
            ),
            answered,
        )

    def action_ranges(self) -> None:
        """A low and a high for the plan's assumptions; the lower panel then shows the
        results' ranges."""
        from socialroi_tui.tui.dialogs.ranges import RangesDialog

        def chosen(ranges: dict | None) -> None:
            self.set_focus(None)  # the number keys switch screens again
            change = lambda c: editing.set_budget(c, ranges=ranges)  # noqa: E731
            if ranges is not None and self.roi_app.edit(change):
                self.bottom = "ranges"
                self._tornado_drawn = None
                self.refresh_body()

        plan = self.roi_app.document.campaign.budget
        self.app.push_screen(RangesDialog(plan, self.lang), chosen)

    def action_network_settings(self) -> None:
        """The network in focus: its own assumptions, its share or target, its media."""
        from socialroi_tui.tui.dialogs.network import NetworkSettings

        index = self._network_in_focus()
        if index is None:
            return
        campaign = self.roi_app.document.campaign

        def chosen(values: dict | None) -> None:
            self.set_focus(None)  # the number keys switch screens again
            if values is not None:
                change = lambda c: editing.set_channel(c, index, **values)  # noqa: E731
                if self.roi_app.edit(change, key="budget.network"):
                    self.refresh_body(force=True)

        self.app.push_screen(
            NetworkSettings(campaign.channels[index], campaign.budget, self.lang), chosen
        )

    def action_rename_network(self) -> None:
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        index = self._network_in_focus()
        if index is None:
            return
        channel = self.roi_app.document.campaign.channels[index]

        def named(label: str | None) -> None:
            if label is not None and label.strip():
                change = lambda c: editing.set_channel(c, index, label=label.strip())  # noqa: E731
                if self.roi_app.edit(change, key="budget.network"):
                    self._channel_ids = None  # the names column is built again
                    self.refresh_body()

        self.app.push_screen(
            TextPrompt(
                t("rename_network_title", self.lang), t("network_name", self.lang), channel.label
            ),
            named,
        )

    def action_tornado(self) -> None:
        """The lower panel shows the next view: the split, the split drawn as bars, then
        the tornado of each figure the plan follows (budget or sales, CPA, ROI), then the
        results' ranges, then the split again."""
        mode = self.roi_app.document.campaign.budget.mode
        views = ["split", "bars", *FIGURES[mode], "ranges"]
        following = views.index(self.bottom) + 1 if self.bottom in views else 1
        self.bottom = views[following % len(views)]
        self._channel_ids = None  # the split is built again when it comes back
        self._tornado_drawn = None
        self.refresh_body()

    def _figure_lines(self) -> FigureLines:
        """The lower panel's lines, for the tornado or the ranges."""
        box = self._channels_box
        if self._tornado is None or self._tornado.parent is not box:
            box.remove_children()
            self._channel_shares = []
            self._bars = None
            self._tornado = FigureLines(id="tornado")
            box.mount(self._tornado)
        return self._tornado

    def _bar_charts(self) -> tuple[Bars, Bars]:
        """The lower panel's two charts side by side, for the bars view."""
        box = self._channels_box
        if self._bars is None or self._bars[0].parent is None:
            box.remove_children()
            self._channel_shares = []
            self._tornado = None
            self._bars = (Bars(id="bars-budget"), Bars(id="bars-cpa"))
            self._tornado_drawn = None  # new charts: drawn whatever was drawn before
            box.mount(Horizontal(*self._bars, id="bars"))
        return self._bars

    def _draw_bars(self) -> None:
        """The split drawn: each network's budget, and its CPA against the plan's."""
        document = self.roi_app.document
        results, lang = document.results, self.lang
        currency = document.campaign.meta.currency
        box = self._channels_box
        budgets_bars, cpa_bars = self._bar_charts()
        drawn_from = (results.channels, results.combined, results.budget.cpa, currency, lang)
        if drawn_from == self._tornado_drawn:
            return
        self._tornado_drawn = drawn_from
        box.border_title = t("bars_title", lang)
        budgets, cpas = network_bar_charts(results, currency, lang)
        parts = [t("bars_legend_over", lang)] if cpas.any_over else []
        box.border_subtitle = " · ".join([*parts, t("bars_hint", lang)])
        budgets_bars.show_chart(budgets, empty=t("bars_empty", lang))
        cpa_bars.show_chart(cpas, reference_name=t("bars_plan_cpa", lang))

    def _draw_ranges(self) -> None:
        """Each result between its lowest and highest value, from the assumptions'
        ranges (exact: from the corners)."""
        document = self.roi_app.document
        campaign, results, lang = document.campaign, document.results, self.lang
        lines_widget, box = self._figure_lines(), self._channels_box
        currency = campaign.meta.currency
        room = self.size.height
        drawn_from = (campaign.budget, results.solution, self.bottom, currency, lang, room)
        if drawn_from == self._tornado_drawn:
            return
        self._tornado_drawn = drawn_from
        box.border_title = t("ranges_title", lang)
        box.border_subtitle = t("ranges_hint", lang)
        ranges = plan_ranges_of(campaign, results.solution)
        lines = []
        if ranges is not None:
            margin = campaign.budget.gross_margin is not None
            for label, low, planned, high in range_rows(ranges, margin, currency, lang):
                lines.append(Text(f"{one_line(label, 20):<20} {low:>14} {planned:>14} {high:>14}"))
        # As many rows as leave the form its height, the plan's answer, CPA and ROI first.
        room = max(TORNADO_ROWS, self.size.height - FORM_HEIGHT)
        if len(lines) > room:
            more = tn("tornado_more", len(lines) - room, lang)
            box.border_subtitle = f"{more} · {t('ranges_key', lang)}"
            lines = lines[:room]
        if not lines:
            lines.append(Text(t("ranges_empty", lang), style="italic"))
        lines_widget.show(lines)

    def _draw_tornado(self) -> None:
        """Each assumption a step lower and higher: how far it moves the figure shown."""
        document = self.roi_app.document
        campaign, results, lang = document.campaign, document.results, self.lang
        box = self._channels_box
        self._figure_lines()
        currency = campaign.meta.currency
        # As many rows as leave the form its height (at 80×24: the three largest effects).
        room = max(TORNADO_ROWS, self.size.height - FORM_HEIGHT)
        drawn_from = (campaign.budget, results.solution, self.bottom, currency, lang, room)
        if drawn_from == self._tornado_drawn:
            return
        self._tornado_drawn = drawn_from
        result = plan_sensitivity(campaign, results.solution)
        figure = self.bottom if self.bottom in result.figures else result.figures[0]
        step = format_rate(result.step, lang)
        name = t(SENSITIVITY_WORDS[figure], lang)
        title = "tornado_title_ranges" if campaign.budget.ranges else "tornado_title"
        box.border_title = t(title, lang, figure=name, step=step)
        rows = sensitivity_rows(result, figure, currency, lang, half=7)
        hint = t("tornado_hint", lang)
        if len(rows) > room:
            hint = tn("tornado_more", len(rows) - room, lang) + " · " + hint
        box.border_subtitle = hint
        lines = []
        for label, low, high, bars, at_low, at_high in rows[:room]:
            # 74 columns: within the panel at 80 columns
            line = Text(f"{one_line(label, 14):<14} {low:>10} {high:>10} ")
            line.append(bars, style="bold")
            line.append(f" {at_low:>10} {at_high:>10}")
            lines.append(line)
        if results.solution is not None and results.solution.value is None:
            lines = []  # nothing found: no plan to vary
        if not lines:
            lines.append(Text(t("tornado_empty", lang), style="italic"))
        self._tornado.show(lines)

    def _draw_channels(self, force: bool) -> None:
        if self.bottom != "split":  # called after a refresh, once another view is shown
            return
        document = self.roi_app.document
        campaign, results = document.campaign, document.results
        box = self._channels_box
        if box.border_title != t("channel_split", self.lang):
            box.border_title = t("channel_split", self.lang)
        ids = [c.id for c in campaign.channels]
        if ids != self._channel_ids:
            self._build_channel_rows(box, campaign.channels)
            self._channel_ids = ids
            self._channels_drawn = None
            self.call_after_refresh(self._draw_channels, True)
            return
        if not campaign.channels:
            return  # the hint to add one (ctrl+n) stands in for the table
        for channel, share in zip(campaign.channels, self._channel_shares, strict=True):
            self.show_field(share, channel.share, force)
        currency, lang = campaign.meta.currency, self.lang
        own = tuple(channel.has_own_figures() for channel in campaign.channels)
        labels = tuple(channel.label for channel in campaign.channels)
        drawn_from = (results.channels, results.combined, results.allocated_share, own, labels)
        drawn_from += (currency, lang)
        if drawn_from == self._channels_drawn:
            return
        self._channels_drawn = drawn_from
        names = [
            one_line(channel.display_name, 12) + ("*" if mine else "")
            for channel, mine in zip(campaign.channels, own, strict=True)
        ]
        names.append(t("combined_plan", lang))
        self._channel_names.update(Text("\n".join(names)))
        lines = []
        for plan in results.channels:
            figures = Text(format_money(plan.result.budget, currency, lang).rjust(13) + " ")
            figures.append(bar(plan.share, 8).ljust(8), style="bold")
            sales = format_count(plan.result.conversions, lang).rjust(7)
            cpa = format_money(plan.result.cpa, currency, lang)
            figures.append(f" {sales} {t('conversions_short', lang)}  CPA {cpa}")
            lines.append(figures)
        combined = results.combined
        if combined is not None:
            total = Text(format_money(combined.budget, currency, lang).rjust(13) + " " * 9)
            sales = format_count(combined.conversions, lang).rjust(7)
            cpa = format_money(combined.cpa, currency, lang)
            total.append(f" {sales} {t('conversions_short', lang)}  CPA {cpa}")
            lines.append(total)
        self._channel_figures.show(lines)
        allocated = results.allocated_share
        self._channel_total.update("" if allocated is None else format_rate(allocated, lang))
        parts = [t("split_rounding", lang)]
        unallocated = results.unallocated_share
        if unallocated:
            parts.insert(0, f"{t('unallocated', lang)} {format_rate(unallocated, lang)}")
        unshared = next((c.display_name for c in campaign.channels if c.share is None), None)
        if unshared is not None:  # the sum waits for it; a frame reads markup: the name is text
            name = escape_markup(one_line(unshared, 16))
            parts.insert(0, t("share_to_type", lang, network=name))
        parts.append(t("own_assumptions_mark", lang))
        subtitle = " · ".join(parts)
        if box.border_subtitle != subtitle:
            box.border_subtitle = subtitle

    def _build_channel_rows(self, box, channels) -> None:
        """Three columns, a line per channel: its name, its share (editable), its figures."""
        box.remove_children()
        self._channel_shares = []
        self._channel_figures = FigureLines(id="channel-figures")
        if not channels:
            box.mount(Static(t("no_channels_budget", self.lang), classes="hint"))
            return
        for index, channel in enumerate(channels):
            label = one_line(channel.display_name, 13)
            share = NumberField(
                f"share:{index}",
                "rate",
                f"{label} ({t('share', self.lang)})",
                self.lang,
                edit_key=f"budget.share:{index}",
                classes="channel-share",
            )
            self._channel_shares.append(share)
        self._channel_names = Static("", classes="channel-names")
        self._channel_total = Static("", classes="channel-total")
        box.mount(
            Horizontal(
                self._channel_names,
                Vertical(*self._channel_shares, self._channel_total, classes="channel-shares"),
                self._channel_figures,
                classes="channel-table",
            )
        )

    # --- editing ------------------------------------------------------------------

    def number_field_parsed(self, field: NumberField, value) -> None:
        if field.key.startswith("share:"):
            index = int(field.key.split(":")[1])
            change = lambda c: editing.set_channel_share(c, index, value)  # noqa: E731
        else:
            change = lambda c: editing.set_budget(c, **{field.key: value})  # noqa: E731
        if not self.send_field_edit(field, change):
            self._show_error()
            self._draw_results()
        elif field.key.startswith("share:"):
            self._retry_refused_shares(field)

    def _retry_refused_shares(self, accepted: NumberField) -> None:
        """A share taken may make room for one refused before (40 % → 50 % over 100 %,
        then 35 % → 25 %): those are tried again as they read."""
        for share in self._channel_shares:
            if share is accepted or share.problem is None:
                continue
            try:
                value = share.parse(share.value)
            except NumberError:
                continue  # text that does not read keeps its error
            index = int(share.key.split(":")[1])
            change = lambda c, i=index, v=value: editing.set_channel_share(c, i, v)  # noqa: E731
            share.clear_problem()  # said again if still refused
            self.send_field_edit(share, change)

    def number_field_invalid(self, field: NumberField) -> None:
        self.field_unreadable(field)
        self._show_error()
        self._draw_results()

    def _show_error(self) -> None:
        """Under the form: why a field cannot be read, then the values worth a second
        look (``0,5`` read as 50 % in a conversion rate: did you mean 0,5 %?)."""
        document = self.roi_app.document
        lines: list[tuple[str, str]] = []
        problem = self.field_problem()
        if problem:
            lines.append((problem, ""))
        solution = document.results.solution if document is not None else None
        if solution is not None and solution.value is None:
            lines.append((self._unsolved(solution), ""))
        warnings = check_budget(document.campaign.budget) if document is not None else []
        # A field being typed again: its warning waits until what is typed reads.
        unreadable = {f.key for f in self._plan_fields if f.problem is not None}
        warnings = [w for w in warnings if WARNED_FIELDS[w.field] not in unreadable]
        doubtful = {WARNED_FIELDS[w.field] for w in warnings}
        for field in self._plan_fields:
            field.mark_doubtful(field.key in doubtful)
        currency = document.campaign.meta.currency if document is not None else "EUR"
        labels = {field.key: field.label for field in self._plan_fields}
        colour = self.app.theme_variables.get("warning", "yellow")
        for warning in warnings:
            label = labels[WARNED_FIELDS[warning.field]]
            lines.append((plausibility_text(warning, self.lang, currency, label=label), colour))
        # Wrapped here, where a no-break space (French « : », « % ») holds: Rich's own
        # wrapping breaks at any space.
        width = max(content_width(self._error), 20)
        text = Text()
        for line, style in lines:
            for part in textwrap.wrap(line, width) or [""]:
                if text:
                    text.append("\n")
                text.append(part, style=style)
        show_text(self._error, text)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        """The mode, the buying or the figure solved for switched, the figures carried
        across."""
        if event.choice.id == "budget-solve":
            solve_for = event.value or None
            self.roi_app.edit(lambda c: editing.solve_for(c, solve_for), key="budget.solve_for")
        elif event.choice.id == "budget-mode":
            self.roi_app.edit(
                lambda c: editing.switch_budget_mode(c, event.value), key="budget.mode"
            )
        else:
            self.roi_app.edit(
                lambda c: editing.switch_pricing(c, event.value), key="budget.pricing"
            )
