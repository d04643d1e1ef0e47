"""Actual results added up per channel and per publication, with derived metrics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter

from socialroi_tui.engine import formulas as f
from socialroi_tui.model.campaign import MEASURES
from socialroi_tui.text.formula import Formula

Value = Decimal | None
_measures_of = attrgetter(*MEASURES)
# Derived metrics, by the formulas the catalog documents (DOMAIN.md's table).
METRIC_FORMULAS = {
    "ctr": Formula("clicks / impressions"),
    "conversion_rate": Formula("conversions / clicks"),
    "bounce_rate": Formula("bounces / clicks"),
    "cpm": Formula("spend / impressions * 1000"),
    "cpc": Formula("spend / clicks"),
    "cpl": Formula("spend / leads"),
    "cpa": Formula("spend / conversions"),
    "roi": Formula("(revenue - spend) / spend"),  # on revenue: see figure_with_margin
    "roas": Formula("revenue / spend"),
}


@dataclass(frozen=True)
class Totals:
    """Summed measures of some actual results, and the metrics derived from them (each
    worked out when first asked: a campaign of 100 000 publications shows a few)."""

    label: str
    measures: dict[str, Value]
    counted: int = field(default=0, compare=False, repr=False)
    """The results that gave a figure (so that more can be added: ``add_more``)."""

    @cached_property
    def metrics(self) -> dict[str, Value]:
        return {name: self.figure(name) for name in METRIC_FORMULAS}

    def figure(self, name: str) -> Value:
        """A measure or a derived metric by name."""
        if name in self.measures:
            return self.measures[name]
        worked_out: dict[str, Value] = self.__dict__.setdefault("_worked_out", {})
        if name not in worked_out:
            formula = METRIC_FORMULAS.get(name)
            worked_out[name] = formula.evaluate(self.measures) if formula else None
        return worked_out[name]


def add_up(label: str, rows: Iterable, summed: bool = False) -> Totals:
    """Sum each measure over ``rows`` (``None`` when no row has it); the metrics follow.

    With ``summed``, the rows are ``Totals`` already added up (to add channels together)."""
    return _summed(label, dict.fromkeys(MEASURES), 0, rows, summed)


def add_more(totals: Totals, rows: Iterable) -> Totals:
    """``totals`` with more results added: the very figures ``add_up`` gives for the
    results ``totals`` was added up from followed by ``rows`` (the sums are made in the
    same order), without adding the first ones again."""
    return _summed(totals.label, dict(totals.measures), totals.counted, rows, False)


def _summed(
    label: str, measures: dict[str, Value], active: int, rows: Iterable, summed: bool
) -> Totals:
    counted_in_parts = 0
    for row in rows:
        values = [row.measures[name] for name in MEASURES] if summed else _measures_of(row)
        counted = False
        for name, value in zip(MEASURES, values, strict=True):
            if value is not None:
                counted = True
                current = measures[name]
                measures[name] = value if current is None else current + value
        if summed:  # a part that added up results counts, its reach unknown or not
            counted = counted or row.counted > 0
            counted_in_parts += row.counted
        active += counted
    if active > 1:
        # Reach counts people once: the people two publications reached are not the sum
        # of each one's (the same person saw both). Unknown ("—") rather than too many.
        measures["reach"] = None
    return Totals(label=label, measures=measures, counted=counted_in_parts if summed else active)


def with_sales_from(platform: Totals, other: Totals | None, origin: str) -> Totals:
    """The platform's figures, with the conversions and the revenue of ``origin``: the
    ad platform's own, or ``other``'s — those the site's analytics saw, or those an
    attribution model credits (never added to the platform's)."""
    if origin == "platform":
        return platform
    seen = other.measures if other is not None else {}
    measures = {
        **platform.measures,
        "conversions": seen.get("conversions"),
        "revenue": seen.get("revenue"),
    }
    return Totals(label=platform.label, measures=measures)


def figure_with_margin(totals: Totals, name: str, gross_margin: Value) -> Value:
    """A figure of ``totals``, where the profit and the headline ROI take the campaign's
    gross margin: the ROI is on gross profit when the margin is known, else on revenue
    (as the plan's: ``formulas.headline_roi``)."""
    if name == "profit":
        return f.gross_profit(totals.measures["revenue"], gross_margin, totals.measures["spend"])
    if name == "roi":
        return f.headline_roi(totals.measures["revenue"], gross_margin, totals.measures["spend"])
    return totals.figure("roi" if name == "roi_on_revenue" else name)


def credited_totals(
    conversions: dict[str, Decimal], value: dict[str, Decimal], channels
) -> dict[str, Totals]:
    """An attribution's credits as each network's sales and revenue: a credited channel
    counts for the campaign's network it names (by id or by network, ``facebook``);
    the others (e-mail, word of mouth) are no network of the plan."""
    owner: dict[str, str] = {}
    for channel in channels:
        owner.setdefault(channel.network.lower(), channel.id)
    for channel in channels:
        owner[channel.id.lower()] = channel.id
    credited: dict[str, dict[str, Value]] = {}
    for name, count in conversions.items():
        channel_id = owner.get(name.lower())
        if channel_id is None:
            continue
        measures = credited.setdefault(channel_id, dict.fromkeys(MEASURES))
        measures["conversions"] = (measures["conversions"] or Decimal(0)) + count
        measures["revenue"] = (measures["revenue"] or Decimal(0)) + value.get(name, Decimal(0))
    return {cid: Totals(label=cid, measures=measures) for cid, measures in credited.items()}
