"""F1: what each screen is for and its keys, from a Markdown file in the package."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Markdown

from socialroi_tui.i18n import Language
from socialroi_tui.tui.dialogs.base import Dialog


def help_text(lang: Language) -> str:
    return resources.files("socialroi_tui.tui").joinpath(f"help_{lang}.md").read_text("utf-8")


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = """
    HelpScreen .help-dialog {
        width: 100;
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "key_back")]

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Markdown(help_text(self.lang), id="help-text")

    def on_mount(self) -> None:
        markdown = self.query_one(Markdown)
        markdown.can_focus = True
        markdown.focus()
