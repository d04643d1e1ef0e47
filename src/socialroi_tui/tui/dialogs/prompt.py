"""A one-line question: ``TextPrompt(...) -> text or None``, checked before it closes."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from socialroi_tui.text.safe import one_line, visible
from socialroi_tui.tui.dialogs.base import Dialog


class TextPrompt(Dialog[str | None]):
    """``check`` returns an error message, or ``None`` when the text is acceptable."""

    BINDINGS = [Binding("escape", "dismiss(None)", "key_cancel", show=False)]

    def __init__(
        self,
        title: str,
        label: str,
        value: str = "",
        check: Callable[[str], str | None] | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = one_line(title)
        self.label = one_line(label)
        self.value = one_line(value)
        self.check = check
        self.hint = visible(hint)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.hint:
                yield Static(Text(self.hint), classes="dialog-message")
            yield Label(Text(self.label))
            yield Input(self.value, id="prompt-input")
            yield Static("", id="prompt-error", classes="field-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#prompt-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.check(event.value) if self.check else None
        if error:
            self.query_one("#prompt-error", Static).update(Text(visible(error)))
            return
        self.dismiss(event.value)
