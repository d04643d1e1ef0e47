"""Starting the app (a placeholder until the app lands)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(path: Path | None, screen: str | None, lang: str) -> int:
    print("socialroi: the app is not there yet; use plan, calc, validate or new.", file=sys.stderr)
    return 2
