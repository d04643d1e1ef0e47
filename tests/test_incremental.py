"""Results added to what was already added up, and the dashboard's sort: the same
figures and the same order as working everything out again."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from socialroi_tui import editing
from socialroi_tui.document import CampaignDocument
from socialroi_tui.engine.dashboard import DashboardRow, dashboard_rows, sort_rows
from socialroi_tui.engine.evaluate import evaluate, summarise_actuals, summarise_more
from socialroi_tui.model import Campaign
from socialroi_tui.model.campaign import ActualResult, Channel

CHANNELS = ["fb", "ig", "li"]
money = st.none() | st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)
count = st.none() | st.integers(min_value=0, max_value=10**9).map(Decimal)
results = st.builds(
    ActualResult,
    channel=st.sampled_from(CHANNELS),
    publication=st.sampled_from(["", "a", "b", "c", "d"]),
    spend=money,
    impressions=count,
    reach=count,
    clicks=count,
    conversions=count,
    revenue=money,
)


def campaign_of(channels: list[str], actuals: list[ActualResult]) -> Campaign:
    return Campaign(
        channels=[Channel(id=c, network="facebook", label=c.upper()) for c in channels],
        actuals=actuals,
    )


def same_summary(first, second) -> None:
    assert first.total == second.total
    assert first.by_channel == second.by_channel
    assert list(first.by_channel) == list(second.by_channel)
    assert first.by_publication == second.by_publication
    assert list(first.by_publication) == list(second.by_publication)
    for totals in (first.total, *first.by_channel.values()):  # reach never summed
        assert totals.measures["reach"] is None or totals.counted <= 1


@settings(max_examples=150)
@given(
    before=st.lists(results, max_size=12),
    added=st.lists(results, max_size=6),
    new_channels=st.integers(min_value=0, max_value=2),
)
def test_results_added_to_a_summary_give_the_summary_of_all(before, added, new_channels):
    """A law: adding up the first results, then the new ones onto them, is adding up
    them all (new channels may follow the others)."""
    old_channels = CHANNELS[: len(CHANNELS) - new_channels]
    before = [r for r in before if r.channel in old_channels]
    first = campaign_of(old_channels, before)
    whole = campaign_of(CHANNELS, before + added)
    more = summarise_more(summarise_actuals(first), whole, added)
    assert more is not None
    same_summary(more, summarise_actuals(whole))


def test_a_summary_is_not_extended_when_the_channels_changed_otherwise():
    first = campaign_of(["fb", "ig"], [])
    assert summarise_more(summarise_actuals(first), campaign_of(["ig", "fb"], []), []) is None
    assert summarise_more(summarise_actuals(first), campaign_of(["fb"], []), []) is None


@settings(max_examples=40)
@given(steps=st.lists(st.tuples(st.sampled_from(["add", "import", "undo"]), results), max_size=8))
def test_the_document_figures_after_adds_imports_and_undos_are_worked_out_afresh(steps):
    document = CampaignDocument(campaign_of(CHANNELS, []))
    document.results  # noqa: B018 (added up once, as on opening)
    for step, result in steps:
        if step == "undo":
            document.undo()
        elif step == "add":
            document.apply(editing.add_actual(document.campaign, result))
        else:  # an import: the same channels in a new list, rows added after
            campaign = document.campaign
            document.apply(
                campaign.model_copy(
                    update={
                        "channels": list(campaign.channels),
                        "actuals": [*campaign.actuals, result, result],
                    }
                )
            )
        fresh = evaluate(document.campaign)
        assert document.results.actual_total == fresh.actual_total
        assert document.results.actual_by_channel == fresh.actual_by_channel
        assert document.results.actual_by_publication == fresh.actual_by_publication


def sort_rows_one_channel_at_a_time(rows, column, descending=False):
    """The sort as it was first written (each channel looks for its publications among
    all the rows): the reference the faster one must match."""

    def key(row: DashboardRow):
        value = row.figure(column)
        return (value is None, -value if descending and value is not None else value or 0)

    channels = [r for r in rows if r.level == "channel"]
    ordered = []
    for channel in sorted(channels, key=key):
        ordered.append(channel)
        children = [r for r in rows if r.level == "publication" and r.channel == channel.channel]
        ordered += sorted(children, key=key)
    return ordered + [r for r in rows if r.level == "total"]


@settings(max_examples=60)
@given(
    actuals=st.lists(results, max_size=20),
    column=st.sampled_from(["spend", "cpa", "ctr", "roi", "reach", "revenue"]),
    descending=st.booleans(),
)
def test_sorting_the_rows_keeps_the_order_of_the_first_sort(actuals, column, descending):
    rows = dashboard_rows(evaluate(campaign_of(CHANNELS, actuals)))
    assert sort_rows(rows, column, descending) == sort_rows_one_channel_at_a_time(
        rows, column, descending
    )


@settings(max_examples=60)
@given(
    before=st.lists(results, max_size=12),
    added=st.lists(results, max_size=4),
    margin=st.sampled_from([None, Decimal("0.4")]),
)
def test_rows_reused_after_results_are_added_are_the_rows_made_afresh(before, added, margin):
    from socialroi_tui.engine.dashboard_reuse import rows_after

    document = CampaignDocument(campaign_of(CHANNELS, before))
    if margin is not None:
        document.apply(editing.set_budget(document.campaign, gross_margin=margin))
    first = document.results
    rows = dashboard_rows(first)
    for result in added:
        document.apply(editing.add_actual(document.campaign, result))
    assert rows_after(first, rows, document.results) == dashboard_rows(document.results)


def test_rows_are_made_again_when_the_plan_changed():
    from socialroi_tui.engine.dashboard_reuse import rows_after

    document = CampaignDocument(campaign_of(CHANNELS, []))
    first = document.results
    rows = dashboard_rows(first)
    document.apply(editing.set_budget(document.campaign, budget=Decimal(1000)))
    assert rows_after(first, rows, document.results) == dashboard_rows(document.results)


@settings(max_examples=60)
@given(
    before=st.lists(results, max_size=12),
    added=st.lists(results, max_size=4),
    column=st.sampled_from(["spend", "cpa", "ctr", "reach"]),
    descending=st.booleans(),
)
def test_a_sort_made_again_after_results_are_added_is_the_sort_made_afresh(
    before, added, column, descending
):
    from socialroi_tui.engine.dashboard_reuse import rows_after, sorted_after

    document = CampaignDocument(campaign_of(CHANNELS, before))
    first = document.results
    rows = dashboard_rows(first)
    earlier = (rows, sort_rows(rows, column, descending))
    for result in added:
        document.apply(editing.add_actual(document.campaign, result))
    now = rows_after(first, rows, document.results)
    assert sorted_after(earlier, now, column, descending) == sort_rows(now, column, descending)
    assert sorted_after((now, sort_rows(now, column, descending)), now, column, descending) == (
        sort_rows(now, column, descending)
    )


def test_a_networks_reach_unknown_keeps_the_campaigns_unknown():
    """Facebook's two rows make its reach unknown; Instagram's one row knows its own:
    the campaign's reach is not Instagram's alone (found by the law above)."""
    rows = [
        ActualResult(channel="fb", reach=Decimal(0)),
        ActualResult(channel="fb", reach=Decimal(0)),
        ActualResult(channel="ig", reach=Decimal(0)),
    ]
    summary = summarise_actuals(campaign_of(CHANNELS, rows))
    assert summary.by_channel["fb"].measures["reach"] is None
    assert summary.by_channel["ig"].measures["reach"] == 0
    assert summary.total.measures["reach"] is None
