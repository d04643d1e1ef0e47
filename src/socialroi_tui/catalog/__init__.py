"""The catalog of objectives and KPIs, in French and English, written in ``catalog.toml``.

Plain dataclasses (no pydantic) so that the first screen can show the catalog before
the campaign model is even imported.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

UNITS = ("count", "rate", "money", "duration", "score")
SOURCES = ("platform", "analytics", "crm", "listening", "manual")


class CatalogError(ValueError):
    """The catalog file is inconsistent (a packaging bug, caught by the tests)."""


@dataclass(frozen=True)
class Bilingual:
    """A text in both languages."""

    fr: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class BilingualList:
    fr: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def __call__(self, lang: str) -> tuple[str, ...]:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class KpiDefinition:
    """One indicator: what it measures, how it is computed and where its number comes from."""

    id: str
    unit: str
    better: str
    source: str
    name: Bilingual
    definition: Bilingual
    formula_text: Bilingual
    formula: str = ""
    synonyms: tuple[str, ...] = ()
    minimum: Decimal | None = None
    """The lowest value the indicator can take, in its unit (rates as fractions), or None."""
    maximum: Decimal | None = None
    """The highest value it can take (``1`` for a rate that is a part of a whole), or None."""

    def out_of_range(self, value: Decimal | None) -> Literal["below", "above"] | None:
        """``below`` the minimum, ``above`` the maximum, or None (in range, or no value)."""
        if value is None:
            return None
        if self.minimum is not None and value < self.minimum:
            return "below"
        if self.maximum is not None and value > self.maximum:
            return "above"
        return None


@dataclass(frozen=True)
class ObjectiveDefinition:
    """One campaign objective with its usual KPIs and content ideas."""

    id: str
    kpis: tuple[str, ...]
    name: Bilingual
    description: Bilingual
    hints: BilingualList = field(default_factory=BilingualList)
    result: bool = False
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    objectives: tuple[ObjectiveDefinition, ...]
    kpis: tuple[KpiDefinition, ...]

    def objective(self, objective_id: str) -> ObjectiveDefinition | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def kpi(self, kpi_id: str) -> KpiDefinition | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def kpis_for(self, objective_ids: list[str]) -> list[KpiDefinition]:
        """The KPIs suggested for these objectives, each once, in order."""
        seen: list[str] = []
        for objective_id in objective_ids:
            objective = self.objective(objective_id)
            for kpi_id in objective.kpis if objective else ():
                if kpi_id not in seen:
                    seen.append(kpi_id)
        return [k for k in (self.kpi(i) for i in seen) if k is not None]


def _bilingual(data: dict[str, Any], key: str, where: str) -> Bilingual:
    texts = data.get(key)
    if not isinstance(texts, dict) or not all(
        isinstance(texts.get(lang), str) and texts[lang].strip() for lang in ("fr", "en")
    ):
        raise CatalogError(f"{where}.{key}: needs a French and an English text")
    return Bilingual(texts["fr"], texts["en"])


def _bound(data: dict[str, Any], key: str, where: str) -> Decimal | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise CatalogError(f"{where}.{key}: needs a number")
    bound = Decimal(str(value))
    if not bound.is_finite():
        raise CatalogError(f"{where}.{key}: needs a finite number")
    return bound


def _read_kpi(data: dict[str, Any]) -> KpiDefinition:
    where = f"kpis.{data.get('id')}"
    minimum, maximum = _bound(data, "min", where), _bound(data, "max", where)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise CatalogError(f"{where}: min is above max")
    if data.get("unit") not in UNITS or data.get("source") not in SOURCES:
        raise CatalogError(f"{where}: unknown unit or source")
    if data.get("better") not in ("higher", "lower"):
        raise CatalogError(f"{where}.better: higher or lower")
    formula = data.get("formula", "")
    if formula:
        from socialroi_tui.text.formula import Formula

        Formula(formula)
    return KpiDefinition(
        id=str(data["id"]),
        unit=data["unit"],
        better=data["better"],
        source=data["source"],
        name=_bilingual(data, "name", where),
        definition=_bilingual(data, "definition", where),
        formula_text=_bilingual(data, "formula_text", where),
        formula=formula,
        synonyms=tuple(data.get("synonyms", ())),
        minimum=minimum,
        maximum=maximum,
    )


def _read_objective(data: dict[str, Any]) -> ObjectiveDefinition:
    where = f"objectives.{data.get('id')}"
    hints = data.get("hints", {})
    return ObjectiveDefinition(
        id=str(data["id"]),
        kpis=tuple(data["kpis"]),
        name=_bilingual(data, "name", where),
        description=_bilingual(data, "description", where),
        hints=BilingualList(tuple(hints.get("fr", ())), tuple(hints.get("en", ()))),
        result=bool(data.get("result", False)),
        synonyms=tuple(data.get("synonyms", ())),
    )


def parse_catalog(data: dict[str, Any]) -> Catalog:
    """Build and check a catalog from its TOML data."""
    catalog = Catalog(
        objectives=tuple(_read_objective(o) for o in data["objectives"]),
        kpis=tuple(_read_kpi(k) for k in data["kpis"]),
    )
    kpi_ids = [k.id for k in catalog.kpis]
    objective_ids = [o.id for o in catalog.objectives]
    for ids, what in ((kpi_ids, "KPI"), (objective_ids, "objective")):
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise CatalogError(f"duplicate {what} ids: {sorted(duplicates)}")
    for objective in catalog.objectives:
        unknown = set(objective.kpis) - set(kpi_ids)
        if unknown:
            raise CatalogError(f"objective {objective.id} names unknown KPIs {sorted(unknown)}")
        if len(objective.hints.fr) != len(objective.hints.en):
            raise CatalogError(f"objective {objective.id}: hints differ between languages")
    return catalog


HERE = Path(__file__).parent
"""The catalog's files, installed beside this module (no importlib.resources: start-up)."""


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in the package (read once, from ``catalog.json``: the same data
    as ``catalog.toml``, read 25 times faster for the first screen)."""
    text = (HERE / "catalog.json").read_text(encoding="utf-8")
    return parse_catalog(json.loads(text))


def compiled_catalog() -> str:
    """``catalog.toml`` as the JSON the app reads (``python -m socialroi_tui.catalog``
    writes it after an edit; a test checks it is up to date)."""
    text = (HERE / "catalog.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    parse_catalog(data)  # refuse an inconsistent catalog here, not in the app
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
