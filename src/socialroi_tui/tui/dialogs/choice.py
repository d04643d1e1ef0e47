"""A question with a few answers, as buttons: ``ChoiceDialog(...) -> answer id or None``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from socialroi_tui.text.safe import one_line, visible
from socialroi_tui.tui.dialogs.base import Dialog


class ChoiceDialog(Dialog[str | None]):
    """Escape answers ``None`` (cancel)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "key_cancel", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        focus: str | None = None,
    ) -> None:
        """``focus``: the answer Enter gives at first (the first one unless said; a
        question that removes something gives "cancel")."""
        super().__init__()
        self.focus_answer = focus
        # The one place every question goes through: a file name or a value quoted in it
        # is shown as text, its control characters visible (never read as markup).
        self.title_text = one_line(title)
        self.message = visible(message)
        self.choices = [(answer, one_line(label)) for answer, label in choices]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for index, (answer, label) in enumerate(self.choices):
                    variant = "primary" if index == 0 else "default"
                    yield Button(Text(label), id=f"answer-{answer}", variant=variant)

    def on_mount(self) -> None:
        if self.focus_answer is not None:
            self.set_focus(self.query_one(f"#answer-{self.focus_answer}", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-") or None)
