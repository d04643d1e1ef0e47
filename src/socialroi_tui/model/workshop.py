"""The ``[workshop]`` part of a campaign: a workbook a trainer hands out, in steps.

A step is tied to a section, says what to do (``instructions``, Markdown), names the
fields left blank for the participant (``blanks``, by their edit keys), gives ``hints``
and ``checks``. What only the trainer should see (``answer`` notes, checks marked
``hidden = true``) is stripped when the workbook is released. ``progress`` is kept in
the file, per step, so that the trainer reads where everyone is from the files handed
back.

A text may be a plain string (in the campaign's language) or a table by language
(``{ fr = "…", en = "…" }``); ``text_in`` picks the one to show.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, field_validator, model_validator

from socialroi_tui.model.campaign import (
    MEASURES,
    Amount,
    Identifier,
    Model,
    ShortText,
    Text,
    _unix_newlines,
)
from socialroi_tui.text.words import Problem, Problems, at

WorkshopSection = Literal["objectives", "kpis", "funnel", "budget", "dashboard", "attribution"]
MOST_STEPS = 100
MOST_HINTS = 20
MOST_CHECKS = 20
MOST_BLANKS = 50
MOST_CHOICES = 50

TEXT_LENGTH = 10_000


def _read_localized(value: Any) -> str | dict[str, str]:
    """A text, or a table of texts by language, each of at most ``TEXT_LENGTH``."""
    texts = value if isinstance(value, dict) else {"": value}
    if not texts or any(
        not isinstance(text, str) or language not in ("", "fr", "en")
        for language, text in texts.items()
    ):
        raise ValueError(Problem.of("problem_workshop_text"))
    if any(len(text) > TEXT_LENGTH for text in texts.values()):
        raise ValueError(Problem.of("problem_too_long", limit=TEXT_LENGTH))
    tidy = {language: _unix_newlines(text) for language, text in texts.items()}
    return tidy.get("", tidy)


Localized = Annotated[str | dict[str, str], PlainValidator(_read_localized)]
"""A text in the campaign's language, or one per language (``{ fr = "…", en = "…" }``)."""


def text_in(text: str | dict[str, str], lang: str) -> str:
    """The text to show in ``lang``: a plain string as it is; of a table by language, the
    one in ``lang``, else the other one (empty if none)."""
    if isinstance(text, str):
        return text
    return text.get(lang) or next((value for value in text.values() if value), "")


# --- the keys that name a figure or a field ------------------------------------------

ASSUMPTIONS = (
    "target_conversions",
    "budget",
    "conversion_rate",
    "ctr",
    "price",
    "average_order_value",
    "gross_margin",
    "target_cpa",
    "target_roi",
    "target_roas",
)
"""The budget plan's figures as typed (``budget.ctr``)."""
PLAN_RESULTS = (
    "budget",
    "impressions",
    "clicks",
    "conversions",
    "cpa",
    "revenue",
    "profit",
    "roi",
    "roas",
    "break_even_cpa",
)
"""What the plan works out (``plan.budget``)."""
ACTUAL_MEASURES = MEASURES
ACTUAL_METRICS = (
    "ctr",
    "conversion_rate",
    "bounce_rate",
    "cpm",
    "cpc",
    "cpl",
    "cpa",
    "roi",
    "roas",
)
KPI_FIGURES = ("target", "actual")
FUNNEL_FIGURES = ("count", "step", "top")

_POSITION = r"[0-9]{1,4}"
_ID = r"[A-Za-z0-9_.-]{1,64}"
_names = "|".join
FIGURE_KEY = re.compile(  # \Z: the very end ($ lets a final newline through)
    rf"""^(?:
        budget\.(?:{_names(ASSUMPTIONS)})
      | budget\.share:{_POSITION}
      | plan\.(?:{_names(PLAN_RESULTS)})
      | funnel\.(?:{_names(FUNNEL_FIGURES)}):{_POSITION}
      | funnel\.(?:last|bounce)
      | actual\.(?:{_names(ACTUAL_MEASURES + ACTUAL_METRICS)})(?::{_ID})?
      | actuals\.(?:{_names(ACTUAL_MEASURES + ACTUAL_METRICS)}):{_POSITION}
      | kpis\.(?:{_names(KPI_FIGURES)}):{_ID}
    )\Z""",
    re.VERBOSE,
)
"""A figure a check reads:

- ``budget.<assumption>`` (``budget.ctr``), ``budget.share:N`` (network N's share);
- ``plan.<result>`` (``plan.budget``, ``plan.cpa``…), the plan as worked out;
- ``funnel.count:N``, ``funnel.step:N``, ``funnel.top:N`` (stage N from 0),
  ``funnel.last`` (the last stage's count), ``funnel.bounce``;
- ``actual.<measure or metric>`` for every actual result added up, or ``:<network id>``;
- ``actuals.<measure or metric>:N``, the actual result row N (``actuals.cpa:1``);
- ``kpis.target:K``, ``kpis.actual:K``: KPI row K (a position) or the first of KPI id K.
"""
BLANK_KEY = re.compile(
    rf"""^(?:
        objectives | objectives\.primary | kpis
      | kpis\.(?:{_names(KPI_FIGURES)}):{_ID}
      | budget\.(?:{_names(ASSUMPTIONS)})
      | budget\.share:{_POSITION}
      | funnel\.(?:{_names(FUNNEL_FIGURES)}):{_POSITION}
      | funnel\.bounce
      | actuals\.(?:{_names(ACTUAL_MEASURES)}):{_POSITION}
    )\Z""",
    re.VERBOSE,
)
"""A field left blank for the participant: the app's edit keys (``budget.ctr``,
``budget.share:2``, ``funnel.count:1``, ``funnel.step:1``, ``funnel.top:1``,
``funnel.bounce``), and ``objectives`` (the objectives chosen), ``objectives.primary``
(which one is primary), ``kpis`` (the KPI rows), ``kpis.target:K`` / ``kpis.actual:K``
and ``actuals.<measure>:N``."""

