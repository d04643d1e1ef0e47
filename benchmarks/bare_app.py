"""The floor: a bare Textual app with one Input that only echoes."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="type here")
        yield Static("bare-ready", id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(event.value)


if __name__ == "__main__":
    BareApp().run()
