"""The start screen: a new campaign (blank or from a sample), open a file, or a recent one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from socialroi_tui.text.safe import one_line

if TYPE_CHECKING:
    from socialroi_tui.recovery import Recovery
from socialroi_tui.text.words import has_words, t
from socialroi_tui.tui.widgets.keybar import KeyBar


def _campaign_name(recovery, lang) -> str:
    """The name in a recovery copy, read without validation (for the menu)."""
    import tomllib

    try:
        name = tomllib.loads(recovery.text()).get("meta", {}).get("name", "")
    except (OSError, ValueError, AttributeError, RecursionError):
        name = ""
    return one_line(str(name) or t("recover_untitled", lang), 40)


def _describe(path: Path) -> str:
    """``name.toml  (~/folder)``, cut to fit 80 columns."""
    folder = str(path.parent)
    home = str(Path.home())
    if folder.startswith(home):
        folder = "~" + folder[len(home) :]
    return one_line(f"{path.name}  ({folder})", 64)


class StartScreen(Screen):
    DEFAULT_CSS = """
    StartScreen #start-body {
        align: center top;
        padding: 1 2;
    }
    StartScreen #start-title {
        height: auto;
        margin-bottom: 1;
    }
    StartScreen #start-choices {
        height: auto;
        max-height: 1fr;
        border: round $primary;
    }
    """

    def __init__(self) -> None:
        super().__init__(name="start")

    def compose(self) -> ComposeResult:
        from socialroi_tui.recent import recent_files
        from socialroi_tui.templates import template_names, template_title

        lang = getattr(self.app, "lang", "en")
        options = [Option(t("start_new", lang), id="new")]
        samples = {name: template_title(name) for name in template_names()}
        # The samples written in the user's language first; the others say theirs.
        for name, (title, language) in sorted(samples.items(), key=lambda s: s[1][1] != lang):
            words = "start_template" if language == lang else f"start_template_{language}"
            if not has_words(words):
                words = "start_template"
            options.append(Option(Text(t(words, lang, name=title)), id=f"template:{name}"))
        options.append(Option(t("start_open", lang), id="open"))
        from socialroi_tui.recovery import untitled_recoveries

        self._recoveries = untitled_recoveries()
        for index, recovery in enumerate(self._recoveries):
            when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            name = _campaign_name(recovery, lang)
            options.append(
                Option(Text(t("start_recover", lang, name=name, when=when)), id=f"recover:{index}")
            )
        self._recent: list[Path] = recent_files()
        options += [
            Option(Text(t("start_recent", lang, path=_describe(p))), id=f"recent:{i}")
            for i, p in enumerate(self._recent)
        ]
        with Vertical(id="start-body"):
            yield Static(
                Text.assemble(("socialroi", "bold"), " — ", t("start_title", lang)),
                id="start-title",
            )
            yield OptionList(*options, id="start-choices")
            yield Static(t("start_hint", lang), classes="hint")
        yield KeyBar()

    class NewCampaign(Message):
        """Start a campaign: blank (``template`` None) or from a sample."""

        def __init__(self, template: str | None) -> None:
            super().__init__()
            self.template = template

    class OpenFile(Message):
        """Open a file (``path`` None: ask which)."""

        def __init__(self, path: Path | None) -> None:
            super().__init__()
            self.path = path

    class Recover(Message):
        """Bring back the unsaved work of a campaign that never had a file."""

        def __init__(self, recovery: Recovery) -> None:
            super().__init__()
            self.recovery = recovery

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        kind, _, value = choice.partition(":")
        if kind == "new":
            self.post_message(self.NewCampaign(None))
        elif kind == "template":
            self.post_message(self.NewCampaign(value))
        elif kind == "open":
            self.post_message(self.OpenFile(None))
        elif kind == "recover":
            self.post_message(self.Recover(self._recoveries[int(value)]))
        elif kind == "recent":
            self.post_message(self.OpenFile(self._recent[int(value)]))
