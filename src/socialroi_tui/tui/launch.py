"""Starting the app: only what the first screen needs is imported before it shows."""

from __future__ import annotations

from pathlib import Path


def run_app(path: Path | None, screen: str | None, lang: str) -> int:
    from socialroi_tui.tui.app import SocialRoiApp

    app = SocialRoiApp(path=path, first_section=screen, lang=lang)
    try:
        app.run()
    finally:
        app.write_recovery_now()  # a crash or any unplanned exit keeps the last edit
    return app.return_code or 0
