from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.french import fr

from socialroi_tui.text.numbers import (
    NumberError,
    format_count,
    format_money,
    format_rate,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "kind", "lang", "expected"),
    [
        ("2%", "rate", "en", "0.02"),
        ("2 %", "rate", "fr", "0.02"),
        ("2,5 %", "rate", "fr", "0.025"),
        ("2,5 %", "rate", "en", "0.025"),
        ("0.025", "rate", "fr", "0.025"),
        ("0,025", "rate", "en", "0.025"),
        ("5 000", "money", "fr", "5000"),
        ("5\u00a0000,50 €", "money", "fr", "5000.50"),
        ("5\u202f000,50 €", "money", "fr", "5000.50"),
        ("€5,000.50", "money", "en", "5000.50"),
        ("€5,000.50", "money", "fr", "5000.50"),
        ("5.000,50 €", "money", "fr", "5000.50"),
        ("1.2k", "count", "en", "1200"),
        ("1,2 M", "count", "fr", "1200000"),
        ("1,2 M", "number", "en", "1200000"),
        ("2 Md", "money", "fr", "2000000000"),
        ("1 000 000", "count", "en", "1000000"),
        ("1,000,000", "count", "fr", "1000000"),
        ("EUR 12", "money", "en", "12"),
        ("16,67 %", "rate", "fr", "0.1667"),
        ("100%", "rate", "en", "1"),
        (".5", "number", "en", "0.5"),
    ],
)
def test_parses_what_people_type(text, kind, lang, expected):
    assert parse_number(text, kind, lang=lang) == D(expected)


def test_a_lone_comma_before_three_digits_depends_on_the_language():
    assert parse_number("1,234", lang="en") == D("1234")
    assert parse_number("1,234", lang="fr") == D("1.234")
    # a dot is always a decimal point when alone
    assert parse_number("1.234", lang="en") == D("1.234")
    assert parse_number("1.234", lang="fr") == D("1.234")
    # a leading zero cannot group thousands
    assert parse_number("0,025", lang="en") == D("0.025")


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("", "rate", "empty"),
        ("abc", "money", "not a number"),
        ("2", "rate", "outside 0 to 1"),
        ("150 %", "rate", "above 100%"),
        ("-3", "money", "cannot be negative"),
        ("1,2,3", "number", "not a number"),
        ("1.5", "count", "whole number"),
        ("12 €", "rate", "not a number"),
        ("5 %", "money", "not a rate"),
        ("1e400", "number", "not a number"),
        ("99999999999999999", "money", "too large"),
        ("nan", "number", "not a number"),
        ("inf", "number", "not a number"),
    ],
)
def test_refuses_with_the_field_and_an_example(text, kind, reason):
    with pytest.raises(NumberError) as caught:
        parse_number(text, kind, lang="en", field="CTR")
    message = str(caught.value)
    assert message.startswith("CTR:")
    assert reason in message
    assert "for example" in message


def test_french_messages():
    with pytest.raises(NumberError) as error:
        parse_number("abc", "rate", lang="fr", field="Taux")
    assert str(error.value) == fr("Taux : « abc » n'est pas un nombre (exemple : 2,5 % ou 0,025)")


def test_rates_above_100_percent_where_allowed():
    assert parse_number("150 %", "rate", lang="fr", allow_above_100=True) == D("1.5")


def test_formats_money_rates_and_counts_in_each_language():
    assert format_money(D("5000"), "EUR", "fr") == fr("5 000,00 €")
    assert format_money(D("5000"), "EUR", "en") == "€5,000.00"
    assert format_money(D("-12.5"), "USD", "en") == "-$12.50"
    assert format_money(D("3"), "SEK", "en") == "SEK 3.00"
    assert format_money(None, "EUR", "fr") == "—"
    assert format_rate(D("0.025"), "fr") == fr("2,5 %")
    assert format_rate(D("0.025"), "en") == "2.5%"
    assert format_rate(D(1) / D(6), "en") == "16.7%"
    assert format_rate(D("8.8"), "fr") == fr("880 %")
    assert format_rate(D("0.0035"), "en") == "0.35%"
    assert format_count(D("2500000"), "fr") == "2 500 000"
    assert format_count(D("2500000"), "en") == "2,500,000"
    assert format_count(D("0.45"), "en") == "0.5"
    assert format_count(D("NaN"), "en") == "—"
    assert format_count(D("Infinity"), "en") == "—"


money = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)


@given(money, st.sampled_from(["fr", "en"]))
def test_money_reads_back_as_written(amount, lang):
    assert parse_number(format_money(amount, "EUR", lang), "money", lang=lang) == amount


@given(rates, st.sampled_from(["fr", "en"]))
def test_rates_read_back_as_written(rate, lang):
    shown = format_rate(rate, lang)
    back = parse_number(shown, "rate", lang=lang)
    assert abs(back - rate) <= D("0.0005")


@given(st.text(max_size=30), st.sampled_from(["rate", "money", "count", "number"]))
def test_anything_else_is_refused_cleanly(text, kind):
    try:
        value = parse_number(text, kind, lang="fr")
    except NumberError:
        return
    assert value.is_finite()


def test_values_by_kpi_unit():
    from socialroi_tui.text.numbers import parse_for_unit

    assert parse_for_unit("2,5 %", "rate", lang="fr", field="x") == D("0.025")
    assert parse_for_unit("150 %", "rate", lang="fr", field="x") == D("1.5")  # growth
    assert parse_for_unit("1,2 k", "count", lang="fr", field="x") == 1200
    assert parse_for_unit("12,50 €", "money", lang="fr", field="x") == D("12.50")
    assert parse_for_unit("90,5", "duration", lang="fr", field="x") == D("90.5")
    with pytest.raises(NumberError, match="not a rate"):
        parse_for_unit("2.5%", "count", lang="en", field="Interactions")


@pytest.mark.parametrize("lang", ["en", "fr"])
@given(data=st.data())
def test_plain_amounts_read_at_once_give_what_the_general_rules_give(lang, data):
    """The quick reading of ``1,234.50`` / ``1 234,50`` (600 000 of them in a large
    export) agrees with the general reader, digit for digit."""
    from socialroi_tui.text import numbers

    text = data.draw(st.from_regex(numbers._PLAIN_NUMBER[lang], fullmatch=True))
    quick = numbers._plain_number(text, lang)
    general = numbers._read_number(text, "number", lang, "", False, False)
    assert quick is not None and str(quick) == str(general)
