"""Results turned into labelled, formatted rows — shared by the command line and the app,
so that both show the same figures."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from socialroi_tui.engine.actuals import figure_with_margin
from socialroi_tui.engine.budget import BudgetResult
from socialroi_tui.engine.comparison import NETWORKS_ADDED_UP, Comparison
from socialroi_tui.engine.evaluate import CampaignResults, plan_inputs
from socialroi_tui.engine.formulas import to_cent
from socialroi_tui.engine.funnel import FunnelResult
from socialroi_tui.engine.ranges import campaign_bounds, plan_ranges
from socialroi_tui.engine.sensitivity import DEFAULT_STEP, sensitivity
from socialroi_tui.engine.solve import SOLVED_FIELDS
from socialroi_tui.text.numbers import (
    format_count,
    format_decimal,
    format_money,
    format_plain,
    format_points,
    format_rate,
)
from socialroi_tui.text.safe import json_text, markdown_cell, one_line, spreadsheet_text
from socialroi_tui.text.words import Language, has_words, t

Row = tuple[str, str, str]
"""(key, label, formatted value)"""
PLAN_FIELDS = [
    ("target_conversions", "count", "target_sales_field"),
    ("budget", "money", "budget_field"),
    ("conversion_rate", "rate", "conversion_rate_field"),
    ("ctr", "rate", "ctr_field"),
    ("price", "money", "price"),
    ("average_order_value", "money", "aov_field"),
    ("gross_margin", "rate", "margin_field"),
]
"""The plan's assumptions as the budget screen, the ranges and the reports name them:
(field, number kind, word)."""


def assumption_name(key: str, word: str, pricing: str, lang: Language) -> str:
    """An assumption's short name; the price is named as bought (CPM, CPC)."""
    return pricing.upper() if key == "price" else t(word, lang)


CREDITED_COLUMNS = ("conversions", "variance_conversions")
"""The dashboard's columns of sales an attribution model credits: fractions of sales,
shown with their two places (unit ``credited``) in the app and in the report."""


def format_by_unit(value: Decimal | None, unit: str, currency: str, lang: Language) -> str:
    if unit == "rate":
        return format_rate(value, lang)
    if unit == "points":
        return format_points(value, lang)
    if unit == "credited":  # sales an attribution model credits: two places, kept
        return format_decimal(value, 2, lang)
    if unit == "money":
        return format_money(value, currency, lang)
    if unit == "count":
        return format_count(value, lang)
    return format_plain(value, lang)


def budget_rows(result: BudgetResult, currency: str, lang: Language) -> list[Row]:
    """The plan's figures, in the order a consultant reads them."""
    money = lambda v: format_money(v, currency, lang)  # noqa: E731
    rows: list[Row] = []
    if result.mode == "reverse":
        rows.append(("clicks", t("clicks_needed", lang), format_count(result.clicks, lang)))
        rows.append(("impressions", t("impressions", lang), format_count(result.impressions, lang)))
        rows.append(("budget", t("budget", lang), money(result.budget)))
    else:
        rows.append(("impressions", t("impressions", lang), format_count(result.impressions, lang)))
        rows.append(("clicks", t("clicks", lang), format_count(result.clicks, lang)))
        rows.append(("conversions", t("conversions", lang), format_count(result.conversions, lang)))
    rows.append(("cpa", t("cpa", lang), money(result.cpa)))
    rows.append(("revenue", t("revenue", lang), money(result.revenue)))
    rows.append(("profit", t("profit", lang), money(result.profit)))
    if result.on_gross_profit:
        rows.append(("roi", t("roi_on_gross_profit", lang), format_rate(result.roi, lang)))
    rows.append(
        ("roi_on_revenue", t("roi_on_revenue", lang), format_rate(result.roi_on_revenue, lang))
    )
    rows.append(("roas", t("roas", lang), format_plain(result.roas, lang)))
    rows.append(("break_even_cpa", t("break_even_cpa", lang), money(result.break_even_cpa)))
    return rows


def verdict_text(result: BudgetResult, lang: Language) -> str:
    return t(f"verdict_{result.verdict}", lang) if result.verdict else ""


def funnel_rows(result: FunnelResult, lang: Language) -> list[tuple[str, str, str, str]]:
    """(label, count, step rate, rate from top) for each stage; ``¹`` marks rates given
    from the top."""
    rows = []
    for index, stage in enumerate(result.stages):
        step = "" if index == 0 else format_rate(stage.step_rate, lang)
        from_top = format_rate(stage.rate_from_top, lang)
        if stage.given_from_top:
            from_top += "¹"
        rows.append((stage.label, format_count(stage.count, lang), step, from_top))
    return rows


def kpi_name(mapping, lang: Language) -> str:
    """A KPI row's name in ``lang``: the catalog's, or the custom KPI's own."""
    from socialroi_tui.catalog import load_catalog

    if mapping.custom is not None:
        return mapping.custom.name
    definition = load_catalog().kpi(mapping.kpi or "")
    return definition.name(lang) if definition else str(mapping.kpi)


