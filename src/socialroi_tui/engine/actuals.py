"""Actual results added up per channel and per publication, with derived metrics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from socialroi_tui.engine.formula import Formula

Value = Decimal | None
MEASURES = ("spend", "impressions", "reach", "clicks", "leads", "bounces", "conversions", "revenue")
# Derived metrics, by the formulas the catalog documents (DOMAIN.md's table).
METRIC_FORMULAS = {
    "ctr": Formula("clicks / impressions"),
    "conversion_rate": Formula("conversions / clicks"),
    "bounce_rate": Formula("bounces / clicks"),
    "cpm": Formula("spend / impressions * 1000"),
    "cpc": Formula("spend / clicks"),
    "cpl": Formula("spend / leads"),
    "cpa": Formula("spend / conversions"),
    "roi": Formula("(revenue - spend) / spend"),
    "roas": Formula("revenue / spend"),
}


@dataclass(frozen=True)
class Totals:
    """Summed measures of some actual results, and the metrics derived from them."""

    label: str
    measures: dict[str, Value]
    metrics: dict[str, Value] = field(default_factory=dict)

    def figure(self, name: str) -> Value:
        """A measure or a derived metric by name."""
        if name in self.measures:
            return self.measures[name]
        return self.metrics.get(name)


def add_up(label: str, rows: Iterable, summed: bool = False) -> Totals:
    """Sum each measure over ``rows`` (``None`` when no row has it), then derive metrics.

    With ``summed``, the rows are ``Totals`` already added up (to add channels together)."""
    measures: dict[str, Value] = dict.fromkeys(MEASURES)
    for row in rows:
        source = row.measures if summed else None
        for name in MEASURES:
            value = source[name] if source is not None else getattr(row, name)
            if value is not None:
                current = measures[name]
                measures[name] = value if current is None else current + value
    metrics = {name: formula.evaluate(measures) for name, formula in METRIC_FORMULAS.items()}
    return Totals(label=label, measures=measures, metrics=metrics)
