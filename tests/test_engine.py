from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from socialroi_tui.engine import formulas as f
from socialroi_tui.engine.budget import (
    PlanInputs,
    forward_plan,
    reverse_plan,
    sales_within,
    same_cost_price,
)
from socialroi_tui.engine.evaluate import evaluate, kpi_status
from socialroi_tui.engine.funnel import evaluate_funnel
from socialroi_tui.model import Campaign, Funnel, FunnelStage
from socialroi_tui.text.formula import Formula, FormulaError

SEED_PLAN = PlanInputs(
    target_conversions=D(1000), conversion_rate=D("0.02"), ctr=D("0.02"), pricing="cpm", price=D(2)
)


def test_seed_reverse_budget():
    result = reverse_plan(SEED_PLAN)
    assert result.clicks == 50_000
    assert result.impressions == 2_500_000
    assert result.budget == D("5000.00")
    assert result.cpa == D("5.00")
    assert result.revenue is None and result.roi is None and result.verdict is None


def test_reverse_plan_with_order_value_and_margin():
    inputs = PlanInputs(
        **{**SEED_PLAN.__dict__, "average_order_value": D(49), "gross_margin": D("0.4")}
    )
    result = reverse_plan(inputs)
    assert result.revenue == D(49_000)
    assert result.profit == D(14_600)  # 49 000 × 40 % − 5 000
    assert result.roi == D("2.92") and result.on_gross_profit  # 14 600 ÷ 5 000
    assert result.roi_on_revenue == D("8.8")  # (49 000 − 5 000) ÷ 5 000
    assert result.roas == D("9.8")
    assert result.break_even_cpa == D("19.6")
    assert result.verdict == "below"


def test_a_plan_that_loses_money_never_shows_a_positive_headline_roi():
    """Sales below break-even: the profit is negative, and so is the headline ROI, while
    the ROI on revenue (shown as such) is still positive."""
    inputs = PlanInputs(
        **{**SEED_PLAN.__dict__, "average_order_value": D(10), "gross_margin": D("0.2")}
    )
    result = reverse_plan(inputs)
    assert result.profit == D(-3_000)  # 1 000 × 10 × 20 % − 5 000
    assert result.roi == D("-0.6") and result.roi_on_revenue == D(1)
    assert result.verdict == "above"
    without_margin = reverse_plan(PlanInputs(**{**inputs.__dict__, "gross_margin": None}))
    assert without_margin.roi == without_margin.roi_on_revenue == D(1)
    assert not without_margin.on_gross_profit and without_margin.profit is None


def test_reverse_plan_rounds_people_up_stage_by_stage_and_money_half_up():
    result = reverse_plan(
        PlanInputs(
            target_conversions=D(10), conversion_rate=D("0.03"), ctr=D("0.007"), price=D("3.33")
        )
    )
    assert result.clicks == 334  # 333.33… → 334
    assert result.impressions == 47_715  # 334 / 0.007 = 47 714.28… → 47 715
    assert result.budget == D("158.89")  # 47 715 × 3.33 / 1000 = 158.89095
    assert result.cpa == D("15.89")  # 15.889 → 15.89


def test_reverse_plan_by_cost_per_click():
    result = reverse_plan(
        PlanInputs(
            target_conversions=D(40),
            conversion_rate=D("0.08"),
            ctr=D("0.005"),
            pricing="cpc",
            price=D("5.5"),
        )
    )
    assert (result.clicks, result.impressions, result.budget, result.cpa) == (
        500,
        100_000,
        D("2750.00"),
        D("68.75"),
    )


def test_above_break_even_verdict():
    result = reverse_plan(
        PlanInputs(**{**SEED_PLAN.__dict__, "average_order_value": D(10), "gross_margin": D("0.3")})
    )
    assert result.break_even_cpa == D(3)
    assert result.verdict == "above"


def test_forward_plan_expected_values():
    result = forward_plan(
        PlanInputs(
            budget=D(5000),
            conversion_rate=D("0.02"),
            ctr=D("0.02"),
            price=D(2),
            average_order_value=D(49),
        )
    )
    assert result.impressions == 2_500_000
    assert result.clicks == 50_000
    assert result.conversions == 1000
    assert result.cpa == 5
    assert result.revenue == 49_000


def test_forward_plan_by_cost_per_click():
    result = forward_plan(
        PlanInputs(
            budget=D(100), conversion_rate=D("0.1"), ctr=D("0.02"), pricing="cpc", price=D(4)
        )
    )
    assert (result.clicks, result.impressions, result.conversions) == (25, 1250, D("2.5"))


