"""Attribution credits as one table: per channel, each model's conversions and value
(with the channel's share), the spread between the models and Markov's removal effect —
as a frozen view model, and as Markdown, CSV or JSON. Shared by the command line and the
app. Kept apart from ``presenter`` so that the app starts without polars."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from socialroi_tui.engine.attribution import (
    SCALE,
    AttributionError,
    Credit,
    Journeys,
    attribute,
    attribute_all,
    to_hundredths,
)
from socialroi_tui.text.numbers import format_decimal, format_rate
from socialroi_tui.text.safe import json_text, markdown_cell, one_line, spreadsheet_text
from socialroi_tui.text.words import Language, Problem, t

_QUANTUM = Decimal(1).scaleb(-SCALE)


@dataclass(frozen=True)
class AttributionRow:
    channel: str
    conversions: dict[str, Decimal]
    value: dict[str, Decimal]
    conversion_share: dict[str, Decimal | None]
    value_share: dict[str, Decimal | None]
    spread_conversions: Decimal
    spread_value: Decimal
    removal_effect: Decimal | None


@dataclass(frozen=True)
class AttributionTable:
    models: tuple[str, ...]
    rows: tuple[AttributionRow, ...]
    journeys: int
    total_conversions: Decimal
    total_value: Decimal
    notes: tuple[tuple[str, str], ...]
    """(model, words key) for each model that came with a note."""
    refused: tuple[tuple[str, Problem], ...] = ()
    """(model, why) for each model that could not be worked out (a chain too large)."""

    def refusals(self, lang: Language) -> list[str]:
        return [problem.words(lang) for _model, problem in self.refused]


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(_QUANTUM) if whole else None


APART_FROM_ORDER = 3
"""Markov chains of this order or more are solved in another process (``credited``)."""


def credited(
    journeys: Journeys,
    order: int = 1,
    *,
    started: Callable[[subprocess.Popen], None] | None = None,
    **options,
) -> dict[str, Credit]:
    """Every model's credit (``attribute_all``), for an interface that must stay lively:
    a Markov chain of order 3 or more is solved in another Python, since FLINT holds the
    interpreter's lock for the seconds each of its systems takes (``started`` is given
    that process, which may be killed: an ``AttributionError`` then)."""
    if order < APART_FROM_ORDER:
        return attribute_all(journeys, order=order, **options)
    return _apart("attribute_all", (journeys,), {"order": order, **options}, started)


def credited_by(journeys: Journeys, model: str, order: int = 1, **options) -> Credit:
    """What ``model`` credits (``attribute``), Markov of order 3 or more in another Python
    (as ``credited``)."""
    if model != "markov" or order < APART_FROM_ORDER:
        return attribute(journeys, model, order=order, **options)
    return _apart("attribute", (journeys, model), {"order": order, **options})


_APART = {"attribute": attribute, "attribute_all": attribute_all}


def _apart(
    name: str,
    arguments: tuple,
    options: dict,
    started: Callable[[subprocess.Popen], None] | None = None,
):
    """``_APART[name](*arguments, **options)`` worked out in another Python: a plain
    subprocess, arguments in and the outcome out pickled (multiprocessing needs
    ``sys.stderr``'s file, which Textual replaces while it runs)."""
    import pickle

    request = pickle.dumps((name, arguments, options))
    process = subprocess.Popen(
        _apart_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if started is not None:
        started(process)
    answer, _errors = process.communicate(request)
    try:
        succeeded, outcome = pickle.loads(answer)
    except (pickle.UnpicklingError, EOFError):  # ended without a word (killed, no memory)
        problem = Problem.of("attribution_process_ended", code=process.returncode)
        raise AttributionError(problem) from None
    if not succeeded:
        raise outcome
    return outcome


def _apart_command() -> list[str]:
    import sys

    return [sys.executable, "-c", f"from {__name__} import work_apart; work_apart()"]


def work_apart() -> None:
    """In the other Python: what to work out read (pickled) from the standard input, its
    outcome or the error it raised written back to the standard output."""
    import pickle
    import sys

    name, arguments, options = pickle.loads(sys.stdin.buffer.read())
    try:
        answer = (True, _APART[name](*arguments, **options))
    except Exception as error:  # handed back to the interface, which says it
        answer = (False, error)
    sys.stdout.buffer.write(pickle.dumps(answer))


def attribution_table(
    journeys: Journeys, credits: dict[str, Credit], as_shown: bool = True
) -> AttributionTable:
    """The table of ``credits`` (models whose note says they were not worked out, as time
    decay without timestamps, are left out of the columns but keep their note); with the
    two places they are shown with (``as_shown``, each column still summing to the
    totals), else exact (``SCALE`` places), for data."""
    applied = {
        model: to_hundredths(credit) if as_shown else credit
        for model, credit in credits.items()
        if credit.note != "attribution_note_needs_timestamps" and credit.refused is None
    }
    total_conversions = journeys.total("conversions")
    total_value = journeys.total("value")
    names = list(next(iter(applied.values())).conversions) if applied else []
    markov = applied.get("markov")
    rows = []
    for name in names:
        conversions = {m: c.conversions[name] for m, c in applied.items()}
        value = {m: c.value[name] for m, c in applied.items()}
        rows.append(
            AttributionRow(
                channel=name,
                conversions=conversions,
                value=value,
                conversion_share={m: _share(x, total_conversions) for m, x in conversions.items()},
                value_share={m: _share(x, total_value) for m, x in value.items()},
                spread_conversions=_spread(conversions.values()),
                spread_value=_spread(value.values()),
                removal_effect=(markov.removal_effects or {}).get(name) if markov else None,
            )
        )
    rows.sort(key=lambda row: (-sum(row.conversions.values()), row.channel.casefold(), row.channel))
    notes = tuple((model, credit.note) for model, credit in credits.items() if credit.note)
    refused = tuple((model, c.refused) for model, c in credits.items() if c.refused is not None)
    return AttributionTable(
        tuple(applied), tuple(rows), len(journeys), total_conversions, total_value, notes, refused
    )


def _spread(values) -> Decimal:
    values = list(values)
    return max(values) - min(values) if values else Decimal(0)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def attribution_json(table: AttributionTable) -> dict:
    """Per model, per channel, conversions and value as decimal strings (``SCALE``
    decimals), their shares, Markov's removal effects; the spread per channel."""
    models = {}
    for model in table.models:
        entry: dict = {
            "conversions": {row.channel: _plain(row.conversions[model]) for row in table.rows},
            "value": {row.channel: _plain(row.value[model]) for row in table.rows},
            "conversions_share": {
                row.channel: _plain(row.conversion_share[model]) or None for row in table.rows
            },
            "value_share": {
                row.channel: _plain(row.value_share[model]) or None for row in table.rows
            },
        }
        if model == "markov":
            entry["removal_effects"] = {
                row.channel: _plain(row.removal_effect) for row in table.rows
            }
        models[model] = entry
    return {
        "journeys": table.journeys,
        "total_conversions": _plain(table.total_conversions),
        "total_value": _plain(table.total_value),
        "channels": [row.channel for row in table.rows],
        "models": models,
        "spread": {
            row.channel: {
                "conversions": _plain(row.spread_conversions),
                "value": _plain(row.spread_value),
            }
            for row in table.rows
        },
        "notes": {model: note for model, note in table.notes},
        "refused": {model: problem.key for model, problem in table.refused},
    }


def attribution_report(table: AttributionTable, fmt: str, lang: Language) -> str:
    """The table as Markdown (formatted in ``lang``), CSV (plain decimals) or JSON."""
    if fmt == "json":
        return json_text(attribution_json(table)) + "\n"
    if fmt == "csv":
        return _csv(table)
    return _markdown(table, lang)


def _csv(table: AttributionTable) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["channel"]
    for model in table.models:
        header += [
            f"{model} conversions",
            f"{model} conversions share",
            f"{model} value",
            f"{model} value share",
        ]
    header += ["spread conversions", "spread value"]
    if "markov" in table.models:
        header.append("markov removal effect")
    writer.writerow(header)
    for row in table.rows:
        cells = [spreadsheet_text(one_line(row.channel))]
        for model in table.models:
            cells += [
                _plain(row.conversions[model]),
                _plain(row.conversion_share[model]),
                _plain(row.value[model]),
                _plain(row.value_share[model]),
            ]
        cells += [_plain(row.spread_conversions), _plain(row.spread_value)]
        if "markov" in table.models:
            cells.append(_plain(row.removal_effect))
        writer.writerow(cells)
    return out.getvalue()


def _markdown(table: AttributionTable, lang: Language) -> str:
    markov = "markov" in table.models
    spread = len(table.models) > 1  # between models: none with one
    header = [t("attribution_channel", lang), ""]
    header += [t(f"model_{model}", lang) for model in table.models]
    header += [t("attribution_spread", lang)] if spread else []
    if markov:
        header.append(t("attribution_removal_effect", lang))
    lines = [
        t(
            "attribution_intro",
            lang,
            journeys=format_decimal(Decimal(table.journeys), 0, lang),
            channels=len(table.rows),
            conversions=format_decimal(table.total_conversions, 2, lang, trim=True),
            value=format_decimal(table.total_value, 2, lang),
        ),
        "",
        "| " + " | ".join(header) + " |",
        "|---|---|" + "--:|" * (len(header) - 2),
    ]
    for row in table.rows:
        conversions = [
            f"{format_decimal(row.conversions[m], 2, lang)} "
            f"({format_rate(row.conversion_share[m], lang)})"
            for m in table.models
        ]
        cells = [markdown_cell(row.channel), t("attribution_conversions", lang), *conversions]
        if spread:
            cells.append(format_decimal(row.spread_conversions, 2, lang))
        if markov:
            cells.append(format_rate(row.removal_effect, lang))
        lines.append("| " + " | ".join(cells) + " |")
        values = [format_decimal(row.value[m], 2, lang) for m in table.models]
        cells = ["", t("attribution_value", lang), *values]
        if spread:
            cells.append(format_decimal(row.spread_value, 2, lang))
        if markov:
            cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", t("attribution_legend", lang)]
    lines += [t(note, lang) for _model, note in table.notes]
    lines += table.refusals(lang)
    return "\n".join(lines) + "\n"
