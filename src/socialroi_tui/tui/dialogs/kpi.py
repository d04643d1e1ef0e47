"""Adding and editing KPI rows: a catalog picker and a one-screen form."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from socialroi_tui.catalog import KpiDefinition, load_catalog
from socialroi_tui.engine.plausibility import check_value
from socialroi_tui.model import Campaign, CustomKpi, KpiMapping
from socialroi_tui.model.problems import refusal_words
from socialroi_tui.presenter import format_by_unit, plausibility_text
from socialroi_tui.text.numbers import NumberError, input_text, parse_for_unit, parse_number
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Language, label, t
from socialroi_tui.tui.dialogs.base import Dialog

CUSTOM = "custom"
UNITS = ("count", "rate", "money", "duration", "score")
REVIEWS = ("daily", "weekly", "monthly", "quarterly", "end")


class KpiPicker(Dialog[tuple[str, str] | None]):
    DEFAULT_CSS = """
    KpiPicker .picker-dialog, KpiPicker #kpi-picker {
        height: 1fr;
    }
    """

    """Choose (objective id, KPI id) from the catalog, or (objective id, ``custom``)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]

    def __init__(self, campaign: Campaign, lang: Language) -> None:
        super().__init__()
        self.campaign = campaign
        self.lang = lang

    def compose(self) -> ComposeResult:
        catalog = load_catalog()
        mapped = {(k.objective, k.kpi) for k in self.campaign.kpis}
        options: list[Option | None] = []
        for choice in self.campaign.objectives:
            objective = catalog.objective(choice.id)
            if objective is None:
                continue
            options.append(
                Option(Text(objective.name(self.lang), style="bold underline"), disabled=True)
            )
            for kpi in catalog.kpis_for([choice.id]):
                mark = "✓ " if (choice.id, kpi.id) in mapped else "  "
                prompt = Text(f"{mark}{kpi.name(self.lang)}")
                prompt.append(f"  {kpi.formula_text(self.lang)}", style="dim")
                options.append(Option(prompt, id=f"{choice.id}:{kpi.id}"))
            options.append(
                Option(
                    Text("  " + t("custom_kpi", self.lang), style="italic"),
                    id=f"{choice.id}:{CUSTOM}",
                )
            )
        with Vertical(classes="dialog picker-dialog"):
            yield Label(Text(t("add_kpi_title", self.lang), style="bold"), classes="dialog-title")
            yield OptionList(*options, id="kpi-picker")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        objective_id, _, kpi_id = (event.option.id or "").partition(":")
        self.dismiss((objective_id, kpi_id))


