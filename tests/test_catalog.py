from socialroi_tui.catalog import load_catalog
from socialroi_tui.engine.actuals import METRIC_FORMULAS
from socialroi_tui.text.formula import Formula


def test_catalog_loads_and_validates():
    catalog = load_catalog()
    assert len(catalog.objectives) == 8
    assert len(catalog.kpis) >= 40


def test_every_objective_of_the_domain_is_there_with_its_kpis():
    catalog = load_catalog()
    expected = {
        "awareness": {
            "impressions",
            "reach",
            "mentions",
            "shares",
            "share_of_voice",
            "branded_searches",
        },
        "community": {"community_size", "community_growth_rate", "network_size"},
        "engagement": {
            "interactions",
            "interaction_rate",
            "brand_hashtags",
            "influence_score",
            "response_time",
        },
        "traffic": {
            "link_clicks",
            "ctr",
            "social_visits",
            "social_traffic_share",
            "time_on_site",
            "bounce_rate",
        },
        "leads": {"leads", "lead_growth_rate", "cpl"},
        "sales": {"customers", "conversion_rate", "revenue", "cpa", "roi"},
        "retention": {
            "mentions",
            "positive_mentions",
            "negative_mentions",
            "response_time",
            "issues_resolved",
        },
        "social_selling": {"ssi", "ssi_brand", "ssi_people", "ssi_insights", "ssi_relationships"},
    }
    for objective_id, kpis in expected.items():
        objective = catalog.objective(objective_id)
        assert objective is not None, objective_id
        assert kpis <= set(objective.kpis), objective_id
    assert catalog.objective("sales").result
    assert not catalog.objective("leads").result


def test_the_five_most_used_indicators_exist():
    catalog = load_catalog()
    for kpi_id in ("reach", "social_visits", "leads", "customers", "conversion_rate"):
        assert catalog.kpi(kpi_id) is not None


def test_texts_exist_in_both_languages_and_differ():
    catalog = load_catalog()
    for kpi in catalog.kpis:
        assert kpi.name.fr and kpi.name.en and kpi.definition.fr and kpi.definition.en
        assert kpi.formula_text.fr and kpi.formula_text.en
    for objective in catalog.objectives:
        assert objective.description.fr != objective.description.en
        assert len(objective.hints.fr) == len(objective.hints.en)


def test_catalog_formulas_are_the_engines():
    catalog = load_catalog()
    for name, formula in METRIC_FORMULAS.items():
        kpi = catalog.kpi(name)
        assert kpi is not None and kpi.formula == formula.text, name
    for kpi in catalog.kpis:
        if kpi.formula:
            names = Formula(kpi.formula).names
            assert names <= {
                "spend",
                "impressions",
                "reach",
                "clicks",
                "leads",
                "bounces",
                "conversions",
                "revenue",
            }


def test_kpis_for_objectives_keeps_each_once():
    catalog = load_catalog()
    ids = [k.id for k in catalog.kpis_for(["awareness", "community"])]
    assert len(ids) == len(set(ids))
    assert ids[0] == "impressions"
    assert "network_size" in ids


def test_an_inconsistent_catalog_is_refused():
    import pytest

    from socialroi_tui.catalog import CatalogError, parse_catalog

    kpi = {
        "id": "x",
        "unit": "count",
        "better": "higher",
        "source": "manual",
        "name": {"fr": "X", "en": "X"},
        "definition": {"fr": "d", "en": "d"},
        "formula_text": {"fr": "f", "en": "f"},
    }
    objective = {
        "id": "o",
        "kpis": ["x"],
        "name": {"fr": "O", "en": "O"},
        "description": {"fr": "d", "en": "d"},
    }
    assert parse_catalog({"objectives": [objective], "kpis": [kpi]}).kpi("x")
    with pytest.raises(CatalogError, match="unknown KPIs"):
        parse_catalog({"objectives": [{**objective, "kpis": ["y"]}], "kpis": [kpi]})
    with pytest.raises(CatalogError, match="French and an English"):
        parse_catalog({"objectives": [], "kpis": [{**kpi, "name": {"fr": "X"}}]})
    with pytest.raises(CatalogError, match="duplicate KPI"):
        parse_catalog({"objectives": [], "kpis": [kpi, kpi]})


def test_rates_that_are_a_part_of_a_whole_lie_between_0_and_100_percent():
    from decimal import Decimal as D

    catalog = load_catalog()
    parts = (
        "ctr",
        "conversion_rate",
        "bounce_rate",
        "share_of_voice",
        "social_traffic_share",
        "retention_rate",
    )
    for kpi_id in parts:
        kpi = catalog.kpi(kpi_id)
        assert (kpi.minimum, kpi.maximum) == (0, 1), kpi_id
    for kpi_id in ("community_growth_rate", "lead_growth_rate", "roi"):
        kpi = catalog.kpi(kpi_id)
        assert (kpi.minimum, kpi.maximum) == (-1, None), kpi_id
    assert (catalog.kpi("net_sentiment").minimum, catalog.kpi("net_sentiment").maximum) == (-1, 1)
    assert catalog.kpi("interaction_rate").maximum is None
    assert catalog.kpi("ssi").maximum == 100 and catalog.kpi("ssi_brand").maximum == 25
    assert catalog.kpi("impressions").minimum is None
    ctr = catalog.kpi("ctr")
    assert ctr.out_of_range(D("1.5")) == "above"
    assert ctr.out_of_range(D("-0.01")) == "below"
    assert ctr.out_of_range(D(1)) is None and ctr.out_of_range(D(0)) is None
    assert ctr.out_of_range(None) is None
    assert catalog.kpi("roi").out_of_range(D(25)) is None


def test_a_kpi_range_must_be_numbers_in_order():
    from decimal import Decimal as D

    import pytest

    from socialroi_tui.catalog import CatalogError, parse_catalog

    kpi = {
        "id": "x",
        "unit": "rate",
        "better": "higher",
        "source": "manual",
        "name": {"fr": "X", "en": "X"},
        "definition": {"fr": "d", "en": "d"},
        "formula_text": {"fr": "f", "en": "f"},
    }
    assert parse_catalog({"objectives": [], "kpis": [{**kpi, "min": 0, "max": 0.5}]}).kpi(
        "x"
    ).maximum == D("0.5")
    with pytest.raises(CatalogError, match=r"x\.max: needs a number"):
        parse_catalog({"objectives": [], "kpis": [{**kpi, "max": "1"}]})
    with pytest.raises(CatalogError, match=r"x\.min: needs a number"):
        parse_catalog({"objectives": [], "kpis": [{**kpi, "min": True}]})
    with pytest.raises(CatalogError, match="min is above max"):
        parse_catalog({"objectives": [], "kpis": [{**kpi, "min": 1, "max": 0}]})


def test_the_catalog_the_app_reads_is_the_one_written():
    """catalog.json (read at start-up) is catalog.toml (edited by people); after an edit,
    `python -m socialroi_tui.catalog` writes it again."""
    from importlib import resources

    from socialroi_tui.catalog import compiled_catalog

    shipped = resources.files("socialroi_tui.catalog").joinpath("catalog.json")
    assert shipped.read_text(encoding="utf-8") == compiled_catalog()
