"""Every edit means what the user typed: undo, save, the funnel's keys and the file's life,
as a user meets them in the app."""

from __future__ import annotations

from decimal import Decimal as D

from tests.french import fr
from textual import events

from socialroi_tui.recovery import find_recovery
from socialroi_tui.store import load_campaign
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.widgets.number_field import NumberField

from .helpers import copy_sample, funnel_ready, loaded, make_app, wait_for


async def type_keys(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def clear_and_type(pilot, selector: str, text: str) -> NumberField:
    field = pilot.app.screen.query_one(selector, NumberField)
    pilot.app.screen.set_focus(field)
    await pilot.press("end", "ctrl+u")
    await type_keys(pilot, text)
    await pilot.pause()
    return field


def objectives(app) -> list[str]:
    return [o.id for o in app.document.campaign.objectives]


async def test_undo_takes_back_the_unreadable_typing_and_nothing_before_it(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")  # select "Brand awareness"
        assert "awareness" in objectives(app)
        await pilot.press("3")
        await funnel_ready(pilot)
        count = app.screen.query_one("#stage-0 .stage-count", NumberField)
        app.screen.set_focus(count)
        await pilot.press("end", "x")
        await wait_for(pilot, lambda: count.problem is not None)
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: count.value == "1,000")
        assert count.problem is None
        assert "awareness" in objectives(app)  # the earlier edit stays
        await pilot.press("ctrl+z")
        assert "awareness" not in objectives(app)


async def test_undo_takes_back_a_whole_typing_that_ended_unreadable(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.edit(lambda c: c.model_copy(update={"kpis": []}))  # an earlier, unrelated edit
        field = await clear_and_type(pilot, "#field-ctr", "3%x")
        # While it does not read, the campaign holds the value from before the typing.
        assert field.problem is not None and app.document.campaign.budget.ctr == D("0.02")
        assert app.document.dirty  # the KPIs' edit
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: field.value == "2%")
        assert app.document.campaign.budget.ctr == D("0.02") and field.problem is None
        assert app.document.campaign.kpis == []


async def test_saving_with_an_unreadable_field_keeps_the_value_from_before(tmp_path):
    """Clear the CTR, type 1,5: the key 1 read as 100 %. Save keeps 2 %, never 100 %."""
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await clear_and_type(pilot, "#field-ctr", "1,5")
        # The figures shown are those of 2 %, the value a save would keep, not of the 1
        # the keys passed through (100 %: €100.00).
        assert app.document.campaign.budget.ctr == D("0.02")
        assert "€5,000.00" in str(app.screen.query_one("#budget-figures").plain)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        message = str(app.screen.query_one(".dialog-message").render())
        assert "CTR" in message and "1,5" in message
        keep = app.screen.query_one("#answer-keep")
        assert str(keep.label) == "Keep 2%"
        await pilot.click("#answer-keep")
        await wait_for(pilot, lambda: not app.document.dirty)
        assert app.screen.query_one("#field-ctr", NumberField).value == "2%"
    assert load_campaign(path).campaign.budget.ctr == D("0.02")


async def test_saving_with_an_unreadable_field_can_go_back_to_it(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    before = path.read_bytes()
    app = make_app(path, lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = await clear_and_type(pilot, "#field-conversion_rate", "1,234")
        assert field.problem is not None
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert str(app.screen.query_one("#answer-keep").label) == fr("Garder 2 %")
        await pilot.click("#answer-back")
        await wait_for(pilot, lambda: app.screen.focused is field)
        assert field.value == "1,234"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "%")
        assert app.document.campaign.budget.conversion_rate == D("0.01")
    assert path.read_bytes() == before  # nothing was saved


async def test_quitting_with_an_unreadable_field_asks_about_it_before_saving(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await clear_and_type(pilot, "#field-ctr", "1,5")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#answer-save")
        await wait_for(pilot, lambda: app.screen.query("#answer-keep"))
        await pilot.click("#answer-keep")
        await wait_for(pilot, lambda: app.return_code is not None or not app.is_running)
    assert load_campaign(path).campaign.budget.ctr == D("0.02")


async def test_reload_after_a_conflict_does_not_offer_the_discarded_work_back(
    tmp_path, monkeypatch
):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: find_recovery(path) is not None)  # the copy is kept
        path.write_text(path.read_text("utf-8").replace("automne", "hiver"), "utf-8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.query("#answer-reload"))
        await pilot.click("#answer-reload")
        await wait_for(pilot, lambda: app.document.campaign.meta.name.endswith("hiver"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)  # no "Unsaved work found"
        assert find_recovery(path) is None
        assert "awareness" not in objectives(app) and not app.document.dirty


async def test_arrows_sent_together_each_move_a_row(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        app.screen.set_focus(app.screen.query_one("#stage-0 .stage-count"))
        for _ in range(3):  # in one read from the terminal, as a held key sends them
            app.post_message(events.Key("down", None))
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#stage-3 .stage-count")
        for _ in range(2):
            app.post_message(events.Key("up", None))
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#stage-1 .stage-count")


async def test_after_removing_a_stage_the_focus_stays_in_the_same_place(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        app.screen.set_focus(app.screen.query_one("#stage-1 .stage-count"))
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen.query("#answer-remove"))
        await pilot.click("#answer-remove")
        await wait_for(pilot, lambda: len(app.document.campaign.funnel.stages) == 3)
        await wait_for(pilot, lambda: app.screen.focused is not None)
        count = app.screen.query_one("#stage-1 .stage-count", NumberField)
        assert app.screen.focused is count  # "Clics", which took the removed row's place
        await pilot.press("end", "backspace", "backspace", "4", "0")
        labels = [s.label for s in app.document.campaign.funnel.stages]
        assert labels == ["Vues", "Clics", "Achats"]  # no digit in a name
        assert app.document.results.funnel.stages[1].count == 40


async def test_a_count_typed_below_a_stage_without_count_is_stored_or_refused(tmp_path):
    app = make_app(tmp_path / "new.toml", lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        field = await clear_and_type(pilot, "#stage-2 .stage-count", "30")
        assert field.problem == "Clicks — Count: 'Impressions' has no count: type it first"
        assert "has no count" in str(app.screen.query_one("#funnel-note").render())
        await clear_and_type(pilot, "#stage-0 .stage-count", "1000")
        await clear_and_type(pilot, "#stage-2 .stage-count", "30")
        assert field.problem is None
        assert app.document.results.funnel.stages[2].count == 30  # kept from the top
        assert app.document.campaign.funnel.stages[2].basis == "top"


async def test_a_refused_count_is_named_when_saving(tmp_path):
    path = tmp_path / "new.toml"
    app = make_app(path, lang="fr", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        await clear_and_type(pilot, "#stage-2 .stage-count", "30")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        message = str(app.screen.query_one(".dialog-message").render())
        assert "Clics — Nombre\u00a0: «\u00a0Impressions\u00a0» n'a pas de nombre" in message


async def test_a_plausible_slip_gets_a_warning_next_to_the_field(tmp_path):
    """0,5 in a conversion rate reads as 50 %: the seed meant 0,5 %. Warned, not refused."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = await clear_and_type(pilot, "#field-conversion_rate", "0,5")
        assert app.document.campaign.budget.conversion_rate == D("0.5")  # not blocked
        assert field.doubtful and field.problem is None
        warning = " ".join(str(app.screen.query_one("#budget-error").render()).split())
        assert "vouliez-vous dire 0,5 %" in warning
        await clear_and_type(pilot, "#field-conversion_rate", "0,5 %")
        assert not field.doubtful
        assert str(app.screen.query_one("#budget-error").render()).strip() == ""


async def test_keys_sent_together_after_a_tab_go_to_the_next_field(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: app.screen.focused is not None)  # the mode
        keys = ["tab", "tab", "end", "ctrl+u", "0", "comma", "5"]
        for key in keys:  # in one read from the terminal, as a paste or a fast typist
            character = {"comma": ","}.get(key, key if len(key) == 1 else None)
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: app.document.campaign.budget.conversion_rate == D("0.5"))
        assert app.screen.query_one("#field-conversion_rate", NumberField).value == "0,5"
        assert app.document.campaign.budget.target_conversions == 1000


async def test_keys_sent_together_before_a_tab_edit_the_field_they_were_typed_in(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        conversion = app.screen.query_one("#field-conversion_rate", NumberField)
        ctr = app.screen.query_one("#field-ctr", NumberField)
        app.screen.set_focus(conversion)
        await pilot.pause()
        for key, character in [("end", None), ("ctrl+u", None), ("3", "3"), ("tab", None)]:
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: app.screen.focused is ctr and conversion.value == "3")
        assert ctr.value == fr("2 %")  # Ctrl+U emptied the field it was typed in, not this one
