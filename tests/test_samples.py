"""Every sample campaign validates, and its figures are the seeds'."""

from decimal import Decimal as D

import pytest

from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.store import load_campaign
from socialroi_tui.templates import template_names


def results(sample_path, name):
    return evaluate(load_campaign(sample_path(name)).campaign)


def test_the_samples_ship_inside_the_package():
    assert set(template_names()) == {
        "seed-000",
        "two-ads",
        "ebook-per-network",
        "b2b-linkedin",
        "awareness-cycle",
        "workshop-fr",
        "workshop-en",
    }


@pytest.mark.parametrize(
    "name",
    [
        "seed-000",
        "two-ads",
        "ebook-per-network",
        "b2b-linkedin",
        "awareness-cycle",
        "workshop-fr",
        "workshop-en",
    ],
)
def test_sample_validates_and_has_no_comments(sample_path, name):
    loaded = load_campaign(sample_path(name))
    assert loaded.campaign.meta.name
    assert not loaded.has_comments  # instructions live in notes, which a save keeps


def test_seed_000_reverse_budget(sample_path):
    budget = results(sample_path, "seed-000").budget
    assert (budget.clicks, budget.impressions, budget.budget, budget.cpa) == (
        50_000,
        2_500_000,
        5000,
        5,
    )


def test_seed_000_funnel(sample_path):
    funnel = results(sample_path, "seed-000").funnel
    assert [s.count for s in funnel.stages] == [1000, 100, 30, 5]
    assert funnel.stages[2].rate_from_top == D("0.03")
    assert funnel.stages[3].rate_from_top == D("0.005")
    assert round(funnel.stages[3].step_rate, 3) == D("0.167")


def test_two_ads_ranked_by_cpa(sample_path):
    by_publication = results(sample_path, "two-ads").actual_by_publication["facebook"]
    contacts = {p.label: p.measures["leads"] for p in by_publication}
    assert sorted(contacts.values()) == [48, 76]
    ranked = sorted(by_publication, key=lambda p: p.metrics["cpa"])
    assert [p.metrics["cpa"] for p in ranked] == [D(10), D("12.5")]
    assert ranked[0].measures["leads"] == 76


def test_ebook_sale_per_network(sample_path):
    result = results(sample_path, "ebook-per-network")
    clicks = {cid: t.measures["clicks"] for cid, t in result.actual_by_channel.items()}
    assert set(clicks) == {"facebook", "x", "linkedin", "instagram"}
    assert clicks["facebook"] / result.actual_total.measures["clicks"] == D("0.6")
    assert result.actual_total.measures["conversions"] == 60


def test_b2b_social_selling_pillars(sample_path):
    result = results(sample_path, "b2b-linkedin")
    actual = {k.mapping.kpi: k.actual for k in result.kpis}
    pillars = ["ssi_brand", "ssi_people", "ssi_insights", "ssi_relationships"]
    assert sum(actual[p] for p in pillars) == actual["ssi"]
    assert all(0 <= actual[p] <= 25 for p in pillars)


def test_awareness_engagement_leads_cycle(sample_path):
    loaded = load_campaign(sample_path("awareness-cycle")).campaign
    assert [o.id for o in loaded.objectives] == ["awareness", "engagement", "leads"]
    assert loaded.primary_objective() == "leads"
    result = evaluate(loaded)
    assert result.funnel.cyclic
    assert result.budget.conversions == 90


@pytest.mark.parametrize("pricing", ["cpm", "cpc"])
def test_channels_without_a_price_buy_media_as_the_plan_does(sample_path, pricing):
    """seed-000's channels give no price: bought per click when the plan is, each
    channel's cost per sale is the plan's."""
    campaign = load_campaign(sample_path("seed-000")).campaign
    campaign = campaign.model_copy(
        update={"budget": campaign.budget.model_copy(update={"pricing": pricing})}
    )
    figures = evaluate(campaign)
    assert all(channel.price is None for channel in campaign.channels)
    for plan in figures.channels:
        assert plan.result.cpa == figures.budget.cpa
    assert sum(plan.result.conversions for plan in figures.channels) == 1000


@pytest.mark.parametrize("name", ["workshop-fr", "workshop-en"])
def test_the_workshop_samples_hold_the_seeds_examples_and_pass_their_own_checks(sample_path, name):
    from socialroi_tui.engine.workshop import blank_fields, check_step

    campaign = load_campaign(sample_path(name)).campaign
    workshop = campaign.workshop
    assert len(workshop.steps) == 7
    for step in workshop.steps:
        assert step.instructions and step.hints and step.checks and step.blanks
        assert all(result.passed for result in check_step(campaign, step))
        assert all(field.filled for field in blank_fields(campaign, step))
    result = evaluate(campaign)
    assert (result.budget.budget, result.budget.cpa) == (5000, 5)
    assert [s.count for s in result.funnel.stages] == [1000, 100, 30, 5]
    assert campaign.primary_objective() != "sales"
    ranked = sorted(result.actual_by_publication["facebook"], key=lambda p: p.metrics["cpa"])
    assert [p.metrics["cpa"] for p in ranked] == [D(10), D("12.5")]
