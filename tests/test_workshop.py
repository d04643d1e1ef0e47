"""Workshop mode without the app: the workbook's format, checks, blanks and progress."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialroi_tui import editing
from socialroi_tui.engine import workshop as w
from socialroi_tui.model import Campaign, KpiMapping, WorkshopCheck
from socialroi_tui.store import CampaignFileError, dump_campaign, parse_campaign
from socialroi_tui.templates import template_text

STEP = '[[workshop.steps]]\nid = "a"\nsection = "budget"\n'


def trainer(lang: str = "en") -> Campaign:
    return parse_campaign(template_text(f"workshop-{lang}"))


def participant(lang: str = "en") -> Campaign:
    return w.for_participant(trainer(lang), "Ann")


def check(**fields) -> WorkshopCheck:
    return WorkshopCheck.model_validate(fields)


# --- the format ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_workbook_reads_back_as_it_was_saved(lang):
    campaign = trainer(lang)
    assert parse_campaign(dump_campaign(campaign)) == campaign
    played = w.use_hint(w.check_and_mark(participant(lang), "budget")[0], "budget")[0]
    assert parse_campaign(dump_campaign(played)) == played


def test_texts_may_come_in_both_languages():
    text = """
[workshop]
title = "T"
[[workshop.steps]]
id = "a"
section = "budget"
instructions = { fr = "Remplissez", en = "Fill in" }
hints = [{ fr = "Indice", en = "Hint" }, "Plain"]
"""
    campaign = parse_campaign(text)
    step = campaign.workshop.steps[0]
    assert w.text_in(step.instructions, "fr") == "Remplissez"
    assert w.text_in(step.instructions, "en") == "Fill in"
    assert w.use_hint(campaign, "a", "en")[1] == "Hint"
    assert parse_campaign(dump_campaign(campaign)) == campaign


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[[workshop.steps]]\nid = "a"\nsection = "nowhere"\n', "workshop.steps[0].section"),
        (
            STEP + 'blanks = ["budget.nothing"]\n',
            "budget.nothing is not a field",
        ),
        (
            STEP + '[[workshop.steps.checks]]\nkind = "figure"\nfigure = "plan.budget"\n',
            "a figure check needs",
        ),
        (
            STEP + '[[workshop.steps.checks]]\nkind = "figure"\nfigure = "../etc"\nlow = 1\n',
            "../etc is not a figure",
        ),
        (
            STEP + STEP.replace("budget", "funnel"),
            "two steps have the same id",
        ),
        (
            STEP + "[workshop.progress.b]\ndone = true\n",
            "no step has the id b",
        ),
        (
            STEP + "[workshop.progress.a]\nhints_used = -1\n",
            "workshop.progress.a.hints_used",
        ),
    ],
)
def test_a_broken_workbook_is_explained(toml, expected):
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign("[workshop]\n" + toml, "w.toml")
    assert expected in str(caught.value)


def test_the_french_problems_are_typeset():
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(
            '[workshop]\n[[workshop.steps]]\nid = "a"\nsection = "budget"\nblanks = ["x"]\n'
        )
    assert "x n'est pas un champ" in caught.value.words("fr")


# --- checks --------------------------------------------------------------------------


def test_a_figure_within_bounds_or_a_tolerance():
    campaign = trainer()
    between = check(
        kind="figure", figure="plan.budget", low=4900, high=5100, passed="yes", missed="no"
    )
    assert w.run_check(campaign, between) == w.CheckResult(True, "yes", D("5000.00"), between)
    cheaper = editing.set_budget(campaign, price=D("2.5"))
    assert w.run_check(cheaper, between).passed is False
    assert w.run_check(cheaper, between).feedback == "no"
    around = check(kind="figure", figure="budget.ctr", target="0.02", tolerance="0.001")
    assert w.run_check(campaign, around).passed
    assert not w.run_check(editing.set_budget(campaign, ctr=D("0.025")), around).passed
    assert not w.run_check(editing.set_budget(campaign, ctr=None), around).passed


def test_the_default_feedback_is_in_the_language_asked():
    miss = check(kind="figure", figure="plan.budget", low=1, high=2)
    assert w.run_check(trainer(), miss, "fr").feedback == "Pas encore\u00a0: relisez les consignes."
    assert w.run_check(trainer(), miss, "en").feedback.startswith("Not yet")
    both = check(
        kind="figure", figure="plan.budget", low=1, high=2, missed={"fr": "Non", "en": "No"}
    )
    assert w.run_check(trainer(), both, "fr").feedback == "Non"


def test_a_count_of_kpis_with_a_target():
    campaign = participant()
    three = check(kind="count", count="kpis_with_target", at_least=3)
    assert not w.run_check(campaign, three).passed
    for index in range(3):
        mapping = campaign.kpis[index].model_copy(update={"target": D(15)})
        campaign = editing.replace_kpi(campaign, index, mapping)
    assert w.run_check(campaign, three).passed
    assert w.run_check(campaign, three).value == 3
    at_most = check(kind="count", count="kpis", at_most=1)
    assert not w.run_check(campaign, at_most).passed
    pillars = check(kind="count", count="kpis_with_target", among=["ssi_brand"], at_least=1)
    assert w.run_check(campaign, pillars).passed


def test_a_choice_money_is_a_result():
    not_sales = check(kind="choice", choice="primary_objective", not_one_of=["sales"])
    campaign = participant()
    assert not w.run_check(campaign, not_sales).passed  # nothing chosen yet
    assert not w.run_check(editing.toggle_objective(campaign, "sales"), not_sales).passed
    assert w.run_check(editing.toggle_objective(campaign, "leads"), not_sales).passed
    chosen = check(kind="choice", choice="objectives", one_of=["leads"])
    both = editing.toggle_objective(editing.toggle_objective(campaign, "sales"), "leads")
    assert w.run_check(both, chosen).passed


def test_with_nothing_chosen_a_choice_says_to_choose_first():
    """A choice's own feedback speaks of what was chosen ("money is a result"): with
    nothing chosen yet, the check says to choose instead."""
    campaign = participant("fr")
    step = next(s for s in campaign.workshop.steps if s.section == "objectives")
    for result in w.check_step(campaign, step):
        assert not result.passed
        assert result.feedback.startswith("Pas encore d'objectif principal\u00a0:")
    chosen = check(kind="choice", choice="objectives", one_of=["leads"], missed="non")
    assert w.run_check(campaign, chosen, "en").feedback.startswith("No objective chosen yet")
    leads = editing.toggle_objective(campaign, "leads")
    assert w.run_check(leads, chosen).feedback == "Juste."  # the default words again


def test_a_consistency_rule_the_funnels_last_stage_is_the_target():
    rule = check(kind="consistent", figure="funnel.last", other="budget.target_conversions")
    campaign = trainer()
    assert not w.run_check(campaign, rule).passed  # 5 purchases, 1 000 sales aimed at
    campaign = editing.set_budget(campaign, target_conversions=D(5))
    assert w.run_check(campaign, rule).passed
    below = check(
        kind="consistent", figure="actuals.cpa:1", relation="below", other="actuals.cpa:0"
    )
    above = check(
        kind="consistent", figure="actuals.cpa:1", relation="above", other="actuals.cpa:0"
    )
    assert w.run_check(campaign, below).passed and not w.run_check(campaign, above).passed


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("budget.ctr", D("0.02")),
        ("budget.share:1", D("0.35")),
        ("budget.share:9", None),
        ("plan.impressions", D(2_500_000)),
        ("funnel.count:2", D(30)),
        ("funnel.top:3", D("0.005")),
        ("funnel.last", D(5)),
        ("funnel.count:9", None),
        ("actual.spend", D(1360)),
        ("actual.conversions:facebook", D(124)),
        ("actual.cpa:nowhere", None),
        ("actuals.cpa:0", D("12.5")),
        ("actuals.spend:5", None),
        ("kpis.target:cpa", D(5)),
        ("kpis.target:0", D(20)),
        ("kpis.actual:roi", None),
    ],
)
def test_figures_by_key(key, value):
    assert w.figure(trainer(), key) == value


# --- blanks, progress, hints ---------------------------------------------------------


def test_a_participant_copy_has_its_blanks_emptied_and_no_answers():
    campaign = participant()
    assert campaign.workshop.participant == "Ann"
    assert campaign.workshop.progress == {}
    for step in campaign.workshop.steps:
        assert step.answer == ""
        assert not any(c.hidden for c in step.checks)
        assert not any(field.filled for field in w.blank_fields(campaign, step))
    assert any(c.hidden for s in trainer().workshop.steps for c in s.checks)
    # what is no blank stays: the funnel's top, the ads' spend, the channels
    assert campaign.funnel.top_count == 1000
    assert [a.spend for a in campaign.actuals] == [600, 760]
    assert w.for_participant(trainer(), "Ann", lang="fr").meta.language == "fr"


def answer(campaign: Campaign, step_id: str) -> Campaign:
    """The participant's answer to step ``step_id``, typed as the app would."""
    if step_id == "objective":
        campaign = editing.set_primary(campaign, "leads")
    elif step_id == "kpis":
        for index, target in enumerate((20, 18, 12, 20)):
            mapping = campaign.kpis[index].model_copy(update={"target": D(target)})
            campaign = editing.replace_kpi(campaign, index, mapping)
    elif step_id == "funnel":
        for index, count in ((1, 100), (2, 30), (3, 5)):
            campaign = editing.set_stage_count(campaign, index, D(count))
    elif step_id == "budget":
        campaign = editing.set_budget(
            campaign, target_conversions=1000, conversion_rate="0.02", ctr="0.02", price=2
        )
    elif step_id == "roi":
        campaign = editing.set_budget(campaign, average_order_value=49, gross_margin="0.4")
    elif step_id == "cpa-target":
        mapping = campaign.kpis[4].model_copy(update={"target": D(5)})
        campaign = editing.replace_kpi(campaign, 4, mapping)
    elif step_id == "two-ads":
        for index, conversions in ((0, 48), (1, 76)):
            row = campaign.actuals[index].model_copy(update={"conversions": D(conversions)})
            campaign = editing.replace_actual(campaign, index, row)
    return campaign


