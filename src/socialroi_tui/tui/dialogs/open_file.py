"""Open a campaign: a keyboard-driven file browser, or a typed path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Input, Label, Static

from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog


class CampaignTree(DirectoryTree):
    """Folders and ``.toml`` files only, hidden files left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() == ".toml")
        ]


class OpenDialog(Dialog[Path | None]):
    DEFAULT_CSS = """
    OpenDialog .open-dialog, OpenDialog #open-tree {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]

    def __init__(self, lang: Language, folder: Path | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog open-dialog"):
            yield Label(Text(t("open_title", self.lang), style="bold"), classes="dialog-title")
            yield Static(Text(t("open_hint", self.lang)), classes="dialog-message")
            yield CampaignTree(self.folder, id="open-tree")
            yield Input(placeholder=str(self.folder / "campaign.toml"), id="open-path")

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(Path(event.path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())
