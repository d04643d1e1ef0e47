"""Pydantic models of a campaign. Money and rates are ``Decimal``; rates are fractions.

A number may also be written as text in a file (``"2,5 %"``, ``"5 000 €"``): it is read
with the number parser, in the campaign's language (pass ``context={"lang": ...}``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

from socialroi_tui.text.numbers import (
    MONEY_DECIMALS,
    NumberError,
    NumberKind,
    Ratio,
    out_of_range,
    parse_number,
    parse_rate_or_ratio,
)
from socialroi_tui.text.safe import shortened
from socialroi_tui.text.words import Problem, Problems, at

SCHEMA_VERSION = 1
MOST_SCENARIOS = 20
RESERVED_SCENARIO_NAMES = {"base", "référence", "reference"}
"""What the base plan is called (in every language): no scenario may take it."""
NETWORKS = ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok", "pinterest", "other")
Network = Literal[
    "facebook", "instagram", "linkedin", "x", "youtube", "tiktok", "pinterest", "other"
]
NETWORK_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "pinterest": "Pinterest",
}
"""How the networks write their names (``other`` is named in the user's language)."""
Unit = Literal["count", "rate", "money", "duration", "score"]
Review = Literal["daily", "weekly", "monthly", "quarterly", "end"]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]*\Z")]
"""An id (a network's, a stage's…): up to 64 letters, digits, dots, dashes, underscores
(an empty or long one is refused as such, not as holding characters not allowed)."""
Origin = Literal["platform", "analytics"]
SalesSource = Literal["platform", "analytics", "attribution"]
AttributionModel = Literal["last", "first", "linear", "position", "time-decay", "markov", "shapley"]
"""Where an actual figure comes from: the ad platform (spend, clicks, the conversions it
reports) or the site's analytics (sessions, key events, revenue the site saw). The two
describe the same people twice: they are shown side by side, never added up."""
OFF_SOCIAL = ""
"""The channel of an analytics row whose source is no social network (``google /
organic``): the site's other traffic, kept apart from the networks."""


def _unix_newlines(value: Any) -> Any:
    """Line breaks as ``\n`` whatever the editor wrote (TOML would fold ``\r\n`` anyway)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_unix_newlines), Field(max_length=10_000)]
MOST_SHORT_TEXT = 200
"""Characters in a short text: a name, a label, a source."""
ShortText = Annotated[str, BeforeValidator(_unix_newlines), Field(max_length=MOST_SHORT_TEXT)]


_PLAIN_CEILING = {"rate": 1, "money": 10**15, "number": 10**15, "count": 10**15}
"""Whole numbers from 0 up to these need no further check (see ``out_of_range``)."""


def _plain_decimal(value: Decimal) -> bool:
    """A finite amount from 0 to 10¹⁵ with at most 6 decimals: nothing to refuse."""
    return (
        value.is_finite()
        and 0 <= value <= _PLAIN_CEILING["money"]
        and value.as_tuple().exponent >= -MONEY_DECIMALS  # type: ignore[operator]
    )


def _number_reader(kind: NumberKind):
    """A validator that turns text, ints and Decimals into a finite ``Decimal``."""

    def read(value: Any, info: ValidationInfo) -> Any:
        if type(value) is int and 0 <= value <= _PLAIN_CEILING[kind]:
            return Decimal(value)  # the common cases in a large file, checked at once
        if type(value) is Decimal and kind != "rate" and _plain_decimal(value):
            return value
        if value is None:
            return None
        if isinstance(value, bool):
            raise ValueError(Problem.of("problem_not_true_false"))
        if isinstance(value, str):
            lang = (info.context or {}).get("lang", "en")
            try:
                return parse_number(value, kind, lang=lang, field=info.field_name or "")
            except NumberError as error:
                raise ValueError(error.problem()) from None
        if isinstance(value, float):
            value = Decimal(repr(value))
        if isinstance(value, int):
            value = Decimal(value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(Problem.of("problem_not_finite"))
            problem = out_of_range(value, kind)
            if problem:
                reason = Problem.of(f"reason_{problem}")
                shown = shortened(str(value), 40)
                raise ValueError(Problem.of("problem_value_refused", value=shown, reason=reason))
            if kind != "number" and value < 0:
                raise ValueError(Problem.of("reason_negative"))
            if kind == "rate" and value > 1:
                raise ValueError(Problem.of("problem_rate_above_100_in_file"))
        return value

    return BeforeValidator(read)


Rate = Annotated[Decimal, _number_reader("rate")]


def _read_ratio(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """A funnel's rate: a ``Ratio`` kept as it is (its terms are what a save writes, so
    they must read back), text read as a rate or a ratio (``"1/6"``, ``"1 sur 6"``,
    ``"2,5 %"``), anything else as a ``Rate``."""
    if isinstance(value, Ratio):
        try:  # what a save writes must read back: the same checks as for a file's text
            parse_rate_or_ratio(value.as_text(), field=info.field_name or "")
        except NumberError as error:
            raise ValueError(error.problem()) from None
        return value
    if isinstance(value, str):
        lang = (info.context or {}).get("lang", "en")
        try:
            return parse_rate_or_ratio(value, lang=lang, field=info.field_name or "")
        except NumberError as error:
            raise ValueError(error.problem()) from None
    return handler(value)


StageRate = Annotated[Decimal, _number_reader("rate"), WrapValidator(_read_ratio)]
"""A funnel stage's rate: a fraction, or a ``Ratio`` of two numbers (``1/6``)."""
Money = Annotated[Decimal, _number_reader("money")]
Count = Annotated[Decimal, _number_reader("count")]
Amount = Annotated[Decimal, _number_reader("number")]


