"""Dialogs of the dashboard: one actual result typed by hand; columns of an unknown export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from socialroi_tui.engine.plausibility import check_measures
from socialroi_tui.model import OFF_SOCIAL, ActualResult, Campaign
from socialroi_tui.model.problems import refusal_words
from socialroi_tui.presenter import plausibility_text
from socialroi_tui.store.csv_import import FIELDS, MEASURES
from socialroi_tui.text.numbers import NumberError, input_text, parse_number
from socialroi_tui.text.safe import one_line, visible
from socialroi_tui.text.words import Language, label, t
from socialroi_tui.tui.dialogs.base import Dialog
from socialroi_tui.tui.dialogs.choice import ChoiceDialog

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
    """A channel, a publication, a date and the measures, checked before it closes.
    Measures that contradict each other (more clicks than impressions) get a warning under
    the form as they are typed; they do not stop OK."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]
    DEFAULT_CSS = """
    ResultEditor #result-form {
        grid-size: 2;
        grid-columns: 20 1fr;
        grid-rows: 1;
        height: auto;
    }
    ResultEditor #result-warnings {
        color: $warning;
        height: auto;
        display: none;
    }
    """

    def __init__(
        self,
        campaign: Campaign,
        lang: Language,
        existing: ActualResult | None = None,
        refusal: Callable[[ActualResult], str | None] | None = None,
    ) -> None:
        """``existing``: the row to edit (its figures fill the form), else a new one.
        ``refusal``: why the campaign would refuse the result (None: it takes it); a
        refused result keeps the form open, with the reason under it."""
        super().__init__()
        self.campaign = campaign
        self.lang = lang
        self.existing = existing
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        lang = self.lang
        channels = [(Text(one_line(c.display_name, 30)), c.id) for c in self.campaign.channels]
        if self.existing is not None and self.existing.channel == OFF_SOCIAL:
            channels.append((Text(t("off_social_row", lang)), OFF_SOCIAL))
        origins = [(t(f"origin_{origin}", lang), origin) for origin in ("platform", "analytics")]
        title = "edit_result_title" if self.existing is not None else "add_result_title"
        with Vertical(classes="dialog"):
            yield Label(Text(t(title, lang), style="bold"), classes="dialog-title")
            with Grid(id="result-form"):
                yield Label(t("channel", lang))
                yield Select(channels, allow_blank=False, compact=True, id="result-channel")
                yield Label(t("row_origin", lang))
                yield Select(origins, allow_blank=False, compact=True, id="result-origin")
                yield Label(t("publication", lang))
                yield Input(compact=True, id="result-publication")
                yield Label(t("date", lang))
                yield Input(placeholder=t("date_placeholder", lang), compact=True, id="result-date")
                for name in MEASURES:
                    yield Label(t(name if name != "bounces" else "bounces_label", lang))
                    yield Input(compact=True, id=f"result-{name}")
            yield Static("", id="result-error", classes="field-error")
            yield Static("", id="result-warnings")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="result-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="result-cancel", compact=True)

    def on_mount(self) -> None:
        row = self.existing
        if row is None:
            return
        self.query_one("#result-channel", Select).value = row.channel
        self.query_one("#result-origin", Select).value = row.origin
        self.query_one("#result-publication", Input).value = row.publication
        self.query_one("#result-date", Input).value = row.date.isoformat() if row.date else ""
        for name in MEASURES:
            value = getattr(row, name)
            text = input_text(value, self._kind(name), self.lang)
            self.query_one(f"#result-{name}", Input).value = text

    def _kind(self, name: str) -> str:
        return "money" if name in ("spend", "revenue") else "count"

    def warnings(self) -> list[str]:
        """The plausibility warnings on the measures as typed; a measure that does not
        read is left out (the error says why when the form is confirmed)."""
        measures = {}
        for name in MEASURES:
            text = self.query_one(f"#result-{name}", Input).value
            if not text.strip():
                continue
            try:
                measures[name] = parse_number(text, self._kind(name), lang=self.lang)
            except NumberError:
                continue
        currency = self.campaign.meta.currency
        return [plausibility_text(w, self.lang, currency) for w in check_measures(measures)]

    def on_input_changed(self, event: Input.Changed) -> None:
        if (event.input.id or "").removeprefix("result-") in MEASURES:
            lines = self.warnings()
            shown = self.query_one("#result-warnings", Static)
            shown.update(Text("\n".join(lines)))
            shown.display = bool(lines)

    def _collect(self) -> ActualResult:
        lang = self.lang
        values: dict = {}
        for name in MEASURES:
            text = self.query_one(f"#result-{name}", Input).value
            if text.strip():
                values[name] = parse_number(
                    text,
                    self._kind(name),
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
            origin=self.query_one("#result-origin", Select).value,
            publication=self.query_one("#result-publication", Input).value.strip(),
            **values,
        )

    def _submit(self) -> None:
        try:
            result = self._collect()
        except ValueError as problem:  # a NumberError too
            words = refusal_words(problem, self.lang)
            self.query_one("#result-error", Static).update(Text(one_line(words, 200)))
            return
        refused = self.refusal(result) if self.refusal is not None else None
        if refused:
            self.query_one("#result-error", Static).update(Text(one_line(refused, 200)))
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


class ImportPreviewDialog(ChoiceDialog):
    """The import preview: what would be imported, then the figures worth a second look.
    However long the lists, they scroll and the buttons stay in view."""

    AUTO_FOCUS = ".dialog-buttons Button"
    DEFAULT_CSS = """
    ImportPreviewDialog #preview-scroll {
        height: auto;
        max-height: 60vh;
    }
    ImportPreviewDialog #preview-scroll .dialog-message {
        margin-bottom: 0;
    }
    ImportPreviewDialog #preview-warnings {
        color: $warning;
        height: auto;
    }
    """

    def __init__(
        self, title: str, message: str, warnings: list[str], choices: list[tuple[str, str]]
    ) -> None:
        super().__init__(title, message, choices)
        self.warnings = [visible(line) for line in warnings]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                yield Static(Text(self.message), classes="dialog-message")
                if self.warnings:
                    yield Static(Text("\n".join(self.warnings)), id="preview-warnings")
            with Horizontal(classes="dialog-buttons"):
                for index, (answer, text) in enumerate(self.choices):
                    variant = "primary" if index == 0 else "default"
                    yield Button(Text(text), id=f"answer-{answer}", variant=variant)
