"""Ranges: each result's interval is exact (from the corners) and holds every plan the
ranges allow; percentiles are the same for the same seed."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_scenarios import plan

from socialroi_tui.cli import main as cli_main
from socialroi_tui.engine.budget import PlanInputs
from socialroi_tui.engine.evaluate import run_plan
from socialroi_tui.engine.ranges import RANGE_FIGURES, plan_ranges
from socialroi_tui.store import CampaignFileError, dump_campaign, parse_campaign

SEED = PlanInputs(
    target_conversions=D(1000),
    conversion_rate=D("0.02"),
    ctr=D("0.02"),
    price=D(2),
    average_order_value=D(49),
    gross_margin=D("0.4"),
)
BOUNDS = {"ctr": (D("0.015"), D("0.025")), "price": (D("1.5"), D(3))}


def test_the_seed_with_a_ctr_and_a_price_range():
    ranges = plan_ranges(SEED, "reverse", BOUNDS)
    by_figure = {i.figure: i for i in ranges.intervals}
    budget = by_figure["budget"]
    # 50 000 clicks: 2 000 000 to 3 333 334 impressions, at 1,50 € to 3,00 € the thousand
    assert (budget.low, budget.planned, budget.high) == (D("3000.00"), D("5000.00"), D("10000.00"))
    assert by_figure["cpa"].low == D("3.00") and by_figure["cpa"].high == D("10.00")
    assert by_figure["conversions"].low == by_figure["conversions"].high == D(1000)
    assert ranges.ranged == ("ctr", "price") and ranges.draws == 0


@settings(max_examples=40, deadline=None)
@given(
    ctr=st.decimals(min_value=D("0.015"), max_value=D("0.025"), places=4),
    price=st.decimals(min_value=D("1.5"), max_value=D(3), places=2),
    mode=st.sampled_from(["reverse", "forward"]),
)
def test_every_plan_within_the_ranges_lies_within_the_intervals(ctr, price, mode):
    inputs = SEED if mode == "reverse" else PlanInputs(**{**SEED.__dict__, "budget": D(5000)})
    ranges = plan_ranges(inputs, mode, BOUNDS)
    inside = run_plan(PlanInputs(**{**inputs.__dict__, "ctr": ctr, "price": price}), mode)
    for interval in ranges.intervals:
        value = getattr(inside, interval.figure)
        if value is not None:
            assert interval.low <= value <= interval.high, interval.figure


def test_percentiles_are_the_same_for_the_same_seed():
    first = plan_ranges(SEED, "reverse", BOUNDS, draws=500, seed=7)
    again = plan_ranges(SEED, "reverse", BOUNDS, draws=500, seed=7)
    other = plan_ranges(SEED, "reverse", BOUNDS, draws=500, seed=8)
    assert first == again and first != other
    for interval in first.intervals:
        p10, p50, p90 = interval.percentiles
        assert interval.low <= p10 <= p50 <= p90 <= interval.high


def test_ranges_in_the_file_and_on_the_command_line(tmp_path, capsys):
    campaign = plan()
    text = dump_campaign(campaign) + "\n[budget.ranges.ctr]\nlow = 0.015\nhigh = 0.025\n"
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    assert "[budget.ranges.ctr]" in dump_campaign(parse_campaign(text, "plan.toml"))
    assert cli_main(["ranges", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "CTR 1.5%–2.5%" in out and "| Budget | €4,000.00 | €5,000.00 | €6,666.67 |" in out
    assert cli_main(["ranges", str(path), "--percentiles", "--seed", "3", "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    cli_main(["ranges", str(path), "--percentiles", "--seed", "3", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == first
    assert set(first["figures"]) == set(RANGE_FIGURES) and "p90" in first["figures"]["cpa"]
    for bad in ("low = 0.03\nhigh = 0.02\n", "low = 0.5\nhigh = 1.5\n"):
        broken = dump_campaign(campaign) + "\n[budget.ranges.ctr]\n" + bad
        with pytest.raises(CampaignFileError):
            parse_campaign(broken, "plan.toml")
    assert cli_main(["ranges", str(path), "--draws", "7"]) == 2


def test_a_range_down_to_zero_leaves_that_end_open_and_a_solved_figure_has_no_range():
    ranges = plan_ranges(SEED, "reverse", {"ctr": (D(0), D("0.03"))})
    budget = next(i for i in ranges.intervals if i.figure == "budget")
    assert (budget.low, budget.high) == (None, None)  # no CTR, no end to the budget
    from socialroi_tui.editing import set_budget, solve_for
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.presenter import plan_ranges_of, range_rows

    assert range_rows(ranges, True, "EUR", "en")[0][:4] == ["Budget", "—", "€5,000.00", "—"]
    campaign = set_budget(solve_for(plan(), "ctr"), target_roi=D(3))
    campaign = set_budget(campaign, ranges={"ctr": {"low": D("0.015"), "high": D("0.025")}})
    assert plan_ranges_of(campaign, evaluate(campaign).solution) is None
