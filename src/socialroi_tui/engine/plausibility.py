"""Figures that parse but are probably a slip: warnings, never refusals.

``0,5`` in a conversion rate reads as a fraction, 50 %, when the consultant most likely
meant 0,5 %; a click-through rate of 50 % or a CPM of 900 € are possible but rare enough
to deserve a second look; more clicks than impressions means a column is wrong. These
checks return structured warnings (a code and its values); the interface words them.

Codes
-----
``high``
    a single value above what the field usually holds (``limit``); ``suggestion`` is the
    value the person probably meant, when there is a sound one (a rate read as a
    fraction instead of a percentage: the value divided by 100).
``exceeds``
    a measure above another one it cannot normally exceed (``other``, whose value is
    ``limit``): clicks above impressions, conversions above clicks...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

WarningCode = Literal["high", "exceeds"]

USUAL_MAXIMUM: dict[str, Decimal] = {
    "conversion_rate": Decimal("0.2"),
    "ctr": Decimal("0.2"),
    "cpm": Decimal("200"),
}
"""The highest value a field usually holds (rates as fractions, prices in the campaign's
currency); a value strictly above it gets a warning."""

FIELD_UNITS: dict[str, str] = {"conversion_rate": "rate", "ctr": "rate", "cpm": "money"}
"""The unit of each field checked alone (``rate`` or ``money``)."""

CEILINGS: tuple[tuple[str, str], ...] = (
    ("clicks", "impressions"),
    ("reach", "impressions"),
    ("conversions", "clicks"),
    ("bounces", "clicks"),
)
"""(measure, the measure it should not exceed), in the order warnings are given."""


@dataclass(frozen=True)
class PlausibilityWarning:
    """A figure worth a second look. ``limit`` is the usual maximum (``high``) or the
    other measure's value (``exceeds``); ``other`` names that measure."""

    code: WarningCode
    field: str
    value: Decimal
    limit: Decimal
    suggestion: Decimal | None = None
    other: str | None = None


def check_value(field: str, value: Decimal | None) -> PlausibilityWarning | None:
    """A warning when ``value`` is above what ``field`` usually holds, else None.

    Fields: ``conversion_rate`` and ``ctr`` (fractions), ``cpm`` (money). Any other field,
    or no value, gives None.
    """
    limit = USUAL_MAXIMUM.get(field)
    if limit is None or value is None or not value.is_finite() or value <= limit:
        return None
    suggestion = None
    if FIELD_UNITS[field] == "rate":
        # "0,5" typed for 0,5 %: the parser read a fraction, 50 %.
        candidate = value / 100
        if 0 < candidate <= limit:
            suggestion = candidate
    return PlausibilityWarning("high", field, value, limit, suggestion)


def check_measures(measures: Mapping[str, Decimal | None]) -> list[PlausibilityWarning]:
    """Warnings for one set of actual measures (a result row): clicks above impressions,
    reach above impressions, conversions or bounces above clicks. A missing measure is
    not checked."""
    warnings = []
    for field, other in CEILINGS:
        value, ceiling = measures.get(field), measures.get(other)
        if value is None or ceiling is None:
            continue
        if value > ceiling:
            warnings.append(PlausibilityWarning("exceeds", field, value, ceiling, other=other))
    return warnings


def check_budget(plan: Any) -> list[PlausibilityWarning]:
    """Warnings for a budget plan (``BudgetPlan`` or any object with its attributes):
    conversion rate, click-through rate and, when media is bought per thousand
    impressions, the CPM."""
    found = [
        check_value("conversion_rate", getattr(plan, "conversion_rate", None)),
        check_value("ctr", getattr(plan, "ctr", None)),
    ]
    if getattr(plan, "pricing", None) == "cpm":
        found.append(check_value("cpm", getattr(plan, "price", None)))
    return [w for w in found if w is not None]
