"""Start-up: process start to the complete first screen, against a bare Textual app.

Both run in a pseudo-terminal of 80×24, alternately, in the same run; their output is
fed to a terminal emulator and the clock stops when the whole first screen is there:
for socialroi on seed-000, the top bar with the campaign's name, the section bar, the
objectives with the count of those chosen, and the key bar with every key; for the bare
app, its header, Input and footer. The figure is the median of the paired ratios (each
socialroi run against the bare run just before it). We also note when the campaign file
is fully loaded and validated (the first screen is drawn from a quick read; the full
load follows), and the peak memory once the app has settled, full load included.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.campaigns import SAMPLE
from benchmarks.screen import Terminal

OUR_SCREEN = (
    "Lancement e-book automne",  # the top bar
    "1 Objectives",  # the section bar
    "Brand awareness and image",  # the objectives
    "2 selected",  # the line under them
    "^s Save",  # the key bar, with the keys of a loaded campaign
)
BARE_SCREEN = ("BareApp", "type here", "bare-ready", "Quit")


def time_to_screen(argv: list[str], parts: tuple[str, ...], env=None) -> tuple[float, float]:
    """Seconds until the screen shows every one of ``parts``, and peak memory (MB) after
    a second more."""
    terminal = Terminal(argv, env=env)
    shown = terminal.wait_for(lambda t: all(part in t.text() for part in parts), 20)
    terminal.settle(1.0, timeout=3)
    memory = terminal.close()
    return (float("nan") if shown is None else shown - terminal.started), memory


def bench_startup(rounds: int = 9) -> None:
    bare_times, bare_memory, ours, our_memory, ratios, memory_ratios, ready = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace"
        for _ in range(rounds):
            bare, bare_mb = time_to_screen(
                [sys.executable, "-m", "benchmarks.bare_app"], BARE_SCREEN
            )
            trace.unlink(missing_ok=True)
            started = time.time()
            argv = [sys.executable, "-m", "socialroi_tui", str(SAMPLE), "--lang", "en"]
            our, our_mb = time_to_screen(argv, OUR_SCREEN, {"SOCIALROI_BENCH_TRACE": str(trace)})
            for line in trace.read_text().splitlines() if trace.exists() else []:
                event, stamp = line.split()
                if event == "document-ready":
                    ready.append(float(stamp) - started)
            bare_times.append(bare)
            bare_memory.append(bare_mb)
            ours.append(our)
            our_memory.append(our_mb)
            ratios.append(our / bare)
            memory_ratios.append(our_mb / bare_mb)
    median = statistics.median
    print(f"start-up to the complete first screen, {rounds} paired runs in an 80x24 pty:")
    print(
        f"  bare Textual app (header, Input, footer)  {median(bare_times):.3f} s"
        f"   peak {median(bare_memory):.1f} MB"
    )
    print(
        f"  socialroi seed-000.toml                   {median(ours):.3f} s"
        f"   peak {median(our_memory):.1f} MB"
    )
    if ready:
        print(f"  socialroi campaign fully loaded           {median(ready):.3f} s")
    print(
        f"  median of paired ratios: time {median(ratios):.2f}x (target <= 1.3x), "
        f"memory {median(memory_ratios):.3f}x (target <= 1.4x)"
    )
