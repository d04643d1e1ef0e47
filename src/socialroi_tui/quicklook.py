"""A fast first read of a campaign file, so the first screen shows before validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from socialroi_tui.text.toml_layout import plain_results_start

MAX_QUICK_BYTES = 1024 * 1024
"""Larger files are read quickly only up to their results, when these come last; the full
load (by a worker, with a bar) follows the first screen."""
LANGUAGE_SCAN_BYTES = 64 * 1024
_META_TABLE = re.compile(
    r"^[ \t]*\[[ \t]*meta[ \t]*\][ \t]*(?:#[^\n]*)?$(?P<body>.*?)(?=^[ \t]*\[|\Z)", re.M | re.S
)
_LANGUAGE = re.compile(r"""^[ \t]*language[ \t]*=[ \t]*(["'])(?P<lang>[a-z]{2})\1""", re.M)


@dataclass(frozen=True)
class QuickLook:
    """What the first screen shows, read without validating (the full load follows)."""

    name: str
    currency: str
    objectives: dict[str, bool]


def quick_look(path: Path) -> QuickLook | None:
    """A fast first read of a campaign file's name and objectives, or None if unsure."""
    import tomllib

    try:
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        if len(text) > MAX_QUICK_BYTES:
            text = _before_results(text)
            if text is None:
                return None
        data = tomllib.loads(text)
        meta = data.get("meta", {})
        objectives = {
            str(o["id"]): bool(o.get("primary", False)) for o in data.get("objectives", [])
        }
        return QuickLook(str(meta.get("name", "")), str(meta.get("currency", "EUR")), objectives)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _before_results(text: str) -> str | None:
    """A large file's text before its results, when they come last (as saves write
    them) and nothing but results follows; else None."""
    first = plain_results_start(text)
    return None if first < 0 else text[: first + 1]


def campaign_language(path: Path) -> str | None:
    """The ``language`` of a campaign file's ``[meta]`` table, read from the file's start
    without parsing it all (None if the file or the key cannot be found there)."""
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            return None
        with path.open("rb") as stream:
            head = stream.read(LANGUAGE_SCAN_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    meta = _META_TABLE.search(head)
    found = _LANGUAGE.search(meta["body"]) if meta else None
    return found["lang"] if found else None
