"""Recovery copies: the unsaved state of a campaign, kept in the user's state folder.

While a campaign has unsaved changes the app keeps a copy here (debounced, written off
the keystroke path); on a closed terminal, a dropped SSH link (SIGHUP), SIGTERM or a crash
it writes the last edit. The next start on that file offers to restore or discard it.
"""

from __future__ import annotations

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
        self.copy.unlink(missing_ok=True)
        self.copy.with_suffix(".json").unlink(missing_ok=True)


def recovery_folder() -> Path:
    return state_folder() / "recovery"


def _name(original: Path | None, session: str) -> str:
    if original is None:
        return f"untitled-{session}"
    return hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:20]


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
    try:
        info = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
        saved_at = dt.datetime.fromisoformat(info["saved_at"])
        original = Path(info["original"]) if info.get("original") else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Recovery(copy, original, saved_at) if copy.is_file() else None


def find_recovery(original: Path) -> Recovery | None:
    """The recovery copy of ``original``, if one was left."""
    return _read(recovery_folder() / f"{_name(original, '')}.toml")


def untitled_recoveries() -> list[Recovery]:
    """Copies of campaigns that were never saved to a file, newest first."""
    folder = recovery_folder()
    if not folder.is_dir():
        return []
    found = [_read(p) for p in folder.glob("untitled-*.toml")]
    return sorted((r for r in found if r), key=lambda r: r.saved_at, reverse=True)


def discard_recovery(original: Path | None, session: str) -> None:
    copy = recovery_folder() / f"{_name(original, session)}.toml"
    copy.unlink(missing_ok=True)
    copy.with_suffix(".json").unlink(missing_ok=True)
