"""Dialogs of the dashboard: one actual result typed by hand; columns of an unknown export."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from socialroi_tui.engine.numbers import NumberError, parse_number
from socialroi_tui.i18n import Language, label, t
from socialroi_tui.model import ActualResult, Campaign
from socialroi_tui.store.csv_import import FIELDS, MEASURES
from socialroi_tui.textsafe import one_line
from socialroi_tui.tui.dialogs.base import Dialog

MEASURE_LABELS = {
    "spend": "spend",
    "impressions": "impressions",
    "reach": "reach",
    "clicks": "clicks",
    "leads": "leads",
    "bounces": "bounce_rate",
    "conversions": "conversions",
    "revenue": "revenue",
}


class ResultEditor(Dialog[ActualResult | None]):
    """A channel, a publication, a date and the measures, checked before it closes."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]
    DEFAULT_CSS = """
    ResultEditor #result-form {
        grid-size: 2;
        grid-columns: 20 1fr;
        grid-rows: 1;
        height: auto;
    }
    """

    def __init__(self, campaign: Campaign, lang: Language) -> None:
        super().__init__()
        self.campaign = campaign
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        channels = [
            (one_line(c.label or c.network.capitalize(), 30), c.id) for c in self.campaign.channels
        ]
        with Vertical(classes="dialog"):
            yield Label(Text(t("add_result_title", lang), style="bold"), classes="dialog-title")
            with Grid(id="result-form"):
                yield Label(t("channel", lang))
                yield Select(channels, allow_blank=False, compact=True, id="result-channel")
                yield Label(t("publication", lang))
                yield Input(compact=True, id="result-publication")
                yield Label(t("date", lang))
                yield Input(placeholder="2026-11-23", compact=True, id="result-date")
                for name in MEASURES:
                    yield Label(t(name if name != "bounces" else "bounces_label", lang))
                    yield Input(compact=True, id=f"result-{name}")
            yield Static("", id="result-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="result-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="result-cancel", compact=True)

    def _collect(self) -> ActualResult:
        lang = self.lang
        values: dict = {}
        for name in MEASURES:
            text = self.query_one(f"#result-{name}", Input).value
            if text.strip():
                kind = "money" if name in ("spend", "revenue") else "count"
                values[name] = parse_number(
                    text,
                    kind,
                    lang=lang,
                    field=t(name if name != "bounces" else "bounces_label", lang),
                )
        date_text = self.query_one("#result-date", Input).value.strip()
        if date_text:
            try:
                values["date"] = dt.date.fromisoformat(date_text)
            except ValueError:
                raise ValueError(f"{label('date', lang)}'{date_text}' (2026-11-23)") from None
        return ActualResult(
            channel=self.query_one("#result-channel", Select).value,
            publication=self.query_one("#result-publication", Input).value.strip(),
            **values,
        )

    def _submit(self) -> None:
        try:
            result = self._collect()
        except (NumberError, ValueError) as problem:
            self.query_one("#result-error", Static).update(Text(one_line(str(problem), 200)))
            return
        self.dismiss(result)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "result-ok":
            self._submit()
        else:
            self.dismiss(None)


class MappingDialog(Dialog[dict[str, str] | None]):
    """Say what each column of an unknown export holds."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]
    DEFAULT_CSS = """
    MappingDialog #mapping-form {
        grid-size: 2;
        grid-columns: 1fr 24;
        grid-rows: 1;
        height: auto;
    }
    MappingDialog #mapping-scroll {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, headers: list[str], lang: Language) -> None:
        super().__init__()
        self.headers = headers
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        options = [(t("ignore", lang), "")] + [(name, name) for name in FIELDS]
        with Vertical(classes="dialog"):
            yield Label(Text(t("mapping_title", lang), style="bold"), classes="dialog-title")
            yield Static(t("mapping_hint", lang), classes="dialog-message")
            with VerticalScroll(id="mapping-scroll"), Grid(id="mapping-form"):
                for index, header in enumerate(self.headers):
                    yield Label(Text(one_line(header, 40)))
                    yield Select(
                        options, value="", allow_blank=False, compact=True, id=f"mapping-{index}"
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="mapping-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="mapping-cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "mapping-ok":
            self.dismiss(None)
            return
        mapping = {}
        for index, header in enumerate(self.headers):
            value = self.query_one(f"#mapping-{index}", Select).value
            if value:
                mapping[header] = value
        self.dismiss(mapping)