class KpiEditor(Dialog[KpiMapping | None]):
    DEFAULT_CSS = """
    KpiEditor #kpi-form {
        grid-size: 2;
        grid-columns: 26 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    KpiEditor #kpi-warnings {
        color: $warning;
        height: auto;
        display: none;
    }
    """

    """Every field of one KPI row; values are checked before the form closes. A target or
    an actual outside what the indicator can be (a CTR of 150 %) is refused; one that is
    only unusual (a CTR of 50 %) gets a warning under the form and can still be saved."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]

    def __init__(
        self,
        campaign: Campaign,
        lang: Language,
        mapping: KpiMapping | None = None,
        objective: str = "",
        kpi: str | None = None,
    ) -> None:
        """Edit ``mapping``, or a new row for ``objective`` and catalog ``kpi`` (None: custom)."""
        super().__init__()
        self.campaign = campaign
        self.lang = lang
        if mapping is None:
            definition = load_catalog().kpi(kpi) if kpi else None
            source = t(f"source_{definition.source}", lang) if definition else ""
            mapping = KpiMapping.model_construct(
                kpi=kpi,
                custom=None,
                objective=objective,
                channel="all",
                target=None,
                actual=None,
                data_source=source,
                review=None,
                notes="",
            )
        self.mapping = mapping
        self.is_custom = mapping.kpi is None
        self.custom = mapping.custom or CustomKpi.model_construct(name="", unit="count", formula="")
        self._texts: dict[str, tuple[str, str]] = {}
        """Text fields: what each shows, and the text it stands for."""

    @property
    def unit(self) -> str:
        if self.is_custom:
            value = self.query_one("#kpi-unit", Select).value if self.is_mounted else None
            return value if isinstance(value, str) else self.custom.unit
        definition = load_catalog().kpi(self.mapping.kpi or "")
        return definition.unit if definition else "count"

    @property
    def definition(self) -> KpiDefinition | None:
        """The catalog's definition of the KPI (None for a custom one)."""
        return None if self.is_custom else load_catalog().kpi(self.mapping.kpi or "")

    def _title(self) -> str:
        if self.is_custom:
            return self.custom.name or t("custom_kpi", self.lang)
        definition = load_catalog().kpi(self.mapping.kpi or "")
        return definition.name(self.lang) if definition else str(self.mapping.kpi)

    def compose(self) -> ComposeResult:
        lang, mapping, custom = self.lang, self.mapping, self.custom
        catalog = load_catalog()
        objective_ids = [o.id for o in self.campaign.objectives]
        if mapping.objective not in objective_ids:
            objective_ids.append(mapping.objective)
        objectives = [
            (catalog.objective(i).name(lang) if catalog.objective(i) else i, i)
            for i in objective_ids
        ]
        channels = [(t("all_channels", lang), "all")] + [
            (Text(one_line(c.display_name, 30)), c.id) for c in self.campaign.channels
        ]
        if mapping.channel not in [value for _, value in channels]:
            channels.append((Text(one_line(mapping.channel, 30)), mapping.channel))
        reviews = [(t(f"review_{r}", lang), r) for r in REVIEWS]
        unit = self.unit
        with Vertical(classes="dialog editor-dialog"):
            yield Label(
                Text(t("edit_kpi_title", lang, name=one_line(self._title(), 40)), style="bold"),
                classes="dialog-title",
            )
            with Grid(id="kpi-form"):
                if self.is_custom:
                    yield Label(t("custom_name", lang))
                    yield self._text_input("kpi-name", custom.name)
                    yield Label(t("unit", lang))
                    yield Select(
                        [(t(f"unit_{u}", lang), u) for u in UNITS],
                        value=custom.unit,
                        allow_blank=False,
                        id="kpi-unit",
                        compact=True,
                    )
                    yield Label(t("formula_words", lang))
                    yield self._text_input("kpi-formula", custom.formula)
                yield Label(t("objective", lang))
                yield Select(
                    objectives,
                    value=mapping.objective,
                    allow_blank=False,
                    id="kpi-objective",
                    compact=True,
                )
                yield Label(t("channel", lang))
                yield Select(
                    channels,
                    value=mapping.channel,
                    allow_blank=False,
                    id="kpi-channel",
                    compact=True,
                )
                yield Label(t("target", lang))
                yield Input(input_text(mapping.target, unit, lang), id="kpi-target", compact=True)
                yield Label(t("manual_actual", lang))
                yield Input(input_text(mapping.actual, unit, lang), id="kpi-actual", compact=True)
                yield Label(t("data_source", lang))
                yield self._text_input("kpi-source", mapping.data_source)
                yield Label(t("review", lang))
                yield Select(
                    reviews,
                    value=mapping.review or Select.NULL,
                    prompt=t("review_none", lang),
                    id="kpi-review",
                    compact=True,
                )
                yield Label(t("notes", lang))
                yield self._text_input("kpi-notes", mapping.notes)
            yield Static("", id="kpi-error", classes="field-error")
            yield Static("", id="kpi-warnings")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="kpi-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="kpi-cancel", compact=True)

    def _parse(self, text: str, field: str):
        """``text`` read in the KPI's unit; negative only where the indicator can be."""
        definition = self.definition
        if definition is not None and definition.minimum is not None and definition.minimum < 0:
            kind = definition.unit if definition.unit in ("rate", "money", "count") else "number"
            return parse_number(
                text, kind, lang=self.lang, field=field, allow_negative=True, allow_above_100=True
            )
        return parse_for_unit(text, self.unit, lang=self.lang, field=field)

    def _value(self, widget_id: str, label_key: str):
        text = self.query_one(f"#{widget_id}", Input).value
        if not text.strip():
            return None
        field = t(label_key, self.lang)
        value = self._parse(text, field)
        definition = self.definition
        side = definition.out_of_range(value) if definition is not None else None
        if definition is not None and side is not None:
            limit = definition.minimum if side == "below" else definition.maximum
            currency = self.campaign.meta.currency
            raise ValueError(
                t(
                    "kpi_below_min" if side == "below" else "kpi_above_max",
                    self.lang,
                    field=field,
                    value=format_by_unit(value, definition.unit, currency, self.lang),
                    limit=format_by_unit(limit, definition.unit, currency, self.lang),
                )
            )
        return value

    def warnings(self) -> list[str]:
        """The plausibility warnings on the target and the actual as typed (unreadable
        values give none: the error says why when the form is confirmed)."""
        definition = self.definition
        if definition is None:
            return []
        lines = []
        for widget_id in ("kpi-target", "kpi-actual"):
            text = self.query_one(f"#{widget_id}", Input).value
            if not text.strip():
                continue
            try:
                value = self._parse(text, "")
            except NumberError:
                continue
            warning = check_value(definition.id, value)
            if warning is not None:
                lines.append(plausibility_text(warning, self.lang, self.campaign.meta.currency))
        return lines

    def _show_warnings(self) -> None:
        lines = self.warnings()
        shown = self.query_one("#kpi-warnings", Static)
        shown.update(Text("\n".join(lines)))
        shown.display = bool(lines)  # no empty line in the form while there is nothing to say

    def _text_input(self, widget_id: str, text: str) -> Input:
        """A one-line field for a text the file holds: shown on one line with its control
        characters visible, and given back unchanged unless the user edits it."""
        shown = one_line(text)
        self._texts[widget_id] = (shown, text)
        return Input(shown, id=widget_id, compact=True)

    def _text(self, widget_id: str) -> str:
        value = self.query_one(f"#{widget_id}", Input).value
        shown, original = self._texts[widget_id]
        return original if value == shown else value

    def _collect(self) -> KpiMapping:
        review = self.query_one("#kpi-review", Select).value
        data = {
            "kpi": self.mapping.kpi,
            "objective": self.query_one("#kpi-objective", Select).value,
            "channel": self.query_one("#kpi-channel", Select).value,
            "target": self._value("kpi-target", "target"),
            "actual": self._value("kpi-actual", "manual_actual"),
            "data_source": self._text("kpi-source"),
            "review": None if review is Select.NULL else review,
            "notes": self._text("kpi-notes"),
        }
        if self.is_custom:
            name = self._text("kpi-name").strip()
            if not name:
                raise ValueError(label("custom_name", self.lang) + t("required", self.lang))
            data["custom"] = CustomKpi(
                name=name,
                unit=self.query_one("#kpi-unit", Select).value,
                formula=self._text("kpi-formula"),
            )
        return KpiMapping.model_validate(data)

    def _submit(self) -> None:
        error = self.query_one("#kpi-error", Static)
        try:
            mapping = self._collect()
        except ValueError as problem:  # a NumberError too
            error.update(Text(one_line(refusal_words(problem, self.lang), 200)))
            return
        self.dismiss(mapping)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_mount(self) -> None:
        self._show_warnings()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#kpi-error", Static).update("")
        if event.input.id in ("kpi-target", "kpi-actual"):
            self._show_warnings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "kpi-ok":
            self._submit()
        else:
            self.dismiss(None)
