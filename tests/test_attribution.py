"""Attribution: the models by hand on small journeys, their laws by hypothesis, and the
readers of paths and touchpoints (whole or nothing, with lines)."""

from __future__ import annotations

import random
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialroi_tui.engine.attribution import (
    MARKOV_STATE_LIMIT,
    MODELS,
    NOTE_NEEDS_TIMESTAMPS,
    AttributionError,
    Credit,
    Journeys,
    apportion,
    attribute,
    attribute_all,
    channels_of,
    conversion_probability,
    shapley_by_coalitions,
    to_hundredths,
    transitions,
)
from socialroi_tui.engine.attribution import _observed_conversion_rate as observed_rate
from socialroi_tui.store.journeys import (
    JourneyError,
    read_journeys_file,
    read_paths,
    read_touchpoints,
)

DATA = Path(__file__).parent / "data" / "journeys"
SAMPLE = Path(__file__).parents[1] / "src/socialroi_tui/samples/journeys-seed-000.csv"
RULES = ("last", "first", "linear", "position", "shapley")


def journeys(*rows, ages=None) -> Journeys:
    """rows: (path "a>b", conversions, value, nulls)."""
    return Journeys(
        [tuple(p.split(">")) for p, *_ in rows],
        [D(r[1]) for r in rows],
        [D(r[2]) for r in rows],
        [D(r[3]) for r in rows],
        ages=ages,
    )


def conv(credit: Credit) -> dict[str, D]:
    return {k: v.normalize() for k, v in credit.conversions.items() if v}


def test_a_single_touch_gets_everything_in_every_model():
    j = journeys(("a", 3, 30, 1), ("b", 1, 5, 4))
    for model, credit in attribute_all(j).items():
        assert conv(credit) == {"a": D(3), "b": D(1)}, model
        # Markov shares the value as it shares the conversions (normalised effects)
        assert credit.value["a"] == (D("26.25") if model == "markov" else 30)


def test_two_touches_by_each_model():
    j = journeys(("a>b", 2, 100, 0))
    assert conv(attribute(j, "last")) == {"b": 2}
    assert conv(attribute(j, "first")) == {"a": 2}
    assert conv(attribute(j, "linear")) == {"a": 1, "b": 1}
    assert conv(attribute(j, "position")) == {"a": 1, "b": 1}  # two share half each
    assert conv(attribute(j, "shapley")) == {"a": 1, "b": 1}
    markov = attribute(j, "markov")
    assert markov.removal_effects == {"a": 1, "b": 1}
    assert conv(markov) == {"a": 1, "b": 1}
    weighted = attribute(j, "position", position_weights=(D("0.6"), D("0.2"), D("0.2")))
    assert conv(weighted) == {"a": D("1.5"), "b": D("0.5")}


def test_position_based_forty_twenty_forty():
    j = journeys(("a>b>c>d", 10, 100, 0))
    assert conv(attribute(j, "position")) == {"a": 4, "b": 1, "c": 1, "d": 4}


def test_a_repeated_channel_counts_each_touch_except_in_shapley():
    j = journeys(("a>b>a", 3, 30, 0))
    assert conv(attribute(j, "linear")) == {"a": 2, "b": 1}
    assert conv(attribute(j, "position")) == {"a": D("2.4"), "b": D("0.6")}
    assert conv(attribute(j, "shapley")) == {"a": D("1.5"), "b": D("1.5")}
    assert conv(attribute(j, "last")) == {"a": 3}


def test_thirds_are_apportioned_to_sum_exactly():
    j = journeys(("a>b>c", 1, 1, 0))
    credit = attribute(j, "linear")
    assert sum(credit.conversions.values()) == 1
    assert sorted(credit.conversions.values()) == [
        D("0.3333333333"),
        D("0.3333333333"),
        D("0.3333333334"),
    ]


