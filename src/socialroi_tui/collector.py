"""Python's cyclic garbage collector and large campaigns.

A campaign of 100 000 results is some 300 000 objects that live as long as it is open.
Collections ran while it was read and added up (a third of the time it took), and each
full collection afterwards walked them all again (at every pause in the typing). So a
campaign is read with the collector held back, and a large one is then set aside
(``gc.freeze``): later collections skip it. It rejoins the rest when another campaign
replaces it, and is collected then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

LARGE = 5_000
"""Results from which a campaign is set aside once read."""


_holds_guard = threading.Lock()
_holds = 0
_resume = False
"""Whether the collector runs again once the last block holding it ends."""


@contextmanager
def held() -> Iterator[None]:
    """No collection in this block (the collector runs again after, if it ran before).
    Blocks may overlap, in threads: a worker reading a large campaign holds it while the
    first frame is painted, and the end of start-up waits for the block's end."""
    global _holds, _resume
    with _holds_guard:
        if _holds == 0:
            _resume = gc.isenabled()
        _holds += 1
        gc.disable()
    try:
        yield
    finally:
        with _holds_guard:
            _holds -= 1
            if _holds == 0 and _resume:
                gc.enable()


def hold_until_started() -> None:
    """No collection until the app's first frame is painted (``start_up_ended``): the
    objects built on the way are all long-lived, and a full collection among them took
    20 ms of the first frame."""
    gc.disable()


def start_up_ended() -> None:
    """The collector runs again, now or when the last block holding it ends."""
    global _resume
    with _holds_guard:
        if _holds:
            _resume = True
        else:
            gc.enable()


def set_aside() -> None:
    """Every object alive now is long-lived: later collections skip it."""
    gc.freeze()


def take_back() -> None:
    """What was set aside is collected again (once no longer used)."""
    gc.unfreeze()