def as_json_value(value: Any) -> Any:
    """Decimals as decimal strings (never floats); ``None`` stays ``null``."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return value


MONEY_FIELDS = ("budget", "cpa", "revenue", "profit", "break_even_cpa")


def budget_json(result: BudgetResult) -> dict[str, Any]:
    """Money to the cent; counts and ratios as exact decimal strings."""
    fields = [
        "budget",
        "impressions",
        "clicks",
        "conversions",
        "cpa",
        "revenue",
        "profit",
        "roi",
        "roi_on_revenue",
        "roas",
        "break_even_cpa",
    ]
    data = {}
    for name in fields:
        value = getattr(result, name)
        data[name] = (
            str(to_cent(value))
            if name in MONEY_FIELDS and value is not None
            else (as_json_value(value))
        )
    data["roi_basis"] = "gross_profit" if result.on_gross_profit else "revenue"
    data["mode"] = result.mode
    data["verdict"] = result.verdict
    return data


def results_json(results: CampaignResults) -> dict[str, Any]:
    """The evaluated campaign as plain JSON-ready data."""
    return {
        "funnel": [
            {
                "id": s.id,
                "label": s.label,
                "count": as_json_value(s.count),
                "step_rate": as_json_value(s.step_rate),
                "rate_from_top": as_json_value(s.rate_from_top),
            }
            for s in results.funnel.stages
        ],
        "budget": budget_json(results.budget),
        "channels": [
            {"id": c.id, "label": c.label, "share": as_json_value(c.share), **budget_json(c.result)}
            for c in results.channels
        ],
        "actuals": {
            "total": _totals_json(results.actual_total, results.gross_margin),
            "channels": {
                cid: _totals_json(tot, results.gross_margin)
                for cid, tot in results.actual_by_channel.items()
            },
        },
        "kpis": [
            {
                "kpi": k.mapping.kpi or k.name,
                "objective": k.mapping.objective,
                "channel": k.mapping.channel,
                "target": as_json_value(k.target),
                "actual": as_json_value(k.actual),
                "status": k.status,
            }
            for k in results.kpis
        ],
    }


def _totals_json(totals, gross_margin) -> dict[str, Any]:
    return {
        **{k: as_json_value(v) for k, v in totals.measures.items()},
        **{k: as_json_value(v) for k, v in totals.metrics.items()},
        **{
            k: as_json_value(figure_with_margin(totals, k, gross_margin)) for k in ("profit", "roi")
        },
        "roi_basis": "revenue" if gross_margin is None else "gross_profit",
    }


DASHBOARD_UNITS = {
    "spend": "money",
    "impressions": "count",
    "reach": "count",
    "clicks": "count",
    "ctr": "rate",
    "leads": "count",
    "bounce_rate": "rate",
    "conversions": "count",
    "conversion_rate": "rate",
    "revenue": "money",
    "sessions": "count",
    "traffic_share": "rate",
    "conversions_platform": "count",
    "revenue_platform": "money",
    "conversions_analytics": "count",
    "conversions_gap": "count",
    "revenue_analytics": "money",
    "revenue_gap": "money",
    "cpa": "money",
    "cpl": "money",
    "profit": "money",
    "roi": "rate",
    "roi_on_revenue": "rate",
    "roas": "number",
}


def dashboard_row_label(row, lang: Language) -> str:
    """A dashboard row's name: its network or publication, the site's other traffic, or
    the total."""
    if row.level == "total":
        return t("total", lang)
    if row.level == "site":
        return t("off_social_row", lang)
    return row.label


REPORT_NAMES = {"roi": "roi_on_gross_profit"}
"""Report headers named otherwise than the figure's own word."""


def dashboard_report(campaign, results: CampaignResults, fmt: str, lang: Language) -> str:
    """The plan-versus-actual dashboard as Markdown, CSV or JSON (same figures as the app)."""
    import csv
    import io

    from socialroi_tui.engine.dashboard import (
        ANALYTICS_COLUMNS,
        COLUMNS,
        dashboard_columns,
        dashboard_rows,
    )

    rows = dashboard_rows(results)
    columns = dashboard_columns(results)
    every = COLUMNS + (ANALYTICS_COLUMNS if results.analytics_by_channel else ())
    currency = campaign.meta.currency
    if fmt == "json":
        data = [
            {
                "level": row.level,
                "channel": row.channel,
                "label": row.label,
                "actual": {c: as_json_value(row.figure(c)) for c in every},
                "plan": {k: as_json_value(v) for k, v in row.plan.items()},
                "variance": {k: as_json_value(v) for k, v in row.variance.items()},
            }
            for row in rows
        ]
        return json_text(data) + "\n"

    def name(column: str) -> str:
        word = REPORT_NAMES.get(column, column)
        if has_words(word):
            return t(word, lang)
        return t(f"column_{column}", lang) if has_words(f"column_{column}") else column.upper()

    names = {c: name(c) for c in columns}
    header = [t("channel", lang), t("publication", lang), *[names[c] for c in columns]]
    header += [
        t("plan_spend", lang),
        f"{t('variance', lang)} {t('spend', lang).lower()}",
        t("plan_conversions", lang),
        t("column_variance_conversions", lang),
        f"{t('variance', lang)} CPA",
        t("column_variance_roi", lang),
    ]
    credited = CREDITED_COLUMNS if results.sales_from == "attribution" else ()
    body = []
    for row in rows:
        channel = dashboard_row_label(row, lang) if row.level != "publication" else ""
        publication = row.label if row.level == "publication" else ""
        units = [DASHBOARD_UNITS[c] for c in columns]
        units += ["money", "money", "count", "count", "money", "rate"]
        values = [row.figure(c) for c in columns]
        values += [row.plan["spend"], row.variance["spend"]]
        values += [row.plan["conversions"], row.variance["conversions"]]
        values += [row.variance["cpa"], row.variance["roi"]]
        keys = [*columns, "plan", "variance", "plan_conversions", "variance_conversions"]
        for index, key in enumerate(keys):
            if key in credited:
                units[index] = "credited"
        if fmt == "csv":
            texts = [spreadsheet_text(one_line(channel)), spreadsheet_text(one_line(publication))]
            numbers = [_csv_number(v, u, lang) for v, u in zip(values, units, strict=True)]
            body.append([*texts, *numbers])
        else:
            units[-1] = "points"  # a gap between two rates
            texts = [
                format_by_unit(value, unit, currency, lang)
                for value, unit in zip(values, units, strict=True)
            ]
            body.append([channel, publication, *texts])
    if fmt == "csv":
        out = io.StringIO()
        # French spreadsheets read ";" between fields and a decimal comma.
        writer = csv.writer(out, lineterminator="\n", delimiter=";" if lang == "fr" else ",")
        writer.writerow(header)
        writer.writerows(body)
        return out.getvalue()
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(cell) for cell in row) + " |" for row in body]
    return "\n".join([*_report_heading(campaign, results, lang), *lines]) + "\n"