class Model(BaseModel):
    # Patterns are matched by Python's ``re`` (``\Z``: the very end, no newline before
    # it): its compiled patterns are shared, where pydantic-core's Rust engine compiles
    # one per field and per enclosing model, 0.4 MB of start-up memory for our models.
    # A model's validator is built when first used (``defer_build``): opening a campaign
    # builds the campaign's whole, and a network's own the first time one is edited (1 ms)
    # rather than all of them at start-up (0.2 MB).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, regex_engine="python-re", defer_build=True
    )


class Meta(Model):
    name: ShortText = ""
    client: ShortText = ""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}\Z")] = "EUR"
    language: Literal["fr", "en"] = "fr"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    notes: Text = ""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Meta:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(Problem.of("problem_dates_order"))
        return self


class ObjectiveChoice(Model):
    id: Identifier
    primary: bool = False
    notes: Text = ""


class CustomKpi(Model):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    unit: Unit = "count"
    better: Literal["higher", "lower"] = "higher"
    formula: Text = ""


class KpiMapping(Model):
    """One objective → KPI row, from the catalog (``kpi``) or ``custom``."""

    kpi: Identifier | None = None
    custom: CustomKpi | None = None
    objective: Identifier
    channel: Identifier = "all"
    target: Amount | None = None
    actual: Amount | None = None
    data_source: ShortText = ""
    review: Review | None = None
    notes: Text = ""

    @model_validator(mode="after")
    def _one_definition(self) -> KpiMapping:
        if (self.kpi is None) == (self.custom is None):
            raise ValueError(Problem.of("problem_kpi_definition"))
        return self


class FunnelStage(Model):
    """A stage; its ``rate`` is relative to the previous stage, or to the top (``basis``)."""

    id: Identifier
    label: ShortText
    rate: StageRate | None = None
    """A fraction, or a ``Ratio`` (``1 in 6``, a count out of another), which a file
    holds as text: ``rate = "1/6"``."""
    basis: Literal["previous", "top"] = "previous"


class Funnel(Model):
    top_count: Count | None = None
    stages: list[FunnelStage] = Field(default_factory=list, max_length=50)
    landing_stage: Identifier | None = None
    bounce_rate: Rate | None = None
    cyclic: bool = False
    notes: Text = ""

    @model_validator(mode="after")
    def _stages_consistent(self) -> Funnel:
        ids = [s.id for s in self.stages]
        if len(set(ids)) != len(ids):
            raise ValueError(Problem.of("problem_stage_ids"))
        if self.landing_stage is not None and self.landing_stage not in ids:
            raise ValueError(Problem.of("problem_landing_stage", id=self.landing_stage))
        return self


class Channel(Model):
    id: Identifier
    network: Network = "other"
    label: ShortText = ""
    media_type: Literal["paid", "earned", "owned"] = "paid"
    pricing: Literal["cpm", "cpc", "flat"] = "cpm"
    """How ``price`` is counted; a channel without a price follows the budget plan."""
    price: Money | None = None
    share: Rate | None = None
    """Its part of the plan's budget; a network with its own target has none."""
    target_conversions: Count | None = None
    """The sales it must bring on its own: its budget is what they cost."""
    ctr: Rate | None = None
    conversion_rate: Rate | None = None
    average_order_value: Money | None = None
    notes: Text = ""

    @property
    def display_name(self) -> str:
        """The network's label, else its network's own name (``LinkedIn``)."""
        return self.label or NETWORK_NAMES.get(self.network, self.network.capitalize())

    """The figures it leaves empty follow the plan's."""

    def has_own_figures(self) -> bool:
        """Whether it plans with figures of its own rather than all of the plan's."""
        return self.target_conversions is not None or any(
            getattr(self, name) is not None for name in FOLLOWING_THE_PLAN
        )


