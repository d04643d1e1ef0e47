"""Attribution: which channel earned the conversions, by seven models side by side.

Pure: no I/O, no Textual. Journeys are held in columns (a polars frame) so that a million
paths are aggregated without a Python loop; every credit is then worked out exactly, in
fractions, and given as a ``Decimal`` with ``SCALE`` decimals whose sum is the total
(largest remainders: the same data gives the same figures to the last digit).

Models
------
* ``last`` / ``first``: the last (first) touch of each journey gets all of it.
* ``linear``: each touch gets an equal part (a channel touched twice gets two parts).
* ``position``: 40 % to the first touch, 40 % to the last, 20 % shared by the touches
  between (weights settable); one touch gets all; two touches share first and last
  weights between them (half each with the default weights).
* ``time-decay``: each touch weighs 2^(−age / half-life), age in days before the
  conversion (7 days by default); needs timestamps (touchpoints), else skipped.
* ``markov``: an absorbing Markov chain (states: start, the channels, or the last
  ``order`` channels for a higher order, conversion and null). Transitions are counted
  as they occur in the paths (repeats of a channel included), each path weighing its
  conversions plus its nulls, as ChannelAttribution counts them. The probability of
  conversion is solved exactly as a linear system (no simulation): by elimination in
  fractions up to ``MARKOV_FRACTION_LIMIT`` states, above by FLINT (python-flint, loaded
  then only), exact as well; beyond ``MARKOV_STATE_LIMIT`` states (a high order over many
  channels) the model refuses, asking for a lower order. Removing a channel
  sends what enters it (any state holding it) to null; removal effect =
  1 − P(conversion without it) / P(conversion); the effects, normalised, share the
  conversions and the value.
* ``shapley``: the cooperative game on the set of channels of each journey: a coalition
  S is worth the conversions (value) of the journeys whose channels all lie in S. Exact
  by enumeration of the coalitions up to ``SHAPLEY_EXACT_LIMIT`` channels; beyond, the
  closed form (each journey shared equally by its distinct channels), which is the
  same value (the game is a sum of unanimity games), noted in ``Credit.note``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

import polars as pl

from socialroi_tui.engine.formulas import rounded_adding_up
from socialroi_tui.text.words import Problem

MODELS = ("last", "first", "linear", "position", "time-decay", "markov", "shapley")
SCALE = 10
"""Decimals of every credited figure (removal effects too)."""
SHAPLEY_EXACT_LIMIT = 15
MAX_ORDER = 4
MARKOV_FRACTION_LIMIT = 16
"""Up to this many states, the chain's system is solved in ``Fraction``; above, by FLINT."""
MARKOV_STATE_LIMIT = 1500
"""More states than this (a high order over many channels) and the Markov model refuses:
its time grows as about states^4 (one solve per channel, each of states^3). Measured here
(one core, python-flint 0.9), order 3 on the benchmark's million paths: 10 channels, 1 111
states, 23 s; 11 channels, 1 464 states, 60 s; on 150 000 paths: 12 channels, 1 885
states, 100 s; 13 channels, 2 380 states, 234 s."""
MARKOV_WORK_LIMIT = 35 * 10**9
"""The same bound for chains of fewer states but many channels: one solve per channel of
about states^3 each, so channels × states^3 past this refuses (the 11 channels and 1 464
states above: 3.5·10^10, 60 s; order 1 over 400 channels: 2.6·10^10, 44 s; over 1 400
channels it would take hours)."""
NOTE_NEEDS_TIMESTAMPS = "attribution_note_needs_timestamps"
NOTE_SHAPLEY_CLOSED_FORM = "attribution_note_shapley_closed_form"
START, CONVERSION, NULL = "\x00start", "\x00conversion", "\x00null"
_JOIN = "\x1f"
"""Joins the channels of a higher-order Markov state (no channel name holds it)."""


class AttributionError(ValueError):
    """An option out of its range (``order``, ``half_life_days``, weights, model), or a
    Markov chain too large to solve; ``words(lang)`` says it in the user's language."""

    def __init__(self, problem: Problem | str):
        if not isinstance(problem, Problem):
            problem = Problem.of("problem_text", text=problem)
        self.problem = problem
        super().__init__(str(problem))

    def words(self, lang: str) -> str:
        return self.problem.words(lang)

    def __reduce__(self):
        return (AttributionError, (self.problem,))