def blank_label(campaign, key: str, lang: Language) -> str:
    """A workbook's blank field as the participant knows it (``CTR``, ``Clics · nombre``,
    ``SSI : marque professionnelle · cible``) rather than its key."""
    part, _, name = key.partition(".")
    kind, _, position = name.partition(":")
    words = {field: (word, unit) for field, unit, word in PLAN_FIELDS}
    if part == "budget" and kind in words:
        return assumption_name(kind, words[kind][0], campaign.budget.pricing, lang)
    index = int(position) if position.isdigit() else None
    stages, channels = campaign.funnel.stages, campaign.channels
    if part == "budget" and kind == "share" and index is not None and index < len(channels):
        return f"{channels[index].display_name} · {t('share', lang)}"
    if part == "funnel":
        if kind == "bounce":
            return t("bounce_rate", lang)
        if index is not None and index < len(stages):
            word = {"count": "blank_count", "step": "step_rate", "top": "blank_top"}[kind]
            return f"{stages[index].label} · {t(word, lang)}"
    if part == "objectives":
        return t("blank_primary" if kind == "primary" else "section_objectives", lang)
    if part == "kpis" and kind in ("target", "actual"):
        rows = campaign.kpis
        found = rows[index] if index is not None and index < len(rows) else None
        found = found or next((r for r in rows if r.kpi == position), None)
        if found is not None:
            return f"{kpi_name(found, lang)} · {t(kind, lang)}"
    if part == "kpis":
        return t("section_kpis", lang)
    if part == "actuals" and index is not None:
        return t("blank_result", lang, number=index + 1, measure=t(kind, lang))
    return key


def import_field_name(field: str, origin: str, lang: Language) -> str:
    """The field an export's column feeds, as the preview names it: an analytics
    export's visits are its sessions (kept as the row's clicks)."""
    if origin == "analytics" and field == "clicks":
        return t("import_field_sessions", lang)
    return t(f"import_field_{field}", lang)


def markdown_report(campaign, results: CampaignResults, lang: Language) -> str:
    """The Markdown report: the dashboard's, then a workbook's progress and answers."""
    report = dashboard_report(campaign, results, "md", lang)
    if campaign.workshop is None:
        return report
    return report.rstrip("\n") + "\n" + "\n".join(workshop_report_lines(campaign, lang)) + "\n"


CSV_PLACES = {"money": Decimal("0.01"), "rate": Decimal("0.0001"), "count": Decimal(1)}
"""How a CSV report rounds each kind of figure (JSON keeps them exact)."""


def _csv_number(value, unit: str, lang: Language) -> str:
    """A figure for a spreadsheet: rounded for display, a decimal comma in French."""
    if value is None or not value.is_finite():
        return ""
    text = format(value.quantize(CSV_PLACES.get(unit, Decimal("0.01"))), "f")
    return text.replace(".", ",") if lang == "fr" else text


def _report_heading(campaign, results: CampaignResults, lang: Language) -> list[str]:
    """What a report starts with: the campaign, its client and period, the plan shown
    (scenario), its assumptions, and where each KPI stands; then the table."""
    meta, plan = campaign.meta, campaign.budget
    colon = "\u00a0: " if lang == "fr" else ": "
    lines = [f"# {markdown_cell(meta.name or t('untitled', lang))}", ""]
    period = " – ".join(str(d) for d in (meta.start_date, meta.end_date) if d is not None)
    about = [markdown_cell(meta.client)] if meta.client else []
    about += [period] if period else []
    scenario = campaign.active_scenario
    about.append(t("scenario_line", lang, name=markdown_cell(scenario or t("base_plan", lang))))
    lines += [" · ".join(about)]
    currency = meta.currency
    given = [
        f"- {assumption_name(key, word, plan.pricing, lang)}{colon}"
        f"{format_by_unit(getattr(plan, key), unit, currency, lang)}"
        for key, unit, word in PLAN_FIELDS
        if getattr(plan, key) is not None
    ]
    if given:
        lines += ["", f"## {t('assumptions', lang)}", "", *given]
    if results.budget.budget is not None or results.budget.clicks is not None:
        title = "reverse_plan" if plan.mode == "reverse" else "forward_plan"
        lines += ["", f"## {t(title, lang)}", ""]
        for _key, label, value in budget_rows(results.budget, currency, lang):
            lines.append(f"- {label}{colon}{value}")
    if results.kpis:
        lines += ["", f"## {t('kpis', lang)}", ""]
        lines += [f"| KPI | {t('target', lang)} | {t('actual', lang)} | {t('status', lang)} |"]
        lines += ["|---|--:|--:|---|"]
        for status in results.kpis:
            cells = [
                kpi_name(status.mapping, lang),
                format_by_unit(status.target, status.unit, currency, lang),
                format_by_unit(status.actual, status.unit, currency, lang),
                t(f"status_short_{status.status}", lang),
            ]
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    lines += ["", f"## {t('actuals', lang)}", ""]
    if results.analytics_by_channel or results.sales_from != "platform":  # whose sales
        lines += [t(f"report_sales_from_{results.sales_from}", lang), ""]
    return lines


# --- plausibility ---------------------------------------------------------------------

_MEASURE_KEYS = {"bounces": "bounces_label"}


def _field_name(field: str, lang: Language) -> str:
    key = _MEASURE_KEYS.get(field, field)
    return t(key, lang) if has_words(key) else field