FOLLOWING_THE_PLAN = ("ctr", "conversion_rate", "price", "average_order_value")
"""A network's figures that, left empty, are the plan's."""


RangedAssumption = Literal[
    "target_conversions",
    "budget",
    "conversion_rate",
    "ctr",
    "price",
    "average_order_value",
    "gross_margin",
]
RATE_ASSUMPTIONS = ("conversion_rate", "ctr", "gross_margin")


class AssumptionRange(Model):
    """How low and how high an assumption may turn out (``ctr`` from 1,5 % to 2,5 %)."""

    low: Amount
    high: Amount

    @model_validator(mode="after")
    def _in_order(self) -> AssumptionRange:
        if self.low < 0 or self.high < self.low:
            raise ValueError(Problem.of("problem_range_order"))
        return self


class BudgetPlan(Model):
    """Reverse (target conversions → budget) or forward (budget → conversions)."""

    mode: Literal["reverse", "forward"] = "reverse"
    target_conversions: Count | None = None
    budget: Money | None = None
    conversion_rate: Rate | None = None
    ctr: Rate | None = None
    pricing: Literal["cpm", "cpc"] = "cpm"
    price: Money | None = None
    average_order_value: Money | None = None
    gross_margin: Rate | None = None
    solve_for: Literal["price", "ctr", "conversion_rate"] | None = None
    """A figure found by the plan (goal seek) rather than given: the price (CPM or CPC as
    bought), the CTR or the conversion rate that still reaches the targets."""
    target_cpa: Money | None = None
    """With ``solve_for``: the CPA the plan may not exceed."""
    target_roi: Amount | None = None
    """With ``solve_for``: the ROI (a fraction: 1.5 for 150 %) the plan must reach, on
    gross profit when the margin is given, else on revenue."""
    target_roas: Amount | None = None
    """With ``solve_for``: the ROAS the plan must reach."""
    ranges: dict[RangedAssumption, AssumptionRange] = Field(default_factory=dict)
    """The assumptions known only within a range: the plan then gives each result's."""
    notes: Text = ""

    @field_validator("ranges")
    @classmethod
    def _rates_within_100(cls, ranges: dict) -> dict:
        for name, bounds in ranges.items():
            if name in RATE_ASSUMPTIONS and bounds.high > 1:
                raise ValueError(Problem.of("problem_rate_above_100_in_file"))
        return ranges


class PlanChanges(Model):
    """What a scenario changes in the base plan; a figure left out follows the base."""

    mode: Literal["reverse", "forward"] | None = None
    target_conversions: Count | None = None
    budget: Money | None = None
    conversion_rate: Rate | None = None
    ctr: Rate | None = None
    pricing: Literal["cpm", "cpc"] | None = None
    price: Money | None = None
    average_order_value: Money | None = None
    gross_margin: Rate | None = None
    solve_for: Literal["price", "ctr", "conversion_rate"] | None = None
    target_cpa: Money | None = None
    target_roi: Amount | None = None
    target_roas: Amount | None = None


class ChannelChanges(Model):
    """What a scenario changes in one network's own assumptions."""

    pricing: Literal["cpm", "cpc", "flat"] | None = None
    price: Money | None = None
    share: Rate | None = None
    target_conversions: Count | None = None
    ctr: Rate | None = None
    conversion_rate: Rate | None = None
    average_order_value: Money | None = None


class Scenario(Model):
    """A named variant of the plan: the base plan with some assumptions changed."""

    name: Annotated[str, BeforeValidator(_unix_newlines), Field(min_length=1, max_length=60)]
    budget: PlanChanges = Field(default_factory=PlanChanges)
    channels: dict[Identifier, ChannelChanges] = Field(default_factory=dict)
    notes: Text = ""


MEASURES = ("spend", "impressions", "reach", "clicks", "leads", "bounces", "conversions", "revenue")
"""The measures an actual result may hold (its fields after the date)."""


