"""Open a campaign, or pick an export to import: a keyboard-driven file browser, or a
typed path (the same browser for both)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text, TextType
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Input, Label, Static

from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Language, t
from socialroi_tui.tui.dialogs.base import Dialog

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt")
"""What ad platforms and analytics export (Excel's "Unicode text" is a .txt)."""


class FileTree(DirectoryTree):
    """Folders and the files whose names end with one of ``suffixes``, hidden files left
    out. A name is shown as text, on one line, its control characters made visible."""

    def __init__(self, path: Path, suffixes: tuple[str, ...], **kwargs) -> None:
        super().__init__(path, **kwargs)
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in self.suffixes)
        ]

    def process_label(self, label: TextType) -> Text:
        return Text(one_line(label)) if isinstance(label, str) else label


class OpenDialog(Dialog[Path | None]):
    DEFAULT_CSS = """
    OpenDialog .open-dialog, OpenDialog #open-tree {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel")]

    TITLE_WORDS = "open_title"
    HINT_WORDS = "open_hint"
    SUFFIXES: tuple[str, ...] = (".toml",)
    EXAMPLE_WORDS = "example_campaign_file"

    def __init__(self, lang: Language, folder: Path | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog open-dialog"):
            yield Label(Text(t(self.TITLE_WORDS, lang), style="bold"), classes="dialog-title")
            yield Static(Text(t(self.HINT_WORDS, lang)), classes="dialog-message")
            yield FileTree(self.folder, self.SUFFIXES, id="open-tree")
            yield Input(
                placeholder=one_line(str(self.folder / t(self.EXAMPLE_WORDS, lang))),
                select_on_focus=False,  # a character typed in the tree starts the path
                id="open-path",
            )

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(Path(event.path))

    def on_key(self, event: events.Key) -> None:
        """In the tree, a typed character starts a path in the field below (the hint
        says a path may be typed); Backspace goes up to the parent folder."""
        tree = self.query_one(FileTree)
        if self.focused is not tree:
            return
        if event.key == "backspace":
            event.stop()
            tree.path = Path(tree.path).resolve().parent
            return
        if event.character and len(event.character) == 1 and event.character.isprintable():
            if event.character == " ":
                return  # the tree's own: open or close a folder
            event.stop()
            field = self.query_one("#open-path", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        path = Path(event.value.strip()).expanduser()
        if path.is_dir():  # a folder typed: browse it
            tree = self.query_one(FileTree)
            tree.path = path
            event.input.value = ""
            tree.focus()
            return
        self.dismiss(path)


class ImportFileDialog(OpenDialog):
    """The export to import, picked with the same browser as Open: folders and CSV, TSV
    and text files; any other file by its typed path."""

    TITLE_WORDS = "import_title"
    HINT_WORDS = "import_hint"
    SUFFIXES = EXPORT_SUFFIXES
    EXAMPLE_WORDS = "example_export_file"


class JourneysFileDialog(OpenDialog):
    """The journeys to credit (paths, or touchpoints), picked with the Open browser."""

    TITLE_WORDS = "journeys_open_title"
    HINT_WORDS = "journeys_open_hint"
    SUFFIXES = EXPORT_SUFFIXES
    EXAMPLE_WORDS = "example_journeys_file"