@pytest.mark.parametrize("zero", ["conversion_rate", "ctr"])
def test_division_by_zero_is_not_defined(zero):
    inputs = PlanInputs(**{**SEED_PLAN.__dict__, zero: D(0)})
    result = reverse_plan(inputs)
    assert result.budget is None and result.cpa is None
    assert (
        forward_plan(
            PlanInputs(budget=D(0), conversion_rate=D("0.02"), ctr=D("0.02"), price=D(2))
        ).cpa
        is None
    )


def test_missing_inputs_give_not_defined_figures():
    result = reverse_plan(PlanInputs())
    assert all(
        getattr(result, name) is None
        for name in ("budget", "impressions", "clicks", "cpa", "revenue", "roi", "roas")
    )


def test_domain_formulas():
    """The catalog writes each indicator's formula (DOMAIN.md's table); the plan's own
    are functions. A division by zero is "not defined", never an error."""
    from socialroi_tui.catalog import load_catalog

    def indicator(kpi: str, **figures: D):
        return Formula(load_catalog().kpi(kpi).formula).evaluate(figures)

    assert indicator("ctr", clicks=D(30), impressions=D(1000)) == D("0.03")
    assert indicator("conversion_rate", conversions=D(5), clicks=D(30)) == D(1) / D(6)
    assert indicator("bounce_rate", bounces=D(25), clicks=D(100)) == D("0.25")
    assert indicator("cpm", spend=D(5000), impressions=D(2_500_000)) == D(2)
    assert indicator("cpc", spend=D(100), clicks=D(50)) == D(2)
    assert indicator("cpl", spend=D(600), leads=D(48)) == D("12.5")
    assert indicator("roi", revenue=D(49_000), spend=D(5000)) == D("8.8")
    assert indicator("ctr", clicks=D(1), impressions=D(0)) is None
    assert indicator("cpm", spend=D(1), impressions=D(0)) is None
    assert f.cpa(D(5000), D(1000)) == D(5)
    assert f.roi(D(49_000), D(5000)) == D("8.8")
    assert f.roas(D(49_000), D(5000)) == D("9.8")
    assert f.break_even_cpa(D(49), D("0.4")) == D("19.6")
    for formula in (f.cpa, f.roi, f.roas):
        assert formula(D(1), D(0)) is None


def test_formula_language():
    formula = Formula("(revenue - spend) / spend")
    assert formula.evaluate({"revenue": D(150), "spend": D(100)}) == D("0.5")
    assert formula.evaluate({"revenue": D(150), "spend": D(0)}) is None
    assert formula.evaluate({"revenue": None, "spend": D(1)}) is None
    assert Formula("-clicks + 2 * 3").evaluate({"clicks": D(1)}) == 5
    for bad in ("", "clicks /", "(clicks", "clicks ** 2", "__import__('os')"):
        with pytest.raises(FormulaError):
            Formula(bad)


def test_seed_funnel_rates_from_top_and_per_step():
    funnel = Funnel(
        top_count=D(1000),
        stages=[
            FunnelStage(id="views", label="Views"),
            FunnelStage(id="shares", label="Shares", rate=D("0.10"), basis="top"),
            FunnelStage(id="clicks", label="Clicks", rate=D("0.03"), basis="top"),
            FunnelStage(id="purchases", label="Purchases", rate=D("0.005"), basis="top"),
        ],
    )
    result = evaluate_funnel(funnel)
    assert [s.count for s in result.stages] == [1000, 100, 30, 5]
    assert [s.rate_from_top for s in result.stages] == [1, D("0.10"), D("0.03"), D("0.005")]
    assert result.stages[3].step_rate == D(1) / D(6)
    assert result.stages[2].step_rate == D("0.3")
    assert result.stages[1].given_from_top


def test_funnel_with_step_rates_and_a_gap():
    funnel = Funnel(
        top_count=D(200),
        stages=[
            FunnelStage(id="a", label="A"),
            FunnelStage(id="b", label="B", rate=D("0.5")),
            FunnelStage(id="c", label="C"),
            FunnelStage(id="d", label="D", rate=D("0.1")),
        ],
        landing_stage="b",
        bounce_rate=D("0.4"),
    )
    result = evaluate_funnel(funnel)
    assert [s.count for s in result.stages] == [200, 100, None, None]
    assert result.staying == 60


@pytest.mark.parametrize(
    ("actual", "target", "better", "status"),
    [
        (D(60), D(60), "higher", "on_track"),
        (D(70), D(60), "higher", "ahead"),
        (D(50), D(60), "higher", "behind"),
        (D(4), D(5), "lower", "ahead"),
        (D("5.2"), D(5), "lower", "on_track"),
        (D(7), D(5), "lower", "behind"),
        (None, D(5), "lower", "no_data"),
        (D(5), None, "lower", "no_data"),
        (D(0), D(0), "lower", "on_track"),
        (D(1), D(0), "higher", "ahead"),
    ],
)
def test_kpi_status(actual, target, better, status):
    assert kpi_status(actual, target, better) == status


