"""Ad-platform figures and analytics figures count the same people twice: they are kept
apart, shown side by side with their gap, and never added up (issue 16)."""

from decimal import Decimal as D
from pathlib import Path

from socialroi_tui import editing
from socialroi_tui.engine.dashboard import dashboard_columns, dashboard_rows
from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.model import OFF_SOCIAL, Campaign
from socialroi_tui.presenter import dashboard_report
from socialroi_tui.store.csv_import import import_records, read_export_file
from socialroi_tui.store.toml_store import dump_campaign, parse_campaign

EXPORTS = Path(__file__).parent / "data" / "exports"


def two_sources() -> Campaign:
    campaign = Campaign.model_validate(
        {
            "meta": {"name": "Two sources", "language": "fr"},
            "channels": [
                {"id": "fb", "network": "facebook", "share": "0.6"},
                {"id": "ig", "network": "instagram", "share": "0.4"},
            ],
            "budget": {
                "mode": "forward",
                "budget": 2000,
                "ctr": "0.02",
                "conversion_rate": "0.05",
                "price": 10,
                "average_order_value": 40,
            },
        }
    )
    campaign = editing.import_results(campaign, read_export_file(EXPORTS / "meta_fr.csv"))
    return editing.import_results(campaign, read_export_file(EXPORTS / "ga4_en.csv"))


def by_level(rows):
    return {(row.level, row.channel): row for row in rows}


def test_analytics_rows_are_marked_and_the_site_traffic_keeps_no_network():
    campaign = two_sources()
    analytics = [row for row in campaign.actuals if row.origin == "analytics"]
    assert len(analytics) == 5
    assert {row.channel for row in analytics} == {"fb", "ig", OFF_SOCIAL}
    assert [c.id for c in campaign.channels] == ["fb", "ig"]  # no "Other" network made
    site = [row.publication for row in analytics if row.channel == OFF_SOCIAL]
    assert site == ["google / organic", "(direct) / (none)"]


def test_platform_and_analytics_are_never_added_up():
    results = evaluate(two_sources())
    # Meta said 600 € spent, 48 sales, 1 872 € on Facebook; the site saw 32 and 1 280 €.
    assert results.actual_by_channel["fb"].measures["conversions"] == 48
    assert results.actual_by_channel["fb"].measures["revenue"] == D("1872.00")
    assert results.actual_total.measures["revenue"] == D("4836.00")
    assert results.analytics_total.measures["revenue"] == D("2080.00")  # social only
    rows = by_level(dashboard_rows(results))
    facebook = rows[("channel", "fb")]
    assert facebook.figure("conversions") == 48
    assert facebook.figure("conversions_analytics") == 32
    assert facebook.figure("conversions_gap") == -16
    assert facebook.figure("revenue_gap") == D("1280.00") - D("1872.00")
    assert facebook.figure("sessions") == 1000


def test_each_networks_share_of_the_site_traffic():
    rows = by_level(dashboard_rows(evaluate(two_sources())))
    # 5 000 sessions in all: Facebook 1 000, Instagram 400, the rest of the site 3 600.
    assert rows[("channel", "fb")].figure("traffic_share") == D("0.2")
    assert rows[("channel", "ig")].figure("traffic_share") == D("0.08")
    assert rows[("site", OFF_SOCIAL)].figure("traffic_share") == D("0.72")
    assert rows[("total", "")].figure("traffic_share") == D("0.28")


def test_the_roi_says_whose_revenue_and_can_switch():
    campaign = two_sources()
    platform = by_level(dashboard_rows(evaluate(campaign)))[("channel", "fb")]
    assert platform.figure("roi_on_revenue") == (D("1872") - 600) / 600
    switched = editing.set_sales_from(campaign, "analytics")
    site = by_level(dashboard_rows(evaluate(switched)))[("channel", "fb")]
    assert site.figure("roi_on_revenue") == (D("1280") - 600) / 600
    assert site.figure("cpa") == D("600") / 32
    assert site.figure("conversions") == 32  # the sales shown are the site's
    assert site.figure("conversions_platform") == 48  # the platform's, beside them
    assert site.variance["conversions"] == 32 - site.plan["conversions"]
    report = dashboard_report(switched, evaluate(switched), "md", "fr")
    assert "selon l'analytics du site" in report and "Ventes plat." in report
    assert "TRAFFIC_SHARE" not in report


def test_the_choice_and_the_origins_survive_a_save():
    campaign = editing.set_sales_from(two_sources(), "analytics")
    campaign = editing.set_dashboard_columns(campaign, ["spend", "traffic_share"])
    text = dump_campaign(campaign)
    assert 'origin = "analytics"' in text and 'channel = ""' in text
    again = parse_campaign(text)
    assert again == campaign


