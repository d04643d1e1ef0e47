"""Importing actual results from ad-platform and analytics exports."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.french import fr

from socialroi_tui.cli import main as cli_main
from socialroi_tui.store import load_campaign
from socialroi_tui.store.csv_import import CsvImportError, read_export, read_export_file

EXPORTS = Path(__file__).parent / "data" / "exports"


def linkedin_utf16() -> bytes:
    """LinkedIn Campaign Manager saved by Excel as "Unicode text": UTF-16, tab-separated."""
    text = (
        "Campaign Name\tStart Date (in UTC)\tTotal Spent\tImpressions\tClicks\tLeads\tConversions\n"
        "White paper\t10/01/2026\t2,750.00\t100,000\t500\t40\t12\n"
        "Webinar\t10/08/2026\t1,000.00\t30,000\t150\t15\t4\n"
    )
    return text.encode("utf-16")


def test_meta_export_in_french():
    preview = read_export_file(EXPORTS / "meta_fr.csv")
    assert preview.format == "meta"
    assert [r.publication for r in preview.rows] == [
        "Annonce A; remise de 10 %",
        "Annonce B (livraison offerte)",
    ]
    assert [r.network for r in preview.rows] == ["facebook", "instagram"]
    first = preview.rows[0].measures
    assert (first["spend"], first["impressions"], first["reach"]) == (600, 30_000, 21_000)
    assert (first["clicks"], first["conversions"], first["revenue"]) == (540, 48, D("1872"))
    assert [str(note) for note in preview.skipped] == ["line 4: summary row left out"]
    assert preview.skipped[0].words("fr") == fr("ligne 4 : ligne de total écartée")


def test_meta_export_in_english_with_quotes_and_thousands():
    preview = read_export_file(EXPORTS / "meta_en.csv")
    assert [r.measures["spend"] for r in preview.rows] == [D("1250.50"), D("499.5")]
    assert preview.rows[0].publication == "Spring sale, carousel"
    assert preview.rows[0].measures["reach"] == 40_100
    assert len(preview.skipped) == 1


def test_linkedin_unicode_text_export():
    preview = read_export(linkedin_utf16(), "linkedin.txt")
    assert preview.format == "linkedin"
    assert {r.network for r in preview.rows} == {"linkedin"}
    assert preview.rows[0].measures["spend"] == D("2750.00")
    assert preview.rows[0].measures["leads"] == 40
    assert str(preview.rows[1].date) == "2026-10-08"


def test_x_export_with_currency_signs():
    preview = read_export_file(EXPORTS / "x_en.csv")
    assert preview.format == "x"
    assert [r.measures["spend"] for r in preview.rows] == [D("180.00"), D("95.00")]
    assert [r.measures["clicks"] for r in preview.rows] == [220, 140]


def test_ga4_export_in_french_with_its_preamble():
    preview = read_export_file(EXPORTS / "ga4_fr.csv")
    assert preview.format == "ga4"
    networks = {r.network: r.measures["clicks"] for r in preview.rows}
    assert networks == {"facebook": 1200, "linkedin": 400, "x": 250, "instagram": 150}
    assert sum(r.measures["revenue"] for r in preview.rows) == 900


def test_rows_that_cannot_be_read_stop_the_import_with_their_line():
    with pytest.raises(CsvImportError) as caught:
        read_export_file(EXPORTS / "broken.csv")
    problems = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith("line 3: spend: 'lots' is not a number") for p in problems)
    assert any(p.startswith("line 4: spend: '-5' cannot be negative") for p in problems)


def test_an_unknown_layout_needs_a_mapping():
    with pytest.raises(CsvImportError, match="no known column"):
        read_export_file(EXPORTS / "custom.csv")
    mapping = {
        "Poste": "publication",
        "Budget consommé": "spend",
        "Vues": "impressions",
        "Ventes": "conversions",
    }
    preview = read_export_file(EXPORTS / "custom.csv", mapping)
    assert [r.measures["spend"] for r in preview.rows] == [D("1500.00"), D("300.00")]


@pytest.mark.parametrize("setup", ["folder", "pipe", "missing"])
def test_a_csv_path_that_is_not_a_file(tmp_path, setup):
    import os

    path = tmp_path / "export.csv"
    if setup == "folder":
        path.mkdir()
    elif setup == "pipe":
        os.mkfifo(path)
    with pytest.raises(CsvImportError, match=r"folder|regular file|no such file"):
        read_export_file(path)


def campaign_file(tmp_path) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(
        '[meta]\nname = "Import"\nlanguage = "fr"\n\n'
        '[[channels]]\nid = "fb"\nnetwork = "facebook"\nshare = 0.5\n\n'
        '[budget]\nmode = "forward"\nbudget = 2000\nctr = 0.02\nconversion_rate = 0.05\n'
        "price = 10\n",
        encoding="utf-8",
    )
    return path


def test_import_then_report_gives_the_same_figures(tmp_path, capsys):
    path = campaign_file(tmp_path)
    assert (
        cli_main(["import", str(EXPORTS / "meta_fr.csv"), "--into", str(path), "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "2 rows to import" in out and "Montant dépensé (EUR) → spend" in out
    campaign = load_campaign(path).campaign
    assert [c.network for c in campaign.channels] == ["facebook", "instagram"]
    assert [a.channel for a in campaign.actuals] == ["fb", "instagram"]
    linkedin = tmp_path / "linkedin.txt"
    linkedin.write_bytes(linkedin_utf16())
    assert cli_main(["import", str(linkedin), "--into", str(path), "--lang", "en"]) == 0
    capsys.readouterr()
    assert cli_main(["report", str(path), "--format", "json", "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_label = {(r["level"], r["label"]): r for r in rows}
    annonce_a = by_label[("publication", "Annonce A; remise de 10 %")]["actual"]
    assert annonce_a["cpa"] == "12.5"
    assert annonce_a["roi"] == "2.12"
    facebook = by_label[("channel", "Facebook")]
    assert facebook["plan"]["spend"] == "1000"
    assert facebook["variance"]["spend"] == "-400"
    assert by_label[("total", "total")]["actual"]["spend"] == "5110"
    assert cli_main(["report", str(path), "--format", "md", "--lang", "fr"]) == 0
    markdown = capsys.readouterr().out
    assert fr("| Facebook |  | 600,00 € |") in markdown and "| Total |" in markdown


def test_the_same_file_is_not_counted_twice(tmp_path, capsys):
    path = campaign_file(tmp_path)
    assert cli_main(["import", str(EXPORTS / "x_en.csv"), "--into", str(path), "--lang", "en"]) == 0
    before = path.read_bytes()
    assert cli_main(["import", str(EXPORTS / "x_en.csv"), "--into", str(path), "--lang", "en"]) == 1
    assert "already imported" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_broken_export_imports_nothing(tmp_path, capsys):
    path = campaign_file(tmp_path)
    before = path.read_bytes()
    assert (
        cli_main(["import", str(EXPORTS / "broken.csv"), "--into", str(path), "--lang", "en"]) == 1
    )
    err = capsys.readouterr().err
    assert "line 3" in err and "line 4" in err
    assert path.read_bytes() == before


def test_dry_run_writes_nothing(tmp_path, capsys):
    path = campaign_file(tmp_path)
    before = path.read_bytes()
    assert (
        cli_main(
            [
                "import",
                str(EXPORTS / "ga4_fr.csv"),
                "--into",
                str(path),
                "--dry-run",
                "--lang",
                "fr",
            ]
        )
        == 0
    )
    assert "rien n'a été écrit" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_a_mapping_is_saved_for_next_time(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = campaign_file(tmp_path)
    maps = [
        "--map",
        "Poste=publication",
        "--map",
        "Budget consommé=spend",
        "--map",
        "Vues=impressions",
        "--map",
        "Ventes=conversions",
    ]
    command = ["import", str(EXPORTS / "custom.csv"), "--into", str(path), *maps]
    assert cli_main([*command, "--save-mapping", "salons", "--dry-run"]) == 0
    assert not (tmp_path / "config").exists()  # a dry run writes nothing, mappings included
    assert cli_main([*command, "--save-mapping", "salons"]) == 0
    assert sum(a.spend for a in load_campaign(path).campaign.actuals) == 1800
    other = tmp_path / "other.toml"
    other.write_bytes(path.read_bytes().split(b"[[actuals]]")[0])
    assert (
        cli_main(
            ["import", str(EXPORTS / "custom.csv"), "--into", str(other), "--mapping", "salons"]
        )
        == 0
    )
    assert sum(a.spend for a in load_campaign(other).campaign.actuals) == 1800
    assert (
        cli_main(["import", str(EXPORTS / "custom.csv"), "--into", str(path), "--map", "oops"]) == 2
    )


def test_the_preview_carries_implausible_rows_with_their_file_line():
    from socialroi_tui.engine.plausibility import PlausibilityWarning
    from socialroi_tui.store.csv_import import LineWarning

    data = (
        b"# Export from the ads manager\n"
        b"\n"
        b"Ad name;Impressions;Reach;Link clicks;Purchases\n"
        b"Good;10 000;8 000;150;3\n"
        b"Slip;1 000;1 500;1 200;1 300\n"
        b"Total;11 000;9 500;1 350;1 303\n"
    )
    preview = read_export(data, "ads.csv")
    assert [r.publication for r in preview.rows] == ["Good", "Slip"]  # still imported
    assert preview.warnings == [
        LineWarning(
            5, PlausibilityWarning("exceeds", "clicks", D(1200), D(1000), other="impressions")
        ),
        LineWarning(
            5, PlausibilityWarning("exceeds", "reach", D(1500), D(1000), other="impressions")
        ),
        LineWarning(
            5, PlausibilityWarning("exceeds", "conversions", D(1300), D(1200), other="clicks")
        ),
    ]


def test_the_sample_exports_have_nothing_to_check():
    for name in ("meta_fr.csv", "meta_en.csv", "x_en.csv", "ga4_fr.csv"):
        assert read_export_file(EXPORTS / name).warnings == [], name
    assert read_export(linkedin_utf16()).warnings == []


def test_an_implausible_row_is_imported_all_the_same(tmp_path, capsys):
    path = campaign_file(tmp_path)
    export = tmp_path / "slip.csv"
    export.write_text(
        "Ad name;Impressions;Link clicks;Purchases\nSlip;1 000;1 200;10\n", encoding="utf-8"
    )
    assert cli_main(["import", str(export), "--into", str(path), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "ligne 2\u00a0: ⚠ Clics 1 200 > Impressions 1 000\u00a0: rarement possible" in out
    assert load_campaign(path).campaign.actuals[0].clicks == 1200


@given(st.lists(st.from_regex(r"[0-9., €a-z\n-]{0,12}", fullmatch=True), max_size=30))
def test_the_decimal_comma_is_decided_by_counting_values_as_one_by_one(values):
    """The file's values are weighed in one pass; the verdict is that of counting, value by
    value, those that can only be French against those that can only be English."""
    from socialroi_tui.store.csv_import import _decimal_comma

    french = sum(bool(re.search(r"\d,\d{1,2}(\D|$)|\d\.\d{3},", v)) for v in values)
    english = sum(bool(re.search(r"\d\.\d{1,2}(\D|$)|\d,\d{3}\.", v)) for v in values)
    for delimiter in (",", ";"):
        expected = french > english or (french == english and delimiter == ";")
        assert _decimal_comma(values, delimiter) == expected


@given(
    st.lists(st.lists(st.sampled_from(["1,5", "2.5", "", "x"]), max_size=4), max_size=12),
    st.lists(st.integers(0, 4), max_size=3, unique=True),
)
def test_the_figures_weighed_for_the_decimal_comma_are_every_cell_of_the_measures(rows, indexes):
    """Counted column by column, short rows (which have no cell there) included."""
    from socialroi_tui.store.csv_import import _counted_cells

    expected = Counter(row[i] for i in indexes for row in rows if i < len(row))
    assert _counted_cells(rows, indexes) == expected


def test_dates_read_quickly_or_not_read_as_before():
    from socialroi_tui.store.csv_import import _date

    assert _date("2026-10-01", "en") == dt.date(2026, 10, 1)
    assert _date("2026-10-01T08:00:00", "fr") == dt.date(2026, 10, 1)
    assert _date("2026-02-30", "en") is None
    assert _date("01/10/2026", "fr") == dt.date(2026, 10, 1)


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[A-Za-z ,\r\n\u2028]{0,220}", fullmatch=True),
            st.from_regex(
                r"[0-9]{1,17}([.,][0-9]{1,8})?|[0-9]{1,3}(,[0-9]{3}){1,5}(\.[0-9]{1,7})?",
                fullmatch=True,
            ),
            st.from_regex(r"-?[0-9 ]{1,8}|n/a|", fullmatch=True),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_imported_rows_are_what_validating_them_gives(rows):
    """Rows are added without a second validation: each must be what validating it gives."""
    import csv
    import io

    from socialroi_tui.model import ActualResult
    from socialroi_tui.store.csv_import import import_into
    from socialroi_tui.templates import blank_campaign

    text = io.StringIO()
    csv.writer(text).writerows([("Ad name", "Amount spent", "Link clicks"), *rows])
    try:
        preview = read_export(text.getvalue().encode(), "rows.csv")
    except CsvImportError:
        return
    for actual in import_into(blank_campaign("en", "rows"), preview).actuals:
        validated = ActualResult.model_validate(actual.model_dump(exclude_unset=True))
        assert actual == validated
        assert actual.model_fields_set == validated.model_fields_set


@given(st.from_regex(r"[0-9 ,.]{1,24}", fullmatch=True), st.sampled_from(["en", "fr"]))
def test_plain_numbers_read_as_the_number_parser_does(text, lang):
    from socialroi_tui.text.numbers import parse_number, plain_numbers

    found = plain_numbers([text], lang)
    if text in found:  # the others are left to the parser's general rules
        assert str(found[text]) == str(parse_number(text, "number", lang=lang))


def test_plain_numbers_are_those_exports_write():
    from socialroi_tui.text.numbers import plain_numbers

    assert plain_numbers(["1,234.50", "52,000", "7", "1.5e3", "-2"], "en") == {
        "1,234.50": D("1234.50"),
        "52,000": D("52000"),
        "7": D(7),
    }
    assert plain_numbers(["1 234,50", "2,5"], "fr") == {"1 234,50": D("1234.50"), "2,5": D("2.5")}


def test_the_ad_is_the_publication_whatever_the_column_order_and_a_map_wins():
    from socialroi_tui.store.csv_import import read_export

    export = (
        "Nom de la campagne,Nom de la publicité,Montant dépensé (EUR),Résultats,"
        "Indicateur de résultat\n"
        "Automne,Annonce A,100,4,actions:offsite_conversion.fb_pixel_purchase\n"
        "Automne,Annonce B,50,1,actions:offsite_conversion.fb_pixel_purchase\n"
    ).encode()
    preview = read_export(export, "meta.csv")
    assert preview.columns["Nom de la publicité"] == "publication"
    assert preview.columns["Résultats"] == "conversions"
    assert [row.publication for row in preview.rows] == ["Annonce A", "Annonce B"]
    mapped = read_export(export, "meta.csv", {"Nom de la campagne": "publication"})
    assert [row.publication for row in mapped.rows] == ["Automne", "Automne"]


def test_a_linkedin_export_with_its_report_lines_first():
    from socialroi_tui.store.csv_import import CsvImportError, read_export

    preamble = (
        "Campaign Performance Report (in UTC)\n"
        "Report Start: 11/1/2026, 12:00 AM\n"
        "Date Generated: 12/1/2026, 8:00 AM\n"
        "\n"
    )
    table = (
        "Start Date (in UTC),Campaign Name,Total Spent,Impressions,Clicks,Conversions\n"
        "11/1/2026,Autumn B2B,120.50,10000,80,3\n"
    )
    preview = read_export((preamble + table).encode(), "linkedin.csv")
    (row,) = preview.rows
    assert row.line == 6 and row.publication == "Autumn B2B" and row.network == "linkedin"
    assert row.measures["spend"] == D("120.50")
    # report lines and no known column: the usual words, naming the first line's headers
    with pytest.raises(CsvImportError) as caught:
        read_export((preamble + "Foo,Bar\n1,2\n").encode(), "odd.csv")
    assert "no known column" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "network"),
    [
        ("facebook / paid", "facebook"),
        ("m.facebook.com / referral", "facebook"),
        ("ig / social", "instagram"),
        ("l.instagram.com / referral", "instagram"),
        ("lnkd.in / referral", "linkedin"),
        ("www.linkedin.com / referral", "linkedin"),
        ("t.co / referral", "x"),
        ("microsoft.com / referral", None),  # "t.co" inside another name is not X
        ("feedback / email", None),  # nor "fb" inside a word
        ("google / organic", None),
    ],
)
def test_analytics_sources_land_on_their_network_and_the_rest_stays_apart(source, network):
    from socialroi_tui.store.csv_import import _network

    assert _network(source, None) == network


def test_columns_no_field_takes_are_named_not_dropped_in_silence(tmp_path, capsys):
    from socialroi_tui.store.csv_import import read_export

    export = "Ad name,Amount spent (EUR),Frequency,Quality ranking\nA,10,1.2,Above average\n"
    preview = read_export(export.encode(), "meta.csv")
    assert preview.left_out == ["Frequency", "Quality ranking"]
    path = campaign_file(tmp_path)
    csv_path = tmp_path / "meta.csv"
    csv_path.write_text(export)
    assert (
        cli_main(["import", str(csv_path), "--into", str(path), "--dry-run", "--lang", "en"]) == 0
    )
    assert "Columns left out" in capsys.readouterr().out


def test_reading_an_export_tells_how_far_it_has_come():
    told = []
    preview = read_export_file(EXPORTS / "meta_fr.csv", progress=told.append)
    assert preview.rows and told == sorted(told) and told[-1] == 1.0 and len(told) > 3
