"""Text from files, exports and the people who typed them, shown as data.

One place makes such text safe for a terminal, a spreadsheet or a Markdown table: no
control character (ESC, BEL…) reaches an output, no markup is read, no cell starts a
formula. The interface and the command line both go through it.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""Control characters, line and paragraph separators, and the marks that reorder text
(a right-to-left override makes "esab" read "base")."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (CSV injection)."""


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character other than a newline or a tab."""
    return _CONTROL.search(text) is not None


def visible(text: str) -> str:
    """``text`` with every control character (ESC included) replaced by a ``\\xNN`` form;
    newlines and tabs stay."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(data) -> str:
    """``data`` as JSON, indented, non-ASCII letters kept, and every character that
    ``visible`` would show as ``\\xNN`` written as a JSON escape instead (the text stays
    valid JSON, and nothing reaches the terminal raw)."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def char_width(char: str) -> int:
    """The cells a character takes in a terminal: 2 for wide (CJK, most emoji), 0 for a
    combining mark, else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The cells ``text`` takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def one_line(text: str, width: int | None = None) -> str:
    """``visible`` text on a single line, cut to ``width`` cells with an ellipsis (a name
    in wide characters takes no more room than its column)."""
    flat = visible(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
    if width is None or cell_width(flat) <= width:
        return flat
    kept, used = [], 0
    for char in flat:
        size = char_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def padded(text: str, width: int) -> str:
    """``one_line(text, width)`` filled with spaces to ``width`` cells (``str.ljust``
    counts characters, and a wide one takes two cells)."""
    flat = one_line(text, width)
    return flat + " " * max(width - cell_width(flat), 0)


def shortened(text: str, width: int = 60) -> str:
    """A long value quoted in a message: its start and end, the middle elided."""
    flat = one_line(text)
    if len(flat) <= width:
        return flat
    half = (width - 1) // 2
    return f"{flat[:half]}…{flat[-(width - 1 - half) :]}"


def spreadsheet_text(text: str) -> str:
    """A text cell for a spreadsheet (CSV, xlsx): shown as written, never run as a
    formula (a leading apostrophe before ``=``, ``+``, ``-``, ``@``, tab or CR).
    Numbers are never passed here."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def markdown_cell(text: str) -> str:
    """A Markdown table cell: one line, pipes escaped, control characters visible."""
    return one_line(text).replace("|", "\\|")