def plausibility_text(warning, lang: Language, currency: str, label: str | None = None) -> str:
    """One line for a :class:`~socialroi_tui.engine.plausibility.PlausibilityWarning`:
    ``⚠ Conversion rate 50% is unusually high (usually below 20%): did you mean 0.5%?``;
    with the ``label`` of the field it stands beside, the short form:
    ``⚠ Conv. rate 50%: did you mean 0.5%?``"""
    from socialroi_tui.engine.plausibility import FIELD_UNITS

    if warning.code == "exceeds":
        return t(
            "plausibility_exceeds",
            lang,
            field=_field_name(warning.field, lang),
            value=format_count(warning.value, lang),
            other=_field_name(warning.other or "", lang),
            limit=format_count(warning.limit, lang),
        )
    unit = FIELD_UNITS.get(warning.field, "number")
    values = {
        "field": label or _field_name(warning.field, lang),
        "value": format_by_unit(warning.value, unit, currency, lang),
        "limit": format_by_unit(warning.limit, unit, currency, lang),
    }
    short = "_short" if label else "_high"  # beside a labelled field: the short form
    if warning.suggestion is None:
        return t(f"plausibility{short}", lang, **values)
    suggestion = format_by_unit(warning.suggestion, unit, currency, lang)
    return t(f"plausibility{short}_suggest", lang, suggestion=suggestion, **values)


def import_warning_lines(preview, lang: Language, currency: str, limit: int = 10) -> list[str]:
    """The warnings of an import preview, one line each: amounts in another currency than
    the campaign's, then the figures worth a second look (``LineWarning``: a file line
    and a warning), the first ``limit`` of them then ``… and N more``."""
    warnings = preview.warnings
    lines = []
    if preview.currency and preview.currency != currency:
        lines.append(t("import_currency_differs", lang, file=preview.currency, campaign=currency))
    lines += [
        t("plausibility_line", lang, line=w.line, text=plausibility_text(w.warning, lang, currency))
        for w in warnings[:limit]
    ]
    if len(warnings) > limit:
        lines.append(t("plausibility_more", lang, count=len(warnings) - limit))
    return lines


SENSITIVITY_UNITS = {
    "target_conversions": "count",
    "budget": "money",
    "conversion_rate": "rate",
    "ctr": "rate",
    "price": "money",
    "average_order_value": "money",
    "gross_margin": "rate",
    "conversions": "count",
    "cpa": "money",
    "roi": "rate",
}
SENSITIVITY_WORDS = {
    "target_conversions": "target_conversions",
    "budget": "budget",
    "conversion_rate": "conversion_rate",
    "ctr": "ctr_field",
    "price": "price",
    "average_order_value": "aov_field",
    "gross_margin": "margin_field",
    "conversions": "conversions",
    "cpa": "cpa",
    "roi": "roi",
}


def tornado_bar(low, high, planned, widest: Decimal, half: int) -> str:
    """A tornado bar: ``half`` cells each side of ``│``, the side below the plan filled
    as far as the lower figure goes, the side above as far as the higher one (scaled so
    that ``widest``, a fraction of the plan's value, fills a side)."""
    if low is None or high is None or not planned or not widest:
        return " " * half + "│" + " " * half
    below = max(planned - min(low, high), Decimal(0)) / abs(planned)
    above = max(max(low, high) - planned, Decimal(0)) / abs(planned)
    left = min(half, int((below / widest * half).to_integral_value()))
    right = min(half, int((above / widest * half).to_integral_value()))
    return " " * (half - left) + "█" * left + "│" + "█" * right + " " * (half - right)


def sensitivity_rows(result, figure: str, currency: str, lang: Language, half: int = 8):
    """(assumption, its low and high, bar, the figure at low and at high) for each swing,
    the largest move of ``figure`` first; the bars share one scale."""
    planned = getattr(result.base, figure)

    def move(swing) -> Decimal:
        values = swing.figures[figure]
        if not planned or None in values:
            return Decimal(0)
        return max(abs(value - planned) for value in values) / abs(planned)

    swings = sorted(result.swings, key=move, reverse=True)
    widest = max(map(move, swings), default=Decimal(0))
    rows = []
    for swing in swings:
        unit = SENSITIVITY_UNITS[swing.assumption]
        low, high = swing.figures[figure]
        figure_unit = SENSITIVITY_UNITS[figure]
        name = t(SENSITIVITY_WORDS[swing.assumption], lang).split(" (")[0]
        if swing.assumption == "price":
            name = result.pricing.upper()
        rows.append(
            (
                name,
                format_by_unit(swing.low, unit, currency, lang),
                format_by_unit(swing.high, unit, currency, lang),
                tornado_bar(low, high, planned, widest, half),
                format_by_unit(low, figure_unit, currency, lang),
                format_by_unit(high, figure_unit, currency, lang),
            )
        )
    return rows


def sensitivity_json(result) -> dict[str, Any]:
    """The swings as exact decimal strings."""
    return {
        "mode": result.base.mode,
        "step": as_json_value(result.step),
        "plan": {name: as_json_value(getattr(result.base, name)) for name in result.figures},
        "swings": [
            {
                "assumption": swing.assumption,
                "low": as_json_value(swing.low),
                "high": as_json_value(swing.high),
                "figures": {
                    name: [as_json_value(v) for v in values]
                    for name, values in swing.figures.items()
                },
                "effect": as_json_value(swing.effect),
            }
            for swing in result.swings
        ],
    }


def _solved_inputs(campaign, solution):
    """The plan's inputs, with the figure a goal seek found (or none: no plan to vary)."""
    inputs = plan_inputs(campaign)
    solve_for = campaign.budget.solve_for
    if solve_for is not None:
        found = None if solution is None else solution.value
        inputs = replace(inputs, **{SOLVED_FIELDS[solve_for]: found})
    return inputs


def plan_sensitivity(campaign, solution=None, step: Decimal = DEFAULT_STEP):
    """The sensitivity of the campaign's plan (with the figure a goal seek found); an
    assumption with a range moves to its own low and high rather than by ``step``."""
    inputs = _solved_inputs(campaign, solution)
    bounds = campaign_bounds(campaign.budget)
    return sensitivity(inputs, campaign.budget.mode, step, bounds)


