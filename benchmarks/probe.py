"""Run an app in this process with a probe at the frame: each key event and each write
to the terminal is timestamped, then written to a trace file when the app exits.

    python -m benchmarks.probe TRACE bare
    python -m benchmarks.probe TRACE socialroi CAMPAIGN.toml --screen budget --lang fr
"""

from __future__ import annotations

import inspect
import json
import sys
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Input


def _without_blink() -> None:
    """Inputs do not blink their cursor, so that only keystrokes cause writes."""
    create = Input.__init__

    def create_still(field: Input, *args, **kwargs) -> None:
        create(field, *args, **kwargs)
        field.cursor_blink = False

    Input.__init__ = create_still  # type: ignore[method-assign]


def instrument(app_class: type[App]) -> type[App]:
    class Probed(app_class):  # type: ignore[misc, valid-type]
        trace: list = []

        async def on_event(self, event: events.Event) -> None:
            if isinstance(event, events.Key) and not event.is_forwarded:
                self.trace.append(("key", time.perf_counter(), event.key))
            await super().on_event(event)

        def on_mount(self) -> None:
            parent = getattr(super(), "on_mount", None)
            if parent is not None:
                parent()
            write = self._driver.write

            def timed_write(data: str) -> None:
                self.trace.append(("write", time.perf_counter(), len(data.encode("utf-8"))))
                write(data)

            self._driver.write = timed_write

    Probed.__name__ = app_class.__name__
    if isinstance(app_class.CSS_PATH, str):  # relative to the original class's module
        Probed.CSS_PATH = str(Path(inspect.getfile(app_class)).parent / app_class.CSS_PATH)
    return Probed


def main() -> None:
    trace_path = Path(sys.argv[1])
    _without_blink()
    which = sys.argv[2]
    if which == "bare":
        from benchmarks.bare_app import BareApp

        app = instrument(BareApp)()
    else:
        from socialroi_tui.cli import _app_arguments
        from socialroi_tui.tui.app import SocialRoiApp

        path, screen, lang = _app_arguments(sys.argv[3:])
        app = instrument(SocialRoiApp)(path=path, first_section=screen, lang=lang or "en")
    app.run()
    trace_path.write_text(json.dumps(app.trace))


if __name__ == "__main__":
    main()
