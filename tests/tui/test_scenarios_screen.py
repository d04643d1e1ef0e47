"""The scenarios screen, as a person uses it: make a variant, edit it on the budget
screen, compare, switch from the palette, rename, delete, undo, save and reopen."""

from __future__ import annotations

from decimal import Decimal as D

from socialroi_tui.store import load_campaign

from .helpers import copy_sample, loaded, make_app, table_rows, text_of, wait_for
from .test_funnel_budget import type_into
from .test_shell import _first_command


def prompting(app) -> bool:
    from socialroi_tui.tui.dialogs.prompt import TextPrompt

    return isinstance(app.screen, TextPrompt)


def asking(app) -> bool:
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog

    return isinstance(app.screen, ChoiceDialog)


def row(app, label: str) -> list[str]:
    return next(cells for cells in table_rows(app) if cells[0] == label)


async def test_a_variant_made_edited_compared_and_kept(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="en", screen="scenarios")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: table_rows(app))
        assert row(app, "CTR") == ["CTR", "2%", "1.5% ▼", "2%"]
        assert row(app, "Budget") == ["Budget", "€5,000.00 ★", "€6,666.67 +33%", "€10,000.00 +100%"]
        # n: a new scenario from the plan shown (the base), named as offered
        await pilot.press("n")
        await wait_for(pilot, lambda: prompting(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document.whole.active_scenario == "Scenario 3")
        assert "◆ Scenario 3" in text_of(app, "#topbar")
        # e: edit it on the budget screen; the base stays as it was
        await pilot.press("e")
        await wait_for(pilot, lambda: app.current_mode == "budget")
        assert "Scenario 3" in app.screen.query_one("#budget-form").border_title
        await type_into(pilot, "#field-price", "3")
        assert app.document.whole.budget.price == D(2)
        assert app.document.campaign.budget.price == D(3)
        await pilot.press("escape", "6")
        await wait_for(pilot, lambda: app.current_mode == "scenarios")
        assert row(app, "Price")[-1] == "€3.00 ▲"
        assert row(app, "CPA")[-1] == "€7.50 +50%"
        # the palette switches back to the base plan from anywhere
        await pilot.press("4", "ctrl+p")
        await pilot.pause()
        for key in "Scenario: Base":
            await pilot.press("space" if key == " " else key)
        await wait_for(pilot, lambda: _first_command(app).startswith("Scenario: Base"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document.whole.active_scenario == "")
        await wait_for(pilot, lambda: app.screen.query_one("#field-price").value == "2.00")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)
    saved = load_campaign(path).campaign
    assert [s.name for s in saved.scenarios] == ["CTR 1,5 %", "CPM 4 €", "Scenario 3"]
    assert saved.scenarios[2].budget.price == D(3) and saved.budget.price == D(2)


async def test_rename_delete_and_undo(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="scenarios")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: table_rows(app))
        await pilot.press("r")  # the base plan keeps its name
        await pilot.pause()
        assert not prompting(app)
        await pilot.press("right", "r")
        await wait_for(pilot, lambda: prompting(app))
        app.screen.query_one("Input").value = "cpm 4 €"
        await pilot.press("enter")
        await pilot.pause()
        assert prompting(app)  # taken, in any case: the prompt stays
        await pilot.press("ctrl+u", *"Bas", "enter")
        await wait_for(pilot, lambda: app.document.whole.scenarios[0].name == "Bas")
        await pilot.press("d")
        await wait_for(pilot, lambda: asking(app))
        await pilot.press("left", "enter")  # "Supprimer" (the focus starts on "Annuler")
        await wait_for(pilot, lambda: len(app.document.whole.scenarios) == 1)
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(app.document.whole.scenarios) == 2)
        await pilot.press("right", "right", "enter")  # the second scenario becomes active
        await wait_for(pilot, lambda: app.document.whole.active_scenario == "CPM 4 €")
        assert "● CPM 4 €" in " ".join(
            c.title for c in app.screen.query_one("#scenarios-table").columns
        )
