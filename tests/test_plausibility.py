"""Figures that parse but are probably a slip: warned about, never refused."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from tests.french import fr

from socialroi_tui.engine.plausibility import (
    PlausibilityWarning,
    check_budget,
    check_measures,
    check_value,
)
from socialroi_tui.model import BudgetPlan, Channel
from socialroi_tui.presenter import import_warning_lines, plausibility_text
from socialroi_tui.store.csv_import import LineWarning

EXPORTS = Path(__file__).resolve().parent / "data" / "exports"


@pytest.mark.parametrize("field", ["conversion_rate", "ctr"])
def test_a_rate_up_to_20_percent_is_plausible(field):
    assert check_value(field, D("0.2")) is None
    assert check_value(field, D("0.2000")) is None
    assert check_value(field, D("0.005")) is None
    assert check_value(field, D(0)) is None
    assert check_value(field, None) is None


@pytest.mark.parametrize("field", ["conversion_rate", "ctr"])
def test_a_rate_just_above_20_percent_is_warned_about(field):
    warning = check_value(field, D("0.2001"))
    assert warning == PlausibilityWarning(
        "high", field, D("0.2001"), D("0.2"), suggestion=D("0.002001")
    )


def test_half_read_as_a_fraction_suggests_half_a_percent():
    warning = check_value("conversion_rate", D("0.5"))
    assert warning is not None
    assert (warning.code, warning.value, warning.limit) == ("high", D("0.5"), D("0.2"))
    assert warning.suggestion == D("0.005")
    assert check_value("ctr", D(1)).suggestion == D("0.01")


def test_a_cpm_up_to_200_is_plausible_above_it_is_not():
    assert check_value("cpm", D(200)) is None
    assert check_value("cpm", D("200.00")) is None
    assert check_value("cpm", D("200.01")) == PlausibilityWarning(
        "high", "cpm", D("200.01"), D(200)
    )
    assert check_value("cpm", D(2000)).suggestion is None


def test_other_fields_and_odd_values_are_not_checked():
    assert check_value("cpc", D(900)) is None
    assert check_value("budget", D("1e9")) is None
    assert check_value("ctr", D("NaN")) is None


def test_measures_that_cannot_exceed_each_other():
    measures = {
        "impressions": D(1000),
        "reach": D(1001),
        "clicks": D(1200),
        "conversions": D(1300),
        "bounces": D(10),
    }
    assert check_measures(measures) == [
        PlausibilityWarning("exceeds", "clicks", D(1200), D(1000), other="impressions"),
        PlausibilityWarning("exceeds", "reach", D(1001), D(1000), other="impressions"),
        PlausibilityWarning("exceeds", "conversions", D(1300), D(1200), other="clicks"),
    ]


def test_equal_or_missing_measures_give_no_warning():
    assert check_measures({"impressions": D(100), "reach": D(100), "clicks": D(100)}) == []
    assert check_measures({"clicks": D(100), "conversions": D(100), "bounces": D(100)}) == []
    assert check_measures({"clicks": D(500), "impressions": None, "conversions": None}) == []
    assert check_measures({}) == []
    assert check_measures({"clicks": D(5), "bounces": D(6)}) == [
        PlausibilityWarning("exceeds", "bounces", D(6), D(5), other="clicks")
    ]


def test_a_budget_plan_is_checked_field_by_field():
    seed = BudgetPlan(conversion_rate=D("0.02"), ctr=D("0.02"), pricing="cpm", price=D(2))
    assert check_budget(seed) == []
    slip = BudgetPlan(conversion_rate="0,5", ctr=D("0.25"), pricing="cpm", price=D(250))
    assert [(w.field, w.value, w.suggestion) for w in check_budget(slip)] == [
        ("conversion_rate", D("0.5"), D("0.005")),
        ("ctr", D("0.25"), D("0.0025")),
        ("cpm", D(250), None),
    ]
    per_click = BudgetPlan(pricing="cpc", price=D(250))
    assert check_budget(per_click) == []
    assert check_budget(BudgetPlan()) == []


def test_a_channel_is_checked_like_a_plan():
    channel = Channel(id="fb", ctr=D("0.3"), pricing="flat", price=D(5000))
    assert [w.field for w in check_budget(channel)] == ["ctr"]


def test_the_warning_in_english_and_in_french():
    warning = check_value("conversion_rate", D("0.5"))
    assert plausibility_text(warning, "en", "EUR") == (
        "⚠ Conversion rate 50% is unusually high (usually below 20%): did you mean 0.5%?"
    )
    assert plausibility_text(warning, "fr", "EUR") == (
        fr("⚠ Taux de conversion 50 % : inhabituellement élevé (d'ordinaire moins de 20 %)")
        + fr(" — vouliez-vous dire 0,5 % ?")
    )


def test_a_cpm_warning_in_the_campaign_currency():
    warning = check_value("cpm", D(250))
    assert plausibility_text(warning, "en", "USD") == (
        "⚠ CPM $250.00 is unusually high (usually below $200.00)"
    )
    assert plausibility_text(warning, "fr", "EUR") == (
        fr("⚠ CPM 250,00 € : inhabituellement élevé (d'ordinaire moins de 200,00 €)")
    )


def test_a_measure_above_another_names_both():
    (warning,) = check_measures({"impressions": D(1000), "clicks": D(1200)})
    assert plausibility_text(warning, "en", "EUR") == (
        "⚠ Clicks 1,200 > Impressions 1,000: rarely possible"
    )
    assert plausibility_text(warning, "fr", "EUR") == (
        "⚠ Clics 1 200 > Impressions 1 000\u00a0: rarement possible"
    )
    (bounces,) = check_measures({"clicks": D(5), "bounces": D(6)})
    assert plausibility_text(bounces, "en", "EUR").startswith("⚠ Bounces 6 > Clicks 5")


def _preview(warnings, currency=None):
    """What ``import_warning_lines`` reads of an import preview."""
    from types import SimpleNamespace

    return SimpleNamespace(warnings=warnings, currency=currency)


def test_import_warnings_are_capped_with_how_many_more():
    warning = PlausibilityWarning("exceeds", "clicks", D(2), D(1), other="impressions")
    warnings = [LineWarning(line, warning) for line in range(2, 16)]
    lines = import_warning_lines(_preview(warnings), "en", "EUR")
    assert len(lines) == 11
    assert lines[0] == "line 2: ⚠ Clicks 2 > Impressions 1: rarely possible"
    assert lines[-1] == "… and 4 more"
    french = import_warning_lines(_preview(warnings[:3]), "fr", "EUR", limit=2)
    assert french == [
        "ligne 2\u00a0: ⚠ Clics 2 > Impressions 1\u00a0: rarement possible",
        "ligne 3\u00a0: ⚠ Clics 2 > Impressions 1\u00a0: rarement possible",
        "… et 1 de plus",
    ]
    assert import_warning_lines(_preview([]), "en", "EUR") == []


def test_amounts_in_another_currency_are_pointed_out_before_the_import():
    """An export in USD into a campaign in EUR is imported as it is (nothing converts
    it), and the preview says so first."""
    from socialroi_tui.store.csv_import import read_export_file

    preview = read_export_file(EXPORTS / "meta_en.csv")
    assert preview.currency == "USD"
    assert import_warning_lines(preview, "fr", "EUR")[0] == (
        "montants en USD, la campagne en EUR\u00a0: ils sont importés tels quels, sans conversion"
    )
    assert import_warning_lines(preview, "en", "USD") == []
    assert import_warning_lines(_preview([], "EUR"), "en", "EUR") == []
