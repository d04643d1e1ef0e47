"""Pick a network to add to the plan: ``NetworkDialog(lang) -> network or None``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from socialroi_tui.editing import NETWORK_NAMES
from socialroi_tui.model import NETWORKS
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