def plan_ranges_of(campaign, solution=None, draws: int = 0, seed: int = 0):
    """The intervals of the campaign's results from its assumptions' ranges (None
    without ranges), and with ``draws`` their percentiles."""
    inputs = _solved_inputs(campaign, solution)
    bounds = campaign_bounds(campaign.budget)
    solved = campaign.budget.solve_for
    if solved is not None:  # an answer of the plan, not an assumption: its range waits
        bounds.pop(SOLVED_FIELDS[solved], None)
    return plan_ranges(inputs, campaign.budget.mode, bounds, draws, seed)


RANGE_UNITS = {
    "budget": "money",
    "impressions": "count",
    "clicks": "count",
    "conversions": "count",
    "cpa": "money",
    "revenue": "money",
    "profit": "money",
    "roi": "rate",
    "roas": "number",
}
RANGE_WORDS = {"conversions": "compared_sales", "roi": "roi_on_gross_profit"}


def range_rows(ranges, margin_known: bool, currency: str, lang: Language) -> list[list[str]]:
    """Each result's label, low, planned and high values (and P10, P50, P90 when
    simulated), formatted, the plan's answer, CPA and ROI first; a result the ranges do
    not move is left out."""
    rows = []
    first = ("budget", "conversions", "cpa", "roi")  # the plan's answer, its CPA and ROI
    ordered = sorted(
        ranges.intervals,
        key=lambda i: first.index(i.figure) if i.figure in first else len(first),
    )
    for interval in ordered:
        if interval.low is not None and interval.low == interval.high:
            continue  # the ranges do not move it
        if interval.planned is None and interval.low is None:
            continue  # a figure the plan does not give
        unit = RANGE_UNITS[interval.figure]
        word = RANGE_WORDS.get(interval.figure, interval.figure)
        if interval.figure == "roi" and not margin_known:
            word = "roi_on_revenue"
        values = [interval.low, interval.planned, interval.high]
        if interval.percentiles is not None:
            values += list(interval.percentiles)
        rows.append([t(word, lang), *(format_by_unit(v, unit, currency, lang) for v in values)])
    return rows


def ranged_words(campaign, ranges, lang: Language) -> str:
    """``CTR 1.5%–2.5%, CPM €1.50–€3.00``: each ranged assumption and its bounds."""
    plan, currency, parts = campaign.budget, campaign.meta.currency, []
    fields = {key: (unit, word) for key, unit, word in PLAN_FIELDS}
    for name in ranges.ranged:
        unit, word = fields[name]
        bounds = plan.ranges[name]
        low, high = (format_by_unit(v, unit, currency, lang) for v in (bounds.low, bounds.high))
        parts.append(f"{assumption_name(name, word, plan.pricing, lang)} {low}–{high}")
    return ", ".join(parts)


def ranges_json(ranges) -> dict[str, Any]:
    """The intervals (and percentiles) as decimal strings: money to the cent, ratios to
    six decimals."""

    def shown(figure: str, value):
        if value is None:
            return None
        unit = RANGE_UNITS[figure]
        if unit == "money":
            return as_json_value(to_cent(value))
        if unit == "count":
            return as_json_value(value.quantize(Decimal(1)))
        return as_json_value(value.quantize(Decimal("0.000001")).normalize())

    figures = {}
    for interval in ranges.intervals:
        entry = {
            "low": shown(interval.figure, interval.low),
            "planned": shown(interval.figure, interval.planned),
            "high": shown(interval.figure, interval.high),
        }
        if interval.percentiles is not None:
            p10, p50, p90 = interval.percentiles
            entry |= {
                "p10": shown(interval.figure, p10),
                "p50": shown(interval.figure, p50),
                "p90": shown(interval.figure, p90),
            }
        figures[interval.figure] = entry
    return {
        "ranged": list(ranges.ranged),
        "draws": ranges.draws,
        "seed": ranges.seed,
        "figures": figures,
    }


# --- scenarios side by side -------------------------------------------------------------

COMPARED_WORDS = {
    "mode": "mode",
    "conversion_rate": "conversion_rate_field",
    "ctr": "ctr_field",
    "pricing": "pricing",
    "price": "price",
    "average_order_value": "aov_field",
    "gross_margin": "margin_field",
    "target_cpa": "target_cpa_field",
    "target_roi": "target_roi_field",
    "target_roas": "target_roas_field",
    "share": "share",
    "budget": "budget",
    "impressions": "impressions",
    "clicks": "clicks",
    "conversions": "compared_sales",
    "cpa": "cpa",
    "revenue": "revenue",
    "profit": "profit",
    "roi": "roi_on_gross_profit",
    "roi_on_revenue": "roi_on_revenue",
    "roas": "roas",
}
"""The word naming each compared figure (a network's is prefixed with its name)."""
COMPARED_UNITS = {
    "conversion_rate": "rate",
    "ctr": "rate",
    "gross_margin": "rate",
    "share": "rate",
    "roi": "rate",
    "roi_on_revenue": "rate",
    "price": "money",
    "average_order_value": "money",
    "target_cpa": "money",
    "target_roi": "rate",
    "budget": "money",
    "cpa": "money",
    "revenue": "money",
    "profit": "money",
    "impressions": "count",
    "clicks": "count",
    "conversions": "count",
    "roas": "number",
}
LEFT_OUT_OF_COMPARISONS = {"target_conversions", "budget"}
"""Assumptions the results show already (the sales aimed at, the budget given)."""


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    kind: str
    label: str
    values: tuple[str, ...]
    changes: tuple[str, ...]
    """Each value's change from the base: ``+33 %`` for a result, ▲ or ▼ for an
    assumption, empty where it is the same (or undefined)."""
    best: frozenset[int]