def _decimal_type(values: Iterable[Decimal]) -> pl.Decimal:
    scale = 0
    for value in values:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > scale:
            scale = -exponent
    return pl.Decimal(38, min(scale, 18))


CODE = pl.UInt32
"""A channel in a path: its index in ``Journeys.channels``."""


def _in_order(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=lambda n: (n.casefold(), n)))


class Journeys:
    """Distinct journeys, aggregated: each path's channels in order (after aliases), its
    conversions, their value and its non-conversions (``nulls``); ``ages`` per touch, in
    days before the conversion, when the journeys came from timestamps.

    Held in columns (``frame``: ``path`` a list of channel codes, each an index in
    ``channels``, the channels sorted by name; ``conversions``, ``value``, ``nulls`` as
    decimals): the models group integers, never names. ``paths``, ``conversions``… are
    tuples built on first use. Immutable."""

    __slots__ = ("_ages", "_cache", "_channels", "_frame")

    def __init__(
        self,
        paths: Sequence[Sequence[str]],
        conversions: Sequence[Decimal],
        value: Sequence[Decimal],
        nulls: Sequence[Decimal],
        ages: Sequence[Sequence[Decimal]] | None = None,
    ):
        paths = tuple(tuple(path) for path in paths)
        sizes = {len(paths), len(conversions), len(value), len(nulls)}
        if ages is not None:
            ages = tuple(tuple(Decimal(age) for age in touch) for touch in ages)
            sizes.add(len(ages))
            if any(len(a) != len(p) for a, p in zip(ages, paths, strict=True)):
                raise AttributionError("each path needs one age per touch")
        if len(sizes) != 1:
            raise AttributionError("paths, conversions, value and nulls differ in length")
        if any(not path for path in paths):
            raise AttributionError("a path without any touch")
        columns = {"conversions": conversions, "value": value, "nulls": nulls}
        numbers = {name: [Decimal(x) for x in column] for name, column in columns.items()}
        if any(not x.is_finite() or x < 0 for column in numbers.values() for x in column):
            raise AttributionError("conversions, value and nulls are finite, zero or more")
        if any(v and not c for c, v in zip(numbers["conversions"], numbers["value"], strict=True)):
            raise AttributionError("a value without any conversion")
        channels = _in_order(channel for path in paths for channel in path)
        code = {name: number for number, name in enumerate(channels)}
        frame = pl.DataFrame(
            {"path": [[code[channel] for channel in path] for path in paths]},
            schema={"path": pl.List(CODE)},
        )
        for name, column in numbers.items():
            frame = frame.with_columns(pl.Series(name, column, dtype=_decimal_type(column)))
        self._set(frame, channels, ages)

    def _set(self, frame: pl.DataFrame, channels: tuple[str, ...], ages) -> None:
        object.__setattr__(self, "_frame", frame)
        object.__setattr__(self, "_channels", channels)
        object.__setattr__(self, "_ages", ages)
        object.__setattr__(self, "_cache", {})

    @classmethod
    def from_frame(
        cls, frame: pl.DataFrame, ages: Sequence[Sequence[Decimal]] | None = None
    ) -> Journeys:
        """Journeys over a frame already checked by a reader, ``path`` a list of names."""
        channels = _in_order(frame.select(pl.col("path").explode().unique()).to_series())
        code = {name: number for number, name in enumerate(channels)}
        coded = frame.with_columns(
            pl.col("path").list.eval(pl.element().replace_strict(code, return_dtype=CODE))
        )
        return cls.from_codes(coded, channels, ages)

    @classmethod
    def from_codes(
        cls,
        frame: pl.DataFrame,
        channels: tuple[str, ...],
        ages: Sequence[Sequence[Decimal]] | None = None,
    ) -> Journeys:
        """Journeys over a frame already checked by a reader, ``path`` a list of codes
        into ``channels`` (sorted as ``channels_of`` sorts them, each one used)."""
        journeys = cls.__new__(cls)
        frame = frame.select(pl.col("path").cast(pl.List(CODE)), "conversions", "value", "nulls")
        journeys._set(frame, tuple(channels), ages)
        return journeys

    def __setattr__(self, name, value):
        raise AttributeError("Journeys are immutable")

    def __reduce__(self):
        return (Journeys.from_codes, (self._frame, self._channels, self._ages))

    @property
    def frame(self) -> pl.DataFrame:
        return self._frame

    @property
    def channels(self) -> tuple[str, ...]:
        """Every channel of the journeys, converting or not, sorted by name; a path's
        codes are indices into it."""
        return self._channels

    def _column(self, name: str) -> tuple:
        if name not in self._cache:
            values = self._frame.get_column(name).to_list()
            if name == "path":
                names = self._channels
                self._cache[name] = tuple(tuple(names[c] for c in path) for path in values)
            else:
                self._cache[name] = tuple(Decimal(x) for x in values)
        return self._cache[name]

    @property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        return self._column("path")

    @property
    def conversions(self) -> tuple[Decimal, ...]:
        return self._column("conversions")

    @property
    def value(self) -> tuple[Decimal, ...]:
        return self._column("value")

    @property
    def nulls(self) -> tuple[Decimal, ...]:
        return self._column("nulls")

    @property
    def ages(self) -> tuple[tuple[Decimal, ...], ...] | None:
        return self._ages

    def total(self, name: str) -> Decimal:
        """The sum of ``conversions``, ``value`` or ``nulls``, exact."""
        total = self._frame.get_column(name).sum()
        return Decimal(0) if total is None else Decimal(total)

    def __len__(self) -> int:
        return self._frame.height

    def __eq__(self, other) -> bool:
        if not isinstance(other, Journeys):
            return NotImplemented
        mine = sorted(zip(self.paths, self.conversions, self.value, self.nulls, strict=True))
        theirs = sorted(zip(other.paths, other.conversions, other.value, other.nulls, strict=True))
        return mine == theirs and (self.ages is None) == (other.ages is None)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Journeys({len(self)} paths, {len(channels_of(self))} channels)"