def test_markov_removal_effects_against_a_hand_computation():
    """start→a 4, start→b 3, start→c 3; a→b 2, a→c 2; c→b 2, c→null 3; b→conv 4,
    b→null 3. x_b = 4/7, x_c = 8/35, x_a = 2/5, P = 2/5. Without a: P = 6/25 (effect 2/5);
    without b: 0 (effect 1); without c: 2/7 (effect 2/7)."""
    j = journeys(("a>b", 1, 10, 1), ("b", 1, 5, 2), ("a>c>b", 2, 30, 0), ("c", 0, 0, 3))
    counted = transitions(j)
    assert counted[("\x00start", "a")] == 4 and counted[("c", "b")] == 2
    assert conversion_probability(counted) == Fraction(2, 5)
    assert conversion_probability(counted, removed="a") == Fraction(6, 25)
    assert conversion_probability(counted, removed="c") == Fraction(2, 7)
    markov = attribute(j, "markov")
    assert markov.removal_effects == {
        "a": D("0.4000000000"),
        "b": D("1.0000000000"),
        "c": D("0.2857142857"),
    }
    # normalised: 2/5 : 1 : 2/7 of 4 conversions = 56/59, 140/59, 40/59
    assert markov.conversions["a"] == D("0.9491525424")
    assert sum(markov.conversions.values()) == 4 and sum(markov.value.values()) == 45


def test_a_channel_only_in_non_converting_paths():
    """Rule models and Shapley give it nothing. Markov, memoryless, gives it credit when
    it leads to a channel that converts (c → b here), none when it leads only to null."""
    j = journeys(("b", 2, 20, 2), ("a>c>b", 0, 0, 3), ("z", 0, 0, 5), ("b>z", 0, 0, 1))
    for model in RULES:
        assert attribute(j, model).conversions["z"] == 0
        assert attribute(j, model).conversions["c"] == 0
    markov = attribute(j, "markov")
    assert markov.removal_effects["z"] == 0 and markov.conversions["z"] == 0
    assert markov.removal_effects["c"] > 0


def test_time_decay_halves_each_half_life_and_needs_timestamps():
    ages = [(D(14), D(7), D(0))]
    j = journeys(("a>b>c", 7, 70, 0), ages=ages)
    assert conv(attribute(j, "time-decay")) == {"a": 1, "b": 2, "c": 4}
    assert conv(attribute(j, "time-decay", half_life_days=D(14))) != conv(
        attribute(j, "time-decay")
    )
    without = journeys(("a>b", 1, 1, 0))
    assert attribute(without, "time-decay").note == NOTE_NEEDS_TIMESTAMPS
    assert "time-decay" not in attribute_all(without)
    assert set(attribute_all(j)) == set(MODELS)


def test_higher_order_markov_remembers_where_a_path_came_from():
    j = journeys(("a>c", 1, 1, 0), ("b>c", 0, 0, 1))
    first = attribute(j, "markov")
    second = attribute(j, "markov", order=2)
    assert first.removal_effects["b"] > 0  # first order: c converts half the time
    assert second.removal_effects["b"] == 0  # second order: after b, c never converts
    assert sum(second.conversions.values()) == 1


def random_journeys(channels: int, rows: int, seed: int, longest: int = 8) -> Journeys:
    """``rows`` paths of 1 to ``longest`` touches over ``channels`` channels (as the
    benchmark's), conversions in about two rows of five, nulls on most rows."""
    rng = random.Random(seed)
    names = [f"channel {number}" for number in range(channels)]
    paths, conversions, value, nulls = [], [], [], []
    for _ in range(rows):
        paths.append([rng.choice(names) for _ in range(rng.randint(1, longest))])
        converted = rng.choice((0, 0, 0, 1, 2))
        conversions.append(D(converted))
        value.append(D(converted * rng.randint(1000, 20000)) / 100)
        nulls.append(D(rng.randint(0, 30)))
    return Journeys(paths, conversions, value, nulls)


ALL_IN_FRACTIONS, ALL_IN_FLINT = 10**9, 0
"""``fraction_limit`` forcing each way of solving the chain."""


@pytest.mark.parametrize(("order", "seed"), [(2, 1), (2, 2), (2, 3), (3, 4)])
def test_flint_solves_the_chain_to_the_same_fractions(order, seed):
    """Order 2 over five channels (31 states; order 3 over three, 40): P(conversion), whole
    and without each channel, the same Fraction by elimination and by FLINT."""
    j = random_journeys(5 if order == 2 else 3, 400, seed, longest=5)
    counted = transitions(j, order)
    assert len({source for source, _ in counted}) > 30
    for removed in (None, *channels_of(j)):
        by_fractions = conversion_probability(counted, removed, fraction_limit=ALL_IN_FRACTIONS)
        by_flint = conversion_probability(counted, removed, fraction_limit=ALL_IN_FLINT)
        assert by_flint == by_fractions and isinstance(by_flint, Fraction), removed
        assert 0 < by_flint < 1


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from("abcde"), min_size=1, max_size=5),
            st.integers(0, 20),
            st.integers(0, 2000),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(1, 3),
)
def test_flint_and_fractions_agree_on_any_chain(rows, order):
    counted = transitions(_journeys_of(rows), order)
    assert observed_rate(counted) == conversion_probability(counted)  # what Markov relies on
    for removed in (None, "a", "b"):
        assert conversion_probability(
            counted, removed, fraction_limit=ALL_IN_FLINT
        ) == conversion_probability(counted, removed, fraction_limit=ALL_IN_FRACTIONS)


