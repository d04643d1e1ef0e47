"""Opening a large campaign: how far the reading has come, while the app stays usable."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import SECTIONS, Language, t
from socialroi_tui.tui.dialogs.base import Dialog


class LoadingScreen(Dialog[None]):
    """``Opening big.toml…`` and a bar, from 0 to 100 %, told by ``advance``."""

    def __init__(self, name: str, lang: Language) -> None:
        super().__init__()
        self.file_name = one_line(name, 50)
        self.lang = lang
        self.section: str | None = None
        """The section asked for (keys 1-5) while the file is read: shown once it is."""

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in "12345" and len(event.character) == 1:
            self.section = SECTIONS[int(event.character) - 1]
            event.stop()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(t("loading", self.lang, name=self.file_name), style="bold"))
            yield ProgressBar(total=100, show_eta=False, id="loading-progress")

    def advance(self, fraction: float) -> None:
        for bar in self.query(ProgressBar):  # none once the screen has gone
            bar.update(progress=round(fraction * 100))
