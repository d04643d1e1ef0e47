from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.french import fr

from socialroi_tui.text.numbers import (
    NumberError,
    Ratio,
    format_count,
    format_money,
    format_points,
    format_rate,
    input_text,
    parse_number,
    parse_rate_or_ratio,
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


def test_a_french_count_reads_a_dot_before_three_digits_as_a_thousand():
    """A count is whole: "1.000" typed in French is a thousand (as "1,000" in English),
    never one; an amount keeps the dot as a decimal point."""
    assert parse_number("1.000", "count", lang="fr") == D("1000")
    assert parse_number("12.500", "count", lang="fr") == D("12500")
    assert parse_number("1.000", "number", lang="fr") == D("1")
    with pytest.raises(NumberError, match="entier"):
        parse_number("0.500", "count", lang="fr")


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
    # the difference of two rates is in points: 24,8 % against 292 %
    assert format_points(D("0.248") - D("2.92"), "fr") == "-267,2\u00a0pts"
    assert format_points(D("-0.005"), "en") == "-0.5\u00a0pts"
    assert format_points(None, "en") == "—"
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


# --- ratios: a funnel's rates typed "1 in 6" -------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "terms"),
    [
        ("1 in 6", "en", "1/6"),
        ("1 sur 6", "fr", "1/6"),
        ("1/6", "fr", "1/6"),
        ("1/6", "en", "1/6"),
        ("1 sur 6", "en", "1/6"),  # either word, in either language
        ("1 IN 6", "fr", "1/6"),
        ("1\u00a0sur\u00a06", "fr", "1/6"),  # no-break spaces
        ("1\u202fsur\u202f6", "fr", "1/6"),
        (" 1 / 6 ", "en", "1/6"),
        ("1in6", "en", "1/6"),
        ("30 out of 100", "en", "30/100"),  # kept as typed, not reduced
        ("1 000 sur 6 000", "fr", "1000/6000"),
        ("1,000 in 6,000", "en", "1000/6000"),
        ("2,5 sur 100", "fr", "2.5/100"),
        ("0 in 6", "en", "0/6"),
        ("6 in 6", "en", "6/6"),
    ],
)
def test_rates_read_as_ratios(text, lang, terms):
    value = parse_rate_or_ratio(text, lang=lang, field="Step")
    assert isinstance(value, Ratio)
    assert value.as_text() == terms
    numerator, denominator = (D(term) for term in terms.split("/"))
    assert value == numerator / denominator  # the quotient, as Decimal arithmetic gives it


def test_a_ratio_is_exactly_its_quotient_in_the_arithmetic():
    sixth = parse_rate_or_ratio("1 sur 6", lang="fr")
    assert sixth == D(1) / D(6)
    assert D(6000) * sixth == D(6000) * (D(1) / D(6))
    assert type(D(6000) * sixth) is D  # figures worked out from it are plain Decimals
    assert str(sixth) == str(D(1) / D(6))


def test_rates_without_a_ratio_read_as_rates():
    assert parse_rate_or_ratio("2,5 %", lang="fr") == D("0.025")
    assert not isinstance(parse_rate_or_ratio("0.025", lang="en"), Ratio)
    assert parse_rate_or_ratio("16,67 %", lang="fr") == D("0.1667")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1 in 0", "is out of zero"),
        ("1/0", "is out of zero"),
        ("7 in 6", "is above 100%: the first number cannot be larger than the second"),
        ("1 in 10000000", "below 0.0001%"),
        ("in 6", "is empty"),
        ("1 in", "is empty"),
        ("1 in x", "not a number"),
        ("1/2/3", "not a number"),
        ("-1 in 6", "cannot be negative"),
        ("50% in 100", "not a number"),
        ("1e999999/3", "not a number"),
        ("1/" + "9" * 5000, "too large"),
        ("\x1b[2J1/6", "not a number"),
        ("1 inside 6", "not a number"),
        ("abc", "not a number"),
    ],
)
def test_bad_ratios_are_refused_naming_the_field(text, reason):
    with pytest.raises(NumberError) as caught:
        parse_rate_or_ratio(text, lang="en", field="Clicks — step rate")
    message = str(caught.value)
    assert message.startswith("Clicks — step rate:")
    assert reason in message
    assert "for example 2.5%, 0.025 or 1 in 40" in message
    assert "\x1b" not in message


def test_bad_ratios_in_french():
    with pytest.raises(NumberError) as caught:
        parse_rate_or_ratio("7 sur 6", lang="fr", field="Clics — taux d'étape")
    assert str(caught.value) == fr(
        "Clics — taux d'étape : « 7 sur 6 » dépasse 100 % : le premier nombre ne peut pas"
        " dépasser le second (exemple : 2,5 %, 0,025 ou 1 sur 40)"
    )
    with pytest.raises(NumberError, match="est sur zéro"):
        parse_rate_or_ratio("1 sur 0", lang="fr", field="Taux")


def test_a_ratio_shows_in_a_field_as_a_ratio_in_the_users_language():
    assert input_text(parse_rate_or_ratio("1/6"), "rate", "fr") == "1 sur 6"
    assert input_text(parse_rate_or_ratio("1/6"), "rate", "en") == "1 in 6"
    assert input_text(Ratio(D("2.5"), 1000), "rate", "fr") == "2,5 sur 1 000"
    assert input_text(Ratio(1000, 6000), "rate", "en") == "1,000 in 6,000"
    assert format_rate(Ratio(1, 6), "fr") == fr("16,7 %")  # figures elsewhere: a percentage


def test_a_ratio_too_long_for_its_field_is_written_shorter():
    assert input_text(Ratio(1, 6), "rate", "fr", width=9) == "1 sur 6"
    assert input_text(Ratio(40, 1000), "rate", "fr", width=9) == "40/1000"
    assert input_text(Ratio(D("2.5"), 1000), "rate", "fr", width=9) == "2,5/1000"
    assert input_text(Ratio(D("2.5"), 1000), "rate", "en", width=9) == "2.5/1000"
    assert input_text(Ratio(3000, 100_000), "rate", "fr", width=9) == fr("3 %")
    for text in ("40/1000", "2,5/1000"):  # the shorter form reads back to the same terms
        assert parse_rate_or_ratio(text, lang="fr").as_text() == text.replace(",", ".")


ratio_terms = st.integers(min_value=1, max_value=10**9).flatmap(
    lambda whole: st.tuples(
        st.integers(min_value=0, max_value=whole * 100).map(lambda part: D(part) / 100),
        st.just(D(whole)),
    ).filter(lambda terms: not terms[0] or terms[0] * 10**6 >= terms[1])  # from 0,0001 %
)


@given(ratio_terms, st.sampled_from(["fr", "en"]))
def test_a_ratio_field_reads_its_own_text_back(terms, lang):
    ratio = Ratio(*terms)
    shown = input_text(ratio, "rate", lang)
    back = parse_rate_or_ratio(shown, lang=lang)
    assert isinstance(back, Ratio)
    assert back == ratio and back.as_text() == ratio.as_text()
    assert parse_rate_or_ratio(ratio.as_text(), lang=lang).as_text() == ratio.as_text()


@given(st.text(max_size=30), st.sampled_from(["fr", "en"]))
def test_anything_else_is_refused_cleanly_where_ratios_are_read(text, lang):
    try:
        value = parse_rate_or_ratio(text, lang=lang)
    except NumberError:
        return
    assert value.is_finite() and 0 <= value <= 1
