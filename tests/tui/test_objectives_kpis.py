"""Objective selection and KPI mapping, driven as a person would."""

from __future__ import annotations

from decimal import Decimal as D

from tests.french import fr
from textual.widgets import OptionList

from socialroi_tui.store import load_campaign
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.kpi import KpiEditor, KpiPicker

from .helpers import copy_sample, loaded, make_app, table_rows, text_of, wait_for


def blank(tmp_path, text: str = ""):
    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "Test"\nlanguage = "en"\n' + text, encoding="utf-8")
    return path


async def test_select_several_objectives_and_mark_one_primary(tmp_path):
    app = make_app(blank(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")  # awareness, first: primary
        await pilot.press("down", "down", "space")  # engagement
        await pilot.press("down", "down", "p")  # leads: primary
        await pilot.pause()
        objectives = app.document.campaign.objectives
        assert [(o.id, o.primary) for o in objectives] == [
            ("awareness", False),
            ("engagement", False),
            ("leads", True),
        ]
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(4).prompt)
        assert prompt.startswith("[x] ★ Lead generation")
        await pilot.press("enter")  # unselect leads: awareness becomes primary again
        await pilot.pause()
        assert app.document.campaign.primary_objective() == "awareness"


async def test_the_detail_shows_suggested_kpis_and_content_ideas(tmp_path):
    app = make_app(blank(tmp_path), lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        detail = text_of(app, "#objective-detail")
        assert detail.startswith("Engagement de la communauté")
        assert "KPI suggérés" in detail and "Taux d'interaction" in detail
        assert "Idées de contenu" in detail and "questions ouvertes" in detail.lower()


async def test_sales_alone_gets_the_lead_generation_hint(tmp_path):
    app = make_app(blank(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*["down"] * 5, "space")  # sales only
        await pilot.pause()
        assert "Money is a result" in text_of(app, "#objectives-hint")
        await pilot.press("up", "space")  # and leads
        await pilot.pause()
        assert "Money is a result" not in text_of(app, "#objectives-hint")


async def test_kpi_table_shows_targets_actuals_and_status(tmp_path):
    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="kpis")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert table_rows(app) == [
            [
                "Sales and customers",
                "Cost per acquisition (CPA)",
                "Facebook",
                "€11.00",
                "€10.97",
                "● on track",
            ]
        ]
        detail = text_of(app, "#kpi-detail")
        assert "Definition: The amount invested divided by the number of sales" in detail
        assert "Formula: spend ÷ sales" in detail


async def test_add_a_catalog_kpi_with_a_french_target(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "traffic"\nprimary = true\n')
    app = make_app(path, lang="fr", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, KpiPicker)  # the highlight starts on link clicks
        await pilot.press("down", "enter")  # CTR
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "ctr"
        editor.query_one("#kpi-target").value = "2,5 %"
        editor.query_one("#kpi-target").focus()
        await pilot.press("enter")
        await pilot.pause()
        mapping = app.document.campaign.kpis[0]
        assert (mapping.kpi, mapping.objective, mapping.target) == ("ctr", "traffic", D("0.025"))
        assert table_rows(app)[0][:3] == ["Taux de clic (CTR)", "tous réseaux", fr("2,5 %")]


async def test_a_bad_target_is_refused_with_the_field_named(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "sales"\n')
    app = make_app(path, lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "down", "down", "enter")  # CPA
        await pilot.pause()
        editor = app.screen
        editor.query_one("#kpi-target").value = "cheap"
        await pilot.click("#kpi-ok")
        await pilot.pause()
        assert isinstance(app.screen, KpiEditor)
        assert "Target: 'cheap' is not a number (for example €5,000.50)" in text_of(
            app, "#kpi-error"
        )
        editor.query_one("#kpi-target").value = "€12.50"
        editor.set_focus(editor.query_one("#kpi-target"))
        await pilot.press("enter")  # OK from the field (a button ignores a second click
        # while it still shows the first)
        await wait_for(pilot, lambda: not isinstance(app.screen, KpiEditor))
        assert app.document.campaign.kpis[0].target == D("12.50")


async def test_add_a_custom_kpi(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "leads"\n')
    app = make_app(path, lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a", "end", "enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.is_custom
        editor.query_one("#kpi-name").value = "Phone calls"
        editor.query_one("#kpi-formula").value = "calls logged by the switchboard"
        editor.query_one("#kpi-target").value = "1.2k"
        await pilot.click("#kpi-ok")
        await pilot.pause()
        mapping = app.document.campaign.kpis[0]
        assert mapping.custom.name == "Phone calls" and mapping.target == 1200
        assert table_rows(app)[0][0] == "Phone calls"


async def test_edit_then_delete_after_confirmation(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "enter")  # edit the conversion-rate row
        await pilot.pause()
        editor = app.screen
        editor.query_one("#kpi-target").value = "3%"
        editor.query_one("#kpi-notes").value = "from the landing page"
        await pilot.click("#kpi-ok")
        await pilot.pause()
        assert app.document.campaign.kpis[1].target == D("0.03")
        assert app.document.campaign.kpis[1].notes == "from the landing page"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.document.campaign.kpis) == 3
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#answer-delete")
        await pilot.pause()
        assert [k.kpi for k in app.document.campaign.kpis] == ["cpa", "ctr"]


async def test_adding_a_kpi_needs_an_objective(tmp_path):
    app = make_app(blank(tmp_path), lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, KpiPicker)
        assert [n.message for n in app._notifications] == ["Choose an objective first (key 1)."]


async def test_everything_survives_save_quit_and_reopen(tmp_path):
    path = blank(tmp_path)
    for lang in ("fr", "en"):
        app = make_app(path, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            await pilot.press("down", "down", "down", "down", "space", "p")  # leads primary
            await pilot.press("2", "a", "enter")  # leads, the first KPI of the objective
            await pilot.pause()
            app.screen.query_one("#kpi-target").value = "1 500" if lang == "fr" else "1,500"
            await pilot.click("#kpi-ok")
            await pilot.pause()
            assert app.document.campaign.kpis[0].target == 1500
            await pilot.press("ctrl+s", "ctrl+q")
            await pilot.pause()
            assert not app.is_running
        before = app.document.campaign
        reopened = make_app(path, lang=lang)
        async with reopened.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert reopened.document.campaign == before
        path.write_text('[meta]\nname = "Test"\nlanguage = "en"\n', encoding="utf-8")
    assert load_campaign(path).campaign.objectives == []


async def test_markup_and_escape_sequences_show_literally(tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(
        '[meta]\nname = "[bold]x[/] \\u001b[31mred"\nnotes = "[/]"\n'
        '[[objectives]]\nid = "sales"\nnotes = "[link=http://x]click[/link] [/]"\n'
        '[[kpis]]\nobjective = "sales"\nnotes = "[/] \\u001b]0;title\\u0007"\n'
        '[kpis.custom]\nname = "[red]KPI[/]"\nformula = "[/bold]"\n',
        encoding="utf-8",
    )
    for lang in ("fr", "en"):
        app = make_app(path, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            header = text_of(app, "#topbar")
            assert "[bold]x[/]" in header and "\\x1b[31mred" in header
            await pilot.press(*["down"] * 5)
            await pilot.pause()
            assert "[link=http://x]click[/link] [/]" in text_of(app, "#objective-detail")
            await pilot.press("2")
            await pilot.pause()
            assert table_rows(app)[0][0] == "[red]KPI[/]"
            assert "\\x1b]0;title\\x07" in text_of(app, "#kpi-detail")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, KpiEditor)


async def test_a_target_outside_the_kpis_range_is_refused_an_unusual_one_is_warned(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "traffic"\nprimary = true\n')
    app = make_app(path, lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # CTR
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "ctr"
        target = editor.query_one("#kpi-target")
        target.value = "150 %"
        target.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KpiEditor) and app.document.campaign.kpis == []
        assert text_of(app, "#kpi-error") == (
            "Target: 150% is above 100%, the highest this indicator can be"
        )
        target.value = "50 %"
        await pilot.pause()
        assert text_of(app, "#kpi-error") == ""
        assert text_of(app, "#kpi-warnings") == (
            "⚠ Click-through rate (CTR) 50% is unusually high (usually below 20%): "
            "did you mean 0.5%?"
        )
        assert editor.query_one("#kpi-ok").region in app.screen.region  # still in view
        target.value = "2 %"
        await pilot.pause()
        assert text_of(app, "#kpi-warnings") == ""
        target.value = "0.5"  # a fraction: 50 %, saved all the same once warned
        await pilot.pause()
        assert "did you mean 0.5%?" in text_of(app, "#kpi-warnings")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, KpiEditor)
        assert app.document.campaign.kpis[0].target == D("0.5")


async def test_a_manual_actual_is_held_to_the_range_too_in_french(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "sales"\n')
    app = make_app(path, lang="fr", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # conversion rate
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "conversion_rate"
        editor.query_one("#kpi-target").value = "0,5"
        await pilot.pause()
        assert text_of(app, "#kpi-warnings") == (
            fr("⚠ Taux de conversion 50 % : inhabituellement élevé (d'ordinaire moins de 20 %)")
            + fr(" — vouliez-vous dire 0,5 % ?")
        )
        editor.query_one("#kpi-target").value = "0,5 %"
        editor.query_one("#kpi-actual").value = "120 %"
        await pilot.pause()
        assert fr("120 %") in text_of(app, "#kpi-warnings")  # warned while typed...
        editor.query_one("#kpi-actual").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KpiEditor)  # ...and refused when confirmed
        assert text_of(app, "#kpi-error") == (
            fr("Valeur réelle (relevée) : 120 % dépasse 100 %,")
            + " le plus haut possible pour cet indicateur"
        )


async def test_a_kpi_that_can_be_negative_takes_a_negative_value(tmp_path):
    path = blank(tmp_path, '[[objectives]]\nid = "sales"\n')
    app = make_app(path, lang="en", screen="kpis")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # ROI
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "roi"
        editor.query_one("#kpi-actual").value = "-150 %"
        editor.query_one("#kpi-actual").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#kpi-error") == (
            "Actual value (measured): -150% is below -100%, the lowest this indicator can be"
        )
        editor.query_one("#kpi-actual").value = "-20 %"
        editor.query_one("#kpi-target").value = "300 %"
        await pilot.press("enter")
        await pilot.pause()
        mapping = app.document.campaign.kpis[0]
        assert (mapping.target, mapping.actual) == (D(3), D("-0.2"))