def comparison_rows(
    comparison: Comparison, campaign, currency: str, lang: Language, others=()
) -> list[ComparisonRow]:
    """A comparison's figures, labelled and formatted; ``campaign`` (then ``others``)
    names the networks."""
    networks = {c.id: c.label or c.id for c in campaign.channels}
    networks[NETWORKS_ADDED_UP] = t("combined_plan", lang)
    for other in others:
        for channel in other.channels:
            networks.setdefault(channel.id, channel.label or channel.id)
    rows = []
    for figure in comparison.figures:
        if figure.kind == "assumption" and figure.key in LEFT_OUT_OF_COMPARISONS:
            continue
        channel_id, _, name = figure.key.rpartition(".")
        label = t(COMPARED_WORDS.get(name, name), lang)
        if channel_id:
            label = f"{one_line(networks.get(channel_id, channel_id), 20)} · {label}"
        values = tuple(_compared_value(name, value, currency, lang) for value in figure.values)
        changes = tuple(_change_text(figure, index, lang) for index in range(len(figure.values)))
        rows.append(ComparisonRow(figure.key, figure.kind, label, values, changes, figure.best))
    return rows


def _compared_value(name: str, value: Any, currency: str, lang: Language) -> str:
    if name == "mode" and value is not None:
        return t(f"mode_{value}", lang)
    if name == "pricing" and value is not None:
        return str(value).upper()
    unit = COMPARED_UNITS.get(name, "number")
    return format_by_unit(value, unit, currency, lang)


def _change_text(figure, index: int, lang: Language) -> str:
    if index == 0:
        return ""
    value, base = figure.values[index], figure.values[0]
    if figure.kind == "assumption":
        if value == base or not isinstance(value, Decimal) or not isinstance(base, Decimal):
            return "" if value == base else "≠"
        return "▲" if value > base else "▼"
    change = figure.changes[index]
    if change is None or change == 0:
        return ""
    percent = (change * 100).quantize(Decimal(1))
    if percent == 0:
        return ""
    text = format_plain(abs(percent), lang, places=0)
    sign = "+" if percent > 0 else "−"
    return f"{sign}{text}\u00a0%" if lang == "fr" else f"{sign}{text}%"


def comparison_json(comparison: Comparison, names: list[str]) -> dict[str, Any]:
    """Each figure's values, one per scenario in the order of ``scenarios``, as decimal
    strings; their relative change from the first; the scenarios holding the best value."""
    return {
        "scenarios": names,
        "figures": [
            {
                "figure": figure.key,
                "kind": figure.kind,
                "values": [as_json_value(_json_figure(figure.key, v)) for v in figure.values],
                "change_from_first": [
                    as_json_value(_rounded_change(change)) for change in figure.changes
                ],
                "best": [names[index] for index in sorted(figure.best)],
            }
            for figure in comparison.figures
        ],
    }


def comparison_report(
    comparison: Comparison, titles: list[str], campaigns: list, fmt: str, lang: Language
) -> str:
    """A comparison as Markdown (formatted, best values in bold with ★), CSV (one row per
    figure: plain decimal values, their changes from the first column, the best columns)
    or JSON."""
    if fmt == "json":
        return json_text(comparison_json(comparison, titles)) + "\n"
    campaign = campaigns[0]
    rows = comparison_rows(comparison, campaign, campaign.meta.currency, lang, campaigns[1:])
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        titles = [spreadsheet_text(one_line(title)) for title in titles]
        change = t("change", lang)
        writer.writerow(
            ["figure", t("figure", lang), *titles, *(f"{change} {x}" for x in titles[1:]), "best"]
        )
        figures = {figure.key: figure for figure in comparison.figures}
        for row in rows:
            figure = figures[row.key]
            values = [as_json_value(_json_figure(row.key, v)) for v in figure.values]
            changes = [as_json_value(_rounded_change(c)) for c in figure.changes[1:]]
            best = " | ".join(titles[index] for index in sorted(row.best))
            writer.writerow(
                [
                    spreadsheet_text(row.key),
                    spreadsheet_text(row.label),
                    *("" if v is None else v for v in values),
                    *("" if c is None else c for c in changes),
                    best,
                ]
            )
        return out.getvalue()
    header = [t("figure", lang)]
    for index, title in enumerate(titles):
        header += [markdown_cell(title)] if index == 0 else [markdown_cell(title), "±"]
    lines = ["| " + " | ".join(header) + " |", "|---|--:|" + "--:|:--|" * (len(titles) - 1)]
    for row in rows:
        cells = [markdown_cell(row.label)]
        for index, value in enumerate(row.values):
            shown = f"**{value}** ★" if index in row.best else value
            cells += [shown] if index == 0 else [shown, row.changes[index]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, "", t("compare_legend", lang)]) + "\n"


def _json_figure(key: str, value: Any) -> Any:
    """Money to the cent, counts whole, ratios to six decimals (not sixty)."""
    if not isinstance(value, Decimal):
        return value
    unit = COMPARED_UNITS.get(key.rpartition(".")[2], "number")
    if unit == "money":
        return to_cent(value)
    if unit == "count":
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.000001")).normalize()


def _rounded_change(change: Decimal | None) -> Decimal | None:
    return None if change is None else change.quantize(Decimal("0.0001")).normalize()


# --- the workbook a consultant hands over ------------------------------------------------


def xlsx_report(campaign, results: CampaignResults, path, lang: Language) -> None:
    """The campaign as an Excel workbook (see ``store.xlsx_report``), worded here."""
    from socialroi_tui.engine.dashboard import dashboard_columns
    from socialroi_tui.store.xlsx_report import write_xlsx

    columns = [
        (column, t(f"column_{column}", lang), DASHBOARD_UNITS[column])
        for column in dashboard_columns(results)
    ]
    names = [kpi_name(status.mapping, lang) for status in results.kpis]
    workshop = None
    if campaign.workshop is not None:
        from socialroi_tui.engine.workshop import workshop_progress

        heads, rows = workshop_step_rows(campaign, lang)
        summary = [campaign.workshop.title or t("workshop_title_default", lang)]
        if campaign.workshop.participant:
            summary.append(t("workshop_for", lang, name=campaign.workshop.participant))
        summary.append(workshop_progress_line(workshop_progress(campaign), lang))
        workshop = (summary, heads, rows)
    write_xlsx(campaign, results, path, lang, columns, names, workshop)


# --- bars: figures per network, drawn rather than read ------------------------------------


