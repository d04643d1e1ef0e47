"""Scenarios: a variant is the base plan with some assumptions changed; editing it in the
app changes the variant, never the base."""

import csv
import io
import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from tests.test_store import campaigns

from socialroi_tui.document import CampaignDocument
from socialroi_tui.editing import (
    add_channel,
    add_scenario,
    remove_channel,
    remove_scenario,
    rename_scenario,
    set_budget,
    set_channel,
    switch_scenario,
)
from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.engine.scenarios import changed_figures, fold, in_scenario
from socialroi_tui.model import BudgetPlan, Campaign, Channel, PlanChanges, Scenario
from socialroi_tui.store import dump_campaign, parse_campaign
from socialroi_tui.text.words import Problems


def plan() -> Campaign:
    return Campaign(
        channels=[
            Channel(id="facebook", network="facebook", label="Facebook", share=D("0.6")),
            Channel(id="linkedin", network="linkedin", label="LinkedIn", share=D("0.4")),
        ],
        budget=BudgetPlan(
            target_conversions=D(1000),
            conversion_rate=D("0.02"),
            ctr=D("0.02"),
            price=D(2),
            average_order_value=D(49),
            gross_margin=D("0.4"),
        ),
    )


@settings(max_examples=60)
@given(campaigns())
def test_folding_a_scenario_unedited_plans_the_same(campaign):
    """Back in the file's form, every scenario plans what it did and the base is kept
    (a change to the base's own value is dropped: it changes nothing)."""
    folded = fold(campaign, in_scenario(campaign))
    assert folded.budget == campaign.budget and folded.channels == campaign.channels
    for name in ["", *(s.name for s in campaign.scenarios)]:
        planned, before = in_scenario(folded, name), in_scenario(campaign, name)
        assert (planned.budget, planned.channels) == (before.budget, before.channels)
    assert fold(folded, in_scenario(folded)) == folded


def test_a_variant_changes_only_what_it_names_and_its_figures_follow():
    campaign = add_scenario(plan(), "CTR 1,5 %")
    document = CampaignDocument(campaign)
    document.apply(set_budget(document.campaign, ctr=D("0.015")), key="budget.ctr")
    assert document.whole.budget.ctr == D("0.02")  # the base is kept
    assert document.campaign.budget.ctr == D("0.015")
    assert changed_figures(document.whole, "CTR 1,5 %") == {"ctr"}
    assert document.results.budget.budget == D("6666.67")
    base = evaluate(in_scenario(document.whole, ""))
    assert base.budget.budget == D("5000.00")
    # a change to the base plan shows in the variant, where the variant does not change it
    document.apply_whole(switch_scenario(document.whole, ""))
    document.apply(set_budget(document.campaign, price=D(4)))
    document.apply_whole(switch_scenario(document.whole, "CTR 1,5 %"))
    assert document.campaign.budget.price == D(4) and document.campaign.budget.ctr == D("0.015")
    # typing the base's value back: the variant no longer changes it
    document.apply(set_budget(document.campaign, ctr=D("0.02")))
    assert changed_figures(document.whole, "CTR 1,5 %") == set()


def test_undo_takes_back_an_edit_made_in_a_variant():
    document = CampaignDocument(add_scenario(plan(), "B"))
    document.apply(set_budget(document.campaign, ctr=D("0.01")), key="budget.ctr")
    document.undo()
    assert (
        document.campaign.budget.ctr == D("0.02") and changed_figures(document.whole, "B") == set()
    )


def test_networks_in_a_variant():
    document = CampaignDocument(add_scenario(plan(), "More LinkedIn"))
    edited = set_channel(set_channel(document.campaign, 0, share=D("0.3")), 1, share=D("0.7"))
    document.apply(edited)
    assert [c.share for c in document.whole.channels] == [D("0.6"), D("0.4")]
    assert [c.share for c in document.campaign.channels] == [D("0.3"), D("0.7")]
    # a network added in a variant belongs to the campaign; removing one drops its changes
    document.apply(add_channel(document.campaign, "x"))
    assert [c.id for c in document.whole.channels] == ["facebook", "linkedin", "x"]
    document.apply(remove_channel(document.campaign, 1))
    assert document.whole.scenarios[0].channels.keys() == {"facebook"}
    document.apply_whole(switch_scenario(document.whole, ""))
    document.apply(remove_channel(document.campaign, 0))
    assert document.whole.scenarios[0].channels == {}


def test_a_new_scenario_starts_from_the_active_one_and_names_are_unique():
    campaign = add_scenario(plan(), "Low CTR")
    campaign = fold(campaign, set_budget(in_scenario(campaign), ctr=D("0.01")))
    campaign = add_scenario(campaign, "  Low  CTR and CPM 3 ")
    assert campaign.active_scenario == "Low CTR and CPM 3"
    assert in_scenario(campaign).budget.ctr == D("0.01")
    for taken in ("low ctr", " ", ""):
        with pytest.raises(Problems):
            add_scenario(campaign, taken)
    campaign = rename_scenario(campaign, "Low CTR and CPM 3", "CPM 3")
    assert campaign.active_scenario == "CPM 3"
    campaign = remove_scenario(campaign, "CPM 3")
    assert campaign.active_scenario == "" and [s.name for s in campaign.scenarios] == ["Low CTR"]
    with pytest.raises(Problems):
        switch_scenario(campaign, "nowhere")


