"""Bars drawn in text: they fit their width, the plan is a marker, what goes past it is
another shade (readable without colour), an undefined figure draws no bar."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from socialroi_tui.presenter import bar_chart
from socialroi_tui.text.safe import cell_width
from socialroi_tui.tui.widgets.bars import chart_lines
from socialroi_tui.tui.widgets.figures import BAR_CELLS, OVER_CELL, PLAN_MARK, bar


def test_a_bar_against_its_plan_takes_its_width_exactly():
    assert bar(D("0.5"), 12, D(1)) == "█████▌     │"
    assert bar(D(1), 12, D("0.5")) == "██████│▒▒▒▒ "
    assert bar(D("0.5"), 12, D("0.5")) == "█████▌│     "
    assert bar(None, 12, D("0.7")) == "        │   "  # no bar: the plan alone
    assert bar(D("0.5"), 12) == "██████"  # without a plan, as the funnel draws it


def test_a_bar_past_its_plan_shows_it_however_little():
    assert OVER_CELL in bar(D("0.501"), 12, D("0.5"))
    assert OVER_CELL not in bar(D("0.5"), 12, D("0.5"))


@pytest.mark.parametrize("width", [1, 2, 5, 9, 20, 37, 76])
@pytest.mark.parametrize(("fill", "mark"), [(D(0), D(0)), (D(1), D(1)), (D("0.3"), D("0.9"))])
def test_a_marked_bar_never_overflows(width, fill, mark):
    drawn = bar(fill, width, mark)
    assert len(drawn) == width and drawn.count(PLAN_MARK) == 1


def chart(lang="en"):
    rows = [
        ("LinkedIn", D("37.50"), D("6.42")),
        ("Facebook", D("5.00"), D("6.42")),
        ("A network with a very long name indeed", None, D("6.42")),
    ]
    return bar_chart(rows, "money", "EUR", lang, title="CPA by network")


@pytest.mark.parametrize("width", [20, 30, 37, 60, 116])
def test_the_chart_fits_its_width(width):
    lines = chart_lines(chart(), width, reference_name="plan")
    assert lines[0].plain.startswith("CPA by network")
    for line in lines:
        assert cell_width(line.plain) <= width, (width, line.plain)
    linkedin, facebook, long_name = (line.plain for line in lines[1:])
    assert PLAN_MARK in linkedin and OVER_CELL in linkedin  # over the plan, no colour needed
    assert PLAN_MARK in facebook and OVER_CELL not in facebook
    assert any(cell in facebook for cell in BAR_CELLS.strip())
    assert "…" in long_name and "—" in long_name
    assert not any(cell in long_name for cell in BAR_CELLS.strip())


def test_the_shared_plan_is_said_once_in_the_title_and_french_keeps_its_spaces():
    lines = chart_lines(chart("fr"), 37, reference_name="plan")
    assert lines[0].plain == "CPA by network · │ plan 6,42\u00a0€"
    assert "37,50\u00a0€" in lines[1].plain


def test_each_rows_own_plan_is_shown_where_there_is_room():
    spend = bar_chart([("Facebook", D(1200), D(1000)), ("X", D(300), D(500))], "money", "EUR", "en")
    wide = [line.plain for line in chart_lines(spend, 60, reference_name="plan")]
    assert wide[1].rstrip().endswith("€1,000.00") and wide[2].rstrip().endswith("€500.00")
    narrow = [line.plain for line in chart_lines(spend, 30, reference_name="plan")]
    assert all(cell_width(line) <= 30 for line in narrow)
    assert "€1,000.00" not in narrow[1] and PLAN_MARK in narrow[1]  # the marker says it


def test_over_the_plan_is_styled_too():
    line = chart_lines(chart(), 60, over_style="bold red")[1]
    styled = {line.plain[span.start : span.end] for span in line.spans if span.style == "bold red"}
    assert "€37.50" in styled and any(OVER_CELL in part for part in styled)


def test_no_rows_shows_the_words_given():
    empty = bar_chart([], "money", "EUR", "en", title="Budget by network")
    assert [line.plain for line in chart_lines(empty, 40, empty="No network yet")] == [
        "Budget by network",
        "No network yet",
    ]
