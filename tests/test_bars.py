"""Bars per network: one scale per chart, undefined figures shown as ``—`` with no bar,
a value above its plan flagged — worked out without Textual."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import SAMPLES

from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.presenter import bar_chart, network_bar_charts
from socialroi_tui.store import load_campaign


def test_the_scale_is_the_largest_of_values_and_references():
    chart = bar_chart(
        [("Facebook", D(1000), D(800)), ("LinkedIn", D(500), D(2000))], "money", "EUR", "en"
    )
    assert chart.scale == D(2000)
    facebook, linkedin = chart.rows
    assert (facebook.fill, facebook.mark) == (D("0.5"), D("0.4"))
    assert (linkedin.fill, linkedin.mark) == (D("0.25"), D(1))
    assert facebook.over and not linkedin.over
    assert (facebook.value_text, facebook.reference_text) == ("€1,000.00", "€800.00")
    assert chart.shared_reference_text is None and chart.has_references and chart.any_over


def test_a_scale_given_is_shared_with_another_chart():
    chart = bar_chart([("a", D(10))], "count", "EUR", "en", scale=D(40))
    assert chart.scale == D(40) and chart.rows[0].fill == D("0.25")
    assert chart.rows[0].mark is None and chart.rows[0].reference_text == ""


def test_an_undefined_figure_shows_a_dash_and_no_bar_in_either_language():
    for lang in ("fr", "en"):
        chart = bar_chart([("X", None, D(5)), ("Y", D(10), None)], "money", "EUR", lang)
        x, y = chart.rows
        assert x.value_text == "—" and x.fill is None and not x.over
        assert x.mark == D("0.5")  # the plan still stands where it is
        assert y.reference_text == "" and y.mark is None and y.fill == D(1)
    nothing = bar_chart([("Z", None, None), ("W", D("NaN"))], "money", "EUR", "fr")
    assert nothing.scale is None
    assert [row.value_text for row in nothing.rows] == ["—", "—"]
    assert [row.fill for row in nothing.rows] == [None, None]


def test_french_money_and_a_shared_reference():
    chart = bar_chart(
        [("A", D("37.5"), D("6.42")), ("B", D("3.33"), D("6.42"))], "money", "EUR", "fr"
    )
    assert chart.shared_reference_text == "6,42\u00a0€"
    assert [row.value_text for row in chart.rows] == ["37,50\u00a0€", "3,33\u00a0€"]
    assert [row.over for row in chart.rows] == [True, False]


def test_zero_and_negative_figures_draw_no_length():
    chart = bar_chart([("a", D(0)), ("b", D(-5))], "money", "EUR", "en")
    assert chart.scale is None
    assert [row.fill for row in chart.rows] == [D(0), D(0)]
    mixed = bar_chart([("a", D(-5)), ("b", D(10))], "money", "EUR", "en")
    assert [row.fill for row in mixed.rows] == [D(0), D(1)]


def test_equal_to_the_plan_is_not_over():
    chart = bar_chart([("a", D("5.00"), D(5))], "money", "EUR", "en")
    assert not chart.rows[0].over and chart.rows[0].fill == chart.rows[0].mark == D(1)


@given(
    st.lists(
        st.tuples(
            st.none() | st.decimals(min_value=0, max_value=10**9, places=2),
            st.none() | st.decimals(min_value=0, max_value=10**9, places=2),
        ),
        max_size=8,
    )
)
def test_every_fraction_lies_on_the_one_scale(figures):
    chart = bar_chart([(str(i), v, r) for i, (v, r) in enumerate(figures)], "money", "EUR", "en")
    for row, (value, reference) in zip(chart.rows, figures, strict=True):
        for figure, fraction in ((value, row.fill), (reference, row.mark)):
            if figure is None:
                assert fraction is None
            else:
                assert D(0) <= fraction <= D(1)
                if chart.scale is not None:
                    assert fraction == figure / chart.scale
        assert row.over == (value is not None and reference is not None and value > reference)


def test_the_networks_of_a_campaign_with_figures_of_their_own():
    campaign = load_campaign(SAMPLES / "seed-000.toml").campaign
    linkedin = campaign.channels[0].model_copy(update={"ctr": D("0.008"), "price": D(6)})
    campaign = campaign.model_copy(update={"channels": [linkedin, *campaign.channels[1:]]})
    budgets, cpas = network_bar_charts(evaluate(campaign), "EUR", "en")
    assert budgets.title == "Budget by network" and cpas.title == "CPA by network"
    assert [row.label for row in budgets.rows] == ["LinkedIn", "Facebook", "Instagram"]
    assert [row.value for row in budgets.rows] == [D(2000), D(1750), D(1250)]
    assert not budgets.has_references and budgets.scale == D(2000)
    # LinkedIn buys its sales dearer than the networks added up: over the plan's CPA
    assert [row.over for row in cpas.rows] == [True, False, False]
    assert cpas.shared_reference_text is not None
    assert cpas.scale == cpas.rows[0].value


def test_a_campaign_without_a_budget_gives_dashes():
    campaign = load_campaign(SAMPLES / "ebook-per-network.toml").campaign
    budgets, cpas = network_bar_charts(evaluate(campaign), "EUR", "fr")
    assert budgets.title == "Budget par réseau"
    assert {row.value_text for row in [*budgets.rows, *cpas.rows]} == {"—"}
    assert budgets.scale is None and cpas.scale is None


def test_networks_without_a_share_are_held_to_the_plans_own_cpa():
    campaign = load_campaign(SAMPLES / "ebook-per-network.toml").campaign
    plan = campaign.budget.model_copy(
        update={"budget": D(5000), "conversion_rate": D("0.02"), "ctr": D("0.02"), "price": D(2)}
    )
    _budgets, cpas = network_bar_charts(
        evaluate(campaign.model_copy(update={"budget": plan})), "EUR", "en"
    )
    assert cpas.shared_reference_text == "€5.00"  # the networks have no budget to add up
    assert all(row.value is None and row.mark == D(1) for row in cpas.rows)