def test_scenarios_are_saved_as_the_changes_they_make():
    campaign = plan().model_copy(
        update={
            "scenarios": [Scenario(name="CPM 4 €", budget=PlanChanges(price=D(4)))],
            "active_scenario": "CPM 4 €",
        }
    )
    text = dump_campaign(campaign)
    assert 'active_scenario = "CPM 4 €"' in text
    assert '[[scenarios]]\nname = "CPM 4 €"\n\n[scenarios.budget]\nprice = 4\n' in text
    assert parse_campaign(text, "c.toml") == campaign


def test_a_file_naming_what_does_not_exist_is_refused():
    from socialroi_tui.store import CampaignFileError

    base = dump_campaign(plan())
    for extra, words in (
        ('active_scenario = "nowhere"\n', "nowhere"),
        ('[[scenarios]]\nname = "A"\n[scenarios.channels.tiktok]\nshare = 0.5\n', "tiktok"),
        ('[[scenarios]]\nname = "A"\n[[scenarios]]\nname = "a"\n', "scenario"),
    ):
        text = extra + base if extra.startswith("active") else base + extra
        with pytest.raises(CampaignFileError) as caught:
            parse_campaign(text, "c.toml")
        assert words in caught.value.words("en"), extra


def with_two_variants(path):
    campaign = add_scenario(plan(), "CTR 1,5 %")
    campaign = fold(campaign, set_budget(in_scenario(campaign), ctr=D("0.015")))
    campaign = add_scenario(switch_scenario(campaign, ""), "CPM 4 €")
    campaign = fold(campaign, set_budget(in_scenario(campaign), price=D(4)))
    from socialroi_tui.store import save_campaign

    save_campaign(campaign, path)
    return path


def test_compare_shows_every_scenario_against_the_base(tmp_path, capsys):
    from socialroi_tui.cli import main

    path = with_two_variants(tmp_path / "plan.toml")
    assert main(["compare", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| Figure | Base | CTR 1,5 % | ± | CPM 4 € | ± |\n")
    assert "| CTR | 2% | 1.5% | ▼ | 2% |  |" in out
    assert "| Budget | **€5,000.00** ★ | €6,666.67 | +33% | €10,000.00 | +100% |" in out
    assert main(["compare", str(path), "--scenario", "cpm 4 €", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figures = {figure["figure"]: figure for figure in data["figures"]}
    assert data["scenarios"] == ["CPM 4 €"] and figures["budget"]["values"] == ["10000"]
    assert (
        main(
            [
                "compare",
                str(path),
                "--scenario",
                "base",
                "--scenario",
                "CTR 1,5 %",
                "--format",
                "csv",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["figure", "Figure", "Base", "CTR 1,5 %", "change CTR 1,5 %", "best"]
    assert ["cpa", "CPA", "5", "6.67", "0.334", "Base"] in rows


def test_calc_and_report_plan_as_a_scenario(tmp_path, capsys):
    from socialroi_tui.cli import main

    path = with_two_variants(tmp_path / "plan.toml")
    assert main(["calc", str(path), "--scenario", "CPM 4 €", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Scenario: CPM 4 €" in out and "€10,000.00" in out
    assert main(["calc", str(path), "--scenario", "CPM 4 €", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["budget"]["budget"] == "10000.00"
    assert main(["report", str(path), "--scenario", "base", "--format", "json"]) == 0
    assert main(["calc", str(path), "--scenario", "nowhere", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "socialroi: plan.toml: no scenario is called 'nowhere' (it has: 'CTR 1,5 %', "
        "'CPM 4 €'; 'base' is the base plan)\n"
    )


def test_a_networks_own_figures_in_a_variant_are_the_variants():
    document = CampaignDocument(add_scenario(plan(), "LinkedIn alone"))
    edited = set_channel(document.campaign, 1, share=None, target_conversions=D(200))
    document.apply(set_channel(edited, 1, average_order_value=D(120)))
    assert document.whole.channels[1].target_conversions is None
    assert changed_figures(document.whole, "LinkedIn alone") == {
        "linkedin.target_conversions",
        "linkedin.average_order_value",
    }
    # (the share cleared in the variant follows the base's: a variant cannot clear it,
    # and a network with a target of its own leaves its share aside)
    assert document.results.channels[1].share is None
    assert document.results.channels[1].result.conversions == D(200)


def test_a_share_given_in_a_variant_sets_the_networks_own_target_aside():
    base = set_channel(plan(), 1, share=None, target_conversions=D(300))
    document = CampaignDocument(add_scenario(base, "Shared"))
    document.apply(set_channel(document.campaign, 1, share=D("0.4"), target_conversions=None))
    linkedin = document.campaign.channels[1]
    assert (linkedin.share, linkedin.target_conversions) == (D("0.4"), None)
    assert document.whole.channels[1].target_conversions == D(300)
    assert document.results.channels[1].result.budget == D("2000.00")
    assert "[scenarios.channels]\n" not in dump_campaign(document.whole)
    with pytest.raises(Problems):
        add_scenario(base, "Référence")


def test_a_comparison_adds_up_networks_that_plan_with_their_own_figures():
    from socialroi_tui.engine.comparison import compare

    campaign = add_scenario(plan(), "Facebook CTR 1 %")
    campaign = fold(campaign, set_channel(in_scenario(campaign), 0, ctr=D("0.01")))
    figures = {
        f.key: f for f in compare([in_scenario(campaign, ""), in_scenario(campaign)]).figures
    }
    assert figures["conversions"].values == (D(1000), D(1000))  # the plan's own figures
    sales = figures["Σ.conversions"]
    assert sales.values[0] == D(1000) and sales.values[1] == D(700)  # 600 × ½ + 400
    assert sales.best == frozenset({0})
    assert figures["facebook.ctr"].values == (D("0.02"), D("0.01"))  # the plan's, its own
