"""Objective selection: the catalog's objectives, several chosen, one primary."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from socialroi_tui.catalog import load_catalog
from socialroi_tui.text.safe import visible
from socialroi_tui.text.words import t, tn
from socialroi_tui.tui.screens.section import SectionScreen


class ObjectivesScreen(SectionScreen):
    SECTION = "objectives"
    BINDINGS = [
        Binding(
            "space",
            "toggle",
            "key_toggle",
            tooltip="keyhelp_toggle_objective",
            id="toggle_objective",
        ),
        Binding(
            "p",
            "primary",
            "key_primary",
            tooltip="keyhelp_primary_objective",
            id="primary_objective",
        ),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="objectives-body"):
            with Vertical(id="objectives-left"):
                yield OptionList(id="objective-list")
                hint, warning = self._hint(self._chosen())
                self._hint_shown = hint.plain
                yield Static(
                    hint, id="objectives-hint", classes="hint warning" if warning else "hint"
                )
            yield VerticalScroll(Static("", id="objective-detail"), id="objective-detail-box")

    def on_mount(self) -> None:
        catalog = load_catalog()
        options = [Option(self._prompt(o.id, False, False), id=o.id) for o in catalog.objectives]
        option_list = self.query_one(OptionList)
        option_list.add_options(options)
        option_list.highlighted = 0
        option_list.focus()

    def _chosen(self) -> dict[str, bool]:
        """Objective id → primary, from the document or from the first quick read."""
        return self.roi_app.chosen_objectives()

    def _prompt(self, objective_id: str, chosen: bool, primary: bool) -> Text:
        objective = load_catalog().objective(objective_id)
        mark = "[x]" if chosen else "[ ]"
        star = "★" if primary else " "
        text = Text(f"{mark} {star} ", style="bold" if chosen else "")
        text.append(objective.name(self.lang), style="bold" if chosen else "")
        return text

    def refresh_view(self, force: bool = False) -> None:
        if not self._ready:
            return
        self.refresh_header()
        chosen = self._chosen()
        option_list = self.query_one(OptionList)
        for objective in load_catalog().objectives:
            option_list.replace_option_prompt(
                objective.id,
                self._prompt(objective.id, objective.id in chosen, chosen.get(objective.id, False)),
            )
        self._show_hint(chosen)
        self._show_detail()
        document = self.roi_app.document
        if document is not None and (
            document.campaign.workshop is not None or self._workshop_drawn
        ):
            self.refresh_workshop()

    def _hint(self, chosen: dict[str, bool]) -> tuple[Text, bool]:
        """The line under the list, and whether it warns (sales alone)."""
        if list(chosen) == ["sales"]:
            return Text("⚠ " + t("sales_only_hint", self.lang)), True
        count = tn("selected_count", len(chosen), self.lang)
        return Text(count + "  •  " + t("objectives_hint", self.lang)), False

    def _show_hint(self, chosen: dict[str, bool]) -> None:
        hint = self.query_one("#objectives-hint", Static)
        text, warning = self._hint(chosen)
        if text.plain != self._hint_shown:  # an update blanks the line for a frame
            self._hint_shown = text.plain
            hint.update(text)
        hint.set_class(warning, "warning")

    def _highlighted_id(self) -> str | None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def _show_detail(self) -> None:
        objective = load_catalog().objective(self._highlighted_id() or "")
        detail = self.query_one("#objective-detail", Static)
        if objective is None:
            detail.update("")
            return
        lang = self.lang
        chosen = self._chosen()
        text = Text(objective.name(lang), style="bold")
        if chosen.get(objective.id):
            text.append(f"  ★ {t('primary_mark', lang)}", style="bold")
        text.append("\n" + objective.description(lang) + "\n\n")
        text.append(t("suggested_kpis", lang) + "\n", style="bold underline")
        for kpi in load_catalog().kpis_for([objective.id]):
            text.append(f"• {kpi.name(lang)}", style="bold")
            text.append(f" — {kpi.formula_text(lang)}\n")
        hints = objective.hints(lang)
        if hints:
            text.append("\n" + t("content_ideas", lang) + "\n", style="bold underline")
            for hint in hints:
                text.append(f"• {hint}\n")
        notes = self._notes(objective.id)
        if notes:
            text.append("\n" + t("notes", lang) + "\n", style="bold underline")
            text.append(visible(notes) + "\n")
        detail.update(text)

    def _notes(self, objective_id: str) -> str:
        document = self.roi_app.document
        if document is None:
            return ""
        return next((o.notes for o in document.campaign.objectives if o.id == objective_id), "")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        objective_id = self._highlighted_id()
        if objective_id:
            from socialroi_tui.editing import toggle_objective

            self.roi_app.edit(lambda c: toggle_objective(c, objective_id))

    def action_primary(self) -> None:
        objective_id = self._highlighted_id()
        if objective_id:
            from socialroi_tui.editing import set_primary

            self.roi_app.edit(lambda c: set_primary(c, objective_id))