@dataclass(frozen=True)
class Credit:
    """What one model credits each channel with; each sum is the journeys' total."""

    model: str
    conversions: dict[str, Decimal]
    value: dict[str, Decimal]
    removal_effects: dict[str, Decimal] | None = None
    """Markov only: 1 − P(conversion without the channel) / P(conversion)."""
    note: str | None = None
    """A words key: why the model was not applied, or how it was worked out."""
    refused: Problem | None = None
    """Why the model could not be worked out (a Markov chain too large to solve): it
    credits nothing then, and the other models stand."""


HUNDREDTH = Decimal("0.01")


def to_hundredths(credit: Credit) -> Credit:
    """``credit`` with the two places its figures are shown with, still summing to the
    journeys' totals (largest remainders): the table, the bars, the dashboard and the
    report then show the same figures, and each sum of them is the sum shown (with ten
    places each, 4,55 + 14,20 + 7,11 stood under a total of 25,87)."""

    def hundredths(figures: dict[str, Decimal]) -> dict[str, Decimal]:
        rounded = rounded_adding_up(list(figures.values()), HUNDREDTH)
        return dict(zip(figures, rounded, strict=True))

    conversions, value = hundredths(credit.conversions), hundredths(credit.value)
    return replace(credit, conversions=conversions, value=value)


def channels_of(journeys: Journeys) -> tuple[str, ...]:
    """Every channel of the journeys, converting or not, sorted by name."""
    return journeys.channels


def _streamed(query: pl.LazyFrame) -> pl.DataFrame:
    """A query over the journeys run by polars's streaming engine: the touches that it
    splits the paths into are never all held at once (ten million paths stay bounded)."""
    return query.collect(engine="streaming")


# --- exact shares ------------------------------------------------------------------------


def _quantum(total: Decimal) -> Decimal:
    exponent = total.as_tuple().exponent
    places = max(SCALE, -exponent if isinstance(exponent, int) else 0)
    return Decimal(1).scaleb(-places)


