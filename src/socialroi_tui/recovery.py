"""Recovery copies: the unsaved state of a campaign, kept in the user's state folder.

While a campaign has unsaved changes the app keeps a copy here (debounced, written off
the keystroke path); on a closed terminal, a dropped SSH link (SIGHUP), SIGTERM or a crash
it writes the last edit. The next start on that file offers to restore or discard it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from socialroi_tui.recent import state_folder
from socialroi_tui.store.toml_store import write_atomically


@dataclass(frozen=True)
class Recovery:
    """One recovery copy: the campaign text and which file it belongs to."""

    copy: Path
    original: Path | None
    saved_at: dt.datetime

    def text(self) -> str:
        return self.copy.read_text(encoding="utf-8")

    def discard(self) -> None:
        _remove(self.copy)


def recovery_folder() -> Path:
    return state_folder() / "recovery"


def _file_key(original: Path) -> str:
    return hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:20]


def _name(original: Path | None, session: str) -> str:
    """One copy per file and per run: two runs on the same file each keep their own."""
    if original is None:
        return f"untitled-{session}"
    return f"{_file_key(original)}-{session}"


def write_recovery(campaign_text: str, original: Path | None, session: str) -> Path:
    """Keep ``campaign_text`` (TOML) as the recovery copy of ``original`` (None: untitled)."""
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"{_name(original, session)}.toml"
    write_atomically(copy, campaign_text.encode("utf-8"), private=True)
    info = {
        "original": str(original.resolve()) if original else None,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    write_atomically(copy.with_suffix(".json"), json.dumps(info).encode("utf-8"), private=True)
    return copy


def _read(copy: Path) -> Recovery | None:
    """A copy and what its note says; None for a note that cannot be read (a date
    without time zone is taken as UTC; one that cannot be shown is refused)."""
    try:
        info = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
        saved_at = dt.datetime.fromisoformat(info["saved_at"])
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=dt.UTC)
        original = Path(info["original"]) if info.get("original") else None
        try:
            saved_at.astimezone()  # a date the local time cannot show (year 1 at +14:00)
        except (OverflowError, ValueError):
            saved_at = dt.datetime.fromtimestamp(copy.stat().st_mtime, dt.UTC)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Recovery(copy, original, saved_at) if copy.is_file() else None


def find_recovery(original: Path) -> Recovery | None:
    """The newest recovery copy left on ``original`` by any run, if one was left (None
    when the state folder cannot be read: the work in memory and the file count)."""
    try:
        key = _file_key(original)
        copies = [*recovery_folder().glob(f"{key}-*.toml"), recovery_folder() / f"{key}.toml"]
        found = [recovery for recovery in map(_read, copies) if recovery is not None]
    except OSError:
        return None
    return max(found, key=lambda r: r.saved_at, default=None)


def untitled_recoveries() -> list[Recovery]:
    """Copies of campaigns that were never saved to a file, newest first."""
    try:
        folder = recovery_folder()
        if not folder.is_dir():
            return []
        found = [_read(p) for p in folder.glob("untitled-*.toml")]
    except OSError:
        return []
    return sorted((r for r in found if r), key=lambda r: r.saved_at, reverse=True)


def discard_recovery(original: Path | None, session: str) -> None:
    """Remove a recovery copy (a state folder that cannot be written keeps nothing)."""
    _remove(recovery_folder() / f"{_name(original, session)}.toml")


def _remove(copy: Path) -> None:
    for path in (copy, copy.with_suffix(".json")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
