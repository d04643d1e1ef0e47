"""Where a campaign file's results begin when they are written as saves write them:
last, one ``[[actuals]]`` table after another (a large file is read faster then)."""

from __future__ import annotations

import re

RESULTS_HEADER = "\n[[actuals]]\n"
_OTHER_TABLE = re.compile(r"\n[ \t]*\[(?!\[actuals\]\]\n)")


def plain_results_start(text: str) -> int:
    """Where the first ``[[actuals]]`` header starts when the results come last and
    plainly (no other table after them, no multi-line string among them), else -1."""
    first = text.find(RESULTS_HEADER)
    if first < 0:
        return -1
    rest = text[first:]
    if '"""' in rest or "'''" in rest or _OTHER_TABLE.search(rest, 1):
        return -1
    return first
