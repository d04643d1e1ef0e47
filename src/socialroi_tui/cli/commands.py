"""The ``socialroi`` commands: argparse, the engine without the app, their output."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from socialroi_tui.cli import COMMANDS, UsageError, version
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import SECTIONS, Language, detect_language, t, tn

if TYPE_CHECKING:
    import argparse

ATTRIBUTION_MODELS = ("last", "first", "linear", "position", "time-decay", "markov", "shapley")
"""engine.attribution.MODELS, named here so that argparse needs no polars."""


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse, imported only for the commands (the app starts without it)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # one clear line, no usage dump, exit 2
            raise UsageError(message)

    return Parser


def _number(kind: str, option: str, lang_holder: dict):
    def read(text: str):
        from socialroi_tui.text.numbers import NumberError, parse_number

        try:
            return parse_number(text, kind, lang=lang_holder["lang"], field=option)
        except NumberError as error:
            raise UsageError(str(error)) from None

    return read


def _whole(option: str, lowest: int, highest: int, lang_holder: dict):
    def read(text: str) -> int:
        if not text.strip().isdigit() or not lowest <= int(text) <= highest:
            words = t("whole_between", lang_holder["lang"], low=lowest, high=highest)
            raise UsageError(f"{option}: {words}")
        return int(text)

    return read


def _signed_rate(option: str, lang_holder: dict):
    """A rate that may be negative (a ROI of -20 % is a loss)."""

    def read(text: str):
        from socialroi_tui.text.numbers import NumberError, parse_number

        try:
            return parse_number(
                text,
                "rate",
                lang=lang_holder["lang"],
                field=option,
                allow_negative=True,
                allow_above_100=True,
            )
        except NumberError as error:
            raise UsageError(str(error)) from None

    return read


def _money_options(parser, lang_holder: dict) -> None:
    """The options a plan's money figures take, and the output's."""
    parser.add_argument("--aov", type=_number("money", "--aov", lang_holder))
    parser.add_argument("--margin", type=_number("rate", "--margin", lang_holder))
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--lang", choices=["fr", "en"])
    parser.add_argument("--json", action="store_true")


def _build_parser(lang_holder: dict, *, app_help: bool = False) -> argparse.ArgumentParser:
    """The commands' parser; with ``app_help``, the parser whose help is ``socialroi -h``:
    how to open the app, then the commands (it parses no command line)."""
    parser_class = _parser_class()
    if not app_help:
        parser = parser_class(prog="socialroi", description="Social-media ROI planning.")
        sub = parser.add_subparsers(dest="command", required=True, parser_class=parser_class)
    else:
        parser = parser_class(
            prog="socialroi",
            usage=(
                f"%(prog)s [FILE] [--screen {'|'.join(SECTIONS)}] [--lang fr|en]\n"
                f"       %(prog)s {{{','.join(COMMANDS)}}} ...\n"
                "       %(prog)s -h | -V"
            ),
            description="Social-media ROI planning: objectives, KPIs, funnel, budget, ROI.",
            epilog="'socialroi COMMAND -h' describes a command's options.",
            add_help=False,
        )
        app = parser.add_argument_group("open the app")
        app.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help="the campaign file to open (a missing file starts a new campaign)",
        )
        app.add_argument(
            "--screen", choices=SECTIONS, metavar="|".join(SECTIONS), help="the screen shown first"
        )
        app.add_argument(
            "--lang",
            choices=("fr", "en"),
            metavar="fr|en",
            help="the language (default: from LANG or LC_ALL, else English)",
        )
        sub = parser.add_subparsers(
            title="commands", dest="command", required=True, parser_class=parser_class
        )
        other = parser.add_argument_group("other options")
        other.add_argument("-h", "--help", action="help", help="show this help and exit")
        other.add_argument(
            "-V",
            "--version",
            action="version",
            version=f"%(prog)s {version()}",
            help="show the version and exit",
        )

    plan = sub.add_parser(
        "plan",
        help="a plan: from target sales to budget (--target-sales), or from a budget to sales",
    )
    aim = plan.add_mutually_exclusive_group(required=True)
    aim.add_argument("--target-sales", type=_number("count", "--target-sales", lang_holder))
    aim.add_argument("--budget", type=_number("money", "--budget", lang_holder))
    plan.add_argument(
        "--conversion-rate", required=True, type=_number("rate", "--conversion-rate", lang_holder)
    )
    plan.add_argument("--ctr", required=True, type=_number("rate", "--ctr", lang_holder))
    price = plan.add_mutually_exclusive_group(required=True)
    price.add_argument("--cpm", type=_number("money", "--cpm", lang_holder))
    price.add_argument("--cpc", type=_number("money", "--cpc", lang_holder))
    _money_options(plan, lang_holder)

    solve = sub.add_parser(
        "solve",
        help="the figure left open that still reaches the targets (goal seek)",
        description=(
            "Give every figure of the plan but the one asked for, and what it must reach: "
            "target sales within a budget, or a target CPA, ROI or ROAS."
        ),
    )
    solve.add_argument(
        "--for",
        dest="unknown",
        required=True,
        choices=["budget", "target-sales", "cpm", "cpc", "ctr", "conversion-rate"],
    )
    solve.add_argument("--target-sales", type=_number("count", "--target-sales", lang_holder))
    solve.add_argument("--budget", type=_number("money", "--budget", lang_holder))
    solve.add_argument("--conversion-rate", type=_number("rate", "--conversion-rate", lang_holder))
    solve.add_argument("--ctr", type=_number("rate", "--ctr", lang_holder))
    solve_price = solve.add_mutually_exclusive_group()
    solve_price.add_argument("--cpm", type=_number("money", "--cpm", lang_holder))
    solve_price.add_argument("--cpc", type=_number("money", "--cpc", lang_holder))
    solve.add_argument("--target-cpa", type=_number("money", "--target-cpa", lang_holder))
    solve.add_argument(
        "--target-roi",
        type=_signed_rate("--target-roi", lang_holder),
        help="on gross profit with --margin, else on revenue",
    )
    solve.add_argument("--target-roas", type=_number("number", "--target-roas", lang_holder))
    _money_options(solve, lang_holder)

    sensitivity = sub.add_parser(
        "sensitivity",
        help="how far each assumption moves the budget (or sales), the CPA and the ROI",
    )
    sensitivity.add_argument("file", type=Path)
    sensitivity.add_argument(
        "--step",
        type=_number("rate", "--step", lang_holder),
        help="how far each assumption moves, up and down (default 10%%)",
    )
    sensitivity.add_argument("--format", choices=["md", "json"], default="md")
    sensitivity.add_argument("--lang", choices=["fr", "en"])

    compare = sub.add_parser(
        "compare",
        help="scenarios side by side: every assumption and result, the change from the first",
        description=(
            "Each file's base plan and scenarios (or those named by --scenario; 'base' is "
            "the base plan), in columns; the first is the one the others are compared to."
        ),
    )
    compare.add_argument("files", nargs="+", type=Path)
    compare.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help="a scenario to show (repeatable); 'base' is the base plan",
    )
    compare.add_argument("--format", choices=["md", "csv", "json"], default="md")
    compare.add_argument("--lang", choices=["fr", "en"])

    ranges = sub.add_parser(
        "ranges",
        help="each result's interval from the assumptions' ranges; percentiles on request",
        description=(
            "The interval of each result, exact, from the corners of the ranges the "
            "campaign's [budget.ranges] give; --percentiles adds P10, P50 and P90 from a "
            "seeded simulation (the same seed gives the same figures)."
        ),
    )
    ranges.add_argument("file", type=Path)
    ranges.add_argument("--scenario", metavar="NAME", help="plan as this scenario does")
    ranges.add_argument("--percentiles", action="store_true", help="add P10, P50 and P90")
    ranges.add_argument(
        "--draws",
        type=_whole("--draws", 100, 100_000, lang_holder),
        default=2000,
        help="plans drawn",
    )
    ranges.add_argument("--seed", type=_whole("--seed", 0, 2**32 - 1, lang_holder), default=0)
    ranges.add_argument("--format", choices=["md", "json"], default="md")
    ranges.add_argument("--lang", choices=["fr", "en"])

    calc = sub.add_parser("calc", help="evaluate a campaign file")
    calc.add_argument("file", type=Path)
    calc.add_argument("--scenario", metavar="NAME", help="plan as this scenario does")
    calc.add_argument("--lang", choices=["fr", "en"])
    calc.add_argument("--json", action="store_true")

    validate = sub.add_parser("validate", help="check campaign files")
    validate.add_argument("files", nargs="+", type=Path)
    validate.add_argument("--lang", choices=["fr", "en"])

    new = sub.add_parser("new", help="create a campaign file")
    new.add_argument("file", type=Path)
    new.add_argument("--template", help="a sample campaign's name")
    new.add_argument("--lang", choices=["fr", "en"])

    imports = sub.add_parser("import", help="add actual results from a CSV export")
    imports.add_argument("csv", type=Path)
    imports.add_argument("--into", type=Path, required=True, help="the campaign file")
    imports.add_argument("--mapping", help="a saved column mapping's name")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column to a field (repeatable)",
    )
    imports.add_argument("--save-mapping", metavar="NAME", help="keep --map for next time")
    imports.add_argument("--dry-run", action="store_true", help="show what would be imported")
    imports.add_argument("--lang", choices=["fr", "en"])

    report = sub.add_parser("report", help="the plan-versus-actual dashboard as a file")
    report.add_argument("file", type=Path)
    report.add_argument("--format", choices=["md", "csv", "json", "xlsx"], default="md")
    report.add_argument(
        "-o", "--output", type=Path, help="the file to write (xlsx: FILE's name by default)"
    )
    report.add_argument("--scenario", metavar="NAME", help="plan as this scenario does")
    report.add_argument("--lang", choices=["fr", "en"])

    attribute = sub.add_parser(
        "attribute",
        help="credit each channel with the conversions, by every attribution model",
        description=(
            "Which channel earned the conversions: last and first touch, linear, position "
            "based, time decay, Markov (exact removal effects) and Shapley, side by side, "
            "from a paths file (path;total_conversions;total_conversion_value;total_null) "
            "or touchpoints (user id, timestamp, channel, conversion, value)."
        ),
    )
    attribute.add_argument("file", type=Path)
    attribute.add_argument("--model", choices=["all", *ATTRIBUTION_MODELS], default="all")
    attribute.add_argument(
        "--order", type=_whole("--order", 1, 4, lang_holder), default=1, help="Markov order"
    )
    attribute.add_argument(
        "--half-life",
        type=_number("number", "--half-life", lang_holder),
        help="time decay: days for a touch's weight to halve (7)",
    )
    attribute.add_argument(
        "--lookback",
        type=_whole("--lookback", 1, 3650, lang_holder),
        default=30,
        help="touchpoints: days before a conversion that count (30)",
    )
    attribute.add_argument("--format", choices=["md", "csv", "json"], default="md")
    attribute.add_argument("--lang", choices=["fr", "en"])
    _workshop_parsers(sub, parser_class)
    serve = sub.add_parser(
        "serve",
        help="the app in the browsers of a room (textual-serve)",
        description=(
            "Serve the app over HTTP: each browser gets its own app. With --workshop, a "
            "participant gives a name on the first screen and works in their own workbook "
            "in DIR (made from --trainer's if missing). No login: it binds to localhost "
            "unless --host says otherwise."
        ),
    )
    serve.add_argument("--workshop", type=Path, metavar="DIR")
    serve.add_argument("--trainer", type=Path, metavar="TRAINER.toml")
    serve.add_argument("--host", default="localhost")
    serve.add_argument("--port", type=_whole("--port", 1, 65535, lang_holder), default=8000)
    serve.add_argument("--lang", choices=["fr", "en"])
    return parser


def _workshop_parsers(sub, parser_class) -> None:
    workshop = sub.add_parser("workshop", help="hand out workbooks, see where the room is")
    actions = workshop.add_subparsers(dest="action", required=True, parser_class=parser_class)
    release = actions.add_parser(
        "release", help="one workbook per participant: blanks emptied, answers removed"
    )
    release.add_argument("trainer", type=Path, metavar="TRAINER.toml")
    release.add_argument("--to", type=Path, required=True, metavar="DIR")
    who = release.add_mutually_exclusive_group(required=True)
    who.add_argument("--participants", type=int, metavar="N")
    who.add_argument("--names", type=Path, metavar="FILE", help="one name a line")
    release.add_argument("--lang", choices=["fr", "en"])
    status = actions.add_parser("status", help="each participant's step, checks and hints")
    status.add_argument("folder", type=Path, metavar="DIR")
    status.add_argument("--format", choices=["md", "csv", "json"], default="md")
    status.add_argument("--lang", choices=["fr", "en"])
    collect = actions.add_parser("collect", help="everyone's answers next to the trainer's")
    collect.add_argument("folder", type=Path, metavar="DIR")
    collect.add_argument("--trainer", type=Path, metavar="TRAINER.toml")
    collect.add_argument("--format", choices=["md"], default="md")
    collect.add_argument("-o", "--output", type=Path, metavar="OUT")
    collect.add_argument("--lang", choices=["fr", "en"])


def _said(where: object, words: str, lang: Language) -> str:
    """``where: words`` as the language writes it (a no-break space before the colon in
    French), a file's name shown safe."""
    return t("problem_at", lang, where=one_line(str(where)), problem=words)