def test_evaluate_empty_campaign_does_not_fail():
    results = evaluate(Campaign())
    assert results.budget.budget is None
    assert results.funnel.stages == ()
    assert results.actual_total.metrics["cpa"] is None


positive_rate = st.decimals(min_value=D("0.0001"), max_value=1, places=4)
target = st.integers(min_value=1, max_value=10**7).map(D)
price = st.decimals(min_value=D("0.01"), max_value=1000, places=2)


@given(target, positive_rate, positive_rate, price, st.sampled_from(["cpm", "cpc"]))
def test_reverse_then_forward_gives_the_target_back(target, conversion_rate, ctr, price, pricing):
    """The law: a forward plan on the reverse plan's budget reaches the target.

    Whole-people rounding only adds: the forward result is at least the target, and over
    it by less than one click's worth of conversions; the budget's rounding to the cent
    moves it by at most half a cent's worth."""
    reverse = reverse_plan(
        PlanInputs(
            target_conversions=target,
            conversion_rate=conversion_rate,
            ctr=ctr,
            pricing=pricing,
            price=price,
        )
    )
    assume(reverse.budget and reverse.budget > 0)
    forward = forward_plan(
        PlanInputs(
            budget=reverse.budget,
            conversion_rate=conversion_rate,
            ctr=ctr,
            pricing=pricing,
            price=price,
        )
    )
    per_cent = (
        D("0.005") * (D(1000) / price * ctr if pricing == "cpm" else 1 / price) * conversion_rate
    )
    slack = conversion_rate + ctr * conversion_rate
    assert target - per_cent <= forward.conversions < target + slack + per_cent
    assert reverse.cpa == f.to_cent(reverse.budget / target)


def test_a_price_bought_the_other_way_gives_the_same_cost():
    assert same_cost_price(D(2), D("0.02"), "cpm") == D("0.1")  # 2 € ÷ (1 000 × 2 %)
    assert same_cost_price(D("0.1"), D("0.02"), "cpc") == D(2)
    assert same_cost_price(D(2), D(0), "cpm") is None and same_cost_price(D(2), None, "cpm") is None


@given(
    st.sampled_from(["cpm", "cpc"]),
    st.decimals(min_value=D(1), max_value=D(100), places=2),
    st.decimals(min_value=D("0.0001"), max_value=D("0.2"), places=4),
    st.decimals(min_value=D("0.0001"), max_value=D("0.2"), places=4),
    st.integers(min_value=1, max_value=10**6).map(D),
)
def test_a_target_switched_to_a_budget_and_back_is_the_same_target(
    pricing, price, ctr, conversion_rate, target
):
    """The budget a target needs, planned forward, brings the target (within the cent of
    the budget and the whole people rounded up on the way back: less than half a sale)."""
    price = price if pricing == "cpm" else price / 20  # CPC from 0,05 €
    inputs = PlanInputs(
        target_conversions=target,
        conversion_rate=conversion_rate,
        ctr=ctr,
        pricing=pricing,
        price=price,
    )
    needed = reverse_plan(inputs).budget
    forward = forward_plan(PlanInputs(**{**inputs.__dict__, "budget": needed}))
    assert sales_within(forward) == target


def test_sensitivity_moves_each_assumption_a_step_and_puts_the_largest_effect_first():
    from socialroi_tui.engine.sensitivity import sensitivity

    inputs = PlanInputs(
        **{**SEED_PLAN.__dict__, "average_order_value": D(49), "gross_margin": D("0.95")}
    )
    result = sensitivity(inputs, "reverse")
    swings = {s.assumption: s for s in result.swings}
    assert set(swings) == {
        "target_conversions",
        "conversion_rate",
        "ctr",
        "price",
        "average_order_value",
        "gross_margin",
    }  # no budget in a reverse plan
    assert swings["price"].figures["budget"] == (D("4500.00"), D("5500.00"))
    assert swings["ctr"].low == D("0.018") and swings["ctr"].high == D("0.022")
    assert swings["gross_margin"].high == 1  # a rate stays within 100 %
    assert swings["average_order_value"].figures["budget"] == (D(5000), D(5000))
    effects = [s.effect for s in result.swings]
    assert effects == sorted(effects, reverse=True)
    assert result.figures == ("budget", "cpa", "roi")
    forward = sensitivity(PlanInputs(**{**inputs.__dict__, "budget": D(5000)}), "forward")
    assert "target_conversions" not in {s.assumption for s in forward.swings}
    assert forward.figures == ("conversions", "cpa", "roi")