def test_third_order_markov_over_ten_channels():
    """About 1 111 states (1 + 10 + 100 + 1 000), solved by FLINT. Without any removal, the
    chain's flows give P(conversion) = conversions / (conversions + nulls), exactly."""
    j = random_journeys(10, 3000, seed=17)
    counted = transitions(j, 3)
    assert len({source for source, _ in counted}) > 1000
    conversions, nulls = j.total("conversions"), j.total("nulls")
    assert conversion_probability(counted) == Fraction(conversions) / Fraction(conversions + nulls)
    markov = attribute(j, "markov", order=3)
    assert sum(markov.conversions.values()) == conversions
    assert sum(markov.value.values()) == j.total("value")
    assert all(0 < effect < 1 for effect in markov.removal_effects.values())


def test_a_chain_of_too_many_states_asks_for_a_lower_order():
    """Order 4 over ten channels: thousands of states, beyond the limit, said in words."""
    j = random_journeys(10, 2000, seed=3)
    with pytest.raises(AttributionError) as raised:
        attribute(j, "markov", order=4)
    states = len({source for source, _ in transitions(j, 4)})
    assert states > MARKOV_STATE_LIMIT
    english = raised.value.words("en")
    assert f"order 4: {states} states" in english and str(MARKOV_STATE_LIMIT) in english
    assert "lower order" in english and str(raised.value) == english
    assert "choisissez un ordre plus bas" in raised.value.words("fr")
    every = attribute_all(j, order=4)  # the other models stand, Markov refused in words
    assert every["markov"].refused.words("en") == english and every["linear"].conversions
    assert attribute(j, "markov", order=2).removal_effects  # a lower order is solved


def test_a_chain_over_too_many_channels_is_refused_in_words():
    """Order 1 over 600 channels: 601 states (under the state limit) but 600 solves of
    601 equations, minutes long; refused at once, in words."""
    n = 600
    rows = [(f"c{i}>c{(i * 7 + 1) % n}>c{(i * 13 + 5) % n}", 1, 1, 1) for i in range(n)]
    j = journeys(*rows)
    with pytest.raises(AttributionError) as raised:
        attribute(j, "markov")
    assert "600 channels over 601 states" in raised.value.words("en")
    assert "il faut moins de canaux" in raised.value.words("fr")
    assert attribute(j, "linear").conversions  # the other models are worked out


def test_shapley_by_coalitions_equals_each_journey_shared_by_its_channels():
    names = ["a", "b", "c"]
    worth = [(0b011, Fraction(6)), (0b100, Fraction(3)), (0b111, Fraction(3))]
    assert shapley_by_coalitions(names, worth) == {"a": 4, "b": 4, "c": 4}


def test_shapley_beyond_fifteen_channels_says_how():
    paths = [(">".join(f"c{i}" for i in range(k, k + 3)), 1, 1, 0) for k in range(16)]
    credit = attribute(journeys(*paths), "shapley")
    assert credit.note == "attribution_note_shapley_closed_form"
    assert sum(credit.conversions.values()) == 16


# --- laws ---------------------------------------------------------------------------------

CHANNELS = st.sampled_from(["a", "b", "c", "d", "e"])
ROWS = st.lists(
    st.tuples(
        st.lists(CHANNELS, min_size=1, max_size=5),
        st.integers(0, 20),
        st.integers(0, 2000),
        st.integers(0, 20),
    ),
    min_size=1,
    max_size=8,
)


def _journeys_of(rows) -> Journeys:
    return Journeys(
        [tuple(p) for p, *_ in rows],
        [D(c) for _, c, _, _ in rows],
        [D(v) / 100 if c else D(0) for _, c, v, _ in rows],
        [D(n) for *_, n in rows],
    )


