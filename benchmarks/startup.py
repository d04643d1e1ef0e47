"""Start-up: process start to the first usable screen, against a bare Textual app.

Both run in a pseudo-terminal of 80×24, alternately, in the same run. The clock stops
when a marker text reaches the terminal; for socialroi we also note when the campaign
file is fully loaded and validated (the first frame is drawn from a quick read of the
file; the full load follows the first frame). Peak memory is read once the app has
settled, so it includes the full load.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.terminal import time_to_marker

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_campaigns" / "seed-000.toml"


def _socialroi_run(trace: Path) -> tuple[float, float, float]:
    trace.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "socialroi_tui", str(SAMPLE), "--lang", "en"]
    started = time.time()
    run = time_to_marker(
        argv, b"Brand awareness and image", settle=1.5, env={"SOCIALROI_BENCH_TRACE": str(trace)}
    )
    ready = float("nan")
    if trace.exists():
        for line in trace.read_text().splitlines():
            event, stamp = line.split()
            if event == "document-ready":
                ready = float(stamp) - started
    return run.seconds, ready, run.peak_rss_mb


def bench_startup(rounds: int = 9) -> None:
    bare_times, bare_memory, ours, ready, our_memory = [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace"
        for _ in range(rounds):
            bare = time_to_marker(
                [sys.executable, "-m", "benchmarks.bare_app"], b"bare-ready", settle=1.5
            )
            bare_times.append(bare.seconds)
            bare_memory.append(bare.peak_rss_mb)
            first_frame, loaded, memory = _socialroi_run(trace)
            ours.append(first_frame)
            ready.append(loaded)
            our_memory.append(memory)
    bare_time, our_time = statistics.median(bare_times), statistics.median(ours)
    bare_mb, our_mb = statistics.median(bare_memory), statistics.median(our_memory)
    print(f"start-up, median of {rounds} runs in an 80x24 pty:")
    print(
        f"  bare Textual app (one Input)      first frame {bare_time:.3f} s   peak {bare_mb:.1f} MB"
    )
    print(
        f"  socialroi seed-000.toml           first frame {our_time:.3f} s   peak {our_mb:.1f} MB"
    )
    print(f"  socialroi campaign fully loaded   {statistics.median(ready):.3f} s")
    print(
        f"  ratio: time {our_time / bare_time:.2f}x (target <= 1.5x), "
        f"memory {our_mb / bare_mb:.2f}x (target <= 1.5x)"
    )
