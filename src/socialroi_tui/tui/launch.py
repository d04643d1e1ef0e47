"""Starting the app: only what the first screen needs is imported before it shows."""

from __future__ import annotations

from pathlib import Path


def run_app(
    path: Path | None,
    screen: str | None,
    lang: str,
    room: Path | None = None,
    trainer: Path | None = None,
) -> int:
    """``room``: a workshop's folder (served to a room): the app asks the participant's
    name and opens their workbook there (made from ``trainer``'s if missing)."""
    from socialroi_tui import collector

    collector.hold_until_started()
    from socialroi_tui.tui.app import SocialRoiApp

    app = SocialRoiApp(path=path, first_section=screen, lang=lang, room=room, trainer=trainer)
    try:
        app.run()
    finally:
        app.write_recovery_now()  # a crash or any unplanned exit keeps the last edit
    return app.return_code or 0
