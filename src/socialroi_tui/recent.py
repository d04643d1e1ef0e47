"""Recently opened campaign files, kept in the user's state folder."""

from __future__ import annotations

import json
from pathlib import Path

from socialroi_tui.store.toml_store import write_atomically

MAX_RECENT = 8


def state_folder() -> Path:
    from platformdirs import user_state_path

    return user_state_path("socialroi", appauthor=False)


def recent_files() -> list[Path]:
    """The files opened lately, newest first, skipping those that no longer exist."""
    try:
        names = json.loads((state_folder() / "recent.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(names, list):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()]


def remember(path: Path) -> None:
    """Put ``path`` first in the recent list (failures to write are ignored)."""
    path = path.resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p.resolve() != path]
    folder = state_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(names[:MAX_RECENT], indent=1).encode("utf-8")
        write_atomically(folder / "recent.json", data, private=True)
    except OSError:
        pass
