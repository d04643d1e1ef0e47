"""A fast first read of a campaign file, so the first screen shows before validation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_QUICK_BYTES = 1024 * 1024
"""Larger files skip the quick read and are loaded (and checked) before the first screen."""


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
        if not path.is_file() or path.stat().st_size > MAX_QUICK_BYTES:
            return None
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        meta = data.get("meta", {})
        objectives = {
            str(o["id"]): bool(o.get("primary", False)) for o in data.get("objectives", [])
        }
        return QuickLook(str(meta.get("name", "")), str(meta.get("currency", "EUR")), objectives)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
