"""The funnel editor: stages with counts, step rates, rates from the top and bars;
under it, the plan's funnel (from the budget), combined or per channel."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from socialroi_tui import editing
from socialroi_tui.engine.funnel import plan_funnel
from socialroi_tui.presenter import funnel_rows
from socialroi_tui.text.numbers import format_count
from socialroi_tui.text.safe import one_line, padded
from socialroi_tui.text.words import label, t
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.figures import FigureLines, bar, show_text
from socialroi_tui.tui.widgets.measure import content_width
from socialroi_tui.tui.widgets.number_field import NumberField

COLUMNS = ("label", "count", "step", "top")
STAGE_KEYS = ("funnel.count:", "funnel.step:", "funnel.top:")
"""Edit keys of the stages' fields (numbered by position: rebuilt with the rows)."""
COMBINED = "__all__"


class StageRow(NamedTuple):
    """The widgets of one stage's row, kept so that a keystroke needs no query."""

    label: Input
    count: NumberField
    step: NumberField
    top: NumberField
    bar: FigureLines


class FunnelScreen(SectionScreen):
    SECTION = "funnel"
    AUTO_FOCUS = ""
    """Nothing has the focus on entering (1-5 switch sections; ↓ goes to the stages)."""
    _name_new_stage = False
    _focus_after_rebuild: tuple[int, str] | None = None
    """Where the focus goes once the rows are built again (a stage added, moved…)."""
    BINDINGS = [
        Binding(
            "ctrl+n", "add_stage", "key_add_stage", tooltip="keyhelp_add_stage", id="add_stage"
        ),
        Binding(
            "ctrl+r",
            "remove_stage",
            "key_remove_stage",
            tooltip="keyhelp_remove_stage",
            id="remove_stage",
        ),
        Binding(
            "shift+up",
            "move_stage(-1)",
            "key_move_up",
            tooltip="keyhelp_move_stage",
            show=False,
            id="move_up",
        ),
        Binding(
            "shift+down",
            "move_stage(1)",
            "key_move_down",
            tooltip="keyhelp_move_stage",
            show=False,
            id="move_down",
        ),
        Binding(
            "ctrl+l",
            "landing",
            "key_landing",
            tooltip="keyhelp_landing",
            show=False,
            id="landing_stage",
        ),
        # Priority: handled as the key arrives, before the next one is sent to the field
        # that has the focus (three ↓ sent together move three rows). Only between the
        # stages (``check_action``): the plan's Select keeps its own arrows.
        Binding("up", "row(-1)", tooltip="keyhelp_stage_rows", show=False, priority=True),
        Binding("down", "row(1)", tooltip="keyhelp_stage_rows", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    FunnelScreen #funnel-editor {
        height: 1fr;
        min-height: 8;
        border: round $primary;
        padding: 0 1;
    }
    FunnelScreen #stage-header {
        height: 1;
        text-style: bold;
        color: $text-muted;
    }
    FunnelScreen #stage-rows {
        height: 1fr;
    }
    FunnelScreen .stage-row {
        height: 1;
    }
    FunnelScreen .stage-label {
        width: 22;
    }
    FunnelScreen .stage-count {
        width: 12;
    }
    FunnelScreen .stage-step, FunnelScreen .stage-top {
        width: 9;
        margin-left: 1;
    }
    FunnelScreen .stage-bar {
        width: 1fr;
        margin-left: 1;
        color: $accent;
    }
    FunnelScreen #bounce-row {
        height: 1;
    }
    FunnelScreen #bounce-label {
        width: auto;
    }
    FunnelScreen #bounce-rate {
        width: 9;
        margin: 0 1;
    }
    FunnelScreen #bounce-stay {
        width: 1fr;
    }
    FunnelScreen #funnel-note {
        height: auto;
        color: $text-muted;
    }
    FunnelScreen #plan-funnel {
        height: auto;
        border: round $secondary;
        padding: 0 1;
    }
    FunnelScreen #plan-channel {
        width: 40;
    }
    FunnelScreen #plan-rows {
        height: auto;
    }
    """

    def compose_body(self) -> ComposeResult:
        with Vertical(id="funnel-editor"):
            yield Static("", id="stage-header")
            rows = VerticalScroll(id="stage-rows")
            rows.can_focus = False
            yield rows
            with Horizontal(id="bounce-row"):
                yield Static("", id="bounce-label")
                yield NumberField(
                    "bounce",
                    "rate",
                    t("bounce_rate", self.lang),
                    self.lang,
                    edit_key="funnel.bounce",
                    id="bounce-rate",
                )
                yield Static("", id="bounce-stay")
            yield Static("", id="funnel-note")
        with Vertical(id="plan-funnel"):
            yield Select(
                [(t("all_channels_combined", self.lang), COMBINED)],
                value=COMBINED,
                allow_blank=False,
                compact=True,
                id="plan-channel",
            )
            yield Static("", id="plan-rows")

    def on_mount(self) -> None:
        lang = self.lang
        self.query_one("#funnel-editor").border_title = t("campaign_funnel", lang)
        self.query_one("#plan-funnel").border_title = t("plan_funnel", lang)
        header = Text(
            t("stage", lang).ljust(22)
            + t("count", lang).ljust(13)
            + t("step_rate", lang).ljust(10)
            + t("from_top", lang)
        )
        self.query_one("#stage-header", Static).update(header)
        self._stage_ids: list[str] = []
        self._rows: list[StageRow] = []
        self._bars_drawn: list[tuple | None] = []
        """What each stage's bar was drawn from: a keystroke draws only the bars it moves."""
        self._note = self.query_one("#funnel-note", Static)
        self._bounce_label = self.query_one("#bounce-label", Static)
        self._bounce_rate = self.query_one("#bounce-rate", NumberField)
        self._bounce_stay = self.query_one("#bounce-stay", Static)
        self._plan_channel = self.query_one("#plan-channel", Select)
        self._plan_rows = self.query_one("#plan-rows", Static)
        self._rows_ready = False
        self._channel_ids: list[str] | None = None
        self._plan_drawn: tuple | None = None
        """What the plan funnel was drawn from: a funnel edit leaves it as it is."""

    # --- drawing ------------------------------------------------------------------

    def refresh_body(self, force: bool = False) -> None:
        document = self.roi_app.document
        funnel, result = document.campaign.funnel, document.results.funnel
        ids = [s.id for s in funnel.stages]
        if ids != self._stage_ids:
            self._stage_ids = ids
            self._rows_ready = False
            self.call_later(self._rebuild_rows)
            return
        if not self._rows_ready:
            return
        lang = self.lang
        shown = editing.stage_fields(funnel)
        stages = zip(funnel.stages, result.stages, self._rows, shown, strict=True)
        for index, (stage, figures, row, (count, step, top)) in enumerate(stages):
            label = one_line(stage.label)  # control characters visible, on one line
            if (force or not row.label.has_focus) and row.label.value != label:
                with row.label.prevent(Input.Changed):
                    row.label.value = label
            self.show_field(row.count, count, force)
            self.show_field(row.step, step, force)
            if row.step.disabled != (index == 0):
                row.step.disabled = index == 0
            self.show_field(row.top, top, force)
            marks = ("¹" if figures.given_from_top else " ") + (
                "⌂ " if stage.id == funnel.landing_stage else "  "
            )
            bar_width = max(content_width(row.bar) - len(marks), 4)
            drawn_from = (marks, figures.rate_from_top, bar_width)
            if self._bars_drawn[index] != drawn_from:
                self._bars_drawn[index] = drawn_from
                bar_text = bar(figures.rate_from_top, bar_width)
                row.bar.show([Text(marks, style="bold") + Text(bar_text)])
        self._draw_bounce(funnel, result, force)
        notes = []
        if any(s.given_from_top for s in result.stages):
            notes.append(t("given_from_top", lang))
        if result.cyclic:
            notes.append(t("cyclic", lang))
        if not funnel.stages:
            notes.append(t("no_stages", lang))
        problem = self.field_problem()
        if problem:
            notes.append(problem)
        show_text(self._note, Text("\n".join(notes)), layout=True)
        self._note.set_class(problem is not None, "error")
        self._draw_plan()

    async def _rebuild_rows(self) -> None:
        """One row of fields per stage (after stages are added, removed or moved)."""
        rows = self.query_one("#stage-rows")
        focus = None
        if self._focused_row() is not None:  # where it was asked to go, or (an undo) stay
            focus = (self._focused_row(), self._focused_column())
        self._focus_after_rebuild = None
        document = self.roi_app.document
        document.forget_unreadable(lambda key: key.startswith(STAGE_KEYS))
        await rows.remove_children()
        lang = self.lang
        new_rows, self._rows = [], []
        self._bars_drawn = [None] * len(self.roi_app.document.campaign.funnel.stages)
        for index, stage in enumerate(self.roi_app.document.campaign.funnel.stages):
            name = one_line(stage.label, 20)
            row = StageRow(
                Input(compact=True, classes="stage-label", select_on_focus=False, max_length=200),
                NumberField(
                    f"count:{index}",
                    "count",
                    f"{name} — {t('count', lang)}",
                    lang,
                    edit_key=f"funnel.count:{index}",
                    classes="stage-count",
                ),
                NumberField(
                    f"step:{index}",
                    "rate",
                    f"{name} — {t('step_rate', lang)}",
                    lang,
                    allow_ratio=True,
                    edit_key=f"funnel.step:{index}",
                    classes="stage-step",
                ),
                NumberField(
                    f"top:{index}",
                    "rate",
                    f"{name} — {t('from_top', lang)}",
                    lang,
                    allow_ratio=True,
                    edit_key=f"funnel.top:{index}",
                    classes="stage-top",
                ),
                FigureLines(classes="stage-bar"),
            )
            self._rows.append(row)
            new_rows.append(Horizontal(*row, classes="stage-row", id=f"stage-{index}"))
        await rows.mount_all(new_rows)
        self._rows_ready = True
        self.refresh_body(force=True)
        self.call_after_refresh(self.refresh_body)  # bars, once the rows have their width
        if focus is not None:
            self._focus_cell(*focus)
            if self._name_new_stage:  # its name selected: typing replaces "New stage"
                self._name_new_stage = False
                self._rows[focus[0]].label.select_all()
        elif self._row_index(self.focused or self) is not None:
            self.set_focus(None)  # nothing had the focus: keep 1-5 for the sections

    def _draw_bounce(self, funnel, result, force: bool) -> None:
        lang = self.lang
        landing = result.stage(funnel.landing_stage) if funnel.landing_stage else None
        where = one_line(landing.label, 20) if landing else t("landing_none", lang)
        text = f"{label('landing', lang)}{where} — {t('bounce_rate', lang)}"
        bounce_label = self._bounce_label
        if bounce_label.styles.width is None or bounce_label.styles.width.value != len(text):
            bounce_label.styles.width = len(text)
        show_text(bounce_label, Text(text))
        self.show_field(self._bounce_rate, funnel.bounce_rate, force)
        stay = f"→ {t('stay', lang)} {format_count(result.staying, lang)}" if result.staying else ""
        show_text(self._bounce_stay, stay)

    def _draw_plan(self) -> None:
        document = self.roi_app.document
        campaign, results = document.campaign, document.results
        lang = self.lang
        select = self._plan_channel
        ids = [c.id for c in campaign.channels]
        if ids != self._channel_ids:
            self._channel_ids = ids
            options = [(t("all_channels_combined", lang), COMBINED)] + [
                (Text(one_line(p.label, 30)), p.id) for p in results.channels
            ]
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = COMBINED
        chosen = select.value
        plan = next((p.result for p in results.channels if p.id == chosen), results.budget)
        bar_width = max(content_width(self._plan_rows) - 58, 4)
        drawn_from = (lang, chosen, plan.impressions, plan.clicks, plan.conversions, bar_width)
        if drawn_from == self._plan_drawn:
            return
        self._plan_drawn = drawn_from
        labels = (t("impressions", lang), t("clicks", lang), t("conversions", lang))
        funnel = plan_funnel(plan.impressions, plan.clicks, plan.conversions, labels)
        text = Text()
        for (name, count, step, from_top), stage in zip(
            funnel_rows(funnel, lang), funnel.stages, strict=True
        ):
            line = padded(name, 22) + count.rjust(12) + " " + step.rjust(9)
            text.append(line + " " + from_top.rjust(9) + "   ")
            text.append(bar(stage.rate_from_top, bar_width), style="bold")
            text.append("\n")
        text.append(t("plan_hint", lang), style="dim")
        show_text(self._plan_rows, text)

    # --- editing ------------------------------------------------------------------

    def _row_index(self, widget) -> int | None:
        for node in widget.ancestors_with_self:
            if node.id and node.id.startswith("stage-") and node.id[6:].isdigit():
                return int(node.id[6:])
        return None

    def number_field_parsed(self, field: NumberField, value) -> None:
        """A count, a rate or the bounce rate typed (empty: not known)."""
        kind, _, index_text = field.key.partition(":")
        if kind == "bounce":
            change = lambda c: editing.set_bounce_rate(c, value)  # noqa: E731
        else:
            index = int(index_text)
            setter = {
                "count": editing.set_stage_count,
                "step": editing.set_step_rate,
                "top": editing.set_rate_from_top,
            }[kind]
            change = lambda c: setter(c, index, value)  # noqa: E731
        if not self.send_field_edit(field, change):
            self.refresh_body()

    def number_field_invalid(self, field: NumberField) -> None:
        self.field_unreadable(field)
        self.refresh_body()

    def number_fields(self) -> list[NumberField]:
        stages = [field for row in self._rows for field in (row.count, row.step, row.top)]
        return [*stages, self._bounce_rate]

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.input.has_class("stage-label"):
            return
        index = self._row_index(event.input)
        label = event.value
        if index is not None and label.strip():
            self.roi_app.edit(lambda c: editing.rename_stage(c, index, label), key=f"label:{index}")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "plan-channel":
            self._draw_plan()

    def _focused_row(self) -> int | None:
        """The stage the keys act on: where the focus goes once the rows are rebuilt
        (keys sent together after Ctrl+N or Shift+↓), else the focused one."""
        if self._focus_after_rebuild is not None:
            return self._focus_after_rebuild[0]
        return self._row_index(self.focused) if self.focused else None

    def _focused_column(self) -> str:
        if self._focus_after_rebuild is not None:
            return self._focus_after_rebuild[1]
        focused = self.focused
        return next(
            (c for c in COLUMNS if focused is not None and focused.has_class(f"stage-{c}")),
            "label",
        )

    def _focus_cell(self, index: int, column: str) -> None:
        """Focus a stage's field now (not after a message round: keys sent together each
        move one row), its label where that column cannot be edited."""
        if not self._rows:
            return
        row = self._rows[max(0, min(index, len(self._rows) - 1))]
        widget = getattr(row, column)
        self.set_focus(row.label if widget.disabled else widget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "row":
            return not isinstance(self.focused, Select) and (
                self._focused_row() is not None or self.focused is None
            )
        return True

    def action_row(self, offset: int) -> None:
        """Up and down move between stages, staying in the same column."""
        index = self._focused_row()
        if index is None:
            if offset > 0 and self._rows_ready and not isinstance(self.focused, Select):
                self._focus_cell(0, "label")
            return
        target = index + offset
        if 0 <= target < len(self._rows):
            self._focus_cell(target, self._focused_column())

    def _edit_stages(self, change, focus_row: int) -> None:
        """Add, remove or move stages; the focus then goes to ``focus_row``, in the same
        column, once the rows are built again."""
        column = self._focused_column()
        if self.roi_app.edit(change):
            self._focus_after_rebuild = (focus_row, column)

    def action_add_stage(self) -> None:
        index = self._focused_row()
        after = index if index is not None else len(self._stage_ids) - 1
        name = t("new_stage", self.lang)
        self._edit_stages(lambda c: editing.add_stage(c, after, name), after + 1)
        self._focus_after_rebuild = (after + 1, "label")
        self._name_new_stage = True

    def action_remove_stage(self) -> None:
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        index = self._focused_row()
        if index is None:
            return
        column = self._focused_column()
        name = self.roi_app.document.campaign.funnel.stages[index].label
        lang = self.lang

        def answered(answer: str | None) -> None:
            if answer == "remove":
                self._edit_stages(lambda c: editing.remove_stage(c, index), index)
                self._focus_after_rebuild = (index, column)
            else:
                self._focus_cell(index, column)

        self.app.push_screen(
            ChoiceDialog(
                t("remove_stage_title", lang),
                t("remove_stage_question", lang, name=one_line(name, 50)),
                [("remove", t("choice_remove", lang)), ("cancel", t("choice_cancel", lang))],
                focus="cancel",
            ),
            answered,
        )

    def action_move_stage(self, offset: int) -> None:
        index = self._focused_row()
        if index is None:
            return
        target = index + offset
        if 0 <= target < len(self._stage_ids):
            self._edit_stages(lambda c: editing.move_stage(c, index, offset), target)

    def action_landing(self) -> None:
        index = self._focused_row()
        if index is not None:
            self.roi_app.edit(lambda c: editing.set_landing_stage(c, index))
