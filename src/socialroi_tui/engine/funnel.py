"""Funnel arithmetic: counts, step rates and rates from the top."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socialroi_tui.text.formula import safe_divide

Value = Decimal | None


@dataclass(frozen=True)
class StageResult:
    id: str
    label: str
    count: Value
    step_rate: Value
    rate_from_top: Value
    given_from_top: bool


@dataclass(frozen=True)
class FunnelResult:
    stages: tuple[StageResult, ...]
    landing_stage: str | None = None
    bounce_rate: Value = None
    staying: Value = None
    cyclic: bool = False

    def stage(self, stage_id: str) -> StageResult | None:
        return next((s for s in self.stages if s.id == stage_id), None)


def evaluate_funnel(funnel) -> FunnelResult:
    """Counts and rates of every stage of a ``model.Funnel``."""
    results: list[StageResult] = []
    previous_from_top: Value = None
    for index, stage in enumerate(funnel.stages):
        if index == 0:
            from_top: Value = Decimal(1)
        elif stage.basis == "top":
            from_top = stage.rate
        elif stage.rate is None or previous_from_top is None:
            from_top = None
        else:
            from_top = previous_from_top * stage.rate
        step = None if index == 0 else safe_divide(from_top, previous_from_top)
        count = None
        if funnel.top_count is not None and from_top is not None:
            count = funnel.top_count * from_top
        results.append(
            StageResult(
                id=stage.id,
                label=stage.label,
                count=count,
                step_rate=step,
                rate_from_top=from_top,
                given_from_top=index > 0 and stage.basis == "top",
            )
        )
        previous_from_top = from_top
    staying = None
    landing = next((s for s in results if s.id == funnel.landing_stage), None)
    if landing and landing.count is not None and funnel.bounce_rate is not None:
        staying = landing.count * (1 - funnel.bounce_rate)
    return FunnelResult(
        stages=tuple(results),
        landing_stage=funnel.landing_stage,
        bounce_rate=funnel.bounce_rate,
        staying=staying,
        cyclic=funnel.cyclic,
    )


def plan_funnel(impressions: Value, clicks: Value, conversions: Value, labels: tuple[str, ...]):
    """A budget plan seen as a funnel: impressions → clicks → conversions."""
    counts = (impressions, clicks, conversions)
    stages = []
    previous: Value = None
    for index, (stage_id, label, count) in enumerate(
        zip(("impressions", "clicks", "conversions"), labels, counts, strict=True)
    ):
        from_top = safe_divide(count, impressions)
        stages.append(
            StageResult(
                id=stage_id,
                label=label,
                count=count,
                step_rate=None if index == 0 else safe_divide(count, previous),
                rate_from_top=from_top,
                given_from_top=False,
            )
        )
        previous = count
    return FunnelResult(stages=tuple(stages))


def stage_fields(funnel) -> list[tuple[Decimal | None, Decimal | None, Decimal | None]]:
    """What each stage's count, step and from-top fields show. The field of the rate a
    stage holds shows that rate as it is (a ``Ratio`` as ``1 sur 6``), even where no
    count can be worked out (a stage above without its count); the other one shows
    what it comes to."""
    rows = []
    for index, (stage, figures) in enumerate(
        zip(funnel.stages, evaluate_funnel(funnel).stages, strict=True)
    ):
        step, top = figures.step_rate, figures.rate_from_top
        if index and stage.basis == "previous" and stage.rate is not None:
            step = stage.rate
        if index and stage.basis == "top" and stage.rate is not None:
            top = stage.rate
        rows.append((figures.count, step, top))
    return rows