def _table(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Columns padded to their widest cell; every cell on one line (a name's newline
    would break the table)."""
    from socialroi_tui.text.safe import cell_width, padded

    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(cell_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            " " * (widths[i] - cell_width(cell)) + cell if right[i] else padded(cell, widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _pairs(rows, lang: Language) -> str:
    return _table([(label, value) for _key, label, value in rows], (False, True))


def _print_plan(args, lang: Language) -> int:
    from socialroi_tui.engine.budget import PlanInputs
    from socialroi_tui.engine.evaluate import run_plan

    inputs = PlanInputs(
        target_conversions=args.target_sales,
        budget=args.budget,
        conversion_rate=args.conversion_rate,
        ctr=args.ctr,
        pricing="cpm" if args.cpm is not None else "cpc",
        price=args.cpm if args.cpm is not None else args.cpc,
        average_order_value=args.aov,
        gross_margin=args.margin,
    )
    result = run_plan(inputs, "reverse" if args.target_sales is not None else "forward")
    if args.json:
        import json

        print(json.dumps(_plan_json(result, args), indent=2))
        return 0
    title = "reverse_plan" if result.mode == "reverse" else "forward_plan"
    print(t(title, lang))
    _print_plan_rows(result, args, lang)
    return 0


def _shown_figures(result, args) -> list[str]:
    """The plan's figures the arguments make meaningful, in the order they are shown."""
    keys = ["clicks", "impressions", "budget", "cpa"]
    if result.mode == "forward":
        keys = ["budget", "impressions", "clicks", "conversions", "cpa"]
        if result.budget is None:  # a plan's ratios only (goal seek without a budget)
            keys = ["cpa"]
    if args.aov is not None:
        keys += ["revenue", "roi", "roi_on_revenue", "roi_basis", "roas"]
        if args.margin is not None:
            keys += ["profit"]
    if args.margin is not None:
        keys += ["break_even_cpa"]
    return keys


def _plan_json(result, args) -> dict:
    from socialroi_tui.presenter import budget_json

    full = budget_json(result)
    return {k: full[k] for k in _shown_figures(result, args)}


def _print_plan_rows(result, args, lang: Language) -> None:
    from socialroi_tui.presenter import budget_rows, verdict_text

    wanted = set(_shown_figures(result, args))
    rows = [r for r in budget_rows(result, args.currency.upper(), lang) if r[0] in wanted]
    print(_pairs(rows, lang))
    if result.verdict:
        print(verdict_text(result, lang))


def _solve(args, lang: Language) -> int:
    from socialroi_tui.engine.budget import PlanInputs
    from socialroi_tui.engine.formulas import to_cent
    from socialroi_tui.engine.solve import Goals, SolveError, solve
    from socialroi_tui.presenter import format_by_unit

    unknown = args.unknown.replace("-", "_")
    price = args.cpm if args.cpm is not None else args.cpc
    bought = "cpc" if args.cpc is not None else "cpm" if args.cpm is not None else None
    bought = bought or (unknown if unknown in ("cpm", "cpc") else "cpm")
    inputs = PlanInputs(
        target_conversions=args.target_sales,
        budget=args.budget,
        conversion_rate=args.conversion_rate,
        ctr=args.ctr,
        pricing=bought,
        price=price,
        average_order_value=args.aov,
        gross_margin=args.margin,
    )
    goals = Goals(args.target_cpa, args.target_roi, args.target_roas)
    try:
        solution = solve(unknown, inputs, goals)
    except SolveError as error:
        options = ", ".join("--" + name.replace("_", "-") for name in error.names)
        raise UsageError(t(error.key, lang, options=options)) from None
    currency = args.currency.upper()
    unit = {"target_sales": "count", "ctr": "rate", "conversion_rate": "rate"}.get(unknown, "money")
    if args.json:
        import json

        exact = solution.value
        if unit == "money" and exact is not None:
            exact = to_cent(exact)
        data = {unknown: None if exact is None else str(exact)}
        if solution.reason:
            data["reason"] = t(solution.reason, "en", figure=unknown)
        if solution.plan is not None and solution.value is not None:
            data["plan"] = _plan_json(solution.plan, args) | {"mode": solution.plan.mode}
        print(json.dumps(data, indent=2))
        return 0 if solution.value is not None else 1
    figure = t(SOLVED_NAMES[unknown], lang)
    if solution.value is None:
        print(t(solution.reason or "solve_unreachable", lang, figure=figure))
        return 1
    value = format_by_unit(solution.value, unit, currency, lang)
    print(t("solve_answer", lang, figure=figure, value=value))
    if solution.plan is not None:
        print()
        _print_plan_rows(solution.plan, args, lang)
    return 0


def _solution_text(solution, currency: str, lang: Language) -> str:
    """The figure a campaign's plan found, or why it found none."""
    from socialroi_tui.presenter import format_by_unit

    figure = t(SOLVED_NAMES[solution.unknown], lang)
    if solution.value is None:
        if solution.reason == "solve_missing":
            names = ", ".join(t(SOLVED_NAMES.get(n, n), lang) for n in solution.names)
            return t("solve_missing", lang, options=names)
        if solution.reason == "solve_no_target":
            return t("solve_no_target_here", lang)
        return t(solution.reason or "solve_unreachable", lang, figure=figure)
    unit = {"ctr": "rate", "conversion_rate": "rate"}.get(solution.unknown, "money")
    value = format_by_unit(solution.value, unit, currency, lang)
    return t("solve_answer", lang, figure=figure, value=value)


def _sensitivity(args, lang: Language) -> int:
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.engine.sensitivity import DEFAULT_STEP
    from socialroi_tui.presenter import (
        SENSITIVITY_WORDS,
        plan_sensitivity,
        sensitivity_json,
        sensitivity_rows,
    )
    from socialroi_tui.text.numbers import format_rate
    from socialroi_tui.text.safe import markdown_cell

    campaign = _load(args.file).campaign
    step = args.step if args.step is not None else DEFAULT_STEP
    if not 0 < step < 1:
        raise UsageError(t("sensitivity_step", lang))
    result = plan_sensitivity(campaign, evaluate(campaign).solution, step)
    if args.format == "json":
        import json

        print(json.dumps(sensitivity_json(result), indent=2))
        return 0
    currency = campaign.meta.currency
    shown = format_rate(step, lang)
    print(f"# {markdown_cell(campaign.meta.name or args.file.name)}")
    print()
    print(t("sensitivity_intro", lang, step=shown))
    for figure in result.figures:
        print(f"\n## {t(SENSITIVITY_WORDS[figure], lang)}\n")
        name = t(SENSITIVITY_WORDS[figure], lang)
        print(
            f"| {t('assumption', lang)} | −{shown} | +{shown} | "
            f"| {name} −{shown} | {name} +{shown} |"
        )
        print("|---|--:|--:|---|--:|--:|")
        for name, low, high, bar, at_low, at_high in sensitivity_rows(
            result, figure, currency, lang
        ):
            print(f"| {name} | {low} | {high} | `{bar}` | {at_low} | {at_high} |")
    return 0


SOLVED_NAMES = {
    "budget": "budget",
    "target_sales": "target_conversions",
    "cpm": "solve_cpm",
    "cpc": "solve_cpc",
    "ctr": "ctr_field",
    "conversion_rate": "conversion_rate",
}
"""The word naming each figure solved for."""


def _load(path: Path):
    from socialroi_tui.store import load_campaign

    return load_campaign(path)


def _print_calc(args, lang: Language) -> int:
    from socialroi_tui.engine.actuals import figure_with_margin
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.presenter import (
        DASHBOARD_UNITS,
        REPORT_NAMES,
        budget_rows,
        format_by_unit,
        funnel_rows,
        results_json,
        verdict_text,
    )
    from socialroi_tui.text.numbers import format_money, format_rate

    loaded = _load(args.file)
    campaign = _in_scenario(loaded.campaign, args.scenario, args.file, lang)
    results = evaluate(campaign, lang)
    if args.json:
        from socialroi_tui.text.safe import json_text

        print(json_text(results_json(results)))
        return 0
    currency = campaign.meta.currency
    out = [f"{campaign.meta.name or args.file.name}"]
    if args.scenario or campaign.active_scenario:  # say which plan, when not the base
        out.append(t("scenario_line", lang, name=campaign.active_scenario or t("base_plan", lang)))
    if results.funnel.stages:
        out += ["", t("funnel", lang)]
        header = (t("stage", lang), t("count", lang), t("step_rate", lang), t("from_top", lang))
        out.append(_table([header, *funnel_rows(results.funnel, lang)], (False, True, True, True)))
        if any(s.given_from_top for s in results.funnel.stages):
            out.append(t("given_from_top", lang))
        if results.funnel.bounce_rate is not None:
            bounce = format_rate(results.funnel.bounce_rate, lang)
            out.append(_said(t("bounce_rate", lang), bounce, lang))
        if results.funnel.cyclic:
            out.append(t("cyclic", lang))
    plan_title = "reverse_plan" if campaign.budget.mode == "reverse" else "forward_plan"
    if results.budget.budget is not None or results.budget.clicks is not None:
        out += ["", t(plan_title, lang), _pairs(budget_rows(results.budget, currency, lang), lang)]
    if results.budget.verdict:
        out.append(verdict_text(results.budget, lang))
    if results.solution is not None:
        out.append(_solution_text(results.solution, currency, lang))
    if results.combined is not None and results.combined.budget is not None:
        out += ["", t("channels", lang)]
        rows = [
            (t("network", lang), t("share", lang), t("budget", lang), t("conversions", lang), "CPA")
        ]
        for label, share, plan in [
            *((c.label, c.share, c.result) for c in results.channels),
            (t("combined_plan", lang), results.allocated_share, results.combined),
        ]:
            rows.append(
                (
                    label,
                    format_rate(share, lang) if share is not None else "",
                    format_money(plan.budget, currency, lang),
                    format_by_unit(plan.conversions, "count", currency, lang),
                    format_money(plan.cpa, currency, lang),
                )
            )
        out.append(_table(rows, (False, True, True, True, True)))
    if campaign.actuals:
        out += ["", t("actuals", lang)]
        margin = results.gross_margin
        names = ["spend", "clicks", "conversions", "revenue", "cpa", "roi_on_revenue"]
        if margin is not None:
            names[-1:] = ["profit", "roi", "roi_on_revenue"]
        units = [DASHBOARD_UNITS[n] for n in names]
        rows = [("", *[t(REPORT_NAMES.get(n, n), lang) for n in names])]
        groups = [*results.actual_by_channel.values(), results.actual_total]
        for totals in groups:
            label = t("total", lang) if totals is results.actual_total else totals.label
            rows.append(
                (
                    label,
                    *[
                        format_by_unit(figure_with_margin(totals, n, margin), u, currency, lang)
                        for n, u in zip(names, units, strict=True)
                    ],
                )
            )
            if totals is not results.actual_total:
                channel_id = next(k for k, v in results.actual_by_channel.items() if v is totals)
                for publication in results.actual_by_publication.get(channel_id, ()):
                    rows.append(
                        (
                            f"  {publication.label}",
                            *[
                                format_by_unit(
                                    figure_with_margin(publication, n, margin), u, currency, lang
                                )
                                for n, u in zip(names, units, strict=True)
                            ],
                        )
                    )
        out.append(_table(rows, (False, *[True] * len(names))))
    if results.kpis:
        out += ["", t("kpis", lang)]
        rows = [(t("kpi", lang), t("target", lang), t("actual", lang), t("status", lang))]
        for kpi in results.kpis:
            channel = "" if kpi.mapping.channel == "all" else f" ({kpi.mapping.channel})"
            rows.append(
                (
                    kpi.name + channel,
                    format_by_unit(kpi.target, kpi.unit, currency, lang),
                    format_by_unit(kpi.actual, kpi.unit, currency, lang),
                    t(f"status_{kpi.status}", lang),
                )
            )
        out.append(_table(rows, (False, True, True, False)))
    print("\n".join(out))
    if loaded.has_comments:
        print("\n" + _said(args.file, t("comments_warning", lang), lang), file=sys.stderr)
    return 0


def _validate(args, lang: Language) -> int:
    from socialroi_tui.store import CampaignFileError

    failed = False
    for path in args.files:
        try:
            _load(path)
            print(_said(path, t("valid", lang), lang))
        except CampaignFileError as error:
            failed = True
            print(error.words(lang), file=sys.stderr)
    return 1 if failed else 0


def _new(args, lang: Language) -> int:
    from socialroi_tui.model import Campaign, Meta
    from socialroi_tui.store import dump_campaign
    from socialroi_tui.store.toml_store import create_exclusively
    from socialroi_tui.templates import blank_campaign, template_names, template_text

    path: Path = args.file
    if path.name not in ("", ".", "..") and not path.name.lower().endswith(".toml"):
        path = path.with_name(path.name + ".toml")  # like the app's "save as"
    if args.template:
        if args.template not in template_names():
            raise UsageError(
                t("unknown_template", lang, name=args.template, names=", ".join(template_names()))
            )
        text = template_text(args.template)
    else:
        campaign: Campaign = blank_campaign(lang)
        campaign = campaign.model_copy(update={"meta": Meta(name=path.stem[:200], language=lang)})
        text = dump_campaign(campaign)
    if not path.parent.is_dir():
        print(t("folder_missing", lang, path=path, folder=path.parent), file=sys.stderr)
        return 1
    try:
        created = not path.exists() and create_exclusively(path, text.encode("utf-8"))
    except OSError as error:
        print(t("cannot_create", lang, path=path, reason=error.strerror), file=sys.stderr)
        return 1
    if not created:
        print(_said(path, t("exists", lang), lang), file=sys.stderr)
        return 1
    print(_said(path, t("created", lang), lang))
    return 0


def _mapping(args, lang: Language) -> dict[str, str] | None:
    """Column mapping from ``--mapping NAME`` and ``--map HEADER=FIELD``; a bad name or a
    mapping that cannot be read is a usage error (exit 2). Nothing is written here."""
    from socialroi_tui.store.mappings import MappingError, load_mapping, mapping_path

    mapping: dict[str, str] = {}
    try:
        if args.save_mapping:
            mapping_path(args.save_mapping)  # a bad name is refused before anything else
        if args.mapping:
            mapping.update(load_mapping(args.mapping))
    except MappingError as error:
        raise UsageError(error.words(lang)) from None
    for item in args.map:
        header, equals, field = item.partition("=")
        if not equals or not header.strip() or not field.strip():
            raise UsageError(t("map_option_form", lang, item=repr(item)))
        mapping[header.strip()] = field.strip()
    return mapping or None  # None: a mapping kept for these columns applies


def _save_mapping(name: str, mapping: dict[str, str], lang: Language) -> None:
    """``--save-mapping``: kept for next time once the import is done."""
    from socialroi_tui.store.mappings import save_mapping

    try:
        save_mapping(name, mapping)
    except OSError as error:
        print(t("mapping_not_kept", lang, name=name, reason=error.strerror), file=sys.stderr)


def _import(args, lang: Language) -> int:
    """Read the export, show what it adds, then (unless ``--dry-run``) add it: the
    campaign is read, changed and written back under its lock, so that two imports at
    once both land (the second waits), and a result the app would refuse (over 32 MB)
    is never written."""
    from decimal import Decimal

    from socialroi_tui.presenter import import_field_name, import_warning_lines
    from socialroi_tui.store import save_campaign
    from socialroi_tui.store.csv_import import CsvImportError, import_into, read_export_file
    from socialroi_tui.store.toml_store import campaign_bytes, campaign_lock
    from socialroi_tui.text.numbers import format_count

    mapping = _mapping(args, lang)
    with campaign_lock(args.into):
        try:
            preview = read_export_file(args.csv, mapping)
            loaded = _load(args.into)
            campaign = import_into(loaded.campaign, preview)
            campaign_bytes(campaign, args.into)  # refused now if it would be too large
        except CsvImportError as error:
            print(error.words(lang), file=sys.stderr)
            return 1
        rows = format_count(Decimal(len(preview.rows)), lang)
        to_import = tn("rows_to_import", len(preview.rows), lang)
        what = f"{preview.format}, {rows} {to_import} → {one_line(args.into.name)}"
        print(_said(args.csv, what, lang))
        for header, field in preview.columns.items():
            print(f"  {header} → {import_field_name(field, preview.origin, lang)}")
        if preview.left_out:
            left_out = [one_line(header, 30) for header in preview.left_out[:12]]
            more = ", …" if len(preview.left_out) > 12 else ""
            print(f"  {t('import_left_out', lang, columns=', '.join(left_out) + more)}")
        for note in preview.skipped:
            print(f"  {note.words(lang)}")
        warnings = import_warning_lines(preview, lang, loaded.campaign.meta.currency)
        if warnings:
            print(t("plausibility_title", lang))
            for warning in warnings:
                print(f"  {warning}")
        if args.dry_run:
            print(t("dry_run", lang))
            return 0
        save_campaign(campaign, args.into)
    if args.save_mapping:
        _save_mapping(args.save_mapping, mapping or {}, lang)
    print(tn("imported", len(preview.rows), lang))
    return 0


def _report(args, lang: Language) -> int:
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.presenter import dashboard_report

    campaign = _in_scenario(_load(args.file).campaign, args.scenario, args.file, lang)
    results = evaluate(campaign, lang, attributed=_attributed(campaign, args.file, lang))
    if args.format == "xlsx":
        from socialroi_tui.presenter import xlsx_report

        target = args.output or args.file.with_suffix(".xlsx")
        if target.resolve() == args.file.resolve():
            raise UsageError(t("report_over_campaign", lang))
        try:
            xlsx_report(campaign, results, target, lang)
        except OSError as error:
            print(f"{target}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(t("report_written", lang, path=str(target)))
        return 0
    if args.format == "md":
        from socialroi_tui.presenter import markdown_report

        print(markdown_report(campaign, results, lang), end="")
        return 0
    print(dashboard_report(campaign, results, args.format, lang), end="")
    return 0


def _workshop(args, lang: Language) -> int:
    return {"release": _release, "status": _status, "collect": _collect}[args.action](args, lang)


def _release(args, lang: Language) -> int:
    """``workshop release``: one workbook per participant, never over an existing file."""
    from socialroi_tui.store import CampaignFileError
    from socialroi_tui.store.workshop import MOST_PARTICIPANTS, read_names, release
    from socialroi_tui.text.words import Problem

    if args.participants is not None and not 1 <= args.participants <= MOST_PARTICIPANTS:
        raise UsageError(t("workshop_too_many", lang, most=MOST_PARTICIPANTS))
    trainer = _load(args.trainer).campaign
    if trainer.workshop is None:
        raise CampaignFileError(args.trainer, [Problem.of("problem_no_workshop")])
    if args.names is not None:
        names = read_names(args.names)
        if not names:
            print(t("workshop_names_empty", lang, path=args.names), file=sys.stderr)
            return 1
        if len(names) > MOST_PARTICIPANTS:
            raise UsageError(t("workshop_too_many", lang, most=MOST_PARTICIPANTS))
    else:
        count = args.participants
        names = [t("workshop_participant", lang, number=f"{n:02d}") for n in range(1, count + 1)]
    try:
        released = release(trainer, args.to, names, args.lang)
    except OSError as error:
        print(f"{args.to}: {error.strerror or error}", file=sys.stderr)
        return 1
    for item in released:
        key = "workshop_released" if item.written else "workshop_release_skipped"
        stream = sys.stdout if item.written else sys.stderr
        print(t(key, lang, path=item.path, name=item.name), file=stream)
    written = sum(item.written for item in released)
    summary = t(
        "workshop_release_summary",
        lang,
        written=tn("workshop_written", written, lang),
        skipped=tn("workshop_skipped", len(released) - written, lang),
        folder=args.to,
    )
    print(summary)
    return 0


def _workshop_folder(folder: Path, lang: Language) -> bool:
    if not folder.is_dir():
        print(t("workshop_no_folder", lang, folder=folder), file=sys.stderr)
        return False
    return True


def _status(args, lang: Language) -> int:
    """``workshop status``: one row per workbook in the folder, read from the files."""
    from socialroi_tui.presenter import workshop_status_report
    from socialroi_tui.store.workshop import read_status

    if not _workshop_folder(args.folder, lang):
        return 1
    rows = read_status(args.folder)
    if not rows:
        print(t("workshop_no_workbooks", lang, folder=args.folder), file=sys.stderr)
        return 1
    print(workshop_status_report(rows, str(args.folder), args.format, lang), end="")
    return 0


def _collect(args, lang: Language) -> int:
    """``workshop collect``: everyone's answers, next to the trainer's, in one document."""
    from socialroi_tui.presenter import workshop_collect_report
    from socialroi_tui.store.toml_store import write_atomically
    from socialroi_tui.store.workshop import answers_of, collect_answers

    if not _workshop_folder(args.folder, lang):
        return 1
    answers = []
    if args.trainer is not None:
        trainer = _load(args.trainer).campaign
        answers.append(answers_of(trainer, t("workshop_trainer", lang), args.trainer))
    answers += collect_answers(args.folder, skip=args.trainer)
    if not answers:
        print(t("workshop_no_workbooks", lang, folder=args.folder), file=sys.stderr)
        return 1
    title = next((a.title for a in answers if a.title), "") or t("workshop_title_default", lang)
    document = workshop_collect_report(title, answers, lang)
    if args.output is None:
        print(document, end="")
        return 0
    try:
        write_atomically(args.output, document.encode("utf-8"))
    except OSError as error:
        print(f"{args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(t("report_written", lang, path=str(args.output)))
    return 0


def _serve(args, lang: Language) -> int:
    """``serve``: the app in the room's browsers, until interrupted."""
    import shlex

    from textual_serve.server import Server

    if args.workshop is not None and not args.workshop.is_dir():
        raise UsageError(t("serve_no_folder", lang, folder=str(args.workshop)))
    command = [sys.executable, "-m", "socialroi_tui", "--lang", lang]
    if args.workshop is not None:
        command += ["--room", str(args.workshop.resolve())]
    if args.trainer is not None:
        command += ["--trainer", str(args.trainer.resolve())]
    print(t("serve_listening", lang, url=f"http://{args.host}:{args.port}"), flush=True)
    Server(shlex.join(command), host=args.host, port=args.port, title="socialroi").serve()
    return 0


def _attributed(campaign, campaign_file: Path, lang: Language):
    """The networks' sales as the chosen attribution model credits them, when the
    campaign's dashboard counts those (a file that cannot be read is said, and the
    platforms' sales are counted)."""
    from socialroi_tui.engine.attribution import AttributionError
    from socialroi_tui.store.journeys import JourneyError, attributed_sales, journeys_path

    path = journeys_path(campaign, campaign_file)
    if campaign.dashboard.sales_from != "attribution" or path is None:
        return None
    try:
        return attributed_sales(campaign, path)[0]
    except (JourneyError, AttributionError) as error:
        print(error.words(lang), file=sys.stderr)
    except OSError as error:
        print(f"{one_line(str(path))}: {one_line(str(error))}", file=sys.stderr)
    print(t("attribution_unread", lang), file=sys.stderr)
    return None


BASE_PLAN_NAME = "base"
"""What ``--scenario`` calls the base plan (unless a scenario has that name)."""


def _in_scenario(campaign, name: str | None, path: Path, lang: Language):
    """The campaign as scenario ``name`` plans it (None: as the file's active one);
    an unknown name is a usage error naming the file and the scenarios it has."""
    from socialroi_tui.engine.scenarios import in_scenario
    from socialroi_tui.model.campaign import RESERVED_SCENARIO_NAMES

    if name is None:
        return in_scenario(campaign)

    def tidy(text: str) -> str:
        return " ".join(text.split()).casefold()

    wanted = tidy(name)
    named = next((s.name for s in campaign.scenarios if tidy(s.name) == wanted), None)
    name = named or name
    if named is None:
        if wanted not in RESERVED_SCENARIO_NAMES:
            names = ", ".join(repr(s.name) for s in campaign.scenarios) or "—"
            raise UsageError(t("no_such_scenario", lang, file=path.name, name=name, names=names))
        name = ""
    planned = in_scenario(campaign, name)
    return planned.model_copy(update={"active_scenario": name})


def _ranges(args, lang: Language) -> int:
    from socialroi_tui.engine.evaluate import evaluate
    from socialroi_tui.presenter import plan_ranges_of, range_rows, ranged_words, ranges_json
    from socialroi_tui.text.safe import markdown_cell

    campaign = _in_scenario(_load(args.file).campaign, args.scenario, args.file, lang)
    draws = args.draws if args.percentiles else 0
    ranges = plan_ranges_of(campaign, evaluate(campaign).solution, draws, args.seed)
    if ranges is None:
        print(t("no_ranges", lang, file=args.file.name))
        return 0
    if args.format == "json":
        import json

        print(json.dumps(ranges_json(ranges), indent=2))
        return 0
    currency = campaign.meta.currency
    print(f"# {markdown_cell(campaign.meta.name or args.file.name)}")
    print()
    print(t("ranges_intro", lang, assumptions=ranged_words(campaign, ranges, lang)))
    if ranges.draws:
        print(t("ranges_simulated", lang, draws=ranges.draws, seed=ranges.seed))
    print()
    header = [t("figure", lang), t("range_low", lang), t("range_planned", lang)]
    header += [t("range_high", lang)]
    if ranges.draws:
        header += ["P10", "P50", "P90"]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "--:|" * (len(header) - 1))
    margin = campaign.budget.gross_margin is not None
    for row in range_rows(ranges, margin, currency, lang):
        print("| " + " | ".join(markdown_cell(cell) for cell in row) + " |")
    return 0


def _compare(args, lang: Language) -> int:
    from socialroi_tui.engine.comparison import compare
    from socialroi_tui.presenter import comparison_report

    columns = []
    for path in args.files:
        campaign = _load(path).campaign
        names = args.scenario or [BASE_PLAN_NAME, *(s.name for s in campaign.scenarios)]
        for name in names:
            planned = _in_scenario(campaign, name, path, lang)
            title = planned.active_scenario or t("base_plan", lang)
            if len(args.files) > 1:
                title = f"{path.stem}: {title}"
            columns.append((title, planned))
    currencies = {planned.meta.currency for _, planned in columns}
    if len(currencies) > 1:
        raise UsageError(t("compare_currencies", lang, currencies=", ".join(sorted(currencies))))
    titles = [title for title, _ in columns]
    plans = [planned for _, planned in columns]
    print(comparison_report(compare(plans), titles, plans, args.format, lang), end="")
    return 0


def _attribute(args, lang: Language) -> int:
    from decimal import Decimal

    from socialroi_tui.attribution_presenter import attribution_report, attribution_table
    from socialroi_tui.engine.attribution import AttributionError, attribute, attribute_all
    from socialroi_tui.store.journeys import JourneyError, read_journeys_file

    half_life = Decimal(7) if args.half_life is None else args.half_life
    if half_life <= 0:
        raise UsageError(f"--half-life: {t('whole_between', lang, low=1, high=3650)}")
    try:
        journeys = read_journeys_file(args.file, lookback_days=args.lookback)
    except JourneyError as error:
        print(error.words(lang), file=sys.stderr)
        return 1
    options = {"order": args.order, "half_life_days": half_life}
    try:
        if args.model == "all":
            credits = attribute_all(journeys, **options)
        else:
            credits = {args.model: attribute(journeys, args.model, **options)}
    except AttributionError as error:  # a Markov chain too large for its order
        print(error.words(lang), file=sys.stderr)
        return 1
    table = attribution_table(journeys, credits, as_shown=args.format == "md")
    if args.format != "md":  # said in the Markdown report; beside the data otherwise
        for words in table.refusals(lang):
            print(words, file=sys.stderr)
    if not table.models:
        for _model, note in table.notes:
            print(t(note, lang), file=sys.stderr)
        print(t("attribution_nothing", lang), file=sys.stderr)
        return 1
    print(attribution_report(table, args.format, lang), end="")
    return 0


SIGNED_OPTIONS = ("--target-roi",)
"""Options whose value may be negative: ``--target-roi -20%`` reads as ``--target-roi=-20%``
(argparse would take ``-20%`` for an option)."""


def _signed_values_joined(argv: list[str]) -> list[str]:
    joined: list[str] = []
    for word in argv:
        if joined and joined[-1] in SIGNED_OPTIONS and word[:1] == "-" and word[1:2].isdigit():
            joined[-1] = f"{joined[-1]}={word}"
        else:
            joined.append(word)
    return joined


def app_help() -> None:
    """``socialroi --help``: the app's arguments and the commands."""
    _build_parser({"lang": "en"}, app_help=True).print_help()


def run(argv: list[str]) -> int:
    """A ``socialroi`` command (``argv[0]`` one of ``COMMANDS``): its exit code."""
    from socialroi_tui.store import CampaignFileError

    argv = _signed_values_joined(argv)

    lang_holder = {"lang": _lang_from_argv(argv)}
    try:
        args = _build_parser(lang_holder).parse_args(argv)
        lang = lang_holder["lang"]
        handler = {
            "plan": _print_plan,
            "solve": _solve,
            "sensitivity": _sensitivity,
            "compare": _compare,
            "ranges": _ranges,
            "calc": _print_calc,
            "validate": _validate,
            "new": _new,
            "import": _import,
            "report": _report,
            "attribute": _attribute,
            "workshop": _workshop,
            "serve": _serve,
        }
        return handler[args.command](args, lang)
    except UsageError as error:
        print(f"socialroi: {error}", file=sys.stderr)
        return 2
    except CampaignFileError as error:
        print(error.words(lang_holder["lang"]), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _lang_from_argv(argv: list[str]) -> Language:
    """The ``--lang`` value if present (needed before numbers are parsed), else the
    language of the campaign named (``FILE.toml``, ``--into FILE.toml``), else that of a
    folder's first workbook (``workshop status DIR``), else the locale."""
    explicit = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            explicit = argv[index + 1]
        elif word.startswith("--lang="):
            explicit = word.split("=", 1)[1]
    if explicit is None:
        from socialroi_tui.quicklook import campaign_language

        campaigns = (Path(word) for word in argv if word.endswith(".toml"))
        explicit = next(filter(None, map(campaign_language, campaigns)), None)
    if explicit is None:  # a workshop's folder: its workbooks' language
        folders = (Path(word) for word in argv if not word.startswith("-"))
        for folder in (f for f in folders if f.is_dir()):
            workbooks = sorted(folder.glob("*.toml"))[:1]
            explicit = next(filter(None, map(campaign_language, workbooks)), None)
            if explicit:
                break
    return detect_language(explicit)
