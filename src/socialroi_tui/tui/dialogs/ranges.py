"""The assumptions' ranges: ``RangesDialog(plan, lang) -> {assumption: (low, high)}``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from socialroi_tui.engine.sensitivity import UNUSED
from socialroi_tui.presenter import PLAN_FIELDS, assumption_name
from socialroi_tui.text.numbers import input_text, parse_number
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog


class RangesDialog(Dialog[dict | None]):
    """A low and a high for each assumption of the plan; both empty: no range."""

    DEFAULT_CSS = """
    RangesDialog #ranges-form {
        grid-size: 3;
        grid-columns: 18 1fr 1fr;
        grid-rows: 1;
        height: auto;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel", show=False)]

    def __init__(self, plan, lang: Language) -> None:
        super().__init__()
        self.plan = plan
        self.lang = lang
        # The assumptions the plan's mode uses; not the figure it solves for (an answer).
        self.shown = [
            (key, kind, assumption_name(key, word, plan.pricing, lang))
            for key, kind, word in PLAN_FIELDS
            if (key, plan.mode) not in UNUSED and key != plan.solve_for
        ]

    def compose(self) -> ComposeResult:
        lang, plan = self.lang, self.plan
        with Vertical(classes="dialog"):
            yield Label(Text(t("ranges_dialog_title", lang), style="bold"), classes="dialog-title")
            yield Static(Text(t("ranges_dialog_hint", lang)), classes="dialog-message")
            with Grid(id="ranges-form"):
                yield Label("")
                yield Label(Text(t("range_low", lang), style="bold"))
                yield Label(Text(t("range_high", lang), style="bold"))
                for key, kind, name in self.shown:
                    bounds = plan.ranges.get(key)
                    planned = input_text(getattr(plan, key), kind, lang)
                    yield Label(name)
                    for side in ("low", "high"):
                        yield Input(
                            input_text(getattr(bounds, side), kind, lang) if bounds else "",
                            placeholder=planned,
                            compact=True,
                            id=f"range-{key}-{side}",
                        )
            yield Static("", id="ranges-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="ranges-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="ranges-cancel", compact=True)

    def ranges(self) -> dict:
        """The ranges as typed, read; ``ValueError`` (a ``NumberError`` too) names the
        field that does not read, or the range given one end only or upside down."""
        lang, found = self.lang, {}
        for key, kind, name in self.shown:
            texts = [
                self.query_one(f"#range-{key}-{side}", Input).value for side in ("low", "high")
            ]
            if not any(text.strip() for text in texts):
                continue
            if not all(text.strip() for text in texts):
                raise ValueError(t("range_both_ends", lang, field=name))
            low, high = (parse_number(text, kind, lang=lang, field=name) for text in texts)
            if high < low:
                raise ValueError(t("range_upside_down", lang, field=name))
            found[key] = {"low": low, "high": high}
        # ranges of the other mode's assumption are kept as they were
        kept = {k: v for k, v in self.plan.ranges.items() if k not in {r[0] for r in self.shown}}
        return {**{k: {"low": v.low, "high": v.high} for k, v in kept.items()}, **found}

    def _submit(self) -> None:
        from socialroi_tui.model.problems import refusal_words

        try:
            values = self.ranges()
        except ValueError as problem:
            words = refusal_words(problem, self.lang)
            self.query_one("#ranges-error", Static).update(Text(one_line(words, 200)))
            return
        self.dismiss(values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ranges-ok":
            self._submit()
        else:
            self.dismiss(None)