@settings(max_examples=40, deadline=None)
@given(ROWS)
def test_every_model_shares_exactly_the_totals(rows):
    j = _journeys_of(rows)
    for model, credit in attribute_all(j).items():
        assert sum(credit.conversions.values()) == j.total("conversions"), model
        assert sum(credit.value.values()) == j.total("value"), model
        assert set(credit.conversions) == set(channels_of(j))
        assert all(x >= 0 for x in credit.conversions.values())
        shown = to_hundredths(credit)  # the two places shown still share the totals
        assert sum(shown.conversions.values()) == j.total("conversions"), model
        assert sum(shown.value.values()) == j.total("value"), model
        for name, exact in credit.conversions.items():
            assert abs(shown.conversions[name] - exact) < D("0.01"), model


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(CHANNELS, st.integers(0, 9), st.integers(0, 9)), min_size=1))
def test_rule_models_agree_on_single_touch_paths(rows):
    j = _journeys_of([([c], n, n * 10, m) for c, n, m in rows])
    credits = [attribute(j, model) for model in (*RULES, "markov")]
    for credit in credits[1:4]:
        assert credit.conversions == credits[0].conversions
        assert credit.value == credits[0].value


@settings(max_examples=30, deadline=None)
@given(ROWS, st.integers(1, 10))
def test_a_channel_from_which_nothing_converts_gets_no_markov_credit(rows, nulls):
    """z only ends journeys that do not convert: removing it changes nothing."""
    rows = [*rows, (["a", "z"], 0, 0, nulls), (["z"], 0, 0, nulls)]
    credit = attribute(_journeys_of(rows), "markov")
    assert credit.removal_effects["z"] == 0 and credit.conversions["z"] == 0


@settings(max_examples=15, deadline=None)
@given(ROWS)
def test_the_same_journeys_give_the_same_figures_in_any_order(rows):
    once = attribute_all(_journeys_of(rows))
    again = attribute_all(_journeys_of(list(reversed(rows))))
    assert once == again


def _by_hand(rows, model: str, weights=(D("0.4"), D("0.2"), D("0.4"))) -> dict[str, Fraction]:
    """Conversions credited by ``model``, touch by touch in Python: the reference the
    models' integer-coded group-bys are checked against."""
    credit: dict[str, Fraction] = {}
    first_w, middle_w, last_w = (Fraction(w) / Fraction(sum(weights)) for w in weights)
    for path, conversions, *_ in rows:
        n = len(path)
        if model == "last":
            parts = [Fraction(0)] * (n - 1) + [Fraction(1)]
        elif model == "first":
            parts = [Fraction(1)] + [Fraction(0)] * (n - 1)
        elif model == "linear":
            parts = [Fraction(1, n)] * n
        elif model == "position":
            ends = first_w + last_w
            if n == 1:
                parts = [Fraction(1)]
            elif n == 2:
                parts = [first_w / ends, last_w / ends] if ends else [Fraction(1, 2)] * 2
            else:
                parts = [first_w, *[middle_w / (n - 2)] * (n - 2), last_w]
        else:  # shapley: each journey shared by its distinct channels (a unanimity game)
            path = sorted(set(path))
            parts = [Fraction(1, len(path))] * len(path)
        for channel, part in zip(path, parts, strict=True):
            credit[channel] = credit.get(channel, Fraction(0)) + conversions * part
    return credit


def _steps_by_hand(rows, order: int) -> dict[tuple[str, str], Fraction]:
    counted: dict[tuple[str, str], Fraction] = {}

    def add(key, amount):
        if amount:
            counted[key] = counted.get(key, Fraction(0)) + amount

    for path, conversions, _value, nulls in rows:
        weight = Fraction(conversions + nulls)
        if not weight:
            continue
        states = ["\x1f".join(path[max(0, i - order + 1) : i + 1]) for i in range(len(path))]
        for before, after in zip(["\x00start", *states], states, strict=False):
            add((before, after), weight)
        add((states[-1], "\x00conversion"), Fraction(conversions))
        add((states[-1], "\x00null"), Fraction(nulls))
    return counted


@settings(max_examples=40, deadline=None)
@given(ROWS, st.sampled_from([(4, 2, 4), (1, 0, 3), (0, 1, 0), (0, 0, 1)]))
def test_the_grouped_models_equal_a_touch_by_touch_reckoning(rows, weights):
    j = _journeys_of(rows)
    weights = tuple(D(w) for w in weights)
    total = j.total("conversions")
    for model in ("last", "first", "linear", "position", "shapley"):
        credit = attribute(j, model, position_weights=weights)
        expected = _by_hand(rows, model, weights)
        shares = {name: expected.get(name, Fraction(0)) for name in channels_of(j)}
        assert credit.conversions == apportion(shares, total), model
    for order in (1, 2, 3):
        assert transitions(j, order) == _steps_by_hand(rows, order)


