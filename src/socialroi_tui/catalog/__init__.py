"""The catalog of objectives and KPIs, in French and English, read from ``catalog.toml``."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from socialroi_tui.engine.formula import Formula

Unit = Literal["count", "rate", "money", "duration", "score"]
Source = Literal["platform", "analytics", "crm", "listening", "manual"]


class Bilingual(BaseModel):
    """A text in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class BilingualList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    fr: list[str] = []
    en: list[str] = []

    def __call__(self, lang: str) -> list[str]:
        return self.fr if lang == "fr" else self.en


class KpiDefinition(BaseModel):
    """One indicator: what it measures, how it is computed and where its number comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    unit: Unit
    better: Literal["higher", "lower"]
    formula: str = ""
    source: Source
    synonyms: list[str] = []
    name: Bilingual
    definition: Bilingual
    formula_text: Bilingual

    @model_validator(mode="after")
    def _formula_parses(self) -> KpiDefinition:
        if self.formula:
            Formula(self.formula)
        return self


class ObjectiveDefinition(BaseModel):
    """One campaign objective with its usual KPIs and content ideas."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    result: bool = False
    kpis: list[str]
    synonyms: list[str] = []
    name: Bilingual
    description: Bilingual
    hints: BilingualList = BilingualList()


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    schema_version: int
    objectives: list[ObjectiveDefinition]
    kpis: list[KpiDefinition]

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalog:
        kpi_ids = [k.id for k in self.kpis]
        objective_ids = [o.id for o in self.objectives]
        for ids, what in ((kpi_ids, "KPI"), (objective_ids, "objective")):
            duplicates = {i for i in ids if ids.count(i) > 1}
            if duplicates:
                raise ValueError(f"duplicate {what} ids: {sorted(duplicates)}")
        for objective in self.objectives:
            unknown = set(objective.kpis) - set(kpi_ids)
            if unknown:
                raise ValueError(f"objective {objective.id} names unknown KPIs {sorted(unknown)}")
        return self

    def objective(self, objective_id: str) -> ObjectiveDefinition | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def kpi(self, kpi_id: str) -> KpiDefinition | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def kpis_for(self, objective_ids: list[str]) -> list[KpiDefinition]:
        """The KPIs suggested for these objectives, each once, in catalog order of objectives."""
        seen: list[str] = []
        for objective_id in objective_ids:
            objective = self.objective(objective_id)
            for kpi_id in objective.kpis if objective else []:
                if kpi_id not in seen:
                    seen.append(kpi_id)
        return [k for k in (self.kpi(i) for i in seen) if k is not None]


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in the package (read once)."""
    text = resources.files(__package__).joinpath("catalog.toml").read_text(encoding="utf-8")
    return Catalog.model_validate(tomllib.loads(text, parse_float=Decimal))
