"""One of a few options on one line, ``◂ option ▸``: Space, Enter, ← and → (or a click)
move to the next one. One widget where a Select is five, which keeps a screen's frames
cheap to draw."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("space,enter,right", "step(1)", tooltip="keyhelp_choice_next", show=False),
        Binding("left", "step(-1)", tooltip="keyhelp_choice_previous", show=False),
    ]

    class Changed(Message):
        """The user chose another option."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._options = options
        self._value = options[0][1]

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        """Show ``value`` (from the document): no message is sent."""
        if value != self._value:
            self._value = value
            self.refresh()

    def render(self) -> Text:
        label = next(label for label, value in self._options if value == self._value)
        return Text.assemble(("◂ ", "dim"), label, (" ▸", "dim"))

    def action_step(self, delta: int) -> None:
        values = [value for _label, value in self._options]
        self.value = values[(values.index(self._value) + delta) % len(values)]
        self.post_message(self.Changed(self, self._value))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_step(1)