@dataclass(frozen=True)
class BarRow:
    """One bar of a chart: a network's figure, and optionally the plan it is held to."""

    label: str
    """As the file gives it: whoever draws it makes it safe (``text.safe``)."""
    value: Decimal | None
    """``None`` where the figure is undefined (a CPA with no sale): no bar, ``—``."""
    reference: Decimal | None
    """The plan the value is held to (``None``: none, or undefined)."""
    value_text: str
    reference_text: str
    """Formatted in the chart's unit and language; ``—`` where undefined, empty without
    a reference."""
    fill: Decimal | None
    """The value as a fraction of the chart's scale, from 0 to 1 (``None``: no bar)."""
    mark: Decimal | None
    """The reference as a fraction of the same scale (``None``: no marker)."""
    over: bool
    """The value is above its reference (both defined)."""


@dataclass(frozen=True)
class BarChart:
    """Bars that share one scale, as :func:`bar_chart` makes them."""

    title: str
    rows: tuple[BarRow, ...]
    scale: Decimal | None
    """The largest of the values and references; ``None`` when none is above zero (no
    bar has a length then)."""
    shared_reference_text: str | None
    """The one reference every row is held to, formatted (the plan's overall CPA), so
    that it is said once rather than on each row; ``None`` when the rows' references
    differ or there is none."""

    @property
    def has_references(self) -> bool:
        return any(row.reference_text for row in self.rows)

    @property
    def any_over(self) -> bool:
        return any(row.over for row in self.rows)


def _defined(value: Decimal | None) -> Decimal | None:
    return value if value is not None and value.is_finite() else None


def bar_chart(
    items,
    unit: str,
    currency: str,
    lang: Language,
    title: str = "",
    scale: Decimal | None = None,
) -> BarChart:
    """Bars from ``items``, each ``(label, value)`` or ``(label, value, reference)``:
    the figures formatted in ``unit`` (``money``, ``rate``, ``count``, ``number``), and
    each value and reference a fraction of one scale, the largest of them all (or
    ``scale``, for charts that must compare with another). Negative figures draw no
    length (a bar starts at zero)."""
    entries = []
    for item in items:
        label, value, reference = (*item, None) if len(item) == 2 else item
        entries.append((label, _defined(value), _defined(reference)))
    if scale is None:
        figures = [v for _l, value, ref in entries for v in (value, ref) if v is not None]
        scale = max(figures, default=None)
    if scale is not None and scale <= 0:
        scale = None

    def fraction(value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        if scale is None:
            return Decimal(0)
        return min(max(value / scale, Decimal(0)), Decimal(1))

    rows = []
    for label, value, reference in entries:
        value_text = format_by_unit(value, unit, currency, lang)
        reference_text = (
            "" if reference is None else format_by_unit(reference, unit, currency, lang)
        )
        over = value is not None and reference is not None and value > reference
        rows.append(
            BarRow(
                label,
                value,
                reference,
                value_text,
                reference_text,
                fraction(value),
                fraction(reference),
                over,
            )
        )
    references = {row.reference for row in rows}
    shared = None
    if len(references) == 1 and None not in references and rows:
        shared = rows[0].reference_text
    return BarChart(title, tuple(rows), scale, shared)


def dashboard_bar_charts(rows, currency: str, lang: Language) -> tuple[BarChart, BarChart]:
    """The dashboard drawn: each network's spend against its planned budget, and its
    CPA (on the sales chosen) against its planned CPA."""
    networks = [row for row in rows if row.level == "channel"]
    spend = bar_chart(
        [(row.label, row.figure("spend"), row.plan["spend"]) for row in networks],
        "money",
        currency,
        lang,
        title=t("bars_spend_vs_plan", lang),
    )
    cpa = bar_chart(
        [(row.label, row.figure("cpa"), row.plan["cpa"]) for row in networks],
        "money",
        currency,
        lang,
        title=t("bars_actual_cpa", lang),
    )
    return spend, cpa


def network_bar_charts(results: CampaignResults, currency: str, lang: Language):
    """The budget split drawn: each network's planned budget, and its planned CPA against
    the plan's overall CPA: the networks' added up (with figures of their own, some buy
    their sales dearer than others), else the plan's own."""
    overall = results.combined  # the networks added up, as the split's Σ line
    if overall is None or overall.cpa is None:  # no networks, or not all with a budget
        overall = results.budget
    budgets = bar_chart(
        [(plan.label, plan.result.budget) for plan in results.channels],
        "money",
        currency,
        lang,
        title=t("bars_budget", lang),
    )
    cpas = bar_chart(
        [(plan.label, plan.result.cpa, overall.cpa) for plan in results.channels],
        "money",
        currency,
        lang,
        title=t("bars_cpa", lang),
    )
    return budgets, cpas


# --- workshop: progress, the room's status, everyone's answers ---------------------------

_RATE_FIELDS = {"conversion_rate", "ctr", "gross_margin", "share", "step", "top", "bounce"}
_MONEY_FIELDS = {"budget", "price", "average_order_value", "target_cpa", "spend", "revenue"}
_COUNT_FIELDS = {"target_conversions", "impressions", "reach", "clicks", "leads", "bounces"}
_COUNT_FIELDS |= {"conversions", "count"}


def blank_text(key: str, value, currency: str, lang: Language) -> str:
    """A blank field's value as the participant typed it (``—``: empty)."""
    if value is None or value == ():
        return "—"
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, str):
        return value
    name = key.partition(".")[2].partition(":")[0]
    if name in _COUNT_FIELDS:
        return format_count(value, lang)
    if name in _RATE_FIELDS:
        return format_rate(value, lang)
    if name in _MONEY_FIELDS:
        return format_money(value, currency, lang)
    return format_plain(value, lang).removesuffix(",00").removesuffix(".00")


def _section_name(section: str, lang: Language) -> str:
    key = f"section_{section}"
    return t(key, lang) if has_words(key) else section