def apportion(shares: dict[str, Fraction], total: Decimal) -> dict[str, Decimal]:
    """``shares`` (exact, summing to ``total``) as decimals of ``SCALE`` places that sum to
    ``total`` exactly: each rounded down, the units left given to the largest remainders
    (ties to the channel named first)."""
    quantum = _quantum(total)
    unit = Fraction(quantum)
    floors: dict[str, int] = {}
    remainders = []
    for index, (name, share) in enumerate(shares.items()):
        units = math.floor(share / unit)
        floors[name] = units
        remainders.append((-(share / unit - units), index, name))
    left = int((Fraction(total) / unit) - sum(floors.values()))
    for _remainder, _index, name in sorted(remainders)[: max(left, 0)]:
        floors[name] += 1
    return {name: (Decimal(units) * quantum) for name, units in floors.items()}


def _credit(
    model: str,
    journeys: Journeys,
    conversions: dict[str, Fraction],
    value: dict[str, Fraction],
    **extra,
) -> Credit:
    names = channels_of(journeys)
    conv = {name: conversions.get(name, Fraction(0)) for name in names}
    val = {name: value.get(name, Fraction(0)) for name in names}
    return Credit(
        model,
        apportion(conv, journeys.total("conversions")),
        apportion(val, journeys.total("value")),
        **extra,
    )


def _fraction(value) -> Fraction:
    return Fraction(0) if value is None else Fraction(Decimal(value))


def _sums(frame: pl.DataFrame | pl.LazyFrame, keys: list) -> list[tuple]:
    """``conversions`` and ``value`` summed by ``keys`` (exact decimals), as rows."""
    grouped = frame.lazy().group_by(keys).agg(pl.col("conversions").sum(), pl.col("value").sum())
    return _streamed(grouped).rows()


def _add(target: dict[str, Fraction], name: str, amount: Fraction) -> None:
    if amount:
        target[name] = target.get(name, Fraction(0)) + amount


# --- rule models -------------------------------------------------------------------------


def _touch(journeys: Journeys, model: str) -> Credit:
    pick = pl.col("path").list.last() if model == "last" else pl.col("path").list.first()
    names = journeys.channels
    conv: dict[str, Fraction] = {}
    val: dict[str, Fraction] = {}
    frame = journeys.frame.select(pick.alias("channel"), "conversions", "value")
    for channel, conversions, value in _sums(frame, ["channel"]):
        _add(conv, names[channel], _fraction(conversions))
        _add(val, names[channel], _fraction(value))
    return _credit(model, journeys, conv, val)


def _linear(journeys: Journeys) -> Credit:
    names = journeys.channels
    conv: dict[str, Fraction] = {}
    val: dict[str, Fraction] = {}
    touches = journeys.frame.lazy().select(
        pl.col("path").list.len().alias("touches"),
        pl.col("path").alias("channel"),
        "conversions",
        "value",
    )
    for touches_, channel, conversions, value in _sums(
        touches.explode("channel"), ["touches", "channel"]
    ):
        _add(conv, names[channel], _fraction(conversions) / touches_)
        _add(val, names[channel], _fraction(value) / touches_)
    return _credit("linear", journeys, conv, val)


