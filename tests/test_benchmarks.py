"""The keystroke benchmark's reading of a probe trace (the figures themselves are only
printed by ``make bench``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.keystrokes import _p95, per_key


def test_each_typed_key_is_timed_to_the_last_write_of_its_frame():
    trace = [
        ["key", 0.0, "tab"],  # setup: not counted
        ["write", 0.002, 900],
        ["key", 1.0, "2"],
        ["write", 1.001, 100],
        ["write", 1.003, 50],
        ["write", 1.5, 999],  # long after the key: something else (a timer)
        ["key", 2.0, "backspace"],
        ["write", 2.004, 80],
        ["key", 3.0, "escape"],  # ends the typing
        ["write", 3.001, 8000],
    ]
    latencies, sizes = per_key(trace, typed=2)
    assert [round(x, 3) for x in latencies] == [0.003, 0.004]
    assert sizes == [150, 80]


def test_a_key_without_a_frame_is_left_out_and_shows_in_the_count():
    trace = [["key", 0.0, "a"], ["key", 1.0, "b"], ["write", 1.002, 10], ["key", 2.0, "escape"]]
    latencies, _sizes = per_key(trace, typed=2)
    assert len(latencies) == 1


def test_p95_is_the_value_below_which_95_percent_lie():
    values = [float(n) for n in range(1, 101)]
    assert _p95(values) == 95.0


async def test_the_dashboard_benchmark_times_each_step_on_a_small_campaign(tmp_path):
    """Every step of ``make bench``'s dashboard run draws its change (timings are only
    printed there, never checked)."""
    from benchmarks.dashboard import campaign_of_publications, measure

    path = campaign_of_publications(tmp_path, publications=40, rows=2)
    timings = await measure(path, rounds=1, publications=40)
    assert set(timings) == {
        "floor: cursor down",
        "sort (s)",
        "reverse sort (S)",
        "rank by CPA (c)",
        "fold (Enter)",
        "unfold (Enter)",
        "add a result (OK)",
    }
    assert all(len(seconds) == 1 for seconds in timings.values())


def test_the_attribution_benchmark_times_the_floor_and_every_model(tmp_path):
    """``make bench``'s attribution run on a small file (timings never checked)."""
    from benchmarks.attribution import measure, paths_file

    timings = measure(paths_file(tmp_path, rows=200))
    assert set(timings) == {
        "floor: csv read",
        "read and aggregate",
        "every model",
        "markov order 2",
        "markov order 3",
    }
