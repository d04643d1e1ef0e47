"""The workbook's step beside the section: one line at 80×24 (the step, the progress, the
keys), its instructions, blanks, last check and hints when opened (F6)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from socialroi_tui.text.safe import one_line, visible
from socialroi_tui.text.words import Language, t


class WorkshopPanel(VerticalScroll):
    """Shown only for a workbook; ``show`` draws it from what the app knows of the step."""

    DEFAULT_CSS = """
    WorkshopPanel {
        display: none;
        height: auto;
        max-height: 1;
        background: $boost;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    WorkshopPanel.-shown {
        display: block;
    }
    WorkshopPanel.-open {
        border-bottom: solid $secondary;
    }
    """

    plain = ""
    """The text shown (what the tests read)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="workshop-text")

    def show(self, view: WorkshopView | None, opened: bool, lang: Language) -> None:
        """Draw ``view`` (None: no workbook, nothing shown), folded or ``opened``."""
        self.set_class(view is not None, "-shown")
        self.set_class(view is not None and opened, "-open")
        # Opened, a third of the terminal at most: the section stays usable beside it.
        self.styles.max_height = max(self.app.size.height // 3, 4) if opened else 1
        if view is None:
            self.plain = ""
            return
        width = (self.size.width or self.app.size.width) - 2
        headline = view.headline(lang)
        keys = f"  {t('panel_workshop_keys', lang)}"
        if len(headline) + len(keys) > width:  # the step's title first, the keys shorter
            keys = "  F6·F7·F8"
        line = Text(one_line(headline, max(width - len(keys), 20)), style="bold")
        line.append(keys, style="dim")
        parts: list = [line]
        if opened:
            if view.instructions:
                from rich.markdown import Markdown  # only workbooks pay for markdown-it

                parts.append(Markdown(visible(view.instructions)))
            if view.blanks:
                parts.append(Text(t("panel_workshop_blanks", lang, fields=", ".join(view.blanks))))
            # Once each: two checks of a choice not made yet both say to choose first.
            for passed, feedback in dict.fromkeys(view.results):
                mark = "✓ " if passed else "✗ "
                parts.append(
                    Text(mark + one_line(feedback, 300), style="green" if passed else "red")
                )
            for number, hint in enumerate(view.hints, 1):
                parts.append(
                    Text(f"{t('panel_workshop_hint', lang, number=number)} {one_line(hint, 300)}")
                )
        self.plain = "\n".join(
            part.plain if isinstance(part, Text) else view.instructions for part in parts
        )
        self.query_one("#workshop-text", Static).update(Group(*parts))

    def show_latest(self) -> None:
        """Scroll to the end, where a check's outcome and the hints are."""
        self.call_after_refresh(self.scroll_end, animate=False)


@dataclass(frozen=True)
class WorkshopView:
    """What the panel shows of the current step (worked out by the screen from the
    engine's functions)."""

    number: int
    total: int
    section: str
    title: str
    instructions: str
    blanks: list[str]
    results: list[tuple[bool, str]]
    hints: list[str]
    done: int

    def headline(self, lang: Language) -> str:
        """``Étape 3 sur 7 — Entonnoir : le tunnel du post · 2/7 faites``."""
        return t(
            "panel_workshop_headline",
            lang,
            number=self.number,
            total=self.total,
            section=t(f"section_{self.section}", lang),
            title=self.title,
            done=self.done,
        )