def fill(campaign: Campaign, steps: int) -> Campaign:
    """The participant's answers to the first ``steps`` steps, each step checked."""
    for step in campaign.workshop.steps[:steps]:
        campaign = w.check_and_mark(answer(campaign, step.id), step.id)[0]
    return campaign


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filling_the_whole_workbook_passes_every_step(lang):
    campaign = fill(participant(lang), 7)
    assert w.workshop_progress(campaign) == w.Progress(7, 7, 7, 15, 0)
    assert w.first_unfinished_step(campaign) is None


def test_progress_step_by_step():
    campaign = participant()
    assert w.workshop_progress(campaign) == w.Progress(1, 0, 7, 0, 0)
    assert w.first_unfinished_step(campaign).id == "objective"
    campaign = fill(campaign, 3)
    progress = w.workshop_progress(campaign)
    assert (progress.step_reached, progress.steps_done, progress.checks_passed) == (4, 3, 7)
    assert w.first_unfinished_step(campaign).id == "budget"
    # a step checked with a miss is not done, and the misses are said
    campaign, results = w.check_and_mark(campaign, "budget")
    assert [r.passed for r in results] == [False, False]
    assert campaign.workshop.progress["budget"].done is False
    assert "4 900" in results[0].feedback


def test_a_step_is_done_only_with_its_blanks_filled():
    campaign = participant()
    step = campaign.workshop.steps[3]
    passing = [w.CheckResult(True, "")] * len(step.checks)
    assert not w.mark_checked(campaign, step.id, passing).workshop.progress[step.id].done
    filled = fill(campaign, 4)
    assert w.mark_checked(filled, step.id, passing).workshop.progress[step.id].done


def test_hints_come_in_order_and_are_counted():
    campaign = participant()
    campaign, first = w.use_hint(campaign, "budget")
    campaign, second = w.use_hint(campaign, "budget")
    same, none = w.use_hint(campaign, "budget")
    assert first.startswith("1 000 sales") and second.startswith("50 000 clicks")
    assert none is None and same is campaign
    assert w.hints_shown(campaign, "budget") == [first, second]
    assert w.workshop_progress(campaign).hints_used == 2


def test_an_unknown_step_or_a_campaign_without_workshop_is_refused():
    with pytest.raises(ValueError, match="no step has the id nope"):
        w.check_step(participant(), "nope")
    with pytest.raises(ValueError, match="not a workbook"):
        w.use_hint(Campaign(), "a")
    assert w.workshop_progress(Campaign()) == w.Progress(0, 0, 0, 0, 0)
    assert w.with_blanks_emptied(Campaign()) == Campaign()


def test_emptying_every_kind_of_blank():
    campaign = trainer()
    keys = [
        "objectives.primary",
        "kpis",
        "budget.share:0",
        "funnel.count:0",
        "funnel.top:2",
        "funnel.bounce",
        "actuals.spend:1",
        "budget.share:9",
    ]
    step = campaign.workshop.steps[0].model_copy(update={"blanks": keys})
    emptied = w.with_blanks_emptied(campaign, [step])
    values = {field.key: field.value for field in w.blank_fields(emptied, step)}
    assert values["objectives.primary"] is None and emptied.objectives
    assert values["kpis"] == ()
    assert values["budget.share:0"] is None and emptied.channels[1].share == D("0.35")
    assert emptied.funnel.top_count is None and emptied.funnel.stages[2].rate is None
    assert emptied.actuals[1].spend is None and emptied.actuals[0].spend == 600
    assert emptied.reference_problems() == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["objective", "kpis", "funnel", "budget", "roi"]), max_size=8))
def test_checking_or_taking_hints_never_changes_the_plan(actions):
    """Progress is the only thing checks and hints write: the figures stay as typed."""
    campaign = fill(participant(), 2)
    before = campaign.model_copy(update={"workshop": None})
    for step_id in actions:
        campaign = w.use_hint(campaign, step_id)[0]
        campaign = w.check_and_mark(campaign, step_id)[0]
    assert campaign.model_copy(update={"workshop": None}) == before
    assert parse_campaign(dump_campaign(campaign)) == campaign


def test_kpi_blanks_by_position_and_by_id():
    campaign = participant()
    mapping = KpiMapping(kpi="roi", objective="sales", target=D(2))
    campaign = editing.add_kpi(campaign, mapping)
    assert w.blank_value(campaign, "kpis.target:5") == 2
    assert w.blank_value(campaign, "kpis.target:roi") == 2
