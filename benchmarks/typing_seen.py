"""Typing as the user's terminal sees it: keys written to a pseudo-terminal, the app's
output fed to a terminal emulator, the clock stopped when the screen shows what the key
should bring (the typed text and the figures worked out from it).

The budget calculator's CTR field holds ``2 %``; the keys ``,57`` then four backspaces
and ``2`` bring it back to ``2 %`` through ``2,5 %``, ``2,57 %`` and an unreadable
value, the figures following each key. What each key should bring is read once, slowly
(the screen after each key once the app has gone quiet); then the keys are typed in
bursts, 50 ms apart, with pauses of 1.5 s between bursts; each burst ends on ``2,57 %``,
so that in each pause the recovery copy of the unsaved change is written and the
collector runs. A key that is late delays the next one and is counted however late
it is. A bare Textual app (header, Input, footer) gets the same keys in the same run, in
turn with socialroi, so that both see the same load of the machine.

The campaigns: seed-000, and seed-000 with 10 000 and 100 000 results.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.campaigns import SAMPLE, campaign_with_results
from benchmarks.screen import Terminal

TO_THE_CTR_FIELD = ["tab", "tab", "tab", "ctrl+e", "left", "left"]
INTO_THE_BARE_INPUT = ["2", " ", "%", "left", "left"]
CYCLE = [",", "5", "7", "backspace", "backspace", "backspace", "backspace", "2"]
KEY_GAP = 0.05
PAUSE = 1.5
BURSTS = 6
LATE = 5.0
"""A key whose screen has not shown after this long is counted at this (and the run is
out of step: it says so)."""


class Typist:
    """One app being typed into, with what each key of the cycle should bring."""

    def __init__(self, argv: list[str], ready: str, setup: list[str], env=None) -> None:
        self.terminal = Terminal(argv, env=env)
        if self.terminal.wait_for(lambda t: ready in t.text(), 60) is None:
            raise RuntimeError(f"{argv} never showed {ready!r}:\n{self.terminal.text()}")
        self.terminal.settle(0.5)
        for key in setup:
            self.terminal.press(key)
            self.terminal.settle(0.3)
        self.expected: list[list[str]] = []
        for key in CYCLE:  # slowly, to learn what each key brings
            self.terminal.press(key)
            self.expected.append(self.terminal.settle(0.4))
        self.latencies: list[float] = []
        self.out_of_step = 0

    def type_key(self, position: int) -> None:
        """Type the cycle's key at ``position``; note how long until its screen shows."""
        expected = self.expected[position]
        sent = self.terminal.press(CYCLE[position])
        seen = self.terminal.wait_for(lambda t: t.lines() == expected, LATE)
        if seen is None:
            self.out_of_step += 1
            self.latencies.append(LATE)
        else:
            self.latencies.append(seen - sent)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def _line(name: str, typist: Typist) -> str:
    values = [v * 1000 for v in typist.latencies]
    late = f", {typist.out_of_step} keys never showed" if typist.out_of_step else ""
    return (
        f"  {name:28s} median {statistics.median(values):6.1f} ms   "
        f"p95 {_percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms{late}"
    )


def type_side_by_side(campaign: Path) -> tuple[Typist, Typist]:
    bare = Typist([sys.executable, "-m", "benchmarks.bare_app"], "bare-ready", INTO_THE_BARE_INPUT)
    app = Typist(
        [
            sys.executable,
            "-m",
            "socialroi_tui",
            str(campaign),
            "--screen",
            "budget",
            "--lang",
            "fr",
        ],
        "Répartition par réseau",
        TO_THE_CTR_FIELD,
        env={"XDG_STATE_HOME": str(campaign.parent / "state")},
    )
    app.terminal.settle(1.0, timeout=30)  # a large campaign's results are being written
    # Each burst ends on ``2,57 %``: the campaign has unsaved changes during the pause,
    # so that the recovery copy is written then.
    order = [*range(3, len(CYCLE)), 0, 1, 2]
    try:
        for burst in [[0, 1, 2]] + [order] * BURSTS:
            for position in burst:
                slot = time.perf_counter() + KEY_GAP
                bare.type_key(position)
                app.type_key(position)
                time.sleep(max(slot - time.perf_counter(), 0))
            time.sleep(PAUSE)
    finally:
        bare.terminal.close()
        app.terminal.close()
    return bare, app


def bench_typing(sizes: tuple[int, ...] = (0, 10_000, 100_000)) -> None:
    keys = 3 + BURSTS * len(CYCLE)
    print(
        f"typing, seen from outside (pty + terminal emulator), {keys} keys in bursts "
        f"{KEY_GAP * 1000:.0f} ms apart with {PAUSE} s pauses:"
    )
    with tempfile.TemporaryDirectory() as folder:
        for results in sizes:
            campaign = (
                campaign_with_results(Path(folder), results)
                if results
                else Path(folder) / "seed-000.toml"
            )
            if not results:
                campaign.write_bytes(SAMPLE.read_bytes())
            bare, app = type_side_by_side(campaign)
            print(_line("bare Textual Input", bare))
            print(_line(f"socialroi, {results:,} results", app))
    print("  target: p95 <= 16.7 ms and max <= 50 ms on 100,000 results")


if __name__ == "__main__":
    bench_typing()