def test_shapley_beyond_fifteen_channels_equals_the_reckoning_by_hand():
    rows = [([f"c{i}", f"c{(i * 7) % 17}", f"c{(i * 3) % 17}"], i % 3, 0, 1) for i in range(40)]
    j = _journeys_of(rows)
    credit = attribute(j, "shapley")
    assert credit.note is not None  # the closed form
    expected = _by_hand(rows, "shapley")
    shares = {name: expected.get(name, Fraction(0)) for name in channels_of(j)}
    assert credit.conversions == apportion(shares, j.total("conversions"))


# --- readers ------------------------------------------------------------------------------


def test_the_seeds_situation_in_the_sample_file():
    j = read_journeys_file(SAMPLE)
    names = channels_of(j)
    assert {"facebook", "instagram", "email", "reviews", "word of mouth"} <= set(names)
    assert "fb" not in names and "ig" not in names  # aliases, as the imports read them
    credits = attribute_all(j)
    assert j.total("conversions") == 64
    # the point of seed 000: last click credits e-mail with most of the sales; the
    # journey models give the networks and reviews their part
    assert credits["last"].conversions["reviews"] < credits["linear"].conversions["reviews"]
    assert credits["last"].conversions["email"] > credits["markov"].conversions["email"]


def test_paths_with_aliases_french_numbers_and_spaces_are_aggregated():
    data = (
        b"path;total_conversions;total_conversion_value;total_null\n"
        b"fb>E-mail;1;10,50;2\n"
        b"Facebook  >  e-mail;2;1 000,25;0\n"
        b"m.facebook.com > Word of Mouth;0;0;4\n"
    )
    j = read_paths(data)
    rows = dict(zip(j.paths, zip(j.conversions, j.value, j.nulls, strict=True), strict=True))
    assert rows[("facebook", "e-mail")] == (3, D("1010.75"), 2)
    assert rows[("facebook", "word of mouth")] == (0, 0, 4)


def test_a_comma_separated_file_and_optional_columns():
    j = read_paths(b"path,total_conversions\na > b,3\nb,1\n")
    assert j.total("conversions") == 4 and j.total("value") == 0


def test_bad_rows_refuse_the_whole_file_with_their_lines():
    data = (
        b"path;total_conversions;total_conversion_value;total_null\n"
        b"a > b;1;10;0\n"
        b"a >  > b;1;10;0\n"
        b"c;deux;0;0\n"
        b"d;-1;0;0\n"
        b"e;0;5;0\n"
        b"f;1e999;0;0\n"
    )
    with pytest.raises(JourneyError) as caught:
        read_paths(data, "j.csv")
    text = caught.value.words("en")
    for line in (3, 4, 5, 6, 7):
        assert f"line {line}:" in text
    assert "line 2:" not in text
    assert "j.csv" in text


def test_unknown_columns_are_named():
    with pytest.raises(JourneyError, match="not recognised"):
        read_paths(b"foo;bar\n1;2\n")