class ActualResult(Model):
    """Results measured for a channel, or for one publication when ``publication`` is set.
    Never changed in place (an edit makes a new one): a campaign's saves rely on it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]*\Z")]
    """A network's id, or empty (a result of the campaign as a whole)."""
    publication: ShortText = ""
    date: dt.date | None = None
    spend: Money | None = None
    impressions: Count | None = None
    reach: Count | None = None
    clicks: Count | None = None
    leads: Count | None = None
    bounces: Count | None = None
    conversions: Count | None = None
    revenue: Money | None = None
    source: ShortText = ""
    """The import the row came from (``csv:…``); empty for a row typed in the app."""
    origin: Origin = "platform"


class ImportRecord(Model):
    """One import of an export: its rows carry its ``id`` as their ``source``, so that the
    whole import can be taken back later."""

    id: ShortText
    content: ShortText = ""
    """The tag of the file's bytes: read again with another mapping, it is the same import."""
    file: ShortText = ""
    format: ShortText = ""
    origin: Origin = "platform"
    imported: dt.datetime | None = None
    rows: Annotated[int, Field(ge=0, le=10**9)] = 0


class DashboardSettings(Model):
    """How the dashboard shows the actual results (kept with the campaign)."""

    columns: list[Annotated[str, Field(pattern=r"^[a-z_]{1,40}\Z")]] = Field(
        default_factory=list, max_length=60
    )
    """The columns chosen, in order (empty: the default for the terminal's width)."""
    sales_from: SalesSource = "platform"
    """Whose conversions and revenue the CPA, the profit, the ROI and the ROAS use: the
    ad platforms', the site's analytics', or those an attribution model credits."""


class AttributionSettings(Model):
    """Where the journeys come from and how they are credited (kept with the campaign)."""

    journeys: ShortText = ""
    """The paths or touchpoints file, relative to the campaign's folder if not absolute."""
    model: AttributionModel = "markov"
    """The model whose credits the dashboard uses when its sales come from attribution."""
    order: Annotated[int, Field(ge=1, le=4)] = 1
    half_life_days: Annotated[Decimal, Field(gt=0, le=3650)] = Decimal(7)
    lookback_days: Annotated[int, Field(ge=1, le=3650)] = 30


