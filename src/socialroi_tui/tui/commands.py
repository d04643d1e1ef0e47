"""The command palette's source of commands, in the user's words."""

from __future__ import annotations

from rich.text import Text
from textual.command import Hit, Hits
from textual.system_commands import SystemCommandsProvider

from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import t


class Commands(SystemCommandsProvider):
    """The app's commands; a search that matches none says so in the user's language
    (Textual would say it in English)."""

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found and query.strip():
            words = t("palette_no_match", self.app.lang, query=one_line(query, 40))
            yield Hit(0, Text(words, style="italic"), lambda: None)
