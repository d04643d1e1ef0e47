"""The budget calculator: reverse (target → budget) or forward (budget → sales), live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Select, Static

from socialroi_tui import editing
from socialroi_tui.engine.numbers import format_count, format_money, format_rate
from socialroi_tui.i18n import t
from socialroi_tui.presenter import budget_rows, verdict_text
from socialroi_tui.textsafe import one_line
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.figures import bar, pairs, show_text
from socialroi_tui.tui.widgets.number_field import NumberField

REQUIRED = {"target_conversions", "budget", "conversion_rate", "ctr", "price"}
"""Emptying these while retyping keeps the last figures (marked stale) rather than none."""
# (budget field, number kind, label key)
PLAN_FIELDS = [
    ("target_conversions", "count", "target_sales_field"),
    ("budget", "money", "budget_field"),
    ("conversion_rate", "rate", "conversion_rate_field"),
    ("ctr", "rate", "ctr_field"),
    ("price", "money", "price"),
    ("average_order_value", "money", "aov_field"),
    ("gross_margin", "rate", "margin_field"),
]


class BudgetScreen(SectionScreen):
    SECTION = "budget"
    AUTO_FOCUS = "#budget-mode"
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
        grid-size: 2;
        grid-columns: 16 1fr;
        grid-rows: 1;
        height: auto;
    }
    BudgetScreen #budget-results {
        width: 1fr;
        border: round $secondary;
        padding: 0 1;
    }
    BudgetScreen #budget-figures {
        height: 13;
    }
    BudgetScreen #budget-error {
        color: $error;
        height: 3;
    }
    BudgetScreen #budget-channels {
        height: auto;
        max-height: 9;
        border: round $secondary;
        padding: 0 1;
    }
    BudgetScreen .channel-row {
        height: 1;
    }
    BudgetScreen .channel-name {
        width: 14;
    }
    BudgetScreen .channel-share {
        width: 9;
    }
    BudgetScreen .channel-figures {
        width: 1fr;
    }
    """

    def compose_body(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="budget-top"):
            with Vertical(id="budget-form"):
                with Grid(id="budget-grid"):
                    yield Label(t("mode", lang))
                    yield Select(
                        [
                            (t("mode_reverse", lang), "reverse"),
                            (t("mode_forward", lang), "forward"),
                        ],
                        allow_blank=False,
                        compact=True,
                        id="budget-mode",
                    )
                    yield from self._plan_field_rows(PLAN_FIELDS[:4])
                    yield Label(t("pricing", lang))
                    yield Select(
                        [("CPM", "cpm"), ("CPC", "cpc")],
                        allow_blank=False,
                        compact=True,
                        id="budget-pricing",
                    )
                    yield from self._plan_field_rows(PLAN_FIELDS[4:])
                yield Static("", id="budget-error")
            with VerticalScroll(id="budget-results"):
                yield Static("", id="budget-figures")
        yield VerticalScroll(id="budget-channels")

    def _plan_field_rows(self, fields) -> ComposeResult:
        """A label and a number field for each plan input."""
        for key, kind, label_key in fields:
            yield Label(t(label_key, self.lang), id=f"label-{key}")
            yield NumberField(
                key,
                kind,
                t(label_key, self.lang),
                self.lang,
                allow_empty=key not in REQUIRED,
                id=f"field-{key}",
            )

    def on_mount(self) -> None:
        self.query_one("#budget-form").border_title = t("assumptions", self.lang)
        self.query_one("#budget-channels").border_title = t("channel_split", self.lang)
        self._channel_ids: list[str] = []
        self._channel_rows: list[tuple[NumberField, Static]] = []
        self._plan_fields = [f for f in self.query(NumberField) if not f.key.startswith("share:")]
        self._channel_rows: list[tuple[NumberField, Static]] = []
        super().on_mount()

    # --- drawing ------------------------------------------------------------------

    def refresh_body(self, force: bool = False) -> None:
        if force:
            self._invalid.clear()
            self._show_error()
        document = self.roi_app.document
        plan = document.campaign.budget
        reverse = plan.mode == "reverse"
        for select_id, value in (("#budget-mode", plan.mode), ("#budget-pricing", plan.pricing)):
            select = self.query_one(select_id, Select)
            if select.value != value:
                with self.prevent(Select.Changed):
                    select.value = value
        for key in ("target_conversions", "budget"):
            wanted = (key == "target_conversions") == reverse
            for widget in (self.query_one(f"#field-{key}"), self.query_one(f"#label-{key}")):
                if widget.display != wanted:
                    widget.display = wanted
        price_label = t("price_cpm" if plan.pricing == "cpm" else "price_cpc", self.lang)
        show_text(self.query_one("#label-price", Label), price_label.split(" (")[0])
        self.query_one("#field-price", NumberField).label = price_label.split(" (")[0]
        for field in self._plan_fields:
            field.show(getattr(plan, field.key), force=force)
        self._draw_results()
        self._draw_channels(force)

    @property
    def stale(self) -> bool:
        """A field does not parse: the figures shown are the last valid ones."""
        return bool(self._invalid)

    def _draw_results(self) -> None:
        document = self.roi_app.document
        result = document.results.budget
        currency = document.campaign.meta.currency
        panel = self.query_one("#budget-results")
        stale = self.stale
        title = t("results", self.lang)
        title = f"{title} — {t('stale', self.lang)}" if stale else title
        if panel.border_title != title:
            panel.border_title = title
        rows = [(label, value) for _key, label, value in budget_rows(result, currency, self.lang)]
        width = max(panel.size.width - 4, 30)
        text = pairs(rows[:4], width, emphasis={rows[2][0], rows[3][0]})
        text.append("\n" + "─" * width + "\n")
        text.append_text(pairs(rows[4:], width))
        verdict = verdict_text(result, self.lang)
        if verdict:
            style = "bold red" if result.verdict == "above" else "bold green"
            text.append("\n" + verdict, style=style)
        if stale:  # the last valid figures, dimmed, until the field is valid again
            text.stylize("dim italic")
        show_text(self.query_one("#budget-figures", Static), text)

    def _draw_channels(self, force: bool) -> None:
        document = self.roi_app.document
        campaign, results = document.campaign, document.results
        box = self.query_one("#budget-channels")
        ids = [c.id for c in campaign.channels]
        if ids != self._channel_ids:
            self._build_channel_rows(box, campaign.channels)
            self._channel_ids = ids
            self.call_after_refresh(self._draw_channels, True)
            return
        currency, lang = campaign.meta.currency, self.lang
        rows = zip(campaign.channels, results.channels, self._channel_rows, strict=True)
        for channel, plan, (share, figures_widget) in rows:
            share.show(channel.share, force=force)
            figures = Text(format_money(plan.result.budget, currency, lang).rjust(13) + " ")
            figures.append(bar(plan.share, 8).ljust(8), style="bold")
            sales = format_count(plan.result.conversions, lang).rjust(7)
            cpa = format_money(plan.result.cpa, currency, lang)
            figures.append(f" {sales} {t('conversions_short', lang)}  CPA {cpa}")
            show_text(figures_widget, figures)
        unallocated = results.unallocated_share
        subtitle = ""
        if unallocated:
            subtitle = f"{t('unallocated', lang)} {format_rate(unallocated, lang)}"
        if box.border_subtitle != subtitle:
            box.border_subtitle = subtitle

    def _build_channel_rows(self, box, channels) -> None:
        """One row per channel: its name, its share (editable) and its figures."""
        box.remove_children()
        if not channels:
            box.mount(Static(t("no_channels", self.lang), classes="hint"))
        self._channel_rows = []
        for index, channel in enumerate(channels):
            label = one_line(channel.label or channel.network.capitalize(), 13)
            share = NumberField(
                f"share:{index}",
                "rate",
                f"{label} ({t('share', self.lang)})",
                self.lang,
                classes="channel-share",
            )
            figures = Static("", classes="channel-figures", id=f"channel-figures-{index}")
            self._channel_rows.append((share, figures))
            box.mount(
                Horizontal(
                    Static(label, classes="channel-name"), share, figures, classes="channel-row"
                )
            )

    # --- editing ------------------------------------------------------------------

    def number_field_parsed(self, field: NumberField, value) -> None:
        self._invalid.pop(field.key, None)
        self._show_error()
        if field.key.startswith("share:"):
            index = int(field.key.split(":")[1])
            change = lambda c: editing.set_channel(c, index, share=value)  # noqa: E731
        else:
            change = lambda c: editing.set_budget(c, **{field.key: value})  # noqa: E731
        if not self.roi_app.edit(change, key=f"budget.{field.key}"):
            self._draw_results()

    def number_field_invalid(self, field: NumberField, reason: str) -> None:
        self._invalid[field.key] = reason
        self._show_error()
        self._draw_results()

    def _show_error(self) -> None:
        error = self.query_one("#budget-error", Static)
        show_text(error, Text(next(iter(self._invalid.values()), "")))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "budget-mode":
            self.roi_app.edit(lambda c: editing.set_budget(c, mode=event.value), key="budget.mode")
        elif event.select.id == "budget-pricing":
            self.roi_app.edit(
                lambda c: editing.set_budget(c, pricing=event.value), key="budget.pricing"
            )