CountSubject = Literal["objectives", "kpis", "kpis_with_target", "funnel_stages", "channels"]
ChoiceSubject = Literal["primary_objective", "objectives"]
Relation = Literal["equal", "below", "above"]


class WorkshopCheck(Model):
    """A rule the participant can run. ``kind``:

    - ``figure``: ``figure`` between ``low`` and ``high``, or ``target`` ± ``tolerance``;
    - ``count``: how many ``count`` (``kpis_with_target``…, only the KPIs ``among`` these
      ids or of ``objective`` when given) is at least ``at_least`` / at most ``at_most``;
    - ``choice``: ``choice`` (``primary_objective``, or any chosen ``objectives``) is one
      of ``one_of``, or none of ``not_one_of``;
    - ``consistent``: ``figure`` is ``relation`` (equal within ``tolerance``, below,
      above) to ``other``.

    ``passed`` and ``missed`` are the feedback shown; ``hidden`` checks stay the
    trainer's (a release removes them)."""

    kind: Literal["figure", "count", "choice", "consistent"]
    figure: str | None = None
    low: Amount | None = None
    high: Amount | None = None
    target: Amount | None = None
    tolerance: Amount | None = None
    count: CountSubject | None = None
    among: list[Identifier] = Field(default_factory=list, max_length=MOST_CHOICES)
    objective: Identifier | None = None
    at_least: Annotated[int, Field(ge=0, le=10_000)] | None = None
    at_most: Annotated[int, Field(ge=0, le=10_000)] | None = None
    choice: ChoiceSubject | None = None
    one_of: list[Identifier] = Field(default_factory=list, max_length=MOST_CHOICES)
    not_one_of: list[Identifier] = Field(default_factory=list, max_length=MOST_CHOICES)
    other: str | None = None
    relation: Relation = "equal"
    passed: Localized = ""
    missed: Localized = ""
    hidden: bool = False

    @field_validator("figure", "other")
    @classmethod
    def _known_figure(cls, key: str | None) -> str | None:
        if key is not None and not FIGURE_KEY.match(key):
            raise ValueError(Problem.of("problem_workshop_figure", name=key[:80]))
        return key

    @model_validator(mode="after")
    def _complete(self) -> WorkshopCheck:
        needs = {
            "figure": self.figure is not None
            and (
                (self.low is not None or self.high is not None)
                or (self.target is not None and self.low is None and self.high is None)
            ),
            "count": self.count is not None and (self.at_least, self.at_most) != (None, None),
            "choice": self.choice is not None and bool(self.one_of or self.not_one_of),
            "consistent": self.figure is not None and self.other is not None,
        }
        if not needs[self.kind]:
            raise ValueError(Problem.of(f"problem_workshop_check_{self.kind}"))
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(Problem.of("problem_range_order"))
        return self


class WorkshopStep(Model):
    id: Identifier
    section: WorkshopSection
    title: Localized = ""
    instructions: Localized = ""
    """Markdown."""
    blanks: list[str] = Field(default_factory=list, max_length=MOST_BLANKS)
    hints: list[Localized] = Field(default_factory=list, max_length=MOST_HINTS)
    checks: list[WorkshopCheck] = Field(default_factory=list, max_length=MOST_CHECKS)
    answer: Localized = ""
    """The trainer's notes on the answer (a release removes them)."""

    @field_validator("blanks")
    @classmethod
    def _known_fields(cls, keys: list[str]) -> list[str]:
        for key in keys:
            if not BLANK_KEY.match(key):
                raise ValueError(Problem.of("problem_workshop_blank", name=key[:80]))
        if len(set(keys)) != len(keys):
            raise ValueError(Problem.of("problem_workshop_blank_twice"))
        return keys


class StepProgress(Model):
    """How far a participant is with one step (written when they check it, or take a
    hint)."""

    done: bool = False
    checks_passed: Annotated[int, Field(ge=0, le=MOST_CHECKS)] = 0
    hints_used: Annotated[int, Field(ge=0, le=MOST_HINTS)] = 0


class Workshop(Model):
    title: ShortText = ""
    participant: ShortText = ""
    steps: list[WorkshopStep] = Field(default_factory=list, max_length=MOST_STEPS)
    progress: dict[Identifier, StepProgress] = Field(default_factory=dict)
    notes: Text = ""
    """The trainer's notes on the whole workshop (a release removes them)."""

    @model_validator(mode="after")
    def _steps_consistent(self) -> Workshop:
        problems: list[Problem] = []
        ids = [step.id for step in self.steps]
        if len(set(ids)) != len(ids):
            problems.append(at("workshop.steps", Problem.of("problem_workshop_step_ids")))
        for step_id in self.progress:
            if step_id not in ids:
                problem = Problem.of("problem_workshop_unknown_step", id=step_id)
                problems.append(at("workshop.progress", problem))
        if problems:
            raise Problems(problems)
        return self

    def step(self, step_id: str) -> WorkshopStep | None:
        return next((step for step in self.steps if step.id == step_id), None)
