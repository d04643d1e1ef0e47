"""Networks: pick one to add (``NetworkDialog``), set one's own assumptions
(``NetworkSettings``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from socialroi_tui.model import NETWORKS
from socialroi_tui.model.campaign import FOLLOWING_THE_PLAN, NETWORK_NAMES
from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog


class NetworkDialog(Dialog[str | None]):
    """↑ ↓ and Enter pick a network; Escape adds none."""

    DEFAULT_CSS = """
    NetworkDialog .dialog {
        width: 40;
    }
    NetworkDialog OptionList {
        height: auto;
        max-height: 10;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel", show=False)]

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(t("add_network", self.lang), style="bold"), classes="dialog-title")
            yield OptionList(
                *[
                    Option(NETWORK_NAMES.get(network) or t("network_other", self.lang), network)
                    for network in NETWORKS
                ]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


NETWORK_FIGURES = (
    ("share", "rate", "network_share_field"),
    ("target_conversions", "count", "network_target_field"),
    ("ctr", "rate", "ctr_field"),
    ("conversion_rate", "rate", "conversion_rate_field"),
    ("price", "money", "network_price_field"),
    ("average_order_value", "money", "aov_field"),
)
"""A network's own figures in the settings: (field, number kind, word of its label)."""


class NetworkSettings(Dialog[dict | None]):
    """A network's own assumptions, each left empty to follow the plan's (shown greyed
    in the field); its part of the budget or its own target; its media type. Returns the
    network's new figures, checked, or None."""

    DEFAULT_CSS = """
    NetworkSettings #network-form {
        grid-size: 2;
        grid-columns: 24 1fr;
        grid-rows: 1;
        height: auto;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel", show=False)]

    def __init__(self, channel, plan, lang: Language) -> None:
        super().__init__()
        self.channel = channel
        self.plan = plan
        self.lang = lang

    def compose(self) -> ComposeResult:
        from textual.containers import Grid, Horizontal
        from textual.widgets import Button, Input, Select, Static

        from socialroi_tui.text.numbers import input_text
        from socialroi_tui.text.safe import one_line

        lang, channel = self.lang, self.channel
        name = one_line(channel.display_name, 40)
        with Vertical(classes="dialog"):
            title = t("network_settings_title", lang, network=name)
            yield Label(Text(title, style="bold"), classes="dialog-title")
            yield Static(Text(t("network_settings_hint", lang)), classes="dialog-message")
            with Grid(id="network-form"):
                for key, kind, word in NETWORK_FIGURES:
                    yield Label(t(word, lang))
                    # What an empty field follows: the plan's figure (a share or a target
                    # of its own has none).
                    plan_value = getattr(self.plan, key) if key in FOLLOWING_THE_PLAN else None
                    yield Input(
                        input_text(getattr(channel, key), kind, lang),
                        placeholder=input_text(plan_value, kind, lang),
                        compact=True,
                        id=f"network-{key}",
                    )
                yield Label(t("network_pricing_field", lang))
                yield Select(
                    [("CPM", "cpm"), ("CPC", "cpc"), (t("pricing_flat", lang), "flat")],
                    value=channel.pricing,
                    allow_blank=False,
                    compact=True,
                    id="network-pricing",
                )
                yield Label(t("media_type_field", lang))
                yield Select(
                    [(t(f"media_{kind}", lang), kind) for kind in ("paid", "earned", "owned")],
                    value=channel.media_type,
                    allow_blank=False,
                    compact=True,
                    id="network-media",
                )
            yield Static("", id="network-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ok", lang), id="network-ok", variant="primary", compact=True)
                yield Button(t("key_cancel", lang), id="network-cancel", compact=True)

    def figures(self) -> dict:
        """The figures as typed, read (``NumberError`` names the field that does not)."""
        from textual.widgets import Input, Select

        from socialroi_tui.text.numbers import parse_number

        values: dict = {}
        for key, kind, word in NETWORK_FIGURES:
            text = self.query_one(f"#network-{key}", Input).value
            values[key] = (
                parse_number(text, kind, lang=self.lang, field=t(word, self.lang))
                if text.strip()
                else None
            )
        if values["share"] is not None and values["target_conversions"] is not None:
            # The one just typed wins over the one the network had.
            if self.channel.target_conversions is None:
                values["share"] = None
            elif self.channel.share is None:
                values["target_conversions"] = None
            else:
                raise ValueError(t("network_share_or_target", self.lang))
        values["pricing"] = self.query_one("#network-pricing", Select).value
        values["media_type"] = self.query_one("#network-media", Select).value
        return values

    def _submit(self) -> None:
        from textual.widgets import Static

        from socialroi_tui.model.problems import refusal_words
        from socialroi_tui.text.safe import one_line

        try:
            values = self.figures()
        except ValueError as problem:  # a NumberError too
            words = refusal_words(problem, self.lang)
            self.query_one("#network-error", Static).update(Text(one_line(words, 200)))
            return
        self.dismiss(values)

    def on_input_submitted(self, event) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event) -> None:
        event.stop()
        if event.button.id == "network-ok":
            self._submit()
        else:
            self.dismiss(None)
