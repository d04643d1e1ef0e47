"""Scenarios side by side: every assumption and result in rows, one column per scenario,
the change from the base plan, the best value of each result marked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message

from socialroi_tui import editing
from socialroi_tui.engine.comparison import compare
from socialroi_tui.engine.scenarios import in_scenario
from socialroi_tui.presenter import ComparisonRow, comparison_rows
from socialroi_tui.text.safe import cell_width, one_line
from socialroi_tui.text.words import t
from socialroi_tui.tui.screens.section import SectionScreen
from socialroi_tui.tui.widgets.figure_table import FigureTable, TableColumn

BEST = "★"
WORDED = {"mode", "pricing"}
"""Figures written as words: no change nor ★ beside them."""
LABEL_WIDTH = 24
"""At most: a network's figure ("LinkedIn · share") may be cut, with a visible "…"."""


class ScenarioTable(FigureTable):
    """The comparison; ← and → choose a scenario's column rather than scroll. The base
    plan's column stays beside the labels: every change is measured against it."""

    fixed_columns = 2

    BINDINGS = [
        Binding("left", "choose(-1)", tooltip="keyhelp_choose_scenario", show=False),
        Binding("right", "choose(1)", tooltip="keyhelp_choose_scenario", show=False),
        Binding("enter", "activate", tooltip="keyhelp_activate_scenario", show=False),
    ]

    class Chosen(Message):
        """The chosen column changed (``activate``: Enter asked to make it active)."""

        def __init__(self, step: int, activate: bool = False) -> None:
            super().__init__()
            self.step = step
            self.activate = activate

    def action_choose(self, step: int) -> None:
        self.post_message(self.Chosen(step))

    def action_activate(self) -> None:
        self.post_message(self.Chosen(0, activate=True))


class ScenariosScreen(SectionScreen):
    SECTION = "scenarios"
    BINDINGS = [
        Binding("n", "app.new_scenario", "key_new_scenario", tooltip="keyhelp_new_scenario"),
        Binding("e", "edit_scenario", "key_edit_scenario", tooltip="keyhelp_edit_scenario"),
        # Named in the table's frame (the key bar is full in French).
        Binding(
            "r", "rename_scenario", "key_rename", tooltip="keyhelp_rename_scenario", show=False
        ),
        Binding(
            "d", "remove_scenario", "key_remove", tooltip="keyhelp_remove_scenario", show=False
        ),
    ]
    DEFAULT_CSS = """
    ScenariosScreen #scenarios-table {
        height: 1fr;
        border: round $primary;
    }
    """

    def compose_body(self) -> ComposeResult:
        yield ScenarioTable(id="scenarios-table")

    def on_mount(self) -> None:
        self.chosen = ""
        """The scenario whose column ←/→ chose (empty: the base plan)."""
        self._active_seen: str | None = None
        self._compared: tuple[object, list[str], list[ComparisonRow]] | None = None
        self._table = self.query_one(ScenarioTable)
        self._table.focus()

    @property
    def names(self) -> list[str]:
        """The base plan (empty name) and every scenario, in the file's order."""
        return ["", *(s.name for s in self.roi_app.document.whole.scenarios)]

    def _rows(self) -> list[ComparisonRow]:
        """The comparison, worked out again only when the campaign changed."""
        whole = self.roi_app.document.whole
        if self._compared is None or self._compared[0] is not whole:
            names = self.names
            comparison = compare([in_scenario(whole, name) for name in names])
            rows = comparison_rows(comparison, whole, whole.meta.currency, self.lang)
            self._compared = (whole, names, rows)
        return self._compared[2]

    def refresh_body(self, force: bool = False) -> None:
        document, lang = self.roi_app.document, self.lang
        whole = document.whole
        if force:
            self._compared = None
        rows = self._rows()
        names = self.names
        if self.chosen not in names or whole.active_scenario != self._active_seen:
            self.chosen = whole.active_scenario  # a scenario made or switched to elsewhere
        self._active_seen = whole.active_scenario

        # Figures right-aligned, each followed by its change and its ★ in columns of
        # their own, so that the digits line up (words, as the mode, just right-aligned).
        change_width = [
            max((cell_width(row.changes[i]) for row in rows), default=0) for i in range(len(names))
        ]
        starred = [any(i in row.best for row in rows) for i in range(len(names))]

        def cell(row: ComparisonRow, key: str) -> str:
            if key == "label":
                return row.label
            index = int(key)
            text = row.values[index]
            if row.key in WORDED:
                return text
            if change_width[index]:
                text += " " + row.changes[index].ljust(change_width[index])
            if starred[index]:
                text += f" {BEST}" if index in row.best else "  "
            return text

        label_width = min(max((cell_width(row.label) for row in rows), default=0), LABEL_WIDTH)
        columns = [TableColumn("label", t("scenarios_figure", lang), label_width, right=False)]
        for index, name in enumerate(names):
            title = one_line(name, 24) if name else t("base_plan", lang)
            if name == whole.active_scenario:
                title = f"● {title}"
            if name == self.chosen:
                title = f"▸{title}"
            widest = max((cell_width(cell(row, str(index))) for row in rows), default=0)
            columns.append(TableColumn(str(index), title, max(widest, cell_width(title))))
        table = self._table
        table.show_rows(columns, rows, cell, lambda row: row.kind == "result")
        table.border_title = t("scenarios_title", lang)
        subtitle = t("scenarios_hint", lang) if len(names) > 1 else t("scenarios_none", lang)
        if table.border_subtitle != subtitle:
            table.border_subtitle = subtitle
        if self.chosen:  # the base plan's column is always on screen
            table.reveal_column(str(names.index(self.chosen)))

    def on_scenario_table_chosen(self, event: ScenarioTable.Chosen) -> None:
        names = self.names
        index = names.index(self.chosen) if self.chosen in names else 0
        self.chosen = names[max(0, min(index + event.step, len(names) - 1))]
        if event.activate:
            self.roi_app.switch_scenario(self.chosen)
        self.refresh_body()

    def action_edit_scenario(self) -> None:
        """Make the chosen scenario active and edit it on the budget screen."""
        self.roi_app.switch_scenario(self.chosen)
        self.roi_app.action_section("budget")

    def action_rename_scenario(self) -> None:
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        old, lang, app = self.chosen, self.lang, self.roi_app
        if not old:
            self.notify(t("scenario_base_stays", lang), severity="warning")
            return

        def check(name: str) -> str | None:
            return app.refusal_of(lambda c: editing.rename_scenario(c, old, name), whole=True)

        position = self.names.index(old) - 1

        def named(name: str | None) -> None:
            if name is not None and app.edit(
                lambda c: editing.rename_scenario(c, old, name), whole=True
            ):
                self.chosen = app.document.whole.scenarios[position].name
                self.refresh_body()

        self.app.push_screen(
            TextPrompt(t("rename_scenario", lang), t("scenario_name", lang), old, check), named
        )

    def action_remove_scenario(self) -> None:
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        name, lang = self.chosen, self.lang
        if not name:
            self.notify(t("scenario_base_stays", lang), severity="warning")
            return

        def answered(answer: str | None) -> None:
            if answer == "remove":
                self.roi_app.edit(lambda c: editing.remove_scenario(c, name), whole=True)

        self.app.push_screen(
            ChoiceDialog(
                t("remove_scenario_title", lang),
                t("remove_scenario_question", lang, name=one_line(name, 40)),
                [("remove", t("choice_delete", lang)), ("cancel", t("choice_cancel", lang))],
                focus="cancel",
            ),
            answered,
        )
