"""Text from files shown safely: control characters become visible, never reach the terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with every control character (ESC included) replaced by a ``\\xNN`` form."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str, width: int | None = None) -> str:
    """``visible`` text on a single line, cut to ``width`` with an ellipsis."""
    flat = visible(text.replace("\n", " ").replace("\t", " "))
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat
