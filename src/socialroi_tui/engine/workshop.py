"""A workbook's checks, blanks and progress, as pure functions (no file, no screen).

- ``check_step(campaign, step)``: each check of a step, passed or missed, with its
  feedback; ``mark_checked`` writes the outcome into the campaign's progress.
- ``blank_fields`` / ``with_blanks_emptied``: the fields left for the participant.
- ``workshop_progress`` / ``first_unfinished_step``: where a participant is.
- ``use_hint``: the next hint, counted.
- ``for_participant``: the copy a participant receives (blanks emptied, the trainer's
  answers and hidden checks removed, progress reset).

Figures are read by key (``plan.budget``, ``funnel.count:3``…: ``model.workshop``
lists them) from ``evaluate(campaign)`` and the campaign's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from socialroi_tui.engine.actuals import add_up
from socialroi_tui.engine.evaluate import CampaignResults, evaluate
from socialroi_tui.engine.funnel import stage_fields
from socialroi_tui.model import Campaign, StepProgress, Workshop, WorkshopCheck, WorkshopStep
from socialroi_tui.model.workshop import text_in
from socialroi_tui.text.words import Problem, Problems, t

Value = Decimal | None
BlankValue = Decimal | str | tuple[str, ...] | None


@dataclass(frozen=True)
class CheckResult:
    """One check run: ``passed``, the ``feedback`` to show (the check's own words, else
    a plain default), and the figure it read (``value``, for figure and consistency
    checks; None when it has none yet)."""

    passed: bool
    feedback: str
    value: Value = None
    check: WorkshopCheck | None = None


@dataclass(frozen=True)
class BlankField:
    """A field left for the participant: its key, its value now, whether it is filled."""

    key: str
    value: BlankValue
    filled: bool


@dataclass(frozen=True)
class Progress:
    """Where a participant is: ``step_reached`` is the number (from 1) of the first step
    not done (``total`` when every step is; 0 without steps)."""

    step_reached: int
    steps_done: int
    total: int
    checks_passed: int
    hints_used: int


class _Figures:
    """Figures by key, the campaign evaluated once, when first needed."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self._results: CampaignResults | None = None
        self._stages: list | None = None

    @property
    def results(self) -> CampaignResults:
        if self._results is None:
            self._results = evaluate(self.campaign)
        return self._results

    def stages(self) -> list:
        if self._stages is None:
            self._stages = stage_fields(self.campaign.funnel)
        return self._stages

    def get(self, key: str) -> Value:
        part, _, name = key.partition(".")
        name, _, position = name.partition(":")
        campaign = self.campaign
        if part == "budget" and name == "share":
            index = int(position)
            return campaign.channels[index].share if index < len(campaign.channels) else None
        if part == "budget":
            return getattr(campaign.budget, name, None)
        if part == "plan":
            return getattr(self.results.budget, name, None)
        if part == "funnel":
            if name == "bounce":
                return campaign.funnel.bounce_rate
            rows = self.stages()
            if name == "last":
                return rows[-1][0] if rows else None
            index = int(position)
            return rows[index][("count", "step", "top").index(name)] if index < len(rows) else None
        if part == "actual":
            totals = (
                self.results.actual_by_channel.get(position)
                if position
                else self.results.actual_total
            )
            return totals.figure(name) if totals is not None else None
        if part == "actuals":
            index = int(position)
            if index >= len(campaign.actuals):
                return None
            return add_up("", [campaign.actuals[index]]).figure(name)
        if part == "kpis":
            mapping = _kpi(campaign, position)
            return getattr(mapping, name) if mapping is not None else None
        return None


def _kpi(campaign: Campaign, which: str):
    """KPI row ``which``: a position (``2``), else the first row of that KPI id."""
    if which.isdigit():
        index = int(which)
        return campaign.kpis[index] if index < len(campaign.kpis) else None
    return next((m for m in campaign.kpis if m.kpi == which), None)


def figure(campaign: Campaign, key: str) -> Value:
    """The figure ``key`` names (``plan.budget``, ``funnel.count:3``…), None if unknown."""
    return _Figures(campaign).get(key)


# --- checks --------------------------------------------------------------------------


def _feedback(check: WorkshopCheck, passed: bool, lang: str) -> str:
    own = text_in(check.passed if passed else check.missed, lang)
    return own or t("workshop_check_passed" if passed else "workshop_check_missed", lang)


def _figure_passes(check: WorkshopCheck, value: Value) -> bool:
    if value is None:
        return False
    if check.low is not None or check.high is not None:
        return (check.low is None or value >= check.low) and (
            check.high is None or value <= check.high
        )
    tolerance = check.tolerance or Decimal(0)
    return abs(value - check.target) <= tolerance  # type: ignore[operator]


def _count(campaign: Campaign, check: WorkshopCheck) -> int:
    subject = check.count
    if subject == "objectives":
        return len(campaign.objectives)
    if subject == "funnel_stages":
        return len(campaign.funnel.stages)
    if subject == "channels":
        return len(campaign.channels)
    rows = [
        mapping
        for mapping in campaign.kpis
        if (not check.among or mapping.kpi in check.among)
        and (check.objective is None or mapping.objective == check.objective)
    ]
    if subject == "kpis_with_target":
        rows = [mapping for mapping in rows if mapping.target is not None]
    return len(rows)


def _nothing_chosen(campaign: Campaign, check: WorkshopCheck) -> bool:
    if check.choice == "primary_objective":
        return campaign.primary_objective() is None
    return not campaign.objectives


def _chosen(campaign: Campaign, check: WorkshopCheck) -> bool:
    if check.choice == "primary_objective":
        primary = campaign.primary_objective()
        if primary is None:
            return False
        return (not check.one_of or primary in check.one_of) and primary not in check.not_one_of
    chosen = [objective.id for objective in campaign.objectives]
    if not chosen:
        return False
    return (not check.one_of or any(i in check.one_of for i in chosen)) and not any(
        i in check.not_one_of for i in chosen
    )


def _consistent(check: WorkshopCheck, value: Value, other: Value) -> bool:
    if value is None or other is None:
        return False
    if check.relation == "below":
        return value < other
    if check.relation == "above":
        return value > other
    return abs(value - other) <= (check.tolerance or Decimal(0))


def run_check(campaign: Campaign, check: WorkshopCheck, lang: str | None = None) -> CheckResult:
    return _run(_Figures(campaign), check, lang or campaign.meta.language)


def _run(figures: _Figures, check: WorkshopCheck, lang: str) -> CheckResult:
    campaign = figures.campaign
    value: Value = None
    if check.kind == "figure":
        value = figures.get(check.figure or "")
        passed = _figure_passes(check, value)
    elif check.kind == "count":
        count = _count(campaign, check)
        value = Decimal(count)
        passed = (check.at_least is None or count >= check.at_least) and (
            check.at_most is None or count <= check.at_most
        )
    elif check.kind == "choice":
        if _nothing_chosen(campaign, check):  # its own feedback would speak of a choice
            return CheckResult(False, t(f"workshop_choose_{check.choice}", lang), value, check)
        passed = _chosen(campaign, check)
    else:
        value = figures.get(check.figure or "")
        passed = _consistent(check, value, figures.get(check.other or ""))
    return CheckResult(passed, _feedback(check, passed, lang), value, check)


def check_step(
    campaign: Campaign, step: WorkshopStep | str, lang: str | None = None
) -> list[CheckResult]:
    """Each check of ``step`` (a step or its id) run on ``campaign``, in order."""
    step = _step(campaign, step)
    figures = _Figures(campaign)
    lang = lang or campaign.meta.language
    return [_run(figures, check, lang) for check in step.checks]


def _workshop(campaign: Campaign) -> Workshop:
    if campaign.workshop is None:
        raise Problems([Problem.of("problem_no_workshop")])
    return campaign.workshop


def _step(campaign: Campaign, step: WorkshopStep | str) -> WorkshopStep:
    if isinstance(step, WorkshopStep):
        return step
    found = _workshop(campaign).step(step)
    if found is None:
        raise Problems([Problem.of("problem_workshop_unknown_step", id=step)])
    return found


# --- blanks --------------------------------------------------------------------------


def blank_value(campaign: Campaign, key: str) -> BlankValue:
    """What the field ``key`` holds now (None or ``()``: nothing yet)."""
    if key == "objectives":
        return tuple(objective.id for objective in campaign.objectives)
    if key == "objectives.primary":
        return campaign.primary_objective()
    if key == "kpis":
        return tuple(m.kpi or (m.custom.name if m.custom else "") for m in campaign.kpis)
    return figure(campaign, key)


def blank_fields(campaign: Campaign, step: WorkshopStep | str) -> list[BlankField]:
    """The fields ``step`` leaves for the participant, with their values now."""
    step = _step(campaign, step)
    fields = []
    for key in step.blanks:
        value = blank_value(campaign, key)
        fields.append(BlankField(key, value, value not in (None, ())))
    return fields


def _emptied(campaign: Campaign, key: str) -> dict[str, Any]:
    """The parts of ``campaign`` to replace so that field ``key`` is empty."""
    part, _, name = key.partition(".")
    name, _, position = name.partition(":")
    if key == "objectives":
        return {"objectives": []}
    if key == "objectives.primary":
        chosen = [o.model_copy(update={"primary": False}) for o in campaign.objectives]
        return {"objectives": chosen}
    if key == "kpis":
        return {"kpis": []}
    if part == "kpis":
        mapping = _kpi(campaign, position)
        if mapping is None:
            return {}
        index = next(i for i, m in enumerate(campaign.kpis) if m is mapping)
        kpis = list(campaign.kpis)
        kpis[index] = mapping.model_copy(update={name: None})
        return {"kpis": kpis}
    if part == "budget" and name == "share":
        index = int(position)
        if index >= len(campaign.channels):
            return {}
        channels = list(campaign.channels)
        channels[index] = channels[index].model_copy(update={"share": None})
        return {"channels": channels}
    if part == "budget":
        return {"budget": campaign.budget.model_copy(update={name: None})}
    if part == "funnel":
        funnel = campaign.funnel
        if name == "bounce":
            return {"funnel": funnel.model_copy(update={"bounce_rate": None})}
        index = int(position)
        if index == 0:
            return {"funnel": funnel.model_copy(update={"top_count": None})}
        if index >= len(funnel.stages):
            return {}
        stages = list(funnel.stages)
        stages[index] = stages[index].model_copy(update={"rate": None})
        return {"funnel": funnel.model_copy(update={"stages": stages})}
    if part == "actuals":
        index = int(position)
        if index >= len(campaign.actuals):
            return {}
        actuals = list(campaign.actuals)
        actuals[index] = actuals[index].model_copy(update={name: None})
        return {"actuals": actuals}
    return {}


def with_blanks_emptied(campaign: Campaign, steps: list[WorkshopStep] | None = None) -> Campaign:
    """``campaign`` with every blank of ``steps`` (all the workbook's by default)
    emptied: what the participant fills in."""
    if campaign.workshop is None:
        return campaign
    for step in campaign.workshop.steps if steps is None else steps:
        for key in step.blanks:
            parts = _emptied(campaign, key)
            if parts:
                campaign = campaign.model_copy(update=parts)
    return campaign


# --- progress ------------------------------------------------------------------------


def _progress_of(workshop: Workshop, step_id: str) -> StepProgress:
    return workshop.progress.get(step_id) or StepProgress()


def _with_progress(campaign: Campaign, step_id: str, progress: StepProgress) -> Campaign:
    workshop = _workshop(campaign)
    updated = workshop.model_copy(update={"progress": {**workshop.progress, step_id: progress}})
    return campaign.model_copy(update={"workshop": updated})