def test_analytics_columns_only_when_there_are_analytics_rows():
    assert "sessions" in dashboard_columns(evaluate(two_sources()))
    meta_only = editing.import_results(
        Campaign.model_validate({"channels": [{"id": "fb", "network": "facebook"}]}),
        read_export_file(EXPORTS / "meta_fr.csv"),
    )
    assert "sessions" not in dashboard_columns(evaluate(meta_only))


def test_a_whole_import_is_taken_back_even_after_saving():
    campaign = parse_campaign(dump_campaign(two_sources()))
    records = import_records(campaign)
    assert [(r.file, r.format, r.rows) for r in records] == [
        ("meta_fr.csv", "meta", 2),
        ("ga4_en.csv", "ga4", 5),
    ]
    without = editing.take_back_import(campaign, records[1].id)
    assert all(row.origin == "platform" for row in without.actuals)
    assert [r.file for r in without.imports] == ["meta_fr.csv"]
    # Taken back, the same file may be imported again.
    again = editing.import_results(without, read_export_file(EXPORTS / "ga4_en.csv"))
    assert len(again.actuals) == len(campaign.actuals)


def test_a_row_is_edited_in_place_and_stays_in_its_import():
    campaign = two_sources()
    row = campaign.actuals[0]
    edited = editing.replace_actual(campaign, 0, row.model_copy(update={"spend": D("650")}))
    assert edited.actuals[0].spend == 650 and edited.actuals[0].source == row.source
    fewer = editing.remove_actuals(edited, {0})
    assert len(fewer.actuals) == len(campaign.actuals) - 1


def test_a_platform_row_may_not_lack_a_network():
    import pytest

    from socialroi_tui.text.words import Problems

    campaign = two_sources()
    row = campaign.actuals[0].model_copy(update={"channel": OFF_SOCIAL})
    with pytest.raises(Problems):
        editing.replace_actual(campaign, 0, row)


def test_the_workbook_keeps_the_two_sources_apart(tmp_path):
    import zipfile

    from socialroi_tui.presenter import xlsx_report

    campaign = two_sources()
    path = tmp_path / "r.xlsx"
    xlsx_report(campaign, evaluate(campaign), path, "fr")
    with zipfile.ZipFile(path) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Hors réseaux" in strings and "Part trafic" in strings and "CA site" in strings


def test_the_same_file_read_with_another_mapping_is_not_imported_twice():
    import pytest

    from socialroi_tui.store.csv_import import CsvImportError

    campaign = two_sources()
    again = read_export_file(EXPORTS / "meta_fr.csv", {"Achats": "leads"})
    with pytest.raises(CsvImportError, match="already"):
        editing.import_results(campaign, again)


def test_the_same_rows_in_another_order_are_not_imported_twice(tmp_path):
    import pytest

    from socialroi_tui.store.csv_import import CsvImportError

    lines = (EXPORTS / "ga4_en.csv").read_text().splitlines()
    resorted = tmp_path / "ga4_sorted.csv"
    resorted.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    with pytest.raises(CsvImportError, match="already"):
        editing.import_results(two_sources(), read_export_file(resorted))


def test_ga4s_other_bucket_is_the_sites_other_traffic_not_a_network(tmp_path):
    export = tmp_path / "ga4.csv"
    export.write_text(
        "Session source / medium,Sessions\nfacebook / paid,100\n(other),5000\n(not set),7\n"
    )
    campaign = Campaign.model_validate({"channels": [{"id": "fb", "network": "facebook"}]})
    campaign = editing.import_results(campaign, read_export_file(export))
    assert [c.id for c in campaign.channels] == ["fb"]
    assert [r.channel for r in campaign.actuals] == ["fb", OFF_SOCIAL, OFF_SOCIAL]