def _position(journeys: Journeys, weights: tuple[Decimal, Decimal, Decimal]) -> Credit:
    if len(weights) != 3 or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise AttributionError("position weights: three numbers, zero or more, not all zero")
    first_w, middle_w, last_w = (Fraction(w) / Fraction(sum(weights)) for w in weights)
    ends = first_w + last_w
    # Two touches share the first and last weights between them (half each by default).
    two_first, two_last = (first_w / ends, last_w / ends) if ends else (Fraction(1, 2),) * 2

    def part(place: int, touches: int) -> Fraction:
        if touches == 1:
            return Fraction(1)
        if place == 0:
            return two_first if touches == 2 else first_w
        if place == 2:
            return two_last if touches == 2 else last_w
        return middle_w / (touches - 2)

    # The first and the last touch of each path, then the touches between (split apart).
    length = pl.col("path").list.len()
    paths = journeys.frame.lazy().select(length.alias("touches"), "path", "conversions", "value")
    firsts = paths.select(
        pl.lit(0).alias("place"),
        "touches",
        pl.col("path").list.first().alias("channel"),
        "conversions",
        "value",
    )
    lasts = paths.filter(pl.col("touches") > 1).select(
        pl.lit(2).alias("place"),
        "touches",
        pl.col("path").list.last().alias("channel"),
        "conversions",
        "value",
    )
    between = (
        paths.filter(pl.col("touches") > 2)
        .select(
            pl.lit(1).alias("place"),
            "touches",
            pl.col("path").list.slice(1, pl.col("touches") - 2).alias("channel"),
            "conversions",
            "value",
        )
        .explode("channel")
    )
    names = journeys.channels
    conv: dict[str, Fraction] = {}
    val: dict[str, Fraction] = {}
    for frame in (firsts, lasts, between):
        for place_, touches, channel, conversions, value in _sums(
            frame, ["place", "touches", "channel"]
        ):
            share = part(place_, touches)
            _add(conv, names[channel], _fraction(conversions) * share)
            _add(val, names[channel], _fraction(value) * share)
    return _credit("position", journeys, conv, val)


def decay_weight(age: Decimal, half_life_days: Decimal) -> Decimal:
    """2^(−age / half-life), to 50 significant digits (correctly rounded, deterministic)."""
    with localcontext() as context:
        context.prec = 50
        return (Decimal(2) ** (-(Decimal(age) / Decimal(half_life_days)))).normalize()


def _time_decay(journeys: Journeys, half_life_days: Decimal) -> Credit:
    if journeys.ages is None:
        zero = {name: Decimal(0) for name in channels_of(journeys)}
        return Credit("time-decay", zero, dict(zero), note=NOTE_NEEDS_TIMESTAMPS)
    if not half_life_days > 0:
        raise AttributionError("half-life: more than zero days")
    weights: dict[Decimal, Fraction] = {}
    conv: dict[str, Fraction] = {}
    val: dict[str, Fraction] = {}
    rows = zip(journeys.paths, journeys.ages, journeys.conversions, journeys.value, strict=True)
    for path, ages, conversions, value in rows:
        if not conversions and not value:
            continue
        touch_weights = []
        for age in ages:
            if age not in weights:
                weights[age] = Fraction(decay_weight(age, half_life_days))
            touch_weights.append(weights[age])
        whole = sum(touch_weights)
        for channel, weight in zip(path, touch_weights, strict=True):
            _add(conv, channel, Fraction(conversions) * weight / whole)
            _add(val, channel, Fraction(value) * weight / whole)
    return _credit("time-decay", journeys, conv, val)


# --- Markov ------------------------------------------------------------------------------


def transitions(journeys: Journeys, order: int = 1) -> dict[tuple[str, str], Fraction]:
    """Each transition (from, to) of the chain and its count: each path counts its
    conversions plus its nulls, every touch a step (repeats included). States are the
    last ``order`` channels joined by ``\\x1f`` (fewer at a path's start)."""
    names = journeys.channels
    base = len(names) + 1
    if base**order >= 2**63:
        raise AttributionError(f"order {order} with {len(names)} channels: too many states")
    # A state is a number: its channels' codes + 1 as digits in ``base``, the latest the
    # lowest, 0 for none (the start is 0): at each touch, the sum of the path's codes + 1
    # moved 0 to ``order`` - 1 places later, times ``base`` to the power of the places.
    digits = pl.col("path").cast(pl.List(pl.UInt64)) + 1
    length = pl.col("path").list.len()
    state = digits
    for back in range(1, order):
        state = state + _shifted(digits, back, length) * base**back
    weight = pl.col("conversions") + pl.col("nulls")
    paths = (
        journeys.frame.lazy()
        .filter(weight > 0)
        .select(
            state.alias("to"),
            weight.alias("weight"),
            "conversions",
            "nulls",
        )
    )
    before = _shifted(pl.col("to"), 1, pl.col("to").list.len())
    steps = _streamed(
        paths.select(before.alias("from"), "to", "weight")
        .explode("from", "to")
        .group_by("from", "to")
        .agg(pl.col("weight").sum())
    )
    ends = _streamed(
        paths.select(pl.col("to").list.last().alias("state"), "conversions", "nulls")
        .group_by("state")
        .agg(pl.col("conversions").sum(), pl.col("nulls").sum())
    )

    def named(number: int) -> str:
        if number == 0:
            return START
        channels = []
        while number:
            number, digit = divmod(number, base)
            if digit:
                channels.append(names[digit - 1])
        return _JOIN.join(reversed(channels))

    counted: dict[tuple[str, str], Fraction] = {}
    for source, target, weight_ in steps.rows():
        counted[(named(source), named(target))] = _fraction(weight_)
    for source, conversions, nulls in ends.rows():
        for target, amount in ((CONVERSION, conversions), (NULL, nulls)):
            if amount:
                counted[(named(source), target)] = _fraction(amount)
    return counted


