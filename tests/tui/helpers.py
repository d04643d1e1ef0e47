"""Starting the app in tests and reading what it shows."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Static

from socialroi_tui.tui.app import SocialRoiApp
from socialroi_tui.tui.widgets.figures import FigureLines

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "socialroi_tui" / "samples"


def copy_sample(name: str, folder: Path) -> Path:
    target = folder / f"{name}.toml"
    shutil.copy(SAMPLES / f"{name}.toml", target)
    return target


def make_app(path: Path | None = None, lang: str = "en", screen: str | None = None) -> SocialRoiApp:
    return SocialRoiApp(path=path, first_section=screen, lang=lang)


def text_of(app: SocialRoiApp, selector: str) -> str:
    """The plain text a Static (or lines of figures) shows."""
    widget = app.screen.query_one(selector)
    if isinstance(widget, FigureLines):
        return widget.plain
    assert isinstance(widget, Static)
    rendered = widget.render()
    return getattr(rendered, "plain", str(rendered))


def table_rows(app: SocialRoiApp) -> list[list[str]]:
    """The cells of the screen's table (a DataTable, or the dashboard's FigureTable)."""
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    figures = app.screen.query(FigureTable)
    if figures:
        table = figures.first()
        return [
            [cell.strip() for cell in table.row_texts(index)] for index in range(len(table.rows))
        ]
    table = app.screen.query_one(DataTable)
    return [
        [getattr(cell, "plain", str(cell)).strip() for cell in table.get_row_at(index)]
        for index in range(table.row_count)
    ]


async def loaded(pilot) -> None:
    """Wait for the full load (the first frame is drawn from a quick read of the file)."""
    await pilot.pause()
    for _ in range(100):
        if not pilot.app.opening:
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Let the app work until ``condition()`` holds: a busy machine only takes longer."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {condition}")
        await asyncio.sleep(0.01)
        await pilot.pause()


async def funnel_ready(pilot) -> None:
    """Wait for the full load and for the funnel's rows of fields."""
    await loaded(pilot)
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "_rows_ready", False))


def stage_labels(app) -> list[str]:
    return [s.label for s in app.document.campaign.funnel.stages]


async def choose_export(pilot, path: Path) -> None:
    """``i`` on the dashboard, then the export's path typed in the file browser."""
    from textual.widgets import Input

    from socialroi_tui.tui.dialogs.open_file import ImportFileDialog

    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportFileDialog))
    field = pilot.app.screen.query_one("#open-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")


async def preview_shown(pilot) -> None:
    """Wait for the export to be read (by a worker) and its preview shown."""
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceDialog))


async def imported(pilot, count: int) -> None:
    """Click Import on the preview, then wait until ``count`` results are in."""
    await pilot.click("#answer-import")
    await wait_for(pilot, lambda: len(pilot.app.document.campaign.actuals) == count)