class Campaign(Model):
    schema_version: int = SCHEMA_VERSION
    meta: Meta = Field(default_factory=Meta)
    objectives: list[ObjectiveChoice] = Field(default_factory=list)
    kpis: list[KpiMapping] = Field(default_factory=list)
    funnel: Funnel = Field(default_factory=Funnel)
    channels: list[Channel] = Field(default_factory=list)
    budget: BudgetPlan = Field(default_factory=BudgetPlan)
    scenarios: list[Scenario] = Field(default_factory=list, max_length=MOST_SCENARIOS)
    active_scenario: ShortText = ""
    """The scenario the app shows and edits (empty: the base plan)."""
    dashboard: DashboardSettings = Field(default_factory=DashboardSettings)
    attribution: AttributionSettings = Field(default_factory=AttributionSettings)
    imports: list[ImportRecord] = Field(default_factory=list)
    actuals: list[ActualResult] = Field(default_factory=list)
    workshop: Workshop | None = None
    """A workbook's steps, checks and progress (``model/workshop.py``); None: none."""

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise ValueError(
                Problem.of("problem_newer_schema", version=version, supported=SCHEMA_VERSION)
            )
        if version < 1:
            raise ValueError(Problem.of("problem_schema_version"))
        return version

    @model_validator(mode="after")
    def _references_resolve(self) -> Campaign:
        problems = self.reference_problems()
        if problems:
            raise Problems(problems)
        return self

    def reference_problems(self, check_actuals: bool = True) -> list[Problem]:
        """What does not hold together: unknown catalog ids, channels that do not exist,
        shares over 100 %. ``check_actuals`` False skips the (possibly many) actual rows."""
        from socialroi_tui.catalog import load_catalog

        def shown(number: Decimal, unit: str) -> str:
            """A KPI value as the file's reader thinks of it: rates as percentages."""
            if unit == "rate":
                return f"{(number * 100).normalize():f} %"
            return f"{number.normalize():f}"

        catalog = load_catalog()
        problems = []
        chosen = [o.id for o in self.objectives]
        for index, objective in enumerate(self.objectives):
            if catalog.objective(objective.id) is None:
                problem = Problem.of("problem_unknown_objective", id=objective.id)
                problems.append(at(f"objectives[{index}].id", problem))
        if sum(o.primary for o in self.objectives) > 1:
            problems.append(at("objectives", Problem.of("problem_two_primary")))
        if len(set(chosen)) != len(chosen):
            problems.append(at("objectives", Problem.of("problem_objective_twice")))
        channel_ids = [c.id for c in self.channels]
        if len(set(channel_ids)) != len(channel_ids):
            problems.append(at("channels", Problem.of("problem_channel_ids")))
        for index, mapping in enumerate(self.kpis):
            where = f"kpis[{index}]"
            definition = catalog.kpi(mapping.kpi) if mapping.kpi is not None else None
            if mapping.kpi is not None and definition is None:
                problems.append(
                    at(f"{where}.kpi", Problem.of("problem_unknown_kpi", id=mapping.kpi))
                )
            for name in ("target", "actual"):
                value = getattr(mapping, name)
                side = definition.out_of_range(value) if definition is not None else None
                if definition is not None and side is not None:
                    bound = definition.minimum if side == "below" else definition.maximum
                    problem = Problem.of(
                        f"problem_kpi_{side}",
                        value=shown(value, definition.unit),
                        bound=shown(bound, definition.unit),
                        kpi=mapping.kpi,
                    )
                    problems.append(at(f"{where}.{name}", problem))
            if catalog.objective(mapping.objective) is None:
                problem = Problem.of("problem_unknown_objective", id=mapping.objective)
                problems.append(at(f"{where}.objective", problem))
            if mapping.channel != "all" and mapping.channel not in channel_ids:
                problem = Problem.of("problem_unknown_channel", id=mapping.channel)
                problems.append(at(f"{where}.channel", problem))
        known = set(channel_ids)
        known.add(OFF_SOCIAL)
        for index, actual in enumerate(self.actuals if check_actuals else ()):
            if actual.channel == OFF_SOCIAL and actual.origin != "analytics":
                problem = Problem.of("problem_platform_row_needs_network")
                problems.append(at(f"actuals[{index}].channel", problem))
            elif actual.channel not in known:
                problem = Problem.of("problem_unknown_channel", id=actual.channel)
                problems.append(at(f"actuals[{index}].channel", problem))
                if len(problems) > 20:
                    break
        total_share = sum(
            (c.share or Decimal(0) for c in self.channels if c.target_conversions is None),
            Decimal(0),
        )
        if total_share > 1:
            total = f"{(total_share * 100).normalize():f}"
            problems.append(at("channels", Problem.of("problem_shares_over", total=total)))
        problems.extend(self._scenario_problems(set(channel_ids)))
        return problems

    def _scenario_problems(self, channel_ids: set[str]) -> list[Problem]:
        """Scenarios named once each, about networks that exist; the active one exists."""
        problems = []
        names = [scenario.name.strip().casefold() for scenario in self.scenarios]
        if len(set(names)) != len(names) or "" in names:
            problems.append(at("scenarios", Problem.of("problem_scenario_names")))
        if any(name in RESERVED_SCENARIO_NAMES for name in names):
            problems.append(at("scenarios", Problem.of("problem_scenario_name_reserved")))
        for index, scenario in enumerate(self.scenarios):
            for channel_id in scenario.channels:
                if channel_id not in channel_ids:
                    problem = Problem.of("problem_unknown_channel", id=channel_id)
                    problems.append(at(f"scenarios[{index}].channels", problem))
            changes_shares = any(
                changes.share is not None or changes.target_conversions is not None
                for changes in scenario.channels.values()
            )  # else its shares are the plan's, said once above
            total = self._scenario_share(scenario)
            if changes_shares and total > 1:
                shown = f"{(total * 100).normalize():f}"
                problem = Problem.of("problem_shares_over", total=shown)
                problems.append(at(f"scenarios[{index}].channels", problem))
        if self.active_scenario and self.active_scenario not in (s.name for s in self.scenarios):
            problem = Problem.of("problem_unknown_scenario", name=self.active_scenario)
            problems.append(at("active_scenario", problem))
        return problems

    def _scenario_share(self, scenario: Scenario) -> Decimal:
        """The budget shares a scenario gives its networks, added up (a share it gives a
        network makes that network share the budget, its own target set aside)."""
        total = Decimal(0)
        for channel in self.channels:
            changes = scenario.channels.get(channel.id)
            share, target = channel.share, channel.target_conversions
            if changes is not None and changes.share is not None:
                share, target = changes.share, changes.target_conversions
            elif changes is not None and changes.target_conversions is not None:
                target = changes.target_conversions
            if target is None:
                total += share or Decimal(0)
        return total

    def primary_objective(self) -> str | None:
        return next((o.id for o in self.objectives if o.primary), None)


from socialroi_tui.model.workshop import Workshop  # noqa: E402  (it builds on the types above)

Campaign.model_rebuild()
