"""Every screen, at 80×24 and 120×40, in French and English.

Update after looking at the report: ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialroi_tui.tui.dialogs.kpi import KpiEditor

from .helpers import SAMPLES, funnel_ready, loaded, make_app, wait_for

SIZES = [(80, 24), (120, 40)]
LANGS = ["fr", "en"]


async def settle(pilot) -> None:
    await loaded(pilot)
    for input_widget in pilot.app.screen.query("Input"):
        input_widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_start_screen(snap_compare, lang, size):
    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_objectives_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_objectives_sales_only_hint(snap_compare, lang, size):
    app = make_app(SAMPLES / "two-ads.toml", lang=lang)
    assert snap_compare(app, terminal_size=size, press=["down"] * 5, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_kpis_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "b2b-linkedin.toml", lang=lang, screen="kpis")
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_kpi_editor(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="kpis")

    async def open_editor(pilot) -> None:
        await loaded(pilot)
        await pilot.press("enter")
        while not isinstance(pilot.app.screen, KpiEditor):  # pushed once the row is selected
            await pilot.pause()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_editor)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_help_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang)
    assert snap_compare(app, terminal_size=size, press=["f1"], run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_funnel_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="funnel")

    async def ready(pilot) -> None:
        await settle(pilot)
        await funnel_ready(pilot)
        screen = pilot.app.screen
        await wait_for(pilot, lambda: all(row.bar.plain.strip() for row in screen._rows))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_with_an_invalid_value(snap_compare, lang):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")

    async def type_bad_ctr(pilot) -> None:
        await settle(pilot)
        field = pilot.app.screen.query_one("#field-ctr")
        field.focus()
        await pilot.press("end", "ctrl+u", "2", "x")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=type_bad_ctr)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_solving_for_the_price(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")

    async def solve_for_the_price(pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#budget-solve").focus()
        await pilot.press("space")
        await settle(pilot)
        pilot.app.screen.query_one("#field-target_cpa").focus()
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=solve_for_the_price)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_with_the_tornado(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")
    press = ["ctrl+t"] * 2  # the split as bars, then the tornado
    assert snap_compare(app, terminal_size=size, press=press, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_with_the_bars(snap_compare, lang, size, tmp_path):
    """The split as bars, LinkedIn with dearer figures of its own: over the plan's CPA."""
    path = tmp_path / "bars.toml"
    own = 'label = "LinkedIn"\nshare = 0.40\nctr = 0.008\nprice = 6'
    seed = (SAMPLES / "seed-000.toml").read_text("utf-8")
    path.write_text(seed.replace('label = "LinkedIn"\nshare = 0.40', own), "utf-8")
    app = make_app(path, lang=lang, screen="budget")

    async def bars_shown(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: pilot.app.screen.query("#bars-cpa"))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=bars_shown)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "two-ads.toml", lang=lang, screen="dashboard")
    assert snap_compare(app, terminal_size=size, press=["c"], run_before=settle)


def _with_site_analytics(tmp_path):
    """two-ads with the site's GA4 export imported beside Meta's figures."""
    import shutil

    from socialroi_tui.cli import main as cli_main

    path = tmp_path / "two-ads.toml"
    shutil.copy(SAMPLES / "two-ads.toml", path)
    export = Path(__file__).resolve().parents[1] / "data" / "exports" / "ga4_en.csv"
    assert cli_main(["import", str(export), "--into", str(path)]) == 0
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "press", [[], ["l"], ["o"], ["ctrl+t"]], ids=["table", "rows", "columns", "bars"]
)
def test_dashboard_with_the_sites_analytics(snap_compare, tmp_path, lang, size, press):
    app = make_app(_with_site_analytics(tmp_path), lang=lang, screen="dashboard")
    assert snap_compare(app, terminal_size=size, press=press, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_scenarios_screen(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="scenarios")
    assert snap_compare(app, terminal_size=size, press=["right"], run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_in_a_scenario(snap_compare, lang):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="scenarios")
    assert snap_compare(app, terminal_size=(80, 24), press=["right", "e"], run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_budget_screen_with_the_ranges(snap_compare, lang, size):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")
    press = ["ctrl+t"] * 5
    assert snap_compare(app, terminal_size=size, press=press, run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
def test_ranges_dialog(snap_compare, lang):
    app = make_app(SAMPLES / "seed-000.toml", lang=lang, screen="budget")
    assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+g"], run_before=settle)


def _with_journeys(tmp_path):
    """seed-000 naming the sample journeys (kept beside it)."""
    import shutil

    path = tmp_path / "seed-000.toml"
    shutil.copy(SAMPLES / "seed-000.toml", path)
    shutil.copy(SAMPLES / "journeys-seed-000.csv", tmp_path / "journeys.csv")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("[budget]", '[attribution]\njourneys = "journeys.csv"\n\n[budget]', 1),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_attribution_screen(snap_compare, tmp_path, lang, size):
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    app = make_app(_with_journeys(tmp_path), lang=lang, screen="attribution")

    async def read(pilot) -> None:
        await settle(pilot)
        await wait_for(pilot, lambda: len(pilot.app.screen.query_one(FigureTable).rows) == 7)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=read)
