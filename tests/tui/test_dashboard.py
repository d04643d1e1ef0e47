"""The plan-versus-actual dashboard: per network and publication, sorting, typing and
importing actual results."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from tests.french import fr

from socialroi_tui.cli import main as cli_main
from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.results import MappingDialog, ResultEditor
from socialroi_tui.tui.widgets.figure_table import FigureTable

from .helpers import (
    choose_export,
    copy_sample,
    imported,
    loaded,
    make_app,
    preview_shown,
    table_rows,
    text_of,
    wait_for,
)

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"


def labels(app) -> list[str]:
    return [row[0] for row in table_rows(app)]


async def test_rows_per_network_and_publication_with_totals(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert labels(app) == [
            "▾ Facebook",
            "Annonce A (remise de 10 %)",
            "Annonce B (livraison offerte)",
            "Total",
        ]
        facebook = table_rows(app)[0]
        assert facebook[1] == "€1,360.00"
        assert "€10.97" in facebook  # CPA
        assert "Cost per acquisition (CPA)" in text_of(app, "#dashboard-kpi-text")
        assert "on track" in text_of(app, "#dashboard-kpi-text")


async def test_rank_by_cpa_and_sort_by_a_column(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert labels(app)[1:3] == ["Annonce B (livraison offerte)", "Annonce A (remise de 10 %)"]
        app.screen._sort_by("cpa")  # the same column again: the other way round
        await pilot.pause()
        assert labels(app)[1] == "Annonce A (remise de 10 %)"
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.sort_column != "cpa"


async def test_fold_a_network(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert labels(app) == ["▸ Facebook", "Total"]


async def test_type_an_actual_result(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ResultEditor)
        editor.query_one("#result-publication").value = "Annonce C"
        editor.query_one("#result-spend").value = "250,00 €"
        editor.query_one("#result-conversions").value = "20"
        await pilot.click("#result-ok")
        await pilot.pause()
        assert app.document.campaign.actuals[-1].spend == D("250.00")
        assert "Annonce C" in labels(app)
        assert table_rows(app)[0][1] == fr("1 610,00 €")


async def test_import_a_french_meta_export_with_a_preview(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await choose_export(pilot, EXPORTS / "meta_fr.csv")
        await preview_shown(pilot)
        assert app.document.campaign.actuals == []  # nothing changed yet
        await imported(pilot, 2)
        await wait_for(pilot, lambda: "▾ Instagram" in labels(app))
        assert "▾ Facebook" in labels(app)
        await choose_export(pilot, EXPORTS / "meta_fr.csv")
        await wait_for(
            pilot, lambda: any("déjà été importé" in n.message for n in app._notifications)
        )
        assert not app.screen.query("#answer-import")  # said before any preview
        assert len(app.document.campaign.actuals) == 2  # never twice


async def test_unknown_columns_are_mapped_once_and_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    export = tmp_path / "salons.csv"
    shutil.copy(EXPORTS / "custom.csv", export)
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await choose_export(pilot, export)
        await wait_for(pilot, lambda: isinstance(app.screen, MappingDialog))
        dialog = app.screen
        for index, field in enumerate(["publication", "spend", "impressions", "conversions"]):
            dialog.query_one(f"#mapping-{index}").value = field
        await pilot.click("#mapping-ok")
        await preview_shown(pilot)
        await imported(pilot, 2)
        assert sum(a.spend for a in app.document.campaign.actuals) == 1800
    # The mapping was kept: the command line now reads the same layout without being told.
    path = copy_sample("two-ads", tmp_path)
    assert cli_main(["import", str(export), "--into", str(path), "--dry-run"]) == 0


async def test_dashboard_figures_equal_the_report(tmp_path, capsys):
    path = copy_sample("two-ads", tmp_path)
    cli_main(["report", str(path), "--format", "md", "--lang", "en"])
    report = capsys.readouterr().out
    app = make_app(path, lang="en", screen="dashboard")
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        shown = [cell for row in table_rows(app) for cell in row[1:] if cell != "—"]
    for value in shown:
        assert value in report, value
    cli_main(["report", str(path), "--format", "json"])
    assert json.loads(capsys.readouterr().out)[0]["label"] == "Facebook"


async def test_meta_and_linkedin_imports_sorted_by_cpa_saved_and_reported(tmp_path, capsys):
    """The issue's whole story: two exports in the app, plan versus actual, sort by CPA,
    save, and the report gives the same figures."""
    path = copy_sample("seed-000", tmp_path)
    linkedin = tmp_path / "linkedin.txt"
    linkedin.write_bytes(
        (
            "Campaign Name\tStart Date (in UTC)\tTotal Spent\tImpressions\tClicks\tLeads\t"
            "Conversions\nWhite paper\t10/01/2026\t2,750.00\t100,000\t500\t40\t12\n"
        ).encode("utf-16")
    )
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        for export in (EXPORTS / "meta_fr.csv", linkedin):
            count = len(app.document.campaign.actuals)
            await choose_export(pilot, export)
            await preview_shown(pilot)
            await pilot.click("#answer-import")
            await wait_for(pilot, lambda count=count: len(app.document.campaign.actuals) > count)
        await pilot.press("c")
        await pilot.pause()
        rows = table_rows(app)
        networks = [row[0] for row in rows if row[0].startswith("▾")]
        assert networks == ["▾ Instagram", "▾ Facebook", "▾ LinkedIn"]  # CPA 10, 12.50, 229.17
        linkedin_row = next(row for row in rows if row[0] == "▾ LinkedIn")
        assert fr("2 750,00 €") in linkedin_row and fr("2 000,00 €") in linkedin_row  # real, plan
        assert fr("229,17 €") in linkedin_row and fr("224,17 €") in linkedin_row  # CPA, variance
        shown = [cell for row in rows for cell in row[1:] if cell != "—"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    cli_main(["report", str(path), "--format", "md", "--lang", "fr"])
    report = capsys.readouterr().out
    for value in shown:
        assert value in report, value


async def test_typed_measures_that_contradict_each_other_are_warned_not_refused(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ResultEditor)
        assert text_of(app, "#result-warnings") == ""
        editor.query_one("#result-impressions").value = "1 000"
        editor.query_one("#result-clicks").value = "1 200"
        await pilot.pause()
        assert text_of(app, "#result-warnings") == (
            "⚠ Clics 1 200 > Impressions 1 000\u00a0: rarement possible"
        )
        editor.query_one("#result-conversions").value = "1 300"
        editor.query_one("#result-reach").value = "abc"  # unreadable: said at OK, not here
        await pilot.pause()
        assert text_of(app, "#result-warnings").splitlines() == [
            "⚠ Clics 1 200 > Impressions 1 000\u00a0: rarement possible",
            "⚠ Conversions 1 300 > Clics 1 200\u00a0: rarement possible",
        ]
        editor.query_one("#result-reach").value = "1 500"
        await pilot.pause()
        assert len(text_of(app, "#result-warnings").splitlines()) == 3
        assert editor.query_one("#result-ok").region in app.screen.region
        editor.query_one("#result-clicks").value = "120"
        await pilot.pause()
        assert text_of(app, "#result-warnings").splitlines() == [
            "⚠ Portée 1 500 > Impressions 1 000\u00a0: rarement possible",
            "⚠ Conversions 1 300 > Clics 120\u00a0: rarement possible",
        ]
        await pilot.click("#result-ok")
        await pilot.pause()
        assert not isinstance(app.screen, ResultEditor)
        assert app.document.campaign.actuals[-1].conversions == 1300


async def test_the_import_preview_lists_rows_to_check_and_still_imports(tmp_path):
    export = tmp_path / "slips.csv"
    rows = "".join(f"Post {i};1 000;{1200 + i};10\n" for i in range(14))
    export.write_text(
        "Nom de la publicité;Impressions;Clics sur un lien;Achats\n" + rows, encoding="utf-8"
    )
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await choose_export(pilot, export)
        await preview_shown(pilot)
        dialog = app.screen
        lines = text_of(app, "#preview-warnings").splitlines()
        assert lines[0] == "To check (the import can still go ahead):"
        assert lines[1] == "line 2: ⚠ Clicks 1,200 > Impressions 1,000: rarely possible"
        assert lines[-1] == "… and 4 more" and len(lines) == 12
        import_button = dialog.query_one("#answer-import")
        assert import_button.region in dialog.region and import_button.has_focus
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.document.campaign.actuals) == 14)


async def test_an_import_with_nothing_to_check_shows_no_warnings(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await choose_export(pilot, EXPORTS / "meta_fr.csv")
        await preview_shown(pilot)
        assert not app.screen.query("#preview-warnings")
        assert app.screen.query_one("#answer-import").region in app.screen.region


def _many_results(path: Path, count: int) -> Path:
    rows = "".join(
        f'[[actuals]]\nchannel = "fb"\npublication = "post {i}"\nspend = {i % 97}.5\n'
        f"clicks = 20\nconversions = {i % 3}\nrevenue = 30\n\n"
        for i in range(count)
    )
    path.write_text('[[channels]]\nid = "fb"\nnetwork = "facebook"\n\n' + rows, encoding="utf-8")
    return path


async def test_a_large_campaign_loads_with_progress_and_shows_only_what_is_on_screen(
    tmp_path, monkeypatch
):
    """A file over a megabyte is read by a worker while a bar shows how far it has come;
    the dashboard writes the cells of the rows on screen only, and a network of many
    publications starts folded."""
    from socialroi_tui.tui.dialogs.loading import LoadingScreen
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    path = _many_results(tmp_path / "big.toml", 12_000)
    app = make_app(path, lang="en", screen="dashboard")
    shown_loading = []
    async with app.run_test(size=(80, 24)) as pilot:
        while app.opening:
            shown_loading.append(isinstance(app.screen, LoadingScreen))
            await pilot.pause(0.01)
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        assert any(shown_loading)
        table = app.screen.query_one(FigureTable)
        assert labels(app) == ["▸ Facebook", "Total"]  # 12 000 publications: folded
        from socialroi_tui.tui.screens import dashboard

        written = []
        format_cell = dashboard.format_by_unit
        monkeypatch.setattr(
            dashboard, "format_by_unit", lambda *args: written.append(1) or format_cell(*args)
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(table.rows) == 12_002)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 12_001
        assert len(written) < 5_000  # a few screenfuls of cells, not 12 000 rows of them
        assert "Total" in " ".join(table.row_texts(table.cursor_row))


@pytest.mark.parametrize("answer", ["later", "restore", "discard"])
async def test_a_large_campaign_with_unsaved_work_offers_it_then_is_usable(tmp_path, answer):
    """The bar that shows a large file being read goes away before the question about
    unsaved work left on it (the file is read once); whatever the answer, the campaign
    is then in use."""
    from socialroi_tui.recovery import write_recovery
    from socialroi_tui.tui.dialogs.loading import LoadingScreen

    path = _many_results(tmp_path / "big.toml", 12_000)
    edited = path.read_text("utf-8").replace('id = "fb"', 'id = "fb"\nlabel = "Edited"', 1)
    write_recovery(edited, path, "earlier-run")
    app = make_app(path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        if answer == "later":
            await pilot.press("escape")
        else:
            app.screen.query_one(f"#answer-{answer}").press()
        await wait_for(pilot, lambda: not isinstance(app.screen, ChoiceDialog))
        assert not [s for s in app.screen_stack if isinstance(s, LoadingScreen)]
        labels = [c.label for c in app.document.campaign.channels]
        assert labels == (["Edited"] if answer == "restore" else [""])
        await pilot.press("5")
        await wait_for(pilot, lambda: app.current_mode == "dashboard")


async def test_figures_scrolled_sideways_are_whole_or_not_shown(tmp_path):
    """→ and ← move by whole columns: a figure is never cut to look like another (the CPA
    "10,00 €" shown as "00 €"), and two figures never run together."""
    import re

    from socialroi_tui.tui.widgets.figure_table import FigureTable

    app = make_app(copy_sample("two-ads", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        table = app.screen.query_one(FigureTable)
        for key in ["right"] * 12 + ["left"] * 5:
            await pilot.press(key)
            await pilot.pause()
            for y in range(1, len(table.rows) + 1):
                shown = table.render_line(y).text.strip()
                cells = [c.strip() for c in table.row_texts(y - 1)]
                for part in re.split(r"\s{2,}", shown):
                    whole = part in cells
                    shortened = part.endswith("…") and any(c.startswith(part[:-1]) for c in cells)
                    assert whole or shortened, (key, part, cells)


async def test_a_section_asked_for_while_a_large_file_is_read_is_shown_once_read(tmp_path):
    from socialroi_tui.tui.dialogs.loading import LoadingScreen

    path = _many_results(tmp_path / "big.toml", 12_000)
    app = make_app(path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2000):  # the bar shows while the worker reads (under a second)
            if isinstance(app.screen, LoadingScreen):
                break
            await pilot.pause(0.01)
        await pilot.press("5")
        await wait_for(pilot, lambda: app.document is not None)
        await wait_for(pilot, lambda: app.current_mode == "dashboard")


async def test_the_sorted_column_is_brought_on_screen(tmp_path):
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        table = app.screen.query_one(FigureTable)
        await pilot.press("c")  # rank by CPA, a column far to the right
        await wait_for(pilot, lambda: "CPA ▲" in table.render_line(0).text)
        for _ in range(12):  # s moves the sort along the columns: each shows
            await pilot.press("s")
            await wait_for(pilot, lambda: "▲" in table.render_line(0).text)


async def test_shift_s_reverses_the_sort_from_the_keyboard(tmp_path):
    """A header clicked twice sorts the other way; Shift+S does it from the keyboard."""
    from socialroi_tui.tui.widgets.figure_table import FigureTable

    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        table = app.screen.query_one(FigureTable)
        await pilot.press("c")
        await wait_for(pilot, lambda: "CPA ▲" in table.render_line(0).text)
        first = labels(app)[1]
        await pilot.press("S")
        await wait_for(pilot, lambda: "CPA ▼" in table.render_line(0).text)
        assert labels(app)[1] != first  # the most expensive publication first now
        await pilot.press("S")
        await wait_for(pilot, lambda: "CPA ▲" in table.render_line(0).text)


def with_two_sources(tmp_path) -> Path:
    """seed-000 with a Meta export and a GA4 export of the same period."""
    path = copy_sample("seed-000", tmp_path)
    for export in ("meta_fr.csv", "ga4_en.csv"):
        assert cli_main(["import", str(EXPORTS / export), "--into", str(path)]) == 0
    return path


async def test_platform_and_site_side_by_side_and_the_sales_source_switched(tmp_path):
    path = with_two_sources(tmp_path)
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#dashboard-table")
        assert "plateformes" in str(table.border_title)
        keys = [column.key for column in table.columns]
        at = keys.index
        facebook = next(row for row in table_rows(app) if row[0] == "▾ Facebook")
        assert facebook[at("conversions")] == "48"
        assert facebook[at("conversions_analytics")] == "32"
        assert facebook[at("traffic_share")] == fr("20 %")
        assert facebook[at("cpa")] == fr("12,50 €")
        site = next(row for row in table_rows(app) if row[0] == "Hors réseaux")
        assert site[at("sessions")] == fr("3 600")
        await pilot.press("v")
        await wait_for(
            pilot, lambda: str(table.border_title).startswith("Ventes et CA\u00a0: analytics")
        )
        facebook = next(row for row in table_rows(app) if row[0] == "▾ Facebook")
        assert facebook[at("cpa")] == fr("18,75 €")  # 600 € for the 32 sales the site saw
        assert facebook[at("conversions")] == "32"  # the sales are the site's, everywhere
        assert facebook[at("conversions_platform")] == "48"  # the platform's, beside them
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    assert 'sales_from = "analytics"' in path.read_text(encoding="utf-8")


async def test_the_default_columns_at_80_and_the_columns_chosen_are_saved(tmp_path):
    from socialroi_tui.tui.dialogs.rows import ColumnsDialog

    path = with_two_sources(tmp_path)
    app = make_app(path, lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#dashboard-table")
        keys = [column.key for column in table.columns][1:]
        assert keys[:4] == ["spend", "conversions", "cpa", "roi"]
        assert keys[4:8] == ["variance", "variance_conversions", "variance_cpa", "variance_roi"]
        assert "o: columns" in str(table.border_subtitle)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ColumnsDialog))
        chooser = app.screen.query_one("SelectionList")
        chooser.deselect_all()
        chooser.select("spend")
        chooser.select("sessions")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ColumnsDialog))
        await wait_for(
            pilot, lambda: [c.key for c in table.columns] == ["label", "spend", "sessions"]
        )
        assert table.border_subtitle == ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    saved = path.read_text(encoding="utf-8")
    assert '[dashboard]\ncolumns = [\n    "spend",\n    "sessions",\n]' in saved


async def test_rows_are_edited_deleted_and_a_whole_import_taken_back(tmp_path):
    from socialroi_tui.tui.dialogs.rows import RowsDialog

    path = with_two_sources(tmp_path)
    app = make_app(path, lang="en", screen="dashboard")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("down")  # Facebook
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, RowsDialog))
        dialog = app.screen
        rows_table = dialog.query_one("#rows-table")
        # The ad's row from Meta and the two analytics rows of Facebook.
        assert len(rows_table.rows) == 3
        assert "meta_fr.csv" in rows_table.row_texts(0)[-1]  # where it came from, last
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultEditor))
        spend = app.screen.query_one("#result-spend")
        assert spend.value == "600.00"
        spend.value = "650"
        await pilot.click("#result-ok")
        await wait_for(pilot, lambda: app.screen is dialog)
        await wait_for(pilot, lambda: "€650.00" in rows_table.row_texts(0))
        assert app.document.campaign.actuals[0].source.startswith("csv:")  # still its import
        await pilot.press("down", "d")
        await wait_for(pilot, lambda: len(rows_table.rows) == 2)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "ga4_en.csv" in app.screen.message and "4 rows" in app.screen.message
        await pilot.click("#answer-take_back")
        await wait_for(pilot, lambda: app.screen is dialog and len(rows_table.rows) == 1)
        assert not any(row.origin == "analytics" for row in app.document.campaign.actuals)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not dialog)
        await pilot.press("ctrl+z")  # the import comes back
        await wait_for(
            pilot, lambda: any(r.origin == "analytics" for r in app.document.campaign.actuals)
        )


async def test_each_networks_spend_and_cpa_against_the_plan_as_bars(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    assert cli_main(["import", str(EXPORTS / "meta_fr.csv"), "--into", str(path)]) == 0
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        spend = app.screen.query_one("#dashboard-spend-bars")
        await wait_for(pilot, lambda: "Facebook" in spend.plain or "Facebo" in spend.plain)
        cpa = app.screen.query_one("#dashboard-cpa-bars").plain
        assert fr("12,50 €") in cpa and "▒" in cpa  # above the plan's 5 € CPA, readable in mono
        assert "Dépense et CPA" in str(app.screen.query_one("#dashboard-kpis").border_title)
        await pilot.press("ctrl+t")  # back to the KPIs
        await wait_for(pilot, lambda: app.screen.query_one("#dashboard-kpi-text").display)


async def test_the_import_picks_an_export_with_the_browser_of_open_and_escape_changes_nothing(
    tmp_path,
):
    """``i`` opens the same browser as Open, in the campaign's folder, listing folders and
    exports (CSV, TSV, text) only; Escape there, or on the preview, changes nothing."""
    from socialroi_tui.tui.dialogs.open_file import FileTree, ImportFileDialog, OpenDialog

    shutil.copy(EXPORTS / "meta_fr.csv", tmp_path / "meta_fr.csv")
    (tmp_path / "exports").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        assert isinstance(app.screen, OpenDialog)
        tree = app.screen.query_one(FileTree)
        await wait_for(pilot, lambda: len(tree.root.children) == 2)
        assert [str(node.label) for node in tree.root.children] == ["exports", "meta_fr.csv"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportFileDialog))
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        tree = app.screen.query_one(FileTree)
        await wait_for(pilot, lambda: len(tree.root.children) == 2)
        tree.focus()
        await pilot.press("down", "down", "enter")  # the export, picked with the keys
        await preview_shown(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        assert app.document.campaign.actuals == [] and not app.document.dirty
        await pilot.press("i")  # the browser opens where the last export was
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        assert app.screen.folder == tmp_path
        await pilot.press("escape")


async def test_a_large_export_is_read_and_added_off_the_ui_thread_with_a_bar(tmp_path):
    """While a worker reads an export of 20 000 rows, a bar shows and the app keeps
    drawing; then the preview, and the rows added (by a worker too) are all shown."""
    from benchmarks.large import write_export

    from socialroi_tui.tui.dialogs.loading import LoadingScreen

    export = write_export(tmp_path / "meta.csv", 20_000)
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pushed = []
        push = app.push_screen
        app.push_screen = lambda screen, *args, **kw: (
            pushed.append(screen) or push(screen, *args, **kw)
        )
        await choose_export(pilot, export)
        await preview_shown(pilot)
        assert [s.words for s in pushed if isinstance(s, LoadingScreen)] == ["import_reading"]
        await pilot.click("#answer-import")
        await wait_for(pilot, lambda: len(app.document.campaign.actuals) == 20_000, 60)
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        table = app.screen.query_one(FigureTable)
        await wait_for(pilot, lambda: any(r.level == "channel" for r in table.rows))
        assert [s.words for s in pushed if isinstance(s, LoadingScreen)][1:] == ["import_adding"]
        assert app.document.results.actual_total == evaluate(app.document.campaign).actual_total


async def test_sort_fold_and_add_on_a_large_campaign_give_the_rows_made_afresh(tmp_path):
    """A law, on a campaign of 1 200 publications: whatever the steps (sort, reverse,
    fold, a result added), the table holds dashboard_rows sorted by sort_rows, made anew
    from the campaign as it is."""
    from benchmarks.dashboard import campaign_of_publications

    from socialroi_tui.engine.dashboard import dashboard_rows, sort_rows

    path = campaign_of_publications(tmp_path, publications=1_200, rows=2)
    app = make_app(path, lang="en", screen="dashboard")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        table = app.screen.query_one(FigureTable)
        await wait_for(pilot, lambda: len(table.rows) > 0)
        screen = app.screen

        def afresh():
            rows = dashboard_rows(evaluate(app.document.campaign))
            if screen.sort_column:
                rows = sort_rows(rows, screen.sort_column, screen.descending)
            return [
                [r.level, r.channel, r.label, r.actual]
                for r in rows
                if not (r.level == "publication" and r.channel in screen.collapsed)
            ]

        def shown():
            return [[r.level, r.channel, r.label, r.actual] for r in table.rows]

        assert shown() == afresh()  # networks of over 200 publications start folded
        for step in ["enter", "c", "S", "s", "down", "enter", "add", "S", "add", "c", "s"]:
            if step == "add":
                await pilot.press("a")
                await wait_for(pilot, lambda: isinstance(app.screen, ResultEditor))
                editor = app.screen
                editor.query_one("#result-publication").value = "Post 7"
                editor.query_one("#result-spend").value = "3.25"
                editor.query_one("#result-conversions").value = "1"
                count = len(app.document.campaign.actuals)
                await pilot.click("#result-ok")
                await wait_for(
                    pilot, lambda count=count: len(app.document.campaign.actuals) == count + 1
                )
            else:
                await pilot.press(step)
            await wait_for(pilot, lambda: shown() == afresh())


async def test_a_row_the_campaign_would_refuse_keeps_its_form_open_with_the_reason(tmp_path):
    from textual.widgets import Select

    from socialroi_tui.tui.dialogs.rows import RowsDialog

    app = make_app(with_two_sources(tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#dashboard-table")
        site = next(i for i, row in enumerate(table.rows) if row.level == "site")
        table.cursor_row = site
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, RowsDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultEditor))
        editor = app.screen
        editor.query_one("#result-origin", Select).value = "platform"
        editor.query_one("#result-clicks").value = "9999"
        await pilot.click("#result-ok")
        await wait_for(pilot, lambda: "hors réseaux" in text_of(app, "#result-error"))
        assert app.screen is editor  # what was typed is still there
        assert editor.query_one("#result-clicks").value == "9999"
        assert not app.document.dirty


async def test_the_browser_takes_a_typed_path_and_goes_up_with_backspace(tmp_path):
    from socialroi_tui.tui.dialogs.open_file import FileTree, ImportFileDialog

    (tmp_path / "exports").mkdir()
    shutil.copy(EXPORTS / "meta_fr.csv", tmp_path / "exports" / "meta.csv")
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        tree = app.screen.query_one(FileTree)
        tree.focus()
        await pilot.press("backspace")  # up to the parent folder
        await wait_for(pilot, lambda: Path(tree.path) == tmp_path.parent)
        await pilot.press(*str(tmp_path / "exports"))  # typed while the tree has the focus
        field = app.screen.query_one("#open-path")
        assert field.value == str(tmp_path / "exports")
        await pilot.press("enter")  # a folder: browsed, not imported
        await wait_for(pilot, lambda: Path(tree.path) == tmp_path / "exports")
        assert isinstance(app.screen, ImportFileDialog)
