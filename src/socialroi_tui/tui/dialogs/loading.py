"""Opening a large campaign: how far the reading has come, while the app stays usable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog


class LoadingScreen(Dialog[None]):
    """``Opening big.toml…`` and a bar, from 0 to 100 %, told by ``advance``."""

    def __init__(self, name: str, lang: Language) -> None:
        super().__init__()
        self.file_name = one_line(name, 50)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(t("loading", self.lang, name=self.file_name), style="bold"))
            yield ProgressBar(total=100, show_eta=False, id="loading-progress")

    def advance(self, fraction: float) -> None:
        for bar in self.query(ProgressBar):  # none once the screen has gone
            bar.update(progress=round(fraction * 100))