def mark_checked(campaign: Campaign, step_id: str, results: list[CheckResult]) -> Campaign:
    """``campaign`` with the outcome of checking step ``step_id`` kept in its progress:
    the checks passed, and done when every check passed and every blank is filled."""
    step = _step(campaign, step_id)
    filled = all(field.filled for field in blank_fields(campaign, step))
    passed = sum(result.passed for result in results)
    progress = _progress_of(_workshop(campaign), step.id).model_copy(
        update={"checks_passed": passed, "done": filled and passed == len(results)}
    )
    return _with_progress(campaign, step.id, progress)


def check_and_mark(
    campaign: Campaign, step_id: str, lang: str | None = None
) -> tuple[Campaign, list[CheckResult]]:
    """Run step ``step_id``'s checks and keep the outcome: the edited campaign, and
    each check's result to show."""
    results = check_step(campaign, step_id, lang)
    return mark_checked(campaign, step_id, results), results


def use_hint(
    campaign: Campaign, step_id: str, lang: str | None = None
) -> tuple[Campaign, str | None]:
    """The next hint of step ``step_id`` and the campaign with it counted; with no hint
    left, the campaign unchanged and None."""
    step = _step(campaign, step_id)
    progress = _progress_of(_workshop(campaign), step.id)
    if progress.hints_used >= len(step.hints):
        return campaign, None
    hint = text_in(step.hints[progress.hints_used], lang or campaign.meta.language)
    used = progress.model_copy(update={"hints_used": progress.hints_used + 1})
    return _with_progress(campaign, step.id, used), hint


def hints_shown(campaign: Campaign, step_id: str, lang: str | None = None) -> list[str]:
    """The hints of step ``step_id`` already taken, in order (to show them again)."""
    step = _step(campaign, step_id)
    used = _progress_of(_workshop(campaign), step.id).hints_used
    return [text_in(hint, lang or campaign.meta.language) for hint in step.hints[:used]]


def workshop_progress(campaign: Campaign) -> Progress:
    """Where the participant is, read from the progress the file keeps."""
    workshop = campaign.workshop
    if workshop is None or not workshop.steps:
        return Progress(0, 0, 0, 0, 0)
    done = [_progress_of(workshop, step.id).done for step in workshop.steps]
    first = next((index for index, finished in enumerate(done) if not finished), None)
    return Progress(
        step_reached=len(done) if first is None else first + 1,
        steps_done=sum(done),
        total=len(done),
        checks_passed=sum(_progress_of(workshop, s.id).checks_passed for s in workshop.steps),
        hints_used=sum(_progress_of(workshop, s.id).hints_used for s in workshop.steps),
    )


def first_unfinished_step(campaign: Campaign) -> WorkshopStep | None:
    """The step a workbook opens on: the first not done (None: all done, or none)."""
    workshop = campaign.workshop
    if workshop is None:
        return None
    return next((s for s in workshop.steps if not _progress_of(workshop, s.id).done), None)


# --- release -------------------------------------------------------------------------


def for_participant(campaign: Campaign, participant: str = "", lang: str | None = None) -> Campaign:
    """The copy a participant receives: named for them, the blanks emptied, the
    trainer's answers, notes (``workshop.notes``) and hidden checks removed, progress
    reset (and the language set to ``lang`` when given)."""
    workshop = _workshop(campaign)
    emptied = with_blanks_emptied(campaign)
    steps = [
        step.model_copy(
            update={"answer": "", "checks": [check for check in step.checks if not check.hidden]}
        )
        for step in workshop.steps
    ]
    released = workshop.model_copy(
        update={"participant": participant, "steps": steps, "progress": {}, "notes": ""}
    )
    parts: dict[str, Any] = {"workshop": released}
    if lang is not None:
        parts["meta"] = campaign.meta.model_copy(update={"language": lang})
    return emptied.model_copy(update=parts)
