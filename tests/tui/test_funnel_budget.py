"""The funnel editor and the budget calculator, recalculated as one types."""

from __future__ import annotations

import gc
import re
from decimal import Decimal as D

from tests.french import fr
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input

from socialroi_tui.cli import main as cli_main
from socialroi_tui.text.safe import cell_width
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.network import NetworkDialog
from socialroi_tui.tui.typing_gc import TypingCollector
from socialroi_tui.tui.widgets.bars import Bars
from socialroi_tui.tui.widgets.number_field import NumberField

from .helpers import copy_sample, funnel_ready, loaded, make_app, stage_labels, text_of, wait_for


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus a field, clear it and type ``text`` key by key, as a person would."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.press("end", "ctrl+u")
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.pause()


def figures(app) -> str:
    return text_of(app, "#budget-figures")


def first_channel(app) -> str:
    return text_of(app, "#channel-figures").splitlines()[0]


async def test_seed_000_budget_reads_the_seed(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        shown = figures(app)
        for expected in ("50 000", "2 500 000", "5 000,00 €", "5,00 €", "880 %", "19,60 €"):
            assert fr(expected) in shown
        assert "✓ CPA sous le seuil de rentabilité" in shown


async def test_text_that_does_not_read_marks_the_work_unsaved(tmp_path):
    """A field whose text is not a number keeps the last figures, and its typing is work
    a save asks about: the top bar shows it unsaved (Ctrl+Q already warned)."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "●" not in text_of(app, "#topbar")
        await type_into(pilot, "#field-ctr", "2 x")
        assert app.document.campaign.budget.ctr == D("0.02")
        await wait_for(pilot, lambda: "●" in text_of(app, "#topbar"))
        await type_into(pilot, "#field-ctr", "2 %x")
        await pilot.press("backspace")  # "2 %": the value it held, readable again
        await wait_for(pilot, lambda: app.screen.query_one("#field-ctr").value == "2 %")
        await wait_for(pilot, lambda: "●" not in text_of(app, "#topbar"))
        assert not app.document.dirty and not app.document.unreadable


async def test_typing_a_french_ctr_updates_every_figure(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "2,5 %")
        assert app.document.campaign.budget.ctr == D("0.025")
        shown = figures(app)
        assert "2 000 000" in shown and fr("4 000,00 €") in shown and fr("4,00 €") in shown
        assert "●" in text_of(app, "#topbar")


async def test_each_keystroke_recalculates(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.screen.query_one("#field-ctr").focus()
        await pilot.press("end", "ctrl+u", "1")
        await pilot.pause()
        assert app.document.campaign.budget.ctr == 1  # a rate without % is a fraction
        await pilot.press("%")
        await pilot.pause()
        assert "€10,000.00" in figures(app)  # CTR 1 %: twice the impressions
        await pilot.press("backspace", ".", "5", "%")
        await pilot.pause()
        assert "€6,666.67" in figures(app)  # CTR 1.5 %


async def test_an_invalid_value_keeps_the_last_figures_marked_stale(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "2,5 %")
        before = figures(app)
        await pilot.press("escape")  # left the field: the next typing is a new edit
        await type_into(pilot, "#field-ctr", "2,5 %%")
        assert figures(app).startswith(before.rstrip())  # nothing erased
        assert app.screen.stale and "⚠ Valeurs précédentes" in figures(app)
        shown = text_of(app, "#budget-error")
        assert "CTR\u00a0: «\u00a02,5 %%\u00a0» n'est pas un nombre" in shown  # as typed, quoted
        assert app.screen.query_one("#field-ctr", NumberField).problem
        assert app.document.campaign.budget.ctr == D("0.025")
        await pilot.press("backspace")
        await pilot.pause()
        assert not app.screen.stale and text_of(app, "#budget-error") == ""
        assert "Valeurs précédentes" not in figures(app)
        assert app.screen.query_one("#field-ctr", NumberField).problem is None


async def test_forward_mode_and_cost_per_click(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("space")  # the mode has the focus first
        await pilot.pause()
        assert app.document.campaign.budget.mode == "forward"
        assert "Budget" in text_of(app, "#budget-labels")
        assert app.screen.query_one("#field-budget").display
        assert not app.screen.query_one("#field-target_conversions").display
        await type_into(pilot, "#field-budget", "€10,000")
        assert "5,000,000" in figures(app) and "2,000" in figures(app)  # impressions, sales
        await pilot.click("#budget-pricing")
        await pilot.pause()
        assert app.document.campaign.budget.pricing == "cpc"
        assert "CPC" in text_of(app, "#budget-labels")
        await type_into(pilot, "#field-price", "0.50")
        shown = figures(app)
        assert "20,000" in shown  # clicks = 10 000 / 0.50
        assert "€25.00" in shown  # CPA = 10 000 / 400


async def test_switching_the_mode_or_the_buying_carries_the_figures_across(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")  # target → budget: the 5 000 € the target needed
        await wait_for(pilot, lambda: app.document.campaign.budget.mode == "forward")
        assert app.document.campaign.budget.budget == D(5000)
        assert app.screen.query_one("#field-budget", NumberField).value == fr("5 000,00")
        assert fr("1 000") in figures(app)  # the sales it brings
        await pilot.click("#budget-pricing")  # CPM 2 € at a 2 % CTR: CPC 0,10 €
        await wait_for(pilot, lambda: app.document.campaign.budget.pricing == "cpc")
        assert app.document.campaign.budget.price == D("0.1")
        assert fr("2 500 000") in figures(app) and fr("1 000") in figures(app)
        await pilot.press("ctrl+z")  # one undo takes back the switch and the price
        await wait_for(pilot, lambda: app.document.campaign.budget.pricing == "cpm")
        assert app.document.campaign.budget.price == D(2)
        app.screen.query_one("#budget-mode").focus()
        await pilot.press("space")  # budget → target: the whole sales the budget brings
        await wait_for(pilot, lambda: app.document.campaign.budget.mode == "reverse")
        assert app.document.campaign.budget.target_conversions == D(1000)


async def test_the_plan_finds_the_price_that_keeps_a_target_cpa(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.screen.query_one("#budget-solve").focus()
        await pilot.press("space")  # solve for the price
        await wait_for(pilot, lambda: app.document.campaign.budget.solve_for == "price")
        price = app.screen.query_one("#field-price", NumberField)
        assert price.disabled and price.value == ""
        assert "nothing to reach" in text_of(app, "#budget-error")
        await type_into(pilot, "#field-target_cpa", "4")
        await wait_for(pilot, lambda: price.value == "1.60")  # 4 € a sale at 2 % of 2 %
        assert "€4.00" in figures(app) and "€4,000.00" in figures(app)
        await type_into(pilot, "#field-budget", "3000")  # 1 000 sales within 3 000 €
        await wait_for(pilot, lambda: price.value == "1.20")
        app.screen.query_one("#budget-solve").focus()
        await pilot.press("left")  # back to "nothing": the price found stays
        await wait_for(pilot, lambda: app.document.campaign.budget.solve_for is None)
        assert app.document.campaign.budget.price == D("1.20") and not price.disabled


async def test_the_tornado_follows_the_typing_and_each_figure_in_turn(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t", "ctrl+t")  # the split as bars, then the tornado
        await wait_for(pilot, lambda: "Budget: each assumption" in str(box(app).border_title))
        assert "CPM" in text_of(app, "#tornado") and "€4,500.00" in text_of(app, "#tornado")
        assert "and 3 more below" in str(box(app).border_subtitle)
        await type_into(pilot, "#field-price", "4")  # CPM 4 €: 3,60 € to 4,40 €
        await wait_for(pilot, lambda: "€9,000.00" in text_of(app, "#tornado"))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: str(box(app).border_title).startswith("CPA"))
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")  # ROI, the ranges, then the split again
        await wait_for(pilot, lambda: "400 sales" in text_of(app, "#channel-figures"))
        assert box(app).border_title == "Split by network"
        assert box(app).border_subtitle == "cents: largest remainders · * own figures: ^o"


def box(app):
    return app.screen.query_one("#budget-channels")


async def test_the_split_as_bars_each_networks_budget_and_cpa_against_the_plans(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    own = 'label = "LinkedIn"\nshare = 0.40\nctr = 0.008\nprice = 6'  # dearer sales
    path.write_text(path.read_text("utf-8").replace('label = "LinkedIn"\nshare = 0.40', own))
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: box(app).border_title == "Split by network, as bars")
        await wait_for(pilot, lambda: "€37.50" in text_of(app, "#bars-cpa"))
        budgets, cpas = text_of(app, "#bars-budget"), text_of(app, "#bars-cpa")
        assert budgets.splitlines()[0] == "Budget by network"
        assert [line.split()[0] for line in budgets.splitlines()[1:]] == [
            "LinkedIn",
            "Facebook",
            "Instagram",
        ]
        assert "€2,000.00" in budgets and "█" in budgets and "│" not in budgets
        assert cpas.splitlines()[0] == "CPA by network · │ plan €7.65"
        linkedin, facebook, _instagram = cpas.splitlines()[1:]
        assert "€37.50" in linkedin and "│▒" in linkedin  # over the plan: another shade
        assert "€5.00" in facebook and "▒" not in facebook and "│" in facebook
        assert str(box(app).border_subtitle) == "▒ above the plan's CPA · ^t next view"
        for chart in app.screen.query(Bars):
            assert all(cell_width(line) <= chart.size.width for line in chart.plain.split("\n"))
        await type_into(pilot, "#field-price", "4")  # CPM 4 €: Facebook's sales cost 10 €
        await wait_for(pilot, lambda: "€10.00" in text_of(app, "#bars-cpa"))
        assert "€4,000.00" in text_of(app, "#bars-budget")  # 1 000 sales cost twice as much
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: "Budget: each assumption" in str(box(app).border_title))
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t", "ctrl+t")  # CPA, ROI, ranges, split
        await wait_for(pilot, lambda: "sales" in text_of(app, "#channel-figures"))
        assert box(app).border_title == "Split by network"
        await pilot.press("ctrl+t")  # the bars again, built anew
        await wait_for(pilot, lambda: "€10.00" in text_of(app, "#bars-cpa"))


async def test_the_bars_of_a_plan_without_a_budget_show_dashes(tmp_path):
    app = make_app(copy_sample("ebook-per-network", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: "X (Twitter)" in text_of(app, "#bars-cpa"))
        assert box(app).border_title == "Répartition par réseau, en barres"
        for selector in ("#bars-budget", "#bars-cpa"):
            rows = text_of(app, selector).splitlines()[1:]
            assert len(rows) == 4 and all("—" in row for row in rows)
            assert not any(cell in row for row in rows for cell in "█▏▒│")


async def test_above_break_even_gives_a_plain_verdict(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-average_order_value", "10")
        assert "✗ CPA above break-even" in figures(app)


async def test_channel_shares_split_the_budget(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert fr("2 000,00 €") in first_channel(app)
        share = app.screen.query("NumberField.channel-share").first()
        share.focus()
        await pilot.press("end", "ctrl+u", "3", "0", "space", "%")
        await pilot.pause()
        assert app.document.campaign.channels[0].share == D("0.3")
        assert fr("1 500,00 €") in first_channel(app)
        subtitle = str(app.screen.query_one("#budget-channels").border_subtitle)
        assert fr("Non réparti 10 %") in subtitle


async def test_ctrl_z_undoes_the_typing_and_the_marker_follows(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "1.5%")
        assert app.document.dirty
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.document.campaign.budget.ctr == D("0.02")
        assert app.screen.query_one("#field-ctr").value == "2%"
        assert "€5,000.00" in figures(app)
        assert not app.document.dirty and "●" not in text_of(app, "#topbar")


async def test_after_an_undo_typing_goes_on_after_the_value_it_brought_back(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-target_conversions", "20")
        await pilot.press("ctrl+z")
        field = app.screen.query_one("#field-target_conversions")
        await wait_for(pilot, lambda: field.value == "1,000")
        await pilot.press("9")
        assert field.value == "1,0009"  # not 1,900 (the cursor left where "20" ended)


async def test_a_ctr_changed_in_the_budget_shows_in_the_funnel(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "2.5%")
        app.screen.set_focus(None)
        await pilot.press("3")
        await wait_for(pilot, lambda: "2,000,000" in text_of(app, "#plan-rows"))
        plan = text_of(app, "#plan-rows")
        assert "2,000,000" in plan and "2.5%" in plan


async def test_seed_000_funnel_reads_the_seed(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        rows = [[field.value for field in app.screen.query(f"#stage-{i} Input")] for i in range(4)]
        assert rows == [
            ["Vues", "1,000", "", "100%"],
            ["Partages", "100", "10%", "10%"],
            ["Clics", "30", "30%", "3%"],
            ["Achats", "5", "16.7%", "0.5%"],
        ]
        assert "rate given from the top" in text_of(app, "#funnel-note")


async def test_editing_a_count_or_a_rate_recomputes_the_others(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await type_into(pilot, "#stage-2 .stage-count", "40")
        counts = [s.count for s in app.document.results.funnel.stages]
        assert counts == [1000, 100, 40, 5]
        assert app.screen.query_one("#stage-2 .stage-step").value == fr("40 %")
        assert app.screen.query_one("#stage-3 .stage-step").value == fr("12,5 %")
        await type_into(pilot, "#stage-1 .stage-step", "20 %")
        counts = [s.count for s in app.document.results.funnel.stages]
        assert counts == [1000, 200, 40, 5]  # the later stages keep their own rates
        await type_into(pilot, "#stage-0 .stage-count", "2 000")
        counts = [s.count for s in app.document.results.funnel.stages]
        assert counts == [2000, 400, 80, 10]


async def test_a_count_is_whole_and_no_percentage(tmp_path):
    """A stage's count is a number of people: a percentage or a fraction typed there is
    said and leaves the funnel as it was (2,5 % made 0,025 views); "1.000" is a
    thousand."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        for typed, why in (("2,5 %", "n'est pas un taux"), ("12,5", "doit être un nombre entier")):
            await type_into(pilot, "#stage-0 .stage-count", typed)
            note = text_of(app, "#funnel-note")
            assert f"«\u00a0{typed}\u00a0» {why}" in note
            assert app.document.campaign.funnel.top_count == 1000
        await type_into(pilot, "#stage-0 .stage-count", "2.000")
        assert app.document.campaign.funnel.top_count == 2000


async def test_add_rename_move_and_remove_stages(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        app.screen.query_one("#stage-2 .stage-label").focus()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: len(app.screen._rows) == 5 and app.screen.focused is not None)
        assert stage_labels(app) == ["Vues", "Partages", "Clics", "New stage", "Achats"]
        assert app.screen.focused is app.screen.query_one("#stage-3 .stage-label")
        await type_into(pilot, "#stage-3 .stage-label", "Visits")
        await type_into(pilot, "#stage-3 .stage-step", "50%")
        await pilot.press("shift+up")
        step = "#stage-2 .stage-step"
        await wait_for(
            pilot, lambda: app.screen.query(step) and app.screen.focused.has_class("stage-step")
        )
        assert stage_labels(app) == ["Vues", "Partages", "Visits", "Clics", "Achats"]
        assert app.screen.focused is app.screen.query_one(step)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#answer-remove")
        await wait_for(pilot, lambda: len(stage_labels(app)) == 4)
        assert stage_labels(app) == ["Vues", "Partages", "Clics", "Achats"]


async def test_landing_stage_and_bounce_rate(tmp_path):
    app = make_app(copy_sample("awareness-cycle", tmp_path), lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        assert "restent 180" in text_of(app, "#bounce-stay")  # 400 clicks, 55 % bounce
        await type_into(pilot, "#bounce-rate", "40 %")
        assert "restent 240" in text_of(app, "#bounce-stay")
        app.screen.query_one("#stage-3 .stage-label").focus()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.document.campaign.funnel.landing_stage == "leads"
        assert "restent 48" in text_of(app, "#bounce-stay")


async def test_plan_funnel_per_channel(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        assert "2,500,000" in text_of(app, "#plan-rows")
        app.screen.query_one("#plan-channel").value = "linkedin"
        await pilot.pause()
        plan = text_of(app, "#plan-rows")
        assert "1,000,000" in plan and "20,000" in plan and "400" in plan


async def test_figures_on_screen_equal_socialroi_calc(tmp_path, capsys):
    path = copy_sample("seed-000", tmp_path)
    for lang in ("fr", "en"):
        cli_main(["calc", str(path), "--lang", lang])
        calc = capsys.readouterr().out
        app = make_app(path, lang=lang, screen="budget")
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            budget_lines = figures(app).splitlines()[:10]  # then the verdict
            shown_values = [
                re.split(r"\s{2,}", line)[-1] for line in budget_lines if line[0] != "─"
            ]
            await pilot.press("3")
            await wait_for(pilot, lambda: getattr(pilot.app.screen, "_rows_ready", False))
            funnel_values = [
                field.value for field in app.screen.query(".stage-count, .stage-step, .stage-top")
            ]
        assert len(shown_values) == 9 and len(funnel_values) == 12
        for value in shown_values + [v for v in funnel_values if v]:
            assert value in calc, (lang, value)


async def test_a_long_entry_scrolls_in_its_field_and_comes_back(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        await type_into(pilot, "#field-ctr", "1" * 30)
        assert field.scroll_offset.x > 0 and field.render_line(0).text.startswith("111")
        await type_into(pilot, "#field-ctr", "3%")
        assert field.scroll_offset.x == 0 and field.render_line(0).text.startswith("3%")
        assert "€3,333.33" in figures(app)


async def test_the_mode_switches_back_and_forth_from_the_keyboard(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for key, mode in (("right", "forward"), ("left", "reverse"), ("enter", "forward")):
            await pilot.press(key)
            await pilot.pause()
            assert app.document.campaign.budget.mode == mode
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.query_one("#budget-mode").value == app.document.campaign.budget.mode


async def test_figure_lines_keep_their_emphasis_and_colours(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        lines = app.screen.query_one("#budget-figures")
        budget = lines.render_line(2)
        verdict = next(line for line in map(lines.render_line, range(20)) if "✓" in line.text)
        assert budget.text.startswith("Budget") and any(s.style.bold for s in budget)
        assert verdict.text.startswith("✓") and any(s.style.color for s in verdict)
        await type_into(pilot, "#field-ctr", "2x")
        notice = next(line for line in map(lines.render_line, range(20)) if "⚠" in line.text)
        assert "Previous values" in notice.text and any(s.style.reverse for s in notice)


async def test_an_unreadable_field_keeps_its_text_and_error_when_another_field_changes(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "2x")
        await pilot.click("#budget-pricing")  # another edit redraws every field
        await pilot.pause()
        assert app.document.campaign.budget.pricing == "cpc"
        assert app.screen.query_one("#field-ctr", NumberField).value == "2x"
        assert "CTR: '2x' is not a number" in text_of(app, "#budget-error")
        assert "Previous values" in figures(app)


async def test_the_funnel_note_follows_the_fields_that_cannot_be_read(tmp_path):
    app = make_app(copy_sample("awareness-cycle", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await type_into(pilot, "#bounce-rate", "40 %")
        await type_into(pilot, "#bounce-rate", "40 %%")
        assert "is not a number" in text_of(app, "#funnel-note")
        await pilot.press("escape", "ctrl+z")  # undo rewrites the field: no error left
        await pilot.pause()
        assert app.screen.query_one("#bounce-rate", NumberField).problem is None
        assert "is not a number" not in text_of(app, "#funnel-note")
        await type_into(pilot, "#stage-3 .stage-count", "12x")
        assert "is not a number" in text_of(app, "#funnel-note")
        await pilot.press("ctrl+r")  # the stage goes, and its error with it
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#answer-remove")
        await wait_for(pilot, lambda: "is not a number" not in text_of(app, "#funnel-note"))


async def test_a_field_without_the_focus_is_drawn_as_input_draws_it(tmp_path, monkeypatch):
    """NumberField draws its text alone when it has no focus, faster than Input: the
    same cells and styles, scrolled or not, unreadable or not."""

    def cells(strip):
        return [(char, segment.style) for segment in strip for char in segment.text]

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        app.screen.query_one("#field-price").focus()
        for text in ("2 %", "5 000,00 €", "é", "２５ %", "1" * 30 + "x", "2,5 % x"):
            field.value = text  # read as if typed (the figures follow)
            await pilot.pause()
            field.scroll_to(x=len(text) // 2, animate=False, immediate=True)
            ours = field.render_line(0)
            with monkeypatch.context() as patch:
                patch.setattr(field, "_unfocused_line", lambda: Input.render_line(field, 0))
                theirs = field.render_line(0)
            assert cells(ours) == cells(theirs), text
            assert ours.cell_length == theirs.cell_length
        assert field.problem is not None  # the last text cannot be read: error style


async def test_an_emptied_field_is_drawn_over_its_whole_width(tmp_path):
    """Input draws a focused, empty field as one cell: the plain drawing fills the rest,
    as the style cache does, or the terminal kept the old text (Ctrl+U showed "2 %")."""
    from textual.geometry import Region

    from socialroi_tui.tui.widgets.plain import plain_lines

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        app.screen.set_focus(field)
        await pilot.press("end", "ctrl+u")
        assert field.value == ""
        width = field.region.width
        [line] = plain_lines(field, Region(0, 0, width, 1), field.background_colors[1])
        assert line.cell_length == width
        assert line.text.strip() == ""


async def test_a_field_keeps_its_drawing_styles_only_until_its_css_changes(tmp_path):
    """NumberField keeps the styles Input asks for at every drawing; focus and a new
    theme give it new ones, equal to what Textual would work out afresh."""

    def afresh(field):
        field._rich_style_cache.clear()
        return (
            DOMNode.rich_style.fget(field),
            Widget.get_component_rich_style(field, "input--cursor"),
        )

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        kept = lambda: (field.rich_style, field.get_component_rich_style("input--cursor"))  # noqa: E731
        before = kept()
        assert before == afresh(field)
        field.focus()
        await pilot.pause()
        assert kept() == afresh(field) and kept()[0] != before[0]
        app.theme = "textual-light"
        await pilot.pause()
        assert kept() == afresh(field) and kept()[1] != before[1]


async def test_the_garbage_collector_waits_for_a_pause_in_the_typing(tmp_path, monkeypatch):
    # A pause long enough that a busy machine (tests run in parallel) never makes one
    # out of the time a key takes; the resumption is then awaited, not timed.
    monkeypatch.setattr(TypingCollector, "QUIET", 1.0)
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    assert gc.isenabled()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.screen.query_one("#field-ctr").focus()
        for key in ("end", "5", "backspace"):
            await pilot.press(key)
            assert not gc.isenabled()
        await wait_for(pilot, gc.isenabled)
        await pilot.press("5")
        assert not gc.isenabled()
    assert gc.isenabled()  # never left off once the app is gone


async def test_a_long_verdict_is_wrapped_not_cut(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-ctr", "0,1 %")  # CPA far above break-even
        shown = " ".join(figures(app).split())
        assert "✗ CPA au-dessus du seuil de rentabilité : chaque vente perd de l'argent" in shown


async def test_a_long_error_under_the_form_is_shown_whole(tmp_path):
    """At 80×24 a four-line error (a long entry echoed back) fits under the form."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await type_into(pilot, "#field-conversion_rate", "1,5555555555")
        error = app.screen.query_one("#budget-error")
        assert "(exemple : 2,5 % ou 0,025)" in " ".join(text_of(app, "#budget-error").split())
        needed = error.get_content_height(error.size, error.size, error.size.width)
        assert needed >= 4
        assert error.size.height >= needed


async def test_the_budget_figures_follow_the_terminal_width(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        narrow = len(figures(app).splitlines()[0])
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: len(figures(app).splitlines()[0]) > narrow)


async def test_networks_are_added_renamed_and_removed_in_the_app(tmp_path):
    from socialroi_tui.tui.dialogs.prompt import TextPrompt

    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, NetworkDialog))
        await pilot.press("down", "down", "down", "down", "enter")  # YouTube
        await wait_for(pilot, lambda: len(app.document.campaign.channels) == 4)
        added = app.document.campaign.channels[-1]
        assert (added.id, added.network, added.label) == ("youtube", "youtube", "YouTube")
        await wait_for(pilot, lambda: app.focused is app.screen._channel_shares[-1])
        await pilot.press("0", "%")  # the others already share the whole budget
        await wait_for(pilot, lambda: app.document.campaign.channels[-1].share == D(0))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("ctrl+u", *"YT Shorts".replace(" ", "_"), "enter")
        await wait_for(pilot, lambda: app.document.campaign.channels[-1].label == "YT_Shorts")
        await wait_for(pilot, lambda: "YT_Shorts" in text_of(app, ".channel-names"))
        app.screen._channel_shares[-1].focus()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("left", "enter")  # "Remove" (the focus starts on "Cancel")
        await wait_for(pilot, lambda: len(app.document.campaign.channels) == 3)
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(app.document.campaign.channels) == 4)


async def test_a_campaign_without_networks_gets_its_first_on_the_budget_screen(tmp_path):
    """A new campaign has no network: the budget screen says how to add one (it ended in
    a traceback), ctrl+n adds it, and removing it brings the hint back."""
    app = make_app(tmp_path / "nouvelle.toml", lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        hint = "Aucun réseau pour l'instant\u00a0: ctrl+n en ajoute un."
        await wait_for(pilot, lambda: hint in text_of(app, "#budget-channels .hint"))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, NetworkDialog))
        await pilot.press("enter")  # Facebook
        await wait_for(pilot, lambda: len(app.document.campaign.channels) == 1)
        await wait_for(pilot, lambda: "Facebook" in text_of(app, ".channel-names"))
        app.screen._channel_shares[0].focus()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("left", "enter")
        await wait_for(pilot, lambda: not app.document.campaign.channels)
        await wait_for(pilot, lambda: app.screen.query("#budget-channels .hint"))
        assert hint in text_of(app, "#budget-channels .hint")


async def test_a_second_network_of_a_kind_is_numbered_and_its_share_awaited(tmp_path):
    """A second Facebook is "Facebook 2" (two alike could not be told apart), and while
    its share is empty the split's frame says the sum waits for it."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, NetworkDialog))
        await pilot.press("enter")  # Facebook, already in the plan
        await wait_for(pilot, lambda: len(app.document.campaign.channels) == 4)
        added = app.document.campaign.channels[-1]
        assert (added.id, added.label, added.share) == ("facebook-2", "Facebook 2", None)
        box = app.screen.query_one("#budget-channels")
        await wait_for(pilot, lambda: "part de Facebook 2 à saisir" in str(box.border_subtitle))


async def test_a_network_with_results_is_not_removed(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: bool(app.screen._channel_shares))
        before = app.document.campaign.channels
        app.screen._channel_shares[0].focus()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("left", "enter")
        await wait_for(
            pilot, lambda: any("retirez-les d'abord" in str(n.message) for n in app._notifications)
        )
        assert app.document.campaign.channels == before


async def test_a_network_gets_a_plan_of_its_own(tmp_path):
    from socialroi_tui.tui.dialogs.network import NetworkSettings

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.screen._channel_shares[1].focus()  # Facebook's share
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, NetworkSettings))
        dialog = app.screen
        dialog.query_one("#network-ctr").value = "1,5 "  # not a rate: said, nothing lost
        dialog.query_one("#network-ctr").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "CTR" in str(dialog.query_one("#network-error").render())
        # a target typed beside the share it had: the target wins
        dialog.query_one("#network-target_conversions").value = "500"
        dialog.query_one("#network-ctr").value = "1,5 %"
        dialog.query_one("#network-ctr").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, NetworkSettings))
        facebook = app.document.campaign.channels[1]
        assert (facebook.share, facebook.target_conversions, facebook.ctr) == (
            None,
            D(500),
            D("0.015"),
        )
        lines = app.screen.query_one("#channel-figures").plain.splitlines()
        assert fr("3 333,33 €") in lines[1] and "500 ventes" in lines[1]
        assert fr("6 583,33 €") in lines[3] and "1 150 ventes" in lines[3]
        assert "Facebook*" in str(app.screen.query_one(".channel-names").render())
        # typing a share again makes it share the budget once more
        app.screen._channel_shares[1].focus()
        await pilot.press("end", "ctrl+u", "3", "5", "space", "%")
        await wait_for(pilot, lambda: app.document.campaign.channels[1].share == D("0.35"))
        assert app.document.campaign.channels[1].target_conversions is None


async def test_ranges_given_in_the_dialog_show_each_results_interval(tmp_path):
    from socialroi_tui.tui.dialogs.ranges import RangesDialog

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, RangesDialog))
        dialog = app.screen
        dialog.query_one("#range-ctr-low").value = "2,5 %"
        dialog.query_one("#range-ctr-high").value = "1,5 %"
        dialog.query_one("#range-ctr-high").focus()
        await pilot.press("enter")  # upside down: said, the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        assert "le bas dépasse le haut" in str(dialog.query_one("#ranges-error").render())
        dialog.query_one("#range-ctr-low").value = "1 %"
        dialog.query_one("#range-ctr-high").value = "4 %"
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, RangesDialog))
        ranges = app.document.campaign.budget.ranges
        assert (ranges["ctr"].low, ranges["ctr"].high) == (D("0.01"), D("0.04"))
        await wait_for(pilot, lambda: "CPA" in text_of(app, "#tornado"))
        assert app.screen.query_one("#budget-channels").border_title.startswith("Résultats")
        assert fr("2 500,00 €") in text_of(app, "#tornado")  # 1 250 000 impressions at 2 €
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: app.document.campaign.budget.ranges["ctr"].high < 1)
        assert app.document.campaign.budget.ranges["ctr"].low == D("0.015")


async def test_a_step_rate_typed_as_a_ratio_is_saved_as_typed(tmp_path):
    """Issue 16: "1 sur 6" is exactly 1/6 in the figures, saved as rate = "1/6" (never
    0.1666…), and shown back as "1 sur 6" when the file is opened again."""
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await type_into(pilot, "#stage-3 .stage-step", "7 sur 6")
        assert fr("Achats — Étape : « 7 sur 6 » dépasse 100 % : le premier nombre") in text_of(
            app, "#funnel-note"
        )
        await type_into(pilot, "#stage-3 .stage-step", "1\u00a0sur 6")
        assert app.screen.query_one("#stage-3 .stage-step", NumberField).problem is None
        stage = app.document.campaign.funnel.stages[3]
        assert (stage.basis, stage.rate) == ("previous", D(1) / D(6))
        assert app.document.results.funnel.stages[3].count == 30 * (D(1) / D(6))
        await pilot.press("escape", "ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    saved = path.read_text(encoding="utf-8")
    achats = saved[saved.index('id = "purchases"') :].split("\n\n")[0]
    assert 'rate = "1/6"' in achats and "basis" not in achats
    assert "0.1666" not in saved

    app = make_app(path, lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        assert app.screen.query_one("#stage-3 .stage-step", NumberField).value == "1 sur 6"
        assert app.screen.query_one("#stage-3 .stage-top", NumberField).value == fr("0,5 %")
        assert app.document.campaign.funnel.stages[3].rate == D(1) / D(6)


async def test_a_typed_count_is_saved_as_counts_and_its_ratio_fits_its_field(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await type_into(pilot, "#stage-2 .stage-count", "40")  # Clics, from the top
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#stage-2 .stage-top", NumberField).value == "40/1000"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    assert 'rate = "40/1000"' in path.read_text(encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"40/1000"', '"1 sur 40"'), encoding="utf-8"
    )
    app = make_app(path, lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await wait_for(
            pilot, lambda: app.screen.query_one("#stage-2 .stage-top").value == "1 sur 40"
        )
        assert app.document.results.funnel.stages[2].count == 25
