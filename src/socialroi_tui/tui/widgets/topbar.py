"""The header line and the section bar shown on every section screen."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import SECTIONS, Language, has_words, t
from socialroi_tui.tui.widgets.measure import content_width


class TopBar(Static):
    """``socialroi ─ name ─ file ●`` on the left, language and currency on the right."""

    def show(
        self, name: str, file: str, dirty: bool, lang: Language, currency: str, scenario: str = ""
    ) -> None:
        """``scenario``: the active one's name, shown after the campaign's (empty: base)."""
        width = max(content_width(self), 40)  # asked at every keystroke: no screen search
        drawn_from = (name, file, dirty, lang, currency, scenario, width)
        if drawn_from == getattr(self, "_drawn_from", None):
            return  # every keystroke asks: nothing to lay out again
        self._drawn_from = drawn_from
        right = f" {lang.upper()}  {currency} "
        room = width - len(right) - len("socialroi ─  ─ ") - 2
        scenario_text = ""
        if scenario:
            scenario_text = "◆ " + one_line(scenario, max(room // 4, 8))
            room -= len(scenario_text) + len(" ─ ")
        name_text = one_line(name or t("untitled", lang), max(room // 2, 8))
        file_text = one_line(file or t("no_file", lang), max(room - len(name_text), 8))
        text = Text.assemble((" socialroi", "bold"), " ─ ", (name_text, "bold"), " ─ ")
        if scenario_text:
            text.append(scenario_text, "bold italic")
            text.append(" ─ ")
        text.append(file_text)
        text.append(" ●" if dirty else "  ", "bold")
        text.pad_right(max(width - len(text.plain) - len(right), 0))
        text.append(right)
        self.update(text, layout=False)


class SectionBar(Static):
    """``1 Objectives  2 KPIs  3 Funnel  4 Budget`` with the current one highlighted;
    narrower when the terminal is (one space between sections, then short names)."""

    class Chosen(Message):
        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, current: str, lang: Language, width: int = 80, **kwargs) -> None:
        self.current = current
        self.lang = lang
        self._spans: list[tuple[int, int, str]] = []
        text = self._text(width)
        self._shown = text.plain
        super().__init__(text, **kwargs)  # drawn in the first frame

    def _text(self, width: int) -> Text:
        """The widest layout that fits ``width``: names with two spaces between them, one
        space, then the short names (``Suivi``) where a section has one."""
        for gap, short in ((" ", False), ("", False), ("", True)):
            text, spans = Text(" "), []
            for number, section in enumerate(SECTIONS, start=1):
                name = t(f"section_{section}", self.lang)
                if short and has_words(f"section_short_{section}"):
                    name = t(f"section_short_{section}", self.lang)
                label = f"{gap}{number} {name}{gap}"
                start = len(text.plain)
                text.append(label, style="reverse bold" if section == self.current else "")
                spans.append((start, len(text.plain), section))
                if not gap:
                    text.append(" ")
            if len(text.plain.rstrip()) <= width or short:
                self._spans = spans
                return text
        return text

    def on_resize(self) -> None:
        text = self._text(content_width(self))
        if text.plain != getattr(self, "_shown", None):
            self._shown = text.plain
            self.update(text, layout=False)

    def on_click(self, event: Click) -> None:
        for start, end, section in self._spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(section))
