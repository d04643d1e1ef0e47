"""The floor: a bare Textual app with a header, one Input that only echoes what is typed,
and a footer; a label tells the start-up benchmark the first frame is out."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static


class BareApp(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="type here")
        yield Static("bare-ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
