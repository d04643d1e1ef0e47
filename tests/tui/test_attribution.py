"""The attribution screen: journeys opened with the browser, every model side by side,
the model chosen for the dashboard, and the dashboard counting its credit."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal as D
from pathlib import Path

from socialroi_tui.cli import main as cli_main
from socialroi_tui.tui.dialogs.open_file import JourneysFileDialog
from socialroi_tui.tui.screens.attribution import AttributionScreen
from socialroi_tui.tui.widgets.figure_table import FigureTable

from .helpers import SAMPLES, copy_sample, loaded, make_app, text_of, wait_for

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"


def campaign_with_journeys(tmp_path) -> Path:
    path = copy_sample("seed-000", tmp_path)
    assert cli_main(["import", str(EXPORTS / "meta_fr.csv"), "--into", str(path)]) == 0
    shutil.copy(SAMPLES / "journeys-seed-000.csv", tmp_path / "journeys.csv")
    return path


def campaign_reading_journeys(tmp_path, order: int, rows: int | None = None) -> Path:
    """The campaign above, its journeys read by Markov of ``order``; ``rows`` paths over
    ten channels (the benchmark's) instead of the sample's."""
    from benchmarks.attribution import paths_file

    path = campaign_with_journeys(tmp_path)
    if rows is not None:
        paths_file(tmp_path, rows=rows).replace(tmp_path / "journeys.csv")
    settings = f'[attribution]\njourneys = "journeys.csv"\norder = {order}\n\n[budget]'
    path.write_text(path.read_text(encoding="utf-8").replace("[budget]", settings, 1))
    return path


def test_credited_sales_add_up_to_their_total_in_the_report(tmp_path, capsys):
    """Credits have more places than the two shown: the networks' add up to the total as
    shown (the app's table and the report share the figures)."""
    path = campaign_reading_journeys(tmp_path, order=1)
    settings = '[dashboard]\nsales_from = "attribution"\n\n[budget]'
    path.write_text(path.read_text(encoding="utf-8").replace("[budget]", settings, 1))
    capsys.readouterr()
    assert cli_main(["report", str(path), "--format", "csv", "--lang", "en"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    networks = [r for r in rows if r["Network"] not in ("Total", "") and not r["Publication"]]
    total = next(r for r in rows if r["Network"] == "Total")
    sales = [D(r["Conversions"]) for r in networks]
    assert len(sales) == 3 and all(s == s.quantize(D("0.01")) for s in sales)
    assert sum(sales) == D(total["Conversions"])


async def test_journeys_opened_credited_by_every_model_and_used_by_the_dashboard(tmp_path):
    path = campaign_with_journeys(tmp_path)
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert "o" in text_of(app, "#attribution-summary")  # says how to open journeys
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, JourneysFileDialog))
        app.screen.query_one("#open-path").value = str(tmp_path / "journeys.csv")
        app.screen.query_one("#open-path").focus()
        await pilot.press("enter")
        table = None

        def shown():
            nonlocal table
            tables = app.screen.query(FigureTable)
            table = tables.first() if tables else None
            return table is not None and len(table.rows) == 7

        await wait_for(pilot, shown)
        keys = [column.key for column in table.columns]
        assert keys[:7] == ["channel", "last", "first", "linear", "position", "markov", "shapley"]
        email = next(r for r in table.rows if r.channel == "email")
        assert table.row_texts(table.rows.index(email))[1] == "45,00"  # last touch
        assert "Markov ★" in [column.title for column in table.columns]
        await pilot.press("m")  # Shapley next
        await wait_for(pilot, lambda: app.document.campaign.attribution.model == "shapley")
        await wait_for(pilot, lambda: "Shapley ★" in [c.title for c in table.columns])
        await pilot.press("u")
        await wait_for(pilot, lambda: app.document.campaign.dashboard.sales_from == "attribution")
        await pilot.press("5")
        await wait_for(
            pilot, lambda: "Shapley" in str(app.screen.query_one("#dashboard-table").border_title)
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    saved = path.read_text(encoding="utf-8")
    assert 'journeys = "journeys.csv"' in saved and 'model = "shapley"' in saved
    # The report counts the same sales as the app.
    assert cli_main(["report", str(path), "--format", "md", "--lang", "fr"]) == 0


async def test_a_journeys_file_that_cannot_be_read_is_said_and_changes_nothing(tmp_path):
    path = campaign_with_journeys(tmp_path)
    (tmp_path / "journeys.csv").write_text("path;total_conversions\na > b;lots\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("[budget]", '[attribution]\njourneys = "journeys.csv"\n\n[budget]', 1)
    )
    app = make_app(path, lang="en", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "line 2" in text_of(app, "#attribution-summary"))
        assert not app.document.dirty


async def test_a_markov_order_too_high_for_the_journeys_is_said(tmp_path):
    path = campaign_reading_journeys(tmp_path, order=4, rows=2000)  # ten channels
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        # order 4 is worked out in another Python, behind the loading dialog
        await wait_for(pilot, lambda: isinstance(app.screen, AttributionScreen))
        await wait_for(pilot, lambda: "ordre plus bas" in text_of(app, "#attribution-summary"))
        assert "d'ordre 4" in text_of(app, "#attribution-summary")
        assert not app.document.dirty


async def test_escape_stops_a_markov_chain_being_solved(tmp_path):
    """Order 3 over ten channels takes seconds in another Python: the screen says so and
    keys still work; Escape kills it, the screen says how to start over, and opening the
    same file again starts over."""
    path = campaign_reading_journeys(tmp_path, order=3, rows=3000)  # ten channels
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await wait_for(pilot, lambda: screen._process is not None)
        assert "(Échap\u00a0: abandonner)" in text_of(app, "#attribution-summary")
        await pilot.press("t")  # keys still work
        assert screen.figure == "value"
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen._process.poll() is not None)  # killed
        assert "interrompue" in text_of(app, "#attribution-summary")
        assert "(o)" in text_of(app, "#attribution-summary")
        # the worker's answer (the process ended without a word) changes nothing
        await wait_for(pilot, lambda: not [w for w in app.workers if w.group == "journeys"])
        await pilot.pause()
        assert "interrompue" in text_of(app, "#attribution-summary")
        assert not app.document.dirty
        first = screen._process
        await pilot.press("o")  # the same file again: worked out again
        await wait_for(pilot, lambda: isinstance(app.screen, JourneysFileDialog))
        app.screen.query_one("#open-path").value = str(tmp_path / "journeys.csv")
        app.screen.query_one("#open-path").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen._process not in (None, first))
        assert "en calcul" in text_of(app, "#attribution-summary")
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen._process.poll() is not None)
        assert "interrompue" in text_of(app, "#attribution-summary")


async def test_another_section_while_the_journeys_are_credited(tmp_path):
    """Leaving for the dashboard while a Markov chain is solved: the credit lands on the
    attribution screen, shown on coming back (a loading dialog left on that screen's
    stack used to end the app when it closed)."""
    path = campaign_reading_journeys(tmp_path, order=3)
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await wait_for(pilot, lambda: screen._reading is not None)
        await pilot.press("5")
        await wait_for(pilot, lambda: app.current_mode == "dashboard")
        await wait_for(pilot, lambda: screen._reading is None)
        await pilot.press("7")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: len(screen.query_one(FigureTable).rows) == 7)


async def test_the_palette_offers_the_screens_keys(tmp_path):
    """On the attribution screen the palette lists its keys in the user's words (open
    journeys, model, use, value), and choosing one acts as the key does."""
    path = campaign_with_journeys(tmp_path)
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Parcours", "Modèle", "Utiliser"} <= set(commands)
        assert "" not in commands and not any("Project-Id" in title for title in commands)
        before = app.document.campaign.attribution.model
        commands["Modèle"].callback()
        await wait_for(pilot, lambda: app.document.campaign.attribution.model != before)
