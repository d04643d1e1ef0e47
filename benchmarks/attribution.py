"""Attribution on a million paths: the plain ``csv`` read of the file (the floor) and
every model, in the same run (issue 17: at most 3x the floor); then Markov of order 2 and
3 alone (111 and 1 111 states over the ten channels, solved by FLINT), outside that ratio."""

from __future__ import annotations

import csv
import random
import tempfile
import time
from pathlib import Path

CHANNELS = (
    "facebook",
    "instagram",
    "linkedin",
    "x",
    "youtube",
    "email",
    "google",
    "reviews",
    "word of mouth",
    "direct",
)


MARKOV_ORDERS = (2, 3)
"""Timed apart from "every model" (whose Markov is of order 1)."""


def paths_file(folder: Path, rows: int, seed: int = 17) -> Path:
    """ChannelAttribution's format: 1 to 8 touches over ten channels, a conversion in
    about two rows of five, nulls on every row."""
    rng = random.Random(seed)
    path = folder / f"paths-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("path;total_conversions;total_conversion_value;total_null\n")
        for _ in range(rows):
            touches = " > ".join(rng.choice(CHANNELS) for _ in range(rng.randint(1, 8)))
            conversions = rng.choice((0, 0, 0, 1, 2))
            value = f"{conversions * rng.randint(10, 200)}.{rng.randint(0, 99):02d}"
            out.write(
                f"{touches};{conversions};{value if conversions else 0};{rng.randint(0, 30)}\n"
            )
    return path


def measure(path: Path) -> dict[str, float]:
    """Seconds: the plain read, then reading the journeys, every model, and Markov of
    each higher order in ``MARKOV_ORDERS``."""
    from socialroi_tui.engine.attribution import attribute, attribute_all
    from socialroi_tui.store.journeys import read_journeys_file

    timings = {}
    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as stream:
        for _row in csv.reader(stream, delimiter=";"):
            pass
    timings["floor: csv read"] = time.perf_counter() - start
    start = time.perf_counter()
    journeys = read_journeys_file(path)
    timings["read and aggregate"] = time.perf_counter() - start
    start = time.perf_counter()
    attribute_all(journeys)
    timings["every model"] = time.perf_counter() - start
    for order in MARKOV_ORDERS:
        start = time.perf_counter()
        attribute(journeys, "markov", order=order)
        timings[f"markov order {order}"] = time.perf_counter() - start
    return timings


def bench_attribution(rows: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = paths_file(Path(folder), rows)
        timings = measure(path)
    floor = timings["floor: csv read"]
    total = timings["read and aggregate"] + timings["every model"]
    print(
        f"attribution, {rows:,} paths: csv read (floor) {floor:.2f} s; read + aggregate "
        f"{timings['read and aggregate']:.2f} s, every model {timings['every model']:.2f} s; "
        f"total {total:.2f} s = {total / floor:.1f}x the floor (aim: 3x)"
    )
    for order in MARKOV_ORDERS:
        print(
            f"attribution, {rows:,} paths: Markov of order {order} alone "
            f"{timings[f'markov order {order}']:.2f} s"
        )
