"""The look every dialog shares (its CSS is parsed when the first dialog opens)."""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog .dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-title {
        width: 100%;
        margin-bottom: 1;
    }
    Dialog .dialog-message {
        height: auto;
        margin-bottom: 1;
    }
    Dialog .dialog-buttons {
        height: auto;
        align: center middle;
        margin-top: 1;
    }
    Dialog .dialog-buttons Button {
        margin: 0 1;
    }
    Dialog .field-error {
        color: $error;
        height: auto;
    }
    """

    _answered = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Answer once: a key or a click that comes while the answer is acted upon (a
        large campaign takes seconds to restore) is ignored, not a second dismissal."""
        if self._answered:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)
