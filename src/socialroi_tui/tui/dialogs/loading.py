"""Opening a large campaign, or reading an export: how far it has come, while the app
stays usable."""

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
    """``Opening big.toml…`` and a bar, from 0 to 100 %, told by ``advance``; with
    ``measured`` False, a bar that only shows the work goes on (its end unknown)."""

    def __init__(
        self,
        name: str,
        lang: Language,
        words: str = "loading",
        measured: bool = True,
        cancellable: bool = False,
    ) -> None:
        super().__init__()
        self.cancellable = cancellable
        self.cancelled = False
        """Escape was pressed (``cancellable``): what is being read is not wanted."""
        self.file_name = one_line(name, 50)
        self.lang = lang
        self.words = words
        self.measured = measured
        self.section: str | None = None
        """The section asked for (keys 1-5) while the file is read: shown once it is."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.cancellable:
            event.stop()
            self.cancelled = True
            self.dismiss()
            return
        digits = "".join(str(number) for number in range(1, len(SECTIONS) + 1))
        if event.character and len(event.character) == 1 and event.character in digits:
            self.section = SECTIONS[int(event.character) - 1]
            event.stop()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(t(self.words, self.lang, name=self.file_name), style="bold"))
            total = 100 if self.measured else None
            yield ProgressBar(total=total, show_eta=False, id="loading-progress")
            if self.cancellable:
                yield Label(Text(t("loading_escape", self.lang), style="dim"))

    def advance(self, fraction: float) -> None:
        for bar in self.query(ProgressBar):  # none once the screen has gone
            bar.update(progress=round(fraction * 100))
