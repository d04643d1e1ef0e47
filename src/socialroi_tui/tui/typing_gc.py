"""Python's cyclic garbage collector waits for a pause in the typing.

Each keystroke allocates many short-lived objects (texts, strips, styles): the
collector's young generations ran about once a key, and one key in eight paid for a
1–3 ms collection, a full one 25 ms. Textual already holds the collector back during
smooth scrolling (``App.PAUSE_GC_ON_SCROLL``); this holds it back while keys arrive and
collects once they stop. A very long burst still gets a collection of the young
generations now and then, so memory stays bounded.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer


class TypingCollector:
    """Call ``key_pressed`` on every key; the collector runs after ``QUIET`` seconds
    without one."""

    QUIET = 0.5
    MOST_YOUNG_OBJECTS = 100_000
    """Past this many new objects in a burst, the young generations are collected anyway
    (about 150 keystrokes; the collector's own threshold is 700)."""
    YOUNG_PER_FULL = 20
    """In a flood of keys with no pause, one full collection every this many young ones:
    what the older generation holds stays bounded too."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._last_key = 0.0
        self._timer: Timer | None = None
        self._paused = False
        self._young_collections = 0

    def key_pressed(self) -> None:
        self._last_key = time.monotonic()
        if not self._paused:
            if not gc.isenabled():
                return  # held back by someone else (Textual while scrolling)
            gc.disable()
            self._paused = True
        elif gc.get_count()[0] > self.MOST_YOUNG_OBJECTS:
            gc.collect(1)
            self._young_collections += 1
            if self._young_collections >= self.YOUNG_PER_FULL:  # a flood of keys: bounded
                self._young_collections = 0
                gc.collect()
        if self._timer is None:
            self._timer = self._app.set_timer(self.QUIET, self._quiet)

    def _quiet(self) -> None:
        self._timer = None
        quiet = time.monotonic() - self._last_key
        if quiet < self.QUIET:  # still typing: wait for the rest of the pause
            self._timer = self._app.set_timer(self.QUIET - quiet, self._quiet)
            return
        self.resume()

    def resume(self) -> None:
        """Let the collector run again (at a pause, or when the app ends)."""
        if self._paused:
            self._paused = False
            gc.enable()
            gc.collect()
