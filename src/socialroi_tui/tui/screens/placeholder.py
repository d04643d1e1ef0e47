"""Funnel and budget have their place in the navigation; their editors come next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from socialroi_tui.i18n import t
from socialroi_tui.tui.screens.section import SectionScreen


class PlaceholderScreen(SectionScreen):
    def compose_body(self) -> ComposeResult:
        section = t(f"section_{self.SECTION}", self.lang)
        yield Static(t("placeholder_screen", self.lang, section=section), classes="hint body")


class FunnelScreen(PlaceholderScreen):
    SECTION = "funnel"


class BudgetScreen(PlaceholderScreen):
    SECTION = "budget"