@given(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.lists(st.none() | st.decimals(min_value=0, max_value=1, places=4), max_size=8),
)
def test_the_networks_budgets_add_up_to_the_cent(amount, shares):
    parts = f.split_to_the_cent(amount, shares)
    given = [s for s in shares if s is not None]
    assert [p is None for p in parts] == [s is None for s in shares]
    assert sum((p for p in parts if p is not None), D(0)) == f.to_cent(amount * sum(given, D(0)))
    for part, share in zip(parts, shares, strict=True):
        if share is not None:  # each part within a cent of its exact share
            assert abs(part - amount * share) < D("0.01") and part == part.quantize(f.CENT)


def test_rounded_figures_add_up_to_their_rounded_sum():
    """Credited sales with four places, shown with two: rounded each on its own they made
    25,86 under a total of 25,87."""
    exact = [D("4.5549"), D("14.2049"), D("7.1052")]
    assert sum(f.to_cent(value) for value in exact) == D("25.86")
    shown = f.rounded_adding_up(exact)
    assert sum(shown) == f.to_cent(sum(exact)) == D("25.87")
    assert all(abs(a - b) < D("0.01") for a, b in zip(shown, exact, strict=True))
    assert f.rounded_adding_up([None, D("0.004")]) == [None, D("0.00")]


def test_the_cents_left_by_rounding_go_to_the_largest_remainders():
    thirds = [D(1) / 3] * 3
    assert f.split_to_the_cent(D(100), thirds) == [D("33.34"), D("33.33"), D("33.33")]
    # 1.5 and 3.5 cents: one cent left, equal remainders, the first listed takes it
    assert f.split_to_the_cent(D("0.05"), [D("0.3"), D("0.7")]) == [D("0.02"), D("0.03")]


def test_a_network_with_its_own_figures_and_target_and_the_networks_added_up():
    """LinkedIn buys dearer clicks that convert better, and aims at 100 sales of its own;
    the others share the plan's budget; Σ adds the rows up, to the cent."""
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.model import BudgetPlan, Campaign, Channel

    campaign = Campaign(
        channels=[
            Channel(id="facebook", network="facebook", share=D("0.7")),
            Channel(id="instagram", network="instagram", share=D("0.3"), ctr=D("0.01")),
            Channel(
                id="linkedin",
                network="linkedin",
                share=D("0.5"),  # left aside: the network has a target of its own
                target_conversions=D(100),
                conversion_rate=D("0.05"),
                pricing="cpc",
                price=D("4.5"),
                average_order_value=D(120),
            ),
        ],
        budget=BudgetPlan(
            mode="forward",
            budget=D("1000.01"),
            conversion_rate=D("0.02"),
            ctr=D("0.02"),
            price=D(2),
            average_order_value=D(49),
            gross_margin=D("0.4"),
        ),
    )
    results = evaluate(campaign)
    facebook, instagram, linkedin = (plan.result for plan in results.channels)
    assert (facebook.budget, instagram.budget) == (D("700.01"), D("300.00"))
    assert instagram.conversions == D(30)  # 150 000 impressions × 1 % × 2 %
    assert linkedin.budget == D("9000.00") and linkedin.cpa == D(90)  # 2 000 clicks at 4,50
    assert linkedin.revenue == D(12000) and results.channels[2].share is None
    combined = results.combined
    assert combined.budget == D("10000.01")
    assert combined.conversions == facebook.conversions + instagram.conversions + D(100)
    assert combined.revenue == facebook.revenue + instagram.revenue + D(12000)
    assert results.allocated_share == D(1) and results.unallocated_share == D(0)


def test_reach_is_never_added_up():
    """Reach counts people once: a network's reach is not its publications' added up."""
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.model import ActualResult, Campaign, Channel

    campaign = Campaign(
        channels=[Channel(id="fb", network="facebook"), Channel(id="li", network="linkedin")],
        actuals=[
            ActualResult(channel="fb", publication="A", reach=D(100), spend=D(10)),
            ActualResult(channel="fb", publication="B", reach=D(200), spend=D(20)),
            ActualResult(channel="li", publication="C", reach=D(50), spend=D(5)),
        ],
    )
    results = evaluate(campaign)
    assert results.actual_by_channel["fb"].measures["reach"] is None
    assert results.actual_by_channel["fb"].measures["spend"] == D(30)
    assert results.actual_by_channel["li"].measures["reach"] == D(50)
    assert results.actual_total.measures["reach"] is None
    publications = results.actual_by_publication["fb"]
    assert [p.measures["reach"] for p in publications] == [D(100), D(200)]
