"""The dashboard of a large campaign: sorting, folding and adding a result, each timed
from the key until the screen has drawn the new rows.

5 000 publications across four networks, three results each (15 000 rows), opened in
the app under Pilot (headless: the screen's lines are still drawn, only not sent to a
terminal). Each step is timed from just before its key to the end of the first frame
drawn once the table shows the new rows (``Pilot.pause`` draws a frame). Target: under
100 ms each (issue 16).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

NETWORKS = ("facebook", "instagram", "linkedin", "x")
PUBLICATIONS = 5_000
ROWS_PER_PUBLICATION = 3
TARGET_MS = 100


def campaign_of_publications(
    folder: Path, publications: int = PUBLICATIONS, rows: int = ROWS_PER_PUBLICATION
) -> Path:
    """A campaign with four networks sharing the budget and ``publications`` spread over
    them, each with ``rows`` results (one a day)."""
    channels = "".join(
        f'[[channels]]\nid = "{network}"\nnetwork = "{network}"\nshare = 0.25\n\n'
        for network in NETWORKS
    )
    results = "".join(
        f'[[actuals]]\nchannel = "{NETWORKS[i % len(NETWORKS)]}"\npublication = "Post {i}"\n'
        f"date = 2026-10-{day + 1:02d}\nspend = {(i * 7 + day) % 300}.{i % 100:02d}\n"
        f"impressions = {1000 + i % 977}\nreach = {800 + i % 500}\nclicks = {20 + i % 41}\n"
        f"conversions = {(i + day) % 4}\nrevenue = {(i * 13) % 400}.5\n\n"
        for i in range(publications)
        for day in range(rows)
    )
    path = folder / f"publications-{publications}.toml"
    path.write_text(
        '[meta]\nname = "bench"\ncurrency = "EUR"\n\n'
        '[budget]\nmode = "forward"\nbudget = 100000\nctr = 0.02\nconversion_rate = 0.02\n'
        'pricing = "cpm"\nprice = 5\naverage_order_value = 40\ngross_margin = 0.4\n\n'
        + channels
        + results,
        encoding="utf-8",
    )
    return path


async def measure(
    path: Path, rounds: int, publications: int = PUBLICATIONS
) -> dict[str, list[float]]:
    from textual.screen import Screen

    from socialroi_tui.tui.app import SocialRoiApp
    from socialroi_tui.tui.dialogs.results import ResultEditor
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    app = SocialRoiApp(path=path, first_section="dashboard", lang="en")
    timings: dict[str, list[float]] = {}
    waiting: list = []
    drawn: list[float] = []
    refresh = Screen._compositor_refresh

    def refresh_and_note(screen: Screen) -> None:
        refresh(screen)
        if waiting and screen is app.screen and waiting[0]():
            drawn.append(time.perf_counter())
            waiting.clear()

    Screen._compositor_refresh = refresh_and_note  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:

            async def until(condition, timeout: float = 60.0) -> None:
                deadline = time.monotonic() + timeout
                while not condition():
                    if time.monotonic() > deadline:
                        raise AssertionError("the dashboard never showed the change")
                    await asyncio.sleep(0)
                    await pilot.pause()

            async def timed(name: str, key: str, condition) -> None:
                """From just before ``key`` to the end of the first frame drawn (by the
                screen's own refresh, as in a terminal) once ``condition`` holds. Pilot's
                own waits (it sleeps until the process is idle) are not counted."""
                drawn.clear()
                waiting.append(condition)
                start = time.perf_counter()
                await pilot.press(key)
                await until(lambda: bool(drawn))
                timings.setdefault(name, []).append(drawn[0] - start)

            await until(
                lambda: (
                    not app.opening
                    and app.screen.query(FigureTable)
                    and app.screen.query_one(FigureTable).rows
                )
            )
            table = app.screen.query_one(FigureTable)
            # Every network unfolded: each publication is a row of the table.
            app.screen.collapsed.clear()
            app.screen.refresh_body()
            await until(lambda: len(table.rows) == publications + len(NETWORKS) + 1)
            for _ in range(rounds):
                row = table.cursor_row
                await timed("floor: cursor down", "down", lambda row=row: table.cursor_row != row)
                for key, name in (
                    ("s", "sort (s)"),
                    ("S", "reverse sort (S)"),
                    ("c", "rank by CPA (c)"),
                ):
                    before = table.rows
                    await timed(name, key, lambda before=before: table.rows is not before)
                table.cursor_row = 0  # a network's row: Enter folds it, then unfolds it
                for name in ("fold (Enter)", "unfold (Enter)"):
                    count = len(table.rows)
                    await timed(name, "enter", lambda count=count: len(table.rows) != count)
                # Add a result: the form filled in, then Enter on OK.
                await pilot.press("a")
                await until(lambda: isinstance(app.screen, ResultEditor))
                editor = app.screen
                editor.query_one("#result-publication").value = "Post 3"
                editor.query_one("#result-spend").value = "12.50"
                editor.query_one("#result-conversions").value = "2"
                editor.query_one("#result-ok").focus()
                await pilot.pause()
                count, before = len(app.document.campaign.actuals), table.rows
                await timed(
                    "add a result (OK)",
                    "enter",
                    lambda count=count, before=before: (
                        len(app.document.campaign.actuals) == count + 1 and table.rows is not before
                    ),
                )
            app.exit()
    finally:
        Screen._compositor_refresh = refresh  # type: ignore[method-assign]
    return timings


def bench_dashboard(rounds: int = 5) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = campaign_of_publications(Path(folder))
        timings = asyncio.run(measure(path, rounds))
    print(
        f"dashboard of {PUBLICATIONS:,} publications ({PUBLICATIONS * ROWS_PER_PUBLICATION:,}"
        f" results, {len(NETWORKS)} networks, all unfolded), key -> frame with the new rows,"
        f" Pilot 120x40, median of {rounds}:"
    )
    for name, seconds in timings.items():
        print(
            f"  {name:20s} median {statistics.median(seconds) * 1000:7.1f} ms"
            f"   max {max(seconds) * 1000:7.1f} ms   (target < {TARGET_MS} ms)"
        )


if __name__ == "__main__":
    bench_dashboard()
