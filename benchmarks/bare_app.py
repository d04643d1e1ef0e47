"""The floor: a bare Textual app with one Input that only echoes what is typed, and a
label that tells the start-up benchmark the first frame is out."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="type here")
        yield Static("bare-ready")


if __name__ == "__main__":
    BareApp().run()
