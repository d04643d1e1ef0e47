"""The dashboard's rows for new results, reusing the rows of the figures that did not
change: a result added to a campaign of 5 000 publications changes one publication, its
network and the total; the other rows stay as they were (made again, they took longer
than the rest of the step)."""

from __future__ import annotations

from dataclasses import fields, replace

from socialroi_tui.engine.dashboard import DashboardRow, dashboard_rows, sort_rows
from socialroi_tui.engine.evaluate import CampaignResults

ACTUAL_FIELDS = ("actual_total", "actual_by_channel", "actual_by_publication", "kpis")
"""The parts of the results an added result changes (the KPIs are not in the rows)."""


def rows_after(
    before: CampaignResults | None, rows: list[DashboardRow] | None, results: CampaignResults
) -> list[DashboardRow]:
    """``dashboard_rows(results)``, where ``rows`` are ``dashboard_rows(before)``: a
    publication whose totals are the very same object keeps its row; the others are made
    by ``dashboard_rows`` itself. Everything is made again when anything but the actual
    results changed (the plan, the margin, the networks)."""
    if before is None or rows is None or not _only_actuals_differ(before, results):
        return dashboard_rows(results)
    if list(before.actual_by_channel) != list(results.actual_by_channel):
        return dashboard_rows(results)
    kept = {
        id(row.actual): row
        for row in rows
        if row.level == "publication"  # a publication's row depends on its totals alone
    }
    changed = {
        channel: tuple(totals for totals in publications if id(totals) not in kept)
        for channel, publications in results.actual_by_publication.items()
    }
    made = dashboard_rows(replace(results, actual_by_publication=changed))
    made_for = {id(row.actual): row for row in made if row.level == "publication"}
    channel_rows = {row.channel: row for row in made if row.level == "channel"}
    ordered = []
    for channel in results.actual_by_channel:
        ordered.append(channel_rows[channel])
        for totals in results.actual_by_publication.get(channel, ()):
            ordered.append(kept.get(id(totals)) or made_for[id(totals)])
    return ordered + [row for row in made if row.level in ("site", "total")]


def _only_actuals_differ(before: CampaignResults, after: CampaignResults) -> bool:
    return all(
        getattr(before, part.name) is getattr(after, part.name)
        or getattr(before, part.name) == getattr(after, part.name)
        for part in fields(CampaignResults)
        if part.name not in ACTUAL_FIELDS
    )


def sorted_after(
    earlier: tuple[list[DashboardRow], list[DashboardRow]] | None,
    rows: list[DashboardRow],
    column: str,
    descending: bool = False,
) -> list[DashboardRow]:
    """``sort_rows(rows, column, descending)``; ``earlier`` is some rows and their sort by
    the same column and direction: a network whose publications are the very same rows,
    in the same order, as then keeps their sorted order; the others are sorted again."""
    if earlier is None:
        return sort_rows(rows, column, descending)
    unsorted, ordered_then = (_children(part) for part in earlier)
    children = _children(rows)
    heads = [row for row in rows if row.level != "publication"]
    ordered = []
    for row in sort_rows(heads, column, descending):
        ordered.append(row)
        if row.level != "channel":
            continue
        mine, then = children.get(row.channel, []), unsorted.get(row.channel, [])
        if len(mine) == len(then) and all(a is b for a, b in zip(mine, then, strict=True)):
            ordered += ordered_then.get(row.channel, [])
        else:
            ordered += sort_rows([row, *mine], column, descending)[1:]
    return ordered


def _children(rows: list[DashboardRow]) -> dict[str, list[DashboardRow]]:
    """The publications' rows of each network, in their order."""
    children: dict[str, list[DashboardRow]] = {}
    for row in rows:
        if row.level == "publication":
            children.setdefault(row.channel, []).append(row)
    return children