def _shifted(lists: pl.Expr, places: int, length: pl.Expr) -> pl.Expr:
    """Each list moved ``places`` later, zeros coming in (``list.shift`` then a fill of
    its nulls takes three times as long)."""
    zeros = pl.lit([0] * places, dtype=pl.List(pl.UInt64))
    return pl.concat_list(zeros, lists).list.head(length)


def conversion_probability(
    counted: dict[tuple[str, str], Fraction],
    removed: str | None = None,
    *,
    fraction_limit: int = MARKOV_FRACTION_LIMIT,
) -> Fraction:
    """P(conversion) from start, exact: the absorbing chain's linear system
    N_s·x_s − Σ_t n_st·x_t = n_s,conversion, solved by elimination in fractions up to
    ``fraction_limit`` states, by FLINT above (the same fraction). States holding
    ``removed`` send what enters them to null (x = 0)."""

    def gone(state: str) -> bool:
        return removed is not None and state != START and removed in state.split(_JOIN)

    outgoing: dict[str, dict[str, Fraction]] = {}
    for (source, target), count in counted.items():
        outgoing.setdefault(source, {})[target] = count
    if START not in outgoing:
        return Fraction(0)
    states = [s for s in sorted(outgoing) if s != START and not gone(s)] + [START]
    index = {state: position for position, state in enumerate(states)}
    rows: list[dict[int, Fraction]] = []
    rhs: list[Fraction] = []
    for state in states:
        row: dict[int, Fraction] = {index[state]: sum(outgoing[state].values())}
        for target, count in outgoing[state].items():
            if target in index:
                row[index[target]] = row.get(index[target], Fraction(0)) - count
        rows.append(row)
        rhs.append(outgoing[state].get(CONVERSION, Fraction(0)))
    if len(states) <= fraction_limit:
        return _last_by_elimination(rows, rhs)
    return _last_by_flint(rows, rhs)


def _last_by_elimination(rows: list[dict[int, Fraction]], rhs: list[Fraction]) -> Fraction:
    """The last unknown of the sparse system ``rows`` · x = ``rhs``, by elimination in
    fractions (``rows`` and ``rhs`` are worked on)."""
    # Forward elimination in order, start last: x_start is then read off its own row.
    # The matrix is a non-singular M-matrix (every state reaches an end), so no pivot is 0.
    below: dict[int, set[int]] = {}
    for number, row in enumerate(rows):
        for column in row:
            if column < number:
                below.setdefault(column, set()).add(number)
    for pivot in range(len(rows) - 1):
        pivot_row = rows[pivot]
        diagonal = pivot_row[pivot]
        for number in sorted(below.get(pivot, ())):
            row = rows[number]
            factor = row.pop(pivot, None)
            if not factor:
                continue
            factor /= diagonal
            for column, entry in pivot_row.items():
                if column == pivot:
                    continue
                row[column] = row.get(column, Fraction(0)) - factor * entry
                if column < number and column > pivot:
                    below.setdefault(column, set()).add(number)
            rhs[number] -= factor * rhs[pivot]
        # back substitution is not needed for the start: later rows no longer hold pivot
    last = len(rows) - 1
    return rhs[last] / rows[last][last]