def _step_title(step, number: int, lang: Language) -> str:
    from socialroi_tui.model import text_in

    title = text_in(step.title, lang) or _section_name(step.section, lang)
    return t("workshop_step_heading", lang, number=number, title=one_line(title))


def workshop_progress_line(progress, lang: Language) -> str:
    return t(
        "workshop_progress_line",
        lang,
        reached=progress.step_reached,
        total=progress.total,
        done=progress.steps_done,
        checks=progress.checks_passed,
        hints=progress.hints_used,
    )


def workshop_step_rows(campaign, lang: Language) -> tuple[list[str], list[list[str]]]:
    """A workbook's steps as a table: the headings, then a row per step (its title,
    section, status, checks passed, hints used, and the blank fields' values)."""
    from socialroi_tui.engine.workshop import blank_fields

    workshop = campaign.workshop
    heads = ("number", "section", "status", "checks", "hints", "answers")
    rows = []
    currency = campaign.meta.currency
    for number, step in enumerate(workshop.steps if workshop else [], start=1):
        progress = workshop.progress.get(step.id)
        done = progress is not None and progress.done
        answers = "; ".join(
            f"{field.key} = {blank_text(field.key, field.value, currency, lang)}"
            for field in blank_fields(campaign, step)
        )
        rows.append(
            [
                _step_title(step, number, lang),
                _section_name(step.section, lang),
                "✓ " + t("workshop_done", lang) if done else t("workshop_not_done", lang),
                str(progress.checks_passed if progress else 0),
                str(progress.hints_used if progress else 0),
                answers or t("workshop_no_blank", lang),
            ]
        )
    return [t(f"workshop_col_{h}", lang) for h in heads], rows


def workshop_report_lines(campaign, lang: Language) -> list[str]:
    """A workbook's progress and answers, as Markdown (empty without a workshop)."""
    from socialroi_tui.engine.workshop import workshop_progress

    workshop = campaign.workshop
    if workshop is None:
        return []
    title = workshop.title or t("workshop_title_default", lang)
    lines = ["", f"## {markdown_cell(title)}", ""]
    if workshop.participant:
        lines += [t("workshop_for", lang, name=markdown_cell(workshop.participant)), ""]
    lines += [workshop_progress_line(workshop_progress(campaign), lang), ""]
    heads, rows = workshop_step_rows(campaign, lang)
    lines += ["| " + " | ".join(heads) + " |", "|---|---|---|--:|--:|---|"]
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(cell) for cell in row) + " |")
    return lines


_STATUS_COLUMNS = ("participant", "file", "step", "done", "checks", "hints", "saved", "problem")


def workshop_status_report(rows, folder: str, fmt: str, lang: Language) -> str:
    """Where each participant is (``store.workshop.read_status``), as md, csv or json."""
    import csv
    import io

    def words(problem) -> str:
        if problem is None:
            return ""
        return problem.words(lang) if hasattr(problem, "words") else str(problem)

    records = []
    for row in rows:
        progress = row.progress
        records.append(
            {
                "participant": row.participant,
                "file": row.path.name,
                "step_reached": progress.step_reached if progress else None,
                "steps_done": progress.steps_done if progress else None,
                "total": progress.total if progress else None,
                "checks_passed": progress.checks_passed if progress else None,
                "hints_used": progress.hints_used if progress else None,
                "saved": row.saved.isoformat(sep=" ") if row.saved else None,
                "problem": words(row.problem) or None,
            }
        )
    if fmt == "json":
        return json_text(records) + "\n"

    def cells(record) -> list[str]:
        known = record["total"] is not None
        return [
            record["participant"],
            record["file"],
            f"{record['step_reached']}" if known else "—",
            f"{record['steps_done']}/{record['total']}" if known else "—",
            str(record["checks_passed"]) if known else "—",
            str(record["hints_used"]) if known else "—",
            record["saved"] or "—",
            t("workshop_unreadable", lang, problem=record["problem"]) if record["problem"] else "",
        ]

    heads = [t(f"workshop_col_{column}", lang) for column in _STATUS_COLUMNS]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(heads)
        for record in records:
            writer.writerow([spreadsheet_text(one_line(cell)) for cell in cells(record)])
        return out.getvalue()
    lines = [f"# {t('workshop_status_title', lang, folder=markdown_cell(folder))}", ""]
    lines += ["| " + " | ".join(heads) + " |", "|---|---|--:|--:|--:|--:|---|---|"]
    for record in records:
        lines.append("| " + " | ".join(markdown_cell(cell) for cell in cells(record)) + " |")
    return "\n".join(lines) + "\n"


def workshop_collect_report(title: str, answers, lang: Language) -> str:
    """Everyone's answers (``store.workshop.Answers``, the trainer's first when given),
    step by step: a row per workbook, a column per blank field, as Markdown."""
    steps = next((a.steps for a in answers if a.steps), ())
    lines = [f"# {t('workshop_collect_title', lang, title=markdown_cell(title))}"]
    for number, step in enumerate(steps, start=1):
        lines += ["", f"## {markdown_cell(_step_title(step, number, lang))}", ""]
        keys = list(step.blanks)
        if not keys:
            lines.append(t("workshop_no_blank", lang))
            continue
        heads = [t("workshop_col_participant", lang), *keys]
        lines += ["| " + " | ".join(markdown_cell(h) for h in heads) + " |"]
        lines += ["|" + "---|" * len(heads)]
        for answer in answers:
            if answer.fields is None:
                problem = answer.problem
                reason = problem.words(lang) if hasattr(problem, "words") else str(problem)
                row = [answer.label, t("workshop_unreadable", lang, problem=reason)]
                row += [""] * (len(keys) - 1)
            else:
                values = {f.key: f for f in answer.fields.get(step.id, [])}
                row = [answer.label]
                for key in keys:
                    field = values.get(key)
                    value = field.value if field is not None else None
                    row.append(blank_text(key, value, answer.currency, lang))
            lines.append("| " + " | ".join(markdown_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"
