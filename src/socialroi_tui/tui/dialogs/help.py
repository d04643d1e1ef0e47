"""F1: what each screen is for and its keys. The prose comes from a Markdown file in the
package, the key tables from the bindings (``tui/keyhelp.py``)."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from socialroi_tui.text.words import Language
from socialroi_tui.tui import keyhelp
from socialroi_tui.tui.dialogs.base import Dialog


def help_source(lang: Language) -> str:
    """The help file as written: prose, and ``{keys:NAME}`` where the tables go."""
    return resources.files("socialroi_tui.tui").joinpath(f"help_{lang}.md").read_text("utf-8")


def help_text(lang: Language) -> str:
    """The help as shown: its prose with the key tables of the bindings."""
    return keyhelp.fill(help_source(lang), lang)


class HelpScreen(Dialog[None]):
    """Scrolls with ↑ ↓, PgUp PgDn, Home End and the mouse; opens at the section of the
    screen it was called from."""

    DEFAULT_CSS = """
    HelpScreen .help-dialog {
        width: 100;
        height: 1fr;
        border-subtitle-color: $text-muted;
    }
    HelpScreen #help-text {
        margin: 0;
    }
    """

    BINDINGS = [
        Binding("escape,f1,q", "dismiss(None)", "key_back", tooltip="keyhelp_close_help"),
    ]

    def __init__(self, lang: Language, section: str | None = None) -> None:
        """``section``: the section to show first (by default, the app's current one)."""
        super().__init__()
        self.lang = lang
        self.section = section
        self.positioned = False
        """Set once the help shows the section it opened for (or its top)."""

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(classes="dialog help-dialog", id="help-scroll")
        scroll.border_subtitle = keyhelp.help_hint(self.lang)
        with scroll:
            yield Markdown(help_text(self.lang), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        """The text is mounted: once laid out, show the section the help opened for."""
        event.stop()
        section = self.section or getattr(self.app, "current_mode", None)
        title = keyhelp.headings(help_source(self.lang)).get(section or "")
        block_id = next(
            (id_ for level, text, id_ in event.table_of_contents if level == 2 and text == title),
            None,
        )
        if title and block_id:
            self.call_after_refresh(self._go_to, block_id)
        else:
            self.positioned = True

    def _go_to(self, block_id: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        if scroll.scroll_y == 0:  # unless the user has scrolled already
            heading = self.query_one(f"#{block_id}")
            scroll.scroll_to_widget(heading, animate=False, top=True, immediate=True)
        self.positioned = True