def _last_by_flint(rows: list[dict[int, Fraction]], rhs: list[Fraction]) -> Fraction:
    """The last unknown of the sparse system ``rows`` · x = ``rhs``, exact, by FLINT's
    rational solve (Dixon's p-adic lifting, in C): each row times its common denominator
    is in integers; the solution's numerator and denominator come back as a Fraction."""
    import flint  # python-flint: its 11 MB only for a chain of more than a few states

    size = len(rows)
    entries = [0] * (size * size)
    column = []
    for number, (row, constant) in enumerate(zip(rows, rhs, strict=True)):
        scale = math.lcm(constant.denominator, *(entry.denominator for entry in row.values()))
        offset = number * size
        for position, entry in row.items():
            entries[offset + position] = entry.numerator * (scale // entry.denominator)
        column.append(constant.numerator * (scale // constant.denominator))
    solution = flint.fmpz_mat(size, size, entries).solve(flint.fmpz_mat(size, 1, column))
    last = solution[size - 1, 0]
    return Fraction(int(last.p), int(last.q))


def _observed_conversion_rate(counted: dict[tuple[str, str], Fraction]) -> Fraction:
    """P(conversion) of the whole chain, without solving it: the counted paths are a flow
    (what enters a state leaves it), so the expected visits of the chain are the counts
    and its conversions are those observed, over the paths that left the start. The same
    fraction ``conversion_probability(counted)`` solves for (a test holds them equal)."""
    started = sum(count for (source, _target), count in counted.items() if source == START)
    converted = sum(count for (_source, target), count in counted.items() if target == CONVERSION)
    return converted / started if started else Fraction(0)


def _markov(journeys: Journeys, order: int) -> Credit:
    if not 1 <= order <= MAX_ORDER:
        raise AttributionError(f"order: 1 to {MAX_ORDER}")
    names = channels_of(journeys)
    counted = transitions(journeys, order)
    states = len({source for source, _target in counted})
    if states > MARKOV_STATE_LIMIT:
        raise AttributionError(
            Problem.of(
                "attribution_too_many_states",
                order=order,
                states=states,
                limit=MARKOV_STATE_LIMIT,
            )
        )
    if len(names) * states**3 > MARKOV_WORK_LIMIT:
        raise AttributionError(
            Problem.of(
                "attribution_too_many_channels", order=order, states=states, channels=len(names)
            )
        )
    whole = _observed_conversion_rate(counted)
    effects: dict[str, Fraction] = {}
    for name in names:
        without = conversion_probability(counted, removed=name)
        effects[name] = 1 - without / whole if whole else Fraction(0)
    total_effect = sum(effects.values())
    conv_total = Fraction(journeys.total("conversions"))
    value_total = Fraction(journeys.total("value"))
    conv = {n: conv_total * e / total_effect for n, e in effects.items()} if total_effect else {}
    val = {n: value_total * e / total_effect for n, e in effects.items()} if total_effect else {}
    if not total_effect and (conv_total or value_total):  # no path converts: nothing to share
        conv, val = {}, {}
    quantum = Decimal(1).scaleb(-SCALE)
    shown = {
        name: Decimal(effect.numerator) / Decimal(effect.denominator)
        for name, effect in effects.items()
    }
    shown = {name: effect.quantize(quantum, ROUND_HALF_EVEN) for name, effect in shown.items()}
    return _credit("markov", journeys, conv, val, removal_effects=shown)


# --- Shapley -----------------------------------------------------------------------------


def _shapley(journeys: Journeys) -> Credit:
    names = journeys.channels
    earning = (pl.col("conversions") > 0) | (pl.col("value") > 0)
    frame = journeys.frame.filter(earning)
    channels = pl.col("path").list.unique()
    conv: dict[str, Fraction] = {}
    val: dict[str, Fraction] = {}
    if len(names) > SHAPLEY_EXACT_LIMIT:
        size = pl.col("path").list.n_unique().alias("size")
        held = frame.select(channels.alias("channel"), size, "conversions", "value")
        for channel, size_, conversions, value in _sums(
            held.explode("channel"), ["channel", "size"]
        ):
            _add(conv, names[channel], _fraction(conversions) / size_)
            _add(val, names[channel], _fraction(value) / size_)
        return _credit("shapley", journeys, conv, val, note=NOTE_SHAPLEY_CLOSED_FORM)
    bit = pl.lit(2, pl.Int64).pow(pl.element().cast(pl.Int64))
    sets = frame.select(channels.list.eval(bit).list.sum().alias("set"), "conversions", "value")
    rows = _sums(sets, ["set"])
    conv = shapley_by_coalitions(names, [(m, _fraction(c)) for m, c, _ in rows])
    val = shapley_by_coalitions(names, [(m, _fraction(v)) for m, _, v in rows])
    return _credit("shapley", journeys, conv, val)


def shapley_by_coalitions(
    names: Sequence[str], worth: list[tuple[int, Fraction]]
) -> dict[str, Fraction]:
    """The Shapley value of the game v(S) = Σ worth of the journeys whose channels all lie
    in S (each journey's set as a bit mask over ``names``), by enumerating the 2^n
    coalitions (exact, in integers over a common denominator)."""
    n = len(names)
    if n == 0:
        return {}
    bit = {name: 1 << position for position, name in enumerate(names)}
    denominator = math.lcm(*(w.denominator for _, w in worth)) if worth else 1
    v = [0] * (1 << n)
    for mask, amount in worth:
        v[mask] += int(amount * denominator)
    for position in range(n):  # v(S) = Σ over subsets (a zeta transform)
        step = 1 << position
        for mask in range(1 << n):
            if mask & step:
                v[mask] += v[mask ^ step]
    factorial = [math.factorial(k) for k in range(n + 1)]
    weight = [factorial[size] * factorial[n - size - 1] for size in range(n)]
    sizes = [mask.bit_count() for mask in range(1 << n)]
    values: dict[str, Fraction] = {}
    for name in names:
        step = bit[name]
        total = 0
        for mask in range(1 << n):
            if not mask & step:
                gain = v[mask | step] - v[mask]
                if gain:
                    total += weight[sizes[mask]] * gain
        values[name] = Fraction(total, factorial[n] * denominator)
    return values


# --- the models, by name -----------------------------------------------------------------


def attribute(
    journeys: Journeys,
    model: str,
    *,
    order: int = 1,
    half_life_days: Decimal = Decimal(7),
    position_weights: tuple[Decimal, Decimal, Decimal] = (
        Decimal("0.4"),
        Decimal("0.2"),
        Decimal("0.4"),
    ),
) -> Credit:
    """What ``model`` credits each channel with (see the module's text)."""
    if model in ("last", "first"):
        return _touch(journeys, model)
    if model == "linear":
        return _linear(journeys)
    if model == "position":
        return _position(journeys, tuple(Decimal(w) for w in position_weights))
    if model == "time-decay":
        return _time_decay(journeys, Decimal(half_life_days))
    if model == "markov":
        return _markov(journeys, order)
    if model == "shapley":
        return _shapley(journeys)
    raise AttributionError(f"unknown model {model!r}: one of {', '.join(MODELS)}")


def attribute_all(journeys: Journeys, **options) -> dict[str, Credit]:
    """Every model that applies (time decay only with timestamps), in ``MODELS`` order; a
    Markov chain too large to solve is ``refused`` and the other models stand."""
    credits = {}
    for model in MODELS:
        if model == "time-decay" and journeys.ages is None:
            continue
        try:
            credits[model] = attribute(journeys, model, **options)
        except AttributionError as error:
            if model != "markov" or error.problem.key not in MARKOV_LIMITS:
                raise
            credits[model] = Credit(model, {}, {}, refused=error.problem)
    return credits


MARKOV_LIMITS = ("attribution_too_many_states", "attribution_too_many_channels")
"""The problems of a chain too large to solve (the other models are worked out)."""


__all__ = [
    "MARKOV_FRACTION_LIMIT",
    "MARKOV_STATE_LIMIT",
    "MODELS",
    "SCALE",
    "SHAPLEY_EXACT_LIMIT",
    "AttributionError",
    "Credit",
    "Journeys",
    "apportion",
    "attribute",
    "attribute_all",
    "channels_of",
    "conversion_probability",
    "to_hundredths",
    "transitions",
]