def test_the_sales_an_attribution_model_credits_each_network(tmp_path):
    from socialroi_tui.store.journeys import attributed_sales

    journeys = tmp_path / "paths.csv"
    journeys.write_text(
        "path;total_conversions;total_conversion_value;total_null\n"
        "fb > email;10;400;5\nig;6;240;4\nemail;4;160;1\n"
    )
    campaign = editing.set_attribution(two_sources(), journeys="paths.csv", model="last")
    campaign = editing.set_sales_from(campaign, "attribution")
    credited, in_all = attributed_sales(campaign, journeys)
    assert in_all == 20  # e-mail's 14 too
    # Last touch: e-mail closes 14 sales (no network of the plan), Instagram 6.
    assert credited["ig"].measures["conversions"] == 6
    assert credited["fb"].measures["conversions"] == 0 and "email" not in credited
    results = evaluate(campaign, attributed=credited)
    rows = by_level(dashboard_rows(results))
    assert rows[("channel", "ig")].figure("conversions") == 6
    assert rows[("channel", "ig")].figure("cpa") == D("760") / 6
    assert rows[("channel", "fb")].figure("conversions") == 0  # credited nothing
    assert rows[("channel", "fb")].figure("cpa") is None  # "—", never a division by zero
    assert rows[("channel", "fb")].figure("conversions_platform") == 48
    # Without the journeys read, the platforms' sales count (and say so).
    assert evaluate(campaign).sales_from == "platform"


def test_an_interface_gets_the_attributed_sales_worked_out_in_the_background(tmp_path):
    """With ``in_background`` set, the figures come at once (the platforms' sales, the
    attribution said pending), then again with the credit once the work is done; an
    outcome asked for settings changed meanwhile is dropped."""
    from socialroi_tui.document import CampaignDocument

    (tmp_path / "paths.csv").write_text(
        "path;total_conversions;total_conversion_value;total_null\nig;6;240;4\nfb;2;80;1\n"
    )
    campaign = editing.set_attribution(two_sources(), journeys="paths.csv", model="last")
    document = CampaignDocument(editing.set_sales_from(campaign, "attribution"))
    document.path = tmp_path / "plan.toml"
    asked = []
    document.in_background = lambda work, done: asked.append((work, done))
    assert document.results.sales_from == "platform" and document.attribution_pending
    assert len(asked) == 1 and document.results.sales_from == "platform"  # asked once
    work, done = asked.pop()
    done(work())
    assert not document.attribution_pending and document.results.sales_from == "attribution"
    assert document.results.attributed_by_channel["ig"].measures["conversions"] == 6

    document.apply(editing.set_attribution(document.campaign, model="first"))
    assert document.results.sales_from == "platform" and document.attribution_pending
    stale_work, stale_done = asked.pop()
    document.apply(editing.set_attribution(document.campaign, model="linear"))
    assert document.results.sales_from == "platform"
    stale_done(stale_work())  # worked out for "first": dropped
    assert document.attribution_pending and document.results.sales_from == "platform"
    work, done = asked.pop()
    done(work())
    assert document.results.sales_from == "attribution"


def test_the_dashboard_can_say_what_the_attribution_credits_outside_the_plan(tmp_path):
    """E-mail closes 14 of the 20 sales (last touch): no network of the plan, so the
    table leaves them out, and the document says how many and of how many."""
    from socialroi_tui.document import CampaignDocument

    (tmp_path / "paths.csv").write_text(
        "path;total_conversions;total_conversion_value;total_null\n"
        "fb > email;10;400;5\nig;6;240;4\nemail;4;160;1\n"
    )
    campaign = editing.set_attribution(two_sources(), journeys="paths.csv", model="last")
    document = CampaignDocument(campaign)
    document.path = tmp_path / "plan.toml"
    assert document.credited_outside_the_plan() is None  # the platforms' sales counted
    document.apply(editing.set_sales_from(document.campaign, "attribution"))
    assert document.credited_outside_the_plan() == (14, 20)
    document.apply(editing.set_attribution(document.campaign, model="first"))
    assert document.credited_outside_the_plan() == (4, 20)  # fb opens 10 of them


def test_saved_in_another_folder_the_attributed_sales_are_those_of_the_journeys_there(
    tmp_path,
):
    """The journeys file is named beside the campaign: a save elsewhere reads the one
    there, not the figures worked out from the first folder's."""
    from socialroi_tui.document import CampaignDocument

    first, second = tmp_path / "a", tmp_path / "b"
    for folder, path in ((first, "ig;6;240;4\n"), (second, "fb;9;360;1\n")):
        folder.mkdir()
        (folder / "paths.csv").write_text(
            "path;total_conversions;total_conversion_value;total_null\n" + path
        )
    campaign = editing.set_attribution(two_sources(), journeys="paths.csv", model="last")
    document = CampaignDocument(editing.set_sales_from(campaign, "attribution"))

    def credited() -> dict:
        by_channel = document.results.attributed_by_channel
        return {key: total.measures["conversions"] for key, total in by_channel.items()}

    document.save(first / "plan.toml")
    assert credited() == {"ig": 6}
    document.save(second / "plan.toml")
    assert credited() == {"fb": 9}