def test_a_paths_file_without_its_conversions_says_which_column_is_missing(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("path;total_conversion_value;total_null\nfb > ig;10;2\n")
    with pytest.raises(JourneyError) as raised:
        read_journeys_file(path)
    assert "line 1: a paths file without its conversions column (total_conversions)" in str(
        raised.value
    )
    assert "colonne de conversions" in raised.value.words("fr")


def test_touchpoints_build_journeys_per_person_with_ages_and_lookback():
    j = read_journeys_file(DATA / "touchpoints.csv")
    columns = (j.paths, j.conversions, j.value, j.nulls, j.ages)
    rows = {p: (c, v, n, a) for p, c, v, n, a in zip(*columns, strict=True)}
    assert rows[("facebook", "email", "google")] == (1, 70, 0, (D(14), D(7), D(0)))
    # u2: the LinkedIn touch is older than the 30 days' lookback
    assert rows[("instagram",)][:3] == (1, 30, 0)
    assert rows[("instagram", "x")][:3] == (0, 0, 1)
    longer = read_touchpoints((DATA / "touchpoints.csv").read_bytes(), lookback_days=90)
    assert ("linkedin", "instagram") in longer.paths
    decay = attribute(j, "time-decay")
    assert decay.conversions["facebook"] == D("0.1428571429")  # 1/7 of a sale: 1 : 2 : 4


def test_touchpoints_bad_rows_with_their_lines():
    data = (
        b"user_id,timestamp,channel,conversion\n"
        b"u1,yesterday,fb,0\nu1,2026-01-01,,1\nu2,2026-01-01,x,maybe\n"
    )
    with pytest.raises(JourneyError) as caught:
        read_touchpoints(data)
    text = caught.value.words("en")
    assert "line 2:" in text and "line 3:" in text and "line 4:" in text


def _careful(data: bytes) -> Journeys:
    """The reading every file took before the streamed one (and odd files still take)."""
    from socialroi_tui.store.csv_import import decode
    from socialroi_tui.store.journeys import _paths_from_text

    return _paths_from_text(decode(data), "<paths>")


STREAMED = {
    "benchmark's generator": None,
    "aliases merging paths": (
        b"path;total_conversions;total_conversion_value;total_null\n"
        b"fb>E-mail;1;10.5;2\nFacebook  >  e-mail;2;1000.25;0\n"
        b"m.facebook.com > Word of Mouth;0;0;4\n fb > lnkd.in ;1;0.000000000001;0\n"
    ),
    "integers with semicolons (read the French way)": (
        b"path;total_conversions;total_conversion_value;total_null\na>b;1;10;2\nb;3;;\n\n"
    ),
    "French decimals": b"path;total_conversions;total_conversion_value\na > b;1;10,5\nb;3;0,125\n",
    "commas, CRLF, no nulls column": b"path,total_conversions,value\r\na>b,1,3.50\r\na>b,2,1\r\n",
}


@pytest.mark.parametrize("name", STREAMED)
def test_the_streamed_reading_gives_what_the_careful_one_gives(name, tmp_path):
    from benchmarks.attribution import paths_file

    from socialroi_tui.store.journeys import _paths_streamed

    data = STREAMED[name]
    path = paths_file(tmp_path, 3000) if data is None else tmp_path / "j.csv"
    if data is None:
        data = path.read_bytes()
    else:
        path.write_bytes(data)
    careful = _careful(data)
    assert _paths_streamed(path, data.decode()[:4000]) is not None  # not a fallback
    for streamed in (read_journeys_file(path), read_paths(data)):
        assert streamed == careful
        assert streamed.frame.schema == careful.frame.schema  # the decimals' scale too
        assert attribute_all(streamed) == attribute_all(careful)


@pytest.mark.parametrize(
    "data",
    [
        b"path;conv;value;null\na > b;1;1 000,5;0\nb;1;2,5;0\n",  # spaced thousands
        b"path;conv;value;null\na;1; 10;0\n",  # spaces around a number
        b"# journeys\npath;conv\na;1\n",  # a comment above the header
        b"path;conv\na\xe9;1\n",  # not UTF-8
    ],
)
def test_odd_files_fall_back_to_the_careful_reading(data, tmp_path):
    path = tmp_path / "j.csv"
    path.write_bytes(data)
    assert read_journeys_file(path) == _careful(data)


def test_a_high_order_is_credited_in_another_process_with_the_same_figures():
    """``credited`` solves order 3 apart (the interface keeps its lock): the same credit,
    to the last digit, as ``attribute_all`` in this process; its errors come back whole."""
    from socialroi_tui.attribution_presenter import APART_FROM_ORDER, credited, credited_by

    j = journeys(("a>b>c>a", 2, 70, 3), ("b>c", 1, 15, 4), ("c>a>a", 0, 0, 5), ("a", 1, 9, 1))
    assert APART_FROM_ORDER == 3
    assert credited(j, order=3, half_life_days=7) == attribute_all(j, order=3, half_life_days=7)
    many = random_journeys(10, 2000, seed=3)
    assert "choisissez un ordre plus bas" in credited(many, order=4)["markov"].refused.words("fr")
    with pytest.raises(AttributionError) as raised:  # Markov alone: the error itself
        credited_by(many, "markov", order=4)
    assert "choisissez un ordre plus bas" in raised.value.words("fr")


def test_a_process_that_ends_without_a_word_is_said(monkeypatch):
    """The other Python killed (out of memory, say): an AttributionError in both languages."""
    import sys

    import socialroi_tui.attribution_presenter as presenter

    killed = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    monkeypatch.setattr(presenter, "_apart_command", lambda: [sys.executable, "-c", killed])
    with pytest.raises(AttributionError) as raised:
        presenter.credited(journeys(("a>b", 1, 5, 1)), order=3)
    assert "(-9)" in raised.value.words("en") and "processus" in raised.value.words("fr")
